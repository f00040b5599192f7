//! The HS subheadings most certified: by the number of goods items on the certificates issued in a range, and by
//! their invoiced value per currency. Each application's goods count once, on its first certificate: a
//! replacement certifies the same goods again and is left out (a revoked certificate was issued and counts).
//!
//! The figures are read from the monthly totals kept at issuance ([`super::certified_goods`]): a few rows per
//! month, subheading and currency, whatever the number of certificates. Item counts are summed in SQL (integers);
//! values are summed here, exactly, with `rust_decimal` (SQL's sum of decimal text is a float on SQLite), and
//! amounts in different currencies are never added together.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::month::MonthRange;
use crate::codec::RowExt;
use crate::error::StoreError;
use crate::tx::Db;

/// One subheading's goods items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HsItems {
    /// Six digits, as stored.
    pub hs_code: String,
    pub items: u64,
    /// On how many certificates.
    pub certificates: u64,
}

/// One subheading's invoiced value in one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HsValue {
    pub hs_code: String,
    /// The items with a value in this currency.
    pub items: u64,
    pub value: Decimal,
}

/// The subheadings with the largest values in one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrencyTop {
    /// ISO 4217, as the exporter gave it.
    pub currency: String,
    /// Every item with a value in this currency, and their total (not only the top ones).
    pub items: u64,
    pub total: Decimal,
    /// Largest first; ties by HS code.
    pub top: Vec<HsValue>,
}

/// The top subheadings of a range.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TopHsCodes {
    /// Every goods item counted (not only the top ones' items).
    pub items: u64,
    /// Most items first; ties by HS code.
    pub by_items: Vec<HsItems>,
    /// One entry per currency, the currency with the most items first.
    pub by_value: Vec<CurrencyTop>,
}

/// The `limit` subheadings with the most items, and per currency the `limit` with the largest value.
pub async fn top_hs_codes(db: &mut impl Db, range: MonthRange, limit: usize) -> Result<TopHsCodes, StoreError> {
    let (from, to) = (range.from().to_string(), range.to().to_string());
    let rows = sqlx::query(
        "SELECT hs_code, CAST(SUM(items) AS BIGINT) AS n, CAST(SUM(certificates) AS BIGINT) AS certificates \
         FROM certified_hs_items WHERE month >= $1 AND month <= $2 GROUP BY hs_code",
    )
    .bind(&from)
    .bind(&to)
    .fetch_all(db.conn())
    .await?;
    let count = |row: &sqlx::any::AnyRow, column: &str| -> Result<u64, StoreError> {
        u64::try_from(row.int(column)?).map_err(|e| StoreError::corrupt(column, e))
    };
    let mut by_items = Vec::with_capacity(rows.len());
    let mut items = 0;
    for row in &rows {
        let found = HsItems {
            hs_code: row.text("hs_code")?,
            items: count(row, "n")?,
            certificates: count(row, "certificates")?,
        };
        items += found.items;
        by_items.push(found);
    }
    by_items.sort_by(|a, b| b.items.cmp(&a.items).then_with(|| a.hs_code.cmp(&b.hs_code)));
    by_items.truncate(limit);

    // One row per month, subheading and currency: the months' sums are added here.
    let rows = sqlx::query(
        "SELECT hs_code, currency, items, value FROM certified_hs_values WHERE month >= $1 AND month <= $2",
    )
    .bind(&from)
    .bind(&to)
    .fetch_all(db.conn())
    .await?;
    // currency -> hs code -> (items, value)
    let mut sums: BTreeMap<String, BTreeMap<String, (u64, Decimal)>> = BTreeMap::new();
    for row in &rows {
        let value = row.dec("value")?;
        let entry = sums.entry(row.text("currency")?).or_default().entry(row.text("hs_code")?).or_default();
        entry.0 += count(row, "items")?;
        entry.1 = entry.1.checked_add(value).ok_or_else(|| StoreError::corrupt("value", "a sum too large"))?;
    }
    let mut by_value = Vec::with_capacity(sums.len());
    for (currency, codes) in sums {
        let items = codes.values().map(|(n, _)| n).sum();
        let mut total = Decimal::ZERO;
        for (_, value) in codes.values() {
            total = total.checked_add(*value).ok_or_else(|| StoreError::corrupt("value", "a sum too large"))?;
        }
        let mut top: Vec<HsValue> =
            codes.into_iter().map(|(hs_code, (items, value))| HsValue { hs_code, items, value }).collect();
        top.sort_by(|a, b| b.value.cmp(&a.value).then_with(|| a.hs_code.cmp(&b.hs_code)));
        top.truncate(limit);
        by_value.push(CurrencyTop { currency, items, total, top });
    }
    by_value.sort_by(|a, b| b.items.cmp(&a.items).then_with(|| a.currency.cmp(&b.currency)));
    Ok(TopHsCodes { items, by_items, by_value })
}
