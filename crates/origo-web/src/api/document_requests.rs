//! Documents the certifying body asks of an exporter during a verification: the ask as the exporter and the
//! certifying body read it (which of the exporter's proofs, what is asked, by when, the answer and its files; never
//! the foreign authority's request), the exporter's answer with its files in base64, and the files of an
//! investigation step.

use base64::Engine;
use origo_service::attachments::Upload;
use origo_service::cooperation::exporter_documents::{AskSubject, AskView};
use origo_store::attachments::Attachment;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::common::date_text;
use crate::api::cooperation::{DocumentIn, DocumentOut};
use crate::error::{AppError, Code};

/// Decodes uploaded documents; bad base64 names its document (`documents[1].content_base64`).
pub fn decode_documents(documents: Vec<DocumentIn>) -> Result<Vec<Upload>, AppError> {
    documents
        .into_iter()
        .enumerate()
        .map(|(index, document)| {
            let bytes =
                base64::engine::general_purpose::STANDARD.decode(document.content_base64.as_bytes()).map_err(|_| {
                    let field = format!("documents[{index}].content_base64");
                    AppError::field(Code::ValidationFailed, field.clone(), format!("{field}: not standard base64"))
                })?;
            Ok(Upload { file_name: document.file_name, media_type: document.media_type, bytes })
        })
        .collect()
}

/// The exporter's proof of origin an ask is about.
#[derive(Debug, Serialize, ToSchema)]
pub struct AskSubjectOut {
    /// certificate or statement.
    pub kind: String,
    pub certificate_id: Option<Uuid>,
    pub certificate_number: Option<String>,
    pub statement_id: Option<Uuid>,
    /// YYYY-MM-DD, the day the statement was made out.
    pub statement_made_out_on: Option<String>,
    /// The commercial document the statement is printed on.
    pub statement_document_reference: Option<String>,
}

impl From<AskSubject> for AskSubjectOut {
    fn from(subject: AskSubject) -> AskSubjectOut {
        match subject {
            AskSubject::Certificate { id, number } => AskSubjectOut {
                kind: "certificate".into(),
                certificate_id: Some(id),
                certificate_number: Some(number),
                statement_id: None,
                statement_made_out_on: None,
                statement_document_reference: None,
            },
            AskSubject::Statement { id, made_out_on, document_reference } => AskSubjectOut {
                kind: "statement".into(),
                certificate_id: None,
                certificate_number: None,
                statement_id: Some(id),
                statement_made_out_on: Some(date_text(made_out_on)),
                statement_document_reference: document_reference,
            },
        }
    }
}

/// Documents asked of the exporter, with its answer once sent.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentRequestOut {
    pub id: Uuid,
    pub subject: AskSubjectOut,
    /// What the exporter is to send.
    pub asked: String,
    /// YYYY-MM-DD, the last day for the answer.
    pub due_date: String,
    /// pending or answered.
    pub status: String,
    /// Unanswered after the due day (today).
    pub missed: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub requested_at: OffsetDateTime,
    /// The exporter's note; null until answered.
    pub note: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub answered_at: Option<OffsetDateTime>,
    /// Answered after the due day.
    pub answered_late: bool,
    /// The files of the answer (download at `.../document-requests/{id}/documents/{document_id}`).
    pub documents: Vec<DocumentOut>,
}

impl From<AskView> for DocumentRequestOut {
    fn from(view: AskView) -> DocumentRequestOut {
        let ask = view.ask;
        DocumentRequestOut {
            answered_late: ask.answered_late(),
            id: ask.id,
            subject: view.subject.into(),
            asked: ask.asked,
            due_date: date_text(ask.due_on),
            status: ask.status.as_str().to_owned(),
            missed: view.missed,
            requested_at: ask.requested_at,
            note: ask.note,
            answered_at: ask.answered_at,
            documents: view.documents.into_iter().map(DocumentOut::from).collect(),
        }
    }
}

/// A file of an investigation step (download at `/api/v1/verification-requests/{id}/documents/{document_id}`).
#[derive(Debug, Serialize, ToSchema)]
pub struct StepDocumentOut {
    /// The step it belongs to.
    pub step_id: Option<Uuid>,
    #[serde(flatten)]
    pub document: DocumentOut,
}

impl From<Attachment> for StepDocumentOut {
    fn from(a: Attachment) -> StepDocumentOut {
        StepDocumentOut { step_id: a.part_id, document: a.into() }
    }
}

/// `POST /api/v1/document-requests/{id}/answer`: at least one document, and a note.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerIn {
    /// What the exporter says with its documents (optional, at most 10 000 characters).
    #[serde(default)]
    pub note: String,
    /// 1 to 10 documents, each checked like evidence files.
    pub documents: Vec<DocumentIn>,
}

/// `?limit=`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AskListQuery {
    /// 1 to 200; 50 when absent.
    pub limit: Option<u32>,
}
