//! `/exporter/applications/{id}`: where an application stands and what comes next, what the certifier asked or
//! decided (with the reasons), its history, each goods item's determination explained, and its evidence files
//! (uploaded here, each checked for type and size by the service and shown with its SHA-256). The exporter submits
//! from here, and answers a request for information by editing and submitting again.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use origo_service::examination::{ExamineError, state_of};
use origo_service::intake::{ApplicationView, IntakeError};
use origo_service::{application::State as Stage, tracking::ApplicationEvent};
use origo_store::applications::ProofKind;

use super::explain::{Explanation, explain};
use super::fields::Fields;
use super::input::Message;
use super::wizard::page_id;
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::PageResult;
use crate::pages::render;
use crate::pages::verify::kind_key;
use crate::state::AppState;

/// An application's stage in words: (CSS class, label, what it means for the exporter).
pub fn stage_words(ctx: &PageCtx, stage: Stage) -> (&'static str, &'static str, &'static str) {
    match stage {
        Stage::Draft => ("draft", ctx.t("exporter.state.draft"), ctx.t("exporter.state.draft.next")),
        Stage::Submitted => ("submitted", ctx.t("exporter.state.submitted"), ctx.t("exporter.state.submitted.next")),
        Stage::InformationRequested => (
            "information_requested",
            ctx.t("exporter.state.information_requested"),
            ctx.t("exporter.state.information_requested.next"),
        ),
        Stage::AwaitingSecondSignature => (
            "awaiting_second_signature",
            ctx.t("exporter.state.awaiting_second_signature"),
            ctx.t("exporter.state.awaiting_second_signature.next"),
        ),
        Stage::Approved => ("approved", ctx.t("exporter.state.approved"), ctx.t("exporter.state.approved.next")),
        Stage::Refused => ("refused", ctx.t("exporter.state.refused"), ctx.t("exporter.state.refused.next")),
        Stage::Issued => ("issued", ctx.t("exporter.state.issued"), ctx.t("exporter.state.issued.next")),
    }
}

/// An event of the history in words.
fn change_words(ctx: &PageCtx, change: &str) -> &'static str {
    match change {
        "created" => ctx.t("exporter.history.created"),
        "updated" => ctx.t("exporter.history.updated"),
        "submitted" => ctx.t("exporter.history.submitted"),
        "information_requested" => ctx.t("exporter.history.information_requested"),
        "approved" => ctx.t("exporter.history.approved"),
        "refused" => ctx.t("exporter.history.refused"),
        "issued" => ctx.t("exporter.history.issued"),
        "examiner_assigned" => ctx.t("exporter.history.examined"),
        "second_signed" => ctx.t("exporter.history.second_signed"),
        _ => ctx.t("exporter.history.other"),
    }
}

/// A row of the history.
#[derive(Debug, Clone)]
pub struct HistoryRow {
    pub when: String,
    pub what: &'static str,
    pub who: &'static str,
    pub reason: Option<String>,
}

/// A goods item with its determination.
#[derive(Debug, Clone)]
pub struct ItemSummary {
    pub number: i64,
    pub hs: String,
    pub description: String,
    pub quantity: String,
    pub materials: usize,
    pub explanation: Option<Explanation>,
}

/// An evidence file.
#[derive(Debug, Clone)]
pub struct EvidenceRow {
    pub file_name: String,
    pub media_type: String,
    pub size: String,
    pub sha256: String,
    pub uploaded: String,
}

/// The application's page.
#[derive(Template)]
#[template(path = "exporter/application.html")]
pub struct ApplicationPage {
    pub ctx: PageCtx,
    pub id: String,
    pub kind: &'static str,
    pub stage: &'static str,
    pub stage_label: &'static str,
    pub next: &'static str,
    pub editable: bool,
    /// The certifier's question or decision, with its reasons.
    pub reasons: Option<String>,
    pub reasons_heading: &'static str,
    pub created: String,
    pub importing_country: String,
    pub consignee: Option<String>,
    pub items: Vec<ItemSummary>,
    pub evidence: Vec<EvidenceRow>,
    pub evidence_error: Option<Message>,
    pub submit_error: Option<Message>,
    pub history: Vec<HistoryRow>,
    /// The statement page, for a statement or declaration that is submitted.
    pub statement_href: Option<String>,
    /// The certificate page once issued.
    pub certificate_href: Option<String>,
}

