//! Idempotency keys for writes such as issuance.
//!
//! [`claim`] runs first in the write's own transaction: it inserts the key or finds it. On PostgreSQL a second
//! request with the same key waits on the first one's uncommitted row and then sees its stored response (or, if
//! the first rolled back, claims the key itself); on SQLite the two transactions do not overlap at all. So one key
//! never produces two certificates.

use time::OffsetDateTime;

use crate::codec::{RowExt, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

/// What a key's owner should do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Claim {
    /// The key is new: do the work, then [`complete`] in the same transaction.
    New,
    /// The key was used for the same request: answer with the stored response.
    Completed { status: u16, body: String },
    /// The key was claimed earlier in this transaction, or by a request that committed without a response.
    InProgress,
    /// The key was used for a different request: refuse.
    Mismatch,
}

/// Claims `key` in `scope` (whose key it is: a user or token id) for the request hashing to `request_hash`.
pub async fn claim(
    tx: &mut Tx,
    scope: &str,
    key: &str,
    request_hash: &str,
    now: OffsetDateTime,
) -> Result<Claim, StoreError> {
    let inserted = sqlx::query(
        "INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (scope, idempotency_key) DO NOTHING",
    )
    .bind(scope)
    .bind(key)
    .bind(request_hash)
    .bind(ts(now))
    .execute(tx.conn())
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(Claim::New);
    }
    let row = sqlx::query(
        "SELECT request_hash, response_status, response_body FROM idempotency_keys \
         WHERE scope = $1 AND idempotency_key = $2",
    )
    .bind(scope)
    .bind(key)
    .fetch_one(tx.conn())
    .await?;
    if row.text("request_hash")? != request_hash {
        return Ok(Claim::Mismatch);
    }
    match (row.opt_int("response_status")?, row.opt_text("response_body")?) {
        (Some(status), Some(body)) => {
            let status = u16::try_from(status).map_err(|e| StoreError::corrupt("response_status", e))?;
            Ok(Claim::Completed { status, body })
        }
        _ => Ok(Claim::InProgress),
    }
}

/// Stores the response for a claimed key.
pub async fn complete(
    tx: &mut Tx,
    scope: &str,
    key: &str,
    status: u16,
    body: &str,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE idempotency_keys SET response_status = $3, response_body = $4, completed_at = $5 \
         WHERE scope = $1 AND idempotency_key = $2",
    )
    .bind(scope)
    .bind(key)
    .bind(i64::from(status))
    .bind(body)
    .bind(ts(now))
    .execute(tx.conn())
    .await?;
    if done.rows_affected() == 0 { Err(StoreError::NotFound { entity: "idempotency key" }) } else { Ok(()) }
}

/// Deletes keys created before `before`. Returns how many.
pub async fn purge(tx: &mut Tx, before: OffsetDateTime) -> Result<u64, StoreError> {
    let done =
        sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1").bind(ts(before)).execute(tx.conn()).await?;
    Ok(done.rows_affected())
}

/// Whether `key` exists in `scope` (for tests and housekeeping).
pub async fn exists(db: &mut impl Db, scope: &str, key: &str) -> Result<bool, StoreError> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2")
        .bind(scope)
        .bind(key)
        .fetch_one(db.conn())
        .await?;
    Ok(row.int("n")? > 0)
}
