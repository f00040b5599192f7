//! What the caller says about a rendering: the language, the verification link, the signed QR text, the security
//! code and the status as of now; and the checks that these fit the certificate.

use origo_documents::certificate::{Certificate, CertificateStatus};
use origo_documents::encoding::from_b64url;
use origo_documents::qr::{PREFIX, QrPayload};

use crate::PdfError;

/// The language the exporter chose for the certificate's text. Uzbek and Russian are printed with English beside
/// or beneath each label and statement; English alone for English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// Uzbek, Latin script.
    Uz,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl Language {
    /// The one of `[uz, ru, en]` for this language.
    pub(crate) fn pick<T>(self, [uz, ru, en]: [T; 3]) -> T {
        match self {
            Language::Uz => uz,
            Language::Ru => ru,
            Language::En => en,
        }
    }

    /// BCP 47 tag of the document's language.
    pub(crate) fn tag(self) -> &'static str {
        self.pick(["uz-Latn", "ru", "en"])
    }
}

/// How to render a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderOptions {
    /// Language of the labels and statements (with English beside them unless English).
    pub language: Language,
    /// The public verification link, `{base}/verify?number=N&code=C`, built by the caller; printed and put in the
    /// first QR code.
    pub verification_url: String,
    /// The signed compact payload `ORIGO1.<payload>.<signature>` (`origo_documents::qr::encode`), put in the
    /// second QR code for offline verification.
    pub qr_payload: String,
    /// The security code for the public check by number + code.
    pub security_code: String,
    /// The certificate's status now. A revoked or replaced certificate's PDF says so on every page.
    pub status: CertificateStatus,
}

/// A text fit for one printed line: not empty, no control characters.
fn printable(text: &str) -> bool {
    !text.trim().is_empty() && !text.chars().any(char::is_control)
}

impl RenderOptions {
    /// Checks the options against the certificate: a well-formed link, a signed payload of this certificate, and
    /// the certificate's own security code when it carries one.
    pub(crate) fn check(&self, certificate: &Certificate) -> Result<(), PdfError> {
        let url = &self.verification_url;
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.chars().any(char::is_whitespace) {
            return Err(PdfError::Option {
                field: "verification_url",
                reason: "expected an http(s) URL without spaces".into(),
            });
        }
        if !printable(url) {
            return Err(PdfError::Option { field: "verification_url", reason: "control characters".into() });
        }
        if !printable(&self.security_code) {
            return Err(PdfError::Option { field: "security_code", reason: "empty or control characters".into() });
        }
        if certificate.security_code.as_ref().is_some_and(|code| *code != self.security_code) {
            return Err(PdfError::Option {
                field: "security_code",
                reason: "differs from the certificate's security code".into(),
            });
        }
        let payload = decode_unverified(&self.qr_payload)
            .ok_or_else(|| PdfError::Option { field: "qr_payload", reason: format!("not an {PREFIX}… text") })?;
        if payload.number != certificate.number || payload.kind != certificate.kind {
            return Err(PdfError::Option {
                field: "qr_payload",
                reason: format!("signed for {} ({:?}), not for this certificate", payload.number, payload.kind),
            });
        }
        Ok(())
    }
}

/// The payload of a QR text, read without checking its signature: only to catch a payload of another certificate
/// before it is printed. Whoever reads the PDF verifies the signature with the published keys.
fn decode_unverified(text: &str) -> Option<QrPayload> {
    let rest = text.strip_prefix(PREFIX)?;
    let (payload, signature) = rest.split_once('.')?;
    if signature.is_empty() || signature.contains('.') || !printable(text) {
        return None;
    }
    serde_json::from_slice(&from_b64url(payload)?).ok()
}
