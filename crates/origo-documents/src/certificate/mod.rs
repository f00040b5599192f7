//! The certificate model: the data elements of a proof of origin (WCO and ICC guidelines, UN/CEFACT-style
//! certificate-of-origin models) for the five kinds Origo issues or records.
//!
//! The types are the wire format: serde with `deny_unknown_fields`, so a misspelt field is an error rather than a
//! silently dropped fact, and identifiers are checked as they are read. [`Certificate::validate`] adds the checks
//! that span fields (item numbering, which kinds need which acts, weights).

mod goods;
mod number;
mod parties;

pub use goods::{
    GoodsItem, HsCode, HsCodeError, InvoiceRef, Money, OriginCriterion, OriginCriterionError, Packages, Quantity,
};
pub use number::{CertificateNumber, CertificateNumberError, MAX_SEQUENCE};
pub use parties::{
    Certification, CountryCode, CountryCodeError, Declaration, Exporter, IssuingBody, Party, RexNumber, RexNumberError,
    Transport,
};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Which proof of origin this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateKind {
    /// Non-preferential certificate of origin (general form), issued by a certifying body.
    NonPreferential,
    /// CIS free trade area certificate CT-1, issued by a certifying body.
    Ct1,
    /// Uzbekistan's national certificate CT-UZ (Decree No. 311 of 2024), issued by a certifying body.
    CtUz,
    /// EU GSP statement on origin, made out by the exporter (registered, or any exporter up to EUR 6 000).
    StatementOnOrigin,
    /// UK DCTS origin declaration, made out by the exporter.
    OriginDeclaration,
}

impl CertificateKind {
    /// Whether the proof is issued by a certifying body (and so carries an issuing body and a certification) rather
    /// than made out by the exporter.
    pub fn is_issued_by_body(self) -> bool {
        matches!(self, CertificateKind::NonPreferential | CertificateKind::Ct1 | CertificateKind::CtUz)
    }

    /// Whether the proof claims preferential origin (and so needs an origin criterion for each item).
    pub fn is_preferential(self) -> bool {
        matches!(self, CertificateKind::StatementOnOrigin | CertificateKind::OriginDeclaration)
    }
}

/// Status recorded on the certificate itself. A signed copy says what was true when it was signed; later
/// revocation or replacement is published in a [`crate::status::StatusList`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateStatus {
    /// In force.
    Valid,
    /// Withdrawn by the issuer.
    Revoked,
    /// Superseded by another certificate.
    Replaced,
}

/// A proof of origin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    /// Which proof this is.
    pub kind: CertificateKind,
    /// Its number.
    pub number: CertificateNumber,
    /// The certifying body; none for proofs made out by the exporter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuing_body: Option<IssuingBody>,
    /// The exporter.
    pub exporter: Exporter,
    /// The consignee, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consignee: Option<Party>,
    /// Transport details, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transport: Option<Transport>,
    /// The goods, item numbers 1, 2, 3, ...
    pub items: Vec<GoodsItem>,
    /// Country of origin of the goods.
    pub country_of_origin: CountryCode,
    /// Importing country.
    pub importing_country: CountryCode,
    /// The exporter's declaration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exporter_declaration: Option<Declaration>,
    /// The certifying body's certification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certification: Option<Certification>,
    /// Code for the public check by number + code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_code: Option<String>,
    /// Free remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// Status when this copy was made.
    pub status: CertificateStatus,
}

