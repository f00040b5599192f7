//! The verification checkpoint: the last record the chain was found intact up to, so that a check need only read
//! the records appended since ([`verify_incremental`]) instead of the whole trail ([`verify_full`]).
//!
//! Why this is still a check: every record's hash covers the hash of the one before it, so the records up to the
//! checkpoint cannot be rewritten consistently without changing the checkpoint record's hash, which
//! [`super::verify_after`] compares. What only a full check finds is a record before the checkpoint edited without
//! its hash being recomputed; a full check that fails removes the checkpoint, so later cheap checks read everything
//! again and keep reporting the fault. The checkpoint is bookkeeping, written in its own transaction without an
//! audit record (checking the trail must not lengthen it); moving it forward only ever raises its sequence number,
//! so two servers checking at once cannot move it back.

use serde::Serialize;
use time::OffsetDateTime;

use super::verify::{ChainReport, verify_after};
use super::{ChainHead, GENESIS_HASH};
use crate::codec::{RowExt, ts};
use crate::error::StoreError;
use crate::store::Store;
use crate::tx::{Db, Sealed};

/// Where the chain was last found intact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Checkpoint {
    /// The last record found intact, and its hash.
    pub head: ChainHead,
    /// When the checkpoint last moved.
    #[serde(with = "time::serde::rfc3339")]
    pub verified_at: OffsetDateTime,
    /// When a check of every record last passed, `None` when none has since the checkpoint was made.
    #[serde(with = "time::serde::rfc3339::option")]
    pub full_verified_at: Option<OffsetDateTime>,
}

/// A check's outcome: the report, and where it started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckOutcome {
    /// What the check found; `records` counts the records read by this check.
    pub report: ChainReport,
    /// The checkpoint the check started from: `None` for a check of every record.
    pub from: Option<Checkpoint>,
}

impl CheckOutcome {
    /// Whether every record was read.
    pub fn is_full(&self) -> bool {
        self.from.is_none()
    }
}

/// The checkpoint, if a check has passed.
pub async fn checkpoint(db: &mut impl Db) -> Result<Option<Checkpoint>, StoreError> {
    let row = sqlx::query("SELECT seq, hash, verified_at, full_verified_at FROM audit_checkpoint WHERE id = 1")
        .fetch_optional(db.conn())
        .await?;
    row.map(|row| {
        Ok(Checkpoint {
            head: ChainHead { seq: row.int("seq")?, hash: row.text("hash")? },
            verified_at: row.ts("verified_at")?,
            full_verified_at: row.opt_ts("full_verified_at")?,
        })
    })
    .transpose()
}

/// Checks every record (in a snapshot) and records the outcome: an intact chain moves the checkpoint to its head
/// (with the time of this full check), a broken one removes the checkpoint.
pub async fn verify_full(store: &Store, now: OffsetDateTime) -> Result<CheckOutcome, StoreError> {
    let mut snapshot = store.snapshot().await?;
    let genesis = ChainHead { seq: 0, hash: GENESIS_HASH.to_owned() };
    let report = verify_after(&mut snapshot, &genesis).await?;
    snapshot.finish().await?;
    let mut tx = store.begin().await?;
    if report.is_intact() {
        save(&mut tx, &report.head, now, true).await?;
    } else {
        sqlx::query("DELETE FROM audit_checkpoint WHERE id = 1").execute(tx.conn()).await?;
    }
    tx.commit().await?;
    Ok(CheckOutcome { report, from: None })
}

/// Checks the records appended since the checkpoint (every record when there is none, as [`verify_full`]) and
/// moves the checkpoint to the head when they are intact.
pub async fn verify_incremental(store: &Store, now: OffsetDateTime) -> Result<CheckOutcome, StoreError> {
    let mut snapshot = store.snapshot().await?;
    let Some(from) = checkpoint(&mut snapshot).await? else {
        snapshot.finish().await?;
        return verify_full(store, now).await;
    };
    let report = verify_after(&mut snapshot, &from.head).await?;
    snapshot.finish().await?;
    if report.is_intact() && report.head.seq > from.head.seq {
        let mut tx = store.begin().await?;
        save(&mut tx, &report.head, now, false).await?;
        tx.commit().await?;
    }
    Ok(CheckOutcome { report, from: Some(from) })
}

/// Moves the checkpoint to `head`, never backwards (another server may have moved it further meanwhile).
async fn save(db: &mut impl Db, head: &ChainHead, now: OffsetDateTime, full: bool) -> Result<(), StoreError> {
    let full_at = full.then(|| ts(now));
    sqlx::query(
        "INSERT INTO audit_checkpoint (id, seq, hash, verified_at, full_verified_at) VALUES (1, $1, $2, $3, $4) \
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, verified_at = excluded.verified_at, \
         full_verified_at = COALESCE(excluded.full_verified_at, audit_checkpoint.full_verified_at) \
         WHERE audit_checkpoint.seq <= excluded.seq",
    )
    .bind(head.seq)
    .bind(&head.hash)
    .bind(ts(now))
    .bind(full_at)
    .execute(db.conn())
    .await?;
    Ok(())
}
