//! Users and roles, for administrators: `/admin/users` (the list, a page at a time, and the form that creates a
//! user with a role) and `/admin/users/{id}` (the user, disable or enable, a new password). The service checks
//! each field and names the wrong one; the page shows the error next to it.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::roles::Role;
use origo_service::users::{UserDraft, UserError};
use origo_store::users::User;
use serde::Deserialize;
use uuid::Uuid;

use super::queue::Choice;
use super::{PagePath, query_string, see_other, when};
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::{Failure, PageError, PageResult};
use crate::pages::extract::{DoneQuery, PageForm, PageQuery};
use crate::pages::nav::role_key;
use crate::pages::render;
use crate::state::AppState;

/// Users per page.
pub const PER_PAGE: u32 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    #[serde(default)]
    pub after: String,
}

/// One user in the list.
#[derive(Debug)]
pub struct UserRow {
    pub href: String,
    pub username: String,
    pub name: String,
    pub role: &'static str,
    pub country: String,
    pub disabled: bool,
    pub created: String,
}

/// The new-user form as typed, with its errors.
#[derive(Debug, Default)]
pub struct CreateForm {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub country: String,
    pub username_error: Option<&'static str>,
    pub display_name_error: Option<&'static str>,
    pub role_error: Option<&'static str>,
    pub password_error: Option<&'static str>,
    pub country_error: Option<&'static str>,
}

/// The users page.
#[derive(Template)]
#[template(path = "officer/users.html")]
pub struct UsersPage {
    pub ctx: PageCtx,
    pub rows: Vec<UserRow>,
    pub roles: Vec<Choice>,
    pub form: CreateForm,
    pub position: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

fn row(ctx: &PageCtx, user: &User) -> UserRow {
    UserRow {
        href: format!("/admin/users/{}", user.id),
        username: user.username.clone(),
        name: user.display_name.clone(),
        role: ctx.t(role_key(user.role)),
        country: user.country.clone().unwrap_or_default(),
        disabled: user.disabled,
        created: ctx.date(user.created_at.date()),
    }
}

async fn show_list(
    state: &AppState,
    ctx: PageCtx,
    user: &SignedIn,
    after: Option<Uuid>,
    status: StatusCode,
    form: CreateForm,
) -> PageResult<Response> {
    let mut found = state.service.users(&user.caller, after, PER_PAGE + 1).await?;
    let more = found.len() > PER_PAGE as usize;
    found.truncate(PER_PAGE as usize);
    let next = match (more, found.last()) {
        (true, Some(last)) => Some(format!("/admin/users{}", query_string(&[("after", &last.id.to_string())]))),
        _ => None,
    };
    let roles = Role::ALL
        .iter()
        .map(|r| Choice { value: r.as_str(), label: ctx.t(role_key(*r)), selected: form.role == r.as_str() })
        .collect();
    let page = UsersPage {
        rows: found.iter().map(|u| row(&ctx, u)).collect(),
        roles,
        form,
        position: String::new(),
        previous: after.map(|_| "/admin/users".to_owned()),
        next,
        ctx,
    };
    Ok(render::html(status, &page))
}

/// `GET /admin/users`.
pub async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(params): PageQuery<ListParams>,
) -> PageResult<Response> {
    let after = match params.after.as_str() {
        "" => None,
        text => Some(text.parse::<Uuid>().map_err(|_| PageError::new(Failure::BadRequest))?),
    };
    show_list(&state, ctx, &user, after, StatusCode::OK, CreateForm::default()).await
}

#[derive(Debug, Deserialize)]
pub struct NewUserForm {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub country: String,
}

