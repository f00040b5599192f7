//! Signing in and out on the pages, with the API's session cookie (`origo_session`, the same sessions): `/login`
//! (form; on success to the `next` page when it is a local path, else the role's start page) and `/logout`
//! (POST). The CSRF check of both forms is the page layer's. Failed sign-ins are throttled by the service per
//! username and client address; a locked-out sign-in shows the form again with `429`, `Retry-After` and the wait.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use origo_service::auth::AuthError;
use serde::Deserialize;

use super::context::{PageCtx, is_page_path};
use super::error::PageResult;
use super::extract::{PageForm, PageQuery};
use super::nav::start_page;
use super::render;
use crate::extract::{ClientAddress, SESSION_COOKIE, cookie};
use crate::routes::session::session_cookie;
use crate::state::AppState;

/// The login page.
#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub ctx: PageCtx,
    /// Where to go after signing in (already checked to be local), or empty.
    pub next: String,
    pub username: String,
    /// The error of the whole form (wrong username or password, too many failures).
    pub error: Option<String>,
    pub username_error: Option<&'static str>,
    pub password_error: Option<&'static str>,
}

#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    pub next: String,
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub next: String,
}

/// `next` when it is a path on this site that a person may be sent to; anything else (another host,
/// `//evil`, `/\evil`, a scheme, control characters, the API) is ignored.
pub fn safe_next(next: &str) -> Option<&str> {
    let local = next.starts_with('/') && !next.starts_with("//") && next.len() <= 2000;
    let clean = !next.contains('\\') && !next.chars().any(|c| c.is_control() || c.is_whitespace());
    let path = next.split(['?', '#']).next().unwrap_or("");
    let page = is_page_path(path) && path != "/login" && path != "/logout";
    (local && clean && page).then_some(next)
}

/// `/login?next=<this page>` for the page of `ctx`.
pub fn login_href(ctx: &PageCtx) -> String {
    let next: String = form_urlencoded::byte_serialize(ctx.href(None).as_bytes()).collect();
    format!("/login?next={next}")
}

fn after_login(next: &str, role: origo_service::roles::Role) -> String {
    safe_next(next).unwrap_or(start_page(role)).to_owned()
}

/// `GET /login`: the form; a signed-in visitor goes straight on.
pub async fn form(ctx: PageCtx, PageQuery(query): PageQuery<LoginQuery>) -> Response {
    if let Some(role) = ctx.role() {
        return Redirect::to(&after_login(&query.next, role)).into_response();
    }
    let next = safe_next(&query.next).unwrap_or("").to_owned();
    let page =
        LoginPage { ctx, next, username: String::new(), error: None, username_error: None, password_error: None };
    render::ok(&page)
}

/// `POST /login`: signs in, sets the session cookie and goes on; a wrong username or password shows the form
/// again with one translated error (which of the two is not said), and no session.
pub async fn submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    ClientAddress(address): ClientAddress,
    PageForm(form): PageForm<LoginForm>,
) -> PageResult<Response> {
    let next = safe_next(&form.next).unwrap_or("").to_owned();
    let mut page = LoginPage {
        ctx,
        next,
        username: form.username.clone(),
        error: None,
        username_error: None,
        password_error: None,
    };
    if form.username.trim().is_empty() || form.password.is_empty() {
        page.username_error = form.username.trim().is_empty().then(|| page.ctx.t("login.username.missing"));
        page.password_error = form.password.is_empty().then(|| page.ctx.t("login.password.missing"));
        return Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    match state.service.login_from(&form.username, &form.password, address).await {
        Ok(session) => {
            let max_age = (session.expires_at - state.service.clock().now()).whole_seconds().max(0);
            let cookie = session_cookie(&session.token, max_age, state.settings.secure_cookies)?;
            let target = after_login(&page.next, session.caller.role());
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&target)).into_response())
        }
        Err(AuthError::InvalidCredentials) => {
            page.error = Some(page.ctx.t("login.error.credentials").to_owned());
            Ok(render::html(StatusCode::UNAUTHORIZED, &page))
        }
        Err(AuthError::LockedOut { wait_seconds, .. }) => {
            let minutes = wait_seconds.div_ceil(60).to_string();
            page.error = Some(page.ctx.t_with("login.error.locked", &[("minutes", &minutes)]));
            let mut response = render::html(StatusCode::TOO_MANY_REQUESTS, &page);
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait_seconds.max(1)));
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /logout`: ends the session of the cookie, clears it, and goes to the start page.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> PageResult<Response> {
    if let Some(token) = cookie(&headers, SESSION_COOKIE).filter(|t| !t.is_empty()) {
        state.service.logout(token).await?;
    }
    let cleared = session_cookie("", 0, state.settings.secure_cookies)?;
    Ok(([(header::SET_COOKIE, cleared)], Redirect::to("/")).into_response())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_page_paths_are_followed() {
        for good in ["/home", "/verify?number=UZ-2026-000001&code=X", "/"] {
            assert_eq!(safe_next(good), Some(good), "{good}");
        }
        for bad in [
            "https://evil.example",
            "//evil.example/home",
            "/\\evil.example",
            "evil",
            "",
            "/api/v1/session",
            "/login?next=/home",
            "/logout",
            "/home\r\nSet-Cookie: x=y",
            "/ home",
            "javascript:alert(1)",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }
}
