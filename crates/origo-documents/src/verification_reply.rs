//! The reply to a verification request (administrative cooperation): what the exporting country's authority
//! found about a certificate or statement on origin that an importing country's authority asked about.
//!
//! It is signed like a certificate (a [`crate::signing::SignedDocument`] over its canonical JSON, with the issuing
//! body's current key), so the requesting authority can check it offline against the published key set. Its own
//! `format` tag (`origo-verification-reply/1`) inside the signed bytes keeps a reply from passing as a
//! certificate, and the other way round.

use serde::{Deserialize, Serialize};

use crate::canonical::CanonicalError;
use crate::date::Date;
use crate::serde_text::format_tag;
use crate::signing::{SignedDocument, Signer, sign_document};

format_tag!(
    /// The `format` tag of a verification reply: `origo-verification-reply/1`.
    ReplyFormat = "origo-verification-reply/1"
);

/// What the proof of origin was asked about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ReplySubject {
    /// A certificate, by its number.
    Certificate { number: String },
    /// A registered statement on origin or origin declaration, by the SHA-256 of its text.
    Statement { text_hash: String },
}

/// The answer about the proof of origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyOutcome {
    /// The proof is authentic and the products originating.
    Confirmed,
    /// The proof is not authentic or the products are not originating (the certificate is revoked).
    NotConfirmed,
    /// The verification could not establish it either way.
    Undetermined,
}

/// One investigation step, as reported to the requesting authority.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyStep {
    /// `documents_requested_from_exporter`, `exporter_documents_received` or `site_visit`.
    pub kind: String,
    pub date: Date,
    pub description: String,
}

/// The reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerificationReply {
    /// Always `origo-verification-reply/1`.
    pub format: ReplyFormat,
    /// The request's reference (`VR-2026-000123`).
    pub reference: String,
    /// Who answers: the issuing body's name and country.
    pub issuing_body: String,
    pub issuing_country: String,
    /// Who asked (ISO alpha-2).
    pub requesting_country: String,
    pub subject: ReplySubject,
    /// `random`, `authenticity`, `originating_status` or `other_requirements`.
    pub reason_kind: String,
    pub received_on: Date,
    pub deadline: Date,
    pub answered_on: Date,
    pub outcome: ReplyOutcome,
    /// The findings, in the certifier's words.
    pub findings: String,
    /// What the exporting country did about it (e.g. "Certificate UZ-2026-000001 revoked"), if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_taken: Option<String>,
    /// The investigation, step by step.
    pub steps: Vec<ReplyStep>,
}

/// Signs a reply with `signer`, dated `signed_on`.
pub fn sign_reply(
    reply: &VerificationReply,
    signer: &Signer,
    signed_on: Date,
) -> Result<SignedDocument, CanonicalError> {
    let document = serde_json::to_value(reply).expect("a reply always serialises to JSON");
    sign_document(document, signer, signed_on)
}

impl SignedDocument {
    /// The document read as a verification reply (after [`SignedDocument::verify`], to trust it).
    pub fn verification_reply(&self) -> Result<VerificationReply, serde_json::Error> {
        serde_json::from_value(self.document.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::{KeyId, KeySet};

    fn reply() -> VerificationReply {
        VerificationReply {
            format: ReplyFormat,
            reference: "VR-2026-000001".into(),
            issuing_body: "Uzbekexpertiza".into(),
            issuing_country: "UZ".into(),
            requesting_country: "DE".into(),
            subject: ReplySubject::Certificate { number: "UZ-2026-000001".into() },
            reason_kind: "originating_status".into(),
            received_on: Date::new(2026, 3, 1).unwrap(),
            deadline: Date::new(2026, 9, 1).unwrap(),
            answered_on: Date::new(2026, 4, 2).unwrap(),
            outcome: ReplyOutcome::NotConfirmed,
            findings: "The fabric was imported and only cut.".into(),
            action_taken: Some("Certificate UZ-2026-000001 revoked".into()),
            steps: vec![ReplyStep {
                kind: "site_visit".into(),
                date: Date::new(2026, 3, 20).unwrap(),
                description: "No weaving looms on the premises.".into(),
            }],
        }
    }

    #[test]
    fn a_signed_reply_verifies_with_the_key_set_and_reads_back() {
        let key_id: KeyId = "uzx-2026-1".parse().unwrap();
        let signer = Signer::from_secret_bytes(key_id, &[7; 32]);
        let signed = sign_reply(&reply(), &signer, Date::new(2026, 4, 2).unwrap()).unwrap();
        let keys = KeySet::new("Uzbekexpertiza", vec![signer.published(Date::new(2026, 1, 1).unwrap(), None)]).unwrap();
        signed.verify(&keys).unwrap();
        assert_eq!(signed.verification_reply().unwrap(), reply());
        assert_eq!(signed.document["format"], "origo-verification-reply/1");
        assert_eq!(signed.document["subject"]["kind"], "certificate");

        let mut changed = signed.clone();
        changed.document["outcome"] = "confirmed".into();
        assert!(changed.verify(&keys).is_err(), "a changed outcome must not verify");
    }

    #[test]
    fn the_one_verification_entry_point_checks_a_reply() {
        let key_id: KeyId = "uzx-2026-1".parse().unwrap();
        let signer = Signer::from_secret_bytes(key_id, &[7; 32]);
        let signed = sign_reply(&reply(), &signer, Date::new(2026, 4, 2).unwrap()).unwrap();
        let keys = KeySet::new("Uzbekexpertiza", vec![signer.published(Date::new(2026, 1, 1).unwrap(), None)]).unwrap();
        let bytes = serde_json::to_vec(&signed).unwrap();
        let verified = crate::verify::verify(&bytes, &keys, None).expect("a signed reply verifies");
        assert_eq!(verified.content["reference"], "VR-2026-000001");
        let mut tampered = signed;
        tampered.document["findings"] = "Nothing found.".into();
        assert!(crate::verify::verify(&serde_json::to_vec(&tampered).unwrap(), &keys, None).is_err());
    }

    #[test]
    fn a_reply_is_not_read_as_a_certificate() {
        let key_id: KeyId = "uzx-2026-1".parse().unwrap();
        let signer = Signer::from_secret_bytes(key_id, &[7; 32]);
        let signed = sign_reply(&reply(), &signer, Date::new(2026, 4, 2).unwrap()).unwrap();
        assert!(signed.certificate().is_err());
    }
}
