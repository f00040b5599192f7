//! An application's risk assessment as officers read it: the score, the route it calls for, whether the
//! application was selected at random, and each finding with its points and English sentence. Never shown to the
//! exporter (docs/RISK.md, "In the workflow").

use origo_service::risk::RiskReport;
use origo_store::risk_assessments::{RiskAssessment, RiskRoute};
use rust_decimal::Decimal;
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

/// One indicator that fired.
#[derive(Debug, Serialize, ToSchema)]
pub struct RiskFindingOut {
    /// new_exporter, trader, preference_margin, origin_near_limit, unit_value, export_surge, capacity,
    /// trade_defence, verification_record, supplier_declarations or control_flags.
    pub indicator: String,
    /// Its points towards the score (its weight), 0 to 1.
    pub points: Decimal,
    /// Why it fired, in one English sentence with the figures.
    pub reason: String,
}

/// One assessment.
#[derive(Debug, Serialize, ToSchema)]
pub struct RiskAssessmentOut {
    pub id: Uuid,
    /// 0.00 to 1.00.
    pub score: Decimal,
    /// automatic_approval, documentary_check or inspection.
    pub route: String,
    /// Selected at random (the route is then a documentary check at least).
    pub randomly_selected: bool,
    /// The route allows approval without a documentary check (nothing is issued automatically).
    pub automatic_approval_allowed: bool,
    /// The route is inspection: the approval needs a supervisor's second signature.
    pub second_signature_required: bool,
    /// In the engine's indicator order.
    pub findings: Vec<RiskFindingOut>,
    /// SHA-256 of the risk configuration in force when assessed.
    pub config_fingerprint: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub assessed_at: OffsetDateTime,
}

impl From<RiskAssessment> for RiskAssessmentOut {
    fn from(a: RiskAssessment) -> RiskAssessmentOut {
        RiskAssessmentOut {
            id: a.id,
            score: a.score,
            route: a.route.as_str().to_owned(),
            randomly_selected: a.randomly_selected,
            automatic_approval_allowed: a.route == RiskRoute::AutomaticApproval,
            second_signature_required: a.route == RiskRoute::Inspection,
            findings: a
                .findings
                .into_iter()
                .map(|f| RiskFindingOut { indicator: f.indicator, points: f.points, reason: f.reason })
                .collect(),
            config_fingerprint: a.config_fingerprint,
            assessed_at: a.assessed_at,
        }
    }
}

/// `GET /api/v1/applications/{id}/risk`: the latest assessment, which routes the application, and the earlier
/// ones (one per earlier submission), oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct RiskReportOut {
    pub latest: RiskAssessmentOut,
    pub earlier: Vec<RiskAssessmentOut>,
}

impl From<RiskReport> for RiskReportOut {
    fn from(report: RiskReport) -> RiskReportOut {
        RiskReportOut {
            latest: report.latest.into(),
            earlier: report.earlier.into_iter().map(RiskAssessmentOut::from).collect(),
        }
    }
}
