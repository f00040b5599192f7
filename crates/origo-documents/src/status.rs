//! The status list: certificates the issuer has revoked or replaced since issuing them.
//!
//! A signed certificate says what was true when it was signed; the status list says what happened after. It is
//! published by the issuer (and may itself be distributed as a [`crate::signing::SignedDocument`], so that an
//! offline verifier can trust it with the same key set).

use serde::{Deserialize, Serialize};

use crate::certificate::CertificateNumber;
use crate::date::Date;
use crate::serde_text::format_tag;

format_tag!(
    /// The `format` tag of a status list: `origo-status/1`.
    StatusFormat = "origo-status/1"
);

/// What happened to a certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusChange {
    /// Withdrawn; no longer a valid proof of origin.
    Revoked,
    /// Superseded by another certificate (named in `replaced_by`).
    Replaced,
}

/// One revoked or replaced certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusEntry {
    /// The certificate.
    pub number: CertificateNumber,
    /// Revoked or replaced.
    pub status: StatusChange,
    /// When the change took effect.
    pub date: Date,
    /// Why, in words (the decision's reason).
    pub reason: String,
    /// The replacing certificate, for a replacement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<CertificateNumber>,
}

/// The issuer's published list of revoked and replaced certificates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusList {
    /// Always `origo-status/1`.
    pub format: StatusFormat,
    /// Who publishes it.
    pub issuer: String,
    /// The day the list was drawn up: changes after it are not in it.
    pub issued_on: Date,
    /// The changes.
    pub entries: Vec<StatusEntry>,
}

impl StatusList {
    /// An empty list for `issuer`, drawn up on `issued_on`.
    pub fn new(issuer: impl Into<String>, issued_on: Date) -> StatusList {
        StatusList { format: StatusFormat, issuer: issuer.into(), issued_on, entries: Vec::new() }
    }

    /// Reads a list from JSON.
    pub fn from_json(bytes: &[u8]) -> Result<StatusList, serde_json::Error> {
        serde_json::from_slice(bytes)
    }

    /// The newest entry for `number`, if any (a certificate replaced and later revoked shows as revoked).
    pub fn lookup(&self, number: &CertificateNumber) -> Option<&StatusEntry> {
        self.entries.iter().filter(|e| &e.number == number).max_by_key(|e| e.date)
    }
}