/// A certificate that is well formed field by field but not as a whole. Each variant names the place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertificateError {
    /// No goods.
    #[error("the certificate lists no goods")]
    NoItems,
    /// Items must be numbered 1, 2, 3, ... in order.
    #[error("item at position {position} is numbered {found}, expected {expected}")]
    ItemNumbering {
        /// Zero-based position in `items`.
        position: usize,
        /// The number found.
        found: u32,
        /// The number expected there.
        expected: u32,
    },
    /// A preferential proof without an origin criterion on an item.
    #[error("item {item_number}: a {kind:?} needs an origin criterion")]
    MissingCriterion {
        /// The item.
        item_number: u32,
        /// The kind of proof.
        kind: CertificateKind,
    },
    /// A negative amount.
    #[error("item {item_number}: {field} is negative ({value})")]
    Negative {
        /// The item.
        item_number: u32,
        /// Which amount.
        field: &'static str,
        /// Its value.
        value: Decimal,
    },
    /// Net weight above gross weight.
    #[error("item {item_number}: net weight {net} kg exceeds gross weight {gross} kg")]
    NetAboveGross {
        /// The item.
        item_number: u32,
        /// Net weight.
        net: Decimal,
        /// Gross weight.
        gross: Decimal,
    },
    /// A currency that is not three capital letters.
    #[error("item {item_number}: `{currency}` is not an ISO 4217 currency code")]
    Currency {
        /// The item.
        item_number: u32,
        /// The code found.
        currency: String,
    },
    /// A required part for this kind of proof is missing.
    #[error("a {kind:?} needs {what}")]
    Missing {
        /// The kind of proof.
        kind: CertificateKind,
        /// What is missing (`issuing_body`, `certification`, `exporter_declaration`).
        what: &'static str,
    },
    /// A part that this kind of proof must not have.
    #[error("a {kind:?} is made out by the exporter and has no {what}")]
    Unexpected {
        /// The kind of proof.
        kind: CertificateKind,
        /// What is there but should not be.
        what: &'static str,
    },
}

impl Certificate {
    /// Checks across fields; the first problem found.
    pub fn validate(&self) -> Result<(), CertificateError> {
        let kind = self.kind;
        if kind.is_issued_by_body() {
            if self.issuing_body.is_none() {
                return Err(CertificateError::Missing { kind, what: "issuing_body" });
            }
            if self.certification.is_none() {
                return Err(CertificateError::Missing { kind, what: "certification" });
            }
        } else {
            if self.issuing_body.is_some() {
                return Err(CertificateError::Unexpected { kind, what: "issuing_body" });
            }
            if self.exporter_declaration.is_none() {
                return Err(CertificateError::Missing { kind, what: "exporter_declaration" });
            }
        }
        if self.items.is_empty() {
            return Err(CertificateError::NoItems);
        }
        for (position, item) in self.items.iter().enumerate() {
            let expected = u32::try_from(position + 1).unwrap_or(u32::MAX);
            if item.item_number != expected {
                return Err(CertificateError::ItemNumbering { position, found: item.item_number, expected });
            }
            validate_item(kind, item)?;
        }
        Ok(())
    }
}

fn validate_item(kind: CertificateKind, item: &GoodsItem) -> Result<(), CertificateError> {
    let item_number = item.item_number;
    if kind.is_preferential() && item.origin_criterion.is_none() {
        return Err(CertificateError::MissingCriterion { item_number, kind });
    }
    let amounts = [
        ("gross_weight_kg", item.gross_weight_kg),
        ("net_weight_kg", item.net_weight_kg),
        ("quantity", item.quantity.as_ref().map(|q| q.value)),
        ("value", item.value.as_ref().map(|v| v.amount)),
    ];
    for (field, value) in amounts {
        if let Some(value) = value.filter(Decimal::is_sign_negative).filter(|v| !v.is_zero()) {
            return Err(CertificateError::Negative { item_number, field, value });
        }
    }
    if let (Some(net), Some(gross)) = (item.net_weight_kg, item.gross_weight_kg)
        && net > gross
    {
        return Err(CertificateError::NetAboveGross { item_number, net, gross });
    }
    if let Some(money) = &item.value
        && !(money.currency.len() == 3 && money.currency.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Err(CertificateError::Currency { item_number, currency: money.currency.clone() });
    }
    Ok(())
}
