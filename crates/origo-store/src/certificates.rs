//! Issued certificates: the signed document exactly as signed, the hash of the security code (and the code itself
//! sealed by the service under its key-encryption key, read apart with [`sealed_security_code`]), and the status
//! (valid, revoked, replaced) with reason and the link to the replacement.

use serde::Serialize;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::applications::ProofKind;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, new_id, text_enum, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, issuer_code, number, year, sequence, kind, application_id, exporter_id, security_code_hash, document, \
         key_id, issued_at, status, status_reason, status_changed_at, replaced_by_id, replaces_id"
    };
}

text_enum! {
    /// A certificate's status.
    pub enum CertificateStatus {
        Valid = "valid",
        Revoked = "revoked",
        Replaced = "replaced",
    }
}

/// An issued certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Certificate {
    pub id: Uuid,
    pub issuer_code: String,
    /// `UZ-2026-000123`, unique per issuing body.
    pub number: String,
    pub year: i64,
    pub sequence: i64,
    pub kind: ProofKind,
    pub application_id: Option<Uuid>,
    pub exporter_id: Uuid,
    /// SHA-256 of the security code, which the public check compares (the code itself is stored only sealed).
    pub security_code_hash: String,
    /// The signed document (`origo-signed/1` JSON), byte for byte as signed.
    pub document: String,
    pub key_id: String,
    #[serde(with = "time::serde::rfc3339")]
    pub issued_at: OffsetDateTime,
    pub status: CertificateStatus,
    pub status_reason: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub status_changed_at: Option<OffsetDateTime>,
    pub replaced_by_id: Option<Uuid>,
    pub replaces_id: Option<Uuid>,
}

/// A certificate to store, its number allocated with [`crate::sequences::allocate`] in the same transaction.
#[derive(Clone, Debug)]
pub struct NewCertificate {
    pub issuer_code: String,
    pub number: String,
    pub year: i64,
    pub sequence: i64,
    pub kind: ProofKind,
    pub application_id: Option<Uuid>,
    pub exporter_id: Uuid,
    pub security_code_hash: String,
    /// The security code sealed by the service (`origo-sealed-code/1:...`), so that the PDF can print it again;
    /// `None` when the service has no key-encryption key to seal it with.
    pub security_code_sealed: Option<String>,
    pub document: String,
    pub key_id: String,
    /// The certificate this one replaces (mark that one with [`replace`] in the same transaction).
    pub replaces_id: Option<Uuid>,
}

/// Stores an issued certificate. A number already used by the issuer is
/// `Conflict { constraint: "certificates_issuer_code_number_key" }`.
pub async fn issue(tx: &mut Tx, actor: &Actor, new: &NewCertificate) -> Result<Certificate, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO certificates (id, issuer_code, number, year, sequence, kind, application_id, exporter_id, ",
        "security_code_hash, document, key_id, issued_at, status, replaces_id, importing_country, ",
        "security_code_sealed) ",
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'valid', $13, $14, $15) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(&new.issuer_code)
    .bind(&new.number)
    .bind(new.year)
    .bind(new.sequence)
    .bind(new.kind.as_str())
    .bind(new.application_id.map(|id| id.to_string()))
    .bind(new.exporter_id.to_string())
    .bind(&new.security_code_hash)
    .bind(&new.document)
    .bind(&new.key_id)
    .bind(ts(actor.at))
    .bind(new.replaces_id.map(|id| id.to_string()))
    .bind(importing_country(&new.document))
    .bind(&new.security_code_sealed)
    .fetch_one(tx.conn())
    .await?;
    let certificate = from_row(&row)?;
    // The dashboard's figures of certified goods, kept in this transaction (a replacement certifies the same goods).
    if let (Some(application), None) = (new.application_id, new.replaces_id) {
        crate::statistics::certified_goods::add_issued(tx, application, &ts(actor.at)).await?;
    }
    tx.audit(actor, AuditEvent::new("certificate.issued", "certificate", certificate.id).after(&certificate));
    Ok(certificate)
}

/// The importing country named in a signed document (`document.importing_country`), copied into its own column
/// so that a foreign authority's list is one indexed read; the document stays the record.
fn importing_country(document: &str) -> Option<String> {
    let signed: serde_json::Value = serde_json::from_str(document).ok()?;
    signed.get("document")?.get("importing_country")?.as_str().map(str::to_owned)
}

/// The certificate with `id`.
pub async fn get(db: &mut impl Db, id: Uuid) -> Result<Certificate, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM certificates WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "certificate" })?)
}

