//! Replacement of a certificate: a certifier withdraws a valid certificate in favour of a new one (new number,
//! new security code, new signature), with reasons and, optionally, corrected consignment data (consignee,
//! remarks). Both happen in one transaction: the new certificate names the old one (`replaces`, and a signed
//! remark), the old one is marked replaced with a pointer to the new one, and each change has its audit record.
//! An idempotency key makes a retried request return the replacement already made.

use origo_documents::signing::SignedDocument;
use origo_store::certificates::{self, Certificate, CertificateStatus};
use origo_store::idempotency::{self, Claim};
use origo_store::{ConflictKind, StoreError, Tx, applications};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::access::Caller;
use crate::issuance::{IssueError, Issued, document_kind};
use crate::policy::{Action, Denied, Resource};
use crate::service::Service;

/// How the remark naming the replaced certificate starts; it is the first line of the new certificate's remarks.
const NOTE_PREFIX: &str = "Replacement certificate for ";

/// Corrections to the consignee printed on the certificate; each field left out keeps its value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ConsigneeCorrection {
    pub name: Option<String>,
    pub address: Option<String>,
    /// ISO alpha-2.
    pub country: Option<String>,
}

/// What a replacement changes on the certificate. Everything else (exporter, goods, origin) is taken again from
/// the application, as it was examined.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Corrections {
    pub consignee: Option<ConsigneeCorrection>,
    /// New remarks; an empty text removes them.
    pub remarks: Option<String>,
}

/// A replacement asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReplacementRequest {
    /// Why the certificate is replaced (required).
    pub reasons: String,
    pub corrections: Corrections,
}

/// A replacement made: the new certificate (with its security code, also on a replay when it was kept sealed, as
/// for issuance) and the one it replaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    pub issued: Issued,
    pub replaced_id: Uuid,
    pub replaced_number: String,
}

