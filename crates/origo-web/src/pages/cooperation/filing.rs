//! `/cooperation/requests/new`: a foreign authority files a verification request on a certificate number (the
//! certificate must be bound for its country) or on the SHA-256 of a registered statement's text, with the reason
//! kind, the reasons and its documents (multipart, any number of files in `documents`, checked like evidence).
//! `POST /cooperation/requests` answers `303` to the new request's page.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::cooperation::requests::FileRequest;
use origo_service::policy::{Action, Resource};
use origo_store::cooperation::ReasonKind;
use serde::Deserialize;

use super::labels::reason_key;
use super::{error_for, field_error};
use crate::pages::attachments::uploads;
use crate::pages::context::{PageCtx, Signed};
use crate::pages::error::PageResult;
use crate::pages::exporter::fields::Fields;
use crate::pages::extract::PageQuery;
use crate::pages::officer::queue::Choice;
use crate::pages::officer::see_other;
use crate::pages::render;
use crate::state::AppState;

/// What the form holds when shown again.
#[derive(Debug, Default)]
pub struct FilingForm {
    pub certificate_number: String,
    pub statement_hash: String,
    pub reason_kind: String,
    pub reasons: String,
}

/// The form.
#[derive(Template)]
#[template(path = "cooperation/new.html")]
pub struct NewRequestPage {
    pub ctx: PageCtx,
    pub form: FilingForm,
    pub reasons: Vec<Choice>,
    pub error: Option<(&'static str, &'static str)>,
}

impl NewRequestPage {
    pub fn error_for(&self, field: &str) -> Option<&'static str> {
        error_for(self.error, field)
    }
}

fn new_page(ctx: PageCtx, form: FilingForm, error: Option<(&'static str, &'static str)>) -> NewRequestPage {
    let reasons = ReasonKind::ALL
        .iter()
        .map(|kind| Choice {
            value: kind.as_str(),
            label: ctx.t(reason_key(*kind)),
            selected: form.reason_kind == kind.as_str(),
        })
        .collect();
    NewRequestPage { ctx, form, reasons, error }
}

#[derive(Debug, Default, Deserialize)]
pub struct FormParams {
    /// A certificate number to start from (linked from a certificate's page).
    #[serde(default)]
    pub number: String,
}

/// `GET /cooperation/requests/new`.
pub async fn form(
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(params): PageQuery<FormParams>,
) -> PageResult<Response> {
    // The policy decides who files (a foreign authority); the others get the 403 page rather than a form that
    // could not be sent.
    user.caller.may(Action::FileVerificationRequest, &Resource::default())?;
    let form =
        FilingForm { certificate_number: params.number.trim().chars().take(64).collect(), ..FilingForm::default() };
    Ok(render::ok(&new_page(ctx, form, None)))
}

/// `POST /cooperation/requests` (urlencoded, or multipart with the files in `documents`).
pub async fn submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    fields: Fields,
) -> PageResult<Response> {
    let form = FilingForm {
        certificate_number: fields.text("certificate_number"),
        statement_hash: fields.text("statement_hash"),
        reason_kind: fields.text("reason_kind"),
        reasons: fields.get("reasons").to_owned(),
    };
    let Ok(reason_kind) = form.reason_kind.parse::<ReasonKind>() else {
        let error = Some(("reason_kind", ctx.t("cooperation.error.reason_kind")));
        return Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &new_page(ctx, form, error)));
    };
    let documents = uploads(&fields, "documents");
    let request = FileRequest {
        certificate_number: Some(form.certificate_number.clone()).filter(|n| !n.is_empty()),
        statement_hash: Some(form.statement_hash.clone()).filter(|h| !h.is_empty()),
        reason_kind,
        reasons: form.reasons.clone(),
        documents,
    };
    match state.service.file_verification_request(&user.caller, request).await {
        Ok(filed) => Ok(see_other(&format!("/cooperation/requests/{}?done=filed", filed.view.request.id))),
        Err(error) => match field_error(&ctx, &error) {
            Some(field) => Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &new_page(ctx, form, Some(field)))),
            None => Err(error.into()),
        },
    }
}
