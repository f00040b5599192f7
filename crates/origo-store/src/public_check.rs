//! The public check's reads: what decides and heads the answer (code hash, status, the numbers of the
//! replacement and of the replaced certificate) in one narrow indexed read, and the signed document apart.
//!
//! Why apart: the status changes, the document never does. The service keeps each certificate's public view
//! (parsed from the document) in memory and reads only the head per check, so a revocation shows at once without the
//! document being read and parsed again: in this process and on every server sharing a PostgreSQL database at once,
//! from another process writing the same SQLite file within a second ([`crate::head_cache`]).

use std::sync::Arc;
use std::time::Instant;

use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::certificates::CertificateStatus;
use crate::codec::{RowExt, parse_ts};
use crate::error::StoreError;
use crate::store::Store;
use crate::tx::Db;

/// The changing part of a certificate as the public check needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicHead {
    pub id: Uuid,
    pub number: String,
    /// SHA-256 of the security code.
    pub security_code_hash: String,
    pub issued_at: OffsetDateTime,
    pub status: CertificateStatus,
    pub status_reason: Option<String>,
    pub status_changed_at: Option<OffsetDateTime>,
    /// The number of the certificate that replaces this one.
    pub replaced_by: Option<String>,
    /// The number of the certificate this one replaces.
    pub replaces: Option<String>,
}

const HEADS: &str = concat!(
    "SELECT c.id, c.number, c.security_code_hash, c.issued_at, c.status, c.status_reason, c.status_changed_at, ",
    "r.number AS replaced_by, p.number AS replaces FROM certificates c ",
    "LEFT JOIN certificates r ON r.id = c.replaced_by_id ",
    "LEFT JOIN certificates p ON p.id = c.replaces_id ",
    "WHERE c.number = $1 ORDER BY c.id"
);

/// The heads of the certificates numbered `number` by any issuer (the public knows only the number). On a
/// SQLite file a head read less than a moment ago is answered from memory ([`crate::head_cache`]), and the read runs
/// on the calling thread ([`crate::inline_read`]); otherwise, or when that database is busy, on a pooled connection.
pub async fn heads(store: &Store, number: &str) -> Result<Vec<PublicHead>, StoreError> {
    let Some(cache) = store.head_cache() else { return read_heads(store, number).await };
    if let Some(kept) = cache.get(number) {
        return Ok(kept.to_vec());
    }
    let (read_at, generation) = (Instant::now(), cache.generation());
    let heads = read_heads(store, number).await?;
    // Unknown numbers are not kept: a certificate issued a moment later must be found at once.
    if !heads.is_empty() {
        cache.keep(number, Arc::from(heads.as_slice()), read_at, generation);
    }
    Ok(heads)
}

/// The heads as the database has them now.
async fn read_heads(store: &Store, number: &str) -> Result<Vec<PublicHead>, StoreError> {
    if let Some(reader) = store.inline_reader() {
        let read = reader.read(|conn| {
            let mut statement = conn.prepare_cached(HEADS)?;
            let rows = statement.query_map([number], |row| {
                Ok(RawHead {
                    id: row.get(0)?,
                    number: row.get(1)?,
                    security_code_hash: row.get(2)?,
                    issued_at: row.get(3)?,
                    status: row.get(4)?,
                    status_reason: row.get(5)?,
                    status_changed_at: row.get(6)?,
                    replaced_by: row.get(7)?,
                    replaces: row.get(8)?,
                })
            })?;
            rows.collect::<rusqlite::Result<Vec<RawHead>>>()
        })?;
        if let Some(raw) = read {
            return raw.into_iter().map(RawHead::parse).collect();
        }
    }
    let mut conn = store.conn().await?;
    heads_by_number(&mut conn, number).await
}

/// The heads of the certificates numbered `number`, read on `db`.
pub async fn heads_by_number(db: &mut impl Db, number: &str) -> Result<Vec<PublicHead>, StoreError> {
    let rows = sqlx::query(HEADS).bind(number).fetch_all(db.conn()).await?;
    rows.iter().map(head_from_row).collect()
}

/// A head's columns as SQLite gives them (`$1` is also SQLite's syntax for the first parameter).
struct RawHead {
    id: String,
    number: String,
    security_code_hash: String,
    issued_at: String,
    status: String,
    status_reason: Option<String>,
    status_changed_at: Option<String>,
    replaced_by: Option<String>,
    replaces: Option<String>,
}

impl RawHead {
    fn parse(self) -> Result<PublicHead, StoreError> {
        Ok(PublicHead {
            id: Uuid::parse_str(&self.id).map_err(|e| StoreError::corrupt("id", e))?,
            number: self.number,
            security_code_hash: self.security_code_hash,
            issued_at: parse_ts("issued_at", &self.issued_at)?,
            status: self.status.parse().map_err(|e: String| StoreError::corrupt("status", e))?,
            status_reason: self.status_reason,
            status_changed_at: self.status_changed_at.map(|t| parse_ts("status_changed_at", &t)).transpose()?,
            replaced_by: self.replaced_by,
            replaces: self.replaces,
        })
    }
}

/// The signed document of the certificate `id`, byte for byte as signed.
pub async fn document(db: &mut impl Db, id: Uuid) -> Result<String, StoreError> {
    let row = sqlx::query("SELECT document FROM certificates WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    row.ok_or(StoreError::NotFound { entity: "certificate" })?.text("document")
}

fn head_from_row(row: &AnyRow) -> Result<PublicHead, StoreError> {
    Ok(PublicHead {
        id: row.id("id")?,
        number: row.text("number")?,
        security_code_hash: row.text("security_code_hash")?,
        issued_at: row.ts("issued_at")?,
        status: row.parsed("status")?,
        status_reason: row.opt_text("status_reason")?,
        status_changed_at: row.opt_ts("status_changed_at")?,
        replaced_by: row.opt_text("replaced_by")?,
        replaces: row.opt_text("replaces")?,
    })
}
