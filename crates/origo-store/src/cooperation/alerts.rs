//! Reminders (a request's deadline is near) and escalations (it has passed without a reply), each raised once per
//! request. Raising is one `INSERT ... ON CONFLICT DO NOTHING` on `(request_id, kind)`: when several servers sweep
//! at once, one of them inserts (and audits) it and the others find it there, on both backends.

use serde::Serialize;
use sqlx::any::AnyRow;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, date, new_id, text_enum, ts};
use crate::cooperation::VerificationRequest;
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

text_enum! {
    /// Which alert.
    pub enum AlertKind {
        /// The deadline is within the reminder period.
        Reminder = "reminder",
        /// The deadline has passed without a reply.
        Escalation = "escalation",
    }
}

/// A raised alert.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Alert {
    pub id: Uuid,
    pub request_id: Uuid,
    pub kind: AlertKind,
    #[serde(with = "time::serde::rfc3339")]
    pub raised_at: OffsetDateTime,
}

/// Raises `kind` for the request at the actor's time, unless it was raised before: `Some` with the new alert (and
/// its audit record), `None` when it already existed.
pub async fn raise(tx: &mut Tx, actor: &Actor, request_id: Uuid, kind: AlertKind) -> Result<Option<Alert>, StoreError> {
    let row = sqlx::query(
        "INSERT INTO verification_alerts (id, request_id, kind, raised_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (request_id, kind) DO NOTHING RETURNING id, request_id, kind, raised_at",
    )
    .bind(new_id().to_string())
    .bind(request_id.to_string())
    .bind(kind.as_str())
    .bind(ts(actor.at))
    .fetch_optional(tx.conn())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let alert = from_row(&row)?;
    let action = match kind {
        AlertKind::Reminder => "verification_request.reminded",
        AlertKind::Escalation => "verification_request.escalated",
    };
    tx.audit(actor, AuditEvent::new(action, "verification_request", request_id).after(&alert));
    Ok(Some(alert))
}

/// A request's alerts, oldest first.
pub async fn list(db: &mut impl Db, request_id: Uuid) -> Result<Vec<Alert>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, request_id, kind, raised_at FROM verification_alerts WHERE request_id = $1 ORDER BY raised_at, id",
    )
    .bind(request_id.to_string())
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// Unanswered requests that need `kind` on `today` and do not have it yet: for a reminder, those whose deadline is
/// from `today` to `remind_until` (the last day of the reminder period) inclusive; for an escalation, those whose
/// deadline is before `today`. Deadline order.
pub async fn due(
    db: &mut impl Db,
    kind: AlertKind,
    today: Date,
    remind_until: Date,
) -> Result<Vec<VerificationRequest>, StoreError> {
    let window = match kind {
        AlertKind::Reminder => "r.deadline >= $2 AND r.deadline <= $3",
        AlertKind::Escalation => "r.deadline < $2 AND $3 = $3",
    };
    let sql = format!(
        "SELECT r.id, r.issuer_code, r.reference, r.requesting_country, r.requested_by, r.certificate_id, \
         r.statement_id, r.exporter_id, r.scheme, r.reason_kind, r.reasons, r.received_at, r.deadline, r.status, \
         r.outcome, r.findings, r.reply_document, r.answered_at, r.answered_by \
         FROM verification_requests r WHERE r.status <> 'answered' AND {window} AND NOT EXISTS \
         (SELECT 1 FROM verification_alerts a WHERE a.request_id = r.id AND a.kind = $1) ORDER BY r.deadline, r.id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(kind.as_str())
        .bind(date(today))
        .bind(date(remind_until))
        .fetch_all(db.conn())
        .await?;
    rows.iter().map(crate::cooperation::from_row).collect()
}

fn from_row(row: &AnyRow) -> Result<Alert, StoreError> {
    Ok(Alert {
        id: row.id("id")?,
        request_id: row.id("request_id")?,
        kind: row.parsed("kind")?,
        raised_at: row.ts("raised_at")?,
    })
}
