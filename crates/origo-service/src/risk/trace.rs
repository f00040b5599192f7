//! The MaxNOM margin a determination used, read back from its stored trace.
//!
//! The engine does not record the figures of a value ceiling apart from its trace: each MaxNOM atom it tried is a
//! line such as `Alternative 1 of 2: the value of non-originating fabric does not exceed 47.5% of the ex-works
//! price: met (non-originating value 4600 of ex-works price 10000.00 = 46% <= 47.5%).` This module reads those
//! lines. Of the alternatives that were met, the origin rests on the most comfortable one; if one of them needs
//! no MaxNOM at all, the origin does not rest on a MaxNOM and there is no margin to report. Within an alternative,
//! the tightest of its MaxNOM atoms is its margin. A trace that says nothing readable gives no margin, and the
//! indicator stays silent.

use origo_risk::facts::MaxNomUse;
use rust_decimal::Decimal;
use serde_json::Value;

/// One line of the trace, as far as this module cares.
struct Line<'a> {
    /// `Some(n)` for a line of alternative `n`, `None` for a line of a rule with a single alternative.
    alternative: Option<u32>,
    text: &'a str,
}

fn split(line: &str) -> Line<'_> {
    if let Some(rest) = line.strip_prefix("Alternative ")
        && let Some((number, rest)) = rest.split_once(" of ")
        && let Ok(number) = number.parse()
        && let Some((_, text)) = rest.split_once(": ")
    {
        return Line { alternative: Some(number), text };
    }
    Line { alternative: None, text: line }
}

/// `(used, ceiling)` from `... (non-originating value V of ex-works price P = 46% <= 47.5%).`
fn max_nom_figures(text: &str) -> Option<MaxNomUse> {
    if !text.contains("non-originating value ") || !text.contains(" of ex-works price ") {
        return None;
    }
    let (_, figures) = text.rsplit_once(" = ")?;
    let (used, rest) = figures.split_once("% <= ")?;
    let ceiling = rest.split('%').next()?;
    Some(MaxNomUse { used_percent: used.trim().parse().ok()?, ceiling_percent: ceiling.trim().parse().ok()? })
}

/// Whether a line of an alternative says the alternative fails.
fn fails(text: &str) -> bool {
    text.contains(": not met") || text.contains(": cannot be decided") || text.contains("exclude origin")
}

/// The MaxNOM margin of an originating determination (its stored `result`): used share and ceiling of the
/// alternative the origin rests on. `None` for other outcomes, when no met alternative needs a MaxNOM, or when
/// the trace does not carry the figures.
pub fn max_nom_used(result: &Value) -> Option<MaxNomUse> {
    if result.get("outcome").and_then(Value::as_str) != Some("originating") {
        return None;
    }
    let lines: Vec<Line<'_>> = result.get("trace")?.as_array()?.iter().filter_map(Value::as_str).map(split).collect();
    let numbered = lines.iter().filter_map(|l| l.alternative).max();
    let alternatives: Vec<Option<u32>> = match numbered {
        Some(count) => (1..=count).map(Some).collect(),
        None => vec![None],
    };
    let mut best: Option<MaxNomUse> = None;
    for alternative in alternatives {
        let own = || lines.iter().filter(|l| l.alternative == alternative);
        // A single alternative was met, or the determination would not be originating; numbered ones say so.
        if alternative.is_some() && own().any(|l| fails(l.text)) {
            continue;
        }
        let tightest = own().filter_map(|l| max_nom_figures(l.text)).min_by_key(|m| m.ceiling_percent - m.used_percent);
        let Some(tightest) = tightest else {
            // Met without any MaxNOM: the origin does not depend on a value ceiling.
            return None;
        };
        let margin = |m: &MaxNomUse| m.ceiling_percent - m.used_percent;
        if best.as_ref().is_none_or(|b| margin(&tightest) > margin(b)) {
            best = Some(tightest);
        }
    }
    best.filter(|m| m.used_percent >= Decimal::ZERO)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn originating(trace: &[&str]) -> Value {
        json!({"outcome": "originating", "trace": trace})
    }

    #[test]
    fn a_single_alternative_gives_its_figures() {
        let result = originating(&[
            "Product 620520 Men's shirts; ex-works price 10000.00.",
            "the value of all non-originating materials does not exceed 50% of the ex-works price: met \
             (non-originating value 4850.00 of ex-works price 10000.00 = 48.5% <= 50%).",
            "Outcome: originating, criterion W 62.05.",
        ]);
        assert_eq!(max_nom_used(&result), Some(MaxNomUse { used_percent: d("48.5"), ceiling_percent: d("50") }));
    }

    #[test]
    fn the_origin_rests_on_the_most_comfortable_met_alternative() {
        let result = originating(&[
            "Alternative 1 of 3: weaving is carried out: met (weaving done).",
            "Alternative 1 of 3: the value of non-originating fabric does not exceed 47.5% of the ex-works price: met \
             (non-originating value 4600 of ex-works price 10000 = 46% <= 47.5%).",
            "Alternative 2 of 3: printing is carried out: not met (printing not done).",
            "Alternative 2 of 3: the value of all non-originating materials does not exceed 70% of the ex-works \
             price: met (non-originating value 4600 of ex-works price 10000 = 46% <= 70%).",
            "Alternative 3 of 3: the value of all non-originating materials does not exceed 50% of the ex-works \
             price: met (non-originating value 4600 of ex-works price 10000 = 46% <= 50%).",
        ]);
        // Alternative 2 failed; of 1 (1.5 points) and 3 (4 points), 3 is the origin's easiest footing.
        assert_eq!(max_nom_used(&result), Some(MaxNomUse { used_percent: d("46"), ceiling_percent: d("50") }));
    }

    #[test]
    fn no_margin_when_a_met_alternative_needs_no_maxnom_or_the_product_is_not_originating() {
        let result = originating(&[
            "Alternative 1 of 2: change of chapter: met.",
            "Alternative 2 of 2: the value of all non-originating materials does not exceed 50% of the ex-works \
             price: met (non-originating value 4900 of ex-works price 10000 = 49% <= 50%).",
        ]);
        assert_eq!(max_nom_used(&result), None);
        let refused = json!({"outcome": "not_originating", "trace": [
            "the value of all non-originating materials does not exceed 50% of the ex-works price: not met \
             (non-originating value 6000 of ex-works price 10000 = 60% > 50%)."
        ]});
        assert_eq!(max_nom_used(&refused), None);
        assert_eq!(max_nom_used(&originating(&["Outcome: originating, criterion P."])), None);
        assert_eq!(max_nom_used(&json!({"outcome": "originating"})), None);
    }
}
