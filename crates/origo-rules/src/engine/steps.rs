//! Every kind of step the engine writes into a trace: its stable key and the parameters it carries. Pages turn a
//! step into a sentence of their language with these (`trace.<key>` in their catalogues), so the list is public and
//! tested against what the engine emits.
//!
//! Parameter values are strings, written as the English line prints them: HS codes (`620520`), amounts and
//! percentages as decimal strings (`4850.00`, `48.5`), dates (`2026-05-11`), comparison signs (`<=`, `>`). An empty
//! value means "not given" (a product's price or weight, a material's code, value or weight or description). `row`
//! is a material's row counted from 1 (`materials[row - 1]`); `rows` is a list of them (`1, 3`). `rule` is rule-
//! language text. `basis` is `ex_works`, `fob` or (for the tolerance by weight) `weight`.
//!
//! The condition steps (`condition.*`) carry the atom of the rule tried (`rule`), the alternative it belongs to
//! (`alternative` of `alternatives`, both empty when the rule has one alternative), what was found (`finding`, a
//! key of [`FINDING_KINDS`] whose own parameters follow, or empty) and the facts missing (`needs`, JSON paths
//! joined by `, `, or empty).

/// A kind of step or finding: its key and the names of its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepKind {
    pub key: &'static str,
    pub params: &'static [&'static str],
}

const fn kind(key: &'static str, params: &'static [&'static str]) -> StepKind {
    StepKind { key, params }
}

/// The parameters of a material's line.
const MATERIAL: &[&str] = &["row", "hs", "description", "value", "weight"];
/// The parameters every condition step carries, before its finding's.
pub const CONDITION_PARAMS: &[&str] = &["alternative", "alternatives", "rule", "finding", "needs"];
const ALTERNATIVE: &[&str] = &["alternative", "alternatives"];

/// Every step key the engine can emit, with its parameters.
pub const STEP_KINDS: &[StepKind] = &[
    kind("scheme", &["scheme", "title", "country", "branch", "branch_label", "date"]),
    kind("scheme.not_beneficiary", &["scheme", "title", "country"]),
    kind("scheme.not_in_force", &["date"]),
    kind("configuration.figure", &["figure", "source", "new", "old"]),
    kind("configuration.figure_noted", &["figure", "source", "note", "new", "old"]),
    kind("configuration.rule", &["rule_set", "branch", "source", "new", "old"]),
    kind("configuration.rule_noted", &["rule_set", "branch", "source", "note", "new", "old"]),
    kind("product", &["hs", "price", "weight"]),
    kind("product.described", &["hs", "description", "price", "weight"]),
    kind("material.wholly_obtained", &["row", "hs", "description", "value", "weight", "country"]),
    kind("material.originating", &["row", "hs", "description", "value", "weight", "country"]),
    kind("material.originating_cumulation", &["row", "hs", "description", "value", "weight", "country", "partner"]),
    kind("material.non_originating", &["row", "hs", "description", "value", "weight", "country"]),
    kind("material.non_originating.void_claim", MATERIAL),
    kind("material.non_originating.origin_unknown", MATERIAL),
    kind("wholly_obtained.originating", &[]),
    kind("wholly_obtained.void_claim", &[]),
    kind("wholly_obtained.unknown", &[]),
    kind("rule_set.none", &["scheme", "hs", "date"]),
    kind("rule_set.variants", &["variants"]),
    kind("rule_set.applies", &["label", "reference", "hs", "rule"]),
    kind("rule_set.applies_variant", &["label", "variant", "reference", "hs", "rule"]),
    kind("rule_set.manual", &["label", "reference", "hs", "reason"]),
    kind("rule_set.manual_variant", &["label", "variant", "reference", "hs", "reason"]),
    kind("condition.met", CONDITION_PARAMS),
    kind("condition.met_within_tolerance", CONDITION_PARAMS),
    kind("condition.not_met", CONDITION_PARAMS),
    kind("condition.unknown", CONDITION_PARAMS),
    kind("tolerance.none", ALTERNATIVE),
    kind("tolerance.excluded_chapter", &["alternative", "alternatives", "chapter"]),
    kind("tolerance.incomplete", ALTERNATIVE),
    kind("tolerance.allowed", &["alternative", "alternatives", "total", "share", "basis", "amount", "max"]),
    kind("tolerance.not_allowed", &["alternative", "alternatives", "total", "share", "basis", "amount", "max"]),
    kind("operations.not_given", &[]),
    kind("operations.none", &[]),
    kind("operations.insufficient", &["processes"]),
    kind("operations.insufficient_scheme_list", &["processes"]),
    kind("operations.sufficient", &["processes"]),
    kind("variants.disagree", &["variants"]),
    kind("outcome.originating", &["criterion"]),
    kind("outcome.not_originating", &[]),
    kind("outcome.undetermined", &[]),
    kind("non_preferential.originating", &["country", "criterion"]),
    kind("non_preferential.not_originating", &["country"]),
    kind("non_preferential.undetermined", &["country"]),
];

/// What a condition step found (its `finding`), with the parameters it adds to the step. (A met `WO` has a finding
/// too, `wholly_obtained`, but the engine never writes it: a product wholly obtained is decided before any rule.)
pub const FINDING_KINDS: &[StepKind] = &[
    kind("not_wholly_obtained", &[]),
    kind("materials_not_wholly_obtained", &["rows"]),
    kind("excepted_materials", &["rows"]),
    kind("no_change", &["rows"]),
    kind("no_change_within", &["rows", "total", "share", "cmp", "max"]),
    kind("excepted_and_no_change_over", &["excepted", "rows", "total", "share", "cmp", "max"]),
    kind("not_from", &["rows"]),
    kind("maxnom", &["total", "price", "share", "cmp", "max"]),
    kind("maxwt", &["total", "whole", "share", "cmp", "max"]),
    kind("rvc", &["total", "basis", "price", "share", "cmp", "min"]),
    kind("minom", &["total", "basis", "price", "share", "cmp", "min"]),
    kind("nom_om", &["non_originating", "cmp", "originating"]),
    kind("process_done", &["process"]),
    kind("process_not_done", &["process"]),
    kind("at_least", &["done", "count"]),
];

/// Every step key, for a caller that needs no more.
pub fn step_keys() -> impl Iterator<Item = &'static str> {
    STEP_KINDS.iter().map(|k| k.key)
}

/// The kind of step `key`.
pub fn step_kind(key: &str) -> Option<&'static StepKind> {
    STEP_KINDS.iter().find(|k| k.key == key)
}

/// The kind of finding `key`.
pub fn finding_kind(key: &str) -> Option<&'static StepKind> {
    FINDING_KINDS.iter().find(|k| k.key == key)
}
