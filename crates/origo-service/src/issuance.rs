//! Issuance: the certificate number from the store's sequence, a random security code (its hash for the public
//! check, and the code itself sealed under the key-encryption key for the certificate's PDF), the certificate as
//! canonical JSON signed with Ed25519 by the issuing body's current key, all in the transaction that moves the
//! application to `issued`. An idempotency key makes a retried request return the certificate already issued
//! instead of a second one (with its security code, opened again from the sealed one).

use origo_documents::certificate::{
    Certificate, CertificateKind, CertificateNumber, CertificateStatus, Certification, CountryCode,
    Exporter as DocExporter, GoodsItem, HsCode, IssuingBody, Money, OriginCriterion, Packages, Party, Quantity,
};
use origo_documents::signing::sign_certificate;
use origo_store::applications::{self, ApplicationState, ProofKind};
use origo_store::certificates::{self, NewCertificate};
use origo_store::idempotency::{self, Claim};
use origo_store::{StoreError, Tx, determinations, exporters, goods, sequences, users};
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::access::Caller;
use crate::application::{Event, TransitionError};
use crate::clock::doc_date;
use crate::examination::state_of;
use crate::keys::KeyError;
use crate::policy::{Action, Denied};
use crate::service::Service;

/// Why a certificate was not issued.
#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// Statements on origin are made out by the exporter, not issued.
    #[error("a {0:?} is made out by the exporter, not issued by the certifying body")]
    NotIssuedByBody(ProofKind),
    #[error("the exporter's registration is not in force")]
    ExporterNotRegistered,
    /// The same idempotency key was used for another request.
    #[error("this idempotency key was used for another request")]
    IdempotencyMismatch,
    #[error("the certificate cannot be made: {0}")]
    Document(String),
    #[error("application not found")]
    NotFound,
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for IssueError {
    fn from(error: StoreError) -> IssueError {
        match error {
            StoreError::NotFound { .. } => IssueError::NotFound,
            e => IssueError::Store(e),
        }
    }
}

impl From<crate::intake::IntakeError> for IssueError {
    fn from(error: crate::intake::IntakeError) -> IssueError {
        match error {
            crate::intake::IntakeError::Denied(d) => IssueError::Denied(d),
            crate::intake::IntakeError::Store(e) => IssueError::Store(e),
            _ => IssueError::NotFound,
        }
    }
}

/// An issued certificate. A replay of the same idempotency key gets the security code opened from the sealed one;
/// without a key-encryption key (nothing sealed) the replay has no code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued {
    pub certificate_id: Uuid,
    pub number: String,
    pub security_code: Option<String>,
    /// The signed document (origo-signed/1) as stored.
    pub document: Value,
}

/// SHA-256 hex of a security code, as typed from paper: case, spaces and dashes do not matter, and the letters
/// Crockford base32 leaves out because they look like digits are read as those digits (O as 0, I and L as 1).
/// Issued codes never contain them, so the hashes of stored codes are unchanged.
pub fn security_code_hash(code: &str) -> String {
    let normalised: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect();
    crate::hex(&Sha256::digest(normalised.as_bytes()))
}

/// Ten characters of Crockford base32 (50 bits): easy to type from paper, too many to guess under a rate limit.
fn new_security_code() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0u8; 10];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| ALPHABET[usize::from(b % 32)] as char).collect()
}

