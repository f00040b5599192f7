//! `/control/flags`: what the certifying body should look at (over-use and use in a second country of a
//! certificate, revoked supplier declarations relied on), open ones by default, each with a form to resolve it
//! with a note (certifier, supervisor).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::roles::Role;
use origo_store::flags::Flag;
use serde::Deserialize;
use uuid::Uuid;

use super::field_error;
use super::labels::flag_kind_key;
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::{Failure, PageError, PageResult};
use crate::pages::extract::{PageForm, PageQuery};
use crate::pages::officer::{PagePath, see_other, when};
use crate::pages::render;
use crate::state::AppState;

/// Flags per page.
pub const PER_PAGE: u32 = 200;

/// One flag as shown.
#[derive(Debug)]
pub struct FlagRow {
    pub id: String,
    pub kind: &'static str,
    pub details: String,
    pub raised: String,
    /// Links to the certificate's utilisation or the application's dossier.
    pub links: Vec<(String, &'static str)>,
    pub resolution: String,
    pub resolvable: bool,
    pub note: String,
    pub note_error: Option<&'static str>,
}

/// The list.
#[derive(Template)]
#[template(path = "control/flags.html")]
pub struct FlagsPage {
    pub ctx: PageCtx,
    pub all: bool,
    pub rows: Vec<FlagRow>,
    pub done: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    /// `open` (the default) or `all`.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub done: String,
}

fn row(ctx: &PageCtx, flag: &Flag, resolves: bool, failed: &Option<(Uuid, String, &'static str)>) -> FlagRow {
    let mut links = Vec::new();
    if let Some(certificate) = flag.certificate_id {
        links.push((format!("/control/certificates/{certificate}/utilisation"), ctx.t("control.flags.certificate")));
    }
    if let (Some(application), None) = (flag.application_id, flag.certificate_id) {
        links.push((format!("/officer/applications/{application}"), ctx.t("control.flags.application")));
    }
    let (note, note_error) = match failed {
        Some((id, note, error)) if *id == flag.id => (note.clone(), Some(*error)),
        _ => (String::new(), None),
    };
    FlagRow {
        id: flag.id.to_string(),
        kind: ctx.t(flag_kind_key(flag.kind)),
        details: flag.details.clone(),
        raised: when(ctx, flag.raised_at),
        links,
        resolution: flag.resolution.clone().unwrap_or_default(),
        resolvable: resolves && flag.resolved_at.is_none(),
        note,
        note_error,
    }
}

async fn show(
    state: &AppState,
    ctx: PageCtx,
    user: &SignedIn,
    all: bool,
    code: StatusCode,
    done: bool,
    failed: Option<(Uuid, String, &'static str)>,
) -> PageResult<Response> {
    let flags = state.service.flags(&user.caller, !all, None, PER_PAGE).await?;
    let resolves = matches!(user.caller.role(), Role::Certifier | Role::Supervisor);
    let rows = flags.iter().rev().map(|f| row(&ctx, f, resolves, &failed)).collect();
    Ok(render::html(code, &FlagsPage { all, rows, done, ctx }))
}

/// `GET /control/flags`.
pub async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(params): PageQuery<ListParams>,
) -> PageResult<Response> {
    let all = match params.status.as_str() {
        "" | "open" => false,
        "all" => true,
        _ => return Err(PageError::new(Failure::BadRequest)),
    };
    show(&state, ctx, &user, all, StatusCode::OK, params.done == "resolved", None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct ResolveForm {
    #[serde(default)]
    pub resolution: String,
}

/// `POST /control/flags/{id}/resolution`.
pub async fn resolve(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<ResolveForm>,
) -> PageResult<Response> {
    match state.service.resolve_flag(&user.caller, id, &form.resolution).await {
        Ok(_) => Ok(see_other("/control/flags?done=resolved")),
        Err(error) => match field_error(&ctx, &error) {
            Some((_, message)) => {
                let failed = Some((id, form.resolution.clone(), message));
                show(&state, ctx, &user, false, StatusCode::UNPROCESSABLE_ENTITY, false, failed).await
            }
            None => Err(error.into()),
        },
    }
}
