//! Administrative cooperation with importing countries: verification requests filed by a foreign authority about
//! a certificate or a registered statement, and their reply.
//!
//! A request is `open` when filed, `investigating` once the certifier records a first step, and `answered` when
//! the signed reply is stored (once: [`answer`] is a compare-and-set on the status). Whether a request is overdue
//! is computed from its deadline and the day asked about, never stored. The documents the authority sent
//! ([`documents`]), the investigation steps ([`steps`]), the documents asked of the exporter and its answers
//! ([`exporter_requests`]), the reminders and escalations ([`alerts`]) and what an exporter's record of
//! verifications says ([`record`]) are in the submodules.

pub mod alerts;
pub mod documents;
pub mod exporter_requests;
pub mod record;
pub mod steps;

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
        "id, issuer_code, reference, requesting_country, requested_by, certificate_id, statement_id, exporter_id, \
         scheme, reason_kind, reasons, received_at, deadline, status, outcome, findings, reply_document, \
         answered_at, answered_by"
    };
}

text_enum! {
    /// Why the importing authority asks (the EU protocols' wording: at random, or reasonable doubt about ...).
    pub enum ReasonKind {
        Random = "random",
        Authenticity = "authenticity",
        OriginatingStatus = "originating_status",
        OtherRequirements = "other_requirements",
    }
}

text_enum! {
    /// Where a request stands. Overdue is not a status: it is computed from the deadline.
    pub enum RequestStatus {
        Open = "open",
        Investigating = "investigating",
        Answered = "answered",
    }
}

text_enum! {
    /// What the reply says about the proof of origin.
    pub enum ReplyOutcome {
        Confirmed = "confirmed",
        NotConfirmed = "not_confirmed",
        Undetermined = "undetermined",
    }
}

/// A verification request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VerificationRequest {
    pub id: Uuid,
    pub issuer_code: String,
    /// `VR-2026-000123`, unique per issuing body.
    pub reference: String,
    /// ISO alpha-2 of the foreign authority that filed it.
    pub requesting_country: String,
    pub requested_by: Uuid,
    /// The certificate asked about (or `statement_id`).
    pub certificate_id: Option<Uuid>,
    /// The registered statement asked about (or `certificate_id`).
    pub statement_id: Option<Uuid>,
    /// The subject's exporter, when the registry knows it.
    pub exporter_id: Option<Uuid>,
    /// The scheme the subject was made out under (`eu-gsp`): the reply period depends on it.
    pub scheme: String,
    pub reason_kind: ReasonKind,
    pub reasons: String,
    #[serde(with = "time::serde::rfc3339")]
    pub received_at: OffsetDateTime,
    /// The last day of the reply period.
    pub deadline: Date,
    pub status: RequestStatus,
    pub outcome: Option<ReplyOutcome>,
    pub findings: Option<String>,
    /// The signed reply (`origo-signed/1` JSON), byte for byte as signed.
    pub reply_document: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub answered_at: Option<OffsetDateTime>,
    pub answered_by: Option<Uuid>,
}

impl VerificationRequest {
    /// Unanswered after its deadline on `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status != RequestStatus::Answered && today > self.deadline
    }

    /// Answered on or before its deadline.
    pub fn answered_in_time(&self) -> Option<bool> {
        self.answered_at.map(|at| at.date() <= self.deadline)
    }
}

/// What a request is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Certificate(Uuid),
    Statement(Uuid),
}

/// A request to store, its reference allocated with [`crate::sequences::allocate_reference`] in the same
/// transaction.
#[derive(Clone, Debug)]
pub struct NewVerificationRequest {
    pub issuer_code: String,
    pub reference: String,
    pub requesting_country: String,
    pub requested_by: Uuid,
    pub subject: Subject,
    pub exporter_id: Option<Uuid>,
    pub scheme: String,
    pub reason_kind: ReasonKind,
    pub reasons: String,
    pub deadline: Date,
}

/// Stores a new (open) request, received at the actor's time. A reference already used by the issuer is
/// `Conflict { constraint: "verification_requests_issuer_code_reference_key" }`.
pub async fn file(tx: &mut Tx, actor: &Actor, new: &NewVerificationRequest) -> Result<VerificationRequest, StoreError> {
    file_received(tx, actor, new, actor.at).await
}

