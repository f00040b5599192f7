//! Supplier declarations: a supplier's statement that the materials it delivers are (or are not) originating,
//! for one delivery or long-term, kept per exporter and referred to from bills of materials. A declaration found
//! wrong is revoked by the certifying body with reasons ([`revoke`]); it stays on record, and [`dependants`] finds
//! the applications and certificates whose bills of materials relied on it.

use serde::Serialize;
use sqlx::any::AnyRow;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::applications::ApplicationState;
use crate::audit::AuditEvent;
use crate::certificates::CertificateStatus;
use crate::codec::{RowExt, flag, new_id, opt_date, text_enum, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, exporter_id, supplier_name, supplier_country, kind, goods_description, hs_code, originating, \
         valid_from, valid_to, evidence_file_id, created_at, revoked_at, revoked_by, revocation_reasons"
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
    /// When the certifying body revoked it; `None` while in force.
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
    pub revoked_by: Option<Uuid>,
    pub revocation_reasons: Option<String>,
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

/// Revokes a declaration in force, with reasons. Revoked already is
/// `Conflict { kind: Stale, constraint: "supplier_declarations_revoked" }`.
pub async fn revoke(tx: &mut Tx, actor: &Actor, id: Uuid, reasons: &str) -> Result<SupplierDeclaration, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE supplier_declarations SET revoked_at = $2, revoked_by = $3, revocation_reasons = $4 ",
        "WHERE id = $1 AND revoked_at IS NULL RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(ts(actor.at))
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(reasons)
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("supplier_declarations_revoked"))?)?;
    let event = AuditEvent::new("supplier_declaration.revoked", "supplier_declaration", id).before(&before);
    tx.audit(actor, event.after(&after).reason(Some(reasons)));
    Ok(after)
}

/// Declarations in creation order (revoked ones too), `limit` after `after`.
pub async fn list(db: &mut impl Db, after: Option<Uuid>, limit: u32) -> Result<Vec<SupplierDeclaration>, StoreError> {
    let rows =
        sqlx::query(concat!("SELECT ", columns!(), " FROM supplier_declarations WHERE id > $1 ORDER BY id LIMIT $2"))
            .bind(after.map_or_else(String::new, |id| id.to_string()))
            .bind(i64::from(limit))
            .fetch_all(db.conn())
            .await?;
    rows.iter().map(from_row).collect()
}

/// An application whose bill of materials refers to a declaration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RelyingApplication {
    pub id: Uuid,
    pub exporter_id: Uuid,
    pub state: ApplicationState,
}

/// A certificate issued from such an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RelyingCertificate {
    pub id: Uuid,
    pub number: String,
    pub exporter_id: Uuid,
    pub application_id: Uuid,
    pub status: CertificateStatus,
}

/// What relied on a declaration: the applications with a material referring to it, and the certificates issued
/// from them (replacements included), each in id order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Dependants {
    pub applications: Vec<RelyingApplication>,
    pub certificates: Vec<RelyingCertificate>,
}

/// The applications and certificates that relied on declaration `id`.
pub async fn dependants(db: &mut impl Db, id: Uuid) -> Result<Dependants, StoreError> {
    let rows = sqlx::query(
        "SELECT DISTINCT a.id, a.exporter_id, a.state FROM applications a \
         JOIN goods_items g ON g.application_id = a.id JOIN bom_materials m ON m.goods_item_id = g.id \
         WHERE m.supplier_declaration_id = $1 ORDER BY a.id",
    )
    .bind(id.to_string())
    .fetch_all(db.conn())
    .await?;
    let applications = rows
        .iter()
        .map(|row| {
            Ok(RelyingApplication {
                id: row.id("id")?,
                exporter_id: row.id("exporter_id")?,
                state: row.parsed("state")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let rows = sqlx::query(
        "SELECT c.id, c.number, c.exporter_id, c.application_id, c.status FROM certificates c \
         WHERE c.application_id IN (SELECT g.application_id FROM goods_items g \
         JOIN bom_materials m ON m.goods_item_id = g.id WHERE m.supplier_declaration_id = $1) ORDER BY c.id",
    )
    .bind(id.to_string())
    .fetch_all(db.conn())
    .await?;
    let certificates = rows
        .iter()
        .map(|row| {
            Ok(RelyingCertificate {
                id: row.id("id")?,
                number: row.text("number")?,
                exporter_id: row.id("exporter_id")?,
                application_id: row.id("application_id")?,
                status: row.parsed("status")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(Dependants { applications, certificates })
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
        revoked_at: row.opt_ts("revoked_at")?,
        revoked_by: row.opt_id("revoked_by")?,
        revocation_reasons: row.opt_text("revocation_reasons")?,
    })
}
