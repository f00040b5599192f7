//! Evidence files of an application: kept with their SHA-256, size and media type, the bytes either in the
//! database or at a path of the service's file store. Size limits and type checks are the service's; the store
//! computes the hash of bytes it is given, so hash and bytes always agree.

use serde::Serialize;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::{AuditEvent, sha256_hex};
use crate::codec::{RowExt, new_id, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, application_id, file_name, media_type, size_bytes, sha256, storage_path, uploaded_by, uploaded_at"
    };
}

/// An evidence file's record (the bytes are read with [`content`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvidenceFile {
    pub id: Uuid,
    pub application_id: Uuid,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    /// Lower-case hex SHA-256 of the bytes.
    pub sha256: String,
    /// Where the bytes are when not in the database.
    pub storage_path: Option<String>,
    pub uploaded_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub uploaded_at: OffsetDateTime,
}

/// The bytes of a new evidence file, or where the service put them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceContent {
    /// Kept in the database; hash and size are computed here.
    Bytes(Vec<u8>),
    /// Kept at `path`, with the hash and size the service computed when it wrote the file.
    Path { path: String, sha256: String, size_bytes: i64 },
}

/// A new evidence file.
#[derive(Clone, Debug)]
pub struct NewEvidence {
    pub application_id: Uuid,
    pub file_name: String,
    pub media_type: String,
    pub content: EvidenceContent,
}

/// Stores an evidence file. The same bytes twice on one application is
/// `Conflict { constraint: "evidence_files_application_id_sha256_key" }`.
pub async fn add(tx: &mut Tx, actor: &Actor, new: &NewEvidence) -> Result<EvidenceFile, StoreError> {
    let (bytes, path, sha256, size) = match &new.content {
        EvidenceContent::Bytes(bytes) => (Some(bytes.clone()), None, sha256_hex(bytes), bytes.len() as i64),
        EvidenceContent::Path { path, sha256, size_bytes } => (None, Some(path.clone()), sha256.clone(), *size_bytes),
    };
    let row = sqlx::query(concat!(
        "INSERT INTO evidence_files (id, application_id, file_name, media_type, size_bytes, sha256, content, ",
        "storage_path, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(new.application_id.to_string())
    .bind(&new.file_name)
    .bind(&new.media_type)
    .bind(size)
    .bind(sha256)
    .bind(bytes)
    .bind(path)
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let file = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("evidence.added", "evidence_file", file.id).after(&file));
    Ok(file)
}

/// The record of the file with `id`.
pub async fn get(db: &mut impl Db, id: Uuid) -> Result<EvidenceFile, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM evidence_files WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "evidence file" })?)
}

/// The file's bytes, or where they are.
pub async fn content(db: &mut impl Db, id: Uuid) -> Result<EvidenceContent, StoreError> {
    let row = sqlx::query("SELECT content, storage_path, sha256, size_bytes FROM evidence_files WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?
        .ok_or(StoreError::NotFound { entity: "evidence file" })?;
    match (row.bytes("content")?, row.opt_text("storage_path")?) {
        (Some(bytes), _) => Ok(EvidenceContent::Bytes(bytes)),
        (None, Some(path)) => {
            Ok(EvidenceContent::Path { path, sha256: row.text("sha256")?, size_bytes: row.int("size_bytes")? })
        }
        (None, None) => Err(StoreError::corrupt("content", "neither bytes nor a path")),
    }
}

/// An application's files, oldest first.
pub async fn list(db: &mut impl Db, application_id: Uuid) -> Result<Vec<EvidenceFile>, StoreError> {
    let rows =
        sqlx::query(concat!("SELECT ", columns!(), " FROM evidence_files WHERE application_id = $1 ORDER BY id"))
            .bind(application_id.to_string())
            .fetch_all(db.conn())
            .await?;
    rows.iter().map(from_row).collect()
}

fn from_row(row: &AnyRow) -> Result<EvidenceFile, StoreError> {
    Ok(EvidenceFile {
        id: row.id("id")?,
        application_id: row.id("application_id")?,
        file_name: row.text("file_name")?,
        media_type: row.text("media_type")?,
        size_bytes: row.int("size_bytes")?,
        sha256: row.text("sha256")?,
        storage_path: row.opt_text("storage_path")?,
        uploaded_by: row.opt_id("uploaded_by")?,
        uploaded_at: row.ts("uploaded_at")?,
    })
}