/// Stores a request received at `received_at`, a business instant that may be earlier than the actor's (a request
/// that arrived on paper, entered later; the demo's past). The audit record keeps the actor's instant, so the
/// audit trail stays in time order.
pub async fn file_received(
    tx: &mut Tx,
    actor: &Actor,
    new: &NewVerificationRequest,
    received_at: OffsetDateTime,
) -> Result<VerificationRequest, StoreError> {
    let (certificate_id, statement_id) = match new.subject {
        Subject::Certificate(id) => (Some(id), None),
        Subject::Statement(id) => (None, Some(id)),
    };
    let row = sqlx::query(concat!(
        "INSERT INTO verification_requests (id, issuer_code, reference, requesting_country, requested_by, ",
        "certificate_id, statement_id, exporter_id, scheme, reason_kind, reasons, received_at, deadline, status) ",
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'open') RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(&new.issuer_code)
    .bind(&new.reference)
    .bind(&new.requesting_country)
    .bind(new.requested_by.to_string())
    .bind(certificate_id.map(|id| id.to_string()))
    .bind(statement_id.map(|id| id.to_string()))
    .bind(new.exporter_id.map(|id| id.to_string()))
    .bind(&new.scheme)
    .bind(new.reason_kind.as_str())
    .bind(&new.reasons)
    .bind(ts(received_at))
    .bind(date(new.deadline))
    .fetch_one(tx.conn())
    .await?;
    let request = from_row(&row)?;
    let event = AuditEvent::new("verification_request.filed", "verification_request", request.id).after(&request);
    tx.audit(actor, event.reason(Some(&request.reasons)));
    Ok(request)
}

/// The request with `id`.
pub async fn get(db: &mut impl Db, id: Uuid) -> Result<VerificationRequest, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM verification_requests WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "verification request" })?)
}

/// Which requests a list returns, and in which order.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    /// Only those filed by this country's authority.
    pub country: Option<String>,
    /// Only those in this status.
    pub status: Option<RequestStatus>,
    pub order: ListOrder,
    pub limit: u32,
}

/// The order of a list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ListOrder {
    /// Filing order (ids are time-ordered), the page after the request `after`.
    #[default]
    Filed,
    /// The work order of the certifying body: unanswered first, by deadline; then answered ones, latest deadline
    /// first. Paged by `offset`.
    Deadline { offset: u32 },
}

/// Requests matching `filter`; in filing order, those after `after`.
pub async fn list(
    db: &mut impl Db,
    filter: &ListFilter,
    after: Option<Uuid>,
) -> Result<Vec<VerificationRequest>, StoreError> {
    let (order, offset) = match filter.order {
        ListOrder::Filed => ("id > $3 ORDER BY id LIMIT $4 OFFSET $5", 0),
        ListOrder::Deadline { offset } => (
            "$3 = $3 ORDER BY CASE WHEN status = 'answered' THEN 1 ELSE 0 END, \
             CASE WHEN status = 'answered' THEN '' ELSE deadline END, deadline DESC, id LIMIT $4 OFFSET $5",
            offset,
        ),
    };
    let sql = format!(
        "SELECT {} FROM verification_requests WHERE ($1 = '' OR requesting_country = $1) \
         AND ($2 = '' OR status = $2) AND {order}",
        columns!()
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(filter.country.clone().unwrap_or_default())
        .bind(filter.status.map_or("", RequestStatus::as_str))
        .bind(after.map_or_else(String::new, |id| id.to_string()))
        .bind(i64::from(filter.limit))
        .bind(i64::from(offset))
        .fetch_all(db.conn())
        .await?;
    rows.iter().map(from_row).collect()
}

/// How many requests match `filter` (its order and limit aside).
pub async fn count(db: &mut impl Db, filter: &ListFilter) -> Result<i64, StoreError> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM verification_requests WHERE ($1 = '' OR requesting_country = $1) \
         AND ($2 = '' OR status = $2)",
    )
    .bind(filter.country.clone().unwrap_or_default())
    .bind(filter.status.map_or("", RequestStatus::as_str))
    .fetch_one(db.conn())
    .await?;
    row.int("n")
}

