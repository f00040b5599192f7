//! Post-clearance control cases opened by national customs: on a certificate (and so its exporter) or on an
//! exporter, with the grounds, the findings recorded as the control goes on (each with its documents, kept like
//! evidence files, as attachments of the family [`attachments::CONTROL_FINDING`]), and the closing conclusion. Customs never
//! revokes anything here: it proposes, through [`crate::proposals`].

use serde::Serialize;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::attachments::{self, Attachment, CONTROL_FINDING};
use crate::audit::AuditEvent;
use crate::codec::{RowExt, new_id, text_enum, ts};
use crate::error::StoreError;
use crate::sequences;
use crate::tx::{Db, Sealed, Tx};

/// The reference series of control cases: `PCC-2026-000012`.
pub const SERIES: &str = "PCC";

macro_rules! columns {
    () => {
        "id, issuer_code, reference, subject_kind, certificate_id, exporter_id, grounds, status, opened_by, \
         opened_at, closed_by, closed_at, conclusion"
    };
}

text_enum! {
    /// What a case is about.
    pub enum SubjectKind {
        Certificate = "certificate",
        Exporter = "exporter",
    }
}

text_enum! {
    /// Where a case stands.
    pub enum CaseStatus {
        Open = "open",
        Closed = "closed",
    }
}

/// A control case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ControlCase {
    pub id: Uuid,
    pub issuer_code: String,
    /// `PCC-2026-000012`, unique per issuing body.
    pub reference: String,
    pub subject_kind: SubjectKind,
    pub certificate_id: Option<Uuid>,
    /// The exporter concerned (the certificate's, for a case on a certificate).
    pub exporter_id: Uuid,
    pub grounds: String,
    pub status: CaseStatus,
    pub opened_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub opened_at: OffsetDateTime,
    pub closed_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub closed_at: Option<OffsetDateTime>,
    pub conclusion: Option<String>,
}

/// A new case. `exporter_id` is the certificate's exporter when `certificate_id` is set.
#[derive(Clone, Debug)]
pub struct NewCase {
    pub issuer_code: String,
    pub certificate_id: Option<Uuid>,
    pub exporter_id: Uuid,
    pub grounds: String,
}

/// A finding of a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub id: Uuid,
    pub case_id: Uuid,
    pub text: String,
    pub recorded_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
}

/// A document of a finding (its bytes are read with [`document_content`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseDocument {
    pub id: Uuid,
    pub case_id: Uuid,
    pub finding_id: Uuid,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    /// Lower-case hex SHA-256 of the bytes.
    pub sha256: String,
    pub uploaded_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub uploaded_at: OffsetDateTime,
}

/// A document to attach to a finding; size and type are checked by the service.
pub type NewDocument = attachments::NewAttachment;

impl From<Attachment> for CaseDocument {
    fn from(a: Attachment) -> CaseDocument {
        CaseDocument {
            id: a.id,
            case_id: a.owner_id,
            // The control family always has its part (the column is NOT NULL).
            finding_id: a.part_id.unwrap_or_default(),
            file_name: a.file_name,
            media_type: a.media_type,
            size_bytes: a.size_bytes,
            sha256: a.sha256,
            uploaded_by: a.uploaded_by,
            uploaded_at: a.uploaded_at,
        }
    }
}

