//! Certificates after issuance: read, revoke, replace, the public status list, the public check by number and
//! security code (rate-limited per client IP) and the bulk check for foreign authorities.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Instant;

use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde_json::Value;
use uuid::Uuid;

use crate::api::certificates::{
    BulkRequest, BulkResponse, CertificateOut, CodeQuery, PublicCertificateOut, ReplaceCertificateRequest,
    ReplacementOut, RevokeCertificateRequest,
};
use crate::error::{ApiResult, AppError, Code, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth, IdempotencyKey};
use crate::state::AppState;

/// A certificate the caller may read.
#[utoipa::path(get, path = "/api/v1/certificates/{id}", tag = "certificates", params(("id" = Uuid, Path)),
    responses((status = 200, body = CertificateOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn get(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<CertificateOut>> {
    Ok(Json(state.service.certificate(&caller, id).await?.into()))
}

/// A certifier revokes a valid certificate, with reasons.
#[utoipa::path(post, path = "/api/v1/certificates/{id}/revocation", tag = "certificates",
    params(("id" = Uuid, Path)), request_body = RevokeCertificateRequest,
    responses((status = 200, body = CertificateOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn revoke(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<RevokeCertificateRequest>,
) -> ApiResult<Json<CertificateOut>> {
    Ok(Json(state.service.revoke_certificate(&caller, id, &request.reasons).await?.into()))
}

/// A certifier replaces a valid certificate: a new one (new number, security code and signature) that names the
/// old one, which becomes `replaced`. With an `Idempotency-Key`, a retry returns the replacement already made
/// (without the security code).
#[utoipa::path(post, path = "/api/v1/certificates/{id}/replacement", tag = "certificates",
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)), request_body = ReplaceCertificateRequest,
    responses((status = 201, body = ReplacementOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn replace(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(request): ApiJson<ReplaceCertificateRequest>,
) -> ApiResult<(StatusCode, Json<ReplacementOut>)> {
    let replacement = state.service.replace_certificate(&caller, id, &request.into(), key.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(replacement.into())))
}

/// The public status list: every revoked or replaced certificate of the issuing body (origo-status/1).
#[utoipa::path(get, path = "/api/v1/status-list", tag = "public",
    responses((status = 200, body = Object, description = "the status list")))]
pub async fn status_list(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    let list = state.service.status_list().await?;
    Ok(Json(serde_json::to_value(list).map_err(AppError::internal)?))
}

/// The client's IP address, when the server was started with connection info (`origo serve` is); without it
/// every client shares one bucket, which errs on the side of refusing.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        Ok(ClientIp(ip.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))))
    }
}

/// The public check by number and security code. An unknown number and a wrong code give the same 404;
/// requests are rate-limited per client IP (per server process).
#[utoipa::path(get, path = "/api/v1/public/certificates/{number}", tag = "public",
    params(("number" = String, Path), CodeQuery),
    responses((status = 200, body = PublicCertificateOut), (status = 404, body = ErrorEnvelope),
        (status = 429, body = ErrorEnvelope)))]
pub async fn public_verify(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiPath(number): ApiPath<String>,
    ApiQuery(query): ApiQuery<CodeQuery>,
) -> ApiResult<Json<PublicCertificateOut>> {
    if let Err(wait) = state.limiter.take(ip, Instant::now()) {
        let mut error = AppError::new(Code::RateLimited, "too many checks from this address; try again later");
        error.retry_after = Some(wait.as_secs().max(1));
        return Err(error);
    }
    // No code is a wrong code: the same answer as for an unknown number.
    let Some(code) = query.code.filter(|c| !c.trim().is_empty()) else { return Err(AppError::not_found()) };
    Ok(Json(state.service.verify_public(&number, &code).await?.into()))
}

/// The status of up to 1 000 certificates at once (foreign authorities and officers); numbers the caller may
/// not see are answered like unknown ones.
#[utoipa::path(post, path = "/api/v1/verifications/bulk", tag = "certificates", request_body = BulkRequest,
    responses((status = 200, body = BulkResponse), (status = "4XX", body = ErrorEnvelope)))]
pub async fn bulk(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(request): ApiJson<BulkRequest>,
) -> ApiResult<Json<BulkResponse>> {
    let answers = state.service.verify_bulk(&caller, &request.numbers).await?;
    Ok(Json(BulkResponse { results: answers.into_iter().map(Into::into).collect() }))
}
