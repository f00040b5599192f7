//! `/admin/keys`: the issuing body's signing keys with their validity, whether each private key is sealed, and
//! which one signs today (officers and administrators read it); for administrators, the rotation: a new key from
//! today, the others ending today. Rotating needs the box "I understand" ticked, so that one stray click does not
//! retire a key.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::roles::Role;
use serde::Deserialize;

use super::see_other;
use super::when;
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::PageResult;
use crate::pages::extract::{DoneQuery, PageForm, PageQuery};
use crate::pages::render;
use crate::state::AppState;

/// One key as shown.
#[derive(Debug)]
pub struct KeyRow {
    pub key_id: String,
    pub public_key: String,
    pub not_before: String,
    pub not_after: String,
    pub sealed: bool,
    pub current: bool,
    pub created: String,
}

/// The keys page.
#[derive(Template)]
#[template(path = "officer/keys.html")]
pub struct KeysPage {
    pub ctx: PageCtx,
    pub keys: Vec<KeyRow>,
    pub can_rotate: bool,
    pub done: bool,
    pub confirm_error: Option<&'static str>,
}

async fn show(
    state: &AppState,
    ctx: PageCtx,
    user: &SignedIn,
    status: StatusCode,
    done: bool,
    confirm_error: Option<&'static str>,
) -> PageResult<Response> {
    let keys = state
        .service
        .signing_keys(&user.caller)
        .await?
        .into_iter()
        .rev()
        .map(|key| KeyRow {
            not_before: ctx.date(key.not_before),
            not_after: key.not_after.map(|day| ctx.date(day)).unwrap_or_default(),
            created: when(&ctx, key.created_at),
            key_id: key.key_id,
            public_key: key.public_key,
            sealed: key.sealed,
            current: key.current,
        })
        .collect();
    let page = KeysPage { keys, can_rotate: user.caller.role() == Role::Admin, done, confirm_error, ctx };
    Ok(render::html(status, &page))
}

/// `GET /admin/keys`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(query): PageQuery<DoneQuery>,
) -> PageResult<Response> {
    show(&state, ctx, &user, StatusCode::OK, query.done == "rotated", None).await
}

#[derive(Debug, Deserialize)]
pub struct RotateForm {
    #[serde(default)]
    pub confirm: String,
}

/// `POST /admin/keys/rotation`.
pub async fn rotate(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageForm(form): PageForm<RotateForm>,
) -> PageResult<Response> {
    if form.confirm != "yes" {
        let error = Some(ctx.t("admin.keys.confirm.missing"));
        return show(&state, ctx, &user, StatusCode::UNPROCESSABLE_ENTITY, false, error).await;
    }
    state.service.rotate_keys(&user.caller).await?;
    Ok(see_other("/admin/keys?done=rotated"))
}
