//! Trader rather than producer: the exporter did not make the goods, so the evidence of origin is a supplier's.

use super::{Finding, Indicator, finding};
use crate::config::RiskConfig;
use crate::facts::{ApplicationFacts, ExporterRole};
use crate::history::HistoryView;

pub fn check(facts: &ApplicationFacts, _history: &HistoryView<'_>, config: &RiskConfig) -> Option<Finding> {
    if facts.role != Some(ExporterRole::Trader) {
        return None;
    }
    let reason = format!(
        "Exporter {} is a trader, not the producer of the goods of {}: origin rests on the supplier's evidence",
        facts.export.exporter, facts.export.hs
    );
    finding(Indicator::Trader, config.trader.weight, reason)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::indicators::test_support::*;

    #[test]
    fn fires_for_a_trader_only() {
        let config = RiskConfig::default();
        let mut f = facts(export("A", date!(2025 - 06 - 01), "610910", "100", "400"));
        assert_eq!(check(&f, &HistoryView::empty(), &config), None);
        f.role = Some(ExporterRole::Producer);
        assert_eq!(check(&f, &HistoryView::empty(), &config), None);
        f.role = Some(ExporterRole::Trader);
        let found = check(&f, &HistoryView::empty(), &config).unwrap();
        assert_eq!(
            found.reason,
            "Exporter A is a trader, not the producer of the goods of 610910: origin rests on the supplier's evidence"
        );
    }
}
