//! Conversion into the configured currency with the reference rates: the most recent rate of the currency on or
//! before the day. Pure: the rates come in from the store.
//!
//! Rounding: the converted amount is `value × rate`, rounded half away from zero to 2 decimal places (cents of
//! the configured currency), in decimal arithmetic. An amount already in the configured currency is not touched.

use std::collections::HashMap;

use origo_store::exchange_rates::ExchangeRate;
use rust_decimal::{Decimal, RoundingStrategy};
use time::Date;

/// The rates of some currencies, each sorted by day.
#[derive(Clone, Debug, Default)]
pub struct RateTable {
    configured: String,
    by_currency: HashMap<String, Vec<(Date, Decimal)>>,
}

impl RateTable {
    /// A table for converting into `configured` (`display.currency`), from stored rates in any order.
    pub fn new(configured: &str, rates: &[ExchangeRate]) -> RateTable {
        let mut by_currency: HashMap<String, Vec<(Date, Decimal)>> = HashMap::new();
        for rate in rates {
            by_currency.entry(rate.currency.clone()).or_default().push((rate.day, rate.rate));
        }
        for days in by_currency.values_mut() {
            days.sort_by_key(|(day, _)| *day);
        }
        RateTable { configured: configured.trim().to_ascii_uppercase(), by_currency }
    }

    /// A table that converts nothing: only amounts already in `configured` compare.
    pub fn empty(configured: &str) -> RateTable {
        RateTable::new(configured, &[])
    }

    /// Whether `currency` is the configured currency (either case, spaces ignored).
    pub fn is_configured(&self, currency: &str) -> bool {
        currency.trim().eq_ignore_ascii_case(&self.configured)
    }

    /// The rate of `currency` in force on `day`: the most recent on or before it.
    pub fn rate_on(&self, currency: &str, day: Date) -> Option<Decimal> {
        let days = self.by_currency.get(&currency.trim().to_ascii_uppercase())?;
        let after = days.partition_point(|(d, _)| *d <= day);
        after.checked_sub(1).map(|i| days[i].1)
    }

    /// `value` in `currency` on `day`, in the configured currency; `None` without a rate on or before the day.
    pub fn convert(&self, value: Decimal, currency: &str, day: Date) -> Option<Decimal> {
        if self.is_configured(currency) {
            return Some(value);
        }
        let rate = self.rate_on(currency, day)?;
        let converted = value.checked_mul(rate)?;
        Some(converted.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }
}

#[cfg(test)]
mod tests {
    use time::OffsetDateTime;
    use time::macros::date;
    use uuid::Uuid;

    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn rate(currency: &str, day: Date, rate: &str) -> ExchangeRate {
        ExchangeRate {
            id: Uuid::now_v7(),
            currency: currency.into(),
            day,
            rate: d(rate),
            source: "test".into(),
            created_by: None,
            created_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn the_most_recent_rate_on_or_before_the_day_converts() {
        let table = RateTable::new(
            "USD",
            &[rate("EUR", date!(2026 - 03 - 01), "1.10"), rate("EUR", date!(2026 - 01 - 01), "1.05")],
        );
        assert_eq!(table.convert(d("100"), "EUR", date!(2026 - 01 - 01)), Some(d("105.00")));
        assert_eq!(table.convert(d("100"), "EUR", date!(2026 - 02 - 28)), Some(d("105.00")));
        assert_eq!(table.convert(d("100"), "eur", date!(2026 - 03 - 01)), Some(d("110.00")));
        assert_eq!(table.convert(d("100"), "EUR", date!(2027 - 01 - 01)), Some(d("110.00")));
        // Before the first rate: no conversion, the item stays out of the comparison.
        assert_eq!(table.convert(d("100"), "EUR", date!(2025 - 12 - 31)), None);
        assert_eq!(table.convert(d("100"), "GBP", date!(2026 - 03 - 01)), None);
        // The configured currency needs no rate.
        assert_eq!(table.convert(d("100.123"), "usd", date!(2020 - 01 - 01)), Some(d("100.123")));
    }

    #[test]
    fn converted_amounts_are_rounded_half_away_from_zero_to_cents() {
        let table = RateTable::new("USD", &[rate("UZS", date!(2026 - 01 - 01), "0.0000785")]);
        // 1 000 000 x 0.0000785 = 78.5; 10 000 x 0.0000785 = 0.785, a midpoint: away from zero (0.79, where
        // banker's rounding would give 0.78); 9 993 x 0.0000785 = 0.7844505 -> 0.78.
        assert_eq!(table.convert(d("1000000"), "UZS", date!(2026 - 06 - 01)), Some(d("78.50")));
        assert_eq!(table.convert(d("10000"), "UZS", date!(2026 - 06 - 01)), Some(d("0.79")));
        assert_eq!(table.convert(d("9993"), "UZS", date!(2026 - 06 - 01)), Some(d("0.78")));
    }
}
