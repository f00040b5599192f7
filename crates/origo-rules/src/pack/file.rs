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
    #[serde(default)]
    pub groups: BTreeMap<String, String>,
    #[serde(default)]
    pub groups_notes: BTreeMap<String, String>,
    pub rule_sets: Vec<RuleSetFile>,
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
    pub rules: BTreeMap<String, String>,
}
