//! `/exporter/applications/{id}/statement`: the statement on origin (EU GSP) or origin declaration (UK DCTS) of a
//! submitted application, made out by the exporter: place, date, the originating value in EUR when no REX number
//! is in force (the EUR 6 000 rule) and an optional commercial document reference. Origo writes the exact text,
//! registers its SHA-256, and shows both ready to paste on the invoice.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::statements::{StatementError, StatementRequest};
use origo_store::statements::Statement;
use uuid::Uuid;

use super::fields::Fields;
use super::input::{self, Message};
use super::wizard::page_id;
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::PageResult;
use crate::pages::render;
use crate::pages::verify::kind_key;
use crate::state::AppState;

/// A registered statement, shown.
#[derive(Debug, Clone)]
pub struct MadeOut {
    pub text: String,
    pub sha256: String,
    pub made_out_on: String,
    pub rex_number: Option<String>,
    /// Lines in the text (the copy box's height).
    pub lines: usize,
}

/// The statement page.
#[derive(Template)]
#[template(path = "exporter/statement.html")]
pub struct StatementPage {
    pub ctx: PageCtx,
    pub id: String,
    pub kind: &'static str,
    pub made_out: Option<MadeOut>,
    pub place: String,
    pub date: String,
    pub value: String,
    pub reference: String,
    pub place_error: Option<Message>,
    pub date_error: Option<Message>,
    pub value_error: Option<Message>,
    pub reference_error: Option<Message>,
    pub form_error: Option<Message>,
}

fn made_out(ctx: &PageCtx, statement: &Statement) -> MadeOut {
    MadeOut {
        text: statement.text.clone(),
        sha256: statement.text_hash.clone(),
        made_out_on: ctx.date(statement.made_out_on),
        rex_number: statement.rex_number.clone(),
        lines: statement.text.lines().count().clamp(3, 30),
    }
}

/// The application's statement, if one was made out.
async fn existing(state: &AppState, user: &SignedIn, id: Uuid) -> PageResult<Option<Statement>> {
    let mut after = None;
    loop {
        let page = state.service.statements(&user.caller, after, 500).await?;
        if let Some(found) = page.iter().find(|s| s.application_id == Some(id)) {
            return Ok(Some(found.clone()));
        }
        match page.last() {
            Some(last) if page.len() == 500 => after = Some(last.id),
            _ => return Ok(None),
        }
    }
}

async fn page(state: &AppState, ctx: PageCtx, user: &SignedIn, id: Uuid) -> PageResult<StatementPage> {
    let view = state.service.application(&user.caller, id).await?;
    let statement = existing(state, user, id).await?;
    let today = state.service.clock().today();
    Ok(StatementPage {
        id: id.to_string(),
        kind: ctx.t(kind_key(view.application.kind.as_str())),
        made_out: statement.as_ref().map(|s| made_out(&ctx, s)),
        place: state.service.config().place.clone(),
        date: today.to_string(),
        value: String::new(),
        reference: String::new(),
        place_error: None,
        date_error: None,
        value_error: None,
        reference_error: None,
        form_error: None,
        ctx,
    })
}

/// `GET /exporter/applications/{id}/statement`.
pub async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    Path(path): Path<String>,
) -> PageResult<Response> {
    let id = page_id(&path)?;
    Ok(render::ok(&page(&state, ctx, &user, id).await?))
}

/// `POST /exporter/applications/{id}/statement`: makes the statement out (or shows the one already made out with
/// the same text).
pub async fn make_out(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    Path(path): Path<String>,
    fields: Fields,
) -> PageResult<Response> {
    let id = page_id(&path)?;
    let mut page = page(&state, ctx.clone(), &user, id).await?;
    page.place = fields.text("place");
    page.date = fields.text("date");
    page.value = fields.text("originating_value_eur");
    page.reference = fields.text("document_reference");
    let date = input::date(&ctx, &page.date).map_err(|e| page.date_error = Some(e));
    let value = input::decimal(&ctx, &page.value).map_err(|e| page.value_error = Some(e));
    if page.place.is_empty() {
        page.place_error = Some(ctx.t("exporter.error.required").to_owned());
    }
    let (Ok(date), Ok(value)) = (date, value) else {
        return Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    if page.place_error.is_some() {
        return Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    let request = StatementRequest {
        place: page.place.clone(),
        date,
        originating_value_eur: value,
        document_reference: Some(page.reference.clone()).filter(|r| !r.is_empty()),
        replacement: None,
    };
    let detail = |message: &str| ctx.t_with("exporter.error.engine", &[("detail", message)]);
    let status = match state.service.make_out_statement(&user.caller, id, request).await {
        Ok(made) => {
            page.made_out = Some(made_out(&ctx, &made.statement));
            return Ok(render::ok(&page));
        }
        Err(StatementError::Invalid { field, message }) => {
            match field.as_str() {
                "place" => page.place_error = Some(detail(&message)),
                "date" => page.date_error = Some(ctx.t("exporter.statement.date.future").to_owned()),
                "originating_value_eur" => {
                    page.value_error = Some(ctx.t("exporter.statement.value.required").to_owned())
                }
                "document_reference" => page.reference_error = Some(detail(&message)),
                _ => page.form_error = Some(detail(&message)),
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(StatementError::RegistrationRequired { .. }) => {
            page.value_error = Some(ctx.t("exporter.statement.value.over_limit").to_owned());
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(StatementError::DuplicateText) => {
            page.reference_error = Some(ctx.t("exporter.statement.reference.needed").to_owned());
            StatusCode::CONFLICT
        }
        Err(StatementError::NotOriginating { line, .. }) => {
            let line = line.to_string();
            page.form_error = Some(ctx.t_with("exporter.statement.not_originating", &[("item", &line)]));
            StatusCode::CONFLICT
        }
        Err(StatementError::WrongState(_)) => {
            page.form_error = Some(ctx.t("exporter.statement.not_submitted").to_owned());
            StatusCode::CONFLICT
        }
        Err(StatementError::IssuedByBody(_)) => {
            page.form_error = Some(ctx.t("exporter.statement.by_body").to_owned());
            StatusCode::CONFLICT
        }
        Err(StatementError::AlreadyMadeOut { .. }) => {
            page.form_error = Some(ctx.t("exporter.statement.already").to_owned());
            StatusCode::CONFLICT
        }
        Err(other) => return Err(other.into()),
    };
    Ok(render::html(status, &page))
}
