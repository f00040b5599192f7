//! `SignedDocument`: any JSON document with an Ed25519 signature over its canonical form.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Algorithm, KeyId, KeySet, PublishedKey, SignatureError, Signer};
use crate::canonical::{self, CanonicalError};
use crate::certificate::{Certificate, CertificateError};
use crate::date::Date;
use crate::serde_text::format_tag;

format_tag!(
    /// The tag inside the signed bytes of a [`SignedDocument`]: `origo-signed/1`.
    SignedFormat = "origo-signed/1"
);

/// The signature block of a [`SignedDocument`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentSignature {
    /// Which key of the issuer's key set signed.
    pub key_id: KeyId,
    /// Always `Ed25519`.
    pub algorithm: Algorithm,
    /// The signing date, checked against the key's validity; itself signed.
    pub signed_on: Date,
    /// The 64-byte signature, unpadded base64url.
    pub value: String,
}

/// A JSON document and its signature. The signed bytes are the RFC 8785 form of
/// `{"format": "origo-signed/1", "document": ..., "key_id": ..., "algorithm": "Ed25519", "signed_on": ...}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedDocument {
    /// The document, as signed (numbers keep their text, so it can be re-canonicalised exactly).
    pub document: Value,
    /// The signature.
    pub signature: DocumentSignature,
}

/// Why a certificate cannot be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignCertificateError {
    /// It fails [`Certificate::validate`].
    #[error("the certificate is not valid: {0}")]
    Invalid(#[from] CertificateError),
    /// It has no canonical form (cannot happen for a `Certificate`, whose amounts are strings).
    #[error(transparent)]
    Canonical(#[from] CanonicalError),
}

fn signing_input(document: &Value, key_id: &KeyId, signed_on: Date) -> Result<Vec<u8>, CanonicalError> {
    let payload = json!({
        "format": SignedFormat::TAG,
        "document": document,
        "key_id": key_id.as_str(),
        "algorithm": "Ed25519",
        "signed_on": signed_on.to_string(),
    });
    canonical::to_vec_exact(&payload)
}

/// Signs `document` with `signer`, dated `signed_on` (the caller's date: the crate has no clock).
pub fn sign_document(document: Value, signer: &Signer, signed_on: Date) -> Result<SignedDocument, CanonicalError> {
    let message = signing_input(&document, signer.key_id(), signed_on)?;
    let signature = DocumentSignature {
        key_id: signer.key_id().clone(),
        algorithm: Algorithm::Ed25519,
        signed_on,
        value: signer.sign(&message),
    };
    Ok(SignedDocument { document, signature })
}

/// Validates and signs a certificate.
pub fn sign_certificate(
    certificate: &Certificate,
    signer: &Signer,
    signed_on: Date,
) -> Result<SignedDocument, SignCertificateError> {
    certificate.validate()?;
    let document = serde_json::to_value(certificate).expect("a certificate always serialises to JSON");
    Ok(sign_document(document, signer, signed_on)?)
}

impl SignedDocument {
    /// Reads a signed document from JSON.
    pub fn from_json(bytes: &[u8]) -> Result<SignedDocument, serde_json::Error> {
        serde_json::from_slice(bytes)
    }

    /// Checks the signature against `keys`; returns the key that signed.
    pub fn verify<'k>(&self, keys: &'k KeySet) -> Result<&'k PublishedKey, SignatureError> {
        let signature = &self.signature;
        let message = signing_input(&self.document, &signature.key_id, signature.signed_on)?;
        keys.verify(&signature.key_id, signature.signed_on, &message, &signature.value)
    }

    /// The document read as a certificate (after [`SignedDocument::verify`], to trust it).
    pub fn certificate(&self) -> Result<Certificate, serde_json::Error> {
        serde_json::from_value(self.document.clone())
    }
}
