//! The registry of exporters: apply, list, read, history, decide, modify, revoke, and the public lookup by REX
//! number.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use origo_service::registry::RegistrationDecision;
use origo_store::exporters::ExporterStatus;
use uuid::Uuid;

use crate::api::common::{Page, PageQuery, parse_date};
use crate::api::registry::{
    DecisionRequest, ModifyRequest, PublicRegistrationOut, Registration, RegistrationData, RegistrationListQuery,
    RegistrationVerdict, RegistrationVersion, RevokeRegistrationRequest,
};
use crate::error::{ApiResult, AppError, Code, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth};
use crate::state::AppState;

/// An exporter applies for registration of its company.
#[utoipa::path(post, path = "/api/v1/registrations", tag = "registry", request_body = RegistrationData,
    responses((status = 201, body = Registration), (status = "4XX", body = ErrorEnvelope)))]
pub async fn apply(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(data): ApiJson<RegistrationData>,
) -> ApiResult<(StatusCode, Json<Registration>)> {
    let exporter = state.service.apply_for_registration(&caller, data.into()).await?;
    Ok((StatusCode::CREATED, Json(exporter.into())))
}

/// Registrations, a page at a time (an exporter sees only its own).
#[utoipa::path(get, path = "/api/v1/registrations", tag = "registry", params(RegistrationListQuery),
    responses((status = 200, body = Page<Registration>), (status = "4XX", body = ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<RegistrationListQuery>,
) -> ApiResult<Json<Page<Registration>>> {
    let limit = PageQuery { limit: query.limit, cursor: query.cursor }.limit()?;
    let status = match query.status.as_deref() {
        Some(text) => Some(
            text.parse::<ExporterStatus>()
                .map_err(|_| AppError::field(Code::InvalidParameter, "status", "unknown registration status"))?,
        ),
        None => None,
    };
    let fetched = state.service.registrations(&caller, status, query.cursor, limit + 1).await?;
    Ok(Json(Page::from_fetched(fetched, limit, |e| e.id, Registration::from)))
}

/// One registration.
#[utoipa::path(get, path = "/api/v1/registrations/{id}", tag = "registry", params(("id" = Uuid, Path)),
    responses((status = 200, body = Registration), (status = "4XX", body = ErrorEnvelope)))]
pub async fn get(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Registration>> {
    Ok(Json(state.service.registration(&caller, id).await?.into()))
}

/// Every version of a registration.
#[utoipa::path(get, path = "/api/v1/registrations/{id}/history", tag = "registry", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<RegistrationVersion>), (status = "4XX", body = ErrorEnvelope)))]
pub async fn history(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<RegistrationVersion>>> {
    let versions = state.service.registration_history(&caller, id).await?;
    Ok(Json(versions.into_iter().map(RegistrationVersion::from).collect()))
}

/// A certifier registers (the REX number comes from the national format) or refuses, with reasons.
#[utoipa::path(post, path = "/api/v1/registrations/{id}/decision", tag = "registry", params(("id" = Uuid, Path)),
    request_body = DecisionRequest,
    responses((status = 200, body = Registration), (status = "4XX", body = ErrorEnvelope)))]
pub async fn decide(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> ApiResult<Json<Registration>> {
    let decision = match request.decision {
        RegistrationVerdict::Register => {
            let valid_from = match request.valid_from.as_deref() {
                Some(text) => parse_date("valid_from", text)?,
                None => state.service.clock().today(),
            };
            RegistrationDecision::Register { valid_from, reasons: request.reasons }
        }
        RegistrationVerdict::Refuse => RegistrationDecision::Refuse { reasons: request.reasons },
    };
    Ok(Json(state.service.decide_registration(&caller, id, decision).await?.into()))
}

/// The exporter (its own) or a certifier changes the registration data, against the version it read.
#[utoipa::path(put, path = "/api/v1/registrations/{id}", tag = "registry", params(("id" = Uuid, Path)),
    request_body = ModifyRequest,
    responses((status = 200, body = Registration), (status = "4XX", body = ErrorEnvelope)))]
pub async fn modify(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<ModifyRequest>,
) -> ApiResult<Json<Registration>> {
    let changed = state
        .service
        .modify_registration(&caller, id, request.expected_version, request.data.into(), request.reason.as_deref())
        .await?;
    Ok(Json(changed.into()))
}

/// A certifier revokes a registration, with grounds and date.
#[utoipa::path(post, path = "/api/v1/registrations/{id}/revocation", tag = "registry", params(("id" = Uuid, Path)),
    request_body = RevokeRegistrationRequest,
    responses((status = 200, body = Registration), (status = "4XX", body = ErrorEnvelope)))]
pub async fn revoke(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<RevokeRegistrationRequest>,
) -> ApiResult<Json<Registration>> {
    let revoked_on = parse_date("revoked_on", &request.revoked_on)?;
    Ok(Json(state.service.revoke_registration(&caller, id, revoked_on, &request.grounds).await?.into()))
}

/// The public lookup by REX number (no sign-in).
#[utoipa::path(get, path = "/api/v1/public/rex/{number}", tag = "public", params(("number" = String, Path)),
    responses((status = 200, body = PublicRegistrationOut), (status = 404, body = ErrorEnvelope)))]
pub async fn public_lookup(
    State(state): State<AppState>,
    ApiPath(number): ApiPath<String>,
) -> ApiResult<Json<PublicRegistrationOut>> {
    Ok(Json(state.service.public_registration(&number).await?.into()))
}
