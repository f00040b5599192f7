//! Administrative cooperation: a foreign authority files verification requests and reads its own country's
//! (another country's are `404`), with the documents it sent and the signed reply; the certifier records the
//! investigation and replies; the certifying body, customs and auditors read every request and the statistics per
//! partner country.

use axum::Json;
use axum::body::to_bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use origo_store::cooperation::ListFilter;
use uuid::Uuid;

use crate::api::common::{DEFAULT_LIMIT, MAX_LIMIT, Page};
use crate::api::cooperation::{
    FileVerificationRequestIn, RepliedOut, ReplyIn, RequestDetailOut, RequestListQuery, RequestOut, StatisticsOut,
    StepIn, StepOut,
};
use crate::error::{ApiResult, AppError, Code, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth, body_rejection};
use crate::pages::officer::evidence::content_disposition;
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
    let is_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json")));
    if !is_json {
        return Err(AppError::new(Code::UnsupportedMediaType, "expected a body with `Content-Type: application/json`"));
    }
    // The documents travel in base64 (a third larger) inside the JSON: read up to the evidence limit's worth.
    let limit = state.service.config().max_evidence_bytes / 3 * 4 + 64 * 1024;
    let bytes = to_bytes(request.into_body(), limit)
        .await
        .map_err(|e| body_rejection(StatusCode::PAYLOAD_TOO_LARGE, e.to_string()))?;
    let filed: FileVerificationRequestIn = serde_json::from_slice(&bytes).map_err(|e| {
        let code = if e.is_syntax() || e.is_eof() {
            Code::MalformedJson
        } else if e.to_string().contains("unknown field") {
            Code::UnknownField
        } else {
            Code::InvalidRequest
        };
        AppError::new(code, e.to_string())
    })?;
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
    let limit = match query.limit {
        None => DEFAULT_LIMIT,
        Some(n) if (1..=MAX_LIMIT).contains(&n) => n,
        Some(_) => {
            return Err(AppError::field(Code::InvalidParameter, "limit", format!("limit must be 1 to {MAX_LIMIT}")));
        }
    };
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

/// A document the foreign authority sent, downloaded as an attachment of its stored type.
#[utoipa::path(get, path = "/api/v1/verification-requests/{id}/documents/{document_id}", tag = "cooperation",
    params(("id" = Uuid, Path), ("document_id" = Uuid, Path)),
    responses((status = 200, description = "the document's bytes"), (status = "4XX", body = ErrorEnvelope)))]
pub async fn document(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath((id, document_id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    let (record, bytes) = state.service.verification_document(&caller, id, document_id).await?;
    let media = HeaderValue::from_str(&record.media_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let disposition = HeaderValue::from_str(&content_disposition(&record.file_name))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    Ok(([(header::CONTENT_TYPE, media), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response())
}

/// A certifier records an investigation step; the first moves the request to `investigating`.
#[utoipa::path(post, path = "/api/v1/verification-requests/{id}/steps", tag = "cooperation",
    params(("id" = Uuid, Path)), request_body = StepIn,
    responses((status = 201, body = StepOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn add_step(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(step): ApiJson<StepIn>,
) -> ApiResult<(StatusCode, Json<StepOut>)> {
    let step = state.service.record_verification_step(&caller, id, step.into_request()?).await?;
    Ok((StatusCode::CREATED, Json(step.into())))
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
