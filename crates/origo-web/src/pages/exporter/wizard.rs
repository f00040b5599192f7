//! The application wizard: `/exporter/applications/new` (a new draft) and `/exporter/applications/{id}/edit` (a
//! draft, or an application the certifier sent back with questions). One form holds the consignment, the goods
//! items and their bills of materials; "add item", "add row" and "load CSV" come back to the same form with
//! everything kept, and "save as draft" stores it. Evidence and submission follow on the application's page.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use origo_service::intake::{ApplicationDraft, IntakeError};
use uuid::Uuid;

use super::application_form::{ApplicationForm, KINDS};
use super::assess::Choice;
use super::fields::Fields;
use super::input;
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::{PageError, PageResult};
use crate::pages::render;
use crate::pages::verify::kind_key;
use crate::state::AppState;

/// The wizard page.
#[derive(Template)]
#[template(path = "exporter/application_form.html")]
pub struct WizardPage {
    pub ctx: PageCtx,
    /// Where the form is sent.
    pub action: String,
    /// Editing an application that exists (its kind is fixed).
    pub editing: bool,
    pub form: ApplicationForm,
    pub kinds: Vec<Choice>,
    pub working: Vec<String>,
    pub insufficient: Vec<String>,
}

impl WizardPage {
    fn new(ctx: PageCtx, action: String, editing: bool, form: ApplicationForm) -> WizardPage {
        let kinds = KINDS
            .iter()
            .map(|k| Choice {
                value: (*k).to_owned(),
                label: ctx.t(kind_key(k)).to_owned(),
                selected: form.consignment.kind == *k,
            })
            .collect();
        let (working, insufficient) = input::vocabulary();
        WizardPage { ctx, action, editing, form, kinds, working, insufficient }
    }
}

/// `GET /exporter/applications/new`.
pub async fn new_form(ctx: PageCtx, Signed(user): Signed) -> PageResult<Response> {
    super::exporter_only(&user)?;
    Ok(render::ok(&WizardPage::new(ctx, "/exporter/applications/new".into(), false, ApplicationForm::blank())))
}

/// `GET /exporter/applications/{id}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    path: axum::extract::Path<String>,
) -> PageResult<Response> {
    let id = page_id(&path)?;
    let view = state.service.application(&user.caller, id).await?;
    if !view.application.state.is_editable() {
        return Ok(Redirect::to(&format!("/exporter/applications/{id}")).into_response());
    }
    let form = ApplicationForm::of(&view);
    Ok(render::ok(&WizardPage::new(ctx, format!("/exporter/applications/{id}/edit"), true, form)))
}

/// An application id of a page path; anything else is the 404 page.
pub fn page_id(path: &str) -> PageResult<Uuid> {
    path.parse().map_err(|_| PageError::not_found())
}

/// What the buttons other than "save" do: `None` when the form is to be saved.
fn rework(form: &mut ApplicationForm, fields: &Fields) -> Option<()> {
    let action = fields.get("action");
    if action == "add_item" {
        form.add_item();
        return Some(());
    }
    if let Some(prefix) = action.strip_prefix("add_row:") {
        form.add_row(prefix);
        return Some(());
    }
    (action == "upload" || form.has_csv_errors()).then_some(())
}

/// Saves the form: a new draft, or the revision of `existing`.
async fn save(state: &AppState, user: &SignedIn, mut page: WizardPage, existing: Option<Uuid>) -> PageResult<Response> {
    let Some(checked) = page.form.check(&page.ctx) else {
        return Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    let saved = match existing {
        None => {
            let draft = ApplicationDraft { kind: checked.kind, consignment: checked.consignment, items: checked.items };
            state.service.create_application(&user.caller, draft).await
        }
        Some(id) => state.service.revise_application(&user.caller, id, checked.consignment, checked.items).await,
    };
    let ctx = page.ctx.clone();
    match saved {
        Ok(application) => Ok(Redirect::to(&format!("/exporter/applications/{}", application.id)).into_response()),
        Err(IntakeError::Invalid { field, message }) => {
            let text = ctx.t_with("exporter.error.engine", &[("detail", &message)]);
            if !page.form.place_error(&field, text.clone()) {
                page.form.form_error = Some(text);
            }
            Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(IntakeError::ExporterNotRegistered) => {
            page.form.form_error = Some(ctx.t("exporter.wizard.not_registered").to_owned());
            Ok(render::html(StatusCode::CONFLICT, &page))
        }
        Err(IntakeError::NotEditable) => {
            page.form.form_error = Some(ctx.t("exporter.wizard.not_editable").to_owned());
            Ok(render::html(StatusCode::CONFLICT, &page))
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /exporter/applications/new`.
pub async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    fields: Fields,
) -> PageResult<Response> {
    let form = ApplicationForm::read(&ctx, &fields);
    let mut page = WizardPage::new(ctx, "/exporter/applications/new".into(), false, form);
    if rework(&mut page.form, &fields).is_some() {
        let status = if page.form.has_csv_errors() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
        return Ok(render::html(status, &page));
    }
    save(&state, &user, page, None).await
}

/// `POST /exporter/applications/{id}/edit`.
pub async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    path: axum::extract::Path<String>,
    fields: Fields,
) -> PageResult<Response> {
    let id = page_id(&path)?;
    // The kind is fixed once created: the stored one is kept whatever the form says.
    let stored = state.service.application(&user.caller, id).await?;
    let mut form = ApplicationForm::read(&ctx, &fields);
    form.consignment.kind = stored.application.kind.as_str().to_owned();
    let mut page = WizardPage::new(ctx, format!("/exporter/applications/{id}/edit"), true, form);
    if rework(&mut page.form, &fields).is_some() {
        let status = if page.form.has_csv_errors() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
        return Ok(render::html(status, &page));
    }
    save(&state, &user, page, Some(id)).await
}
