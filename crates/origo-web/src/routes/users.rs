//! User management (administrators): list, create, read, disable or re-enable, reset a password; and the
//! signed-in person's own password change, which answers with a fresh session cookie (every old session ends).

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use crate::api::common::{Page, PageQuery};
use crate::api::session::{Me, SessionOut};
use crate::api::users::{NewUserRequest, PasswordChangeRequest, PasswordResetRequest, UserOut, UserPatch};
use crate::error::{ApiResult, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth};
use crate::routes::session::session_cookie;
use crate::state::AppState;

/// Users, a page at a time, in creation order.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(PageQuery),
    responses((status = 200, body = Page<UserOut>), (status = "4XX", body = ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<Page<UserOut>>> {
    let limit = query.limit()?;
    let fetched = state.service.users(&caller, query.cursor, limit + 1).await?;
    Ok(Json(Page::from_fetched(fetched, limit, |u| u.id, UserOut::from)))
}

/// An administrator creates a user.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUserRequest,
    responses((status = 201, body = UserOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn create(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(request): ApiJson<NewUserRequest>,
) -> ApiResult<(StatusCode, Json<UserOut>)> {
    let user = state.service.add_user(&caller, request.into()).await?;
    Ok((StatusCode::CREATED, Json(user.into())))
}

/// One user.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", params(("id" = Uuid, Path)),
    responses((status = 200, body = UserOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn get(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<UserOut>> {
    Ok(Json(state.service.user(&caller, id).await?.into()))
}

/// Disables or re-enables a user. Disabling ends the user's sessions and API tokens at once; an administrator
/// cannot disable their own account.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", params(("id" = Uuid, Path)),
    request_body = UserPatch, responses((status = 200, body = UserOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn update(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(patch): ApiJson<UserPatch>,
) -> ApiResult<Json<UserOut>> {
    Ok(Json(state.service.set_user_disabled(&caller, id, patch.disabled).await?.into()))
}

/// An administrator sets a new password for a user; the user's sessions end.
#[utoipa::path(post, path = "/api/v1/users/{id}/password", tag = "users", params(("id" = Uuid, Path)),
    request_body = PasswordResetRequest,
    responses((status = 204, description = "password set"), (status = "4XX", body = ErrorEnvelope)))]
pub async fn reset_password(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<PasswordResetRequest>,
) -> ApiResult<StatusCode> {
    state.service.reset_password(&caller, id, request.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in person changes their own password, given the current one. Every session of theirs ends; the
/// answer sets the cookie of a new one.
#[utoipa::path(post, path = "/api/v1/session/password", tag = "session", request_body = PasswordChangeRequest,
    responses((status = 200, body = SessionOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn change_password(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(request): ApiJson<PasswordChangeRequest>,
) -> ApiResult<Response> {
    let session = state.service.change_own_password(&caller, &request.current_password, request.new_password).await?;
    let max_age = (session.expires_at - state.service.clock().now()).whole_seconds().max(0);
    let cookie = session_cookie(&session.token, max_age, state.settings.secure_cookies)?;
    let body = SessionOut { user: Me::from(&session.caller), expires_at: session.expires_at };
    Ok(([(header::SET_COOKIE, cookie)], Json(body)).into_response())
}
