//! The server itself: health, the published key set (with the audit head) and key rotation.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::error::{ApiResult, AppError, ErrorEnvelope};
use crate::extract::Auth;
use crate::state::AppState;

/// The health answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok`.
    pub status: String,
    /// sqlite or postgres.
    pub database: String,
}

/// Liveness and database reachability.
#[utoipa::path(get, path = "/api/v1/health", tag = "meta",
    responses((status = 200, body = Health), (status = 500, body = ErrorEnvelope)))]
pub async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    let store = state.service.store();
    store.conn().await?;
    let database = format!("{:?}", store.backend()).to_ascii_lowercase();
    Ok(Json(Health { status: "ok".into(), database }))
}

/// The published key set: every signing key with its validity period, and the audit trail's head hash.
#[utoipa::path(get, path = "/.well-known/origo-keys.json", tag = "public",
    responses((status = 200, body = Object, description = "the key set (origo-keys/1)")))]
pub async fn keys(State(state): State<AppState>) -> ApiResult<Response> {
    let set = state.service.key_set().await?;
    let body: Value = serde_json::to_value(set).map_err(AppError::internal)?;
    // Short caching: rotation shows within minutes, and verifiers do not hammer the server.
    Ok(([(header::CACHE_CONTROL, "public, max-age=300")], Json(body)).into_response())
}

/// The key that was made by a rotation.
#[derive(Debug, Serialize, ToSchema)]
pub struct RotatedKey {
    pub key_id: String,
    /// YYYY-MM-DD.
    pub not_before: String,
}

/// An admin rotates the issuing body's signing key; old keys stay published.
#[utoipa::path(post, path = "/api/v1/keys/rotation", tag = "meta",
    responses((status = 201, body = RotatedKey), (status = "4XX", body = ErrorEnvelope)))]
pub async fn rotate(State(state): State<AppState>, Auth(caller): Auth) -> ApiResult<(StatusCode, Json<RotatedKey>)> {
    let key = state.service.rotate_keys(&caller).await?;
    Ok((StatusCode::CREATED, Json(RotatedKey { key_id: key.key_id, not_before: key.not_before.to_string() })))
}
