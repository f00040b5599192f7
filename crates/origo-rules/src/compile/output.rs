//! Writing the pack JSON (docs/RULE-LANGUAGE.md): fields in a fixed order, maps sorted, rule sets in the order of
//! the legal list, pretty-printed with a final newline, so that a fresh compile is byte-identical to the
//! committed pack. The result is loaded back with `RulePack::from_json` before it is returned.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::build::{Draft, branch_rule};
use super::error::CompileError;
use super::groups;
use crate::pack::RulePack;

#[derive(Debug, Clone, Serialize)]
pub struct Branch {
    pub label: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cumulation {
    pub kind: String,
    /// The words a statement on origin uses for it ("EU cumulation").
    pub label: String,
    /// Where the law provides for it.
    pub reference: String,
    /// Branches whose exporters may use it; empty for every branch.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<String>,
    pub countries: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tolerance {
    /// A decimal string, as every percentage of a pack ("15").
    pub value_percent: String,
    pub weight_chapters: String,
    pub weight_excluded: String,
    pub excluded: String,
}

/// Everything of a pack but its groups and rule sets.
#[derive(Debug, Clone)]
pub struct Header {
    pub scheme: String,
    pub title: String,
    pub legal_basis: String,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub branches: BTreeMap<String, Branch>,
    pub cumulation: Vec<Cumulation>,
    pub tolerance: Tolerance,
}

#[derive(Serialize)]
struct RuleSetOut<'a> {
    id: &'a str,
    hs: String,
    label: &'a str,
    ex: bool,
    description: &'a str,
    variant: &'a Option<String>,
    reference: &'a str,
    valid_from: Option<String>,
    valid_to: Option<String>,
    rules: BTreeMap<&'a str, String>,
}

#[derive(Serialize)]
struct PackOut<'a> {
    scheme: &'a str,
    title: &'a str,
    legal_basis: &'a str,
    hs_edition: &'a str,
    valid_from: &'a Option<String>,
    valid_to: &'a Option<String>,
    branches: &'a BTreeMap<String, Branch>,
    cumulation: &'a [Cumulation],
    tolerance: &'a Tolerance,
    groups: BTreeMap<String, String>,
    groups_notes: BTreeMap<String, String>,
    rule_sets: Vec<RuleSetOut<'a>>,
}

/// The pack JSON for a header and its drafts (variants and ids assigned, chapter rules resolved).
pub fn pack_json(header: &Header, drafts: &[Draft]) -> Result<String, CompileError> {
    let mut used = BTreeSet::new();
    let mut rule_sets = Vec::with_capacity(drafts.len());
    for d in drafts {
        let mut rules = BTreeMap::new();
        for (branch, alts) in &d.branches {
            let rule = branch_rule(alts);
            groups::used_by(&rule, &mut used);
            rules.insert(branch.as_str(), rule.to_string());
        }
        rule_sets.push(RuleSetOut {
            id: &d.id,
            hs: d.coverage.hs.to_string(),
            label: &d.label,
            ex: d.coverage.ex,
            description: &d.description,
            variant: &d.variant,
            reference: &d.reference,
            valid_from: None,
            valid_to: None,
            rules,
        });
    }
    let (groups, groups_notes) = groups::select(&used)
        .map_err(|name| CompileError::new("(pack)", "groups", format!("no definition for group '@{name}'")))?;
    let pack = PackOut {
        scheme: &header.scheme,
        title: &header.title,
        legal_basis: &header.legal_basis,
        hs_edition: "2022",
        valid_from: &header.valid_from,
        valid_to: &header.valid_to,
        branches: &header.branches,
        cumulation: &header.cumulation,
        tolerance: &header.tolerance,
        groups,
        groups_notes,
        rule_sets,
    };
    let mut json =
        serde_json::to_string_pretty(&pack).map_err(|e| CompileError::new("(pack)", "json", e.to_string()))?;
    json.push('\n');
    RulePack::from_json(&json).map_err(|e| CompileError::new("(pack)", "load", e.to_string()))?;
    Ok(json)
}
