//! The goods certified per month (migration 0016: `certified_hs_items`, `certified_hs_values`), kept up to date in
//! the transaction that issues a certificate, so that the dashboard's top HS codes ([`super::hs_codes`]) read a
//! few rows per month and subheading rather than join every certificate of the period with its goods items (that
//! join, and each item's value crossing to Rust to be added exactly, was most of the dashboard's time with 10 000
//! applications: docs/PERFORMANCE.md).
//!
//! Each application's goods count once, in the month of its first certificate: a replacement certifies the same
//! goods again and adds nothing, a revoked certificate was issued and stays. Goods items cannot change once an
//! application is decided, so what is added at issuance stays true.
//!
//! Sums of money are added here with `rust_decimal` and stored as decimal text, never summed in SQL (a float on
//! SQLite). Adding to a month's sum is a read-modify-write: the upsert that adds the item count locks the row
//! (PostgreSQL, read committed: a second issuance of the same month, subheading and currency waits for the first
//! to commit, then reads its sum), and on SQLite writes take turns anyway. These are derived figures, not records:
//! they are not audited, and [`backfill`] rebuilds them from the certificates and goods items.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use uuid::Uuid;

use crate::codec::RowExt;
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

/// What one certificate (or, in the backfill, every certificate of a month) adds.
#[derive(Debug, Default)]
struct Additions {
    /// (month, hs code) -> (items, certificates)
    items: BTreeMap<(String, String), (i64, i64)>,
    /// (month, hs code, currency) -> (items, value)
    values: BTreeMap<(String, String, String), (i64, Decimal)>,
}

/// One goods item as the figures read it.
struct Item {
    hs_code: String,
    currency: Option<String>,
    value: Option<Decimal>,
}

fn overflow() -> StoreError {
    StoreError::Database("certified_hs_values: the sum of invoiced values is too large for a decimal".into())
}

impl Additions {
    /// Adds one certificate's goods items, issued in `month`.
    fn add_certificate(&mut self, month: &str, items: &[Item]) -> Result<(), StoreError> {
        let mut codes: BTreeMap<&str, i64> = BTreeMap::new();
        for item in items {
            *codes.entry(&item.hs_code).or_default() += 1;
            if let (Some(currency), Some(value)) = (&item.currency, item.value) {
                let key = (month.to_owned(), item.hs_code.clone(), currency.clone());
                let entry = self.values.entry(key).or_default();
                entry.0 += 1;
                entry.1 = entry.1.checked_add(value).ok_or_else(overflow)?;
            }
        }
        for (code, count) in codes {
            let entry = self.items.entry((month.to_owned(), code.to_owned())).or_default();
            entry.0 += count;
            entry.1 += 1;
        }
        Ok(())
    }

    /// Adds everything to the tables in `tx`.
    async fn write(self, tx: &mut Tx) -> Result<(), StoreError> {
        for ((month, hs_code), (items, certificates)) in self.items {
            sqlx::query(
                "INSERT INTO certified_hs_items (month, hs_code, items, certificates) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (month, hs_code) DO UPDATE SET items = certified_hs_items.items + excluded.items, \
                 certificates = certified_hs_items.certificates + excluded.certificates",
            )
            .bind(&month)
            .bind(&hs_code)
            .bind(items)
            .bind(certificates)
            .execute(tx.conn())
            .await?;
        }
        for ((month, hs_code, currency), (items, value)) in self.values {
            // The upsert adds the count and locks the row; the sum it returns is the latest committed one.
            let row = sqlx::query(
                "INSERT INTO certified_hs_values (month, hs_code, currency, items, value) \
                 VALUES ($1, $2, $3, $4, '0') ON CONFLICT (month, hs_code, currency) \
                 DO UPDATE SET items = certified_hs_values.items + excluded.items RETURNING value",
            )
            .bind(&month)
            .bind(&hs_code)
            .bind(&currency)
            .bind(items)
            .fetch_one(tx.conn())
            .await?;
            let sum = row.dec("value")?.checked_add(value).ok_or_else(overflow)?;
            sqlx::query(
                "UPDATE certified_hs_values SET value = $4 WHERE month = $1 AND hs_code = $2 AND currency = $3",
            )
            .bind(&month)
            .bind(&hs_code)
            .bind(&currency)
            .bind(sum.to_string())
            .execute(tx.conn())
            .await?;
        }
        Ok(())
    }
}