/// Why a certificate was not replaced.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("certificate not found")]
    NotFound,
    #[error("reasons are required")]
    ReasonsRequired,
    /// A correction is wrong; `field` is its path in the request (`consignee.country`).
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// Only a valid certificate can be replaced.
    #[error("the certificate is {}, only a valid one can be replaced", .0.as_str())]
    NotValid(CertificateStatus),
    /// The certificate was not issued from an application, so there is nothing to issue it again from.
    #[error("the certificate has no application to issue a replacement from")]
    NoApplication,
    /// The same idempotency key was used for another request.
    #[error("this idempotency key was used for another request")]
    IdempotencyMismatch,
    #[error(transparent)]
    Issue(IssueError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for ReplaceError {
    fn from(error: StoreError) -> ReplaceError {
        match error {
            StoreError::NotFound { .. } => ReplaceError::NotFound,
            e => ReplaceError::Store(e),
        }
    }
}

impl From<IssueError> for ReplaceError {
    fn from(error: IssueError) -> ReplaceError {
        match error {
            IssueError::Denied(denied) => ReplaceError::Denied(denied),
            IssueError::Store(store) => ReplaceError::Store(store),
            other => ReplaceError::Issue(other),
        }
    }
}

fn invalid(field: &str, message: impl Into<String>) -> ReplaceError {
    ReplaceError::Invalid { field: field.to_owned(), message: message.into() }
}

/// A corrected text must say something.
fn check_text(value: Option<&String>, field: &str) -> Result<(), ReplaceError> {
    match value {
        Some(text) if text.trim().is_empty() => Err(invalid(field, "must not be empty")),
        _ => Ok(()),
    }
}

/// Checks the request whole before the transaction opens (as intake does for an application).
fn validate(request: &ReplacementRequest) -> Result<(), ReplaceError> {
    if request.reasons.trim().is_empty() {
        return Err(ReplaceError::ReasonsRequired);
    }
    if let Some(consignee) = &request.corrections.consignee {
        check_text(consignee.name.as_ref(), "consignee.name")?;
        check_text(consignee.address.as_ref(), "consignee.address")?;
        if let Some(country) = &consignee.country
            && !origo_rules::countries::is_iso_alpha2(country)
        {
            return Err(invalid("consignee.country", "not an ISO alpha-2 country"));
        }
    }
    Ok(())
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// The remarks of a certificate without the replacement note a replacement put first.
fn own_remarks(document: &Value) -> Option<String> {
    let remarks = text(document, "remarks")?;
    match remarks.strip_prefix(NOTE_PREFIX) {
        Some(rest) => rest.split_once('\n').map(|(_, own)| own.to_owned()),
        None => Some(remarks),
    }
}

/// The consignment to print on the replacement: the application's, with the consignee and remarks as the old
/// certificate carried them (so that earlier corrections are kept), then the corrections.
fn corrected_consignment(
    application: &applications::Application,
    old: &Certificate,
    old_document: &Value,
    corrections: &Corrections,
) -> Result<Value, ReplaceError> {
    let mut consignment = match &application.consignment {
        Value::Object(map) => map.clone(),
        _ => Map::new(),
    };
    let mut consignee = old_document.get("consignee").cloned().filter(Value::is_object);
    if let Some(correction) = &corrections.consignee {
        let mut party = consignee.take().unwrap_or_else(|| Value::Object(Map::new()));
        for (key, value) in
            [("name", &correction.name), ("address", &correction.address), ("country", &correction.country)]
        {
            if let Some(value) = value {
                party[key] = Value::String(value.trim().to_owned());
            }
        }
        // A consignee added by the replacement needs the whole party.
        for key in ["name", "address"] {
            if text(&party, key).is_none_or(|t| t.trim().is_empty()) {
                return Err(invalid(&format!("consignee.{key}"), "is required: the certificate names no consignee"));
            }
        }
        consignee = Some(party);
    }
    match consignee {
        Some(party) => consignment.insert("consignee".into(), party),
        None => consignment.remove("consignee"),
    };
    let remarks = match &corrections.remarks {
        Some(new) => Some(new.trim().to_owned()).filter(|t| !t.is_empty()),
        None => own_remarks(old_document),
    };
    // The signed document itself says which certificate it replaces, for a verifier who has only the paper.
    let note = format!("{NOTE_PREFIX}{} issued {}", old.number, old.issued_at.date());
    let remarks = match remarks {
        Some(own) => format!("{note}\n{own}"),
        None => note,
    };
    consignment.insert("remarks".into(), Value::String(remarks));
    Ok(Value::Object(consignment))
}

impl Service {
    /// A certifier replaces a valid certificate with a new one, with reasons and optional corrections.
    pub async fn replace_certificate(
        &self,
        caller: &Caller,
        id: Uuid,
        request: &ReplacementRequest,
        idempotency_key: Option<&str>,
    ) -> Result<Replacement, ReplaceError> {
        caller.may(Action::IssueCertificate, &Resource::default())?;
        validate(request)?;
        let mut tx = self.store.begin().await?;
        let scope = caller.user_id.to_string();
        let body =
            serde_json::to_string(request).map_err(|e| ReplaceError::Issue(IssueError::Document(e.to_string())))?;
        let request_hash = crate::hex(&Sha256::digest(format!("replace:{id}:{body}").as_bytes()));
        if let Some(key) = idempotency_key {
            match idempotency::claim(&mut tx, &scope, key, &request_hash, self.clock.now()).await? {
                Claim::New => {}
                Claim::Completed { body, .. } => {
                    let mut replay: Replacement = serde_json::from_str(&body)
                        .map_err(|e| ReplaceError::Store(StoreError::Database(e.to_string())))?;
                    replay.issued = self.with_kept_code(&mut tx, replay.issued).await?;
                    return Ok(replay);
                }
                Claim::Mismatch | Claim::InProgress => return Err(ReplaceError::IdempotencyMismatch),
            }
        }
        let replacement = self.replace_in(&mut tx, caller, id, request).await?;
        if let Some(key) = idempotency_key {
            let replay = Replacement {
                issued: Issued { security_code: None, ..replacement.issued.clone() },
                ..replacement.clone()
            };
            let body =
                serde_json::to_string(&replay).map_err(|e| ReplaceError::Issue(IssueError::Document(e.to_string())))?;
            idempotency::complete(&mut tx, &scope, key, 201, &body, self.clock.now()).await?;
        }
        tx.commit().await?;
        Ok(replacement)
    }

    async fn replace_in(
        &self,
        tx: &mut Tx,
        caller: &Caller,
        id: Uuid,
        request: &ReplacementRequest,
    ) -> Result<Replacement, ReplaceError> {
        let old = certificates::get(tx, id).await?;
        if old.status != CertificateStatus::Valid {
            return Err(ReplaceError::NotValid(old.status));
        }
        let application_id = old.application_id.ok_or(ReplaceError::NoApplication)?;
        let mut application = applications::get(tx, application_id).await?;
        let old_document = serde_json::from_str::<SignedDocument>(&old.document)
            .map_err(|e| ReplaceError::Issue(IssueError::Document(e.to_string())))?
            .document;
        application.consignment = corrected_consignment(&application, &old, &old_document, &request.corrections)?;
        let kind = document_kind(old.kind)?;
        let issued = self.issue_in(tx, caller, &application, kind, Some(old.id)).await?;
        let actor = caller.audit_actor(self.clock.now());
        match certificates::replace(tx, &actor, old.id, issued.certificate_id, request.reasons.trim()).await {
            Ok(_) => {}
            // Revoked or replaced by someone else since it was read above.
            Err(StoreError::Conflict { kind: ConflictKind::Stale, .. }) => {
                return Err(ReplaceError::NotValid(certificates::get(tx, id).await?.status));
            }
            Err(e) => return Err(e.into()),
        }
        Ok(Replacement { issued, replaced_id: old.id, replaced_number: old.number })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reasons_are_required_and_corrections_checked() {
        let mut request = ReplacementRequest { reasons: "  ".into(), ..ReplacementRequest::default() };
        assert!(matches!(validate(&request), Err(ReplaceError::ReasonsRequired)));
        request.reasons = "consignee misspelt".into();
        assert!(validate(&request).is_ok());
        request.corrections.consignee = Some(ConsigneeCorrection { country: Some("de".into()), ..Default::default() });
        assert!(matches!(validate(&request), Err(ReplaceError::Invalid { field, .. }) if field == "consignee.country"));
        request.corrections.consignee = Some(ConsigneeCorrection { name: Some(" ".into()), ..Default::default() });
        assert!(matches!(validate(&request), Err(ReplaceError::Invalid { field, .. }) if field == "consignee.name"));
    }

    #[test]
    fn the_replacement_note_is_not_carried_into_the_next_replacement() {
        let replaced = json!({"remarks": "Replacement certificate for UZ-2026-000001 issued 2026-05-01\nfragile"});
        assert_eq!(own_remarks(&replaced).as_deref(), Some("fragile"));
        let note_only = json!({"remarks": "Replacement certificate for UZ-2026-000001 issued 2026-05-01"});
        assert_eq!(own_remarks(&note_only), None);
        assert_eq!(own_remarks(&json!({"remarks": "fragile"})).as_deref(), Some("fragile"));
        assert_eq!(own_remarks(&json!({})), None);
    }
}
