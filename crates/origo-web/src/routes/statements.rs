//! Statements on origin and origin declarations: the exporter makes one out from its application, officers and
//! the exporter list them, and anyone checks a printed statement by its text or hash (rate-limited per client IP,
//! sharing the public certificate check's buckets).

use std::time::Instant;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use origo_service::statements::{StatementLookup, is_sha256_hex};
use uuid::Uuid;

use crate::api::common::{Page, PageQuery};
use crate::api::statements::{CheckStatementRequest, MakeOutRequest, PublicStatementOut, StatementOut};
use crate::error::{ApiResult, AppError, Code, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth};
use crate::routes::certificates::ClientIp;
use crate::state::AppState;

/// The exporter makes out the statement on origin (EU GSP) or origin declaration (UK DCTS) of its submitted
/// application; Origo writes the text and registers its hash. `201` when registered now; `200` with the same
/// statement when this request had already registered it.
#[utoipa::path(post, path = "/api/v1/applications/{id}/statement", tag = "statements", params(("id" = Uuid, Path)),
    request_body = MakeOutRequest,
    responses((status = 201, body = StatementOut), (status = 200, body = StatementOut, description = "already made out"),
        (status = "4XX", body = ErrorEnvelope)))]
pub async fn make_out(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<MakeOutRequest>,
) -> ApiResult<(StatusCode, Json<StatementOut>)> {
    let made = state.service.make_out_statement(&caller, id, request.into_request()?).await?;
    let status = if made.created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(made.statement.into())))
}

/// Registered statements, a page at a time: an exporter's own; every one for officers, customs and auditors.
#[utoipa::path(get, path = "/api/v1/statements", tag = "statements", params(PageQuery),
    responses((status = 200, body = Page<StatementOut>), (status = "4XX", body = ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<StatementOut>>> {
    let limit = query.limit()?;
    let fetched = state.service.statements(&caller, query.cursor, limit + 1).await?;
    Ok(Json(Page::from_fetched(fetched, limit, |s| s.id, StatementOut::from)))
}

/// Takes a token from the client's bucket of the public checks, or answers `429` with `Retry-After`.
fn throttle(state: &AppState, ClientIp(ip): ClientIp) -> ApiResult<()> {
    state.limiter.take(ip, Instant::now()).map_err(|wait| {
        let mut error = AppError::new(Code::RateLimited, "too many checks from this address; try again later");
        error.retry_after = Some(wait.as_secs().max(1));
        error
    })
}

/// The public check of a printed statement by its text. An unknown text is `404 not_found`, like an unknown hash.
#[utoipa::path(post, path = "/api/v1/public/statements/check", tag = "public", request_body = CheckStatementRequest,
    responses((status = 200, body = PublicStatementOut), (status = 404, body = ErrorEnvelope),
        (status = 429, body = ErrorEnvelope), (status = "4XX", body = ErrorEnvelope)))]
pub async fn check_text(
    State(state): State<AppState>,
    client: ClientIp,
    ApiJson(request): ApiJson<CheckStatementRequest>,
) -> ApiResult<Json<PublicStatementOut>> {
    throttle(&state, client)?;
    Ok(Json(state.service.check_statement(StatementLookup::Text(&request.text)).await?.into()))
}

/// The public check by the SHA-256 of the statement's (normalised) text: 64 hexadecimal digits.
#[utoipa::path(get, path = "/api/v1/public/statements/{sha256}", tag = "public", params(("sha256" = String, Path)),
    responses((status = 200, body = PublicStatementOut), (status = 404, body = ErrorEnvelope),
        (status = 429, body = ErrorEnvelope), (status = 400, body = ErrorEnvelope)))]
pub async fn check_hash(
    State(state): State<AppState>,
    client: ClientIp,
    ApiPath(sha256): ApiPath<String>,
) -> ApiResult<Json<PublicStatementOut>> {
    if !is_sha256_hex(&sha256) {
        return Err(AppError::field(Code::InvalidParameter, "sha256", "sha256 must be 64 hexadecimal digits"));
    }
    throttle(&state, client)?;
    Ok(Json(state.service.check_statement(StatementLookup::Sha256(&sha256)).await?.into()))
}
