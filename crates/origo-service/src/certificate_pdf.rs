//! A certificate as its A4 PDF (`origo-pdf`), for the exporter it was issued to and the certifying body: the
//! security code is printed, so the code kept sealed at issuance (`keys::sealing::seal_code`) is opened here with
//! the key-encryption key; the verification link `{public_url}/verify?number=N&code=C` and the signed QR payload
//! (signed again, deterministically, by the key that signed the certificate, dated as the certificate's
//! signature) go in the two QR codes; the status banner follows the certificate's status now.
//!
//! A certificate without a sealed code (issued before the code was kept, or by a server without a
//! key-encryption key) gets no PDF: a PDF without its code would not let anyone check it, and the code cannot be
//! made again. [`PdfError::CodeNotKept`] says so; replacing the certificate gives one with a kept code.

use origo_documents::certificate::CertificateStatus as DocStatus;
use origo_documents::qr;
use origo_documents::signing::SignedDocument;
use origo_store::certificates::{self, Certificate, CertificateStatus};
use origo_store::{StoreError, signing_keys};
use uuid::Uuid;

pub use origo_pdf::Language as PdfLanguage;

use crate::access::Caller;
use crate::keys::{KeyError, sealing};
use crate::policy::{Action, Denied, Resource};
use crate::service::Service;

/// Why a certificate's PDF was not made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(transparent)]
    Denied(#[from] Denied),
    /// No such certificate, or one the caller may not see.
    #[error("certificate not found")]
    NotFound,
    /// The security code of this certificate was not kept, so its PDF cannot print it.
    #[error(
        "certificate {number} was issued before security codes were kept (or without a key-encryption key): its PDF \
         cannot print the code; a replacement certificate has one"
    )]
    CodeNotKept { number: String },
    /// The stored certificate cannot be drawn (a character the fonts lack, a text too long for the form).
    #[error("certificate {number} cannot be drawn as a PDF: {reason}")]
    Unprintable { number: String, reason: String },
    /// The signing key does not open.
    #[error(transparent)]
    Keys(#[from] KeyError),
    /// The sealed code does not open: the server has no key-encryption key, or another one, or the sealed text
    /// was moved from another certificate's row.
    #[error("the security code of certificate {number} does not open: {reason}")]
    CodeSealed { number: String, reason: String },
    /// The stored document cannot be read (the row was edited).
    #[error("certificate {0}: the stored document cannot be read")]
    Corrupt(String),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for PdfError {
    fn from(error: StoreError) -> PdfError {
        match error {
            StoreError::NotFound { entity: "certificate" } => PdfError::NotFound,
            e => PdfError::Store(e),
        }
    }
}

/// A rendered certificate.
#[derive(Debug, Clone)]
pub struct CertificatePdf {
    /// Its number (for the file name).
    pub number: String,
    /// The PDF.
    pub bytes: Vec<u8>,
}

fn doc_status(status: CertificateStatus) -> DocStatus {
    match status {
        CertificateStatus::Valid => DocStatus::Valid,
        CertificateStatus::Revoked => DocStatus::Revoked,
        CertificateStatus::Replaced => DocStatus::Replaced,
    }
}

/// The caller may see the certificate (else "not found") and its security code (else "forbidden").
fn may_read_code(caller: &Caller, certificate: &Certificate, signed: &SignedDocument) -> Result<(), PdfError> {
    let owner = certificate.exporter_id.to_string();
    let importing = signed.document.get("importing_country").and_then(serde_json::Value::as_str);
    let resource = Resource { exporter_id: Some(&owner), importing_country: importing, examiner_id: None };
    match caller.may(Action::ReadCertificate, &resource) {
        Err(Denied::NotVisible) => return Err(PdfError::NotFound),
        other => other?,
    }
    caller.may(Action::ReadSecurityCode, &resource)?;
    Ok(())
}

/// Whether a certificate page offers the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfOffer {
    /// The caller may download it.
    Available,
    /// The caller could, but the security code was not kept ([`PdfError::CodeNotKept`]).
    CodeNotKept,
    /// The caller's role does not see security codes.
    NotForCaller,
}

