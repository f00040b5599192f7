//! The MaxNOM margin a determination used, read back from the stored determination.
//!
//! A determination stored with `steps` (origo-rules `engine/steps.rs`) says each condition it tried with its key and
//! parameters: a MaxNOM condition is a `condition.*` step whose `finding` is `maxnom`, with the share used (`share`)
//! and the ceiling (`max`), and the alternative it belongs to. Those are read by [`steps`]. A determination stored
//! before the engine wrote steps has only its English lines, such as `Alternative 1 of 2: the value of
//! non-originating fabric does not exceed 47.5% of the ex-works price: met (non-originating value 4600 of ex-works
//! price 10000.00 = 46% <= 47.5%).`, read by [`text`].
//!
//! Both readings choose alike ([`footing`], [`over_rules`]): of the alternatives of a rule that were met, the origin rests on the
//! most comfortable one; if one of them needs no MaxNOM at all, the origin does not rest on a MaxNOM and there is no
//! margin to report. Within an alternative, the tightest of its MaxNOM atoms is its margin. A trace that says
//! nothing readable gives no margin, and the indicator stays silent.

mod steps;
mod text;

use origo_risk::facts::MaxNomUse;
use rust_decimal::Decimal;
use serde_json::Value;

/// What one alternative of a rule showed: whether it failed, and the MaxNOM figures of its conditions.
#[derive(Debug, Default)]
struct Alternative {
    failed: bool,
    max_noms: Vec<MaxNomUse>,
}

fn margin(m: &MaxNomUse) -> Decimal {
    m.ceiling_percent - m.used_percent
}

/// The MaxNOM the origin rests on in one rule's alternatives: the most comfortable met alternative's tightest
/// MaxNOM; `None` when a met alternative needs no MaxNOM, or none was met.
fn footing(alternatives: &[Alternative]) -> Option<MaxNomUse> {
    let mut best: Option<MaxNomUse> = None;
    for alternative in alternatives.iter().filter(|a| !a.failed) {
        // Met without any MaxNOM: the origin does not depend on a value ceiling.
        let tightest = alternative.max_noms.iter().copied().min_by_key(margin)?;
        if best.as_ref().is_none_or(|b| margin(&tightest) > margin(b)) {
            best = Some(tightest);
        }
    }
    best
}

/// The MaxNOM margin over the rules tried: one rule, or each variant of the rule set when the product's variant was
/// not said (all were met, or the product would not be originating). The variant the product really is being
/// unknown, the tightest margin of the variants resting on a MaxNOM is the one to watch.
fn over_rules(rules: &[Vec<Alternative>]) -> Option<MaxNomUse> {
    rules.iter().filter_map(|alternatives| footing(alternatives)).min_by_key(margin)
}

/// The MaxNOM margin of an originating determination (its stored `result`): used share and ceiling of the
/// alternative the origin rests on, from its `steps` when it has them, else from its English `trace`. `None` for
/// other outcomes, when no met alternative needs a MaxNOM, or when the determination does not carry the figures.
pub fn max_nom_used(result: &Value) -> Option<MaxNomUse> {
    if result.get("outcome").and_then(Value::as_str) != Some("originating") {
        return None;
    }
    let found = match result.get("steps").and_then(Value::as_array).filter(|steps| !steps.is_empty()) {
        Some(steps) => steps::max_nom_used(steps),
        None => text::max_nom_used(result.get("trace")?.as_array()?),
    };
    found.filter(|m| m.used_percent >= Decimal::ZERO)
}

#[cfg(test)]
mod tests {
    //! Real engine output: the shipped EU GSP pack, cases whose rules are a MaxNOM, read through the steps and,
    //! with the steps taken away as in a determination stored before them, through the English lines.

    use origo_rules::engine::Engine;
    use serde_json::json;

    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn used(used: &str, ceiling: &str) -> Option<MaxNomUse> {
        Some(MaxNomUse { used_percent: d(used), ceiling_percent: d(ceiling) })
    }

    /// The stored `result` of the engine's determination of an EU GSP case made in Uzbekistan.
    fn determined(hs: &str, materials: serde_json::Value, processes: &[&str]) -> Value {
        let engine = Engine::new(origo_rules::bundled::packs().unwrap());
        let case = json!({
            "scheme": "eu-gsp", "exporting_country": "UZ", "date": "2026-05-01",
            "product": {"hs": hs, "ex_works_price": "10000.00"},
            "materials": materials, "processes": processes,
        });
        let case = engine.parse_case(&case.to_string()).unwrap();
        serde_json::to_value(engine.determine(&case)).unwrap()
    }

