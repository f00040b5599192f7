//! Supplier declarations: a supplier's statement that the materials it delivers are (or are not) originating,
//! for one delivery or long-term, kept per exporter and referred to from bills of materials.

use serde::Serialize;
use sqlx::any::AnyRow;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, flag, new_id, opt_date, text_enum, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, exporter_id, supplier_name, supplier_country, kind, goods_description, hs_code, originating, \
         valid_from, valid_to, evidence_file_id, created_at"
    };
}

text_enum! {
    /// For one delivery or for deliveries over a period.
    pub enum DeclarationKind {
        Single = "single",
        LongTerm = "long_term",
    }
}

/// A supplier declaration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SupplierDeclaration {
    pub id: Uuid,
    pub exporter_id: Uuid,
    pub supplier_name: String,
    pub supplier_country: String,
    pub kind: DeclarationKind,
    pub goods_description: String,
    pub hs_code: Option<String>,
    pub originating: bool,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// The signed declaration as an evidence file.
    pub evidence_file_id: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A new supplier declaration.
#[derive(Clone, Debug)]
pub struct NewSupplierDeclaration {
    pub exporter_id: Uuid,
    pub supplier_name: String,
    pub supplier_country: String,
    pub kind: DeclarationKind,
    pub goods_description: String,
    pub hs_code: Option<String>,
    pub originating: bool,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub evidence_file_id: Option<Uuid>,
}

/// Records a declaration.
pub async fn create(
    tx: &mut Tx,
    actor: &Actor,
    new: &NewSupplierDeclaration,
) -> Result<SupplierDeclaration, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO supplier_declarations (id, exporter_id, supplier_name, supplier_country, kind, ",
        "goods_description, hs_code, originating, valid_from, valid_to, evidence_file_id, created_at) ",
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(new.exporter_id.to_string())
    .bind(&new.supplier_name)
    .bind(&new.supplier_country)
    .bind(new.kind.as_str())
    .bind(&new.goods_description)
    .bind(&new.hs_code)
    .bind(flag(new.originating))
    .bind(opt_date(new.valid_from))
    .bind(opt_date(new.valid_to))
    .bind(new.evidence_file_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let declaration = from_row(&row)?;
    let event = AuditEvent::new("supplier_declaration.created", "supplier_declaration", declaration.id);
    tx.audit(actor, event.after(&declaration));
    Ok(declaration)
}

/// The declaration with `id`.
pub async fn get(db: &mut impl Db, id: Uuid) -> Result<SupplierDeclaration, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM supplier_declarations WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "supplier declaration" })?)
}

/// An exporter's declarations, oldest first.
pub async fn list_for_exporter(db: &mut impl Db, exporter_id: Uuid) -> Result<Vec<SupplierDeclaration>, StoreError> {
    let rows =
        sqlx::query(concat!("SELECT ", columns!(), " FROM supplier_declarations WHERE exporter_id = $1 ORDER BY id"))
            .bind(exporter_id.to_string())
            .fetch_all(db.conn())
            .await?;
    rows.iter().map(from_row).collect()
}

fn from_row(row: &AnyRow) -> Result<SupplierDeclaration, StoreError> {
    Ok(SupplierDeclaration {
        id: row.id("id")?,
        exporter_id: row.id("exporter_id")?,
        supplier_name: row.text("supplier_name")?,
        supplier_country: row.text("supplier_country")?,
        kind: row.parsed("kind")?,
        goods_description: row.text("goods_description")?,
        hs_code: row.opt_text("hs_code")?,
        originating: row.flag("originating")?,
        valid_from: row.opt_date("valid_from")?,
        valid_to: row.opt_date("valid_to")?,
        evidence_file_id: row.opt_id("evidence_file_id")?,
        created_at: row.ts("created_at")?,
    })
}
