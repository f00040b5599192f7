//! The audit trail: one record per state change, chained by SHA-256, written in the transaction that made the
//! change.
//!
//! Repository functions record their changes on the [`Tx`] as they go ([`Tx::audit`] for anything else); the
//! records are appended to the chain by [`Tx::commit`], just before the commit itself. Appending reserves the next
//! sequence numbers with one `UPDATE audit_head ... RETURNING`, which on PostgreSQL locks the head row until the
//! transaction ends: a second transaction waits there and then chains onto the first one's last record, so the
//! chain cannot fork. Doing it last keeps that lock short and always taken after every other lock of the
//! transaction (no deadlock through the head). On SQLite write transactions are serialised anyway.

mod checkpoint;
mod hash;
mod search;
mod verify;

pub use checkpoint::{CheckOutcome, Checkpoint, checkpoint, verify_full, verify_incremental};
pub use hash::{GENESIS_HASH, sha256_hex, state_hash};
pub use search::{AuditFilter, search};
pub use verify::{ChainFault, ChainProblem, ChainReport, verify, verify_after, verify_chain};

use serde::Serialize;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::actor::Actor;
use crate::codec::{RowExt, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

/// A change to record: what happened to which entity, with the hashes of its state before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEvent {
    /// What happened, `<entity>.<verb>` (`certificate.issued`).
    pub action: String,
    /// The kind of entity (`certificate`).
    pub entity_type: String,
    /// Its id.
    pub entity_id: String,
    /// [`state_hash`] of the entity before the change; `None` when it was created.
    pub before_hash: Option<String>,
    /// [`state_hash`] of the entity after the change; `None` when it was deleted.
    pub after_hash: Option<String>,
    /// The decision's reason, when there is one.
    pub reason: Option<String>,
}

impl AuditEvent {
    /// An event with no state hashes and no reason yet.
    pub fn new(action: impl Into<String>, entity_type: impl Into<String>, entity_id: impl ToString) -> AuditEvent {
        AuditEvent {
            action: action.into(),
            entity_type: entity_type.into(),
            entity_id: entity_id.to_string(),
            before_hash: None,
            after_hash: None,
            reason: None,
        }
    }

    /// Hashes the entity's state before the change.
    pub fn before<T: Serialize + ?Sized>(mut self, state: &T) -> AuditEvent {
        self.before_hash = Some(state_hash(state));
        self
    }

    /// Hashes the entity's state after the change.
    pub fn after<T: Serialize + ?Sized>(mut self, state: &T) -> AuditEvent {
        self.after_hash = Some(state_hash(state));
        self
    }

    /// The decision's reason.
    pub fn reason(mut self, reason: Option<&str>) -> AuditEvent {
        self.reason = reason.map(str::to_owned);
        self
    }
}

/// A record of the trail as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When the change was made.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The user, `None` for the system.
    pub actor_id: Option<String>,
    /// The user's role, or `system`.
    pub actor_role: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before_hash: Option<String>,
    pub after_hash: Option<String>,
    pub reason: Option<String>,
    /// The hash of record `seq - 1` ([`GENESIS_HASH`] for the first).
    pub prev_hash: String,
    /// This record's hash.
    pub hash: String,
}

/// The end of the chain: the last sequence number and its hash. Published with the key set, it pins the whole
/// trail up to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChainHead {
    /// Records so far (0 for an empty trail).
    pub seq: i64,
    /// The last record's hash ([`GENESIS_HASH`] for an empty trail).
    pub hash: String,
}

/// A record waiting for its transaction to commit.
#[derive(Clone, Debug)]
pub(crate) struct PendingRecord {
    at: String,
    actor_id: Option<String>,
    actor_role: String,
    event: AuditEvent,
}

impl Tx {
    /// Records a change made in this transaction (repository functions do this for their own writes; use it for
    /// changes the store does not see, such as a login). Written to the chain on commit.
    pub fn audit(&mut self, actor: &Actor, event: AuditEvent) {
        self.audit.push(PendingRecord {
            at: ts(actor.at),
            actor_id: actor.user_id.map(|id| id.to_string()),
            actor_role: actor.role.clone(),
            event,
        });
    }
}

