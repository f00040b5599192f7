//! Declared production capacity and reference exchange rates in the demo.
//!
//! - Exchange rates (USD per unit of EUR, UZS, RUB, KZT, GBP) from two years back, marked as illustrative in
//!   their source: ../shared/data has no central-bank rates, so the figures are round, plausible values, not
//!   official ones. With them, the demo's EUR invoices are compared in USD by the unit-value, surge and capacity
//!   indicators.
//! - The producers declare their annual capacity per subheading (a modification of their registration, so it is
//!   in each registration's history); the trading company declares none.
//! - Fargʻona Tekstil is near its declared capacity for T-shirts (610910): its capacity is set just above what it
//!   exported in the last 12 months, and one more application (submitted, waiting in the queue) takes it over, so
//!   the dossier shows the capacity indicator with its figures.

use anyhow::Context;
use origo_service::Service;
use origo_store::applications::ProofKind::StatementOnOrigin;
use origo_store::exchange_rates::{self, NewExchangeRate};
use origo_store::exporters::CapacityLine;
use rust_decimal::Decimal;
use time::Duration;
use uuid::Uuid;

use super::goods::{Invoices, TEXTIL_KONTOR, consignment, t_shirts};
use super::parties::{Exporter, Exporters};
use super::steps::application;

/// The source every demo rate carries.
const SOURCE: &str = "Illustrative demo figure, not an official rate";

/// (currency, days ago, USD per unit).
const RATES: &[(&str, i64, &str)] = &[
    ("EUR", 800, "1.08"),
    ("EUR", 200, "1.10"),
    ("EUR", 30, "1.12"),
    ("UZS", 800, "0.0000810"),
    ("UZS", 200, "0.0000790"),
    ("UZS", 30, "0.0000780"),
    ("RUB", 800, "0.0110"),
    ("RUB", 30, "0.0120"),
    ("KZT", 800, "0.00210"),
    ("KZT", 30, "0.00200"),
    ("GBP", 800, "1.26"),
    ("GBP", 30, "1.30"),
];

fn kg(text: &str) -> Decimal {
    text.parse().unwrap_or_default()
}

fn line(hs: &str, quantity: &str, note: &str) -> CapacityLine {
    CapacityLine { hs: hs.into(), quantity: kg(quantity), unit: "kg".into(), note: Some(note.into()) }
}

/// Adds the demo's rates, as the system (one audited transaction): first of all, so that every demo
/// application is assessed with them.
pub async fn rates(service: &Service) -> anyhow::Result<()> {
    let actor = origo_store::Actor::system(service.clock().now());
    let today = service.clock().today();
    let mut tx = service.store().begin().await?;
    for (currency, days_ago, rate) in RATES {
        let new = NewExchangeRate {
            currency: (*currency).into(),
            day: today - Duration::days(*days_ago),
            rate: rate.parse().context("a demo rate")?,
            source: SOURCE.into(),
        };
        exchange_rates::add(&mut tx, &actor, &new).await.context("adding a demo exchange rate")?;
    }
    tx.commit().await?;
    Ok(())
}

/// The exporter declares `lines` as a modification of its registration.
async fn declare(service: &Service, exporter: &Exporter, lines: Vec<CapacityLine>) -> anyhow::Result<()> {
    let id = exporter.caller.exporter_id().context("a demo exporter without a registration")?;
    let current = service.registration(&exporter.caller, id).await?;
    let mut data = current.data.clone();
    data.capacity = lines;
    let reason = Some("Declared production capacity");
    service.modify_registration(&exporter.caller, id, current.version, data, reason).await?;
    Ok(())
}

/// Net kilograms of `hs` that `exporter` had issued in the last 12 months.
async fn exported_last_year(service: &Service, exporter: Uuid, hs: &str) -> anyhow::Result<Decimal> {
    let since = service.clock().today() - Duration::days(365);
    let mut conn = service.store().conn().await?;
    let earlier =
        origo_store::export_history::earlier_exports(&mut conn, exporter, &[hs.to_owned()], since, Uuid::nil(), 20_000)
            .await?;
    Ok(earlier.iter().filter(|e| e.exporter_id == exporter && e.hs_code == hs).filter_map(|e| e.net_weight_kg).sum())
}

/// The producers' capacity, and Fargʻona Tekstil's application above its capacity.
pub async fn fill(service: &Service, exporters: &Exporters, invoices: &Invoices) -> anyhow::Result<()> {
    declare(
        service,
        &exporters.tashkent,
        vec![
            line("940360", "180000", "Solid-wood dining tables and cabinets, two shifts"),
            line("940161", "60000", "Upholstered chairs"),
        ],
    )
    .await?;
    declare(service, &exporters.samarkand, vec![line("940360", "150000", "Tables and cabinets")]).await?;
    declare(
        service,
        &exporters.bukhara,
        vec![line("080620", "400000", "Own vineyards, 2025 harvest"), line("081310", "250000", "Own orchards")],
    )
    .await?;
    declare(service, &exporters.almalyk, vec![line("740811", "2400000", "Wire rod line, 8 000 t a year")]).await?;
    declare(service, &exporters.navoi, vec![line("310230", "5000000", "Ammonium nitrate plant")]).await?;
    // Fargʻona Tekstil: capacity just above the last year's T-shirts, then 3 000 more (600 kg) to Germany.
    let fergana = exporters.fergana.caller.exporter_id().context("Fargʻona Tekstil is registered")?;
    let shipped = exported_last_year(service, fergana, "610910").await?;
    let capacity = ((shipped + Decimal::from(300)) / Decimal::from(100)).ceil() * Decimal::from(100);
    declare(
        service,
        &exporters.fergana,
        vec![
            line("610910", &capacity.to_string(), "Knitting hall, one shift"),
            line("520512", "900000", "Spinning mill, own cotton"),
        ],
    )
    .await?;
    let items = vec![t_shirts(3000, &invoices.at("FT-2026-0415", 2))];
    application(service, &exporters.fergana, consignment(StatementOnOrigin, TEXTIL_KONTOR, items), true).await?;
    Ok(())
}
