//! Quantities above capacity: what the exporter shipped of the subheading in the last 12 months, this export
//! included, against the producer's declared annual capacity.

use super::{Finding, Indicator, finding, plain};
use crate::config::RiskConfig;
use crate::facts::ApplicationFacts;
use crate::history::{CAPACITY_MONTHS, HistoryView, month_index};

pub fn check(facts: &ApplicationFacts, history: &HistoryView<'_>, config: &RiskConfig) -> Option<Finding> {
    let capacity = facts.declared_annual_capacity?;
    let export = &facts.export;
    let month = month_index(export.date);
    let total = history.quantity_in_months(month - CAPACITY_MONTHS as i32 + 1, month) + export.quantity;
    if total <= capacity {
        return None;
    }
    let unit = &config.display.quantity_unit;
    let reason = format!(
        "Exporter {} exported {} {unit} of {} in the 12 months to this export (this one {} {unit}), above the \
         declared annual capacity of {} {unit}",
        export.exporter,
        plain(total),
        export.hs,
        plain(export.quantity),
        plain(capacity)
    );
    finding(Indicator::Capacity, config.capacity.weight, reason)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::indicators::test_support::*;

    fn with_capacity(capacity: &str, quantity: &str) -> Option<Finding> {
        let config = RiskConfig::default();
        let h = history(
            &config,
            &[
                // Older than 12 months: not counted.
                export("A", date!(2024 - 05 - 31), "610910", "50000", "1"),
                export("A", date!(2024 - 07 - 01), "610910", "40000", "1"),
                export("A", date!(2025 - 05 - 01), "610910", "40000", "1"),
                // Another subheading: not counted.
                export("A", date!(2025 - 05 - 01), "610510", "40000", "1"),
            ],
        );
        let mut f = facts(export("A", date!(2025 - 06 - 10), "610910", quantity, "1"));
        f.declared_annual_capacity = Some(d(capacity));
        check(&f, &h.view("A", f.export.hs), &config)
    }

    #[test]
    fn fires_above_the_declared_capacity_with_the_figures() {
        let found = with_capacity("100000", "20000.5").unwrap();
        assert_eq!(
            found.reason,
            "Exporter A exported 100000.5 kg of 610910 in the 12 months to this export (this one 20000.5 kg), above \
             the declared annual capacity of 100000 kg"
        );
    }

    #[test]
    fn silent_up_to_the_capacity_or_without_one() {
        assert_eq!(with_capacity("100000", "20000"), None);
        let config = RiskConfig::default();
        let f = facts(export("A", date!(2025 - 06 - 10), "610910", "1000000", "1"));
        assert_eq!(check(&f, &HistoryView::empty(), &config), None);
    }
}
