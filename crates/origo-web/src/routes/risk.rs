//! An application's risk assessments, for the certifying body, customs and auditors; the exporter is refused
//! (it must not learn the indicators). Setting the high-risk flag by hand is `POST .../risk` in `applications`.

use axum::Json;
use axum::extract::State;
use uuid::Uuid;

use crate::api::risk::RiskReportOut;
use crate::error::{ApiResult, AppError, ErrorEnvelope};
use crate::extract::{ApiPath, Auth};
use crate::state::AppState;

/// The latest risk assessment of an application (score, route, random selection, findings) and the earlier ones;
/// 404 while it was never submitted.
#[utoipa::path(get, path = "/api/v1/applications/{id}/risk", tag = "applications", params(("id" = Uuid, Path)),
    responses((status = 200, body = RiskReportOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn get(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<RiskReportOut>> {
    let report = state.service.risk_report(&caller, id).await?.ok_or_else(AppError::not_found)?;
    Ok(Json(report.into()))
}