/// `POST /admin/users`: creates the user and opens its page.
pub async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageForm(typed): PageForm<NewUserForm>,
) -> PageResult<Response> {
    let mut form = CreateForm {
        username: typed.username.clone(),
        display_name: typed.display_name.clone(),
        role: typed.role.clone(),
        country: typed.country.clone(),
        ..CreateForm::default()
    };
    let Ok(role) = typed.role.parse::<Role>() else {
        form.role_error = Some(ctx.t("admin.users.role.missing"));
        return show_list(&state, ctx, &user, None, StatusCode::UNPROCESSABLE_ENTITY, form).await;
    };
    let country = typed.country.trim().to_ascii_uppercase();
    let draft = UserDraft {
        username: typed.username.trim().to_owned(),
        display_name: typed.display_name.clone(),
        role,
        password: typed.password,
        country: (!country.is_empty()).then_some(country),
        exporter_id: None,
    };
    match state.service.add_user(&user.caller, draft).await {
        Ok(created) => Ok(see_other(&format!("/admin/users/{}?done=created", created.id))),
        Err(UserError::UsernameTaken) => {
            form.username_error = Some(ctx.t("admin.users.username.taken"));
            show_list(&state, ctx, &user, None, StatusCode::UNPROCESSABLE_ENTITY, form).await
        }
        Err(UserError::Invalid { field, .. }) => {
            match field.as_str() {
                "username" => form.username_error = Some(ctx.t("admin.users.username.invalid")),
                "display_name" => form.display_name_error = Some(ctx.t("admin.users.display_name.invalid")),
                "password" => form.password_error = Some(ctx.t("admin.users.password.invalid")),
                "country" => form.country_error = Some(ctx.t("admin.users.country.invalid")),
                _ => form.role_error = Some(ctx.t("admin.users.role.missing")),
            }
            show_list(&state, ctx, &user, None, StatusCode::UNPROCESSABLE_ENTITY, form).await
        }
        Err(other) => Err(other.into()),
    }
}

/// One user's page.
#[derive(Template)]
#[template(path = "officer/user.html")]
pub struct UserPage {
    pub ctx: PageCtx,
    pub id: String,
    pub username: String,
    pub name: String,
    pub role: &'static str,
    pub country: String,
    pub disabled: bool,
    pub created: String,
    pub updated: String,
    pub is_me: bool,
    pub done: Option<&'static str>,
    pub error: Option<&'static str>,
    pub password_error: Option<&'static str>,
}

/// What the user's page says besides the user: what was done, what was refused, the password field's error.
#[derive(Debug, Default)]
pub struct Notes {
    pub done: Option<&'static str>,
    pub error: Option<&'static str>,
    pub password_error: Option<&'static str>,
}

async fn show_user(
    state: &AppState,
    ctx: PageCtx,
    me: &SignedIn,
    id: Uuid,
    status: StatusCode,
    notes: Notes,
) -> PageResult<Response> {
    let user = state.service.user(&me.caller, id).await?;
    let page = UserPage {
        id: user.id.to_string(),
        username: user.username.clone(),
        name: user.display_name.clone(),
        role: ctx.t(role_key(user.role)),
        country: user.country.clone().unwrap_or_default(),
        disabled: user.disabled,
        created: when(&ctx, user.created_at),
        updated: when(&ctx, user.updated_at),
        is_me: user.id == me.caller.user_id,
        done: notes.done,
        error: notes.error,
        password_error: notes.password_error,
        ctx,
    };
    Ok(render::html(status, &page))
}

/// `GET /admin/users/{id}`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageQuery(query): PageQuery<DoneQuery>,
) -> PageResult<Response> {
    let done = match query.done.as_str() {
        "created" => Some("admin.users.done.created"),
        "disabled" => Some("admin.users.done.disabled"),
        "enabled" => Some("admin.users.done.enabled"),
        "password" => Some("admin.users.done.password"),
        _ => None,
    };
    show_user(&state, ctx, &user, id, StatusCode::OK, Notes { done, ..Notes::default() }).await
}

#[derive(Debug, Deserialize)]
pub struct DisabledForm {
    #[serde(default)]
    pub disabled: String,
}

/// `POST /admin/users/{id}/disabled`: `disabled=1` disables (and ends the user's sessions), `0` enables.
pub async fn set_disabled(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<DisabledForm>,
) -> PageResult<Response> {
    let disabled = form.disabled == "1";
    match state.service.set_user_disabled(&user.caller, id, disabled).await {
        Ok(_) => {
            let done = if disabled { "disabled" } else { "enabled" };
            Ok(see_other(&format!("/admin/users/{id}?done={done}")))
        }
        Err(UserError::SelfDisable) => {
            let notes = Notes { error: Some(ctx.t("admin.users.self_disable")), ..Notes::default() };
            show_user(&state, ctx, &user, id, StatusCode::FORBIDDEN, notes).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    pub password: String,
}

/// `POST /admin/users/{id}/password`: a new password; the user's sessions end.
pub async fn reset_password(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<PasswordForm>,
) -> PageResult<Response> {
    match state.service.reset_password(&user.caller, id, form.password).await {
        Ok(_) => Ok(see_other(&format!("/admin/users/{id}?done=password"))),
        Err(UserError::Invalid { .. }) => {
            let notes = Notes { password_error: Some(ctx.t("admin.users.password.invalid")), ..Notes::default() };
            show_user(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, notes).await
        }
        Err(other) => Err(other.into()),
    }
}
