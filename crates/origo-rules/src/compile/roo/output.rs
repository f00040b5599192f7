//! Writing a uk-roo pack (docs/RULE-LANGUAGE.md): the header, the groups the rules use, and the rule sets in the
//! order of the list. Descriptions are written only where they tell variants apart (the project commits no more
//! legal wording than that); a manual rule set has its reason and no rules. The result is loaded back with
//! `RulePack::from_json` before it is returned.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::super::error::CompileError;
use super::super::groups;
use super::super::output::{Branch, Cumulation, Tolerance};
use super::header::RooHeader;
use crate::pack::{ProofFile, RulePack};
use crate::rule::Rule;
use crate::selection::Selection;

/// A rule set ready to be written.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub hs: Selection,
    pub label: String,
    pub ex: bool,
    pub description: String,
    pub variant: Option<String>,
    pub rule: Result<Rule, String>,
}

#[derive(Serialize)]
struct RuleSetOut<'a> {
    id: &'a str,
    hs: String,
    label: &'a str,
    ex: bool,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    variant: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    manual: Option<&'a str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    rules: BTreeMap<&'static str, String>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    tolerance: &'a Option<Tolerance>,
    proofs: &'a [ProofFile],
    groups: BTreeMap<String, String>,
    groups_notes: BTreeMap<String, String>,
    rule_sets: Vec<RuleSetOut<'a>>,
}

/// The pack JSON, pretty-printed with a final newline, checked to load.
pub fn pack_json(header: &RooHeader, tolerance: &Option<Tolerance>, entries: &[Entry]) -> Result<String, CompileError> {
    let mut used = BTreeSet::new();
    let mut rule_sets = Vec::with_capacity(entries.len());
    for e in entries {
        let mut rules = BTreeMap::new();
        if let Ok(rule) = &e.rule {
            groups::used_by(rule, &mut used);
            rules.insert("all", rule.to_string());
        }
        rule_sets.push(RuleSetOut {
            id: &e.id,
            hs: e.hs.to_string(),
            label: &e.label,
            ex: e.ex,
            description: &e.description,
            variant: &e.variant,
            manual: e.rule.as_ref().err().map(String::as_str),
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
        tolerance,
        proofs: &header.proofs,
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
