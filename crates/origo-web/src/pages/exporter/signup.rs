//! `/signup`: anyone may open an exporter account. The account is created with no company, signed in at once, and
//! sent to the application for registration (`/exporter/registration`). The form is rate-limited per client
//! address with the public check's limiter, so accounts cannot be made at speed.

use std::time::Instant;

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use origo_service::signup::SignUp;
use origo_service::users::UserError;

use super::fields::Fields;
use super::input::Message;
use crate::pages::context::PageCtx;
use crate::pages::error::{PageError, PageResult};
use crate::pages::nav::start_page;
use crate::pages::render;
use crate::routes::certificates::ClientIp;
use crate::routes::session::session_cookie;
use crate::state::AppState;

/// Where a new exporter goes first.
pub const AFTER_SIGN_UP: &str = "/exporter/registration";

/// The sign-up page.
#[derive(Template)]
#[template(path = "exporter/signup.html")]
pub struct SignUpPage {
    pub ctx: PageCtx,
    pub username: String,
    pub display_name: String,
    pub username_error: Option<Message>,
    pub display_name_error: Option<Message>,
    pub password_error: Option<Message>,
    pub confirm_error: Option<Message>,
}

impl SignUpPage {
    fn new(ctx: PageCtx) -> SignUpPage {
        SignUpPage {
            ctx,
            username: String::new(),
            display_name: String::new(),
            username_error: None,
            display_name_error: None,
            password_error: None,
            confirm_error: None,
        }
    }
}

/// `GET /signup`: the form; a signed-in visitor goes to their start page.
pub async fn form(ctx: PageCtx) -> Response {
    if let Some(role) = ctx.role() {
        return Redirect::to(start_page(role)).into_response();
    }
    render::ok(&SignUpPage::new(ctx))
}

/// `POST /signup`.
pub async fn submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    fields: Fields,
) -> PageResult<Response> {
    if let Err(wait) = state.limiter.take(ip, Instant::now()) {
        return Err(PageError::rate_limited(wait.as_secs_f64().ceil() as u64));
    }
    let mut page = SignUpPage::new(ctx.clone());
    page.username = fields.text("username");
    page.display_name = fields.text("display_name");
    let password = fields.get("password").to_owned();
    if page.username.is_empty() {
        page.username_error = Some(ctx.t("exporter.signup.username.missing").to_owned());
    }
    if page.display_name.is_empty() {
        page.display_name_error = Some(ctx.t("exporter.signup.display_name.missing").to_owned());
    }
    if password != fields.get("password_confirm") {
        page.confirm_error = Some(ctx.t("exporter.signup.password.mismatch").to_owned());
    }
    if page.username_error.is_some() || page.display_name_error.is_some() || page.confirm_error.is_some() {
        return Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    let request = SignUp { username: page.username.clone(), display_name: page.display_name.clone(), password };
    match state.service.sign_up(request).await {
        Ok(session) => {
            let max_age = (session.expires_at - state.service.clock().now()).whole_seconds().max(0);
            let cookie = session_cookie(&session.token, max_age, state.settings.secure_cookies)?;
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(AFTER_SIGN_UP)).into_response())
        }
        Err(UserError::UsernameTaken) => {
            page.username_error = Some(ctx.t("exporter.signup.username.taken").to_owned());
            Ok(render::html(StatusCode::CONFLICT, &page))
        }
        Err(UserError::Invalid { field, .. }) => {
            match field.as_str() {
                "username" => page.username_error = Some(ctx.t("exporter.signup.username.invalid").to_owned()),
                "display_name" => {
                    page.display_name_error = Some(ctx.t("exporter.signup.display_name.invalid").to_owned())
                }
                _ => page.password_error = Some(ctx.t("exporter.signup.password.invalid").to_owned()),
            }
            Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}
