//! The dashboard's figures for programs (`/dashboard` is the same for people): the officers, the read-only roles
//! and the administrator read the aggregate parts, the roles that read cooperation statistics every partner
//! country's verification figures, a foreign authority its own country's only; an exporter is refused.

use axum::Json;
use axum::extract::State;

use crate::api::statistics::{DashboardOut, DashboardQuery};
use crate::error::{ApiResult, ErrorEnvelope};
use crate::extract::{ApiQuery, Auth};
use crate::state::AppState;

/// Applications per month, certificates per month by kind, revoked and replaced per month, the top HS codes by
/// items and by value per currency, the risk distribution and the verification requests per partner country, for
/// a period of months (the last twelve unless chosen, at most 60). Parts the caller's role may not read are
/// `null`; a month that is not `YYYY-MM`, a first month after the last or a period too long is
/// `invalid_parameter` naming `from` or `to`.
#[utoipa::path(get, path = "/api/v1/statistics/dashboard", tag = "statistics", params(DashboardQuery),
    responses((status = 200, body = DashboardOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn dashboard(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<DashboardQuery>,
) -> ApiResult<Json<DashboardOut>> {
    let dashboard = state.service.dashboard(&caller, &query.into()).await?;
    Ok(Json(dashboard.into()))
}