impl Service {
    /// Whether the PDF of `certificate` (already read by the caller) can be offered to the caller: one read of the
    /// sealed code's column, nothing opened.
    pub async fn certificate_pdf_offer(
        &self,
        caller: &Caller,
        certificate: &Certificate,
    ) -> Result<PdfOffer, PdfError> {
        let owner = certificate.exporter_id.to_string();
        let resource = Resource { exporter_id: Some(&owner), ..Resource::default() };
        if caller.may(Action::ReadSecurityCode, &resource).is_err() {
            return Ok(PdfOffer::NotForCaller);
        }
        let mut conn = self.store.conn().await?;
        Ok(match certificates::sealed_security_code(&mut conn, certificate.id).await? {
            Some(_) => PdfOffer::Available,
            None => PdfOffer::CodeNotKept,
        })
    }

    /// The PDF of the certificate `id` in `language` (with English beside it).
    pub async fn certificate_pdf(
        &self,
        caller: &Caller,
        id: Uuid,
        language: PdfLanguage,
    ) -> Result<CertificatePdf, PdfError> {
        let mut snapshot = self.store.snapshot().await?;
        let certificate = certificates::get(&mut snapshot, id).await?;
        let corrupt = || PdfError::Corrupt(certificate.number.clone());
        let signed = SignedDocument::from_json(certificate.document.as_bytes()).map_err(|_| corrupt())?;
        may_read_code(caller, &certificate, &signed)?;
        let sealed = certificates::sealed_security_code(&mut snapshot, id).await?;
        let key = signing_keys::get(&mut snapshot, &certificate.key_id).await?;
        snapshot.finish().await?;
        let code = self
            .open_security_code(&certificate.issuer_code, &certificate.number, sealed.as_deref())?
            .ok_or_else(|| PdfError::CodeNotKept { number: certificate.number.clone() })?;
        let document = signed.certificate().map_err(|_| corrupt())?;
        let signer = self.signer_of(&key)?;
        let qr_payload = qr::encode(&document, &signer, signed.signature.signed_on)
            .map_err(|e| PdfError::Unprintable { number: certificate.number.clone(), reason: e.to_string() })?;
        let options = origo_pdf::RenderOptions {
            language,
            verification_url: format!(
                "{}/verify?number={}&code={code}",
                self.config.public_url.trim_end_matches('/'),
                certificate.number
            ),
            qr_payload,
            security_code: code,
            status: doc_status(certificate.status),
        };
        let number = certificate.number.clone();
        // Laying out and compressing a page takes a few milliseconds: off the async threads.
        let bytes = tokio::task::spawn_blocking(move || origo_pdf::render(&document, &options))
            .await
            .map_err(|e| PdfError::Unprintable { number: number.clone(), reason: e.to_string() })?
            .map_err(|e| PdfError::Unprintable { number: number.clone(), reason: e.to_string() })?;
        Ok(CertificatePdf { number, bytes })
    }

    /// Seals a new certificate's security code for its row, when the service has a key-encryption key.
    pub(crate) fn seal_security_code(&self, number: &str, code: &str) -> Option<String> {
        let kek = self.config.key_encryption_key.as_ref()?;
        Some(sealing::seal_code(kek, &self.config.issuer_code, number, code, &mut rand::rng()))
    }

    /// Opens a certificate's sealed security code; `None` when none was kept. A sealed code that does not open
    /// (another KEK, or a text moved from another row) is an error, never a silent `None`.
    pub(crate) fn open_security_code(
        &self,
        issuer_code: &str,
        number: &str,
        sealed: Option<&str>,
    ) -> Result<Option<String>, PdfError> {
        let Some(sealed) = sealed else { return Ok(None) };
        let failed = |reason: String| PdfError::CodeSealed { number: number.to_owned(), reason };
        let kek = self.config.key_encryption_key.as_ref().ok_or_else(|| failed("no key-encryption key".into()))?;
        sealing::open_code(kek, issuer_code, number, sealed).map(Some).map_err(|reason| failed(reason.to_string()))
    }
}
