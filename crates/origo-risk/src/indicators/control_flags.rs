//! Control flags: what post-clearance control found about the exporter's earlier proofs (certificates used beyond
//! their quantity or in two importing countries) and the revoked supplier declarations they relied on.

use super::{Finding, Indicator, count, finding};
use crate::config::RiskConfig;
use crate::facts::ApplicationFacts;
use crate::history::HistoryView;

pub fn check(facts: &ApplicationFacts, _history: &HistoryView<'_>, config: &RiskConfig) -> Option<Finding> {
    let record = facts.control;
    let parts: Vec<String> = [
        (record.over_use, "certificate used beyond its quantity", "certificates used beyond their quantity"),
        (
            record.double_country_use,
            "certificate used in two importing countries",
            "certificates used in two importing countries",
        ),
        (
            record.revoked_supplier_declarations,
            "revoked supplier declaration relied on",
            "revoked supplier declarations relied on",
        ),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| count(n, one, many))
    .collect();
    if parts.is_empty() {
        return None;
    }
    let listed = match parts.as_slice() {
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => return None,
    };
    let reason = format!("Post-clearance control flagged exporter {}: {listed}", facts.export.exporter);
    finding(Indicator::ControlFlags, config.control_flags.weight, reason)
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;
    use time::macros::date;

    use super::*;
    use crate::facts::ControlRecord;
    use crate::indicators::test_support::*;

    fn with_flags(over_use: u32, double_country_use: u32, revoked_supplier_declarations: u32) -> Option<Finding> {
        let mut f = facts(export("A", date!(2025 - 06 - 10), "610910", "10", "100"));
        f.control = ControlRecord { over_use, double_country_use, revoked_supplier_declarations };
        check(&f, &HistoryView::empty(), &RiskConfig::default())
    }

    #[test]
    fn fires_on_any_flag_with_the_counts() {
        assert_eq!(
            with_flags(2, 1, 1).unwrap().reason,
            "Post-clearance control flagged exporter A: 2 certificates used beyond their quantity, 1 certificate \
             used in two importing countries and 1 revoked supplier declaration relied on"
        );
        assert_eq!(
            with_flags(0, 0, 3).unwrap().reason,
            "Post-clearance control flagged exporter A: 3 revoked supplier declarations relied on"
        );
        assert_eq!(with_flags(1, 0, 0).unwrap().points, d("0.25"));
    }

    #[test]
    fn silent_without_flags_or_when_turned_off() {
        assert_eq!(with_flags(0, 0, 0), None);
        let mut config = RiskConfig::default();
        config.control_flags.weight = Decimal::ZERO;
        let mut f = facts(export("A", date!(2025 - 06 - 10), "610910", "10", "100"));
        f.control.over_use = 1;
        assert_eq!(check(&f, &HistoryView::empty(), &config), None);
    }
}
