//! The audit trail for supervisors, auditors and administrators: records in chain order, and the check of the
//! whole chain.

use axum::Json;
use axum::extract::State;

use crate::api::audit::{AuditListQuery, AuditPage, ChainReportOut};
use crate::error::{ApiResult, ErrorEnvelope};
use crate::extract::{ApiQuery, Auth};
use crate::state::AppState;

/// Records of the trail after `after`, in chain order; with `entity_type` and `entity_id`, only those about
/// that entity.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditListQuery),
    responses((status = 200, body = AuditPage), (status = "4XX", body = ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<AuditListQuery>,
) -> ApiResult<Json<AuditPage>> {
    let mut query = query.checked()?;
    let limit = query.limit;
    query.limit = limit + 1;
    let fetched = state.service.audit_records(&caller, &query).await?;
    Ok(Json(AuditPage::from_fetched(fetched, limit)))
}

/// Recomputes every record's hash and link and compares the end with the stored head: intact or not, how many
/// records, the head, and the first record that is not what was written.
#[utoipa::path(get, path = "/api/v1/audit/verification", tag = "audit",
    responses((status = 200, body = ChainReportOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn verify(State(state): State<AppState>, Auth(caller): Auth) -> ApiResult<Json<ChainReportOut>> {
    Ok(Json(state.service.verify_audit(&caller).await?.into()))
}
