//! Utilisation of certificates at import: each record is the quantity of one goods item (in the item's unit)
//! cleared under one customs declaration in one importing country, recorded by that country's authority. Sums
//! are made here in Rust with exact decimals (the quantities are decimal text in the database).

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, new_id, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, certificate_id, item_no, importing_country, quantity, declaration_ref, recorded_by, recorded_at"
    };
}

/// One recorded use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Utilisation {
    pub id: Uuid,
    pub certificate_id: Uuid,
    /// The certificate's goods item number (from 1).
    pub item_no: i64,
    /// ISO alpha-2 of the importing country whose authority recorded it.
    pub importing_country: String,
    /// In the unit of the certificate's item.
    pub quantity: Decimal,
    /// The customs declaration (and line) the goods were cleared under.
    pub declaration_ref: String,
    pub recorded_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
}

/// A use to record.
#[derive(Clone, Debug)]
pub struct NewUtilisation {
    pub certificate_id: Uuid,
    pub item_no: i64,
    pub importing_country: String,
    pub quantity: Decimal,
    pub declaration_ref: String,
}

/// Locks a certificate's row until the transaction ends (a no-op update), so that uses recorded on one
/// certificate take turns and the sums read afterwards in the transaction include every use committed before.
/// Call it before reading the certificate and recording. An unknown certificate is `NotFound`.
pub async fn lock_certificate(tx: &mut Tx, certificate_id: Uuid) -> Result<(), StoreError> {
    let locked = sqlx::query("UPDATE certificates SET status = status WHERE id = $1 RETURNING id")
        .bind(certificate_id.to_string())
        .fetch_optional(tx.conn())
        .await?;
    locked.map(|_| ()).ok_or(StoreError::NotFound { entity: "certificate" })
}

/// Records a use. The same declaration twice for one item is
/// `Conflict { constraint: "utilisations_certificate_id_item_no_declaration_ref_key" }`.
pub async fn record(tx: &mut Tx, actor: &Actor, new: &NewUtilisation) -> Result<Utilisation, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO utilisations (id, certificate_id, item_no, importing_country, quantity, declaration_ref, ",
        "recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(new.certificate_id.to_string())
    .bind(new.item_no)
    .bind(&new.importing_country)
    .bind(new.quantity.normalize().to_string())
    .bind(&new.declaration_ref)
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let utilisation = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("utilisation.recorded", "utilisation", utilisation.id).after(&utilisation));
    Ok(utilisation)
}

/// A certificate's uses in the order recorded.
pub async fn list_for_certificate(db: &mut impl Db, certificate_id: Uuid) -> Result<Vec<Utilisation>, StoreError> {
    let rows = sqlx::query(concat!("SELECT ", columns!(), " FROM utilisations WHERE certificate_id = $1 ORDER BY id"))
        .bind(certificate_id.to_string())
        .fetch_all(db.conn())
        .await?;
    rows.iter().map(from_row).collect()
}

/// The total quantity of item `item_no` used so far.
pub fn used(uses: &[Utilisation], item_no: i64) -> Decimal {
    uses.iter().filter(|u| u.item_no == item_no).map(|u| u.quantity).sum()
}

/// The importing countries that have recorded a use, in alphabetical order.
pub fn countries(uses: &[Utilisation]) -> BTreeSet<String> {
    uses.iter().map(|u| u.importing_country.clone()).collect()
}

fn from_row(row: &AnyRow) -> Result<Utilisation, StoreError> {
    Ok(Utilisation {
        id: row.id("id")?,
        certificate_id: row.id("certificate_id")?,
        item_no: row.int("item_no")?,
        importing_country: row.text("importing_country")?,
        quantity: row.dec("quantity")?,
        declaration_ref: row.text("declaration_ref")?,
        recorded_by: row.opt_id("recorded_by")?,
        recorded_at: row.ts("recorded_at")?,
    })
}
