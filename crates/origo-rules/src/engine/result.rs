//! The determination: outcome, criterion, the rule set applied, and the trace of every rule tried and every
//! figure computed, in words a certifying officer can read.

use serde::Serialize;

use super::Trace;

/// The three outcomes. The engine never fails on a valid case: it answers with one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Originating,
    NotOriginating,
    Undetermined,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Originating => "originating",
            Outcome::NotOriginating => "not_originating",
            Outcome::Undetermined => "undetermined",
        }
    }
}

/// The result of determining origin for one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Determination {
    pub outcome: Outcome,
    /// `P` for wholly obtained, `W 61.09` for sufficient working or processing, `null` otherwise.
    pub criterion: Option<String>,
    pub scheme: String,
    /// The label of the rule set applied, as in the legal list.
    pub rule_set: Option<String>,
    /// The rule applied, in the rule language.
    pub rule: Option<String>,
    /// The branch of the list that the exporting country follows.
    pub branch: String,
    /// Cumulation used, e.g. "EU cumulation", for the statement on origin.
    pub cumulation: Vec<String>,
    /// Variant keys when the product's rule set has variants.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// Serialised as `trace` (the lines in English) and `steps` (each line's key and parameters), side by side.
    #[serde(flatten, serialize_with = "super::trace::with_steps")]
    pub trace: Trace,
    /// JSON paths of the facts needed to decide (for `undetermined`).
    pub missing: Vec<String>,
    pub warnings: Vec<String>,
}
