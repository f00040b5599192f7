//! The shape of the scraped legal lists (EU GSP Annex 22-03 and the UK trade tariff's rule sets): a list of rule
//! sets, each with a `heading` label, a description, a 10-digit `min`/`max` commodity range and its rule lines.
//!
//! Only the fields the compiler trusts are read: the `class` tags and `operator` fields are known to be
//! unreliable (PROVENANCE.md), so they are ignored rather than half-used.

use serde::Deserialize;

use super::error::CompileError;

#[derive(Debug, Clone, Deserialize)]
pub struct RawList {
    pub rule_sets: Vec<RawRuleSet>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RawRuleSet {
    /// The label of column 1: `Chapter 61`, `ex 0511 91`, `5204 - 5207`, `1506 and 1520`.
    pub heading: String,
    /// The chapter number the scraper assigned.
    pub chapter: u32,
    /// The description of column 2.
    pub subdivision: String,
    /// First 10-digit commodity code covered (sometimes broken, see `label`).
    pub min: String,
    /// Last 10-digit commodity code covered.
    pub max: String,
    pub rules: Vec<RawRule>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RawRule {
    /// The legal text of one line of column 3 (Markdown in the UK lists).
    pub rule: String,
}

/// Parses one list, naming the input on failure.
pub fn parse_list(json: &str, name: &str) -> Result<RawList, CompileError> {
    serde_json::from_str(json).map_err(|e| CompileError::input(name, format!("not a rule-set list: {e}")))
}
