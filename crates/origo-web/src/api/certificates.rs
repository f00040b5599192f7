//! Certificates: the answer to issuance, the certificate as its readers see it, revocation, replacement, the
//! public check and the bulk check.

use origo_service::issuance::Issued;
use origo_service::replacement::{ConsigneeCorrection, Corrections, Replacement, ReplacementRequest};
use origo_service::verification::{BulkAnswer, PublicCertificate};
use origo_store::certificates::Certificate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

/// A certificate just issued. `security_code` is only in the first answer: a replay with the same
/// `Idempotency-Key` returns the same certificate without it (only its hash is kept).
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedOut {
    pub certificate_id: Uuid,
    /// `UZ-2026-000123`.
    pub number: String,
    pub security_code: Option<String>,
    /// The signed document (origo-signed/1).
    #[schema(value_type = Object)]
    pub document: Value,
}

impl From<Issued> for IssuedOut {
    fn from(i: Issued) -> IssuedOut {
        IssuedOut {
            certificate_id: i.certificate_id,
            number: i.number,
            security_code: i.security_code,
            document: i.document,
        }
    }
}

/// A certificate, for a reader allowed to see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateOut {
    pub id: Uuid,
    pub number: String,
    pub kind: String,
    /// valid, revoked or replaced.
    pub status: String,
    pub status_reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub issued_at: OffsetDateTime,
    pub key_id: String,
    pub application_id: Option<Uuid>,
    pub exporter_id: Uuid,
    pub replaced_by_id: Option<Uuid>,
    pub replaces_id: Option<Uuid>,
    /// The signed document, as signed.
    #[schema(value_type = Object)]
    pub document: Value,
}

impl From<Certificate> for CertificateOut {
    fn from(c: Certificate) -> CertificateOut {
        CertificateOut {
            document: serde_json::from_str(&c.document).unwrap_or(Value::Null),
            id: c.id,
            number: c.number,
            kind: c.kind.as_str().to_owned(),
            status: c.status.as_str().to_owned(),
            status_reason: c.status_reason,
            issued_at: c.issued_at,
            key_id: c.key_id,
            application_id: c.application_id,
            exporter_id: c.exporter_id,
            replaced_by_id: c.replaced_by_id,
            replaces_id: c.replaces_id,
        }
    }
}

/// `POST /api/v1/certificates/{id}/revocation`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevokeCertificateRequest {
    pub reasons: String,
}

/// Corrections to the consignee printed on the certificate; a field left out keeps its value.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsigneeCorrectionIn {
    pub name: Option<String>,
    pub address: Option<String>,
    /// ISO alpha-2.
    pub country: Option<String>,
}

/// `POST /api/v1/certificates/{id}/replacement`: why, and what to correct on the new certificate.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplaceCertificateRequest {
    /// Required.
    pub reasons: String,
    #[serde(default)]
    pub consignee: Option<ConsigneeCorrectionIn>,
    /// New remarks; an empty text removes them. Left out, the old certificate's remarks are kept.
    #[serde(default)]
    pub remarks: Option<String>,
}

impl From<ReplaceCertificateRequest> for ReplacementRequest {
    fn from(r: ReplaceCertificateRequest) -> ReplacementRequest {
        ReplacementRequest {
            reasons: r.reasons,
            corrections: Corrections {
                consignee: r.consignee.map(|c| ConsigneeCorrection {
                    name: c.name,
                    address: c.address,
                    country: c.country,
                }),
                remarks: r.remarks,
            },
        }
    }
}

/// A replacement just made: the new certificate as issuance answers it, and the certificate it replaces.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReplacementOut {
    #[serde(flatten)]
    pub issued: IssuedOut,
    pub replaced_id: Uuid,
    /// The number of the certificate replaced (now `replaced`).
    pub replaced_number: String,
}

impl From<Replacement> for ReplacementOut {
    fn from(r: Replacement) -> ReplacementOut {
        ReplacementOut { issued: r.issued.into(), replaced_id: r.replaced_id, replaced_number: r.replaced_number }
    }
}

/// `?code=` of the public check.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CodeQuery {
    /// The security code printed on the certificate.
    pub code: Option<String>,
}

/// The public view: status and the certificate without prices, invoices or suppliers.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicCertificateOut {
    pub number: String,
    /// valid, revoked or replaced.
    pub status: String,
    pub status_reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub issued_at: OffsetDateTime,
    /// For a replaced certificate: the number of the one that replaces it.
    pub replaced_by: Option<String>,
    /// For a replacement: the number of the certificate it replaces.
    pub replaces: Option<String>,
    /// The certificate without prices, invoices or suppliers.
    #[schema(value_type = Object)]
    pub certificate: Box<RawValue>,
}

impl From<PublicCertificate> for PublicCertificateOut {
    fn from(p: PublicCertificate) -> PublicCertificateOut {
        PublicCertificateOut {
            number: p.number,
            status: p.status.as_str().to_owned(),
            status_reason: p.status_reason,
            issued_at: p.issued_at,
            replaced_by: p.replaced_by,
            replaces: p.replaces,
            certificate: p.certificate.json().to_owned(),
        }
    }
}

/// `POST /api/v1/verifications/bulk`: 1 to 1 000 certificate numbers.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkRequest {
    pub numbers: Vec<String>,
}

/// One answer of a bulk check; `status` is null for a number unknown or not visible to the caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct BulkAnswerOut {
    pub number: String,
    pub status: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub issued_at: Option<OffsetDateTime>,
    /// For a replaced certificate: the number of the one that replaces it.
    pub replaced_by: Option<String>,
}

impl From<BulkAnswer> for BulkAnswerOut {
    fn from(a: BulkAnswer) -> BulkAnswerOut {
        BulkAnswerOut {
            number: a.number,
            status: a.status.map(|s| s.as_str().to_owned()),
            issued_at: a.issued_at,
            replaced_by: a.replaced_by,
        }
    }
}

/// The answers of a bulk check, in the order asked.
#[derive(Debug, Serialize, ToSchema)]
pub struct BulkResponse {
    pub results: Vec<BulkAnswerOut>,
}
