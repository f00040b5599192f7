//! High preference margin: goods of the configured chapters (GSP+ textiles, 50-63) under the configured schemes,
//! where the duty saved makes a false origin worth most.

use super::{Finding, Indicator, finding};
use crate::config::RiskConfig;
use crate::facts::{ApplicationFacts, Country};
use crate::history::HistoryView;

pub fn check(facts: &ApplicationFacts, _history: &HistoryView<'_>, config: &RiskConfig) -> Option<Finding> {
    let rule = &config.preference_margin;
    let chapter = facts.export.hs.chapter();
    let range = rule.chapters.iter().find(|range| range.contains(chapter))?;
    // A known scheme decides; a bare export record (no scheme) is judged by where it goes.
    let under = match &facts.scheme {
        Some(scheme) => rule.schemes.iter().any(|s| s == scheme).then(|| format!("under {scheme}")),
        None => {
            let destination = facts.export.destination;
            rule.destinations
                .iter()
                .any(|d| Country::parse(d) == Some(destination))
                .then(|| format!("to {destination}"))
        }
    }?;
    let reason = format!(
        "HS {} (chapter {chapter:02}) {under} carries a high preference margin (chapters {range})",
        facts.export.hs
    );
    finding(Indicator::PreferenceMargin, rule.weight, reason)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::indicators::test_support::*;

    #[test]
    fn fires_for_textiles_under_the_scheme_or_to_its_destinations() {
        let config = RiskConfig::default();
        let mut f = facts(export("A", date!(2025 - 06 - 01), "610910", "100", "400"));
        let found = check(&f, &HistoryView::empty(), &config).unwrap();
        assert_eq!(found.reason, "HS 610910 (chapter 61) to DE carries a high preference margin (chapters 50-63)");
        f.scheme = Some("eu-gsp".to_owned());
        let found = check(&f, &HistoryView::empty(), &config).unwrap();
        assert_eq!(
            found.reason,
            "HS 610910 (chapter 61) under eu-gsp carries a high preference margin (chapters 50-63)"
        );
    }

    #[test]
    fn silent_outside_the_chapters_the_scheme_or_the_destinations() {
        let config = RiskConfig::default();
        let f = facts(export("A", date!(2025 - 06 - 01), "640399", "100", "400"));
        assert_eq!(check(&f, &HistoryView::empty(), &config), None);
        let f = facts(export("A", date!(2025 - 06 - 01), "490199", "100", "400"));
        assert_eq!(check(&f, &HistoryView::empty(), &config), None);
        let mut f = facts(export("A", date!(2025 - 06 - 01), "500200", "100", "400"));
        assert!(check(&f, &HistoryView::empty(), &config).is_some());
        f.scheme = Some("cis-fta".to_owned());
        assert_eq!(check(&f, &HistoryView::empty(), &config), None);
        let mut f = facts(export("A", date!(2025 - 06 - 01), "630790", "100", "400"));
        f.export.destination = Country::parse("KZ").unwrap();
        assert_eq!(check(&f, &HistoryView::empty(), &config), None);
    }
}
