//! Issuing bodies: the certifying bodies whose numbers, keys and certificates the store keeps apart.

use serde::Serialize;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "code, name, country, created_at"
    };
}

/// An issuing body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issuer {
    /// Short code, e.g. `UZX`; the key of its sequences, keys and certificates.
    pub code: String,
    pub name: String,
    /// ISO 3166-1 alpha-2: the `<country>` of its certificate numbers.
    pub country: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A new issuing body.
#[derive(Clone, Debug)]
pub struct NewIssuer {
    pub code: String,
    pub name: String,
    pub country: String,
}

/// Adds an issuing body.
pub async fn create(tx: &mut Tx, actor: &Actor, new: &NewIssuer) -> Result<Issuer, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO issuers (code, name, country, created_at) VALUES ($1, $2, $3, $4) RETURNING ",
        columns!()
    ))
    .bind(&new.code)
    .bind(&new.name)
    .bind(&new.country)
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let issuer = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("issuer.created", "issuer", &issuer.code).after(&issuer));
    Ok(issuer)
}

/// The issuing body with `code`.
pub async fn get(db: &mut impl Db, code: &str) -> Result<Issuer, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM issuers WHERE code = $1"))
        .bind(code)
        .fetch_optional(db.conn())
        .await?
        .ok_or(StoreError::NotFound { entity: "issuer" })?;
    from_row(&row)
}

/// Every issuing body, by code.
pub async fn list(db: &mut impl Db) -> Result<Vec<Issuer>, StoreError> {
    let rows = sqlx::query(concat!("SELECT ", columns!(), " FROM issuers ORDER BY code")).fetch_all(db.conn()).await?;
    rows.iter().map(from_row).collect()
}

fn from_row(row: &AnyRow) -> Result<Issuer, StoreError> {
    Ok(Issuer {
        code: row.text("code")?,
        name: row.text("name")?,
        country: row.text("country")?,
        created_at: row.ts("created_at")?,
    })
}
