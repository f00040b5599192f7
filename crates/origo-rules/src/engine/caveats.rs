//! The pack's doubts and local configuration in a determination: a warning for each unconfirmed figure or rule set
//! the determination relied on (and only those), a trace line for each override in force, the pack's own list of
//! insufficient operations, and the words of non-preferential origin.

use std::cell::{Cell, RefCell};

use super::Trace;
use super::result::{Determination, Outcome};
use crate::case::Case;
use crate::pack::{AppliedOverride, RulePack, RuleSet, Scope, Target};
use crate::process::{self, ProcessKind};

/// What a determination used of the pack's doubtful parts, noted as the engine reasons.
#[derive(Debug, Default)]
pub struct Used {
    /// The general tolerance was consulted for forbidden materials.
    pub tolerance: Cell<bool>,
    /// The insufficient-operations test was made.
    pub gate: Cell<bool>,
    /// Warnings for the unconfirmed rule sets tried, in order.
    rule_sets: RefCell<Vec<String>>,
}

impl Used {
    /// Notes that a rule set is tried: its doubt becomes a warning, and a rule set by configuration is traced.
    pub fn tried(&self, pack: &RulePack, rule_set: &RuleSet, trace: &mut Trace) {
        if let Some(note) = &rule_set.unconfirmed {
            let warning = format!("unconfirmed: rule set '{}' ({}): {note}", rule_set.label, rule_set.id);
            let mut warnings = self.rule_sets.borrow_mut();
            if !warnings.contains(&warning) {
                warnings.push(warning);
            }
        }
        for applied in pack.rule_override(&rule_set.id) {
            configuration(applied, trace);
        }
    }
}

/// Trace lines for the figures set by configuration, at the start of a determination.
pub fn start(pack: &RulePack, trace: &mut Trace) {
    for applied in pack.overrides.iter().filter(|o| matches!(o.target, Target::Figure(_))) {
        configuration(applied, trace);
    }
}

/// The line of an override in force: what it sets, from where, to what.
fn configuration(applied: &AppliedOverride, trace: &mut Trace) {
    let noted = applied.note.is_some();
    let key = match &applied.target {
        Target::Figure(name) => {
            trace.param("figure", name);
            if noted { "configuration.figure_noted" } else { "configuration.figure" }
        }
        Target::Rule { rule_set, branch } => {
            trace.param("rule_set", rule_set);
            trace.param("branch", branch);
            if noted { "configuration.rule_noted" } else { "configuration.rule" }
        }
    };
    trace.param("source", &applied.source);
    if let Some(note) = &applied.note {
        trace.param("note", note);
    }
    trace.param("new", &applied.new);
    trace.param("old", &applied.old);
    trace.line(key, format_args!("Configuration: {}.", applied.words()));
}

/// Whether `id` is an insufficient operation under the pack: its own list if it has one, else the vocabulary's.
pub fn is_insufficient(pack: &RulePack, id: &str) -> bool {
    match &pack.insufficient_operations {
        Some(list) => list.iter().any(|x| x == id),
        None => process::kind(id) == Some(ProcessKind::Insufficient),
    }
}

/// Adds the warnings for what the determination used and, for a non-preferential scheme, says what origin it is.
pub fn finish(pack: &RulePack, used: &Used, case: &Case, d: &mut Determination) {
    for figure in &pack.unconfirmed {
        let relied_on = match figure.scope() {
            Scope::Always => true,
            Scope::Tolerance => used.tolerance.get(),
            Scope::Cumulation => !d.cumulation.is_empty(),
            Scope::InsufficientOperations => used.gate.get(),
        };
        if relied_on {
            d.warnings.push(figure.warning());
        }
    }
    d.warnings.append(&mut used.rule_sets.borrow_mut());
    if !pack.preferential {
        let country = &case.exporting_country;
        d.trace.param("country", country);
        match d.outcome {
            Outcome::Originating => {
                let criterion = d.criterion.as_deref().unwrap_or("-");
                d.trace.param("criterion", criterion);
                d.trace.line(
                    "non_preferential.originating",
                    format_args!("Non-preferential origin: {country} (criterion {criterion})."),
                )
            }
            Outcome::NotOriginating => d.trace.line(
                "non_preferential.not_originating",
                format_args!("Non-preferential origin: not {country} under these rules."),
            ),
            Outcome::Undetermined => d.trace.line(
                "non_preferential.undetermined",
                format_args!("Non-preferential origin in {country} cannot be decided yet."),
            ),
        }
    }
}
