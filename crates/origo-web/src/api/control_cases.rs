//! Post-clearance control cases: opening one (on a certificate number or a REX number), the case as officers read
//! it with its findings and documents, a finding with its documents in base64, closing.

use base64::Engine;
use origo_service::control::cases::{CaseSubject, CaseView, Upload};
use origo_store::control_cases::{CaseDocument, CaseStatus, ControlCase, Finding};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::proposals::ProposalOut;
use crate::error::{AppError, Code};

/// `POST /api/v1/control-cases`: a certificate number or a REX number, not both.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenCaseIn {
    /// A certificate issued here (`UZ-2026-000123`): the case is on it and its exporter.
    pub certificate_number: Option<String>,
    /// A REX number (`UZREX301234567`): the case is on the exporter.
    pub rex_number: Option<String>,
    /// Why customs opens the case.
    pub grounds: String,
}

impl OpenCaseIn {
    /// The subject, exactly one of the two numbers.
    pub fn subject(&self) -> Result<CaseSubject, AppError> {
        let present = |v: &Option<String>| v.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
        match (present(&self.certificate_number), present(&self.rex_number)) {
            (Some(number), None) => Ok(CaseSubject::CertificateNumber(number)),
            (None, Some(rex)) => Ok(CaseSubject::RexNumber(rex)),
            (Some(_), Some(_)) => Err(AppError::field(
                Code::ValidationFailed,
                "rex_number",
                "give a certificate_number or a rex_number, not both",
            )),
            (None, None) => Err(AppError::field(
                Code::ValidationFailed,
                "certificate_number",
                "certificate_number or rex_number is required",
            )),
        }
    }
}

/// `?status=&limit=&cursor=`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CaseListQuery {
    /// open or closed; every case when absent.
    pub status: Option<String>,
    /// 1 to 200; 50 when absent.
    pub limit: Option<u32>,
    /// The previous page's `next_cursor`.
    pub cursor: Option<Uuid>,
}

impl CaseListQuery {
    /// The status asked for, checked.
    pub fn status(&self) -> Result<Option<CaseStatus>, AppError> {
        self.status
            .as_deref()
            .map(|s| {
                s.parse()
                    .map_err(|_| AppError::field(Code::InvalidParameter, "status", "status must be open or closed"))
            })
            .transpose()
    }
}

/// A control case.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseOut {
    pub id: Uuid,
    /// `PCC-2026-000012`.
    pub reference: String,
    /// certificate or exporter.
    pub subject_kind: String,
    pub certificate_id: Option<Uuid>,
    pub exporter_id: Uuid,
    pub grounds: String,
    /// open or closed.
    pub status: String,
    pub opened_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub opened_at: OffsetDateTime,
    pub closed_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub closed_at: Option<OffsetDateTime>,
    pub conclusion: Option<String>,
}

impl From<ControlCase> for CaseOut {
    fn from(c: ControlCase) -> CaseOut {
        CaseOut {
            id: c.id,
            reference: c.reference,
            subject_kind: c.subject_kind.to_string(),
            certificate_id: c.certificate_id,
            exporter_id: c.exporter_id,
            grounds: c.grounds,
            status: c.status.to_string(),
            opened_by: c.opened_by,
            opened_at: c.opened_at,
            closed_by: c.closed_by,
            closed_at: c.closed_at,
            conclusion: c.conclusion,
        }
    }
}

/// A document's record (download it at `.../documents/{document_id}`).
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseDocumentOut {
    pub id: Uuid,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    /// Lower-case hex SHA-256 of the bytes.
    pub sha256: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub uploaded_at: OffsetDateTime,
}

impl From<CaseDocument> for CaseDocumentOut {
    fn from(d: CaseDocument) -> CaseDocumentOut {
        CaseDocumentOut {
            id: d.id,
            file_name: d.file_name,
            media_type: d.media_type,
            size_bytes: d.size_bytes,
            sha256: d.sha256,
            uploaded_at: d.uploaded_at,
        }
    }
}

/// A finding with its documents.
#[derive(Debug, Serialize, ToSchema)]
pub struct FindingOut {
    pub id: Uuid,
    pub text: String,
    pub recorded_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub recorded_at: OffsetDateTime,
    pub documents: Vec<CaseDocumentOut>,
}

impl From<(Finding, Vec<CaseDocument>)> for FindingOut {
    fn from((f, documents): (Finding, Vec<CaseDocument>)) -> FindingOut {
        FindingOut {
            id: f.id,
            text: f.text,
            recorded_by: f.recorded_by,
            recorded_at: f.recorded_at,
            documents: documents.into_iter().map(Into::into).collect(),
        }
    }
}

/// A case with its subject's numbers, its findings and the proposals made from it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseDetailOut {
    #[serde(flatten)]
    pub case: CaseOut,
    pub certificate_number: Option<String>,
    pub exporter_name: String,
    pub rex_number: Option<String>,
    pub findings: Vec<FindingOut>,
    pub proposals: Vec<ProposalOut>,
}

impl From<CaseView> for CaseDetailOut {
    fn from(v: CaseView) -> CaseDetailOut {
        let reference = v.case.reference.clone();
        let rex_number = v.exporter.rex_number.clone();
        let exporter_name = v.exporter.data.name.clone();
        let target_of = |p: &origo_store::proposals::Proposal| match p.target_kind {
            origo_store::proposals::TargetKind::Certificate => v.certificate_number.clone().unwrap_or_default(),
            origo_store::proposals::TargetKind::RexRegistration => rex_number.clone().unwrap_or_default(),
        };
        let proposals = v
            .proposals
            .iter()
            .map(|p| {
                ProposalOut::new(p.clone(), target_of(p), exporter_name.clone(), format!("control case {reference}"))
            })
            .collect();
        CaseDetailOut {
            case: v.case.into(),
            certificate_number: v.certificate_number,
            exporter_name,
            rex_number,
            findings: v.findings.into_iter().map(Into::into).collect(),
            proposals,
        }
    }
}

/// A document sent with a finding.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseDocumentIn {
    pub file_name: String,
    /// application/pdf, image/png, image/jpeg, application/xml or text/plain (checked against the content).
    pub media_type: String,
    /// The bytes, standard base64.
    pub content_base64: String,
}

/// `POST /api/v1/control-cases/{id}/findings`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingIn {
    pub text: String,
    /// Up to 10 documents (each at most the evidence size limit, 10 MiB).
    #[serde(default)]
    pub documents: Vec<CaseDocumentIn>,
}

impl FindingIn {
    /// The uploads, decoded; bad base64 names its document.
    pub fn uploads(self) -> Result<(String, Vec<Upload>), AppError> {
        let mut uploads = Vec::with_capacity(self.documents.len());
        for (index, document) in self.documents.into_iter().enumerate() {
            let bytes =
                base64::engine::general_purpose::STANDARD.decode(document.content_base64.as_bytes()).map_err(|_| {
                    let field = format!("documents[{index}].content_base64");
                    AppError::field(Code::ValidationFailed, field.clone(), format!("{field}: not standard base64"))
                })?;
            uploads.push(Upload { file_name: document.file_name, media_type: document.media_type, bytes });
        }
        Ok((self.text, uploads))
    }
}

/// `POST /api/v1/control-cases/{id}/close`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseCaseIn {
    /// What the control concluded.
    pub conclusion: String,
}
