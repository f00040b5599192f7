//! The documents a foreign authority sends with its verification request, kept in the database with their SHA-256,
//! size and media type. Size limits and type checks are the service's; the hash is computed here from the bytes
//! given, so hash and bytes always agree.

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
        "id, request_id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at"
    };
}

/// A document's record (the bytes are read with [`content`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestDocument {
    pub id: Uuid,
    pub request_id: Uuid,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    /// Lower-case hex SHA-256 of the bytes.
    pub sha256: String,
    pub uploaded_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub uploaded_at: OffsetDateTime,
}

/// A document to store.
#[derive(Clone, Debug)]
pub struct NewRequestDocument {
    pub request_id: Uuid,
    pub file_name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// Stores a document of a request. The same bytes twice on one request is
/// `Conflict { constraint: "verification_documents_request_id_sha256_key" }`.
pub async fn add(tx: &mut Tx, actor: &Actor, new: &NewRequestDocument) -> Result<RequestDocument, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO verification_documents (id, request_id, file_name, media_type, size_bytes, sha256, content, ",
        "uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(new.request_id.to_string())
    .bind(&new.file_name)
    .bind(&new.media_type)
    .bind(new.bytes.len() as i64)
    .bind(sha256_hex(&new.bytes))
    .bind(new.bytes.clone())
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let document = from_row(&row)?;
    let event = AuditEvent::new("verification_document.added", "verification_document", document.id);
    tx.audit(actor, event.after(&document));
    Ok(document)
}

/// A request's documents, in the order they were stored.
pub async fn list(db: &mut impl Db, request_id: Uuid) -> Result<Vec<RequestDocument>, StoreError> {
    let rows =
        sqlx::query(concat!("SELECT ", columns!(), " FROM verification_documents WHERE request_id = $1 ORDER BY id"))
            .bind(request_id.to_string())
            .fetch_all(db.conn())
            .await?;
    rows.iter().map(from_row).collect()
}

/// The record and the bytes of the document `id` of request `request_id` (another request's is not found).
pub async fn content(db: &mut impl Db, request_id: Uuid, id: Uuid) -> Result<(RequestDocument, Vec<u8>), StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        ", content FROM verification_documents WHERE id = $1 AND request_id = $2"
    ))
    .bind(id.to_string())
    .bind(request_id.to_string())
    .fetch_optional(db.conn())
    .await?
    .ok_or(StoreError::NotFound { entity: "verification document" })?;
    let bytes = row.bytes("content")?.ok_or_else(|| StoreError::corrupt("content", "no bytes"))?;
    Ok((from_row(&row)?, bytes))
}

fn from_row(row: &AnyRow) -> Result<RequestDocument, StoreError> {
    Ok(RequestDocument {
        id: row.id("id")?,
        request_id: row.id("request_id")?,
        file_name: row.text("file_name")?,
        media_type: row.text("media_type")?,
        size_bytes: row.int("size_bytes")?,
        sha256: row.text("sha256")?,
        uploaded_by: row.opt_id("uploaded_by")?,
        uploaded_at: row.ts("uploaded_at")?,
    })
}
