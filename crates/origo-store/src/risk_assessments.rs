//! Risk assessments of applications: the score, the route it calls for, whether the application was selected at
//! random, each finding with its points and sentence, and the fingerprint of the configuration that decided. One
//! row per assessment, written in the submission's transaction; a newer assessment of the same application (after
//! a resubmission) becomes the latest, and the older ones stay on record.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, flag, json, new_id, text_enum, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

macro_rules! columns {
    () => {
        "id, application_id, score, route, randomly_selected, findings, config_fingerprint, assessed_at, latest"
    };
}

text_enum! {
    /// The treatment the score calls for (origo-risk's `Route`).
    pub enum RiskRoute {
        /// Low risk: approval may be given without a documentary check.
        AutomaticApproval = "automatic_approval",
        /// Medium risk: an officer checks the documents.
        DocumentaryCheck = "documentary_check",
        /// High risk: inspection, and a second signature on the approval.
        Inspection = "inspection",
    }
}

/// One indicator that fired.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskFinding {
    /// The indicator's stable name (`new_exporter`, `trader`, ...).
    pub indicator: String,
    /// Its points towards the score, 0 to 1.
    pub points: Decimal,
    /// One English sentence with the figures that made it fire.
    pub reason: String,
}

/// A stored assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RiskAssessment {
    pub id: Uuid,
    pub application_id: Uuid,
    /// 0.00 to 1.00, two decimal places.
    pub score: Decimal,
    pub route: RiskRoute,
    pub randomly_selected: bool,
    /// In the engine's indicator order.
    pub findings: Vec<RiskFinding>,
    /// SHA-256 (hex) of the configuration's JSON.
    pub config_fingerprint: String,
    #[serde(with = "time::serde::rfc3339")]
    pub assessed_at: OffsetDateTime,
    /// Whether this is the application's newest assessment.
    pub latest: bool,
}

/// An assessment to store.
#[derive(Clone, Debug)]
pub struct NewRiskAssessment {
    pub application_id: Uuid,
    pub score: Decimal,
    pub route: RiskRoute,
    pub randomly_selected: bool,
    pub findings: Vec<RiskFinding>,
    pub config_fingerprint: String,
}

/// The score as stored: two decimal places always, so that text order is numeric order (`0.05` < `0.46` < `1.00`).
/// A score outside 0 to 1 is refused as `Conflict { kind: Check, constraint: "risk_assessments_score_check" }`.
fn score_text(score: Decimal) -> Result<String, StoreError> {
    if score < Decimal::ZERO || score > Decimal::ONE {
        return Err(StoreError::Conflict {
            kind: crate::ConflictKind::Check,
            constraint: "risk_assessments_score_check".into(),
        });
    }
    let mut score = score.round_dp(2);
    score.rescale(2);
    Ok(score.to_string())
}

/// Stores an assessment made at the actor's time as the application's latest; the one it replaces stays on
/// record. Audited with the replaced assessment as "before".
pub async fn record(tx: &mut Tx, actor: &Actor, new: &NewRiskAssessment) -> Result<RiskAssessment, StoreError> {
    let score = score_text(new.score)?;
    let previous = latest(tx, new.application_id).await?;
    sqlx::query("UPDATE risk_assessments SET latest = 0 WHERE application_id = $1 AND latest = 1")
        .bind(new.application_id.to_string())
        .execute(tx.conn())
        .await?;
    let row = sqlx::query(concat!(
        "INSERT INTO risk_assessments (id, application_id, score, route, randomly_selected, findings, ",
        "config_fingerprint, assessed_at, latest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(new.application_id.to_string())
    .bind(score)
    .bind(new.route.as_str())
    .bind(flag(new.randomly_selected))
    .bind(json(&new.findings)?)
    .bind(&new.config_fingerprint)
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let assessment = from_row(&row)?;
    let mut event = AuditEvent::new("risk_assessment.recorded", "application", new.application_id).after(&assessment);
    if let Some(previous) = &previous {
        event = event.before(previous);
    }
    let reason = format!("risk score {} -> {}", assessment.score, assessment.route);
    tx.audit(actor, event.reason(Some(&reason)));
    Ok(assessment)
}

/// The application's newest assessment, if it was ever assessed.
pub async fn latest(db: &mut impl Db, application_id: Uuid) -> Result<Option<RiskAssessment>, StoreError> {
    let row =
        sqlx::query(concat!("SELECT ", columns!(), " FROM risk_assessments WHERE application_id = $1 AND latest = 1"))
            .bind(application_id.to_string())
            .fetch_optional(db.conn())
            .await?;
    row.as_ref().map(from_row).transpose()
}

/// Every assessment of the application, oldest first.
pub async fn list_for_application(db: &mut impl Db, application_id: Uuid) -> Result<Vec<RiskAssessment>, StoreError> {
    let rows =
        sqlx::query(concat!("SELECT ", columns!(), " FROM risk_assessments WHERE application_id = $1 ORDER BY id"))
            .bind(application_id.to_string())
            .fetch_all(db.conn())
            .await?;
    rows.iter().map(from_row).collect()
}

fn from_row(row: &AnyRow) -> Result<RiskAssessment, StoreError> {
    Ok(RiskAssessment {
        id: row.id("id")?,
        application_id: row.id("application_id")?,
        score: row.dec("score")?,
        route: row.parsed("route")?,
        randomly_selected: row.flag("randomly_selected")?,
        findings: row.json("findings")?,
        config_fingerprint: row.text("config_fingerprint")?,
        assessed_at: row.ts("assessed_at")?,
        latest: row.flag("latest")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_stored_with_two_places_so_text_order_is_numeric_order() {
        let text = |s: &str| score_text(s.parse().unwrap()).unwrap();
        assert_eq!(text("0"), "0.00");
        assert_eq!(text("0.5"), "0.50");
        assert_eq!(text("1"), "1.00");
        assert!(text("0.05") < text("0.46") && text("0.46") < text("1"));
        assert!(score_text("1.01".parse().unwrap()).is_err());
        assert!(score_text("-0.01".parse().unwrap()).is_err());
    }
}