/// Every request about a certificate, oldest first.
pub async fn for_certificate(db: &mut impl Db, certificate_id: Uuid) -> Result<Vec<VerificationRequest>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM verification_requests WHERE certificate_id = $1 ORDER BY id"
    ))
    .bind(certificate_id.to_string())
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// One row per request with what the statistics need, in filing order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatisticsRow {
    pub requesting_country: String,
    pub received_at: OffsetDateTime,
    pub deadline: Date,
    pub status: RequestStatus,
    pub outcome: Option<ReplyOutcome>,
    pub answered_at: Option<OffsetDateTime>,
}

/// Every request, reduced to what [`StatisticsRow`] holds.
pub async fn statistics_rows(db: &mut impl Db) -> Result<Vec<StatisticsRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT requesting_country, received_at, deadline, status, outcome, answered_at FROM verification_requests \
         ORDER BY id",
    )
    .fetch_all(db.conn())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(StatisticsRow {
                requesting_country: row.text("requesting_country")?,
                received_at: row.ts("received_at")?,
                deadline: row.date("deadline")?,
                status: row.parsed("status")?,
                outcome: outcome(row)?,
                answered_at: row.opt_ts("answered_at")?,
            })
        })
        .collect()
}

/// An `open` request becomes `investigating` (its first step); any other status is left as it is. Returns the
/// request as it is now.
pub async fn start_investigation(tx: &mut Tx, actor: &Actor, id: Uuid) -> Result<VerificationRequest, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE verification_requests SET status = 'investigating' WHERE id = $1 AND status = 'open' RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .fetch_optional(tx.conn())
    .await?;
    let Some(row) = row else { return Ok(before) };
    let after = from_row(&row)?;
    let event = AuditEvent::new("verification_request.investigating", "verification_request", id);
    tx.audit(actor, event.before(&before).after(&after));
    Ok(after)
}

/// The reply to store.
#[derive(Clone, Debug)]
pub struct Answer {
    pub outcome: ReplyOutcome,
    pub findings: String,
    /// The signed reply, as signed.
    pub reply_document: String,
}

/// Stores the reply of an unanswered request, answered by the actor at its time. Already answered is
/// `Conflict { kind: Stale }`: a request is answered once.
pub async fn answer(tx: &mut Tx, actor: &Actor, id: Uuid, answer: &Answer) -> Result<VerificationRequest, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE verification_requests SET status = 'answered', outcome = $2, findings = $3, reply_document = $4, ",
        "answered_at = $5, answered_by = $6 WHERE id = $1 AND status <> 'answered' RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(answer.outcome.as_str())
    .bind(&answer.findings)
    .bind(&answer.reply_document)
    .bind(ts(actor.at))
    .bind(actor.user_id.map(|id| id.to_string()))
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("verification_requests_status"))?)?;
    let event = AuditEvent::new("verification_request.answered", "verification_request", id);
    tx.audit(actor, event.before(&before).after(&after).reason(Some(&answer.findings)));
    Ok(after)
}

fn outcome(row: &AnyRow) -> Result<Option<ReplyOutcome>, StoreError> {
    row.opt_text("outcome")?.map(|t| t.parse().map_err(|e: String| StoreError::corrupt("outcome", e))).transpose()
}

pub(crate) fn from_row(row: &AnyRow) -> Result<VerificationRequest, StoreError> {
    Ok(VerificationRequest {
        id: row.id("id")?,
        issuer_code: row.text("issuer_code")?,
        reference: row.text("reference")?,
        requesting_country: row.text("requesting_country")?,
        requested_by: row.id("requested_by")?,
        certificate_id: row.opt_id("certificate_id")?,
        statement_id: row.opt_id("statement_id")?,
        exporter_id: row.opt_id("exporter_id")?,
        scheme: row.text("scheme")?,
        reason_kind: row.parsed("reason_kind")?,
        reasons: row.text("reasons")?,
        received_at: row.ts("received_at")?,
        deadline: row.date("deadline")?,
        status: row.parsed("status")?,
        outcome: outcome(row)?,
        findings: row.opt_text("findings")?,
        reply_document: row.opt_text("reply_document")?,
        answered_at: row.opt_ts("answered_at")?,
        answered_by: row.opt_id("answered_by")?,
    })
}
