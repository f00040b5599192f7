//! Supplier declarations about to expire (or expired) at the date of the export: the origin of the materials
//! they cover may no longer be backed when the goods are checked.

use super::{Finding, Indicator, finding};
use crate::config::RiskConfig;
use crate::facts::ApplicationFacts;
use crate::history::HistoryView;

pub fn check(facts: &ApplicationFacts, _history: &HistoryView<'_>, config: &RiskConfig) -> Option<Finding> {
    let rule = &config.supplier_declarations;
    let date = facts.export.date;
    let parts: Vec<String> = facts
        .supplier_declarations
        .iter()
        .filter_map(|declaration| {
            let days = (declaration.expires - date).whole_days();
            let (reference, expires) = (&declaration.reference, declaration.expires);
            match days {
                _ if days > i64::from(rule.within_days) => None,
                0 => Some(format!("supplier declaration {reference} expires on {expires}, the day of this export")),
                1.. => Some(format!(
                    "supplier declaration {reference} expires on {expires}, {days} days after this export \
                     (within {} days)",
                    rule.within_days
                )),
                _ => Some(format!(
                    "supplier declaration {reference} expired on {expires}, {} days before this export",
                    -days
                )),
            }
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    let mut reason = parts.join("; ");
    reason[..1].make_ascii_uppercase();
    finding(Indicator::SupplierDeclarations, rule.weight, reason)
}

#[cfg(test)]
mod tests {
    use time::Date;
    use time::macros::date;

    use super::*;
    use crate::facts::SupplierDeclaration;
    use crate::indicators::test_support::*;

    fn with_expiry(expires: &[Date]) -> Option<Finding> {
        let mut f = facts(export("A", date!(2025 - 06 - 10), "610910", "10", "100"));
        f.supplier_declarations = expires
            .iter()
            .enumerate()
            .map(|(i, e)| SupplierDeclaration { reference: format!("SD-{}", i + 1), expires: *e })
            .collect();
        check(&f, &HistoryView::empty(), &RiskConfig::default())
    }

    #[test]
    fn fires_within_the_days_or_when_expired_with_the_dates() {
        assert_eq!(
            with_expiry(&[date!(2025 - 07 - 10)]).unwrap().reason,
            "Supplier declaration SD-1 expires on 2025-07-10, 30 days after this export (within 30 days)"
        );
        assert_eq!(
            with_expiry(&[date!(2026 - 01 - 01), date!(2025 - 06 - 01)]).unwrap().reason,
            "Supplier declaration SD-2 expired on 2025-06-01, 9 days before this export"
        );
        assert_eq!(
            with_expiry(&[date!(2025 - 06 - 10)]).unwrap().reason,
            "Supplier declaration SD-1 expires on 2025-06-10, the day of this export"
        );
    }

    #[test]
    fn silent_beyond_the_days_or_without_declarations() {
        assert_eq!(with_expiry(&[date!(2025 - 07 - 11)]), None);
        assert_eq!(with_expiry(&[]), None);
    }
}