    /// The same determination as stored before the engine wrote steps.
    fn without_steps(result: &Value) -> Value {
        let mut old = result.clone();
        old.as_object_mut().unwrap().remove("steps");
        old
    }

    /// The same determination with its English lines taken away: only the steps can give the figures.
    fn without_lines(result: &Value) -> Value {
        let mut steps_only = result.clone();
        steps_only["trace"] = json!([]);
        steps_only
    }

    fn material(hs: &str, value: &str) -> serde_json::Value {
        json!({"hs": hs, "value": value, "origin": "CN"})
    }

    /// Both readings of `result` agree on `expected`, and the steps are read on their own.
    fn both_paths(result: &Value, expected: Option<MaxNomUse>) {
        assert_eq!(result["outcome"], "originating", "{result}");
        assert!(result["steps"].as_array().is_some_and(|s| !s.is_empty()), "the engine writes steps");
        assert_eq!(max_nom_used(&without_lines(result)), expected, "steps: {}", result["steps"]);
        assert_eq!(max_nom_used(&without_steps(result)), expected, "text: {}", result["trace"]);
        assert_eq!(max_nom_used(result), expected);
    }

    #[test]
    fn a_single_maxnom_rule_gives_its_figures() {
        // Bicycles, ex Chapter 87: MAXNOM 50%.
        let result = determined(
            "871200",
            json!([material("871491", "4000.00"), material("760711", "800.00")]),
            &["assembly", "painting"],
        );
        both_paths(&result, used("48", "50"));
    }

    #[test]
    fn a_failed_alternative_is_passed_over_for_the_met_maxnom() {
        // 2915: MAXNOM 20%[2915,2916] | MAXNOM 50%; the first is exceeded (45% > 20%).
        let result = determined("291521", json!([material("291511", "4500.00")]), &["mixing", "chemical_reaction"]);
        both_paths(&result, used("45", "50"));
    }

    #[test]
    fn a_change_of_heading_beyond_the_tolerance_fails_and_the_maxnom_carries_the_origin() {
        // Chapter 94: CTH | MAXNOM 70%. Parts of the same heading at 20% pass the change of heading only within the
        // tolerance, which allows 15%: not allowed, so the origin rests on the MaxNOM.
        let result = determined("940360", json!([material("940391", "2000.00")]), &["cutting", "assembly", "painting"]);
        assert!(result["steps"].as_array().unwrap().iter().any(|s| s["key"] == "tolerance.not_allowed"));
        both_paths(&result, used("20", "70"));
    }

    #[test]
    fn no_margin_when_a_met_alternative_needs_no_maxnom() {
        // Chapter 94 from sawn wood: the change of heading is met, the origin does not rest on the MaxNOM.
        let result = determined("940360", json!([material("440799", "4000.00")]), &["cutting", "assembly", "painting"]);
        both_paths(&result, None);
    }

    #[test]
    fn with_variants_the_tightest_variant_resting_on_a_maxnom_counts() {
        // ex 2905 (metal alcoholates): MAXNOM 20%[2905] (15%) | MAXNOM 50% (35%); the broader ex Chapter 29 is the
        // variant `other`, met by its change of heading. The product's variant is not said: the variant resting
        // on a MaxNOM gives the margin, its more comfortable alternative.
        let result = determined(
            "290519",
            json!([material("290511", "1500.00"), material("280610", "2000.00")]),
            &["chemical_reaction"],
        );
        let applied = result["steps"].as_array().unwrap().iter().filter(|s| s["key"] == "rule_set.applies_variant");
        assert_eq!(applied.count(), 2, "both variants are tried");
        both_paths(&result, used("35", "50"));
    }

    #[test]
    fn other_outcomes_and_empty_determinations_give_nothing() {
        // Bicycles of Chinese frames worth 60%: not originating.
        let refused = determined("871200", json!([material("871491", "6000.00")]), &["assembly"]);
        assert_eq!(refused["outcome"], "not_originating");
        assert_eq!(max_nom_used(&refused), None);
        assert_eq!(max_nom_used(&without_steps(&refused)), None);
        assert_eq!(max_nom_used(&json!({"outcome": "originating"})), None);
        assert_eq!(max_nom_used(&json!({"outcome": "originating", "steps": [], "trace": []})), None);
    }
}