/// The goods items of `application`, as the figures read them.
async fn items_of(db: &mut impl Db, application: Uuid) -> Result<Vec<Item>, StoreError> {
    let rows = sqlx::query("SELECT hs_code, currency, invoice_value FROM goods_items WHERE application_id = $1")
        .bind(application.to_string())
        .fetch_all(db.conn())
        .await?;
    rows.iter()
        .map(|row| {
            Ok(Item {
                hs_code: row.text("hs_code")?,
                currency: row.opt_text("currency")?,
                value: row.opt_dec("invoice_value")?,
            })
        })
        .collect()
}

/// Adds the goods of `application`, certified by a first certificate issued at `issued_at` (the stored text, whose
/// first seven characters are its month). Called by `certificates::issue` in the issuing transaction.
pub(crate) async fn add_issued(tx: &mut Tx, application: Uuid, issued_at: &str) -> Result<(), StoreError> {
    let items = items_of(tx, application).await?;
    let mut additions = Additions::default();
    additions.add_certificate(&issued_at[..7], &items)?;
    additions.write(tx).await
}

/// Fills the tables with the first certificates issued before migration 0016, once: the transaction that removes
/// the migration's `statistics_backfill` row does it (on PostgreSQL a second server starting at the same time waits
/// for that row, then finds it gone), so it never runs twice. Run by `migrate()` after the migrations.
pub(crate) async fn backfill(tx: &mut Tx) -> Result<bool, StoreError> {
    let claimed = sqlx::query("DELETE FROM statistics_backfill WHERE step = 'certified_goods'")
        .execute(tx.conn())
        .await?
        .rows_affected();
    if claimed == 0 {
        return Ok(false);
    }
    // Nothing can have been added yet (servers fill the tables only after migrating), but start clean anyway.
    sqlx::query("DELETE FROM certified_hs_items").execute(tx.conn()).await?;
    sqlx::query("DELETE FROM certified_hs_values").execute(tx.conn()).await?;
    let rows = sqlx::query(
        "SELECT c.id AS certificate_id, c.issued_at AS issued_at, g.hs_code AS hs_code, g.currency AS currency, \
         g.invoice_value AS invoice_value FROM certificates c JOIN goods_items g ON g.application_id = c.application_id \
         WHERE c.replaces_id IS NULL ORDER BY c.id",
    )
    .fetch_all(tx.conn())
    .await?;
    let mut additions = Additions::default();
    let mut current: Option<(String, String)> = None;
    let mut items = Vec::new();
    for row in &rows {
        let certificate = row.text("certificate_id")?;
        if current.as_ref().is_some_and(|(id, _)| *id != certificate) {
            let (_, issued_at) = current.take().expect("checked");
            additions.add_certificate(&issued_at[..7], &std::mem::take(&mut items))?;
        }
        if current.is_none() {
            current = Some((certificate, row.text("issued_at")?));
        }
        let (hs_code, currency, value) =
            (row.text("hs_code")?, row.opt_text("currency")?, row.opt_dec("invoice_value")?);
        items.push(Item { hs_code, currency, value });
    }
    if let Some((_, issued_at)) = current {
        additions.add_certificate(&issued_at[..7], &items)?;
    }
    additions.write(tx).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(hs: &str, value: Option<&str>, currency: Option<&str>) -> Item {
        Item { hs_code: hs.into(), currency: currency.map(Into::into), value: value.map(|v| v.parse().unwrap()) }
    }

    #[test]
    fn a_certificate_counts_once_per_subheading_and_sums_exactly_per_currency() {
        let mut additions = Additions::default();
        let goods = [
            item("940360", Some("0.1"), Some("EUR")),
            item("940360", Some("0.2"), Some("EUR")),
            item("940360", Some("5"), Some("USD")),
            item("080620", None, Some("USD")),
            item("080620", Some("1"), None),
        ];
        additions.add_certificate("2026-04", &goods).unwrap();
        additions.add_certificate("2026-04", &goods[..1]).unwrap();
        let key = |hs: &str| ("2026-04".to_owned(), hs.to_owned());
        assert_eq!(additions.items[&key("940360")], (4, 2));
        assert_eq!(additions.items[&key("080620")], (2, 1));
        let eur = &additions.values[&("2026-04".to_owned(), "940360".to_owned(), "EUR".to_owned())];
        assert_eq!((eur.0, eur.1.to_string()), (3, "0.4".to_owned()), "0.1 + 0.2 + 0.1, exactly");
        assert_eq!(additions.values.len(), 2, "items without a value or a currency add no value");
    }

    #[test]
    fn a_sum_too_large_for_a_decimal_is_an_error_not_a_panic() {
        let mut additions = Additions::default();
        let huge = Decimal::MAX.to_string();
        let goods = [item("940360", Some(&huge), Some("EUR")), item("940360", Some(&huge), Some("EUR"))];
        assert!(additions.add_certificate("2026-04", &goods).is_err());
    }
}
