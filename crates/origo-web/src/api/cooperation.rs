//! Administrative cooperation: a foreign authority's verification request (with its documents in base64), the
//! request as its readers see it (subject, deadline standing, documents, and for the certifying body the
//! investigation), investigation steps, the reply, and the statistics per partner country.

use base64::Engine;
use origo_service::cooperation::investigation::{ExporterAsk, RecordedStep, StepExtras, StepRequest};
use origo_service::cooperation::reply::{Replied, ReplyRequest};
use origo_service::cooperation::requests::{FileRequest, RequestDetail, RequestView, SubjectView, UploadedDocument};
use origo_service::cooperation::statistics::CountryStatistics;
use origo_store::cooperation::alerts::Alert;
use origo_store::cooperation::documents::RequestDocument;
use origo_store::cooperation::steps::{Step, StepKind};
use origo_store::cooperation::{ReasonKind, ReplyOutcome, RequestStatus};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::common::{date_text, parse_date};
use crate::api::document_requests::{DocumentRequestOut, StepDocumentOut, decode_documents};
use crate::error::{AppError, Code};

/// Reads one of an enum's stored names, or names the field.
fn parse_enum<T: std::str::FromStr>(field: &str, text: &str, allowed: &str) -> Result<T, AppError> {
    text.parse()
        .map_err(|_| AppError::field(Code::ValidationFailed, field, format!("{field}: must be one of {allowed}")))
}

/// A document sent with a request.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentIn {
    pub file_name: String,
    /// application/pdf, image/png, image/jpeg, application/xml or text/plain (checked against the content).
    pub media_type: String,
    /// The bytes, standard base64.
    pub content_base64: String,
}

/// `POST /api/v1/verification-requests`: a certificate number or a statement hash, not both.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FileVerificationRequestIn {
    /// A certificate bound for the authority's country (`UZ-2026-000123`).
    pub certificate_number: Option<String>,
    /// The SHA-256 (64 hex digits) of a registered statement on origin's text.
    pub statement_hash: Option<String>,
    /// random, authenticity, originating_status or other_requirements.
    pub reason_kind: String,
    /// Why the authority asks (required: requests are not for "fishing").
    pub reasons: String,
    /// Up to 10 documents (each at most the evidence size limit, 10 MiB, all of them together too).
    #[serde(default)]
    pub documents: Vec<DocumentIn>,
}

impl FileVerificationRequestIn {
    /// The service's request: enum values and base64 are read here, everything else is checked by the service.
    pub fn into_request(self) -> Result<FileRequest, AppError> {
        let reason_kind = parse_enum::<ReasonKind>(
            "reason_kind",
            &self.reason_kind,
            "random, authenticity, originating_status, other_requirements",
        )?;
        let mut documents = Vec::with_capacity(self.documents.len());
        for (index, document) in self.documents.into_iter().enumerate() {
            let bytes =
                base64::engine::general_purpose::STANDARD.decode(document.content_base64.as_bytes()).map_err(|_| {
                    let field = format!("documents[{index}].content_base64");
                    AppError::field(Code::ValidationFailed, field.clone(), format!("{field}: not standard base64"))
                })?;
            documents.push(UploadedDocument { file_name: document.file_name, media_type: document.media_type, bytes });
        }
        Ok(FileRequest {
            certificate_number: self.certificate_number,
            statement_hash: self.statement_hash,
            reason_kind,
            reasons: self.reasons,
            documents,
        })
    }
}

/// `?status=&limit=&cursor=`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RequestListQuery {
    /// open, investigating or answered.
    pub status: Option<String>,
    /// ISO alpha-2 of the requesting country (the certifying body's readers; a foreign authority always gets its
    /// own).
    pub country: Option<String>,
    /// 1 to 200; 50 when absent.
    pub limit: Option<u32>,
    /// The previous page's `next_cursor`.
    pub cursor: Option<Uuid>,
}

impl RequestListQuery {
    /// The status asked for, checked.
    pub fn status(&self) -> Result<Option<RequestStatus>, AppError> {
        self.status
            .as_deref()
            .map(|s| {
                s.parse().map_err(|_| {
                    AppError::field(Code::InvalidParameter, "status", "status must be open, investigating or answered")
                })
            })
            .transpose()
    }
}

/// What a request is about.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectOut {
    /// certificate or statement.
    pub kind: String,
    pub certificate_id: Option<Uuid>,
    pub certificate_number: Option<String>,
    /// valid, revoked or replaced.
    pub certificate_status: Option<String>,
    pub statement_id: Option<Uuid>,
    pub statement_hash: Option<String>,
    /// The statement was recorded as not confirmed by a reply.
    pub statement_not_confirmed: Option<bool>,
}

