//! Inputs under trade-defence measures: materials of a listed subheading from a listed country, the pattern of
//! goods routed through a third country to escape anti-dumping or countervailing duties.

use super::{Finding, Indicator, finding};
use crate::config::RiskConfig;
use crate::facts::{ApplicationFacts, Country};
use crate::history::HistoryView;

pub fn check(facts: &ApplicationFacts, _history: &HistoryView<'_>, config: &RiskConfig) -> Option<Finding> {
    let rule = &config.trade_defence;
    let mut hits: Vec<String> = Vec::new();
    for input in &facts.inputs {
        for measure in &rule.measures {
            if Country::parse(&measure.country) == Some(input.country) && input.hs.starts_with(&measure.hs_prefix) {
                let what = measure.note.as_deref().map(|note| format!("{note}, ")).unwrap_or_default();
                let hit = format!(
                    "inputs of {} from {} fall under a trade-defence measure ({what}{} from {})",
                    input.hs, input.country, measure.hs_prefix, input.country
                );
                if !hits.contains(&hit) {
                    hits.push(hit);
                }
            }
        }
    }
    if hits.is_empty() {
        return None;
    }
    let mut reason = hits.join("; ");
    reason[..1].make_ascii_uppercase();
    finding(Indicator::TradeDefence, rule.weight, reason)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::facts::{Hs6, InputOrigin};
    use crate::indicators::test_support::*;

    fn with_inputs(inputs: &[(&str, &str)]) -> ApplicationFacts {
        let mut f = facts(export("A", date!(2025 - 06 - 10), "761699", "10", "100"));
        f.inputs = inputs
            .iter()
            .map(|(hs, c)| InputOrigin { hs: Hs6::parse(hs).unwrap(), country: Country::parse(c).unwrap() })
            .collect();
        f
    }

    #[test]
    fn fires_for_a_listed_subheading_from_the_listed_country() {
        let config = RiskConfig::default();
        let found = check(&with_inputs(&[("760711", "CN"), ("760711", "CN")]), &HistoryView::empty(), &config).unwrap();
        assert_eq!(
            found.reason,
            "Inputs of 760711 from CN fall under a trade-defence measure (anti-dumping duty on aluminium foil, 7607 \
             from CN)"
        );
    }

    #[test]
    fn silent_for_another_country_or_subheading() {
        let config = RiskConfig::default();
        assert_eq!(check(&with_inputs(&[("760711", "KZ"), ("760611", "CN")]), &HistoryView::empty(), &config), None);
        assert_eq!(check(&with_inputs(&[]), &HistoryView::empty(), &config), None);
    }
}
