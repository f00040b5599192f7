//! Revocation proposals, for the certifying body to decide: list and read them (the certifying body, customs,
//! auditors), accept or reject with reasons (certifier or supervisor only). Accepting revokes the certificate or the
//! REX registration in the same transaction.

use axum::Json;
use axum::extract::State;
use uuid::Uuid;

use crate::api::common::Page;
use crate::api::common::page_limit;
use crate::api::proposals::{DecisionIn, ProposalListQuery, ProposalOut};
use crate::error::{ApiResult, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth};
use crate::state::AppState;

/// Proposals in the order made, a page at a time.
#[utoipa::path(get, path = "/api/v1/proposals", tag = "control", params(ProposalListQuery),
    responses((status = 200, body = Page<ProposalOut>), (status = "4XX", body = ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<ProposalListQuery>,
) -> ApiResult<Json<Page<ProposalOut>>> {
    let limit = page_limit(query.limit)?;
    let views = state.service.proposals(&caller, query.status()?, query.cursor, limit + 1).await?;
    Ok(Json(Page::from_fetched(views, limit, |v| v.proposal.id, ProposalOut::from)))
}

/// One proposal.
#[utoipa::path(get, path = "/api/v1/proposals/{id}", tag = "control", params(("id" = Uuid, Path)),
    responses((status = 200, body = ProposalOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn get(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<ProposalOut>> {
    Ok(Json(state.service.proposal(&caller, id).await?.into()))
}

/// A certifier or supervisor accepts (revoking the target) or rejects a proposal, with reasons.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/decision", tag = "control", params(("id" = Uuid, Path)),
    request_body = DecisionIn,
    responses((status = 200, body = ProposalOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn decide(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<DecisionIn>,
) -> ApiResult<Json<ProposalOut>> {
    let decision = request.decision()?;
    state.service.decide_proposal(&caller, id, decision, &request.reasons).await?;
    Ok(Json(state.service.proposal(&caller, id).await?.into()))
}
