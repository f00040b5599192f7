//! Post-clearance control cases (national customs): open one on a certificate or an exporter, list and read them
//! (customs and the certifying body, auditors), record findings with documents, download a document, propose a
//! revocation, close the case. Customs never decides or revokes: proposals go to the certifying body
//! (`/api/v1/proposals`).

use axum::Json;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use uuid::Uuid;

use crate::api::common::{Page, page_limit};
use crate::api::control_cases::{
    CaseDetailOut, CaseListQuery, CaseOut, CloseCaseIn, FindingIn, FindingOut, OpenCaseIn,
};
use crate::api::proposals::{ProposalOut, ProposeIn};
use crate::error::{ApiResult, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth};
use crate::routes::attachments::{download, large_json};
use crate::state::AppState;

/// Customs opens a case on a certificate (`certificate_number`) or an exporter (`rex_number`). `201` with the
/// case and its reference (`PCC-2026-000012`).
#[utoipa::path(post, path = "/api/v1/control-cases", tag = "control", request_body = OpenCaseIn,
    responses((status = 201, body = CaseOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn open(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(request): ApiJson<OpenCaseIn>,
) -> ApiResult<(StatusCode, Json<CaseOut>)> {
    let subject = request.subject()?;
    let case = state.service.open_control_case(&caller, subject, &request.grounds).await?;
    Ok((StatusCode::CREATED, Json(case.into())))
}

/// Control cases in opening order, a page at a time (customs, the certifying body, auditors).
#[utoipa::path(get, path = "/api/v1/control-cases", tag = "control", params(CaseListQuery),
    responses((status = 200, body = Page<CaseOut>), (status = "4XX", body = ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<CaseListQuery>,
) -> ApiResult<Json<Page<CaseOut>>> {
    let limit = page_limit(query.limit)?;
    let cases = state.service.control_cases(&caller, query.status()?, query.cursor, limit + 1).await?;
    Ok(Json(Page::from_fetched(cases, limit, |c| c.id, CaseOut::from)))
}

/// One case with its findings, documents and proposals.
#[utoipa::path(get, path = "/api/v1/control-cases/{id}", tag = "control", params(("id" = Uuid, Path)),
    responses((status = 200, body = CaseDetailOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn get(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<CaseDetailOut>> {
    Ok(Json(state.service.control_case(&caller, id).await?.into()))
}

/// Customs records a finding on an open case, with up to 10 documents in base64 (each at most the evidence
/// limit, 10 MiB, of an accepted type whose content matches).
#[utoipa::path(post, path = "/api/v1/control-cases/{id}/findings", tag = "control", params(("id" = Uuid, Path)),
    request_body = FindingIn,
    responses((status = 201, body = FindingOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn add_finding(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    request: Request,
) -> ApiResult<(StatusCode, Json<FindingOut>)> {
    // The documents travel in base64 (a third larger) inside the JSON: read up to the evidence limit's worth.
    let limit = state.service.config().max_evidence_bytes / 3 * 4 + 64 * 1024;
    let finding: FindingIn = large_json(request, limit).await?;
    let (text, uploads) = finding.uploads()?;
    let recorded = state.service.record_finding(&caller, id, &text, uploads).await?;
    Ok((StatusCode::CREATED, Json(recorded.into())))
}

/// A document of a case, downloaded as an attachment of its stored type.
#[utoipa::path(get, path = "/api/v1/control-cases/{id}/documents/{document_id}", tag = "control",
    params(("id" = Uuid, Path), ("document_id" = Uuid, Path)),
    responses((status = 200, description = "the document's bytes"), (status = "4XX", body = ErrorEnvelope)))]
pub async fn document(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath((id, document_id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    let (record, bytes) = state.service.control_document(&caller, id, document_id).await?;
    Ok(download(&record.file_name, &record.media_type, bytes))
}

/// Customs proposes, from an open case, revoking its certificate (`target: certificate`) or its exporter's REX
/// registration (`rex_registration`). The certifying body decides.
#[utoipa::path(post, path = "/api/v1/control-cases/{id}/proposals", tag = "control", params(("id" = Uuid, Path)),
    request_body = ProposeIn,
    responses((status = 201, body = ProposalOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn propose(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<ProposeIn>,
) -> ApiResult<(StatusCode, Json<ProposalOut>)> {
    let target = request.target()?;
    let proposal = state.service.propose_revocation(&caller, id, target, &request.grounds).await?;
    let view = state.service.proposal(&caller, proposal.id).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

/// Customs closes an open case with its conclusion.
#[utoipa::path(post, path = "/api/v1/control-cases/{id}/close", tag = "control", params(("id" = Uuid, Path)),
    request_body = CloseCaseIn,
    responses((status = 200, body = CaseOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn close(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<CloseCaseIn>,
) -> ApiResult<Json<CaseOut>> {
    Ok(Json(state.service.close_control_case(&caller, id, &request.conclusion).await?.into()))
}
