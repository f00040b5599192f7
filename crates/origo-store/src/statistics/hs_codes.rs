//! The HS subheadings most certified: by the number of goods items on the certificates issued in a range, and by
//! their invoiced value per currency. Each application's goods count once, on its first certificate: a
//! replacement certifies the same goods again and is left out (a revoked certificate was issued and counts).
//!
//! Items are counted in SQL. Values are summed here, exactly, with `rust_decimal`: SQL's sum of decimal text is
//! a float on SQLite, and amounts in different currencies are never added together.

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

/// Goods items of the first certificates issued in `range` (the join every query here shares).
const ITEMS_CERTIFIED: &str = "FROM certificates c JOIN goods_items g ON g.application_id = c.application_id \
     WHERE c.replaces_id IS NULL AND c.issued_at >= $1 AND c.issued_at < $2";

/// The `limit` subheadings with the most items, and per currency the `limit` with the largest value.
pub async fn top_hs_codes(db: &mut impl Db, range: MonthRange, limit: usize) -> Result<TopHsCodes, StoreError> {
    let (start, end) = range.bounds();
    let sql = format!(
        "SELECT g.hs_code AS hs_code, COUNT(*) AS n, COUNT(DISTINCT c.id) AS certificates {ITEMS_CERTIFIED} \
         GROUP BY g.hs_code"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&start).bind(&end).fetch_all(db.conn()).await?;
    let mut by_items = Vec::with_capacity(rows.len());
    let mut items = 0;
    for row in &rows {
        let found = HsItems {
            hs_code: row.text("hs_code")?,
            items: u64::try_from(row.int("n")?).map_err(|e| StoreError::corrupt("n", e))?,
            certificates: u64::try_from(row.int("certificates")?).map_err(|e| StoreError::corrupt("n", e))?,
        };
        items += found.items;
        by_items.push(found);
    }
    by_items.sort_by(|a, b| b.items.cmp(&a.items).then_with(|| a.hs_code.cmp(&b.hs_code)));
    by_items.truncate(limit);

    let sql = format!(
        "SELECT g.hs_code AS hs_code, g.currency AS currency, g.invoice_value AS invoice_value {ITEMS_CERTIFIED} \
         AND g.invoice_value IS NOT NULL AND g.currency IS NOT NULL"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&start).bind(&end).fetch_all(db.conn()).await?;
    // currency -> hs code -> (items, value)
    let mut sums: BTreeMap<String, BTreeMap<String, (u64, Decimal)>> = BTreeMap::new();
    for row in &rows {
        let value = row.dec("invoice_value")?;
        let entry = sums.entry(row.text("currency")?).or_default().entry(row.text("hs_code")?).or_default();
        entry.0 += 1;
        entry.1 += value;
    }
    let mut by_value: Vec<CurrencyTop> = sums
        .into_iter()
        .map(|(currency, codes)| {
            let items = codes.values().map(|(n, _)| n).sum();
            let total = codes.values().map(|(_, v)| *v).sum();
            let mut top: Vec<HsValue> =
                codes.into_iter().map(|(hs_code, (items, value))| HsValue { hs_code, items, value }).collect();
            top.sort_by(|a, b| b.value.cmp(&a.value).then_with(|| a.hs_code.cmp(&b.hs_code)));
            top.truncate(limit);
            CurrencyTop { currency, items, total, top }
        })
        .collect();
    by_value.sort_by(|a, b| b.items.cmp(&a.items).then_with(|| a.currency.cmp(&b.currency)));
    Ok(TopHsCodes { items, by_items, by_value })
}