pub(crate) fn document_kind(kind: ProofKind) -> Result<CertificateKind, IssueError> {
    match kind {
        ProofKind::NonPreferential => Ok(CertificateKind::NonPreferential),
        ProofKind::Ct1 => Ok(CertificateKind::Ct1),
        ProofKind::CtUz => Ok(CertificateKind::CtUz),
        other => Err(IssueError::NotIssuedByBody(other)),
    }
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn country(code: &str) -> Result<CountryCode, IssueError> {
    code.parse().map_err(|e: origo_documents::certificate::CountryCodeError| IssueError::Document(e.to_string()))
}

impl Service {
    /// A certifier issues the certificate of an approved (and, if high-risk, countersigned) application.
    pub async fn issue_certificate(
        &self,
        caller: &Caller,
        application_id: Uuid,
        idempotency_key: Option<&str>,
    ) -> Result<Issued, IssueError> {
        let mut tx = self.store.begin().await?;
        let application = self.application_for(&mut tx, caller, Action::IssueCertificate, application_id).await?;
        let scope = caller.user_id.to_string();
        let request_hash = crate::hex(&Sha256::digest(format!("issue:{application_id}").as_bytes()));
        if let Some(key) = idempotency_key {
            match idempotency::claim(&mut tx, &scope, key, &request_hash, self.clock.now()).await? {
                Claim::New => {}
                Claim::Completed { body, .. } => {
                    let replay: Issued = serde_json::from_str(&body)
                        .map_err(|e| IssueError::Store(StoreError::Database(e.to_string())))?;
                    return self.with_kept_code(&mut tx, replay).await;
                }
                Claim::Mismatch | Claim::InProgress => return Err(IssueError::IdempotencyMismatch),
            }
        }
        state_of(&application).next(&Event::Issue)?;
        let kind = document_kind(application.kind)?;
        let issued = self.issue_in(&mut tx, caller, &application, kind, None).await?;
        let actor = caller.audit_actor(self.clock.now());
        applications::transition(
            &mut tx,
            &actor,
            application_id,
            ApplicationState::Approved,
            ApplicationState::Issued,
            None,
        )
        .await?;
        if let Some(key) = idempotency_key {
            let replay = Issued { security_code: None, ..issued.clone() };
            let body = serde_json::to_string(&replay).map_err(|e| IssueError::Document(e.to_string()))?;
            idempotency::complete(&mut tx, &scope, key, 201, &body, self.clock.now()).await?;
        }
        tx.commit().await?;
        Ok(issued)
    }

    /// A replayed answer with the security code opened from the sealed one (the stored answer never holds the
    /// code). A code that was not kept, or does not open, leaves the answer without it, as before codes were kept.
    pub(crate) async fn with_kept_code(&self, tx: &mut Tx, mut issued: Issued) -> Result<Issued, IssueError> {
        let sealed = certificates::sealed_security_code(tx, issued.certificate_id).await?;
        let issuer_code = self.config.issuer_code.clone();
        issued.security_code = self.open_security_code(&issuer_code, &issued.number, sealed.as_deref()).ok().flatten();
        Ok(issued)
    }

    /// Numbers, signs and stores a certificate for `application` inside `tx`.
    pub(crate) async fn issue_in(
        &self,
        tx: &mut Tx,
        caller: &Caller,
        application: &applications::Application,
        kind: CertificateKind,
        replaces: Option<Uuid>,
    ) -> Result<Issued, IssueError> {
        let exporter = exporters::get(tx, application.exporter_id).await?;
        let officer_name = match users::get(tx, caller.user_id).await {
            Ok(user) => user.display_name,
            // A caller that is no stored user (an API token of the system): its id, as before.
            Err(StoreError::NotFound { .. }) => caller.user_id.to_string(),
            Err(e) => return Err(e.into()),
        };
        if exporter.status != exporters::ExporterStatus::Registered {
            return Err(IssueError::ExporterNotRegistered);
        }
        let now = self.clock.now();
        let today = doc_date(now.date());
        let year = now.year();
        let consignment = &application.consignment;
        let importing = text(consignment, "importing_country").unwrap_or_default();
        let consignee = match consignment.get("consignee") {
            Some(c) => Some(Party {
                name: text(c, "name").unwrap_or_default(),
                address: text(c, "address").unwrap_or_default(),
                country: country(&text(c, "country").unwrap_or_else(|| importing.clone()))?,
            }),
            None => None,
        };
        let mut items = Vec::new();
        for item in goods::list(tx, application.id).await? {
            let determination = determinations::latest_for_item(tx, item.id).await?;
            let criterion = determination.and_then(|d| d.criterion).and_then(|c| c.parse::<OriginCriterion>().ok());
            items.push(GoodsItem {
                item_number: u32::try_from(item.line_no).unwrap_or(u32::MAX),
                marks: item.marks_and_packages.clone().unwrap_or_else(|| "No marks and numbers".into()),
                packages: Packages { count: 0, kind: "as invoiced".into() },
                description: item.description.clone(),
                hs_code: item.hs_code.parse::<HsCode>().map_err(|e| IssueError::Document(e.to_string()))?,
                origin_criterion: criterion,
                gross_weight_kg: item.gross_weight_kg,
                net_weight_kg: item.net_weight_kg,
                quantity: Some(Quantity { value: item.quantity, unit: item.unit.clone() }),
                invoice: match (&item.invoice_number, item.invoice_date) {
                    (Some(n), Some(d)) => {
                        Some(origo_documents::certificate::InvoiceRef { number: n.clone(), date: doc_date(d) })
                    }
                    _ => None,
                },
                value: match (item.invoice_value, &item.currency) {
                    (Some(amount), Some(currency)) => Some(Money { amount, currency: currency.clone() }),
                    _ => None,
                },
                supplier: None,
            });
        }
        let signer = self.current_signer(tx).await?;
        // The number last, after every read: on PostgreSQL the sequence row stays locked until commit, and
        // concurrent issuances queue on it, so the less the transaction does after it, the more of them pass.
        let sequence = sequences::allocate(tx, &self.config.issuer_code, year).await?;
        let number = CertificateNumber::new(
            country(&self.config.country)?,
            year as u16,
            u32::try_from(sequence).map_err(|e| IssueError::Document(e.to_string()))?,
        )
        .ok_or_else(|| IssueError::Document("the sequence is exhausted".into()))?;
        let certificate = Certificate {
            kind,
            number: number.clone(),
            issuing_body: Some(IssuingBody {
                name: self.config.issuer_name.clone(),
                country: country(&self.config.country)?,
                address: None,
            }),
            exporter: DocExporter {
                name: exporter.data.name.clone(),
                address: exporter.data.address.clone(),
                country: country(&exporter.data.country)?,
                tin: Some(exporter.data.tin.clone()),
                rex: exporter.rex_number.as_deref().and_then(|r| r.parse().ok()),
            },
            consignee,
            transport: None,
            items,
            country_of_origin: country(&exporter.data.country)?,
            importing_country: country(&importing)?,
            exporter_declaration: None,
            certification: Some(Certification {
                place: self.config.place.clone(),
                date: today,
                // The name printed and shown publicly; the user id stays in the audit trail.
                officer: officer_name,
                seal: None,
            }),
            // Kept out of the signed document: the database holds the document, and only the code's hash.
            security_code: None,
            remarks: text(consignment, "remarks"),
            status: CertificateStatus::Valid,
        };
        let signed = sign_certificate(&certificate, &signer, today).map_err(|e| IssueError::Document(e.to_string()))?;
        let document = serde_json::to_string(&signed).map_err(|e| IssueError::Document(e.to_string()))?;
        let code = new_security_code();
        let new = NewCertificate {
            issuer_code: self.config.issuer_code.clone(),
            number: number.to_string(),
            year: i64::from(year),
            sequence,
            kind: application.kind,
            application_id: Some(application.id),
            exporter_id: application.exporter_id,
            security_code_hash: security_code_hash(&code),
            security_code_sealed: self.seal_security_code(&number.to_string(), &code),
            document,
            key_id: signer.key_id().as_str().to_owned(),
            replaces_id: replaces,
        };
        let stored = certificates::issue(tx, &caller.audit_actor(now), &new).await?;
        let document = serde_json::to_value(&signed).map_err(|e| IssueError::Document(e.to_string()))?;
        Ok(Issued { certificate_id: stored.id, number: stored.number, security_code: Some(code), document })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_typed_from_paper_matches_the_issued_one() {
        let issued = security_code_hash("7KQ40M2X1H");
        for typed in ["7kq40m2x1h", " 7KQ4-0M2X-1H ", "7KQ4 OM2X IH", "7KQ4oM2XlH"] {
            assert_eq!(security_code_hash(typed), issued, "{typed}");
        }
        assert_ne!(security_code_hash("7KQ40M2X1J"), issued);
    }

    #[test]
    fn issued_codes_are_ten_characters_of_the_alphabet() {
        for _ in 0..100 {
            let code = new_security_code();
            assert_eq!(code.len(), 10);
            assert!(code.chars().all(|c| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"ILOU".contains(c))));
        }
    }
}
