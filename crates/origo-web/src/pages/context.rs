//! What every page knows about its request ([`PageCtx`]: language, the signed-in user, the CSRF token, the
//! current address for the language links), and the page layer ([`layer`]) that makes it. For every page path
//! (anything outside `/api/` and `/.well-known/`) the layer:
//!
//! 1. picks the language (`?lang=`, cookie, `Accept-Language`, Uzbek) and remembers a `?lang=` choice in the
//!    `origo_lang` cookie (HttpOnly, SameSite=Lax, one year);
//! 2. reads the session cookie (the API's `origo_session`) into the signed-in user;
//! 3. refuses a request other than GET/HEAD whose CSRF token is missing or wrong, before any handler runs;
//! 4. renders a handler's [`PageError`] as a translated error page (or a redirect to the login page);
//! 5. sets the security headers (CSP, nosniff, Referrer-Policy) and `Cache-Control: no-store` on every answer.

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use origo_service::Caller;
use origo_service::auth::AuthError;
use origo_service::roles::Role;
use rust_decimal::Decimal;
use time::Date;

use super::error::{Failure, PageError};
use super::i18n::negotiate::{LANG_COOKIE, negotiate};
use super::i18n::{Lang, fill, format, text};
use super::nav::{NAV, role_key};
use super::views::ErrorPage;
use super::{assets, csrf, render};
use crate::extract::{SESSION_COOKIE, cookie};
use crate::state::AppState;

/// The pages' Content-Security-Policy: files from this origin only, no inline script or style, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'";

/// The largest page form body read for its CSRF token (file uploads included).
pub const FORM_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// A year, in seconds: how long the language choice is remembered.
const LANG_COOKIE_MAX_AGE: u32 = 365 * 24 * 60 * 60;

/// The signed-in user of a page.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub caller: Caller,
    /// The user's display name.
    pub name: String,
}

/// A link of the language switcher.
#[derive(Debug, Clone)]
pub struct LangLink {
    pub code: &'static str,
    /// The language's name in itself.
    pub label: &'static str,
    pub href: String,
    pub current: bool,
}

/// A link of the navigation, for this visitor.
#[derive(Debug, Clone)]
pub struct NavLink {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
}

/// What a page knows about its request. Handlers take it as an extractor; templates reach it as `ctx`.
#[derive(Debug, Clone)]
pub struct PageCtx {
    pub lang: Lang,
    pub user: Option<SignedIn>,
    csrf: String,
    path: String,
    /// The query's pairs without `lang`, for the language links.
    query: Vec<(String, String)>,
}

impl PageCtx {
    /// A context for unit tests of page code: anonymous, at `/`, in `lang`.
    #[cfg(test)]
    pub fn for_tests(lang: Lang) -> PageCtx {
        PageCtx { lang, user: None, csrf: String::new(), path: "/".to_owned(), query: Vec::new() }
    }

    /// The text of `key` in the page's language.
    pub fn t(&self, key: &'static str) -> &'static str {
        text(self.lang, key)
    }

    /// The text of `key` with its `{placeholders}` filled.
    pub fn t_with(&self, key: &'static str, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }

    /// `<html lang>`.
    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// A date as the language writes it.
    pub fn date(&self, date: Date) -> String {
        format::date(self.lang, date)
    }

    /// A decimal as the language writes it.
    pub fn decimal(&self, value: &Decimal) -> String {
        format::decimal(self.lang, value)
    }

    /// A whole number as the language writes it.
    pub fn integer(&self, value: u64) -> String {
        format::integer(self.lang, value)
    }

    /// The URL of a static file (`"origo.css"`).
    pub fn asset(&self, name: &str) -> &'static str {
        assets::url(name)
    }

    /// This visitor's CSRF token (templates: `{% include "partials/csrf.html" %}`).
    pub fn csrf_token(&self) -> &str {
        &self.csrf
    }

    /// The path of this request.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn role(&self) -> Option<Role> {
        self.user.as_ref().map(|u| u.caller.role())
    }

