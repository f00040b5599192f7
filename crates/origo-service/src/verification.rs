//! Certificates after issuance: reading them, revocation with reasons, the public status list, the public check by
//! number and security code, and bulk checks for foreign authorities.

use crate::public_views::PublicView;
use origo_documents::certificate::CertificateNumber;
use origo_documents::signing::SignedDocument;
use origo_documents::status::{StatusChange, StatusEntry, StatusList};
use origo_store::StoreError;
use origo_store::certificates::{self, Certificate, CertificateStatus};
use origo_store::public_check;
use serde::Serialize;
use std::sync::Arc;
use uuid::Uuid;

use crate::access::Caller;
use crate::clock::doc_date;
use crate::issuance::security_code_hash;
use crate::policy::{Action, Denied, Resource};
use crate::service::Service;

/// Most numbers one bulk check may ask about.
pub const BULK_LIMIT: usize = 1000;

/// Why a certificate operation failed.
#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Unknown number, wrong code, or not visible to the caller: one answer for all.
    #[error("certificate not found")]
    NotFound,
    #[error("reasons are required")]
    ReasonsRequired,
    #[error("the certificate is already {0:?}")]
    NotValid(CertificateStatus),
    #[error("a bulk check takes 1 to {BULK_LIMIT} numbers")]
    BulkSize,
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for CertificateError {
    fn from(error: StoreError) -> CertificateError {
        match error {
            StoreError::NotFound { .. } => CertificateError::NotFound,
            e => CertificateError::Store(e),
        }
    }
}

/// What the public sees: the status and the certificate without prices, invoices or suppliers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicCertificate {
    pub number: String,
    pub status: CertificateStatus,
    pub status_reason: Option<String>,
    pub issued_at: time::OffsetDateTime,
    /// When it was revoked or replaced; `None` while valid.
    pub status_changed_at: Option<time::OffsetDateTime>,
    /// For a replaced certificate: the number of the one that replaces it.
    pub replaced_by: Option<String>,
    /// For a replacement: the number of the certificate it replaces.
    pub replaces: Option<String>,
    #[serde(serialize_with = "crate::public_views::serialize_shared")]
    pub certificate: Arc<PublicView>,
}

/// One answer of a bulk check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BulkAnswer {
    pub number: String,
    /// `None` when unknown or not visible to the caller.
    pub status: Option<CertificateStatus>,
    pub issued_at: Option<time::OffsetDateTime>,
    /// For a replaced certificate: the number of the one that replaces it.
    pub replaced_by: Option<String>,
}

fn importing_country(certificate: &Certificate) -> Option<String> {
    let signed: SignedDocument = serde_json::from_str(&certificate.document).ok()?;
    signed.document.get("importing_country")?.as_str().map(str::to_owned)
}

fn visible(caller: &Caller, certificate: &Certificate) -> Result<(), Denied> {
    let owner = certificate.exporter_id.to_string();
    let importing = importing_country(certificate);
    let resource = Resource { exporter_id: Some(&owner), importing_country: importing.as_deref(), examiner_id: None };
    caller.may(Action::ReadCertificate, &resource)
}

impl Service {
    /// A certificate the caller may read (others' are "not found").
    pub async fn certificate(&self, caller: &Caller, id: Uuid) -> Result<Certificate, CertificateError> {
        let mut conn = self.store.conn().await?;
        let certificate = certificates::get(&mut conn, id).await?;
        match visible(caller, &certificate) {
            Err(Denied::NotVisible) => Err(CertificateError::NotFound),
            other => Ok(other.map(|()| certificate)?),
        }
    }

    /// A certifier revokes a valid certificate, with reasons.
    pub async fn revoke_certificate(
        &self,
        caller: &Caller,
        id: Uuid,
        reasons: &str,
    ) -> Result<Certificate, CertificateError> {
        caller.may(Action::RevokeCertificate, &Resource::default())?;
        if reasons.trim().is_empty() {
            return Err(CertificateError::ReasonsRequired);
        }
        let mut tx = self.store.begin().await?;
        let current = certificates::get(&mut tx, id).await?;
        if current.status != CertificateStatus::Valid {
            return Err(CertificateError::NotValid(current.status));
        }
        let revoked = certificates::revoke(&mut tx, &caller.audit_actor(self.clock.now()), id, reasons.trim()).await?;
        tx.commit().await?;
        Ok(revoked)
    }

