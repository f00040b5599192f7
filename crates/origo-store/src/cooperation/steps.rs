//! The certifier's investigation of a verification request, step by step: documents asked of the exporter,
//! documents received from it, a visit of its premises. Steps are only added, never changed.

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
        "id, request_id, kind, description, step_date, recorded_by, recorded_at"
    };
}

text_enum! {
    /// What the certifier did.
    pub enum StepKind {
        DocumentsRequestedFromExporter = "documents_requested_from_exporter",
        ExporterDocumentsReceived = "exporter_documents_received",
        SiteVisit = "site_visit",
    }
}

/// A recorded step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub id: Uuid,
    pub request_id: Uuid,
    pub kind: StepKind,
    pub description: String,
    /// The day it happened.
    pub step_date: Date,
    pub recorded_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
}

/// A step to record.
#[derive(Clone, Debug)]
pub struct NewStep {
    pub request_id: Uuid,
    pub kind: StepKind,
    pub description: String,
    pub step_date: Date,
}

/// Records a step, by the actor at its time.
pub async fn add(tx: &mut Tx, actor: &Actor, new: &NewStep) -> Result<Step, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO verification_steps (id, request_id, kind, description, step_date, recorded_by, recorded_at) ",
        "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(new.request_id.to_string())
    .bind(new.kind.as_str())
    .bind(&new.description)
    .bind(date(new.step_date))
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let step = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("verification_step.recorded", "verification_step", step.id).after(&step));
    Ok(step)
}

/// A request's steps, in the order they were recorded.
pub async fn list(db: &mut impl Db, request_id: Uuid) -> Result<Vec<Step>, StoreError> {
    let rows =
        sqlx::query(concat!("SELECT ", columns!(), " FROM verification_steps WHERE request_id = $1 ORDER BY id"))
            .bind(request_id.to_string())
            .fetch_all(db.conn())
            .await?;
    rows.iter().map(from_row).collect()
}

fn from_row(row: &AnyRow) -> Result<Step, StoreError> {
    Ok(Step {
        id: row.id("id")?,
        request_id: row.id("request_id")?,
        kind: row.parsed("kind")?,
        description: row.text("description")?,
        step_date: row.date("step_date")?,
        recorded_by: row.opt_id("recorded_by")?,
        recorded_at: row.ts("recorded_at")?,
    })
}
