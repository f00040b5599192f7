//! Reference exchange rates: units of the configured currency per 1 unit of a currency, from a day on, with their
//! source. The administrator adds them (one by one or a CSV file in one transaction); the risk engine converts
//! values with the most recent rate on or before a day. A rate is never changed in place: one rate per currency
//! and day (`exchange_rates_currency_day_key`).

use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::any::AnyRow;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, date, new_id, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, currency, day, rate, source, created_by, created_at"
    };
}

/// A stored rate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExchangeRate {
    pub id: Uuid,
    /// ISO 4217.
    pub currency: String,
    /// The rate holds from this day until the currency's next rate.
    pub day: Date,
    /// Units of the configured currency per 1 unit of `currency`; greater than 0.
    pub rate: Decimal,
    pub source: String,
    pub created_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A rate to add (validated by the service).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewExchangeRate {
    pub currency: String,
    pub day: Date,
    pub rate: Decimal,
    pub source: String,
}

/// Adds a rate, audited (`exchange_rate.added`). A rate for the same currency and day is
/// `Conflict { constraint: "exchange_rates_currency_day_key" }`.
pub async fn add(tx: &mut Tx, actor: &Actor, new: &NewExchangeRate) -> Result<ExchangeRate, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO exchange_rates (id, currency, day, rate, source, created_by, created_at) ",
        "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(&new.currency)
    .bind(date(new.day))
    .bind(new.rate.to_string())
    .bind(&new.source)
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let rate = from_row(&row)?;
    let reason = format!("1 {} = {} from {}", rate.currency, rate.rate, date(rate.day));
    tx.audit(
        actor,
        AuditEvent::new("exchange_rate.added", "exchange_rate", rate.id).after(&rate).reason(Some(&reason)),
    );
    Ok(rate)
}

/// Rates, newest day first (then by currency), optionally of one currency; at most `limit`.
pub async fn list(db: &mut impl Db, currency: Option<&str>, limit: u32) -> Result<Vec<ExchangeRate>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM exchange_rates WHERE ($1 = '' OR currency = $1) ORDER BY day DESC, currency, id LIMIT $2"
    ))
    .bind(currency.unwrap_or(""))
    .bind(i64::from(limit))
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// Every rate of `currencies` from days up to `up_to` (inclusive), by currency then day: what a conversion on any
/// day up to `up_to` may use.
pub async fn up_to(db: &mut impl Db, currencies: &[String], up_to: Date) -> Result<Vec<ExchangeRate>, StoreError> {
    if currencies.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders = (0..currencies.len()).map(|i| format!("${}", i + 2)).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "SELECT {} FROM exchange_rates WHERE day <= $1 AND currency IN ({placeholders}) ORDER BY currency, day",
        columns!()
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(date(up_to));
    for currency in currencies {
        query = query.bind(currency.clone());
    }
    let rows = query.fetch_all(db.conn()).await?;
    rows.iter().map(from_row).collect()
}

fn from_row(row: &AnyRow) -> Result<ExchangeRate, StoreError> {
    Ok(ExchangeRate {
        id: row.id("id")?,
        currency: row.text("currency")?,
        day: row.date("day")?,
        rate: row.dec("rate")?,
        source: row.text("source")?,
        created_by: row.opt_id("created_by")?,
        created_at: row.ts("created_at")?,
    })
}
