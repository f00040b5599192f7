//! `/cooperation/requests/{id}`: one verification request with its status, deadline and standing, the subject
//! (linked to the certificate's page), the reasons and the documents sent; for the certifying body's readers the
//! investigation steps and the reminders and escalations raised; the reply once answered, with the signed JSON
//! to download (`.../reply.json`, for the requesting authority to check offline). Certifiers get the forms to
//! record a step (with its files, and for documents requested from the exporter what is asked and by when) and
//! to reply while the request is unanswered. The certifying body and auditors see the steps' files and what was
//! asked of the exporter with its answer and files, a missed due day marked.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use origo_service::cooperation::exporter_documents::AskView;
use origo_service::cooperation::investigation::{ExporterAsk, StepExtras, StepRequest};
use origo_service::cooperation::reply::ReplyRequest;
use origo_service::cooperation::requests::SubjectView;
use origo_service::roles::Role;
use origo_store::cooperation::exporter_requests::AskStatus;
use origo_store::cooperation::steps::StepKind;
use origo_store::cooperation::{ReplyOutcome, RequestStatus};
use serde::Deserialize;
use time::Date;
use time::macros::format_description;
use uuid::Uuid;

use super::labels::{alert_key, outcome_key, reason_key, status_key, step_key};
use super::list::{row_class, standing};
use super::{error_for, field_error};
use crate::pages::attachments::{FileRow, download, uploads};
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::PageResult;
use crate::pages::exporter::fields::Fields;
use crate::pages::extract::{DoneQuery, PageForm, PageQuery};
use crate::pages::officer::evidence::content_disposition;
use crate::pages::officer::queue::Choice;
use crate::pages::officer::{PagePath, see_other, when};
use crate::pages::render;
use crate::state::AppState;

/// A document sent with the request, with a step or by the exporter.
pub type DocumentRow = FileRow;

/// An investigation step, with its files.
#[derive(Debug)]
pub struct StepRow {
    pub date: String,
    pub kind: &'static str,
    pub description: String,
    pub documents: Vec<FileRow>,
}

/// Documents asked of the exporter, with its answer.
#[derive(Debug)]
pub struct AskRow {
    pub asked: String,
    pub due: String,
    pub status: &'static str,
    /// Unanswered after the due day: shown as missed.
    pub missed: bool,
    pub answered: Option<String>,
    pub note: String,
    pub documents: Vec<FileRow>,
}

/// The reply, once given.
#[derive(Debug)]
pub struct ReplyView {
    pub outcome: &'static str,
    /// `valid` (confirmed), `revoked` (not confirmed) or `replaced` (undetermined): the answer box's colour.
    pub class: &'static str,
    pub findings: String,
    pub answered: String,
    pub in_time: &'static str,
    pub download: String,
}

/// What the forms hold when shown again.
#[derive(Debug, Default)]
pub struct DetailForms {
    pub step_kind: String,
    pub step_date: String,
    pub description: String,
    pub asked: String,
    pub due_date: String,
    pub outcome: String,
    pub findings: String,
    /// The field at fault and its message.
    pub error: Option<(&'static str, &'static str)>,
}

/// The page.
#[derive(Template)]
#[template(path = "cooperation/request.html")]
pub struct RequestPage {
    pub ctx: PageCtx,
    pub id: String,
    pub reference: String,
    pub status: &'static str,
    pub standing: String,
    /// `row-bad` / `row-warn` / empty, as in the list: the standing box's emphasis.
    pub standing_class: &'static str,
    pub facts: Vec<(&'static str, String)>,
    /// (href, label) of the subject's page, when the reader may open it.
    pub subject_link: Option<(String, String)>,
    pub reasons: String,
    pub documents: Vec<DocumentRow>,
    pub steps: Option<Vec<StepRow>>,
    /// What was asked of the exporter (the certifying body and auditors).
    pub asks: Option<Vec<AskRow>>,
    pub alerts: Vec<String>,
    pub reply: Option<ReplyView>,
    pub done: Option<&'static str>,
    pub can_answer: bool,
    pub step_kinds: Vec<Choice>,
    pub outcomes: Vec<Choice>,
    pub forms: DetailForms,
    pub error: Option<(&'static str, &'static str)>,
}

impl RequestPage {
    pub fn error_for(&self, field: &str) -> Option<&'static str> {
        error_for(self.error, field)
    }
}

