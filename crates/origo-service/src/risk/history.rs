//! Earlier exports as the risk engine's history, and the figures of a goods item it can compare.
//!
//! The engine compares quantities in kilograms and values in the configuration's currency (`display.currency`,
//! USD by default). The quantity is the net weight (or the quantity itself when declared in kilograms); the
//! value is the invoice value, converted into the configured currency with the reference exchange rates
//! ([`RateTable`]: the most recent rate on or before the invoice's date, or the day of issue or submission when
//! the invoice has no date; rounded to cents). An earlier export that cannot be compared (no weight, no value, no
//! rate) still counts as an export of its exporter (for "new exporter"), adding nothing to unit values, monthly
//! values or quantities; an item being assessed that cannot be compared is scored against such a history only, so
//! that the unit value, surge and capacity indicators stay silent rather than compare one currency with another.

use origo_risk::facts::{Country, ExportRecord, Hs6};
use origo_risk::{History, RiskConfig};
use origo_store::export_history::EarlierExport;
use rust_decimal::Decimal;
use time::Date;
use uuid::Uuid;

use crate::exchange_rates::RateTable;

/// How far back the history reaches, in days (two years).
pub const HISTORY_DAYS: i64 = 730;

/// At most this many earlier goods items are read: the engine keeps 64 unit values per key and 15 months of
/// totals, so more would only cost time.
pub const HISTORY_LIMIT: u32 = 20_000;

/// Units that are kilograms (UN/ECE Recommendation 20 `KGM`, and as people write it).
fn is_kilograms(unit: &str) -> bool {
    matches!(unit.trim().to_ascii_lowercase().as_str(), "kgm" | "kg" | "kgs" | "kilogram" | "kilograms")
}

/// What an item's figures are, as the engine sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Figures {
    /// The quantity in kilograms and the value in the configured currency.
    Comparable { kilograms: Decimal, value: Decimal },
    /// Weight and value are known, but no rate of the currency is recorded on or before the day.
    NoRate { currency: String },
    /// No weight, no value or no currency.
    Unknown,
}

impl Figures {
    pub fn comparable(&self) -> Option<(Decimal, Decimal)> {
        match self {
            Figures::Comparable { kilograms, value } => Some((*kilograms, *value)),
            _ => None,
        }
    }
}

/// An item's figures as they are invoiced.
#[derive(Clone, Copy, Debug)]
pub struct Invoiced<'a> {
    pub quantity: Decimal,
    pub unit: &'a str,
    pub net_weight_kg: Option<Decimal>,
    pub invoice_value: Option<Decimal>,
    pub currency: Option<&'a str>,
    /// The day the rate is looked up for.
    pub day: Date,
}

/// The quantity (kg) and value (configured currency, converted with `rates`) of an item.
pub fn figures(item: Invoiced<'_>, rates: &RateTable) -> Figures {
    let kilograms = match item.net_weight_kg {
        Some(net) if net > Decimal::ZERO => net,
        _ if is_kilograms(item.unit) && item.quantity > Decimal::ZERO => item.quantity,
        _ => return Figures::Unknown,
    };
    let (Some(value), Some(currency)) = (item.invoice_value.filter(|v| *v >= Decimal::ZERO), item.currency) else {
        return Figures::Unknown;
    };
    match rates.convert(value, currency, item.day) {
        Some(value) => Figures::Comparable { kilograms, value },
        None => Figures::NoRate { currency: currency.trim().to_ascii_uppercase() },
    }
}

/// The key of an exporter in the history: the exporter assessed goes by its label (the name its sentences
/// carry), every other exporter by its id.
pub fn exporter_key(exporter_id: Uuid, assessed: Uuid, label: &str) -> String {
    if exporter_id == assessed { label.to_owned() } else { exporter_id.to_string() }
}

/// An earlier export as a record the engine can compare, or `None` when its figures cannot be compared.
fn record(export: &EarlierExport, exporter: String, rates: &RateTable) -> Option<ExportRecord> {
    let invoiced = Invoiced {
        quantity: export.quantity,
        unit: &export.unit,
        net_weight_kg: export.net_weight_kg,
        invoice_value: export.invoice_value,
        currency: export.currency.as_deref(),
        day: export.invoice_date.unwrap_or(export.day),
    };
    let (quantity, value) = figures(invoiced, rates).comparable()?;
    Some(ExportRecord {
        exporter,
        date: export.day,
        hs: Hs6::parse(&export.hs_code)?,
        quantity,
        value,
        // The history does not compare destinations; a consignment without one still counts (as `ZZ`, the ISO
        // 3166 code for an unknown country).
        destination: export.importing_country.as_deref().and_then(Country::parse).or_else(|| Country::parse("ZZ"))?,
    })
}

/// The histories an application's items are scored against: `full` with every comparable figure, `presence`
/// with the exports counted but no figures (for an item that cannot be compared).
pub struct Histories {
    pub full: History,
    pub presence: History,
}

