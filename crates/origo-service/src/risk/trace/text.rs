//! The MaxNOM figures of a determination stored before the engine wrote steps, read from its English lines: a
//! line `Alternative n of m: ...` belongs to alternative n, a line `Rule set '...' applies ...` starts the rule of
//! another variant, and a MaxNOM condition ends `(non-originating value V of ex-works price P = 46% <= 47.5%).`

use origo_risk::facts::MaxNomUse;
use serde_json::Value;

use super::{Alternative, over_rules};

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

/// Whether a line of an alternative says the alternative fails: a condition not met or undecidable, or forbidden
/// materials the general tolerance does not let pass.
fn fails(text: &str) -> bool {
    text.contains(": not met")
        || text.contains(": cannot be decided")
        || text.contains("exclude origin")
        || text.ends_with(": not allowed.")
        || text.contains("tolerance cannot be checked")
}

/// The alternatives of one rule's lines.
fn alternatives(lines: &[Line<'_>]) -> Vec<Alternative> {
    let numbered = lines.iter().filter_map(|l| l.alternative).max();
    let numbers: Vec<Option<u32>> = match numbered {
        Some(count) => (1..=count).map(Some).collect(),
        None => vec![None],
    };
    numbers
        .into_iter()
        .map(|number| {
            let own = || lines.iter().filter(move |l| l.alternative == number);
            Alternative {
                // A single alternative was met, or the determination would not be originating; numbered ones say so.
                failed: number.is_some() && own().any(|l| fails(l.text)),
                max_noms: own().filter_map(|l| max_nom_figures(l.text)).collect(),
            }
        })
        .collect()
}

/// The MaxNOM margin read from the English lines of an originating determination.
pub(super) fn max_nom_used(trace: &[Value]) -> Option<MaxNomUse> {
    let mut rules: Vec<Vec<Line<'_>>> = vec![Vec::new()];
    for line in trace.iter().filter_map(Value::as_str) {
        if line.starts_with("Rule set '") {
            rules.push(Vec::new());
        }
        rules.last_mut()?.push(split(line));
    }
    let rules: Vec<Vec<Alternative>> = rules.iter().map(|lines| alternatives(lines)).collect();
    over_rules(&rules)
}

#[cfg(test)]
mod tests {
    //! Lines written by hand in the engine's wording, for the shapes the engine's own cases (in `super::super`) do
    //! not produce.

    use rust_decimal::Decimal;
    use serde_json::json;

    use super::super::max_nom_used;
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
    }

    #[test]
    fn tolerance_lines_that_stop_an_alternative_fail_it() {
        assert!(fails(
            "general tolerance: forbidden materials 2000.00 = 20% of the ex-works price 10000.00 > 15%: not allowed."
        ));
        assert!(fails("the general tolerance cannot be checked without the forbidden materials' amounts."));
        assert!(!fails("general tolerance: forbidden materials 500 = 5% of the ex-works price 10000 <= 15%: allowed."));
    }
}