/// The sealed security code of the certificate with `id` (`None` when it was issued without one being kept). Kept
/// out of [`Certificate`] so that no listing or answer built from the row carries it.
pub async fn sealed_security_code(db: &mut impl Db, id: Uuid) -> Result<Option<String>, StoreError> {
    let row = sqlx::query("SELECT security_code_sealed FROM certificates WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    row.ok_or(StoreError::NotFound { entity: "certificate" })?.opt_text("security_code_sealed")
}

/// The issuer's certificate numbered `number`.
pub async fn find_by_number(
    db: &mut impl Db,
    issuer_code: &str,
    number: &str,
) -> Result<Option<Certificate>, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM certificates WHERE issuer_code = $1 AND number = $2"))
        .bind(issuer_code)
        .bind(number)
        .fetch_optional(db.conn())
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Certificates numbered `number` by any issuer (public verification, which knows only the number).
pub async fn find_all_by_number(db: &mut impl Db, number: &str) -> Result<Vec<Certificate>, StoreError> {
    let rows = sqlx::query(concat!("SELECT ", columns!(), " FROM certificates WHERE number = $1 ORDER BY id"))
        .bind(number)
        .fetch_all(db.conn())
        .await?;
    rows.iter().map(from_row).collect()
}

/// An exporter's certificates, oldest first, `limit` after `after`.
pub async fn list_for_exporter(
    db: &mut impl Db,
    exporter_id: Uuid,
    after: Option<Uuid>,
    limit: u32,
) -> Result<Vec<Certificate>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM certificates WHERE exporter_id = $1 AND id > $2 ORDER BY id LIMIT $3"
    ))
    .bind(exporter_id.to_string())
    .bind(after.map_or_else(String::new, |id| id.to_string()))
    .bind(i64::from(limit))
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// The issuer's revoked and replaced certificates, for its status list.
pub async fn status_changes(db: &mut impl Db, issuer_code: &str) -> Result<Vec<Certificate>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM certificates WHERE issuer_code = $1 AND status <> 'valid' ORDER BY status_changed_at, id"
    ))
    .bind(issuer_code)
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// Revokes a valid certificate, with the reason. Not valid (any more) is `Conflict { kind: Stale }`.
pub async fn revoke(tx: &mut Tx, actor: &Actor, id: Uuid, reason: &str) -> Result<Certificate, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE certificates SET status = 'revoked', status_reason = $2, status_changed_at = $3 ",
        "WHERE id = $1 AND status = 'valid' RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(reason)
    .bind(ts(actor.at))
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("certificates_status"))?)?;
    tx.certificate_status_changed();
    let event = AuditEvent::new("certificate.revoked", "certificate", id).before(&before).after(&after);
    tx.audit(actor, event.reason(Some(reason)));
    Ok(after)
}

/// Marks a valid certificate as replaced by `replacement_id` (issued in the same transaction), with the reason.
pub async fn replace(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    replacement_id: Uuid,
    reason: &str,
) -> Result<Certificate, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE certificates SET status = 'replaced', status_reason = $2, status_changed_at = $3, ",
        "replaced_by_id = $4 WHERE id = $1 AND status = 'valid' RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(reason)
    .bind(ts(actor.at))
    .bind(replacement_id.to_string())
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("certificates_status"))?)?;
    tx.certificate_status_changed();
    let event = AuditEvent::new("certificate.replaced", "certificate", id).before(&before).after(&after);
    tx.audit(actor, event.reason(Some(reason)));
    Ok(after)
}

fn from_row(row: &AnyRow) -> Result<Certificate, StoreError> {
    Ok(Certificate {
        id: row.id("id")?,
        issuer_code: row.text("issuer_code")?,
        number: row.text("number")?,
        year: row.int("year")?,
        sequence: row.int("sequence")?,
        kind: row.parsed("kind")?,
        application_id: row.opt_id("application_id")?,
        exporter_id: row.id("exporter_id")?,
        security_code_hash: row.text("security_code_hash")?,
        document: row.text("document")?,
        key_id: row.text("key_id")?,
        issued_at: row.ts("issued_at")?,
        status: row.parsed("status")?,
        status_reason: row.opt_text("status_reason")?,
        status_changed_at: row.opt_ts("status_changed_at")?,
        replaced_by_id: row.opt_id("replaced_by_id")?,
        replaces_id: row.opt_id("replaces_id")?,
    })
}
