//! API tokens for machines: hashed like sessions, with scopes. Creating and revoking one is audited; noting its
//! last use is not.

use serde::Serialize;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, json, new_id, opt_ts, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, user_id, name, token_hash, scopes, created_at, expires_at, last_used_at, revoked_at"
    };
}

/// An API token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    pub id: Uuid,
    /// The user the token acts for (its role and scope limit the token's).
    pub user_id: Uuid,
    pub name: String,
    pub token_hash: String,
    /// What the token may do (`certificates:read`, ...); names are the service's.
    pub scopes: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    #[serde(skip)]
    pub last_used_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
}

/// A new API token.
#[derive(Clone, Debug)]
pub struct NewApiToken {
    pub user_id: Uuid,
    pub name: String,
    pub token_hash: String,
    pub scopes: Vec<String>,
    pub expires_at: Option<OffsetDateTime>,
}

/// Creates a token.
pub async fn create(tx: &mut Tx, actor: &Actor, new: &NewApiToken) -> Result<ApiToken, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO api_tokens (id, user_id, name, token_hash, scopes, created_at, expires_at) ",
        "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(new.user_id.to_string())
    .bind(&new.name)
    .bind(&new.token_hash)
    .bind(json(&new.scopes)?)
    .bind(ts(actor.at))
    .bind(opt_ts(new.expires_at))
    .fetch_one(tx.conn())
    .await?;
    let token = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("api_token.created", "api_token", token.id).after(&token));
    Ok(token)
}

/// The token with this hash if it is neither revoked nor expired at `now`.
pub async fn find_active(
    db: &mut impl Db,
    token_hash: &str,
    now: OffsetDateTime,
) -> Result<Option<ApiToken>, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)"
    ))
    .bind(token_hash)
    .bind(ts(now))
    .fetch_optional(db.conn())
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// The token with `id`.
pub async fn get(db: &mut impl Db, id: Uuid) -> Result<ApiToken, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM api_tokens WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "api token" })?)
}

/// A user's tokens, oldest first.
pub async fn list_for_user(db: &mut impl Db, user_id: Uuid) -> Result<Vec<ApiToken>, StoreError> {
    let rows = sqlx::query(concat!("SELECT ", columns!(), " FROM api_tokens WHERE user_id = $1 ORDER BY id"))
        .bind(user_id.to_string())
        .fetch_all(db.conn())
        .await?;
    rows.iter().map(from_row).collect()
}

/// Revokes a token; revoking it again is `Conflict { kind: Stale }`.
pub async fn revoke(tx: &mut Tx, actor: &Actor, id: Uuid) -> Result<ApiToken, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(ts(actor.at))
    .fetch_optional(tx.conn())
    .await?
    .ok_or_else(|| StoreError::stale("api_tokens_revoked"))?;
    let token = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("api_token.revoked", "api_token", id).before(&before).after(&token));
    Ok(token)
}

/// Revokes every token of a user that is still in force (the user was disabled), each revocation audited.
/// Returns the tokens revoked.
pub async fn revoke_all_for_user(tx: &mut Tx, actor: &Actor, user_id: Uuid) -> Result<Vec<ApiToken>, StoreError> {
    let mut revoked = Vec::new();
    for token in list_for_user(tx, user_id).await? {
        if token.revoked_at.is_none() {
            revoked.push(revoke(tx, actor, token.id).await?);
        }
    }
    Ok(revoked)
}

/// Notes that the token was used `now`.
pub async fn touch(tx: &mut Tx, id: Uuid, now: OffsetDateTime) -> Result<(), StoreError> {
    sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")
        .bind(id.to_string())
        .bind(ts(now))
        .execute(tx.conn())
        .await?;
    Ok(())
}

fn from_row(row: &AnyRow) -> Result<ApiToken, StoreError> {
    Ok(ApiToken {
        id: row.id("id")?,
        user_id: row.id("user_id")?,
        name: row.text("name")?,
        token_hash: row.text("token_hash")?,
        scopes: row.json("scopes")?,
        created_at: row.ts("created_at")?,
        expires_at: row.opt_ts("expires_at")?,
        last_used_at: row.opt_ts("last_used_at")?,
        revoked_at: row.opt_ts("revoked_at")?,
    })
}