impl From<SubjectView> for SubjectOut {
    fn from(subject: SubjectView) -> SubjectOut {
        match subject {
            SubjectView::Certificate { id, number, status } => SubjectOut {
                kind: "certificate".into(),
                certificate_id: Some(id),
                certificate_number: Some(number),
                certificate_status: Some(status.as_str().to_owned()),
                statement_id: None,
                statement_hash: None,
                statement_not_confirmed: None,
            },
            SubjectView::Statement { id, text_hash, not_confirmed } => SubjectOut {
                kind: "statement".into(),
                certificate_id: None,
                certificate_number: None,
                certificate_status: None,
                statement_id: Some(id),
                statement_hash: Some(text_hash),
                statement_not_confirmed: Some(not_confirmed),
            },
        }
    }
}

/// A verification request, in a list or on its own.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequestOut {
    pub id: Uuid,
    /// `VR-2026-000123`.
    pub reference: String,
    pub requesting_country: String,
    pub subject: SubjectOut,
    pub reason_kind: String,
    pub reasons: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub received_at: OffsetDateTime,
    /// YYYY-MM-DD, the last day to reply.
    pub deadline: String,
    /// open, investigating or answered.
    pub status: String,
    /// Days to the deadline today (negative once passed); null once answered.
    pub days_left: Option<i64>,
    /// Unanswered, the deadline within the reminder period (30 days by default).
    pub due_soon: bool,
    /// Unanswered after the deadline.
    pub overdue: bool,
    /// confirmed, not_confirmed or undetermined; null until answered.
    pub outcome: Option<String>,
    pub findings: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub answered_at: Option<OffsetDateTime>,
    /// Answered on or before the deadline; null until answered.
    pub answered_in_time: Option<bool>,
}

impl From<RequestView> for RequestOut {
    fn from(view: RequestView) -> RequestOut {
        let r = view.request;
        RequestOut {
            answered_in_time: r.answered_in_time(),
            id: r.id,
            reference: r.reference,
            requesting_country: r.requesting_country,
            subject: view.subject.into(),
            reason_kind: r.reason_kind.as_str().to_owned(),
            reasons: r.reasons,
            received_at: r.received_at,
            deadline: date_text(r.deadline),
            status: r.status.as_str().to_owned(),
            days_left: view.days_left,
            due_soon: view.due_soon,
            overdue: view.overdue,
            outcome: r.outcome.map(|o| o.as_str().to_owned()),
            findings: r.findings,
            answered_at: r.answered_at,
        }
    }
}

/// A document's record (download it at `.../documents/{document_id}`).
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentOut {
    pub id: Uuid,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    /// Lowercase hex SHA-256 of the bytes.
    pub sha256: String,
}

impl From<RequestDocument> for DocumentOut {
    fn from(d: RequestDocument) -> DocumentOut {
        DocumentOut {
            id: d.id,
            file_name: d.file_name,
            media_type: d.media_type,
            size_bytes: d.size_bytes,
            sha256: d.sha256,
        }
    }
}

/// An investigation step.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepOut {
    pub id: Uuid,
    /// documents_requested_from_exporter, exporter_documents_received or site_visit.
    pub kind: String,
    pub description: String,
    /// YYYY-MM-DD, the day it happened.
    pub date: String,
    pub recorded_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub recorded_at: OffsetDateTime,
}

impl From<Step> for StepOut {
    fn from(s: Step) -> StepOut {
        StepOut {
            id: s.id,
            kind: s.kind.as_str().to_owned(),
            description: s.description,
            date: date_text(s.step_date),
            recorded_by: s.recorded_by,
            recorded_at: s.recorded_at,
        }
    }
}

/// A reminder or an escalation raised by the deadline sweep.
#[derive(Debug, Serialize, ToSchema)]
pub struct AlertOut {
    /// reminder or escalation.
    pub kind: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub raised_at: OffsetDateTime,
}

impl From<Alert> for AlertOut {
    fn from(a: Alert) -> AlertOut {
        AlertOut { kind: a.kind.as_str().to_owned(), raised_at: a.raised_at }
    }
}

/// A request with its documents; for the certifying body, customs and auditors also its investigation steps and
/// alerts (null for the requesting authority: the signed reply reports the steps).
#[derive(Debug, Serialize, ToSchema)]
pub struct RequestDetailOut {
    #[serde(flatten)]
    pub request: RequestOut,
    pub documents: Vec<DocumentOut>,
    pub steps: Option<Vec<StepOut>>,
    pub alerts: Option<Vec<AlertOut>>,
    /// The steps' files: for the certifying body and auditors (null for the others, customs included).
    pub step_documents: Option<Vec<StepDocumentOut>>,
    /// What was asked of the exporter, with its answers and their files: for the same roles.
    pub document_requests: Option<Vec<DocumentRequestOut>>,
}

impl From<RequestDetail> for RequestDetailOut {
    fn from(d: RequestDetail) -> RequestDetailOut {
        RequestDetailOut {
            request: d.view.into(),
            documents: d.documents.into_iter().map(DocumentOut::from).collect(),
            steps: d.steps.map(|steps| steps.into_iter().map(StepOut::from).collect()),
            alerts: d.alerts.map(|alerts| alerts.into_iter().map(AlertOut::from).collect()),
            step_documents: d.step_documents.map(|files| files.into_iter().map(StepDocumentOut::from).collect()),
            document_requests: d.document_requests.map(|asks| asks.into_iter().map(DocumentRequestOut::from).collect()),
        }
    }
}