/// Opens a case with the next reference of the year (allocated in this transaction).
pub async fn open(tx: &mut Tx, actor: &Actor, new: &NewCase) -> Result<ControlCase, StoreError> {
    let year = actor.at.year();
    let value = sequences::allocate_reference(tx, &new.issuer_code, SERIES, year).await?;
    let reference = sequences::reference(SERIES, year, value);
    let subject = if new.certificate_id.is_some() { SubjectKind::Certificate } else { SubjectKind::Exporter };
    let row = sqlx::query(concat!(
        "INSERT INTO control_cases (id, issuer_code, reference, subject_kind, certificate_id, exporter_id, grounds, ",
        "status, opened_by, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(&new.issuer_code)
    .bind(&reference)
    .bind(subject.as_str())
    .bind(new.certificate_id.map(|id| id.to_string()))
    .bind(new.exporter_id.to_string())
    .bind(&new.grounds)
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let case = from_row(&row)?;
    let event = AuditEvent::new("control_case.opened", "control_case", case.id).after(&case);
    tx.audit(actor, event.reason(Some(&new.grounds)));
    Ok(case)
}

/// Records a finding on an open case, with its documents. A closed case is `Conflict { kind: Stale, constraint:
/// "control_cases_status" }`; the same document twice on one case is
/// `Conflict { constraint: "control_documents_case_id_sha256_key" }`.
pub async fn add_finding(
    tx: &mut Tx,
    actor: &Actor,
    case_id: Uuid,
    text: &str,
    documents: &[NewDocument],
) -> Result<(Finding, Vec<CaseDocument>), StoreError> {
    // Locks the case row on PostgreSQL, so that a finding cannot slip in beside a concurrent close.
    let open = sqlx::query("UPDATE control_cases SET status = status WHERE id = $1 AND status = 'open' RETURNING id")
        .bind(case_id.to_string())
        .fetch_optional(tx.conn())
        .await?;
    if open.is_none() {
        get(tx, case_id).await?;
        return Err(StoreError::stale("control_cases_status"));
    }
    let row = sqlx::query(
        "INSERT INTO control_findings (id, case_id, text, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5) \
         RETURNING id, case_id, text, recorded_by, recorded_at",
    )
    .bind(new_id().to_string())
    .bind(case_id.to_string())
    .bind(text)
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let finding = finding_from_row(&row)?;
    tx.audit(actor, AuditEvent::new("control_case.finding_recorded", "control_finding", finding.id).after(&finding));
    let mut stored = Vec::with_capacity(documents.len());
    for document in documents {
        let stored_document =
            attachments::add(tx, actor, &CONTROL_FINDING, case_id, Some(finding.id), document).await?;
        stored.push(stored_document.into());
    }
    Ok((finding, stored))
}

/// Closes an open case with its conclusion. Closed already is `Conflict { kind: Stale }`.
pub async fn close(tx: &mut Tx, actor: &Actor, id: Uuid, conclusion: &str) -> Result<ControlCase, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE control_cases SET status = 'closed', closed_by = $2, closed_at = $3, conclusion = $4 ",
        "WHERE id = $1 AND status = 'open' RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .bind(conclusion)
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("control_cases_status"))?)?;
    let event = AuditEvent::new("control_case.closed", "control_case", id).before(&before).after(&after);
    tx.audit(actor, event.reason(Some(conclusion)));
    Ok(after)
}

/// The case with `id`.
pub async fn get(db: &mut impl Db, id: Uuid) -> Result<ControlCase, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM control_cases WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "control case" })?)
}

/// Cases in opening order, optionally only those in `status`, `limit` after `after`.
pub async fn list(
    db: &mut impl Db,
    status: Option<CaseStatus>,
    after: Option<Uuid>,
    limit: u32,
) -> Result<Vec<ControlCase>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM control_cases WHERE ($1 = '' OR status = $1) AND id > $2 ORDER BY id LIMIT $3"
    ))
    .bind(status.map_or("", CaseStatus::as_str))
    .bind(after.map_or_else(String::new, |id| id.to_string()))
    .bind(i64::from(limit))
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// A case's findings in the order recorded.
pub async fn findings(db: &mut impl Db, case_id: Uuid) -> Result<Vec<Finding>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, case_id, text, recorded_by, recorded_at FROM control_findings WHERE case_id = $1 ORDER BY id",
    )
    .bind(case_id.to_string())
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(finding_from_row).collect()
}

/// A case's documents in the order attached.
pub async fn documents(db: &mut impl Db, case_id: Uuid) -> Result<Vec<CaseDocument>, StoreError> {
    Ok(attachments::list(db, &CONTROL_FINDING, case_id).await?.into_iter().map(CaseDocument::from).collect())
}

/// The record and bytes of document `id` of case `case_id` (another case's document is `NotFound`).
pub async fn document_content(
    db: &mut impl Db,
    case_id: Uuid,
    id: Uuid,
) -> Result<(CaseDocument, Vec<u8>), StoreError> {
    let (record, bytes) = attachments::content(db, &CONTROL_FINDING, case_id, id).await?;
    Ok((record.into(), bytes))
}

fn from_row(row: &AnyRow) -> Result<ControlCase, StoreError> {
    Ok(ControlCase {
        id: row.id("id")?,
        issuer_code: row.text("issuer_code")?,
        reference: row.text("reference")?,
        subject_kind: row.parsed("subject_kind")?,
        certificate_id: row.opt_id("certificate_id")?,
        exporter_id: row.id("exporter_id")?,
        grounds: row.text("grounds")?,
        status: row.parsed("status")?,
        opened_by: row.opt_id("opened_by")?,
        opened_at: row.ts("opened_at")?,
        closed_by: row.opt_id("closed_by")?,
        closed_at: row.opt_ts("closed_at")?,
        conclusion: row.opt_text("conclusion")?,
    })
}

fn finding_from_row(row: &AnyRow) -> Result<Finding, StoreError> {
    Ok(Finding {
        id: row.id("id")?,
        case_id: row.id("case_id")?,
        text: row.text("text")?,
        recorded_by: row.opt_id("recorded_by")?,
        recorded_at: row.ts("recorded_at")?,
    })
}
