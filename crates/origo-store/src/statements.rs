//! Registered statements on origin and origin declarations: Origo generates the exact text, and registers its
//! SHA-256 so that an importing authority can check that exact statement later. One statement per application at
//! most (`statements_application_id_key`), and one registration per text (`statements_text_hash_key`).

use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::any::AnyRow;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{AuditEvent, sha256_hex};
use crate::codec::{RowExt, date, new_id, opt_dec, text_enum, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, text_hash, text, kind, exporter_id, rex_number, application_id, criterion, made_out_on, \
         consignment_value_eur, place, document_reference, created_by, created_at, not_confirmed_at, \
         not_confirmed_reference"
    };
}

text_enum! {
    /// EU GSP statement on origin or UK DCTS origin declaration.
    pub enum StatementKind {
        StatementOnOrigin = "statement_on_origin",
        OriginDeclaration = "origin_declaration",
    }
}

/// A registered statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub id: Uuid,
    /// Lower-case hex SHA-256 of `text` (UTF-8).
    pub text_hash: String,
    pub text: String,
    pub kind: StatementKind,
    /// The exporter, when known to the registry.
    pub exporter_id: Option<Uuid>,
    /// The REX number in the text; none for an unregistered exporter under the EUR 6 000 rule.
    pub rex_number: Option<String>,
    pub application_id: Option<Uuid>,
    pub criterion: Option<String>,
    pub made_out_on: Date,
    /// The consignment's value, when the EUR 6 000 rule was applied.
    pub consignment_value_eur: Option<Decimal>,
    /// Where the statement was made out.
    pub place: Option<String>,
    /// The commercial document (invoice, packing list, ...) the statement is made out on.
    pub document_reference: Option<String>,
    pub created_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When a verification of the statement was answered "not confirmed" (administrative cooperation).
    #[serde(with = "time::serde::rfc3339::option")]
    pub not_confirmed_at: Option<OffsetDateTime>,
    /// The reference of that verification request (`VR-2026-000123`).
    pub not_confirmed_reference: Option<String>,
}

/// A statement to register (its hash is computed here).
#[derive(Clone, Debug)]
pub struct NewStatement {
    pub text: String,
    pub kind: StatementKind,
    pub exporter_id: Option<Uuid>,
    pub rex_number: Option<String>,
    pub application_id: Option<Uuid>,
    pub criterion: Option<String>,
    pub made_out_on: Date,
    pub consignment_value_eur: Option<Decimal>,
    pub place: Option<String>,
    pub document_reference: Option<String>,
}

/// Registers a statement. The same text twice is `Conflict { constraint: "statements_text_hash_key" }`; a second
/// statement for one application is `Conflict { constraint: "statements_application_id_key" }`.
pub async fn register(tx: &mut Tx, actor: &Actor, new: &NewStatement) -> Result<Statement, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO statements (id, text_hash, text, kind, exporter_id, rex_number, application_id, criterion, ",
        "made_out_on, consignment_value_eur, place, document_reference, created_by, created_at) ",
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(sha256_hex(new.text.as_bytes()))
    .bind(&new.text)
    .bind(new.kind.as_str())
    .bind(new.exporter_id.map(|id| id.to_string()))
    .bind(&new.rex_number)
    .bind(new.application_id.map(|id| id.to_string()))
    .bind(&new.criterion)
    .bind(date(new.made_out_on))
    .bind(opt_dec(new.consignment_value_eur))
    .bind(&new.place)
    .bind(&new.document_reference)
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let statement = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("statement.registered", "statement", statement.id).after(&statement));
    Ok(statement)
}

/// The statement whose text hashes to `text_hash`.
pub async fn find_by_text_hash(db: &mut impl Db, text_hash: &str) -> Result<Option<Statement>, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM statements WHERE text_hash = $1"))
        .bind(text_hash)
        .fetch_optional(db.conn())
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The statement made out from an application, if any.
pub async fn find_for_application(db: &mut impl Db, application_id: Uuid) -> Result<Option<Statement>, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM statements WHERE application_id = $1"))
        .bind(application_id.to_string())
        .fetch_optional(db.conn())
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Statements in registration order (ids are time-ordered), `limit` after `after`: one exporter's, or everyone's.
pub async fn list(
    db: &mut impl Db,
    exporter_id: Option<Uuid>,
    after: Option<Uuid>,
    limit: u32,
) -> Result<Vec<Statement>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM statements WHERE ($1 = '' OR exporter_id = $1) AND id > $2 ORDER BY id LIMIT $3"
    ))
    .bind(exporter_id.map_or_else(String::new, |id| id.to_string()))
    .bind(after.map_or_else(String::new, |id| id.to_string()))
    .bind(i64::from(limit))
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// An exporter's statements, oldest first.
pub async fn list_for_exporter(db: &mut impl Db, exporter_id: Uuid) -> Result<Vec<Statement>, StoreError> {
    let rows = sqlx::query(concat!("SELECT ", columns!(), " FROM statements WHERE exporter_id = $1 ORDER BY id"))
        .bind(exporter_id.to_string())
        .fetch_all(db.conn())
        .await?;
    rows.iter().map(from_row).collect()
}

/// The statement with `id`.
pub async fn get(db: &mut impl Db, id: Uuid) -> Result<Statement, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM statements WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "statement" })?)
}

/// Marks a statement as not confirmed by the verification request `reference` (at the actor's time). Marked
/// already is `Conflict { kind: Stale }`.
pub async fn mark_not_confirmed(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    reference: &str,
) -> Result<Statement, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE statements SET not_confirmed_at = $2, not_confirmed_reference = $3 ",
        "WHERE id = $1 AND not_confirmed_at IS NULL RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(ts(actor.at))
    .bind(reference)
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("statements_not_confirmed"))?)?;
    let event = AuditEvent::new("statement.not_confirmed", "statement", id).before(&before).after(&after);
    tx.audit(actor, event.reason(Some(reference)));
    Ok(after)
}

fn from_row(row: &AnyRow) -> Result<Statement, StoreError> {
    Ok(Statement {
        id: row.id("id")?,
        text_hash: row.text("text_hash")?,
        text: row.text("text")?,
        kind: row.parsed("kind")?,
        exporter_id: row.opt_id("exporter_id")?,
        rex_number: row.opt_text("rex_number")?,
        application_id: row.opt_id("application_id")?,
        criterion: row.opt_text("criterion")?,
        made_out_on: row.date("made_out_on")?,
        consignment_value_eur: row.opt_dec("consignment_value_eur")?,
        place: row.opt_text("place")?,
        document_reference: row.opt_text("document_reference")?,
        created_by: row.opt_id("created_by")?,
        created_at: row.ts("created_at")?,
        not_confirmed_at: row.opt_ts("not_confirmed_at")?,
        not_confirmed_reference: row.opt_text("not_confirmed_reference")?,
    })
}
