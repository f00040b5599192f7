//! One entry point for everything a verifier may be handed: a signed document, a signed disclosure, a QR text or
//! an OpenAttestation wrapped document. It recognises the input, checks it, and checks the certificate number
//! against a status list when one is given.
//!
//! Failures fall into the classes of [`Failure`]: input that cannot be read as any known format, and documents
//! that were read but do not hold up (tampered, unknown key, key not valid on the signing date, revoked,
//! replaced). A tool maps the first to "unreadable" and the rest to "invalid".

use serde_json::Value;

use crate::certificate::CertificateNumber;
use crate::date::Date;
use crate::disclosure::{DisclosureError, DisclosureFormat, SignedDisclosure};
use crate::openattestation::{self, OaError, OaIssuer, OaVersion};
use crate::qr::{self, QrError};
use crate::signing::{KeyId, KeySet, SignatureError, SignedDocument};
use crate::status::{StatusChange, StatusList};

/// What was recognised and checked.
#[derive(Clone, Debug, PartialEq)]
pub enum VerifiedKind {
    /// An Origo signed document: every byte of the document is signed.
    SignedDocument,
    /// An Origo signed disclosure: the visible fields are signed, `hidden` fields are present as hashes only.
    Disclosure {
        /// Hidden leaves.
        hidden: usize,
    },
    /// An Origo QR payload: the certificate's core.
    QrPayload,
    /// An OpenAttestation wrapped document: integrity only.
    OpenAttestation(OaVersion),
}

/// What is known about who issued it.
#[derive(Clone, Debug, PartialEq)]
pub enum IssuerCheck {
    /// Signed by a key of the key set given, valid on the signing date.
    Signed {
        /// The key set's issuer.
        issuer: String,
        /// The key.
        key_id: KeyId,
        /// The signing date.
        signed_on: Date,
    },
    /// Integrity was checked; the issuer's identity (document store, DNS, DID) was not, as that needs the network.
    NotCheckedOffline {
        /// Issuers as the document claims them.
        claimed: Vec<OaIssuer>,
    },
}

/// What the status list said.
#[derive(Clone, Debug, PartialEq)]
pub enum StatusCheck {
    /// No status list was given: revocation not checked.
    NoList,
    /// The number is not in the list (so not revoked or replaced as of the list's date).
    NotListed {
        /// The list's date.
        list_issued_on: Date,
    },
    /// No Origo certificate number to look up (hidden, or not an Origo document).
    NoNumber,
}

/// A document that verified.
#[derive(Clone, Debug, PartialEq)]
pub struct Verified {
    /// What it was.
    pub kind: VerifiedKind,
    /// The certificate number, when the content has one.
    pub number: Option<CertificateNumber>,
    /// Who signed it, or that this was not checked.
    pub issuer: IssuerCheck,
    /// Revocation status.
    pub status: StatusCheck,
    /// The verified content: the document, the visible fields, the QR core, or the OpenAttestation data.
    pub content: Value,
}

/// Why verification failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// Not readable as any format this verifier knows.
    #[error("{0}")]
    Unreadable(String),
    /// An Origo signed document that does not verify.
    #[error(transparent)]
    Signature(#[from] SignatureError),
    /// An Origo signed disclosure that does not verify.
    #[error(transparent)]
    Disclosure(#[from] DisclosureError),
    /// An Origo QR payload that does not verify.
    #[error(transparent)]
    Qr(#[from] QrError),
    /// An OpenAttestation document that is not intact.
    #[error(transparent)]
    OpenAttestation(#[from] OaError),
    /// Intact, but revoked by the issuer.
    #[error("certificate {number} was revoked on {date}: {reason}")]
    Revoked {
        /// The certificate.
        number: CertificateNumber,
        /// Effective date.
        date: Date,
        /// The reason given.
        reason: String,
    },
    /// Intact, but replaced by another certificate.
    #[error(
        "certificate {number} was replaced on {date}{}: {reason}",
        replaced_by.as_ref().map(|n| format!(" by {n}")).unwrap_or_default()
    )]
    Replaced {
        /// The certificate.
        number: CertificateNumber,
        /// Effective date.
        date: Date,
        /// The replacing certificate.
        replaced_by: Option<CertificateNumber>,
        /// The reason given.
        reason: String,
    },
}

/// The class of a verification failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The input is not a readable document.
    Unreadable,
    /// The content, its hashes or its signature do not match.
    Tampered,
    /// Signed by a key the key set does not hold.
    UnknownKey,
    /// Signed on a date outside the key's validity.
    KeyNotValidOnSigningDate,
    /// Revoked.
    Revoked,
    /// Replaced.
    Replaced,
}

