//! The JSON shape of a rule pack file (see docs/RULE-LANGUAGE.md).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PackFile {
    pub scheme: String,
    pub title: String,
    pub legal_basis: String,
    pub hs_edition: String,
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_to: Option<String>,
    pub branches: BTreeMap<String, BranchFile>,
    #[serde(default)]
    pub cumulation: Vec<CumulationFile>,
    #[serde(default)]
    pub tolerance: Option<ToleranceFile>,
    /// The proofs of origin the scheme accepts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proofs: Vec<ProofFile>,
    #[serde(default)]
    pub groups: BTreeMap<String, String>,
    #[serde(default)]
    pub groups_notes: BTreeMap<String, String>,
    pub rule_sets: Vec<RuleSetFile>,
    /// Figures not yet confirmed against the legal text; each is a warning when a determination uses it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unconfirmed: Vec<UnconfirmedFile>,
    /// The scheme's own insufficient operations (process ids); absent, the vocabulary's list applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insufficient_operations: Option<Vec<String>>,
    /// `false` for a non-preferential scheme, whose trace speaks of non-preferential origin. Default `true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferential: Option<bool>,
}

/// A figure of the pack that is not confirmed: what it is (a figure name such as `tolerance.value_percent`, or
/// any other word for the pack as a whole), the value used, and why it is doubtful.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnconfirmedFile {
    pub what: String,
    pub value: serde_json::Value,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BranchFile {
    pub label: String,
    /// Countries of this branch; the branch with no list is the default.
    #[serde(default)]
    pub countries: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CumulationFile {
    pub kind: String,
    /// The words a statement on origin uses for it ("EU cumulation").
    pub label: String,
    #[serde(default)]
    pub reference: Option<String>,
    /// Branches whose exporters may use it; empty for every branch.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<String>,
    #[serde(default)]
    pub countries: Vec<String>,
}

/// A proof of origin: its kind (`origin-declaration`, `eur1-eur-med`, ...) and its name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProofFile {
    pub kind: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ToleranceFile {
    pub value_percent: Decimal,
    #[serde(default)]
    pub weight_chapters: Option<String>,
    #[serde(default)]
    pub weight_excluded: Option<String>,
    #[serde(default)]
    pub excluded: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleSetFile {
    pub id: String,
    pub hs: String,
    pub label: String,
    #[serde(default)]
    pub ex: bool,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_to: Option<String>,
    /// Why the rule set cannot be evaluated from a case; such a rule set has no rules, and a product it applies
    /// to is `undetermined` with `manual_examination` missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual: Option<String>,
    #[serde(default)]
    pub rules: BTreeMap<String, String>,
    /// Why this rule set's rule is not confirmed; a warning whenever the rule set is tried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unconfirmed: Option<String>,
}
