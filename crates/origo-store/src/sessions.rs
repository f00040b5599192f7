//! Login sessions. Only the SHA-256 of a session token is stored. Sessions are authentication state, not
//! records of the certifying body: they are not audited here (the service may audit a login with [`Tx::audit`]).

use serde::Serialize;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::codec::{RowExt, new_id, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, token_hash, user_id, created_at, expires_at, revoked_at"
    };
}

/// A session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Session {
    pub id: Uuid,
    pub token_hash: String,
    pub user_id: Uuid,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
}

/// Starts a session for `user_id`, created `now`, valid until `expires_at`.
pub async fn create(
    tx: &mut Tx,
    user_id: Uuid,
    token_hash: &str,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<Session, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) ",
        "RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(token_hash)
    .bind(user_id.to_string())
    .bind(ts(now))
    .bind(ts(expires_at))
    .fetch_one(tx.conn())
    .await?;
    from_row(&row)
}

/// The session with this token hash if it is neither revoked nor expired at `now`.
pub async fn find_active(
    db: &mut impl Db,
    token_hash: &str,
    now: OffsetDateTime,
) -> Result<Option<Session>, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM sessions WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2"
    ))
    .bind(token_hash)
    .bind(ts(now))
    .fetch_optional(db.conn())
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Ends a session (logout).
pub async fn revoke(tx: &mut Tx, id: Uuid, now: OffsetDateTime) -> Result<(), StoreError> {
    let done = sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
        .bind(id.to_string())
        .bind(ts(now))
        .execute(tx.conn())
        .await?;
    if done.rows_affected() == 0 { Err(StoreError::NotFound { entity: "session" }) } else { Ok(()) }
}

/// Ends every session of a user (password change, disabling). Returns how many were open.
pub async fn revoke_all_for_user(tx: &mut Tx, user_id: Uuid, now: OffsetDateTime) -> Result<u64, StoreError> {
    let done = sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL")
        .bind(user_id.to_string())
        .bind(ts(now))
        .execute(tx.conn())
        .await?;
    Ok(done.rows_affected())
}

/// Deletes sessions that expired or were revoked before `before`. Returns how many.
pub async fn purge(tx: &mut Tx, before: OffsetDateTime) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1")
        .bind(ts(before))
        .execute(tx.conn())
        .await?;
    Ok(done.rows_affected())
}

fn from_row(row: &AnyRow) -> Result<Session, StoreError> {
    Ok(Session {
        id: row.id("id")?,
        token_hash: row.text("token_hash")?,
        user_id: row.id("user_id")?,
        created_at: row.ts("created_at")?,
        expires_at: row.ts("expires_at")?,
        revoked_at: row.opt_ts("revoked_at")?,
    })
}
