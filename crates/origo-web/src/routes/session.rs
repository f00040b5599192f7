//! Sign-in and sign-out (the session cookie), the current caller, and API tokens.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::api::session::{LoginRequest, Me, NewTokenRequest, SessionOut, TokenOut};
use crate::error::{ApiResult, AppError, ErrorEnvelope};
use crate::extract::{ApiJson, Auth, ClientAddress, SESSION_COOKIE, cookie};
use crate::state::AppState;

/// The `Set-Cookie` value of a session: HttpOnly (no script reads it), SameSite=Strict (no cross-site request
/// carries it: the CSRF defence) and Secure when the server is configured to be reached over HTTPS.
pub(crate) fn session_cookie(token: &str, max_age: i64, secure: bool) -> Result<HeaderValue, AppError> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .map_err(AppError::internal)
}

/// Signs in with username and password; the session is set as a cookie. Five failed sign-ins for a username
/// within 15 minutes (twenty from one client address) refuse every sign-in for it for 15 minutes: `429
/// rate_limited` with `Retry-After`.
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = LoginRequest,
    responses((status = 200, body = SessionOut), (status = 429, body = ErrorEnvelope),
        (status = "4XX", body = ErrorEnvelope)))]
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<LoginRequest>,
) -> ApiResult<Response> {
    let session = state.service.login_from(&request.username, &request.password, address).await?;
    let max_age = (session.expires_at - state.service.clock().now()).whole_seconds().max(0);
    let cookie = session_cookie(&session.token, max_age, state.settings.secure_cookies)?;
    let body = SessionOut { user: Me::from(&session.caller), expires_at: session.expires_at };
    Ok(([(header::SET_COOKIE, cookie)], axum::Json(body)).into_response())
}

/// Signs out: ends the session of the cookie and clears it.
#[utoipa::path(delete, path = "/api/v1/session", tag = "session",
    responses((status = 204, description = "signed out")))]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        state.service.logout(token).await?;
    }
    let cleared = session_cookie("", 0, state.settings.secure_cookies)?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cleared)]).into_response())
}

/// The signed-in caller.
#[utoipa::path(get, path = "/api/v1/session", tag = "session",
    responses((status = 200, body = Me), (status = 401, body = ErrorEnvelope)))]
pub async fn me(Auth(caller): Auth) -> axum::Json<Me> {
    axum::Json(Me::from(&caller))
}

/// Creates an API token for the signed-in user (a session, not another token); the secret is shown once.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "session", request_body = NewTokenRequest,
    responses((status = 201, body = TokenOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn create_token(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(request): ApiJson<NewTokenRequest>,
) -> ApiResult<(StatusCode, axum::Json<TokenOut>)> {
    let scopes: Vec<_> = request.scopes.into_iter().map(Into::into).collect();
    let issued = state.service.create_api_token(&caller, &request.name, &scopes, request.expires_at).await?;
    let out =
        TokenOut { id: issued.record.id, name: issued.record.name, token: issued.token, scopes: issued.record.scopes };
    Ok((StatusCode::CREATED, axum::Json(out)))
}
