//! Users: people who log in, each with one role; exporters are tied to their exporter, foreign authorities to
//! their country. The password hash (argon2, PHC string) is made by the service; the store only keeps it.

use serde::Serialize;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::{Actor, Role};
use crate::audit::AuditEvent;
use crate::codec::{RowExt, flag, new_id, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, username, display_name, role, password_hash, exporter_id, country, disabled, created_at, updated_at"
    };
}

/// A user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Argon2 PHC string, made by the service.
    pub password_hash: String,
    /// For an exporter: the exporter whose records the user sees.
    pub exporter_id: Option<Uuid>,
    /// For a foreign authority: the country whose certificates the user sees.
    pub country: Option<String>,
    pub disabled: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A new user.
#[derive(Clone, Debug)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
    pub exporter_id: Option<Uuid>,
    pub country: Option<String>,
}

/// Adds a user. A taken username is `Conflict { constraint: "users_username_key" }`.
pub async fn create(tx: &mut Tx, actor: &Actor, new: &NewUser) -> Result<User, StoreError> {
    let now = ts(actor.at);
    let row = sqlx::query(concat!(
        "INSERT INTO users (id, username, display_name, role, password_hash, exporter_id, country, disabled, ",
        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $8) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(&new.username)
    .bind(&new.display_name)
    .bind(new.role.as_str())
    .bind(&new.password_hash)
    .bind(new.exporter_id.map(|id| id.to_string()))
    .bind(&new.country)
    .bind(now)
    .fetch_one(tx.conn())
    .await?;
    let user = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("user.created", "user", user.id).after(&user));
    Ok(user)
}

/// The user with `id`.
pub async fn get(db: &mut impl Db, id: Uuid) -> Result<User, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM users WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "user" })?)
}

/// The user called `username`, for login.
pub async fn find_by_username(db: &mut impl Db, username: &str) -> Result<Option<User>, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM users WHERE username = $1"))
        .bind(username)
        .fetch_optional(db.conn())
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Users in creation order, `limit` after `after` (keyset pagination by id).
pub async fn list(db: &mut impl Db, after: Option<Uuid>, limit: u32) -> Result<Vec<User>, StoreError> {
    let rows = sqlx::query(concat!("SELECT ", columns!(), " FROM users WHERE id > $1 ORDER BY id LIMIT $2"))
        .bind(after.map_or_else(String::new, |id| id.to_string()))
        .bind(i64::from(limit))
        .fetch_all(db.conn())
        .await?;
    rows.iter().map(from_row).collect()
}

/// Replaces the password hash.
pub async fn set_password_hash(tx: &mut Tx, actor: &Actor, id: Uuid, hash: &str) -> Result<User, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1 RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(hash)
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let user = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("user.password_changed", "user", id).before(&before).after(&user));
    Ok(user)
}

/// Ties an exporter user to the exporter it acts for (set when the user's company applies for registration).
pub async fn set_exporter(tx: &mut Tx, actor: &Actor, id: Uuid, exporter_id: Uuid) -> Result<User, StoreError> {
    let before = get(tx, id).await?;
    let row =
        sqlx::query(concat!("UPDATE users SET exporter_id = $2, updated_at = $3 WHERE id = $1 RETURNING ", columns!()))
            .bind(id.to_string())
            .bind(exporter_id.to_string())
            .bind(ts(actor.at))
            .fetch_one(tx.conn())
            .await?;
    let user = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("user.exporter_linked", "user", id).before(&before).after(&user));
    Ok(user)
}

/// Disables or re-enables a user (users are never deleted: the audit trail names them).
pub async fn set_disabled(tx: &mut Tx, actor: &Actor, id: Uuid, disabled: bool) -> Result<User, StoreError> {
    let before = get(tx, id).await?;
    let row =
        sqlx::query(concat!("UPDATE users SET disabled = $2, updated_at = $3 WHERE id = $1 RETURNING ", columns!()))
            .bind(id.to_string())
            .bind(flag(disabled))
            .bind(ts(actor.at))
            .fetch_one(tx.conn())
            .await?;
    let user = from_row(&row)?;
    let action = if disabled { "user.disabled" } else { "user.enabled" };
    tx.audit(actor, AuditEvent::new(action, "user", id).before(&before).after(&user));
    Ok(user)
}

fn from_row(row: &AnyRow) -> Result<User, StoreError> {
    Ok(User {
        id: row.id("id")?,
        username: row.text("username")?,
        display_name: row.text("display_name")?,
        role: row.text("role")?.parse().map_err(|e| StoreError::corrupt("role", e))?,
        password_hash: row.text("password_hash")?,
        exporter_id: row.opt_id("exporter_id")?,
        country: row.opt_text("country")?,
        disabled: row.flag("disabled")?,
        created_at: row.ts("created_at")?,
        updated_at: row.ts("updated_at")?,
    })
}
