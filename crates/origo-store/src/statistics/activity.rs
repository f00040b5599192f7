//! Work over time: applications submitted, certificates issued (per kind), certificates revoked and replaced, each
//! counted per calendar month in SQL (`substr(timestamp, 1, 7)` is the month on both backends) and returned for
//! every month of the range, the months without any as zero.

use std::collections::HashMap;

use sqlx::any::AnyRow;

use super::month::{Month, MonthRange};
use crate::applications::ProofKind;
use crate::codec::RowExt;
use crate::error::StoreError;
use crate::tx::Db;

/// Applications submitted in one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubmittedInMonth {
    pub month: Month,
    pub submitted: u64,
}

/// Certificates issued in one month, per kind (replacements included: each is a certificate issued).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IssuedByKind {
    pub non_preferential: u64,
    pub ct1: u64,
    pub ct_uz: u64,
}

impl IssuedByKind {
    pub fn total(&self) -> u64 {
        self.non_preferential + self.ct1 + self.ct_uz
    }

    /// The count of `kind` (kinds that are not certificates count none).
    pub fn of(&self, kind: ProofKind) -> u64 {
        match kind {
            ProofKind::NonPreferential => self.non_preferential,
            ProofKind::Ct1 => self.ct1,
            ProofKind::CtUz => self.ct_uz,
            ProofKind::StatementOnOrigin | ProofKind::OriginDeclaration => 0,
        }
    }

    fn add(&mut self, kind: ProofKind, count: u64) {
        match kind {
            ProofKind::NonPreferential => self.non_preferential += count,
            ProofKind::Ct1 => self.ct1 += count,
            ProofKind::CtUz => self.ct_uz += count,
            ProofKind::StatementOnOrigin | ProofKind::OriginDeclaration => {}
        }
    }
}

/// Certificates issued in one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IssuedInMonth {
    pub month: Month,
    pub issued: IssuedByKind,
}

/// Certificates whose status changed in one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusChangesInMonth {
    pub month: Month,
    pub revoked: u64,
    pub replaced: u64,
}

fn count(row: &AnyRow) -> Result<u64, StoreError> {
    u64::try_from(row.int("n")?).map_err(|e| StoreError::corrupt("n", e))
}

fn month(row: &AnyRow) -> Result<Month, StoreError> {
    let text = row.text("month")?;
    Month::parse(&text).ok_or_else(|| StoreError::corrupt("month", format!("`{text}` is not a month")))
}

/// Applications per month of their submission (a resubmission after a request for information counts in the
/// month it was made: the stored `submitted_at` is the latest). Drafts are never submitted and never counted.
pub async fn applications_submitted(db: &mut impl Db, range: MonthRange) -> Result<Vec<SubmittedInMonth>, StoreError> {
    let (start, end) = range.bounds();
    let rows = sqlx::query(
        "SELECT substr(submitted_at, 1, 7) AS month, COUNT(*) AS n FROM applications \
         WHERE submitted_at >= $1 AND submitted_at < $2 GROUP BY substr(submitted_at, 1, 7)",
    )
    .bind(start)
    .bind(end)
    .fetch_all(db.conn())
    .await?;
    let mut found = HashMap::new();
    for row in &rows {
        found.insert(month(row)?, count(row)?);
    }
    Ok(range
        .months()
        .into_iter()
        .map(|month| SubmittedInMonth { month, submitted: found.get(&month).copied().unwrap_or(0) })
        .collect())
}

/// Certificates per month of issue, per kind.
pub async fn certificates_issued(db: &mut impl Db, range: MonthRange) -> Result<Vec<IssuedInMonth>, StoreError> {
    let (start, end) = range.bounds();
    let rows = sqlx::query(
        "SELECT substr(issued_at, 1, 7) AS month, kind, COUNT(*) AS n FROM certificates \
         WHERE issued_at >= $1 AND issued_at < $2 GROUP BY substr(issued_at, 1, 7), kind",
    )
    .bind(start)
    .bind(end)
    .fetch_all(db.conn())
    .await?;
    let mut found: HashMap<Month, IssuedByKind> = HashMap::new();
    for row in &rows {
        found.entry(month(row)?).or_default().add(row.parsed("kind")?, count(row)?);
    }
    Ok(range
        .months()
        .into_iter()
        .map(|month| IssuedInMonth { month, issued: found.get(&month).copied().unwrap_or_default() })
        .collect())
}

/// Certificates revoked and replaced, per month of the change.
pub async fn status_changes(db: &mut impl Db, range: MonthRange) -> Result<Vec<StatusChangesInMonth>, StoreError> {
    let (start, end) = range.bounds();
    let rows = sqlx::query(
        "SELECT substr(status_changed_at, 1, 7) AS month, status, COUNT(*) AS n FROM certificates \
         WHERE status IN ('revoked', 'replaced') AND status_changed_at >= $1 AND status_changed_at < $2 \
         GROUP BY substr(status_changed_at, 1, 7), status",
    )
    .bind(start)
    .bind(end)
    .fetch_all(db.conn())
    .await?;
    let mut found: HashMap<Month, (u64, u64)> = HashMap::new();
    for row in &rows {
        let entry = found.entry(month(row)?).or_default();
        match row.text("status")?.as_str() {
            "revoked" => entry.0 += count(row)?,
            _ => entry.1 += count(row)?,
        }
    }
    Ok(range
        .months()
        .into_iter()
        .map(|month| {
            let (revoked, replaced) = found.get(&month).copied().unwrap_or_default();
            StatusChangesInMonth { month, revoked, replaced }
        })
        .collect())
}