    /// The public status list: every revoked or replaced certificate of the issuing body.
    pub async fn status_list(&self) -> Result<StatusList, CertificateError> {
        let mut conn = self.store.conn().await?;
        let changed = certificates::status_changes(&mut conn, &self.config.issuer_code).await?;
        let mut list = StatusList::new(self.config.issuer_code.clone(), doc_date(self.clock.today()));
        for certificate in changed {
            let Ok(number) = certificate.number.parse::<CertificateNumber>() else { continue };
            let replaced_by = match certificate.replaced_by_id {
                Some(id) => certificates::get(&mut conn, id).await?.number.parse().ok(),
                None => None,
            };
            list.entries.push(StatusEntry {
                number,
                status: if certificate.status == CertificateStatus::Replaced {
                    StatusChange::Replaced
                } else {
                    StatusChange::Revoked
                },
                date: doc_date(certificate.status_changed_at.unwrap_or(certificate.issued_at).date()),
                reason: certificate.status_reason.clone().unwrap_or_default(),
                replaced_by,
            });
        }
        Ok(list)
    }

    /// The public check: number and security code. A wrong code and an unknown number are both `NotFound`.
    /// Reads only the certificate's head (status and links); the public view comes from memory after the first
    /// check (`crate::public_views`).
    pub async fn verify_public(&self, number: &str, code: &str) -> Result<PublicCertificate, CertificateError> {
        let wanted = security_code_hash(code);
        let heads = public_check::heads(&self.store, number).await?;
        let found = heads.into_iter().find(|c| constant_time_eq(c.security_code_hash.as_bytes(), wanted.as_bytes()));
        let head = found.ok_or(CertificateError::NotFound)?;
        let view = match self.public_views.get(head.id) {
            Some(view) => view,
            None => {
                let mut conn = self.store.conn().await?;
                let view = Arc::new(PublicView::of_document(&public_check::document(&mut conn, head.id).await?));
                self.public_views.insert(head.id, Arc::clone(&view));
                view
            }
        };
        Ok(PublicCertificate {
            number: head.number,
            status: head.status,
            status_reason: head.status_reason,
            issued_at: head.issued_at,
            status_changed_at: head.status_changed_at,
            replaced_by: head.replaced_by,
            replaces: head.replaces,
            certificate: view,
        })
    }

    /// Bulk check for foreign authorities and officers: the status of up to [`BULK_LIMIT`] numbers. Numbers the
    /// caller may not see (another country's) are answered like unknown ones.
    pub async fn verify_bulk(&self, caller: &Caller, numbers: &[String]) -> Result<Vec<BulkAnswer>, CertificateError> {
        if numbers.is_empty() || numbers.len() > BULK_LIMIT {
            return Err(CertificateError::BulkSize);
        }
        // The role must be able to read some certificates at all.
        match caller.may(Action::ReadCertificate, &Resource::default()) {
            Ok(()) | Err(Denied::NotVisible) => {}
            Err(denied) => return Err(denied.into()),
        }
        let mut snapshot = self.store.snapshot().await?;
        let mut answers = Vec::with_capacity(numbers.len());
        for number in numbers {
            let found = certificates::find_by_number(&mut snapshot, &self.config.issuer_code, number).await?;
            let seen = found.filter(|c| visible(caller, c).is_ok());
            let replaced_by = match seen.as_ref().and_then(|c| c.replaced_by_id) {
                Some(id) => Some(certificates::get(&mut snapshot, id).await?.number),
                None => None,
            };
            answers.push(BulkAnswer {
                number: number.clone(),
                status: seen.as_ref().map(|c| c.status),
                issued_at: seen.as_ref().map(|c| c.issued_at),
                replaced_by,
            });
        }
        snapshot.finish().await?;
        Ok(answers)
    }
}

/// Compares without stopping at the first difference, so that timing does not reveal how much of a code matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
