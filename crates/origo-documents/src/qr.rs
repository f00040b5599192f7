//! A compact signed payload of a certificate's core, small enough for one QR code and verifiable offline with the
//! issuer's key set.
//!
//! `ORIGO1.<base64url(payload)>.<base64url(signature)>`, where the payload is the RFC 8785 canonical JSON of
//! [`QrPayload`] (one-letter keys, items as `[hs, quantity, unit]` arrays) and the signature is Ed25519 over exactly
//! those payload bytes. The key id and signing date are inside the payload, so they are signed too. The verifier
//! re-canonicalises the decoded payload and refuses it unless the bytes are identical: each certificate core has
//! one QR text. See `FORMATS.md`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::canonical;
use crate::certificate::{
    Certificate, CertificateError, CertificateKind, CertificateNumber, CountryCode, HsCode, RexNumber,
};
use crate::date::Date;
use crate::encoding::{b64url, from_b64url};
use crate::signing::{KeyId, KeySet, PublishedKey, SignatureError, Signer};

/// What starts every Origo QR text.
pub const PREFIX: &str = "ORIGO1.";

/// A party in the payload: name, country, REX number if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QrParty {
    /// Name.
    #[serde(rename = "n")]
    pub name: String,
    /// Country.
    #[serde(rename = "c")]
    pub country: CountryCode,
    /// REX number, for a registered exporter.
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub rex: Option<RexNumber>,
}

/// An item in the payload, written `["610910", "1200", "PCE"]`: HS code, quantity (a decimal string), unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrItem(pub HsCode, #[serde(with = "crate::serde_text::decimal")] pub Decimal, pub String);

/// The certificate core carried in a QR code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QrPayload {
    /// Payload version, 1.
    #[serde(rename = "v")]
    pub version: u8,
    /// Kind of proof.
    #[serde(rename = "t")]
    pub kind: CertificateKind,
    /// Certificate number.
    #[serde(rename = "n")]
    pub number: CertificateNumber,
    /// Issuing body's name; absent for proofs made out by the exporter.
    #[serde(rename = "i", default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Exporter.
    #[serde(rename = "e")]
    pub exporter: QrParty,
    /// Consignee, when known.
    #[serde(rename = "c", default, skip_serializing_if = "Option::is_none")]
    pub consignee: Option<QrParty>,
    /// Country of origin.
    #[serde(rename = "o")]
    pub origin: CountryCode,
    /// Importing country.
    #[serde(rename = "m")]
    pub importing: CountryCode,
    /// Date of issue: the certification date, or the exporter's declaration date.
    #[serde(rename = "d")]
    pub issued_on: Date,
    /// Goods: HS code, quantity, unit.
    #[serde(rename = "g")]
    pub items: Vec<QrItem>,
    /// Signing key.
    #[serde(rename = "k")]
    pub key_id: KeyId,
    /// Signing date.
    #[serde(rename = "s")]
    pub signed_on: Date,
}