    /// The signed-in user's role, in words.
    pub fn role_label(&self) -> &'static str {
        self.role().map(|role| self.t(role_key(role))).unwrap_or("")
    }

    /// The signed-in user's name.
    pub fn user_name(&self) -> &str {
        self.user.as_ref().map(|u| u.name.as_str()).unwrap_or("")
    }

    pub fn signed_in(&self) -> bool {
        self.user.is_some()
    }

    /// The navigation links this visitor sees.
    pub fn nav(&self) -> Vec<NavLink> {
        let role = self.role();
        NAV.iter()
            .filter(|entry| entry.audience.admits(role))
            .map(|entry| NavLink { href: entry.href, label: self.t(entry.key), current: entry.href == self.path })
            .collect()
    }

    /// This page's address (path and query) without `lang`, or with `lang` set to `lang`.
    pub fn href(&self, lang: Option<Lang>) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &self.query {
            query.append_pair(name, value);
        }
        if let Some(lang) = lang {
            query.append_pair("lang", lang.code());
        }
        let query = query.finish();
        if query.is_empty() { self.path.clone() } else { format!("{}?{query}", self.path) }
    }

    /// This page in each language: the same path and query with `lang` set.
    pub fn languages(&self) -> Vec<LangLink> {
        Lang::ALL
            .into_iter()
            .map(|lang| LangLink {
                code: lang.code(),
                label: text(lang, "lang.self"),
                href: self.href(Some(lang)),
                current: lang == self.lang,
            })
            .collect()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageCtx {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<PageCtx, PageError> {
        parts
            .extensions
            .get::<PageCtx>()
            .cloned()
            .ok_or_else(|| PageError::internal("a page route outside the page layer"))
    }
}

/// The signed-in caller of a page that needs one. An anonymous visitor (or an ended session) is sent to
/// `/login?next=<this page>`; which role may do what stays the service's decision.
#[derive(Debug, Clone)]
pub struct Signed(pub SignedIn);

impl<S: Send + Sync> FromRequestParts<S> for Signed {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Signed, PageError> {
        let ctx = PageCtx::from_request_parts(parts, state).await?;
        ctx.user.map(Signed).ok_or(PageError::new(Failure::SignIn))
    }
}

/// Whether `path` is served by the pages (not the JSON API or the published files).
pub fn is_page_path(path: &str) -> bool {
    !(path == "/api" || path.starts_with("/api/") || path.starts_with("/.well-known/"))
}

/// The page layer (see the module docs).
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !is_page_path(request.uri().path()) {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let (lang, chosen) = negotiate(parts.uri.query(), &parts.headers);
    let path = parts.uri.path().to_owned();
    let query = form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
        .filter(|(name, _)| name != "lang")
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let session = cookie(&parts.headers, SESSION_COOKIE).filter(|t| !t.is_empty()).map(str::to_owned);
    let key = &state.settings.page_key;
    let planted = cookie(&parts.headers, csrf::COOKIE).filter(|t| csrf::anonymous_is_signed(key, t));
    let (token, new_cookie) = match (&session, planted) {
        (Some(session), _) => (csrf::for_session(session), None),
        (None, Some(token)) => (token.to_owned(), None),
        (None, None) => {
            let token = csrf::new_anonymous(key);
            (token.clone(), Some(token))
        }
    };
    let mut ctx = PageCtx { lang, user: None, csrf: token, path, query };
    let secure = state.settings.secure_cookies;
    let outcome = async {
        if let Some(session) = &session {
            ctx.user = signed_in(&state, session).await?;
        }
        let safe = parts.method == Method::GET || parts.method == Method::HEAD;
        let body =
            if safe { body } else { Body::from(checked_body(&parts, body, &ctx.csrf, new_cookie.is_none()).await?) };
        Ok::<_, PageError>(body)
    }
    .await;
    let response = match outcome {
        Ok(body) => {
            parts.extensions.insert(ctx.clone());
            next.run(Request::from_parts(parts, body)).await
        }
        Err(error) => error.into_response(),
    };
    let response = match response.extensions().get::<PageError>().cloned() {
        Some(error) => error_page(&ctx, &error),
        None => response,
    };
    finish(response, lang, chosen, new_cookie.as_deref(), secure)
}

/// The signed-in user of a session cookie; an ended or unknown session is anonymous.
async fn signed_in(state: &AppState, session: &str) -> Result<Option<SignedIn>, PageError> {
    let caller = match state.service.authenticate_session(session).await {
        Ok(caller) => caller,
        Err(AuthError::Unauthenticated) => return Ok(None),
        Err(other) => return Err(other.into()),
    };
    let account = state.service.own_account(&caller).await?;
    Ok(Some(SignedIn { caller, name: account.display_name }))
}

/// Reads the body of a state-changing request and checks its CSRF token (form field or header) against the
/// visitor's; `has_token` is false when the visitor had no token before this request (nothing can match).
async fn checked_body(parts: &Parts, body: Body, expected: &str, has_token: bool) -> Result<Vec<u8>, PageError> {
    let bytes = axum::body::to_bytes(body, FORM_BODY_LIMIT).await.map_err(|_| PageError::new(Failure::TooLarge))?;
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let header_token = parts.headers.get(csrf::HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let given = header_token.or_else(|| csrf::token_in_body(content_type, &bytes));
    match given {
        Some(given) if has_token && csrf::same(given.as_bytes(), expected.as_bytes()) => Ok(bytes.to_vec()),
        _ => Err(PageError::new(Failure::Csrf)),
    }
}

/// The page of a [`PageError`]: the login redirect, or the translated error page with its status.
fn error_page(ctx: &PageCtx, error: &PageError) -> Response {
    if error.failure == Failure::SignIn {
        return Redirect::to(&super::auth::login_href(ctx)).into_response();
    }
    let (title, message) = error.failure.keys();
    let seconds = error.retry_after.unwrap_or(1).to_string();
    let page =
        ErrorPage { ctx: ctx.clone(), title: ctx.t(title), message: ctx.t_with(message, &[("seconds", &seconds)]) };
    let mut response = render::html(error.failure.status(), &page);
    if let Some(seconds) = error.retry_after {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// Adds the headers every page answer carries, and the cookies this request set.
fn finish(mut response: Response, lang: Lang, chosen: bool, new_csrf: Option<&str>, secure: bool) -> Response {
    let secure = if secure { "; Secure" } else { "" };
    let headers = response.headers_mut();
    security_headers(headers);
    headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    // Appended: a handler's own (the static files vary on Accept-Encoding) stays.
    headers.append(header::VARY, HeaderValue::from_static("Cookie, Accept-Language"));
    let mut cookies = Vec::new();
    if chosen {
        let code = lang.code();
        cookies.push(format!(
            "{LANG_COOKIE}={code}; Path=/; Max-Age={LANG_COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax{secure}"
        ));
    }
    if let Some(token) = new_csrf {
        cookies.push(format!("{}={token}; Path=/; HttpOnly; SameSite=Strict{secure}", csrf::COOKIE));
    }
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    response
}

/// The security headers of every page and static file.
pub fn security_headers(headers: &mut HeaderMap) {
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

/// The fallback of the whole router: a page path gets the translated 404 page, an API path the API's JSON 404.
pub async fn fallback(uri: axum::http::Uri) -> Response {
    if is_page_path(uri.path()) {
        PageError::not_found().into_response()
    } else {
        crate::error::AppError::new(crate::error::Code::NotFound, "no such route").into_response()
    }
}
