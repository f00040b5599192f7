//! Attached documents: files kept in the database with their SHA-256, size and media type, each belonging to an
//! owner (a verification request, a control case, an exporter's answer) and optionally to a part of it (an
//! investigation step, a control finding). One module reads and writes every such table; a [`Family`] says which
//! table and which columns. The hash is computed here from the bytes given, so hash and bytes always agree; size
//! limits and type checks are the service's (origo-service `attachments.rs`).
//!
//! The families keep their own tables (and so their foreign keys and the names of their unique constraints, which
//! the services map to `duplicate_file`): a file is unique per owner.

use serde::Serialize;
use sqlx::AssertSqlSafe;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{AuditEvent, sha256_hex};
use crate::codec::{RowExt, new_id, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

/// Where one kind of attachment is kept, and how it is audited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Family {
    pub table: &'static str,
    /// The owner's column: the scope of uniqueness and of reading (`request_id`, `case_id`).
    pub owner_column: &'static str,
    /// The part's column, for families whose files belong to a part of the owner (`finding_id`, `step_id`).
    pub part_column: Option<&'static str>,
    /// The audit action of an added file, and its entity type.
    pub action: &'static str,
    pub entity_type: &'static str,
    /// What a missing file is called in `NotFound`.
    pub entity: &'static str,
    /// The unique constraint refusing the same bytes twice for one owner.
    pub unique: &'static str,
}

/// The documents a foreign authority sends with its verification request (owner: the request).
pub const VERIFICATION_REQUEST: Family = Family {
    table: "verification_documents",
    owner_column: "request_id",
    part_column: None,
    action: "verification_document.added",
    entity_type: "verification_document",
    entity: "verification document",
    unique: "verification_documents_request_id_sha256_key",
};

/// Files of an investigation step (owner: the verification request; part: the step).
pub const VERIFICATION_STEP: Family = Family {
    table: "verification_step_documents",
    owner_column: "request_id",
    part_column: Some("step_id"),
    action: "verification_step.document_added",
    entity_type: "verification_step_document",
    entity: "step document",
    unique: "verification_step_documents_request_id_sha256_key",
};

/// The files of an exporter's answer to documents asked of it (owner: the exporter document request).
pub const EXPORTER_ANSWER: Family = Family {
    table: "exporter_answer_documents",
    owner_column: "document_request_id",
    part_column: None,
    action: "exporter_document_request.document_added",
    entity_type: "exporter_answer_document",
    entity: "answer document",
    unique: "exporter_answer_documents_document_request_id_sha256_key",
};

/// The documents of a control finding (owner: the control case; part: the finding).
pub const CONTROL_FINDING: Family = Family {
    table: "control_documents",
    owner_column: "case_id",
    part_column: Some("finding_id"),
    action: "control_case.document_added",
    entity_type: "control_document",
    entity: "control document",
    unique: "control_documents_case_id_sha256_key",
};

/// A file's record (the bytes are read with [`content`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub id: Uuid,
    /// The request, case or answer it belongs to.
    pub owner_id: Uuid,
    /// The step or finding, for the families that have parts.
    pub part_id: Option<Uuid>,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    /// Lower-case hex SHA-256 of the bytes.
    pub sha256: String,
    pub uploaded_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub uploaded_at: OffsetDateTime,
}

/// A file to store; size and type were checked by the service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAttachment {
    pub file_name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

fn columns(family: &Family) -> String {
    let part = family.part_column.map(|c| format!("{c} AS part_id, ")).unwrap_or_default();
    format!(
        "id, {} AS owner_id, {part}file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at",
        family.owner_column
    )
}

/// Stores a file of `owner_id` (and `part_id` for the families with parts), by the actor at its time, audited.
/// The same bytes twice for one owner is `Conflict { constraint: family.unique }`.
pub async fn add(
    tx: &mut Tx,
    actor: &Actor,
    family: &Family,
    owner_id: Uuid,
    part_id: Option<Uuid>,
    new: &NewAttachment,
) -> Result<Attachment, StoreError> {
    let (part_column, part_value) = match (family.part_column, part_id) {
        (Some(column), Some(_)) => (format!("{column}, "), "$10, "),
        (None, None) => (String::new(), ""),
        _ => return Err(StoreError::Database(format!("{}: a part is needed exactly for its parts", family.table))),
    };
    let sql = format!(
        "INSERT INTO {table} (id, {owner}, {part_column}file_name, media_type, size_bytes, sha256, content, \
         uploaded_by, uploaded_at) VALUES ($1, $2, {part_value}$3, $4, $5, $6, $7, $8, $9) RETURNING {columns}",
        table = family.table,
        owner = family.owner_column,
        columns = columns(family),
    );
    let mut query = sqlx::query(AssertSqlSafe(sql))
        .bind(new_id().to_string())
        .bind(owner_id.to_string())
        .bind(&new.file_name)
        .bind(&new.media_type)
        .bind(new.bytes.len() as i64)
        .bind(sha256_hex(&new.bytes))
        .bind(new.bytes.clone())
        .bind(actor.user_id.map(|id| id.to_string()))
        .bind(ts(actor.at));
    if let Some(part) = part_id {
        query = query.bind(part.to_string());
    }
    let row = query.fetch_one(tx.conn()).await?;
    let attachment = from_row(&row, family)?;
    tx.audit(actor, AuditEvent::new(family.action, family.entity_type, attachment.id).after(&attachment));
    Ok(attachment)
}

/// The files of `owner_id`, in the order they were stored.
pub async fn list(db: &mut impl Db, family: &Family, owner_id: Uuid) -> Result<Vec<Attachment>, StoreError> {
    let sql =
        format!("SELECT {} FROM {} WHERE {} = $1 ORDER BY id", columns(family), family.table, family.owner_column);
    let rows = sqlx::query(AssertSqlSafe(sql)).bind(owner_id.to_string()).fetch_all(db.conn()).await?;
    rows.iter().map(|row| from_row(row, family)).collect()
}

/// The record and bytes of file `id` of `owner_id` (another owner's file is `NotFound`).
pub async fn content(
    db: &mut impl Db,
    family: &Family,
    owner_id: Uuid,
    id: Uuid,
) -> Result<(Attachment, Vec<u8>), StoreError> {
    let sql = format!(
        "SELECT {}, content FROM {} WHERE id = $1 AND {} = $2",
        columns(family),
        family.table,
        family.owner_column
    );
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(id.to_string())
        .bind(owner_id.to_string())
        .fetch_optional(db.conn())
        .await?
        .ok_or(StoreError::NotFound { entity: family.entity })?;
    let bytes = row.bytes("content")?.ok_or_else(|| StoreError::corrupt("content", "no bytes"))?;
    Ok((from_row(&row, family)?, bytes))
}

fn from_row(row: &AnyRow, family: &Family) -> Result<Attachment, StoreError> {
    Ok(Attachment {
        id: row.id("id")?,
        owner_id: row.id("owner_id")?,
        part_id: if family.part_column.is_some() { Some(row.id("part_id")?) } else { None },
        file_name: row.text("file_name")?,
        media_type: row.text("media_type")?,
        size_bytes: row.int("size_bytes")?,
        sha256: row.text("sha256")?,
        uploaded_by: row.opt_id("uploaded_by")?,
        uploaded_at: row.ts("uploaded_at")?,
    })
}
