//! `/exporter/document-requests`: the documents the certifying body asks of the exporter while it verifies one of
//! the exporter's certificates or statements: what is asked, by when (a missed day marked), and for each pending
//! ask the form to send the documents (multipart, several files in `documents`, each checked like evidence) with a
//! note; answered asks list what was sent. The foreign authority's request, its country and reasons are never
//! shown here: only what the certifier wrote for the exporter. The dashboard's notice comes from [`notices`].

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::Service;
use origo_service::access::Caller;
use origo_service::cooperation::CooperationError;
use origo_service::cooperation::exporter_documents::{AskSubject, AskView};
use origo_store::cooperation::exporter_requests::AskStatus;
use uuid::Uuid;

use super::dashboard::NextAction;
use super::fields::Fields;
use crate::pages::attachments::{FileRow, download, refused_file, uploads};
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::PageResult;
use crate::pages::extract::{DoneQuery, PageQuery};
use crate::pages::officer::{PagePath, see_other, when};
use crate::pages::render;
use crate::state::AppState;

/// How many asks the page lists.
const LIMIT: u32 = 100;

/// An ask as the exporter reads it.
#[derive(Debug)]
pub struct AskCard {
    pub id: String,
    /// "Certificate UZ-2026-000123" or "Statement on origin made out on 2 May 2026".
    pub subject: String,
    pub subject_href: Option<String>,
    pub asked: String,
    pub due: String,
    pub pending: bool,
    pub missed: bool,
    pub status: &'static str,
    pub answered: Option<String>,
    pub note: String,
    pub documents: Vec<FileRow>,
    /// The note typed, shown again with an error.
    pub note_draft: String,
    /// The field at fault (`documents`, `note`) and its message, for this ask's form.
    pub error: Option<(&'static str, String)>,
}

impl AskCard {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.error.as_ref().filter(|(f, _)| *f == field).map(|(_, message)| message.as_str())
    }
}

/// The page.
#[derive(Template)]
#[template(path = "exporter/document_requests.html")]
pub struct AsksPage {
    pub ctx: PageCtx,
    pub asks: Vec<AskCard>,
    pub done: bool,
}

fn subject_words(ctx: &PageCtx, subject: &AskSubject) -> (String, Option<String>) {
    match subject {
        AskSubject::Certificate { id, number } => (
            ctx.t_with("exporter.asks.subject.certificate", &[("number", number)]),
            Some(format!("/exporter/certificates/{id}")),
        ),
        AskSubject::Statement { made_out_on, document_reference, .. } => {
            let day = ctx.date(*made_out_on);
            let words = match document_reference {
                Some(reference) => ctx
                    .t_with("exporter.asks.subject.statement_on_document", &[("date", &day), ("document", reference)]),
                None => ctx.t_with("exporter.asks.subject.statement", &[("date", &day)]),
            };
            (words, None)
        }
    }
}

fn card(ctx: &PageCtx, view: &AskView) -> AskCard {
    let (subject, subject_href) = subject_words(ctx, &view.subject);
    let ask = &view.ask;
    let pending = ask.status == AskStatus::Pending;
    let status = match (pending, view.missed) {
        (true, true) => ctx.t("exporter.asks.status.missed"),
        (true, false) => ctx.t("exporter.asks.status.pending"),
        (false, _) => ctx.t("exporter.asks.status.answered"),
    };
    let base = format!("/exporter/document-requests/{}/documents", ask.id);
    AskCard {
        id: ask.id.to_string(),
        subject,
        subject_href,
        asked: ask.asked.clone(),
        due: ctx.date(ask.due_on),
        pending,
        missed: view.missed,
        status,
        answered: ask.answered_at.map(|at| when(ctx, at)),
        note: ask.note.clone().unwrap_or_default(),
        documents: view.documents.iter().map(|f| FileRow::of(ctx, &base, f)).collect(),
        note_draft: String::new(),
        error: None,
    }
}