fn role_words(ctx: &PageCtx, role: &str) -> &'static str {
    match role {
        "exporter" => ctx.t("role.exporter"),
        "certifier" => ctx.t("role.certifier"),
        "supervisor" => ctx.t("role.supervisor"),
        _ => ctx.t("exporter.history.system"),
    }
}

async fn load(state: &AppState, ctx: PageCtx, user: &SignedIn, id: uuid::Uuid) -> PageResult<ApplicationPage> {
    let view: ApplicationView = state.service.application(&user.caller, id).await?;
    let history: Vec<ApplicationEvent> = state.service.application_history(&user.caller, id).await?;
    let application = &view.application;
    let stage = state_of(application);
    let (class, label, next) = stage_words(&ctx, stage);
    let reasons_heading = match stage {
        Stage::InformationRequested => ctx.t("exporter.application.asked"),
        Stage::Refused => ctx.t("exporter.application.refused_because"),
        _ => ctx.t("exporter.application.decision_reasons"),
    };
    let certificate_href = if stage == Stage::Issued {
        let certificates =
            state.service.exporter_certificates(&user.caller, application.exporter_id, None, 1000).await?;
        certificates
            .iter()
            .rev()
            .find(|c| c.application_id == Some(id))
            .map(|c| format!("/exporter/certificates/{}", c.id))
    } else {
        None
    };
    let self_made = matches!(application.kind, ProofKind::StatementOnOrigin | ProofKind::OriginDeclaration);
    let statement_href = (self_made && matches!(stage, Stage::Submitted | Stage::Approved))
        .then(|| format!("/exporter/applications/{id}/statement"));
    let text = |key: &str| application.consignment.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let consignee = application.consignment.get("consignee").map(|c| {
        let part = |k: &str| c.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        [part("name"), part("address"), part("country")]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    });
    Ok(ApplicationPage {
        id: id.to_string(),
        kind: ctx.t(kind_key(application.kind.as_str())),
        stage: class,
        stage_label: label,
        next,
        editable: application.state.is_editable(),
        reasons: application.decision_reason.clone().filter(|r| !r.trim().is_empty()),
        reasons_heading,
        created: ctx.date(application.created_at.date()),
        importing_country: text("importing_country").unwrap_or_default(),
        consignee,
        items: view
            .items
            .iter()
            .map(|i| ItemSummary {
                number: i.item.line_no,
                hs: i.item.hs_code.clone(),
                description: i.item.description.clone(),
                quantity: format!("{} {}", ctx.decimal(&i.item.quantity), i.item.unit),
                materials: i.materials.len(),
                explanation: i.determination.as_ref().map(|d| explain(&ctx, &d.result)),
            })
            .collect(),
        evidence: view
            .evidence
            .iter()
            .map(|e| EvidenceRow {
                file_name: e.file_name.clone(),
                media_type: e.media_type.clone(),
                size: ctx.integer(u64::try_from(e.size_bytes).unwrap_or_default()),
                sha256: e.sha256.clone(),
                uploaded: ctx.date(e.uploaded_at.date()),
            })
            .collect(),
        evidence_error: None,
        submit_error: None,
        history: history
            .iter()
            .map(|event| HistoryRow {
                when: ctx.date(event.at.date()),
                what: change_words(&ctx, &event.change),
                who: role_words(&ctx, &event.role),
                reason: event.reason.clone(),
            })
            .collect(),
        statement_href,
        certificate_href,
        ctx,
    })
}

/// `GET /exporter/applications/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    Path(path): Path<String>,
) -> PageResult<Response> {
    let id = page_id(&path)?;
    Ok(render::ok(&load(&state, ctx, &user, id).await?))
}