async fn show(
    state: &AppState,
    ctx: PageCtx,
    user: &SignedIn,
    id: Uuid,
    status: StatusCode,
    done: Option<&'static str>,
    forms: DetailForms,
) -> PageResult<Response> {
    let detail = state.service.verification_request(&user.caller, id).await?;
    let view = &detail.view;
    let request = &view.request;
    let (subject_label, subject_value, subject_link) = match &view.subject {
        SubjectView::Certificate { id, number, .. } => (
            ctx.t("cooperation.field.certificate"),
            number.clone(),
            Some((format!("/officer/certificates/{id}"), number.clone())),
        ),
        SubjectView::Statement { text_hash, not_confirmed, .. } => {
            let value = if *not_confirmed {
                format!("{text_hash} ({})", ctx.t("cooperation.subject.statement_not_confirmed"))
            } else {
                text_hash.clone()
            };
            (ctx.t("cooperation.field.statement"), value, None)
        }
    };
    let mut facts = vec![
        (ctx.t("cooperation.field.requesting_country"), request.requesting_country.clone()),
        (ctx.t("cooperation.field.reason_kind"), ctx.t(reason_key(request.reason_kind)).to_owned()),
        (ctx.t("cooperation.field.received"), when(&ctx, request.received_at)),
        (ctx.t("cooperation.field.deadline"), ctx.date(request.deadline)),
    ];
    if subject_link.is_none() {
        facts.insert(0, (subject_label, subject_value));
    }
    let reply = request.outcome.map(|outcome| ReplyView {
        outcome: ctx.t(outcome_key(outcome)),
        class: match outcome {
            ReplyOutcome::Confirmed => "valid",
            ReplyOutcome::NotConfirmed => "revoked",
            ReplyOutcome::Undetermined => "replaced",
        },
        findings: request.findings.clone().unwrap_or_default(),
        answered: request.answered_at.map(|at| when(&ctx, at)).unwrap_or_default(),
        in_time: if request.answered_in_time() == Some(true) {
            ctx.t("cooperation.reply.in_time")
        } else {
            ctx.t("cooperation.reply.late")
        },
        download: format!("/cooperation/requests/{id}/reply.json"),
    });
    let base = format!("/cooperation/requests/{id}/documents");
    let documents = detail.documents.iter().map(|d| FileRow::of(&ctx, &base, d)).collect();
    let step_files = detail.step_documents.clone().unwrap_or_default();
    let steps = detail.steps.as_ref().map(|steps| {
        steps
            .iter()
            .map(|s| StepRow {
                date: ctx.date(s.step_date),
                kind: ctx.t(step_key(s.kind)),
                description: s.description.clone(),
                documents: step_files
                    .iter()
                    .filter(|f| f.part_id == Some(s.id))
                    .map(|f| FileRow::of(&ctx, &base, f))
                    .collect(),
            })
            .collect()
    });
    let asks = detail.document_requests.as_ref().map(|asks| {
        asks.iter()
            .map(|view| AskRow {
                asked: view.ask.asked.clone(),
                due: ctx.date(view.ask.due_on),
                status: ask_status(&ctx, view),
                missed: view.missed || view.ask.answered_late(),
                answered: view.ask.answered_at.map(|at| when(&ctx, at)),
                note: view.ask.note.clone().unwrap_or_default(),
                documents: view.documents.iter().map(|f| FileRow::of(&ctx, &base, f)).collect(),
            })
            .collect()
    });
    let alerts = detail
        .alerts
        .iter()
        .flatten()
        .map(|a| format!("{}: {}", ctx.t(alert_key(a.kind)), when(&ctx, a.raised_at)))
        .collect();
    let step_kinds = StepKind::ALL
        .iter()
        .map(|k| Choice { value: k.as_str(), label: ctx.t(step_key(*k)), selected: forms.step_kind == k.as_str() })
        .collect();
    // No outcome chosen in advance: a reply is a decision.
    let mut outcomes =
        vec![Choice { value: "", label: ctx.t("cooperation.reply.choose"), selected: forms.outcome.is_empty() }];
    outcomes.extend(ReplyOutcome::ALL.iter().map(|o| Choice {
        value: o.as_str(),
        label: ctx.t(outcome_key(*o)),
        selected: forms.outcome == o.as_str(),
    }));
    let page = RequestPage {
        id: id.to_string(),
        reference: request.reference.clone(),
        status: ctx.t(status_key(request.status)),
        standing: standing(&ctx, view),
        standing_class: row_class(view),
        facts,
        subject_link,
        reasons: request.reasons.clone(),
        documents,
        steps,
        asks,
        alerts,
        reply,
        done,
        can_answer: user.caller.role() == Role::Certifier && request.status != RequestStatus::Answered,
        step_kinds,
        outcomes,
        error: forms.error,
        forms,
        ctx,
    };
    Ok(render::html(status, &page))
}

/// `GET /cooperation/requests/{id}`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageQuery(query): PageQuery<DoneQuery>,
) -> PageResult<Response> {
    let done = match query.done.as_str() {
        "filed" => Some("cooperation.done.filed"),
        "step" => Some("cooperation.done.step"),
        "replied" => Some("cooperation.done.replied"),
        _ => None,
    };
    show(&state, ctx, &user, id, StatusCode::OK, done, DetailForms::default()).await
}

