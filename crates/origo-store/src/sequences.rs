//! Per-issuer yearly number sequences for certificate numbers (`UZ-2026-000123`).
//!
//! [`allocate`] is one statement: insert the year's row at 1, or add one to it, and return the value. Inside the
//! issuing transaction the row stays locked until commit (on PostgreSQL a row lock: a concurrent issuance waits
//! and then reads the committed value; on SQLite the whole write transaction is serialised), so two committed
//! certificates never share a number, and a rolled-back issuance gives its number back: the sequence has no gaps.
//!
//! [`allocate_reference`] does the same for the other yearly series of reference numbers (`PCC` for control
//! cases: `PCC-2026-000012`, `VR` for verification requests), one counter per issuing body, series and year;
//! [`reference`] formats them.

use crate::codec::RowExt;
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

/// The next sequence number of `issuer_code` in `year` (1 for the year's first).
pub async fn allocate(tx: &mut Tx, issuer_code: &str, year: i32) -> Result<i64, StoreError> {
    let row = sqlx::query(
        "INSERT INTO number_sequences (issuer_code, year, last_value) VALUES ($1, $2, 1) \
         ON CONFLICT (issuer_code, year) DO UPDATE SET last_value = number_sequences.last_value + 1 \
         RETURNING last_value",
    )
    .bind(issuer_code)
    .bind(i64::from(year))
    .fetch_one(tx.conn())
    .await?;
    row.int("last_value")
}

/// The last number given out for `issuer_code` in `year` (0 when none).
pub async fn last(db: &mut impl Db, issuer_code: &str, year: i32) -> Result<i64, StoreError> {
    let row = sqlx::query("SELECT last_value FROM number_sequences WHERE issuer_code = $1 AND year = $2")
        .bind(issuer_code)
        .bind(i64::from(year))
        .fetch_optional(db.conn())
        .await?;
    row.map_or(Ok(0), |row| row.int("last_value"))
}

/// The next number of the reference series `series` (`PCC`, `VR`) of `issuer_code` in `year` (1 for the first).
/// Like [`allocate`]: the counter row stays locked until the transaction ends, so references are unique and
/// gap-free.
pub async fn allocate_reference(tx: &mut Tx, issuer_code: &str, series: &str, year: i32) -> Result<i64, StoreError> {
    let row = sqlx::query(
        "INSERT INTO reference_sequences (issuer_code, series, year, last_value) VALUES ($1, $2, $3, 1) \
         ON CONFLICT (issuer_code, series, year) DO UPDATE SET last_value = reference_sequences.last_value + 1 \
         RETURNING last_value",
    )
    .bind(issuer_code)
    .bind(series)
    .bind(i64::from(year))
    .fetch_one(tx.conn())
    .await?;
    row.int("last_value")
}

/// A reference as printed: `PCC-2026-000012` (six digits at least).
pub fn reference(series: &str, year: i32, value: i64) -> String {
    format!("{series}-{year}-{value:06}")
}