/// Why a QR payload cannot be made or does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// Does not start with `ORIGO1.`.
    #[error("not an Origo QR payload (it does not start with ORIGO1.)")]
    NotQr,
    /// Wrong shape: parts, base64url, JSON, fields.
    #[error("malformed Origo QR payload: {0}")]
    Malformed(String),
    /// Decodes, but not to canonical JSON: the payload was re-encoded or altered.
    #[error("the QR payload is not in canonical form: it was altered")]
    NonCanonical,
    /// A payload version this verifier does not know.
    #[error("QR payload version {0} is not supported")]
    UnsupportedVersion(u8),
    /// An item with neither quantity nor weight.
    #[error("item {0} has no quantity and no weight to put in the QR payload")]
    NoQuantity(u32),
    /// Neither certification nor declaration date.
    #[error("the certificate has no certification or declaration date")]
    NoIssueDate,
    /// The certificate is not valid.
    #[error("the certificate is not valid: {0}")]
    Certificate(#[from] CertificateError),
    /// The signature does not verify, or its key or date do not fit.
    #[error(transparent)]
    Signature(#[from] SignatureError),
}

/// The core of `certificate` as a payload to be signed by `key_id` on `signed_on`. Quantity is the item's quantity,
/// else its net weight in KGM, else its gross weight in KGM.
pub fn payload(certificate: &Certificate, key_id: &KeyId, signed_on: Date) -> Result<QrPayload, QrError> {
    certificate.validate()?;
    let issued_on = certificate
        .certification
        .as_ref()
        .map(|c| c.date)
        .or(certificate.exporter_declaration.as_ref().map(|d| d.date))
        .ok_or(QrError::NoIssueDate)?;
    let items = certificate
        .items
        .iter()
        .map(|item| {
            let (amount, unit) = match (&item.quantity, item.net_weight_kg, item.gross_weight_kg) {
                (Some(q), _, _) => (q.value, q.unit.clone()),
                (None, Some(net), _) => (net, "KGM".to_owned()),
                (None, None, Some(gross)) => (gross, "KGM".to_owned()),
                (None, None, None) => return Err(QrError::NoQuantity(item.item_number)),
            };
            Ok(QrItem(item.hs_code.clone(), amount, unit))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let exporter = &certificate.exporter;
    Ok(QrPayload {
        version: 1,
        kind: certificate.kind,
        number: certificate.number.clone(),
        issuer: certificate.issuing_body.as_ref().map(|b| b.name.clone()),
        exporter: QrParty { name: exporter.name.clone(), country: exporter.country.clone(), rex: exporter.rex.clone() },
        consignee: certificate.consignee.as_ref().map(|c| QrParty {
            name: c.name.clone(),
            country: c.country.clone(),
            rex: None,
        }),
        origin: certificate.country_of_origin.clone(),
        importing: certificate.importing_country.clone(),
        issued_on,
        items,
        key_id: key_id.clone(),
        signed_on,
    })
}

/// The canonical payload bytes (what is signed and base64url-encoded).
fn payload_bytes(payload: &QrPayload) -> Vec<u8> {
    let value = serde_json::to_value(payload).expect("a QR payload always serialises");
    canonical::to_vec_exact(&value).expect("a QR payload holds no numbers but its version")
}

/// The QR text for `certificate`, signed by `signer` on `signed_on`.
pub fn encode(certificate: &Certificate, signer: &Signer, signed_on: Date) -> Result<String, QrError> {
    let payload = payload(certificate, signer.key_id(), signed_on)?;
    let bytes = payload_bytes(&payload);
    Ok(format!("{PREFIX}{}.{}", b64url(&bytes), signer.sign(&bytes)))
}

/// Decodes and checks a QR text (or a URL whose fragment is one): canonical payload, known version, signature by
/// a key of `keys` valid on the signing date. Returns the payload and the key.
pub fn verify<'k>(text: &str, keys: &'k KeySet) -> Result<(QrPayload, &'k PublishedKey), QrError> {
    let text = text.trim();
    let text = text.split_once('#').filter(|(_, f)| f.starts_with(PREFIX)).map_or(text, |(_, f)| f);
    let rest = text.strip_prefix(PREFIX).ok_or(QrError::NotQr)?;
    let (payload_b64, signature) =
        rest.split_once('.').ok_or_else(|| QrError::Malformed("expected ORIGO1.<payload>.<signature>".into()))?;
    if signature.contains('.') {
        return Err(QrError::Malformed("more than three parts".into()));
    }
    let bytes = from_b64url(payload_b64).ok_or_else(|| QrError::Malformed("the payload is not base64url".into()))?;
    let value: Value =
        serde_json::from_slice(&bytes).map_err(|e| QrError::Malformed(format!("the payload is not JSON: {e}")))?;
    if canonical::to_vec_exact(&value).ok().as_deref() != Some(bytes.as_slice()) {
        return Err(QrError::NonCanonical);
    }
    if let Some(version) = value.get("v").and_then(Value::as_u64).filter(|v| *v != 1) {
        return Err(QrError::UnsupportedVersion(u8::try_from(version).unwrap_or(u8::MAX)));
    }
    let payload: QrPayload = serde_json::from_value(value).map_err(|e| QrError::Malformed(e.to_string()))?;
    let key = keys.verify(&payload.key_id, payload.signed_on, &bytes, signature)?;
    Ok((payload, key))
}