/// `POST /cooperation/requests/{id}/steps` (urlencoded, or multipart with the step's files in `documents`).
pub async fn add_step(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    fields: Fields,
) -> PageResult<Response> {
    let forms = DetailForms {
        step_kind: fields.text("kind"),
        step_date: fields.text("date"),
        description: fields.get("description").to_owned(),
        asked: fields.get("asked").to_owned(),
        due_date: fields.text("due_date"),
        ..DetailForms::default()
    };
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let Ok(kind) = forms.step_kind.parse::<StepKind>() else {
        let forms = DetailForms { error: Some(("kind", ctx.t("cooperation.error.step_kind"))), ..forms };
        return show(&state, ctx, &user, id, unprocessable, None, forms).await;
    };
    let (date, due_on) = match (day_of(&forms.step_date), day_of(&forms.due_date)) {
        (Ok(date), Ok(due_on)) => (date, due_on),
        (Err(()), _) => {
            let forms = DetailForms { error: Some(("date", ctx.t("cooperation.error.date"))), ..forms };
            return show(&state, ctx, &user, id, unprocessable, None, forms).await;
        }
        (_, Err(())) => {
            let forms = DetailForms { error: Some(("due_date", ctx.t("cooperation.error.due_date"))), ..forms };
            return show(&state, ctx, &user, id, unprocessable, None, forms).await;
        }
    };
    // The ask goes with its kind only; for other kinds the fields (hidden by the page's layout) are ignored.
    let ask = (kind == StepKind::DocumentsRequestedFromExporter
        && (!forms.asked.trim().is_empty() || due_on.is_some()))
    .then(|| ExporterAsk { asked: forms.asked.clone(), due_on });
    let documents = uploads(&fields, "documents");
    let step = StepRequest { kind, description: forms.description.clone(), date };
    match state.service.record_investigation_step(&user.caller, id, step, StepExtras { documents, ask }).await {
        Ok(_) => Ok(see_other(&format!("/cooperation/requests/{id}?done=step"))),
        Err(error) => match field_error(&ctx, &error) {
            Some(field) => {
                let forms = DetailForms { error: Some(field), ..forms };
                show(&state, ctx, &user, id, unprocessable, None, forms).await
            }
            None => Err(error.into()),
        },
    }
}

/// A `YYYY-MM-DD` field: `None` when empty.
fn day_of(text: &str) -> Result<Option<Date>, ()> {
    match text.trim() {
        "" => Ok(None),
        text => Date::parse(text, format_description!("[year]-[month]-[day]")).map(Some).map_err(|_| ()),
    }
}

/// An ask's standing in words: answered (late or in time), missed, or awaited.
fn ask_status(ctx: &PageCtx, view: &AskView) -> &'static str {
    match (view.ask.status, view.missed, view.ask.answered_late()) {
        (AskStatus::Answered, _, true) => ctx.t("cooperation.ask.answered_late"),
        (AskStatus::Answered, _, false) => ctx.t("cooperation.ask.answered"),
        (AskStatus::Pending, true, _) => ctx.t("cooperation.ask.missed"),
        (AskStatus::Pending, false, _) => ctx.t("cooperation.ask.pending"),
    }
}

#[derive(Debug, Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub findings: String,
}

/// `POST /cooperation/requests/{id}/reply`.
pub async fn reply(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<ReplyForm>,
) -> PageResult<Response> {
    let forms =
        DetailForms { outcome: form.outcome.clone(), findings: form.findings.clone(), ..DetailForms::default() };
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let Ok(outcome) = form.outcome.parse::<ReplyOutcome>() else {
        let forms = DetailForms { error: Some(("outcome", ctx.t("cooperation.error.outcome"))), ..forms };
        return show(&state, ctx, &user, id, unprocessable, None, forms).await;
    };
    let request = ReplyRequest { outcome, findings: form.findings.clone() };
    match state.service.answer_verification_request(&user.caller, id, request).await {
        Ok(_) => Ok(see_other(&format!("/cooperation/requests/{id}?done=replied"))),
        Err(error) => match field_error(&ctx, &error) {
            Some(field) => {
                let forms = DetailForms { error: Some(field), ..forms };
                show(&state, ctx, &user, id, unprocessable, None, forms).await
            }
            None => Err(error.into()),
        },
    }
}

/// `GET /cooperation/requests/{id}/reply.json`: the signed reply as signed, as an attachment.
pub async fn reply_json(
    State(state): State<AppState>,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
) -> PageResult<Response> {
    let detail = state.service.verification_request(&user.caller, id).await?;
    let Some(text) = state.service.verification_reply(&user.caller, id).await? else {
        return Err(crate::pages::error::PageError::not_found());
    };
    let name = format!("{}-reply.json", detail.view.request.reference);
    let disposition =
        HeaderValue::from_str(&content_disposition(&name)).unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        text,
    )
        .into_response())
}

/// `GET /cooperation/requests/{id}/documents/{document}`: always an attachment of its stored type.
pub async fn document(
    State(state): State<AppState>,
    Signed(user): Signed,
    PagePath((id, document)): PagePath<(Uuid, Uuid)>,
) -> PageResult<Response> {
    let (record, bytes) = state.service.verification_document(&user.caller, id, document).await?;
    Ok(download(&record.file_name, &record.media_type, bytes))
}
