//! Unit value far from history: more than `max_mads` median absolute deviations from the median of the exporter's
//! recent unit values for the subheading, or of everyone's. Robust statistics, so that a few odd prices in the
//! history do not hide the next one. When the MAD is zero (most earlier unit values equal) a relative difference
//! above `equal_history_tolerance` fires instead, and the sentence says so.

use rust_decimal::Decimal;

use super::{Finding, Indicator, count, finding, one_place, two_places};
use crate::config::{RiskConfig, UnitValue};
use crate::facts::ApplicationFacts;
use crate::history::HistoryView;
use crate::stats::RobustStats;

pub fn check(facts: &ApplicationFacts, history: &HistoryView<'_>, config: &RiskConfig) -> Option<Finding> {
    let rule = &config.unit_value;
    if rule.weight.is_zero() {
        return None;
    }
    let export = &facts.export;
    let unit_value = export.unit_value();
    let hs = export.hs;
    let mut parts = Vec::new();
    if let Some(stats) = history.subheading_unit_values(rule.min_hs_history) {
        let whose = format!("the last {} of {hs}", count(stats.count, "export", "exports"));
        parts.extend(deviation(unit_value, &stats, rule, &whose));
    }
    if let Some(stats) = history.exporter_unit_values(rule.min_exporter_history) {
        let whose = format!("the last {} of {hs} by {}", count(stats.count, "export", "exports"), export.exporter);
        parts.extend(deviation(unit_value, &stats, rule, &whose));
    }
    if parts.is_empty() {
        return None;
    }
    let currency = &config.display.currency;
    let unit = &config.display.quantity_unit;
    let reason = format!("Unit value {} {currency}/{unit} is {}", two_places(unit_value), parts.join(", and "));
    finding(Indicator::UnitValue, rule.weight, reason)
}

/// "6.3 MADs below the median 4.10 of the last 64 exports of 610910", when the value is that far off.
fn deviation(value: Decimal, stats: &RobustStats, rule: &UnitValue, whose: &str) -> Option<String> {
    let distance = (value - stats.median).abs();
    let side = if value < stats.median { "below" } else { "above" };
    let median = two_places(stats.median);
    if stats.mad.is_zero() {
        // No spread to measure against: compare with the median itself.
        if distance.is_zero() || distance <= rule.equal_history_tolerance * stats.median.abs() {
            return None;
        }
        let percent = if stats.median.is_zero() {
            String::new()
        } else {
            format!("{}% ", one_place(distance / stats.median.abs() * Decimal::ONE_HUNDRED))
        };
        return Some(format!(
            "{percent}{side} the median {median} of {whose}, whose unit values hardly vary \
             (median absolute deviation 0)"
        ));
    }
    if distance <= rule.max_mads * stats.mad {
        return None;
    }
    Some(format!("{} MADs {side} the median {median} of {whose}", one_place(distance / stats.mad)))
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::facts::ExportRecord;
    use crate::indicators::test_support::*;

    /// `n` earlier exports of 610910 by other exporters at unit values 3.90, 4.10, 4.30 in turn (median 4.10,
    /// MAD 0.20), then `own` by exporter A at 4.00.
    fn earlier(n: usize, own: usize) -> Vec<ExportRecord> {
        let mut exports: Vec<_> = (0..n)
            .map(|i| {
                let value = ["390", "410", "430"][i % 3];
                export(&format!("X{i}"), date!(2025 - 01 - 01), "610910", "100", value)
            })
            .collect();
        exports.extend((0..own).map(|_| export("A", date!(2025 - 01 - 01), "610910", "100", "400")));
        exports
    }

    fn unit_value_check(history_exports: &[ExportRecord], quantity: &str, value: &str) -> Option<Finding> {
        let config = RiskConfig::default();
        let h = history(&config, history_exports);
        let f = facts(export("A", date!(2025 - 06 - 01), "610910", quantity, value));
        check(&f, &h.view("A", f.export.hs), &config)
    }

    #[test]
    fn fires_far_below_the_subheading_median_with_the_figures() {
        let found = unit_value_check(&earlier(118, 0), "1000", "1200").unwrap();
        // The window keeps the last 64 of the 118; 4.10 - 1.20 = 2.90 = 14.5 MADs of 0.20.
        assert_eq!(
            found.reason,
            "Unit value 1.20 USD/kg is 14.5 MADs below the median 4.10 of the last 64 exports of 610910"
        );
        assert_eq!(found.indicator, Indicator::UnitValue);
    }

    #[test]
    fn the_threshold_is_max_mads() {
        // 5 MADs of 0.20 = 1.00 from 4.10: 5.10 is at the limit (silent), 5.11 beyond it.
        assert_eq!(unit_value_check(&earlier(30, 0), "100", "510"), None);
        let found = unit_value_check(&earlier(30, 0), "100", "511").unwrap();
        assert!(
            found.reason.contains("5.1 MADs above the median 4.10 of the last 30 exports of 610910"),
            "{}",
            found.reason
        );
    }

    #[test]
    fn silent_with_too_little_history() {
        assert_eq!(unit_value_check(&earlier(19, 0), "1000", "1200"), None);
        assert!(unit_value_check(&earlier(20, 0), "1000", "1200").is_some());
    }

    #[test]
    fn the_exporters_own_history_is_named_too() {
        // The exporter's own 8 exports at 4.00 (MAD 0) and 20 of others: both references fire.
        let found = unit_value_check(&earlier(20, 8), "1000", "1200").unwrap();
        assert_eq!(
            found.reason,
            "Unit value 1.20 USD/kg is 28.0 MADs below the median 4.00 of the last 28 exports of 610910, and 70.0% \
             below the median 4.00 of the last 8 exports of 610910 by A, whose unit values hardly vary (median \
             absolute deviation 0)"
        );
    }

    #[test]
    fn zero_mad_history_compares_relatively() {
        let equal: Vec<_> =
            (0..25).map(|i| export(&format!("X{i}"), date!(2025 - 01 - 01), "610910", "100", "410")).collect();
        // The same unit value, and one within 25%: silent, no division by zero.
        assert_eq!(unit_value_check(&equal, "100", "410"), None);
        assert_eq!(unit_value_check(&equal, "100", "500"), None);
        let found = unit_value_check(&equal, "100", "600").unwrap();
        assert_eq!(
            found.reason,
            "Unit value 6.00 USD/kg is 46.3% above the median 4.10 of the last 25 exports of 610910, whose unit values \
             hardly vary (median absolute deviation 0)"
        );
        let zeros: Vec<_> =
            (0..25).map(|i| export(&format!("X{i}"), date!(2025 - 01 - 01), "610910", "100", "0")).collect();
        let found = unit_value_check(&zeros, "100", "50").unwrap();
        assert!(found.reason.starts_with("Unit value 0.50 USD/kg is above the median 0.00"), "{}", found.reason);
    }
}
