//! What an exporter's verifications say, for the risk engine: how many requests were made about its proofs, how
//! many were answered "not confirmed" or "cannot be determined", and how many are past their deadline unanswered.

use serde::Serialize;
use time::Date;
use uuid::Uuid;

use crate::codec::{RowExt, date};
use crate::error::StoreError;
use crate::tx::Db;

/// An exporter's record of verifications.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct VerificationRecord {
    /// Requests about its certificates and statements.
    pub total: i64,
    /// Answered "not confirmed".
    pub failed: i64,
    /// Answered "cannot be determined".
    pub undetermined: i64,
    /// Unanswered after their deadline on the day asked about.
    pub unanswered_overdue: i64,
}

/// The record of `exporter_id` on `today`.
pub async fn for_exporter(db: &mut impl Db, exporter_id: Uuid, today: Date) -> Result<VerificationRecord, StoreError> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS total, \
         COALESCE(SUM(CASE WHEN outcome = 'not_confirmed' THEN 1 ELSE 0 END), 0) AS failed, \
         COALESCE(SUM(CASE WHEN outcome = 'undetermined' THEN 1 ELSE 0 END), 0) AS undetermined, \
         COALESCE(SUM(CASE WHEN status <> 'answered' AND deadline < $2 THEN 1 ELSE 0 END), 0) AS overdue \
         FROM verification_requests WHERE exporter_id = $1",
    )
    .bind(exporter_id.to_string())
    .bind(date(today))
    .fetch_one(db.conn())
    .await?;
    Ok(VerificationRecord {
        total: row.int("total")?,
        failed: row.int("failed")?,
        undetermined: row.int("undetermined")?,
        unanswered_overdue: row.int("overdue")?,
    })
}
