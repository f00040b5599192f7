//! Earlier exports as the risk engine's history, and the figures of a goods item it can compare.
//!
//! The engine compares quantities in kilograms and values in the configuration's currency (`display.currency`,
//! USD by default). Origo keeps no exchange rates, so only what is already in those terms is compared: the
//! quantity is the net weight (or the quantity itself when declared in kilograms), the value is the invoice value
//! when invoiced in the configured currency. An earlier export that cannot be compared still counts as an export
//! of its exporter (for "new exporter"), adding nothing to unit values, monthly values or quantities; an item being
//! assessed that cannot be compared is scored against such a history only, so that the unit value, surge and
//! capacity indicators stay silent rather than compare one currency with another.

use origo_risk::facts::{Country, ExportRecord, Hs6};
use origo_risk::{History, RiskConfig};
use origo_store::export_history::EarlierExport;
use rust_decimal::Decimal;
use time::Date;
use uuid::Uuid;

/// How far back the history reaches, in days (two years).
pub const HISTORY_DAYS: i64 = 730;

/// At most this many earlier goods items are read: the engine keeps 64 unit values per key and 15 months of
/// totals, so more would only cost time.
pub const HISTORY_LIMIT: u32 = 20_000;

/// Units that are kilograms (UN/ECE Recommendation 20 `KGM`, and as people write it).
fn is_kilograms(unit: &str) -> bool {
    matches!(unit.trim().to_ascii_lowercase().as_str(), "kgm" | "kg" | "kgs" | "kilogram" | "kilograms")
}

/// The quantity (kg) and value (configured currency) of an item, when both can be compared.
pub fn comparable_figures(
    quantity: Decimal,
    unit: &str,
    net_weight_kg: Option<Decimal>,
    invoice_value: Option<Decimal>,
    currency: Option<&str>,
    config: &RiskConfig,
) -> Option<(Decimal, Decimal)> {
    let kilograms = match net_weight_kg {
        Some(net) if net > Decimal::ZERO => net,
        _ if is_kilograms(unit) && quantity > Decimal::ZERO => quantity,
        _ => return None,
    };
    let value = invoice_value.filter(|v| *v >= Decimal::ZERO)?;
    let same_currency = currency.is_some_and(|c| c.trim().eq_ignore_ascii_case(config.display.currency.trim()));
    same_currency.then_some((kilograms, value))
}

/// The key of an exporter in the history: the exporter assessed goes by its label (the name its sentences
/// carry), every other exporter by its id.
pub fn exporter_key(exporter_id: Uuid, assessed: Uuid, label: &str) -> String {
    if exporter_id == assessed { label.to_owned() } else { exporter_id.to_string() }
}

/// An earlier export as a record the engine can compare, or `None` when its figures cannot be compared.
fn record(export: &EarlierExport, exporter: String, config: &RiskConfig) -> Option<ExportRecord> {
    let (quantity, value) = comparable_figures(
        export.quantity,
        &export.unit,
        export.net_weight_kg,
        export.invoice_value,
        export.currency.as_deref(),
        config,
    )?;
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
pub fn build(earlier: &[EarlierExport], assessed: Uuid, label: &str, config: &RiskConfig) -> Histories {
    let mut full = History::new(config);
    let mut presence = History::new(config);
    for export in earlier {
        let key = exporter_key(export.exporter_id, assessed, label);
        presence.record_presence(&key, export.day);
        match record(export, key.clone(), config) {
            Some(record) => full.record(&record),
            None => full.record_presence(&key, export.day),
        }
    }
    Histories { full, presence }
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
            importing_country: Some("DE".into()),
        }
    }

    #[test]
    fn figures_are_compared_in_kilograms_and_the_configured_currency() {
        let config = RiskConfig::default();
        let figures = |unit, net: Option<&str>, currency| {
            comparable_figures(d("10"), unit, net.map(d), Some(d("500")), Some(currency), &config)
        };
        assert_eq!(figures("PCE", Some("120.5"), "USD"), Some((d("120.5"), d("500"))));
        assert_eq!(figures("KGM", None, "usd"), Some((d("10"), d("500"))));
        assert_eq!(figures("PCE", None, "USD"), None);
        assert_eq!(figures("KGM", Some("12"), "EUR"), None);
        assert_eq!(comparable_figures(d("10"), "KGM", None, None, Some("USD"), &config), None);
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
