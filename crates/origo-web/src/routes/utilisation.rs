//! Utilisation of a certificate at import: the importing country's authority records a use of an item (another
//! country's authority only with the certificate's security code; without it the certificate is `404`); over-use
//! and use in a second country raise flags in the same transaction. Reading: the importing authority (its own
//! uses) and the officers (everything, with the flags).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use uuid::Uuid;

use crate::api::utilisation::{RecordedOut, UtilisationIn, UtilisationOut};
use crate::error::{ApiResult, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath, Auth};
use crate::state::AppState;

/// A foreign authority records the quantity of an item cleared under a customs declaration. `201` with the use
/// and the flags it raised.
#[utoipa::path(post, path = "/api/v1/certificates/{id}/utilisation", tag = "control", params(("id" = Uuid, Path)),
    request_body = UtilisationIn,
    responses((status = 201, body = RecordedOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn record(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<UtilisationIn>,
) -> ApiResult<(StatusCode, Json<RecordedOut>)> {
    let recorded = state.service.record_utilisation(&caller, id, request.into()).await?;
    Ok((StatusCode::CREATED, Json(recorded.into())))
}

/// A certificate's items with what was used of them, and the uses.
#[utoipa::path(get, path = "/api/v1/certificates/{id}/utilisation", tag = "control", params(("id" = Uuid, Path)),
    responses((status = 200, body = UtilisationOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn get(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<UtilisationOut>> {
    Ok(Json(state.service.utilisation(&caller, id).await?.into()))
}
