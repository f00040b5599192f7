//! Applications for a proof of origin and their state machine:
//!
//! ```text
//! draft -> submitted -> approved -> issued
//!            |   ^  \-> refused
//!            v   |
//!     information_requested
//! ```
//!
//! Every state change is a compare-and-set (`WHERE state = <from>`), so two officers deciding at once cannot both
//! win; the transitions allowed are checked here as well as in the service.

use serde::Serialize;
use serde_json::Value;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, flag, json, new_id, text_enum, ts};
use crate::error::{ConflictKind, StoreError};
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, exporter_id, issuer_code, kind, state, consignment, high_risk, examiner_id, second_signer_id, \
         decision_reason, created_by, created_at, updated_at, submitted_at, decided_at, version"
    };
}

text_enum! {
    /// The proof of origin applied for (names as in origo-documents' `CertificateKind`).
    pub enum ProofKind {
        NonPreferential = "non_preferential",
        Ct1 = "ct1",
        CtUz = "ct_uz",
        StatementOnOrigin = "statement_on_origin",
        OriginDeclaration = "origin_declaration",
    }
}

text_enum! {
    /// Where an application stands.
    pub enum ApplicationState {
        Draft = "draft",
        Submitted = "submitted",
        InformationRequested = "information_requested",
        Approved = "approved",
        Refused = "refused",
        Issued = "issued",
    }
}

impl ApplicationState {
    /// Whether an application may go from `self` to `to`.
    pub fn can_become(self, to: ApplicationState) -> bool {
        use ApplicationState::*;
        matches!(
            (self, to),
            (Draft, Submitted)
                | (Submitted, InformationRequested | Approved | Refused)
                | (InformationRequested, Submitted)
                | (Approved, Issued)
        )
    }

    /// Whether the exporter may still change the application's data.
    pub fn is_editable(self) -> bool {
        matches!(self, ApplicationState::Draft | ApplicationState::InformationRequested)
    }
}

/// An application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Application {
    pub id: Uuid,
    pub exporter_id: Uuid,
    pub issuer_code: String,
    pub kind: ProofKind,
    pub state: ApplicationState,
    /// Consignee, transport, countries, remarks: the service's JSON shape.
    pub consignment: Value,
    /// Needs a supervisor's second signature.
    pub high_risk: bool,
    pub examiner_id: Option<Uuid>,
    pub second_signer_id: Option<Uuid>,
    /// The reasons of the last decision (approval, refusal, request for information).
    pub decision_reason: Option<String>,
    pub created_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub submitted_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub decided_at: Option<OffsetDateTime>,
    pub version: i64,
}

/// A new application (created as a draft by the actor).
#[derive(Clone, Debug)]
pub struct NewApplication {
    pub exporter_id: Uuid,
    pub issuer_code: String,
    pub kind: ProofKind,
    pub consignment: Value,
}

/// Creates a draft.
pub async fn create(tx: &mut Tx, actor: &Actor, new: &NewApplication) -> Result<Application, StoreError> {
    let row = sqlx::query(concat!(
        "INSERT INTO applications (id, exporter_id, issuer_code, kind, state, consignment, high_risk, created_by, ",
        "created_at, updated_at, version) VALUES ($1, $2, $3, $4, 'draft', $5, 0, $6, $7, $7, 1) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(new.exporter_id.to_string())
    .bind(&new.issuer_code)
    .bind(new.kind.as_str())
    .bind(json(&new.consignment)?)
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let application = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("application.created", "application", application.id).after(&application));
    Ok(application)
}

/// The application with `id`.
pub async fn get(db: &mut impl Db, id: Uuid) -> Result<Application, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM applications WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "application" })?)
}

/// An exporter's applications, oldest first, `limit` after `after`.
pub async fn list_for_exporter(
    db: &mut impl Db,
    exporter_id: Uuid,
    after: Option<Uuid>,
    limit: u32,
) -> Result<Vec<Application>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM applications WHERE exporter_id = $1 AND id > $2 ORDER BY id LIMIT $3"
    ))
    .bind(exporter_id.to_string())
    .bind(after.map_or_else(String::new, |id| id.to_string()))
    .bind(i64::from(limit))
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// Applications in `state` (an officer's queue), oldest first, `limit` after `after`.
pub async fn list_in_state(
    db: &mut impl Db,
    state: ApplicationState,
    after: Option<Uuid>,
    limit: u32,
) -> Result<Vec<Application>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM applications WHERE state = $1 AND id > $2 ORDER BY id LIMIT $3"
    ))
    .bind(state.as_str())
    .bind(after.map_or_else(String::new, |id| id.to_string()))
    .bind(i64::from(limit))
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// Replaces the consignment data of a draft (or of an application waiting for information).
pub async fn update_consignment(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    consignment: &Value,
) -> Result<Application, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE applications SET consignment = $2, version = version + 1, updated_at = $3 ",
        "WHERE id = $1 AND state IN ('draft', 'information_requested') RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(json(consignment)?)
    .bind(ts(actor.at))
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("applications_state"))?)?;
    tx.audit(actor, AuditEvent::new("application.updated", "application", id).before(&before).after(&after));
    Ok(after)
}

