//! `verify_chain`: recompute the trail and name the first record that is not what was written.
//!
//! An edited record no longer matches its hash; a deleted one leaves a gap in the sequence (or, at the end, a
//! head that points past the last record); reordered records carry hashes computed for other positions. The
//! trail is read in pages, so a long one needs little memory. [`verify_after`] checks only the records after one
//! already found intact (the audit page's cheap check, kept by `super::checkpoint`).

use std::fmt;

use serde::Serialize;

use super::hash::{Fields, GENESIS_HASH, record_hash};
use super::{ChainHead, head};
use crate::codec::RowExt;
use crate::error::StoreError;
use crate::store::Store;
use crate::tx::Db;

const PAGE: i64 = 1000;

/// What a check of the trail found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChainReport {
    /// Records checked.
    pub records: u64,
    /// The head as stored.
    pub head: ChainHead,
    /// The first bad record, `None` when the trail is intact.
    pub first_bad: Option<ChainFault>,
}

impl ChainReport {
    /// Whether the trail is intact.
    pub fn is_intact(&self) -> bool {
        self.first_bad.is_none()
    }
}

/// The first record that is not what was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChainFault {
    /// Its sequence number.
    pub seq: i64,
    /// What is wrong.
    pub problem: ChainProblem,
}

/// What is wrong with a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChainProblem {
    /// The record is gone (deleted, or the records after it renumbered).
    Missing,
    /// The record's content does not match its hash (edited, or moved from another position).
    HashMismatch,
    /// The record does not point at the hash of the one before it.
    BrokenLink,
    /// The record lies beyond the chain head (added behind the trail's back).
    BeyondHead,
    /// The head's hash is not the last record's hash.
    HeadMismatch,
}

impl fmt::Display for ChainFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.problem {
            ChainProblem::Missing => "is missing",
            ChainProblem::HashMismatch => "does not match its hash (edited or moved)",
            ChainProblem::BrokenLink => "does not follow from the record before it",
            ChainProblem::BeyondHead => "lies beyond the chain head",
            ChainProblem::HeadMismatch => "is the last record but the chain head holds another hash",
        };
        write!(f, "audit record {} {what}", self.seq)
    }
}

/// Checks the whole trail against its hashes and the head. Run it on a [`crate::Snapshot`] (as [`verify`]
/// does) when writers are active: on a plain connection a record committed during the check looks like one
/// beyond the head.
pub async fn verify_chain(db: &mut impl Db) -> Result<ChainReport, StoreError> {
    let genesis = ChainHead { seq: 0, hash: GENESIS_HASH.to_owned() };
    verify_after(db, &genesis).await
}

/// Checks the records after `from` (a record already found intact: its sequence number and hash, or the genesis
/// `(0, GENESIS_HASH)`) against their hashes and the head, and that the record at `from` still carries that hash.
/// `records` counts the records checked. Records before `from` are not read: an edit there that left the hashes
/// alone is found only by [`verify_chain`].
pub async fn verify_after(db: &mut impl Db, from: &ChainHead) -> Result<ChainReport, StoreError> {
    let head = head(db).await?;
    let mut report = ChainReport { records: 0, head: head.clone(), first_bad: None };
    if from.seq > 0 {
        if from.seq > head.seq {
            // The head went back behind a record once found intact: records were removed from the end.
            report.first_bad = Some(ChainFault { seq: head.seq + 1, problem: ChainProblem::Missing });
            return Ok(report);
        }
        let row =
            sqlx::query("SELECT hash FROM audit_log WHERE seq = $1").bind(from.seq).fetch_optional(db.conn()).await?;
        let problem = match row {
            None => Some(ChainProblem::Missing),
            Some(row) if row.text("hash")? != from.hash => Some(ChainProblem::HashMismatch),
            Some(_) => None,
        };
        if let Some(problem) = problem {
            report.first_bad = Some(ChainFault { seq: from.seq, problem });
            return Ok(report);
        }
    }
    let mut expected_seq = from.seq + 1;
    let mut prev_hash = from.hash.clone();
    loop {
        let rows = sqlx::query(
            "SELECT seq, at, actor_id, actor_role, action, entity_type, entity_id, before_hash, after_hash, reason, \
             prev_hash, hash FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2",
        )
        .bind(expected_seq)
        .bind(PAGE)
        .fetch_all(db.conn())
        .await?;
        for row in &rows {
            let seq = row.int("seq")?;
            let fault = |problem| Some(ChainFault { seq, problem });
            if seq > head.seq {
                // Records missing before it are reported first.
                let missing = (seq != expected_seq && expected_seq <= head.seq).then_some(expected_seq);
                report.first_bad = match missing {
                    Some(gap) => Some(ChainFault { seq: gap, problem: ChainProblem::Missing }),
                    None => fault(ChainProblem::BeyondHead),
                };
                return Ok(report);
            }
            if seq != expected_seq {
                report.first_bad = Some(ChainFault { seq: expected_seq, problem: ChainProblem::Missing });
                return Ok(report);
            }
            let (at, actor_role, action) = (row.text("at")?, row.text("actor_role")?, row.text("action")?);
            let (entity_type, entity_id) = (row.text("entity_type")?, row.text("entity_id")?);
            let (actor_id, reason) = (row.opt_text("actor_id")?, row.opt_text("reason")?);
            let (before_hash, after_hash) = (row.opt_text("before_hash")?, row.opt_text("after_hash")?);
            let (stored_prev, stored_hash) = (row.text("prev_hash")?, row.text("hash")?);
            let computed = record_hash(&Fields {
                seq,
                prev_hash: &stored_prev,
                at: &at,
                actor_id: actor_id.as_deref(),
                actor_role: &actor_role,
                action: &action,
                entity_type: &entity_type,
                entity_id: &entity_id,
                before_hash: before_hash.as_deref(),
                after_hash: after_hash.as_deref(),
                reason: reason.as_deref(),
            });
            if computed != stored_hash {
                report.first_bad = fault(ChainProblem::HashMismatch);
                return Ok(report);
            }
            if stored_prev != prev_hash {
                report.first_bad = fault(ChainProblem::BrokenLink);
                return Ok(report);
            }
            report.records += 1;
            prev_hash = stored_hash;
            expected_seq += 1;
        }
        if (rows.len() as i64) < PAGE {
            break;
        }
    }
    if expected_seq <= head.seq {
        // The last records are gone: the head points past the end.
        report.first_bad = Some(ChainFault { seq: expected_seq, problem: ChainProblem::Missing });
    } else if prev_hash != head.hash {
        report.first_bad = Some(ChainFault { seq: head.seq, problem: ChainProblem::HeadMismatch });
    }
    Ok(report)
}

/// Checks the trail in a snapshot of `store` (what `origo audit verify` runs).
pub async fn verify(store: &Store) -> Result<ChainReport, StoreError> {
    let mut snapshot = store.snapshot().await?;
    let report = verify_chain(&mut snapshot).await?;
    snapshot.finish().await?;
    Ok(report)
}