/// The dashboard's notice: one line per pending ask ("The certifying body asks for documents about certificate N
/// by DATE"), linking to this page.
pub async fn notices(ctx: &PageCtx, service: &Service, caller: &Caller) -> PageResult<Vec<NextAction>> {
    let asks = service.exporter_document_requests(caller, LIMIT).await?;
    Ok(asks
        .iter()
        .filter(|view| view.ask.status == AskStatus::Pending)
        .map(|view| {
            let (subject, _) = subject_words(ctx, &view.subject);
            let due = ctx.date(view.ask.due_on);
            let key = if view.missed { "exporter.asks.notice.missed" } else { "exporter.asks.notice" };
            NextAction {
                text: ctx.t_with(key, &[("subject", &subject), ("date", &due)]),
                href: Some(format!("/exporter/document-requests#ask-{}", view.ask.id)),
            }
        })
        .collect())
}

async fn show(
    state: &AppState,
    ctx: PageCtx,
    user: &SignedIn,
    status: StatusCode,
    done: bool,
    failed: Option<(Uuid, String, (&'static str, String))>,
) -> PageResult<Response> {
    super::exporter_only(user)?;
    let views = state.service.exporter_document_requests(&user.caller, LIMIT).await?;
    let mut asks: Vec<AskCard> = views.iter().map(|view| card(&ctx, view)).collect();
    if let Some((id, note, error)) = failed
        && let Some(card) = asks.iter_mut().find(|c| c.id == id.to_string())
    {
        card.note_draft = note;
        card.error = Some(error);
    }
    Ok(render::html(status, &AsksPage { ctx, asks, done }))
}

/// `GET /exporter/document-requests`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(query): PageQuery<DoneQuery>,
) -> PageResult<Response> {
    show(&state, ctx, &user, StatusCode::OK, query.done == "sent", None).await
}

/// The message for a refused answer, naming the file at fault when one is, or `None` for refusals that are not
/// about the form (the error page).
fn answer_error(ctx: &PageCtx, error: &CooperationError, refused: Option<&str>) -> Option<(&'static str, String)> {
    let about_file = |key: &'static str| match refused {
        Some(name) => ctx.t_with("exporter.asks.error.file", &[("file", name), ("reason", ctx.t(key))]),
        None => ctx.t(key).to_owned(),
    };
    match error {
        CooperationError::Invalid { field, .. } if field == "note" => {
            Some(("note", ctx.t("exporter.asks.error.note").to_owned()))
        }
        CooperationError::Invalid { field, .. } if field == "documents" => {
            Some(("documents", ctx.t("exporter.asks.error.documents").to_owned()))
        }
        CooperationError::Invalid { .. } => Some(("documents", ctx.t("exporter.asks.error.file_name").to_owned())),
        CooperationError::FileTooLarge { .. } => Some(("documents", about_file("exporter.asks.error.file_too_large"))),
        CooperationError::UnsupportedFileType(_) => Some(("documents", about_file("exporter.asks.error.file_type"))),
        CooperationError::DuplicateFile => Some(("documents", ctx.t("exporter.asks.error.file_duplicate").to_owned())),
        _ => None,
    }
}

/// `POST /exporter/document-requests/{id}/answer` (multipart: `note` and the files in `documents`).
pub async fn answer(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    fields: Fields,
) -> PageResult<Response> {
    let note = fields.get("note").to_owned();
    let files = uploads(&fields, "documents");
    let limit = state.service.config().max_evidence_bytes;
    let refused = refused_file(&files, limit).map(str::to_owned);
    match state.service.answer_exporter_document_request(&user.caller, id, &note, files).await {
        Ok(_) => Ok(see_other("/exporter/document-requests?done=sent")),
        Err(error) => match answer_error(&ctx, &error, refused.as_deref()) {
            Some(found) => {
                show(&state, ctx, &user, StatusCode::UNPROCESSABLE_ENTITY, false, Some((id, note, found))).await
            }
            None => Err(error.into()),
        },
    }
}

/// `GET /exporter/document-requests/{id}/documents/{document}`: a file the exporter sent.
pub async fn document(
    State(state): State<AppState>,
    Signed(user): Signed,
    PagePath((id, document)): PagePath<(Uuid, Uuid)>,
) -> PageResult<Response> {
    let (record, bytes) = state.service.exporter_answer_document(&user.caller, id, document).await?;
    Ok(download(&record.file_name, &record.media_type, bytes))
}