/// Builds the histories from earlier exports, oldest first.
pub fn build(
    earlier: &[EarlierExport],
    assessed: Uuid,
    label: &str,
    config: &RiskConfig,
    rates: &RateTable,
) -> Histories {
    let mut full = History::new(config);
    let mut presence = History::new(config);
    for export in earlier {
        let key = exporter_key(export.exporter_id, assessed, label);
        presence.record_presence(&key, export.day);
        match record(export, key.clone(), rates) {
            Some(record) => full.record(&record),
            None => full.record_presence(&key, export.day),
        }
    }
    Histories { full, presence }
}

/// The currencies other than the configured one that `earlier` and `more` are invoiced in, each once: the rates
/// to read.
pub fn foreign_currencies<'a>(
    earlier: &'a [EarlierExport],
    more: impl IntoIterator<Item = &'a str>,
    rates: &RateTable,
) -> Vec<String> {
    let mut currencies: Vec<String> = earlier
        .iter()
        .filter_map(|e| e.currency.as_deref())
        .chain(more)
        .filter(|c| !rates.is_configured(c))
        .map(|c| c.trim().to_ascii_uppercase())
        .collect();
    currencies.sort();
    currencies.dedup();
    currencies
}

/// The first day the history reaches back to.
pub fn since(today: Date) -> Date {
    today - time::Duration::days(HISTORY_DAYS)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn earlier(exporter_id: Uuid, hs: &str, unit: &str, net: Option<&str>, currency: &str) -> EarlierExport {
        EarlierExport {
            application_id: Uuid::now_v7(),
            exporter_id,
            day: date!(2026 - 03 - 01),
            hs_code: hs.into(),
            quantity: d("10"),
            unit: unit.into(),
            net_weight_kg: net.map(d),
            invoice_value: Some(d("500")),
            currency: Some(currency.into()),
            invoice_date: None,
            importing_country: Some("DE".into()),
        }
    }

    fn invoiced<'a>(unit: &'a str, net: Option<&str>, value: Option<&str>, currency: &'a str) -> Invoiced<'a> {
        Invoiced {
            quantity: d("10"),
            unit,
            net_weight_kg: net.map(d),
            invoice_value: value.map(d),
            currency: Some(currency),
            day: date!(2026 - 03 - 01),
        }
    }

    fn eur_rates() -> RateTable {
        let rate = origo_store::exchange_rates::ExchangeRate {
            id: Uuid::now_v7(),
            currency: "EUR".into(),
            day: date!(2026 - 02 - 01),
            rate: d("1.1"),
            source: "test".into(),
            created_by: None,
            created_at: time::OffsetDateTime::UNIX_EPOCH,
        };
        RateTable::new("USD", &[rate])
    }

    #[test]
    fn figures_are_compared_in_kilograms_and_the_configured_currency() {
        let none = RateTable::empty("USD");
        let comparable =
            |kilograms: &str, value: &str| Figures::Comparable { kilograms: d(kilograms), value: d(value) };
        assert_eq!(figures(invoiced("PCE", Some("120.5"), Some("500"), "USD"), &none), comparable("120.5", "500"));
        assert_eq!(figures(invoiced("KGM", None, Some("500"), "usd"), &none), comparable("10", "500"));
        assert_eq!(figures(invoiced("PCE", None, Some("500"), "USD"), &none), Figures::Unknown);
        assert_eq!(figures(invoiced("KGM", None, None, "USD"), &none), Figures::Unknown);
        assert_eq!(
            figures(invoiced("KGM", Some("12"), Some("500"), "eur"), &none),
            Figures::NoRate { currency: "EUR".into() }
        );
        // With a rate on or before the day, the value is converted (500 EUR x 1.1 = 550.00 USD).
        assert_eq!(figures(invoiced("KGM", Some("12"), Some("500"), "EUR"), &eur_rates()), comparable("12", "550.00"));
        let early = Invoiced { day: date!(2026 - 01 - 31), ..invoiced("KGM", Some("12"), Some("500"), "EUR") };
        assert_eq!(figures(early, &eur_rates()), Figures::NoRate { currency: "EUR".into() });
    }

    #[test]
    fn exports_that_cannot_be_compared_still_count_for_their_exporter() {
        let config = RiskConfig::default();
        let (me, other) = (Uuid::now_v7(), Uuid::now_v7());
        let history = build(
            &[
                earlier(me, "610910", "PCE", Some("100"), "USD"),
                earlier(me, "610910", "PCE", Some("100"), "EUR"),
                earlier(other, "610910", "KGM", None, "USD"),
            ],
            me,
            "Silk Road LLC",
            &config,
            &RateTable::empty("USD"),
        );
        let hs = Hs6::parse("610910").unwrap();
        let view = history.full.view("Silk Road LLC", hs);
        assert_eq!(view.earlier_exports(), 2);
        assert_eq!(view.exporter_unit_values(1).unwrap().count, 1);
        assert_eq!(view.subheading_unit_values(1).unwrap().count, 2);
        let bare = history.presence.view("Silk Road LLC", hs);
        assert_eq!((bare.earlier_exports(), bare.subheading_unit_values(1)), (2, None));
        assert_eq!(history.full.view(&other.to_string(), hs).earlier_exports(), 1);
    }
}