/// `POST /api/v1/verification-requests/{id}/steps`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepIn {
    /// documents_requested_from_exporter, exporter_documents_received or site_visit.
    pub kind: String,
    pub description: String,
    /// YYYY-MM-DD, not in the future nor before the request was received; today when absent.
    pub date: Option<String>,
    /// With `documents_requested_from_exporter` only: what the exporter is to send. The exporter sees this (and
    /// `due_date`), never the foreign authority's request.
    pub asked: Option<String>,
    /// YYYY-MM-DD, the last day for the exporter's answer (required with `asked`, not before the step's day).
    pub due_date: Option<String>,
    /// Files of the step (a site-visit report): up to 10, checked like evidence files.
    #[serde(default)]
    pub documents: Vec<DocumentIn>,
}

impl StepIn {
    pub fn into_request(self) -> Result<(StepRequest, StepExtras), AppError> {
        let kind = parse_enum::<StepKind>(
            "kind",
            &self.kind,
            "documents_requested_from_exporter, exporter_documents_received, site_visit",
        )?;
        let date = self.date.as_deref().map(|d| parse_date("date", d)).transpose()?;
        let due_on = self.due_date.as_deref().map(|d| parse_date("due_date", d)).transpose()?;
        let ask = match (self.asked, due_on) {
            (None, None) => None,
            (asked, due_on) => Some(ExporterAsk { asked: asked.unwrap_or_default(), due_on }),
        };
        let extras = StepExtras { documents: decode_documents(self.documents)?, ask };
        Ok((StepRequest { kind, description: self.description, date }, extras))
    }
}

impl From<RecordedStep> for RecordedStepOut {
    fn from(r: RecordedStep) -> RecordedStepOut {
        RecordedStepOut {
            step: r.step.into(),
            documents: r.documents.into_iter().map(DocumentOut::from).collect(),
            document_request: r.ask.map(DocumentRequestOut::from),
        }
    }
}

/// A recorded step with its files and what it asked of the exporter.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordedStepOut {
    #[serde(flatten)]
    pub step: StepOut,
    pub documents: Vec<DocumentOut>,
    pub document_request: Option<DocumentRequestOut>,
}

/// `POST /api/v1/verification-requests/{id}/reply`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyIn {
    /// confirmed, not_confirmed or undetermined.
    pub outcome: String,
    /// What the investigation found (required).
    pub findings: String,
}

impl ReplyIn {
    pub fn into_request(self) -> Result<ReplyRequest, AppError> {
        let outcome = parse_enum::<ReplyOutcome>("outcome", &self.outcome, "confirmed, not_confirmed, undetermined")?;
        Ok(ReplyRequest { outcome, findings: self.findings })
    }
}

/// The answered request, and what the reply did.
#[derive(Debug, Serialize, ToSchema)]
pub struct RepliedOut {
    #[serde(flatten)]
    pub request: RequestDetailOut,
    /// The certificate revoked because the reply is "not confirmed".
    pub revoked_certificate: Option<String>,
    /// The proposal to revoke the exporter's REX registration, made after repeated failed verifications.
    pub rex_revocation_proposal_id: Option<Uuid>,
}

impl From<Replied> for RepliedOut {
    fn from(r: Replied) -> RepliedOut {
        RepliedOut {
            request: r.detail.into(),
            revoked_certificate: r.revoked_certificate,
            rex_revocation_proposal_id: r.rex_proposal,
        }
    }
}

/// One partner country's figures.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountryStatisticsOut {
    /// ISO alpha-2 of the requesting authorities' country.
    pub country: String,
    pub requests: u64,
    pub answered: u64,
    pub answered_in_time: u64,
    pub open: u64,
    pub overdue: u64,
    pub confirmed: u64,
    pub not_confirmed: u64,
    pub undetermined: u64,
    /// Median days from receipt to reply (a decimal string, `.5` when the middle two differ by an odd number);
    /// null when none is answered.
    pub median_turnaround_days: Option<String>,
}

impl From<CountryStatistics> for CountryStatisticsOut {
    fn from(s: CountryStatistics) -> CountryStatisticsOut {
        CountryStatisticsOut {
            country: s.country,
            requests: s.requests,
            answered: s.answered,
            answered_in_time: s.answered_in_time,
            open: s.open,
            overdue: s.overdue,
            confirmed: s.confirmed,
            not_confirmed: s.not_confirmed,
            undetermined: s.undetermined,
            median_turnaround_days: s.median_turnaround_days.map(|d| d.normalize().to_string()),
        }
    }
}

/// `GET /api/v1/verification-requests/statistics`.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatisticsOut {
    pub countries: Vec<CountryStatisticsOut>,
}
