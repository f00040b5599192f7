//! The MaxNOM figures of a determination read from its steps (origo-rules `engine/steps.rs`): a step
//! `rule_set.applies` or `rule_set.applies_variant` starts a rule (one per variant tried); the `condition.*` and
//! `tolerance.*` steps after it name their alternative (`alternative`, empty for a rule of one alternative); a
//! condition whose `finding` is `maxnom` carries the share used (`share`) and the ceiling (`max`).

use std::collections::BTreeMap;

use origo_risk::facts::MaxNomUse;
use serde_json::Value;

use super::{Alternative, over_rules};

/// The steps that say an alternative fails: a condition not met or undecidable, forbidden materials no tolerance
/// lets pass.
const FAILING: &[&str] = &[
    "condition.not_met",
    "condition.unknown",
    "tolerance.none",
    "tolerance.excluded_chapter",
    "tolerance.incomplete",
    "tolerance.not_allowed",
];

fn param<'a>(step: &'a Value, name: &str) -> Option<&'a str> {
    step.get("params")?.get(name)?.as_str()
}

/// `(used, ceiling)` of a MaxNOM condition step.
fn max_nom_figures(step: &Value) -> Option<MaxNomUse> {
    if param(step, "finding")? != "maxnom" {
        return None;
    }
    Some(MaxNomUse {
        used_percent: param(step, "share")?.parse().ok()?,
        ceiling_percent: param(step, "max")?.parse().ok()?,
    })
}

/// The MaxNOM margin read from the steps of an originating determination.
pub(super) fn max_nom_used(steps: &[Value]) -> Option<MaxNomUse> {
    // Per rule tried, its alternatives by number (empty for a rule of one alternative).
    let mut rules: Vec<BTreeMap<String, Alternative>> = Vec::new();
    for step in steps {
        let key = step.get("key").and_then(Value::as_str).unwrap_or_default();
        if key == "rule_set.applies" || key == "rule_set.applies_variant" {
            rules.push(BTreeMap::new());
            continue;
        }
        if !key.starts_with("condition.") && !key.starts_with("tolerance.") {
            continue;
        }
        let Some(rule) = rules.last_mut() else { continue };
        let number = param(step, "alternative").unwrap_or_default().to_owned();
        let alternative = rule.entry(number).or_default();
        alternative.failed |= FAILING.contains(&key);
        if key.starts_with("condition.") {
            alternative.max_noms.extend(max_nom_figures(step));
        }
    }
    let rules: Vec<Vec<Alternative>> = rules.into_iter().map(|rule| rule.into_values().collect()).collect();
    over_rules(&rules)
}
