//! Export surge: the exporter's monthly average value over the last few months (this export included) against the
//! monthly average of the months before them. Monthly totals come from the history's ring of months, so the
//! comparison costs the same however long the history is.

use rust_decimal::Decimal;

use super::{Finding, Indicator, finding, one_place, two_places};
use crate::config::RiskConfig;
use crate::facts::ApplicationFacts;
use crate::history::{HistoryView, month_index};

pub fn check(facts: &ApplicationFacts, history: &HistoryView<'_>, config: &RiskConfig) -> Option<Finding> {
    let rule = &config.export_surge;
    if rule.weight.is_zero() {
        return None;
    }
    let export = &facts.export;
    let first = month_index(history.first_export()?);
    let month = month_index(export.date);
    let recent_months = rule.recent_months as i32;
    let baseline_end = month - recent_months;
    // An exporter that started within the baseline period is compared over the months it has been exporting.
    let baseline_start = (baseline_end - rule.baseline_months as i32 + 1).max(first);
    let baseline_months = baseline_end - baseline_start + 1;
    if baseline_months < rule.min_baseline_months as i32 {
        return None;
    }
    let recent = history.value_in_months(baseline_end + 1, month) + export.value;
    let baseline = history.value_in_months(baseline_start, baseline_end);
    // Monthly averages compared without dividing: recent / r > factor * baseline / b.
    let (r, b) = (Decimal::from(recent_months), Decimal::from(baseline_months));
    if recent.is_zero() || recent * b <= rule.factor * baseline * r {
        return None;
    }
    let currency = &config.display.currency;
    let exported = format!(
        "Exporter {} exported {} {currency} in the last {recent_months} months (this export included)",
        export.exporter,
        two_places(recent)
    );
    let reason = if baseline.is_zero() {
        format!("{exported}, after none in the preceding {baseline_months} months")
    } else {
        format!(
            "{exported}, {} times the monthly average of the preceding {baseline_months} months \
             ({} {currency} a month)",
            one_place((recent * b) / (baseline * r)),
            two_places(baseline / b)
        )
    };
    finding(Indicator::ExportSurge, rule.weight, reason)
}

#[cfg(test)]
mod tests {
    use time::Date;
    use time::macros::date;

    use super::*;
    use crate::facts::ExportRecord;
    use crate::indicators::test_support::*;

    /// One export of `value` on the 15th of each month from 2024-01 to 2025-03 (15 months), by exporter A.
    fn monthly(value: &str) -> Vec<ExportRecord> {
        (0..15)
            .map(|m| {
                let date = Date::from_calendar_date(2024 + m / 12, time::Month::January.nth_next((m % 12) as u8), 15);
                export("A", date.unwrap(), "610910", "100", value)
            })
            .collect()
    }

    fn surge(exports: &[ExportRecord], date: Date, value: &str) -> Option<Finding> {
        let config = RiskConfig::default();
        let h = history(&config, exports);
        let f = facts(export("A", date, "610910", "100", value));
        check(&f, &h.view("A", f.export.hs), &config)
    }

    #[test]
    fn fires_above_the_factor_with_the_figures() {
        // Baseline 2024-04..2025-03: 1000 a month. Recent 2025-04..06: only this export.
        // 9001 over 3 months = 3000.33 a month > 3 x 1000.
        let found = surge(&monthly("1000"), date!(2025 - 06 - 20), "9001").unwrap();
        assert_eq!(
            found.reason,
            "Exporter A exported 9001.00 USD in the last 3 months (this export included), 3.0 times the monthly \
             average of the preceding 12 months (1000.00 USD a month)"
        );
    }

    #[test]
    fn silent_at_the_factor() {
        assert_eq!(surge(&monthly("1000"), date!(2025 - 06 - 20), "9000"), None);
    }

    #[test]
    fn a_young_exporter_is_compared_over_its_months_and_needs_enough_of_them() {
        let young: Vec<_> = monthly("1000").into_iter().skip(10).collect(); // 2024-11 .. 2025-03
        // Baseline 2024-11..2025-03 (5 months at 1000 a month): more than 9000 in the last 3 months is a surge.
        let found = surge(&young, date!(2025 - 06 - 20), "9001").unwrap();
        assert!(found.reason.contains("3.0 times the monthly average of the preceding 5 months (1000.00 USD a month)"));
        assert_eq!(surge(&young, date!(2025 - 06 - 20), "9000"), None);
        let too_young: Vec<_> = monthly("1000").into_iter().skip(13).collect(); // 2025-02 .. 2025-03
        assert_eq!(surge(&too_young, date!(2025 - 06 - 20), "1000000"), None);
        assert_eq!(surge(&[], date!(2025 - 06 - 20), "1000000"), None);
    }

    #[test]
    fn a_dormant_exporter_that_ships_again_fires() {
        let dormant: Vec<_> = monthly("1000").into_iter().take(1).collect(); // 2024-01 only
        let found = surge(&dormant, date!(2025 - 06 - 20), "500").unwrap();
        assert_eq!(
            found.reason,
            "Exporter A exported 500.00 USD in the last 3 months (this export included), after none in the \
             preceding 12 months"
        );
    }
}
