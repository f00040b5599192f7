//! Documents the certifying body asks of the exporter while it investigates a verification request: what is asked
//! and by when (recorded with the step `documents_requested_from_exporter`), and the exporter's answer, once: a
//! note and its files ([`crate::attachments::EXPORTER_ANSWER`]). The exporter reads only these rows, never the
//! foreign authority's request. Whether the due day was missed is computed, never stored.

use serde::Serialize;
use sqlx::any::AnyRow;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, date, new_id, text_enum, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, verification_request_id, step_id, exporter_id, asked, due_on, status, note, requested_by, requested_at, \
         answered_by, answered_at"
    };
}

text_enum! {
    /// Where an ask stands.
    pub enum AskStatus {
        Pending = "pending",
        Answered = "answered",
    }
}

/// Documents asked of an exporter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExporterDocumentRequest {
    pub id: Uuid,
    pub verification_request_id: Uuid,
    /// The step that asked.
    pub step_id: Uuid,
    pub exporter_id: Uuid,
    /// What the exporter is asked for, in the certifier's words.
    pub asked: String,
    /// The last day for the answer.
    pub due_on: Date,
    pub status: AskStatus,
    /// The exporter's note with its answer.
    pub note: Option<String>,
    pub requested_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub requested_at: OffsetDateTime,
    pub answered_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub answered_at: Option<OffsetDateTime>,
}

impl ExporterDocumentRequest {
    /// Unanswered after its due day (`today` is the day asked about).
    pub fn missed(&self, today: Date) -> bool {
        self.status == AskStatus::Pending && today > self.due_on
    }

    /// Answered after its due day.
    pub fn answered_late(&self) -> bool {
        self.answered_at.is_some_and(|at| at.date() > self.due_on)
    }
}

/// An ask to record.
#[derive(Clone, Debug)]
pub struct NewExporterDocumentRequest {
    pub verification_request_id: Uuid,
    pub step_id: Uuid,
    pub exporter_id: Uuid,
    pub asked: String,
    pub due_on: Date,
}

/// Records what is asked of the exporter, by the actor at its time (in the step's transaction).
pub async fn add(
    tx: &mut Tx,
    actor: &Actor,
    new: &NewExporterDocumentRequest,
) -> Result<ExporterDocumentRequest, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO exporter_document_requests (id, verification_request_id, step_id, exporter_id, asked, due_on, ",
        "status, requested_by, requested_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(new.verification_request_id.to_string())
    .bind(new.step_id.to_string())
    .bind(new.exporter_id.to_string())
    .bind(&new.asked)
    .bind(date(new.due_on))
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let ask = from_row(&row)?;
    let event = AuditEvent::new("exporter_document_request.created", "exporter_document_request", ask.id);
    tx.audit(actor, event.after(&ask));
    Ok(ask)
}

/// Records the exporter's answer with its note, once: an answered ask is
/// `Conflict { kind: Stale, constraint: "exporter_document_requests_status" }` (a compare-and-set on the status,
/// so two answers at once store one).
pub async fn answer(tx: &mut Tx, actor: &Actor, id: Uuid, note: &str) -> Result<ExporterDocumentRequest, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE exporter_document_requests SET status = 'answered', note = $2, answered_by = $3, answered_at = $4 ",
        "WHERE id = $1 AND status = 'pending' RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(note)
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("exporter_document_requests_status"))?)?;
    let event = AuditEvent::new("exporter_document_request.answered", "exporter_document_request", id);
    tx.audit(actor, event.before(&before).after(&after));
    Ok(after)
}

/// The ask with `id`.
pub async fn get(db: &mut impl Db, id: Uuid) -> Result<ExporterDocumentRequest, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM exporter_document_requests WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "exporter document request" })?)
}

/// The asks of a verification request, in the order made.
pub async fn for_request(db: &mut impl Db, request_id: Uuid) -> Result<Vec<ExporterDocumentRequest>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM exporter_document_requests WHERE verification_request_id = $1 ORDER BY id"
    ))
    .bind(request_id.to_string())
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// An exporter's asks, the pending ones first (by due day), then the answered ones, newest first; at most `limit`.
pub async fn for_exporter(
    db: &mut impl Db,
    exporter_id: Uuid,
    limit: u32,
) -> Result<Vec<ExporterDocumentRequest>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM exporter_document_requests WHERE exporter_id = $1 ",
        "ORDER BY CASE WHEN status = 'pending' THEN 0 ELSE 1 END, ",
        "CASE WHEN status = 'pending' THEN due_on ELSE '' END, id DESC LIMIT $2"
    ))
    .bind(exporter_id.to_string())
    .bind(i64::from(limit))
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

fn from_row(row: &AnyRow) -> Result<ExporterDocumentRequest, StoreError> {
    Ok(ExporterDocumentRequest {
        id: row.id("id")?,
        verification_request_id: row.id("verification_request_id")?,
        step_id: row.id("step_id")?,
        exporter_id: row.id("exporter_id")?,
        asked: row.text("asked")?,
        due_on: row.date("due_on")?,
        status: row.parsed("status")?,
        note: row.opt_text("note")?,
        requested_by: row.opt_id("requested_by")?,
        requested_at: row.ts("requested_at")?,
        answered_by: row.opt_id("answered_by")?,
        answered_at: row.opt_ts("answered_at")?,
    })
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    #[test]
    fn a_due_day_is_missed_only_after_it_and_only_while_pending() {
        let mut ask = ExporterDocumentRequest {
            id: Uuid::nil(),
            verification_request_id: Uuid::nil(),
            step_id: Uuid::nil(),
            exporter_id: Uuid::nil(),
            asked: "invoices".into(),
            due_on: date!(2026 - 05 - 20),
            status: AskStatus::Pending,
            note: None,
            requested_by: None,
            requested_at: datetime!(2026-05-01 09:00 UTC),
            answered_by: None,
            answered_at: None,
        };
        assert!(!ask.missed(date!(2026 - 05 - 20)), "the due day itself is in time");
        assert!(ask.missed(date!(2026 - 05 - 21)));
        ask.status = AskStatus::Answered;
        ask.answered_at = Some(datetime!(2026-05-21 08:00 UTC));
        assert!(!ask.missed(date!(2026 - 06 - 01)), "answered: not missed");
        assert!(ask.answered_late());
        ask.answered_at = Some(datetime!(2026-05-20 23:00 UTC));
        assert!(!ask.answered_late());
    }
}
