//! The issuing bodies' Ed25519 signing keys with their validity periods. The public keys make the published
//! key set; old keys stay, so old certificates keep verifying. The private key PEM is stored as the service
//! hands it over (encrypted or plain, per the configuration); it never enters an audit hash or a `Debug` line.

use std::fmt;

use serde::Serialize;
use sqlx::any::AnyRow;
use time::{Date, OffsetDateTime};

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, date, flag, opt_date, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "key_id, issuer_code, public_key, private_key_pem, private_key_encrypted, not_before, not_after, created_at"
    };
}

/// A signing key.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct SigningKey {
    /// `uzx-2026-1`: short, it travels in every QR code.
    pub key_id: String,
    pub issuer_code: String,
    /// 32 bytes, unpadded base64url.
    pub public_key: String,
    /// PKCS#8 PEM; `None` when the private key is kept elsewhere (or only the public half is known).
    #[serde(skip)]
    pub private_key_pem: Option<String>,
    /// Whether `private_key_pem` is encrypted (the service knows how).
    pub private_key_encrypted: bool,
    pub not_before: Date,
    pub not_after: Option<Date>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("key_id", &self.key_id)
            .field("issuer_code", &self.issuer_code)
            .field("public_key", &self.public_key)
            .field("has_private_key", &self.private_key_pem.is_some())
            .field("not_before", &self.not_before)
            .field("not_after", &self.not_after)
            .finish_non_exhaustive()
    }
}

/// A key to store.
#[derive(Clone)]
pub struct NewSigningKey {
    pub key_id: String,
    pub issuer_code: String,
    pub public_key: String,
    pub private_key_pem: Option<String>,
    pub private_key_encrypted: bool,
    pub not_before: Date,
    pub not_after: Option<Date>,
}

impl fmt::Debug for NewSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewSigningKey").field("key_id", &self.key_id).finish_non_exhaustive()
    }
}

/// Stores a key. A key id or public key already stored is a unique conflict (`signing_keys_pkey`,
/// `signing_keys_public_key_key`).
pub async fn add(tx: &mut Tx, actor: &Actor, new: &NewSigningKey) -> Result<SigningKey, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO signing_keys (key_id, issuer_code, public_key, private_key_pem, private_key_encrypted, ",
        "not_before, not_after, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ",
        columns!()
    ))
    .bind(&new.key_id)
    .bind(&new.issuer_code)
    .bind(&new.public_key)
    .bind(&new.private_key_pem)
    .bind(flag(new.private_key_encrypted))
    .bind(date(new.not_before))
    .bind(opt_date(new.not_after))
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let key = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("signing_key.added", "signing_key", &key.key_id).after(&key));
    Ok(key)
}

/// The key with `key_id`.
pub async fn get(db: &mut impl Db, key_id: &str) -> Result<SigningKey, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM signing_keys WHERE key_id = $1"))
        .bind(key_id)
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "signing key" })?)
}

/// Every key of an issuer, oldest first: the published key set.
pub async fn list_for_issuer(db: &mut impl Db, issuer_code: &str) -> Result<Vec<SigningKey>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM signing_keys WHERE issuer_code = $1 ORDER BY not_before, key_id"
    ))
    .bind(issuer_code)
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// The key an issuer signs with on `day`: valid that day and holding a private key; the newest such.
pub async fn active(db: &mut impl Db, issuer_code: &str, day: Date) -> Result<Option<SigningKey>, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM signing_keys WHERE issuer_code = $1 AND private_key_pem IS NOT NULL AND not_before <= $2 ",
        "AND (not_after IS NULL OR not_after >= $2) ORDER BY not_before DESC, key_id DESC LIMIT 1"
    ))
    .bind(issuer_code)
    .bind(date(day))
    .fetch_optional(db.conn())
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Ends a key's validity on `not_after` (rotation). It stays in the key set for verification.
pub async fn retire(tx: &mut Tx, actor: &Actor, key_id: &str, not_after: Date) -> Result<SigningKey, StoreError> {
    let before = get(tx, key_id).await?;
    let row = sqlx::query(concat!("UPDATE signing_keys SET not_after = $2 WHERE key_id = $1 RETURNING ", columns!()))
        .bind(key_id)
        .bind(date(not_after))
        .fetch_one(tx.conn())
        .await?;
    let after = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("signing_key.retired", "signing_key", key_id).before(&before).after(&after));
    Ok(after)
}

/// Replaces a key's plain private key with its sealed form (the service seals it under the key-encryption key),
/// audited as `signing_key.sealed`. `None` when the key holds no plain private key any more: another server
/// sealed it meanwhile (the row is locked by the first UPDATE, and the second finds the condition false).
pub async fn seal_private_key(
    tx: &mut Tx,
    actor: &Actor,
    key_id: &str,
    sealed: &str,
) -> Result<Option<SigningKey>, StoreError> {
    let before = get(tx, key_id).await?;
    let row = sqlx::query(concat!(
        "UPDATE signing_keys SET private_key_pem = $2, private_key_encrypted = $3 ",
        "WHERE key_id = $1 AND private_key_encrypted = $4 AND private_key_pem IS NOT NULL RETURNING ",
        columns!()
    ))
    .bind(key_id)
    .bind(sealed)
    .bind(flag(true))
    .bind(flag(false))
    .fetch_optional(tx.conn())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let after = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("signing_key.sealed", "signing_key", key_id).before(&before).after(&after));
    Ok(Some(after))
}

fn from_row(row: &AnyRow) -> Result<SigningKey, StoreError> {
    Ok(SigningKey {
        key_id: row.text("key_id")?,
        issuer_code: row.text("issuer_code")?,
        public_key: row.text("public_key")?,
        private_key_pem: row.opt_text("private_key_pem")?,
        private_key_encrypted: row.flag("private_key_encrypted")?,
        not_before: row.date("not_before")?,
        not_after: row.opt_date("not_after")?,
        created_at: row.ts("created_at")?,
    })
}
