//! Flags for officers (over-use, use in a second country, revoked supplier declarations relied on): list them,
//! resolve one with a note; and the revocation of supplier declarations by the certifying body, which raises them.

use axum::Json;
use axum::extract::State;
use uuid::Uuid;

use crate::api::common::page_limit;
use crate::api::common::{Page, PageQuery};
use crate::api::flags::{
    DeclarationRevokedOut, FlagListQuery, FlagOut, ResolutionIn, RevokeDeclarationIn, SupplierDeclarationOut,
};
use crate::error::{ApiResult, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth};
use crate::state::AppState;

/// Flags in the order raised, open ones (the default) or all (the certifying body, customs, auditors).
#[utoipa::path(get, path = "/api/v1/flags", tag = "control", params(FlagListQuery),
    responses((status = 200, body = Page<FlagOut>), (status = "4XX", body = ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<FlagListQuery>,
) -> ApiResult<Json<Page<FlagOut>>> {
    let limit = page_limit(query.limit)?;
    let flags = state.service.flags(&caller, query.open_only()?, query.cursor, limit + 1).await?;
    Ok(Json(Page::from_fetched(flags, limit, |f| f.id, FlagOut::from)))
}

/// A certifier or supervisor resolves an open flag with a note.
#[utoipa::path(post, path = "/api/v1/flags/{id}/resolution", tag = "control", params(("id" = Uuid, Path)),
    request_body = ResolutionIn,
    responses((status = 200, body = FlagOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn resolve(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<ResolutionIn>,
) -> ApiResult<Json<FlagOut>> {
    Ok(Json(state.service.resolve_flag(&caller, id, &request.resolution).await?.into()))
}

/// Supplier declarations of every exporter, oldest first (the certifying body, customs, auditors).
#[utoipa::path(get, path = "/api/v1/supplier-declarations", tag = "control", params(PageQuery),
    responses((status = 200, body = Page<SupplierDeclarationOut>), (status = "4XX", body = ErrorEnvelope)))]
pub async fn declarations(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<SupplierDeclarationOut>>> {
    let limit = query.limit()?;
    let found = state.service.supplier_declarations(&caller, query.cursor, limit + 1).await?;
    Ok(Json(Page::from_fetched(found, limit, |d| d.id, SupplierDeclarationOut::from)))
}

/// A certifier revokes a supplier declaration with reasons; every valid certificate and pending application that
/// relied on it is flagged in the same transaction.
#[utoipa::path(post, path = "/api/v1/supplier-declarations/{id}/revocation", tag = "control",
    params(("id" = Uuid, Path)), request_body = RevokeDeclarationIn,
    responses((status = 200, body = DeclarationRevokedOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn revoke_declaration(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<RevokeDeclarationIn>,
) -> ApiResult<Json<DeclarationRevokedOut>> {
    Ok(Json(state.service.revoke_supplier_declaration(&caller, id, &request.reasons).await?.into()))
}
