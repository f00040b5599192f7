//! Administrative cooperation: a foreign authority files verification requests and reads its own country's
//! (another country's are `404`), with the documents it sent and the signed reply; the certifier records the
//! investigation and replies; the certifying body, customs and auditors read every request and the statistics per
//! partner country.

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use origo_store::cooperation::ListFilter;
use uuid::Uuid;

use crate::api::common::{Page, page_limit};
use crate::api::cooperation::{
    FileVerificationRequestIn, RecordedStepOut, RepliedOut, ReplyIn, RequestDetailOut, RequestListQuery, RequestOut,
    StatisticsOut, StepIn,
};
use crate::error::{ApiResult, AppError, Code, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth};
use crate::routes::attachments::{body_limit, download, large_json};
use crate::state::AppState;

/// A foreign authority files a verification request about a certificate bound for its country or a registered
/// statement, with its documents in base64 (together at most the evidence limit, 10 MiB). `201` with the
/// request, its reference and deadline.
#[utoipa::path(post, path = "/api/v1/verification-requests", tag = "cooperation",
    request_body = FileVerificationRequestIn,
    responses((status = 201, body = RequestDetailOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn file(
    State(state): State<AppState>,
    Auth(caller): Auth,
    request: Request,
) -> ApiResult<(StatusCode, Json<RequestDetailOut>)> {
    // The documents travel in base64 (a third larger) inside the JSON: read up to the evidence limit's worth.
    let filed: FileVerificationRequestIn = large_json(request, body_limit(&state)).await?;
    let detail = state.service.file_verification_request(&caller, filed.into_request()?).await?;
    Ok((StatusCode::CREATED, Json(detail.into())))
}

/// Verification requests in filing order, a page at a time: a foreign authority's own country's; every one for
/// the certifying body, customs and auditors.
#[utoipa::path(get, path = "/api/v1/verification-requests", tag = "cooperation", params(RequestListQuery),
    responses((status = 200, body = Page<RequestOut>), (status = "4XX", body = ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<RequestListQuery>,
) -> ApiResult<Json<Page<RequestOut>>> {
    let limit = page_limit(query.limit)?;
    let country = match query.country.as_deref() {
        Some(c) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) => Some(c.to_owned()),
        Some(_) => {
            return Err(AppError::field(Code::InvalidParameter, "country", "country must be two capital letters"));
        }
        None => None,
    };
    let filter = ListFilter { country, status: query.status()?, limit: limit + 1, ..ListFilter::default() };
    let page = state.service.verification_requests(&caller, filter, query.cursor).await?;
    Ok(Json(Page::from_fetched(page.items, limit, |v| v.request.id, RequestOut::from)))
}

/// One request with its documents; for the certifying body, customs and auditors also the investigation.
#[utoipa::path(get, path = "/api/v1/verification-requests/{id}", tag = "cooperation", params(("id" = Uuid, Path)),
    responses((status = 200, body = RequestDetailOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn get(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<RequestDetailOut>> {
    Ok(Json(state.service.verification_request(&caller, id).await?.into()))
}

/// A document of the request, downloaded as an attachment of its stored type: one the foreign authority sent;
/// for the certifying body and auditors also a step's file or one the exporter sent in answer to an ask.
#[utoipa::path(get, path = "/api/v1/verification-requests/{id}/documents/{document_id}", tag = "cooperation",
    params(("id" = Uuid, Path), ("document_id" = Uuid, Path)),
    responses((status = 200, description = "the document's bytes"), (status = "4XX", body = ErrorEnvelope)))]
pub async fn document(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath((id, document_id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    let (record, bytes) = state.service.verification_document(&caller, id, document_id).await?;
    Ok(download(&record.file_name, &record.media_type, bytes))
}

/// A certifier records an investigation step, with its files (in base64) and, for
/// `documents_requested_from_exporter`, what is asked of the exporter and by when; the first step moves the
/// request to `investigating`.
#[utoipa::path(post, path = "/api/v1/verification-requests/{id}/steps", tag = "cooperation",
    params(("id" = Uuid, Path)), request_body = StepIn,
    responses((status = 201, body = RecordedStepOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn add_step(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    request: Request,
) -> ApiResult<(StatusCode, Json<RecordedStepOut>)> {
    let step: StepIn = large_json(request, body_limit(&state)).await?;
    let (step, extras) = step.into_request()?;
    let recorded = state.service.record_investigation_step(&caller, id, step, extras).await?;
    Ok((StatusCode::CREATED, Json(recorded.into())))
}

/// A certifier sends the signed reply, once. "not_confirmed" revokes the certificate (or marks the statement) in
/// the same transaction and records the exporter's failed verification.
#[utoipa::path(post, path = "/api/v1/verification-requests/{id}/reply", tag = "cooperation",
    params(("id" = Uuid, Path)), request_body = ReplyIn,
    responses((status = 200, body = RepliedOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn reply(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(reply): ApiJson<ReplyIn>,
) -> ApiResult<Json<RepliedOut>> {
    Ok(Json(state.service.answer_verification_request(&caller, id, reply.into_request()?).await?.into()))
}

/// The signed reply (`origo-signed/1` with an `origo-verification-reply/1` document), byte for byte as signed:
/// check it offline with `/.well-known/origo-keys.json`. `409 invalid_state` while unanswered.
#[utoipa::path(get, path = "/api/v1/verification-requests/{id}/reply", tag = "cooperation",
    params(("id" = Uuid, Path)),
    responses((status = 200, description = "the signed reply", content_type = "application/json"),
        (status = "4XX", body = ErrorEnvelope)))]
pub async fn signed_reply(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    match state.service.verification_reply(&caller, id).await? {
        Some(text) => Ok(([(header::CONTENT_TYPE, "application/json")], text).into_response()),
        None => Err(AppError::new(Code::InvalidState, "the request is not answered yet")),
    }
}

/// Requests, replies in time, outcomes and median turnaround per partner country.
#[utoipa::path(get, path = "/api/v1/verification-requests/statistics", tag = "cooperation",
    responses((status = 200, body = StatisticsOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn statistics(State(state): State<AppState>, Auth(caller): Auth) -> ApiResult<Json<StatisticsOut>> {
    let countries = state.service.cooperation_statistics(&caller).await?;
    Ok(Json(StatisticsOut { countries: countries.into_iter().map(Into::into).collect() }))
}
