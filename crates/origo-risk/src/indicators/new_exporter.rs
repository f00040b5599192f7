//! New exporter: few exports on record, or registered (or first seen exporting) only recently.

use super::{Finding, Indicator, count, finding};
use crate::config::RiskConfig;
use crate::facts::ApplicationFacts;
use crate::history::HistoryView;

pub fn check(facts: &ApplicationFacts, history: &HistoryView<'_>, config: &RiskConfig) -> Option<Finding> {
    let rule = &config.new_exporter;
    let exporter = &facts.export.exporter;
    let earlier = history.earlier_exports();
    let mut reasons = Vec::new();
    if earlier == 0 {
        reasons.push(format!("this is the first export on record of exporter {exporter}"));
    } else if earlier < rule.min_earlier_exports {
        reasons.push(format!(
            "exporter {exporter} has {} on record, fewer than {}",
            count(earlier, "earlier export", "earlier exports"),
            rule.min_earlier_exports
        ));
    }
    let (since, what) = match (facts.exporter_registered, history.first_export()) {
        (Some(registered), _) => (Some(registered), "registered"),
        (None, first) => (first, "has exported since"),
    };
    if let Some(since) = since {
        let age = (facts.export.date - since).whole_days();
        if age < i64::from(rule.min_age_days) {
            reasons.push(format!(
                "exporter {exporter} {what} {since}, {} before this export (less than {} days)",
                count(age, "day", "days"),
                rule.min_age_days
            ));
        }
    }
    if reasons.is_empty() {
        return None;
    }
    let mut reason = reasons.join("; ");
    reason[..1].make_ascii_uppercase();
    finding(Indicator::NewExporter, rule.weight, reason)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::indicators::test_support::*;

    #[test]
    fn fires_on_a_first_export_and_names_the_exporter() {
        let config = RiskConfig::default();
        let f = facts(export("UZ-REX-1", date!(2025 - 06 - 01), "610910", "100", "400"));
        let found = check(&f, &HistoryView::empty(), &config).unwrap();
        assert_eq!(found.reason, "This is the first export on record of exporter UZ-REX-1");
        assert_eq!(found.points, d("0.20"));
    }

    #[test]
    fn fires_below_the_minimum_count_and_is_silent_at_it() {
        let config = RiskConfig::default();
        let old = |day| export("A", date!(2023 - 01 - 01) + time::Duration::days(day), "610910", "100", "400");
        let f = facts(export("A", date!(2025 - 06 - 01), "610910", "100", "400"));
        let four: Vec<_> = (0..4).map(old).collect();
        let h = history(&config, &four);
        let found = check(&f, &h.view("A", f.export.hs), &config).unwrap();
        assert_eq!(found.reason, "Exporter A has 4 earlier exports on record, fewer than 5");
        let five: Vec<_> = (0..5).map(old).collect();
        let h = history(&config, &five);
        assert_eq!(check(&f, &h.view("A", f.export.hs), &config), None);
    }

    #[test]
    fn fires_on_a_recent_registration_and_is_silent_after_the_minimum_age() {
        let config = RiskConfig::default();
        let earlier: Vec<_> = (0..10).map(|_| export("A", date!(2020 - 01 - 01), "610910", "100", "400")).collect();
        let h = history(&config, &earlier);
        let mut f = facts(export("A", date!(2025 - 06 - 01), "610910", "100", "400"));
        f.exporter_registered = Some(date!(2025 - 04 - 01));
        let found = check(&f, &h.view("A", f.export.hs), &config).unwrap();
        assert_eq!(found.reason, "Exporter A registered 2025-04-01, 61 days before this export (less than 180 days)");
        f.exporter_registered = Some(date!(2024 - 12 - 03)); // 180 days before
        assert_eq!(check(&f, &h.view("A", f.export.hs), &config), None);
    }

    #[test]
    fn a_zero_weight_turns_it_off() {
        let mut config = RiskConfig::default();
        config.new_exporter.weight = d("0");
        let f = facts(export("A", date!(2025 - 06 - 01), "610910", "100", "400"));
        assert_eq!(check(&f, &HistoryView::empty(), &config), None);
    }
}
