//! Reading a rate from text (a form, the API, a CSV row), with the field that is wrong: the currency an active
//! ISO 4217 code, the date `YYYY-MM-DD`, the rate a decimal greater than 0, the source not empty.

use origo_store::exchange_rates::NewExchangeRate;
use rust_decimal::Decimal;
use time::Date;
use time::macros::format_description;

use super::currencies::is_iso4217;

/// A rate as given, before validation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RateInput {
    pub currency: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// A decimal: units of the configured currency per 1 unit of `currency`.
    pub rate: String,
    pub source: String,
}

/// A field that is wrong, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// `currency`, `date`, `rate` or `source`.
    pub field: &'static str,
    pub message: String,
}

fn wrong(field: &'static str, message: impl Into<String>) -> FieldError {
    FieldError { field, message: message.into() }
}

/// Validates a rate; the currency and date are read with spaces around them ignored.
pub fn parse(input: &RateInput, configured: &str) -> Result<NewExchangeRate, FieldError> {
    let currency = input.currency.trim();
    if !is_iso4217(currency) {
        return Err(wrong("currency", format!("'{currency}' is not an ISO 4217 currency code (e.g. EUR)")));
    }
    if currency.eq_ignore_ascii_case(configured.trim()) {
        return Err(wrong("currency", format!("{currency} is the configured currency: its rate is always 1")));
    }
    let day = Date::parse(input.date.trim(), format_description!("[year]-[month]-[day]"))
        .map_err(|_| wrong("date", format!("expected a date YYYY-MM-DD, found '{}'", input.date.trim())))?;
    let rate: Decimal = input
        .rate
        .trim()
        .parse()
        .map_err(|_| wrong("rate", format!("expected a decimal number, found '{}'", input.rate.trim())))?;
    if rate <= Decimal::ZERO {
        return Err(wrong("rate", "must be greater than 0"));
    }
    let source = input.source.trim();
    if source.is_empty() {
        return Err(wrong("source", "must not be empty: say where the rate comes from"));
    }
    Ok(NewExchangeRate { currency: currency.to_owned(), day, rate: rate.normalize(), source: source.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(currency: &str, date: &str, rate: &str) -> RateInput {
        RateInput { currency: currency.into(), date: date.into(), rate: rate.into(), source: "CBU".into() }
    }

    #[test]
    fn a_good_rate_is_read_exactly() {
        let rate = parse(&input(" EUR ", "2026-05-04", "1.0850"), "USD").unwrap();
        assert_eq!((rate.currency.as_str(), rate.rate.to_string().as_str()), ("EUR", "1.085"));
        assert_eq!(rate.day.to_string(), "2026-05-04");
    }

    #[test]
    fn each_wrong_field_is_named() {
        let field = |i: RateInput| parse(&i, "USD").unwrap_err().field;
        assert_eq!(field(input("EURO", "2026-05-04", "1")), "currency");
        assert_eq!(field(input("eur", "2026-05-04", "1")), "currency");
        assert_eq!(field(input("USD", "2026-05-04", "1")), "currency");
        assert_eq!(field(input("EUR", "2026-02-30", "1")), "date");
        assert_eq!(field(input("EUR", "04.05.2026", "1")), "date");
        assert_eq!(field(input("EUR", "2026-05-04", "0")), "rate");
        assert_eq!(field(input("EUR", "2026-05-04", "-1.2")), "rate");
        assert_eq!(field(input("EUR", "2026-05-04", "1,08")), "rate");
        assert_eq!(field(RateInput { source: " ".into(), ..input("EUR", "2026-05-04", "1") }), "source");
    }
}