/// `POST /exporter/applications/{id}/submit`: origin is determined for every item and the application goes to the
/// certifying body (again, after a request for information).
pub async fn submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    Path(path): Path<String>,
) -> PageResult<Response> {
    let id = page_id(&path)?;
    let message = match state.service.submit_application(&user.caller, id).await {
        Ok(_) => return Ok(Redirect::to(&format!("/exporter/applications/{id}")).into_response()),
        Err(ExamineError::InvalidItem { line, field, message }) => {
            let line = line.to_string();
            let detail = format!("{field}: {message}");
            ctx.t_with("exporter.application.submit_item_error", &[("item", &line), ("detail", &detail)])
        }
        Err(ExamineError::Transition(_)) => ctx.t("exporter.application.submit_not_now").to_owned(),
        Err(other) => return Err(other.into()),
    };
    let mut page = load(&state, ctx, &user, id).await?;
    page.submit_error = Some(message);
    Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

/// The media type to give the service for an uploaded file: the browser's, or one read from the file's name when
/// the browser did not know (`application/octet-stream`).
pub(crate) fn media_type_of(media_type: &str, file_name: &str) -> String {
    let by_name = || {
        let extension = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        match extension.as_str() {
            "pdf" => "application/pdf",
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "xml" => "application/xml",
            "txt" | "csv" => "text/plain",
            _ => "application/octet-stream",
        }
    };
    match media_type {
        "" | "application/octet-stream" => by_name().to_owned(),
        "text/xml" => "application/xml".to_owned(),
        "text/csv" => "text/plain".to_owned(),
        other => other.to_owned(),
    }
}

/// `POST /exporter/applications/{id}/evidence` (multipart, field `file`).
pub async fn upload_evidence(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    Path(path): Path<String>,
    fields: Fields,
) -> PageResult<Response> {
    let id = page_id(&path)?;
    let (status, message) = match fields.upload("file") {
        None => (StatusCode::UNPROCESSABLE_ENTITY, ctx.t("exporter.evidence.missing").to_owned()),
        Some(file) => {
            let media_type = media_type_of(&file.media_type, &file.file_name);
            let added =
                state.service.add_evidence(&user.caller, id, &file.file_name, &media_type, file.bytes.clone()).await;
            match added {
                Ok(_) => return Ok(Redirect::to(&format!("/exporter/applications/{id}#evidence")).into_response()),
                Err(IntakeError::FileTooLarge { limit }) => {
                    let limit = ctx.integer(u64::try_from(limit).unwrap_or(u64::MAX));
                    (StatusCode::PAYLOAD_TOO_LARGE, ctx.t_with("exporter.evidence.too_large", &[("limit", &limit)]))
                }
                Err(IntakeError::UnsupportedFileType(_)) => {
                    (StatusCode::UNSUPPORTED_MEDIA_TYPE, ctx.t("exporter.evidence.type").to_owned())
                }
                Err(IntakeError::DuplicateFile) => {
                    (StatusCode::CONFLICT, ctx.t("exporter.evidence.duplicate").to_owned())
                }
                Err(IntakeError::Invalid { .. }) => {
                    (StatusCode::UNPROCESSABLE_ENTITY, ctx.t("exporter.evidence.file_name").to_owned())
                }
                Err(IntakeError::NotEditable) => {
                    (StatusCode::CONFLICT, ctx.t("exporter.evidence.not_editable").to_owned())
                }
                Err(other) => return Err(other.into()),
            }
        }
    };
    let mut page = load(&state, ctx, &user, id).await?;
    page.evidence_error = Some(message);
    Ok(render::html(status, &page))
}

#[cfg(test)]
mod tests {
    use super::media_type_of;

    #[test]
    fn unknown_media_types_are_read_from_the_name() {
        assert_eq!(media_type_of("application/octet-stream", "Invoice.PDF"), "application/pdf");
        assert_eq!(media_type_of("", "scan.jpeg"), "image/jpeg");
        assert_eq!(media_type_of("text/xml", "a.xml"), "application/xml");
        assert_eq!(
            media_type_of("image/png", "a.pdf"),
            "image/png",
            "the browser's type stands; the service checks it"
        );
    }
}