/// Moves an application from `from` to `to`, with the decision's reason. Not in `from` (any more) is
/// `Conflict { kind: Stale, constraint: "applications_state" }`; a move the state machine does not allow is
/// `Conflict { kind: Check, constraint: "applications_transition" }`.
pub async fn transition(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    from: ApplicationState,
    to: ApplicationState,
    reason: Option<&str>,
) -> Result<Application, StoreError> {
    if !from.can_become(to) {
        let constraint = "applications_transition".to_owned();
        return Err(StoreError::Conflict { kind: ConflictKind::Check, constraint });
    }
    let before = get(tx, id).await?;
    let now = ts(actor.at);
    let submitted = (to == ApplicationState::Submitted).then(|| now.clone());
    let decided = matches!(to, ApplicationState::Approved | ApplicationState::Refused).then(|| now.clone());
    let row = sqlx::query(concat!(
        "UPDATE applications SET state = $3, decision_reason = COALESCE($4, decision_reason), ",
        "submitted_at = COALESCE($5, submitted_at), decided_at = COALESCE($6, decided_at), ",
        "version = version + 1, updated_at = $7 WHERE id = $1 AND state = $2 RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(reason)
    .bind(submitted)
    .bind(decided)
    .bind(now)
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("applications_state"))?)?;
    let event = AuditEvent::new(format!("application.{to}"), "application", id).before(&before).after(&after);
    tx.audit(actor, event.reason(reason));
    Ok(after)
}

/// Names the examining officer.
pub async fn set_examiner(tx: &mut Tx, actor: &Actor, id: Uuid, examiner_id: Uuid) -> Result<Application, StoreError> {
    let sql = concat!(
        "UPDATE applications SET examiner_id = $2, version = version + 1, updated_at = $3 WHERE id = $1 RETURNING ",
        columns!()
    );
    set_officer(tx, actor, id, sql, examiner_id, "application.examiner_assigned").await
}

/// Records the supervisor's second signature. The examiner signing again is
/// `Conflict { kind: Check, constraint: "applications_four_eyes_check" }`.
pub async fn set_second_signer(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    signer_id: Uuid,
) -> Result<Application, StoreError> {
    let sql = concat!(
        "UPDATE applications SET second_signer_id = $2, version = version + 1, updated_at = $3 WHERE id = $1 ",
        "RETURNING ",
        columns!()
    );
    set_officer(tx, actor, id, sql, signer_id, "application.second_signed").await
}

/// Flags (or clears) the application as high-risk.
pub async fn set_high_risk(tx: &mut Tx, actor: &Actor, id: Uuid, high_risk: bool) -> Result<Application, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE applications SET high_risk = $2, version = version + 1, updated_at = $3 WHERE id = $1 RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(flag(high_risk))
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let after = from_row(&row)?;
    tx.audit(actor, AuditEvent::new("application.risk_flagged", "application", id).before(&before).after(&after));
    Ok(after)
}

async fn set_officer(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    sql: &'static str,
    user_id: Uuid,
    action: &str,
) -> Result<Application, StoreError> {
    let before = get(tx, id).await?;
    let row =
        sqlx::query(sql).bind(id.to_string()).bind(user_id.to_string()).bind(ts(actor.at)).fetch_one(tx.conn()).await?;
    let after = from_row(&row)?;
    tx.audit(actor, AuditEvent::new(action, "application", id).before(&before).after(&after));
    Ok(after)
}

fn from_row(row: &AnyRow) -> Result<Application, StoreError> {
    Ok(Application {
        id: row.id("id")?,
        exporter_id: row.id("exporter_id")?,
        issuer_code: row.text("issuer_code")?,
        kind: row.parsed("kind")?,
        state: row.parsed("state")?,
        consignment: row.json("consignment")?,
        high_risk: row.flag("high_risk")?,
        examiner_id: row.opt_id("examiner_id")?,
        second_signer_id: row.opt_id("second_signer_id")?,
        decision_reason: row.opt_text("decision_reason")?,
        created_by: row.opt_id("created_by")?,
        created_at: row.ts("created_at")?,
        updated_at: row.ts("updated_at")?,
        submitted_at: row.opt_ts("submitted_at")?,
        decided_at: row.opt_ts("decided_at")?,
        version: row.int("version")?,
    })
}
