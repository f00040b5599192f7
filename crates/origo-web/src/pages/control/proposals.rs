//! `/control/proposals`: revocation proposals, undecided first by default, each with its target, source and
//! grounds; for the certifying body (certifier, supervisor) a form to accept or reject with reasons. Accepting
//! revokes the certificate or the REX registration at once.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::control::proposals::ProposalDecision;
use origo_service::roles::Role;
use origo_store::proposals::ProposalStatus;
use serde::Deserialize;
use uuid::Uuid;

use super::field_error;
use super::labels::{proposal_status_key, target_key};
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::{Failure, PageError, PageResult};
use crate::pages::extract::{PageForm, PageQuery};
use crate::pages::officer::queue::Choice;
use crate::pages::officer::{PagePath, see_other, when};
use crate::pages::render;
use crate::state::AppState;

/// Proposals per page.
pub const PER_PAGE: u32 = 100;

/// One proposal as shown, with its decision form's state.
#[derive(Debug)]
pub struct ProposalRow {
    pub id: String,
    pub target_kind: &'static str,
    pub target: String,
    pub exporter: String,
    pub source: String,
    pub source_href: Option<String>,
    pub grounds: String,
    pub proposed: String,
    pub status: &'static str,
    pub decision: String,
    pub decidable: bool,
    pub reasons: String,
    pub reasons_error: Option<&'static str>,
}

/// The list.
#[derive(Template)]
#[template(path = "control/proposals.html")]
pub struct ProposalsPage {
    pub ctx: PageCtx,
    pub statuses: Vec<Choice>,
    pub rows: Vec<ProposalRow>,
    pub done: Option<&'static str>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    /// `proposed` (the default), `accepted`, `rejected` or `all`.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub done: String,
}

async fn show(
    state: &AppState,
    ctx: PageCtx,
    user: &SignedIn,
    status: Option<ProposalStatus>,
    code: StatusCode,
    done: Option<&'static str>,
    failed: Option<(Uuid, String, &'static str)>,
) -> PageResult<Response> {
    let views = state.service.proposals(&user.caller, status, None, PER_PAGE).await?;
    let decides = matches!(user.caller.role(), Role::Certifier | Role::Supervisor);
    let selected = status.map_or("all", ProposalStatus::as_str);
    let mut statuses: Vec<Choice> = ProposalStatus::ALL
        .iter()
        .map(|s| Choice { value: s.as_str(), label: ctx.t(proposal_status_key(*s)), selected: selected == s.as_str() })
        .collect();
    statuses.push(Choice { value: "all", label: ctx.t("control.proposals.all"), selected: selected == "all" });
    let rows = views
        .into_iter()
        .map(|v| {
            let p = &v.proposal;
            let (reasons, reasons_error) = match &failed {
                Some((id, reasons, error)) if *id == p.id => (reasons.clone(), Some(*error)),
                _ => (String::new(), None),
            };
            ProposalRow {
                id: p.id.to_string(),
                target_kind: ctx.t(target_key(p.target_kind)),
                target: v.target_label.clone(),
                exporter: v.exporter_name.clone(),
                source: v.source_reference.clone(),
                source_href: p.control_case_id.map(|case| format!("/control/cases/{case}")),
                grounds: p.grounds.clone(),
                proposed: when(&ctx, p.proposed_at),
                status: ctx.t(proposal_status_key(p.status)),
                decision: p.decision_reasons.clone().unwrap_or_default(),
                decidable: decides && p.status == ProposalStatus::Proposed,
                reasons,
                reasons_error,
            }
        })
        .collect();
    Ok(render::html(code, &ProposalsPage { statuses, rows, done, ctx }))
}

/// `GET /control/proposals`.
pub async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(params): PageQuery<ListParams>,
) -> PageResult<Response> {
    let status = match params.status.as_str() {
        "" => Some(ProposalStatus::Proposed),
        "all" => None,
        text => Some(text.parse::<ProposalStatus>().map_err(|_| PageError::new(Failure::BadRequest))?),
    };
    let done = match params.done.as_str() {
        "accepted" => Some("control.proposals.done.accepted"),
        "rejected" => Some("control.proposals.done.rejected"),
        _ => None,
    };
    show(&state, ctx, &user, status, StatusCode::OK, done, None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub reasons: String,
}

/// `POST /control/proposals/{id}/decision`.
pub async fn decide(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<DecisionForm>,
) -> PageResult<Response> {
    let decision = match form.decision.as_str() {
        "accept" => ProposalDecision::Accept,
        "reject" => ProposalDecision::Reject,
        _ => return Err(PageError::new(Failure::BadRequest)),
    };
    match state.service.decide_proposal(&user.caller, id, decision, &form.reasons).await {
        Ok(_) => {
            let done = if decision == ProposalDecision::Accept { "accepted" } else { "rejected" };
            Ok(see_other(&format!("/control/proposals?done={done}")))
        }
        Err(error) => match field_error(&ctx, &error) {
            Some((_, message)) => {
                let failed = Some((id, form.reasons.clone(), message));
                let status = Some(ProposalStatus::Proposed);
                show(&state, ctx, &user, status, StatusCode::UNPROCESSABLE_ENTITY, None, failed).await
            }
            None => Err(error.into()),
        },
    }
}
