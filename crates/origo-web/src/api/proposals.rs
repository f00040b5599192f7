//! Revocation proposals: customs proposes from a control case, the certifying body decides with reasons.

use origo_service::control::proposals::{ProposalDecision, ProposalView};
use origo_store::proposals::{Proposal, ProposalStatus, TargetKind};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{AppError, Code};

/// `POST /api/v1/control-cases/{id}/proposals`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposeIn {
    /// certificate (the case's certificate) or rex_registration (the case's exporter's).
    pub target: String,
    /// Why revocation is proposed.
    pub grounds: String,
}

impl ProposeIn {
    /// The target kind, checked.
    pub fn target(&self) -> Result<TargetKind, AppError> {
        self.target.parse().map_err(|_| {
            AppError::field(Code::ValidationFailed, "target", "target: must be certificate or rex_registration")
        })
    }
}

/// `POST /api/v1/proposals/{id}/decision`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionIn {
    /// accept or reject.
    pub decision: String,
    /// Required for both.
    pub reasons: String,
}

impl DecisionIn {
    /// The decision, checked.
    pub fn decision(&self) -> Result<ProposalDecision, AppError> {
        match self.decision.as_str() {
            "accept" => Ok(ProposalDecision::Accept),
            "reject" => Ok(ProposalDecision::Reject),
            _ => Err(AppError::field(Code::ValidationFailed, "decision", "decision: must be accept or reject")),
        }
    }
}

/// `?status=&limit=&cursor=`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ProposalListQuery {
    /// proposed, accepted or rejected; every proposal when absent.
    pub status: Option<String>,
    /// 1 to 200; 50 when absent.
    pub limit: Option<u32>,
    /// The previous page's `next_cursor`.
    pub cursor: Option<Uuid>,
}

impl ProposalListQuery {
    /// The status asked for, checked.
    pub fn status(&self) -> Result<Option<ProposalStatus>, AppError> {
        self.status
            .as_deref()
            .map(|s| {
                s.parse().map_err(|_| {
                    AppError::field(Code::InvalidParameter, "status", "status must be proposed, accepted or rejected")
                })
            })
            .transpose()
    }
}

/// A revocation proposal.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalOut {
    pub id: Uuid,
    /// certificate or rex_registration.
    pub target_kind: String,
    /// The certificate's id or the exporter's id.
    pub target_id: Uuid,
    /// The certificate number or the REX number.
    pub target: String,
    pub exporter_id: Uuid,
    pub exporter_name: String,
    /// control_case or verification_request.
    pub source_kind: String,
    pub control_case_id: Option<Uuid>,
    pub verification_request_id: Option<Uuid>,
    /// `control case PCC-2026-000012`, `verification request VR-2026-000123`.
    pub source: String,
    pub grounds: String,
    /// proposed, accepted or rejected.
    pub status: String,
    pub proposed_by: Option<Uuid>,
    pub proposed_by_role: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub proposed_at: OffsetDateTime,
    pub decided_by: Option<Uuid>,
    pub decided_by_role: Option<String>,
    pub decision_reasons: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub decided_at: Option<OffsetDateTime>,
}

impl ProposalOut {
    /// The proposal with the labels of its target, exporter and source.
    pub fn new(p: Proposal, target: String, exporter_name: String, source: String) -> ProposalOut {
        ProposalOut {
            id: p.id,
            target_kind: p.target_kind.to_string(),
            target_id: p.target_id,
            target,
            exporter_id: p.exporter_id,
            exporter_name,
            source_kind: p.source_kind.to_string(),
            control_case_id: p.control_case_id,
            verification_request_id: p.verification_request_id,
            source,
            grounds: p.grounds,
            status: p.status.to_string(),
            proposed_by: p.proposed_by,
            proposed_by_role: p.proposed_by_role,
            proposed_at: p.proposed_at,
            decided_by: p.decided_by,
            decided_by_role: p.decided_by_role,
            decision_reasons: p.decision_reasons,
            decided_at: p.decided_at,
        }
    }
}

impl From<ProposalView> for ProposalOut {
    fn from(v: ProposalView) -> ProposalOut {
        ProposalOut::new(v.proposal, v.target_label, v.exporter_name, v.source_reference)
    }
}