/// Appends `records` to the chain inside the transaction (called by [`Tx::commit`]).
pub(crate) async fn append_pending(tx: &mut Tx, records: Vec<PendingRecord>) -> Result<(), StoreError> {
    if records.is_empty() {
        return Ok(());
    }
    let count = records.len() as i64;
    // Reserves `count` numbers and, on PostgreSQL, locks the head until commit. `hash` is still the old head's.
    let head = sqlx::query("UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash")
        .bind(count)
        .fetch_one(tx.conn())
        .await?;
    let last = head.int("seq")?;
    let mut prev_hash = head.text("hash")?;
    for (offset, pending) in (0..).zip(&records) {
        let seq = last - count + 1 + offset;
        let event = &pending.event;
        let hash = hash::record_hash(&hash::Fields {
            seq,
            prev_hash: &prev_hash,
            at: &pending.at,
            actor_id: pending.actor_id.as_deref(),
            actor_role: &pending.actor_role,
            action: &event.action,
            entity_type: &event.entity_type,
            entity_id: &event.entity_id,
            before_hash: event.before_hash.as_deref(),
            after_hash: event.after_hash.as_deref(),
            reason: event.reason.as_deref(),
        });
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor_id, actor_role, action, entity_type, entity_id, before_hash, \
             after_hash, reason, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(seq)
        .bind(&pending.at)
        .bind(&pending.actor_id)
        .bind(&pending.actor_role)
        .bind(&event.action)
        .bind(&event.entity_type)
        .bind(&event.entity_id)
        .bind(&event.before_hash)
        .bind(&event.after_hash)
        .bind(&event.reason)
        .bind(&prev_hash)
        .bind(&hash)
        .execute(tx.conn())
        .await?;
        prev_hash = hash;
    }
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(&prev_hash).execute(tx.conn()).await?;
    Ok(())
}

/// The chain head as stored.
pub async fn head(db: &mut impl Db) -> Result<ChainHead, StoreError> {
    let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(db.conn()).await?;
    Ok(ChainHead { seq: row.int("seq")?, hash: row.text("hash")? })
}

const COLUMNS: &str =
    "seq, at, actor_id, actor_role, action, entity_type, entity_id, before_hash, after_hash, reason, prev_hash, hash";

/// Up to `limit` records after `after_seq`, in chain order.
pub async fn list(db: &mut impl Db, after_seq: i64, limit: u32) -> Result<Vec<AuditRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2");
    let rows =
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(after_seq).bind(i64::from(limit)).fetch_all(db.conn()).await?;
    rows.iter().map(from_row).collect()
}

/// Every record about one entity, in chain order.
pub async fn for_entity(db: &mut impl Db, entity_type: &str, entity_id: &str) -> Result<Vec<AuditRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(entity_type).bind(entity_id).fetch_all(db.conn()).await?;
    rows.iter().map(from_row).collect()
}

/// Up to `limit` records about one entity after `after_seq`, in chain order (a page of [`for_entity`]).
pub async fn list_for_entity(
    db: &mut impl Db,
    entity_type: &str,
    entity_id: &str,
    after_seq: i64,
    limit: u32,
) -> Result<Vec<AuditRecord>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_log WHERE entity_type = $1 AND entity_id = $2 AND seq > $3 ORDER BY seq LIMIT $4"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(entity_type)
        .bind(entity_id)
        .bind(after_seq)
        .bind(i64::from(limit))
        .fetch_all(db.conn())
        .await?;
    rows.iter().map(from_row).collect()
}

pub(crate) fn from_row(row: &AnyRow) -> Result<AuditRecord, StoreError> {
    Ok(AuditRecord {
        seq: row.int("seq")?,
        at: row.ts("at")?,
        actor_id: row.opt_text("actor_id")?,
        actor_role: row.text("actor_role")?,
        action: row.text("action")?,
        entity_type: row.text("entity_type")?,
        entity_id: row.text("entity_id")?,
        before_hash: row.opt_text("before_hash")?,
        after_hash: row.opt_text("after_hash")?,
        reason: row.opt_text("reason")?,
        prev_hash: row.text("prev_hash")?,
        hash: row.text("hash")?,
    })
}