impl VerifyError {
    /// Which class of failure this is.
    pub fn failure(&self) -> Failure {
        let of_signature = |e: &SignatureError| match e {
            SignatureError::UnknownKey { .. } => Failure::UnknownKey,
            SignatureError::KeyNotValidOn { .. } => Failure::KeyNotValidOnSigningDate,
            SignatureError::Mismatch { .. } | SignatureError::MalformedValue | SignatureError::Canonical(_) => {
                Failure::Tampered
            }
        };
        match self {
            VerifyError::Unreadable(_) => Failure::Unreadable,
            VerifyError::Signature(e) => of_signature(e),
            VerifyError::Disclosure(DisclosureError::Signature(e)) => of_signature(e),
            VerifyError::Disclosure(_) => Failure::Tampered,
            VerifyError::Qr(QrError::Signature(e)) => of_signature(e),
            VerifyError::Qr(QrError::NotQr | QrError::Malformed(_) | QrError::UnsupportedVersion(_)) => {
                Failure::Unreadable
            }
            VerifyError::Qr(_) => Failure::Tampered,
            VerifyError::OpenAttestation(OaError::NotWrapped) => Failure::Unreadable,
            VerifyError::OpenAttestation(_) => Failure::Tampered,
            VerifyError::Revoked { .. } => Failure::Revoked,
            VerifyError::Replaced { .. } => Failure::Replaced,
        }
    }
}

/// Recognises and verifies `bytes` (JSON or a QR text) against `keys`, and checks the certificate number against
/// `status_list` when given.
pub fn verify(bytes: &[u8], keys: &KeySet, status_list: Option<&StatusList>) -> Result<Verified, VerifyError> {
    let text = std::str::from_utf8(bytes).map_err(|_| VerifyError::Unreadable("the input is not UTF-8 text".into()))?;
    let trimmed = text.trim();
    // A QR text, or a verification URL carrying one in its fragment (one token, not JSON that mentions one).
    let url_with_qr = !trimmed.starts_with(['{', '[', '"'])
        && !trimmed.contains(char::is_whitespace)
        && trimmed.contains(&format!("#{}", qr::PREFIX));
    if trimmed.starts_with(qr::PREFIX) || url_with_qr {
        let (payload, key) = qr::verify(trimmed, keys)?;
        let issuer = IssuerCheck::Signed {
            issuer: keys.issuer.clone(),
            key_id: key.key_id.clone(),
            signed_on: payload.signed_on,
        };
        let number = payload.number.clone();
        let content = serde_json::to_value(&payload).expect("a QR payload always serialises");
        return finish(VerifiedKind::QrPayload, Some(number), issuer, content, status_list);
    }

    let value: Value = serde_json::from_str(trimmed)
        .map_err(|e| VerifyError::Unreadable(format!("neither JSON nor an Origo QR text: {e}")))?;
    let format = value.get("format").and_then(Value::as_str);
    if format == Some(DisclosureFormat::TAG) {
        let disclosure: SignedDisclosure = serde_json::from_value(value)
            .map_err(|e| VerifyError::Unreadable(format!("not a valid origo-disclosure/1 document: {e}")))?;
        let disclosed = disclosure.verify(keys)?;
        let issuer = IssuerCheck::Signed {
            issuer: keys.issuer.clone(),
            key_id: disclosed.key.key_id.clone(),
            signed_on: disclosed.signed_on,
        };
        let number = number_in(&disclosed.document);
        let kind = VerifiedKind::Disclosure { hidden: disclosed.hidden };
        return finish(kind, number, issuer, disclosed.document, status_list);
    }
    if value.get("document").is_some() && value.get("signature").is_some() {
        let signed: SignedDocument = serde_json::from_value(value)
            .map_err(|e| VerifyError::Unreadable(format!("not a valid Origo signed document: {e}")))?;
        let key = signed.verify(keys)?;
        let issuer = IssuerCheck::Signed {
            issuer: keys.issuer.clone(),
            key_id: key.key_id.clone(),
            signed_on: signed.signature.signed_on,
        };
        let number = number_in(&signed.document);
        return finish(VerifiedKind::SignedDocument, number, issuer, signed.document, status_list);
    }
    if let Some(version) = openattestation::detect(&value) {
        let verified = openattestation::verify_openattestation(&value)?;
        let issuer = IssuerCheck::NotCheckedOffline { claimed: verified.issuers };
        return Ok(Verified {
            kind: VerifiedKind::OpenAttestation(version),
            number: None,
            issuer,
            status: if status_list.is_some() { StatusCheck::NoNumber } else { StatusCheck::NoList },
            content: verified.data,
        });
    }
    let what = match format {
        Some(tag) => format!("a `{tag}` file, not a document to verify"),
        None => "JSON that is not a signed document, a disclosure or an OpenAttestation document".to_owned(),
    };
    Err(VerifyError::Unreadable(what))
}

/// The `number` field of a document, when it is a certificate number.
fn number_in(document: &Value) -> Option<CertificateNumber> {
    document.get("number")?.as_str()?.parse().ok()
}

fn finish(
    kind: VerifiedKind,
    number: Option<CertificateNumber>,
    issuer: IssuerCheck,
    content: Value,
    status_list: Option<&StatusList>,
) -> Result<Verified, VerifyError> {
    let status = match (status_list, &number) {
        (None, _) => StatusCheck::NoList,
        (Some(_), None) => StatusCheck::NoNumber,
        (Some(list), Some(number)) => match list.lookup(number) {
            None => StatusCheck::NotListed { list_issued_on: list.issued_on },
            Some(entry) => {
                let (number, date, reason) = (number.clone(), entry.date, entry.reason.clone());
                return Err(match entry.status {
                    StatusChange::Revoked => VerifyError::Revoked { number, date, reason },
                    StatusChange::Replaced => {
                        VerifyError::Replaced { number, date, replaced_by: entry.replaced_by.clone(), reason }
                    }
                });
            }
        },
    };
    Ok(Verified { kind, number, issuer, status, content })
}
