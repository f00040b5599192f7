//! The reply to a verification request: a canonical JSON document (`origo-verification-reply/1`, with the
//! investigation's steps) signed with the issuing body's current Ed25519 key exactly as certificates are, so that
//! the requesting authority checks it offline against `/.well-known/origo-keys.json`.
//!
//! "Not confirmed" acts in the same transaction as the reply: the certificate is revoked (a replaced one through
//! the certificate that replaced it, which carries the same goods), or the statement is marked not confirmed; the
//! exporter's failed verification is recorded (the answered request itself, and an audit record on the exporter);
//! and once the exporter has [`CooperationConfig::failures_for_rex_proposal`] failures, a proposal to revoke its
//! REX registration is made (`origo_store::proposals`, decided by the certifying body like customs' proposals),
//! unless one is already pending or the registration is not in force.
//!
//! [`CooperationConfig::failures_for_rex_proposal`]: super::CooperationConfig::failures_for_rex_proposal

use origo_documents::verification_reply::{self as doc, ReplyFormat, ReplyStep, ReplySubject, VerificationReply};
use origo_store::audit::AuditEvent;
use origo_store::certificates::{self, Certificate, CertificateStatus};
use origo_store::cooperation::record;
use origo_store::cooperation::steps;
use origo_store::cooperation::{self, Answer, ReplyOutcome, VerificationRequest};
use origo_store::exporters::{self, ExporterStatus};
use origo_store::proposals::{self, NewProposal, ProposalSource, ProposalTarget};
use origo_store::{Actor, Tx, statements};
use uuid::Uuid;

use super::requests::{MAX_TEXT, RequestDetail, may_read};
use super::{CooperationError, invalid};
use crate::access::Caller;
use crate::clock::doc_date;
use crate::policy::{Action, Denied, Resource};
use crate::service::Service;

/// The certifier's reply.
#[derive(Debug, Clone)]
pub struct ReplyRequest {
    pub outcome: ReplyOutcome,
    pub findings: String,
}

/// What replying did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replied {
    pub detail: RequestDetail,
    /// The number of the certificate revoked because of a "not confirmed" reply.
    pub revoked_certificate: Option<String>,
    /// A proposal to revoke the exporter's REX registration, made because of repeated failures.
    pub rex_proposal: Option<Uuid>,
}

fn document_outcome(outcome: ReplyOutcome) -> doc::ReplyOutcome {
    match outcome {
        ReplyOutcome::Confirmed => doc::ReplyOutcome::Confirmed,
        ReplyOutcome::NotConfirmed => doc::ReplyOutcome::NotConfirmed,
        ReplyOutcome::Undetermined => doc::ReplyOutcome::Undetermined,
    }
}

impl Service {
    /// A certifier answers a request, once. See the module documentation for what "not confirmed" does.
    pub async fn answer_verification_request(
        &self,
        caller: &Caller,
        request_id: Uuid,
        reply: ReplyRequest,
    ) -> Result<Replied, CooperationError> {
        caller.may(Action::AnswerVerificationRequest, &Resource::default())?;
        let findings = reply.findings.trim().to_owned();
        if findings.is_empty() {
            return Err(invalid("findings", "must not be empty"));
        }
        if findings.chars().count() > MAX_TEXT {
            return Err(invalid("findings", format!("must have at most {MAX_TEXT} characters")));
        }
        let now = self.clock.now();
        let actor = caller.audit_actor(now);
        let mut tx = self.store.begin().await?;
        let request = cooperation::get(&mut tx, request_id).await?;
        if request.status == cooperation::RequestStatus::Answered {
            return Err(CooperationError::AlreadyAnswered);
        }
        let subject = match (request.certificate_id, request.statement_id) {
            (Some(id), _) => ReplySubject::Certificate { number: certificates::get(&mut tx, id).await?.number },
            (None, Some(id)) => ReplySubject::Statement { text_hash: statements::get(&mut tx, id).await?.text_hash },
            (None, None) => return Err(invalid("request", "the request has no subject")),
        };
        let mut action_taken = None;
        let mut revoked_certificate = None;
        if reply.outcome == ReplyOutcome::NotConfirmed {
            let reason = format!(
                "Verification request {} ({}) answered not confirmed: {findings}",
                request.reference, request.requesting_country
            );
            if let Some(id) = request.certificate_id
                && let Some(revoked) = revoke_in_force(&mut tx, &actor, id, &reason).await?
            {
                action_taken = Some(format!("Certificate {} revoked", revoked.number));
                revoked_certificate = Some(revoked.number);
            }
            if let Some(id) = request.statement_id {
                let statement = statements::get(&mut tx, id).await?;
                if statement.not_confirmed_at.is_none() {
                    statements::mark_not_confirmed(&mut tx, &actor, id, &request.reference).await?;
                }
                action_taken = Some("Statement on origin recorded as not confirmed".to_owned());
            }
        }
        let reply_steps = steps::list(&mut tx, request_id)
            .await?
            .into_iter()
            .map(|s| ReplyStep {
                kind: s.kind.as_str().to_owned(),
                date: doc_date(s.step_date),
                description: s.description,
            })
            .collect();
        let document = VerificationReply {
            format: ReplyFormat,
            reference: request.reference.clone(),
            issuing_body: self.config.issuer_name.clone(),
            issuing_country: self.config.country.clone(),
            requesting_country: request.requesting_country.clone(),
            subject,
            reason_kind: request.reason_kind.as_str().to_owned(),
            received_on: doc_date(request.received_at.date()),
            deadline: doc_date(request.deadline),
            answered_on: doc_date(now.date()),
            outcome: document_outcome(reply.outcome),
            findings: findings.clone(),
            action_taken,
            steps: reply_steps,
        };
        let signer = self.current_signer(&mut tx).await?;
        let signed = doc::sign_reply(&document, &signer, doc_date(now.date()))
            .map_err(|e| CooperationError::Document(e.to_string()))?;
        let reply_document = serde_json::to_string(&signed).map_err(|e| CooperationError::Document(e.to_string()))?;
        let answer = Answer { outcome: reply.outcome, findings, reply_document };
        let answered = cooperation::answer(&mut tx, &actor, request_id, &answer).await?;
        let rex_proposal = match (reply.outcome, answered.exporter_id) {
            (ReplyOutcome::NotConfirmed, Some(exporter_id)) => {
                self.record_failure(&mut tx, &actor, &answered, exporter_id).await?
            }
            _ => None,
        };
        tx.commit().await?;
        let detail = self.verification_request(caller, request_id).await?;
        Ok(Replied { detail, revoked_certificate, rex_proposal })
    }

    /// The failed verification on the exporter's record, and the REX revocation proposal once there are enough.
    async fn record_failure(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        request: &VerificationRequest,
        exporter_id: Uuid,
    ) -> Result<Option<Uuid>, CooperationError> {
        let event = AuditEvent::new("exporter.verification_failed", "exporter", exporter_id);
        tx.audit(actor, event.reason(Some(&request.reference)));
        let failures = record::for_exporter(tx, exporter_id, actor.at.date()).await?.failed;
        let threshold = i64::from(self.config.cooperation.failures_for_rex_proposal.max(1));
        if failures < threshold {
            return Ok(None);
        }
        let exporter = exporters::get(tx, exporter_id).await?;
        let target = ProposalTarget::RexRegistration(exporter_id);
        if exporter.status != ExporterStatus::Registered || proposals::open_for(tx, target).await?.is_some() {
            return Ok(None);
        }
        let grounds = format!(
            "{failures} verifications of this exporter's proofs of origin were answered not confirmed, the last \
             {} ({}); false origin information is a ground for revoking the registration",
            request.reference, request.requesting_country
        );
        let new = NewProposal { target, source: ProposalSource::VerificationRequest(request.id), grounds };
        // The system proposes: the decision stays with the certifying body.
        let proposal = proposals::create(tx, &Actor::system(actor.at), &new).await?;
        Ok(Some(proposal.id))
    }

    /// The signed reply of an answered request (`origo-signed/1` JSON, byte for byte as signed); `None` while
    /// unanswered.
    pub async fn verification_reply(
        &self,
        caller: &Caller,
        request_id: Uuid,
    ) -> Result<Option<String>, CooperationError> {
        let mut conn = self.store.conn().await?;
        let request = cooperation::get(&mut conn, request_id).await?;
        match may_read(caller, &request) {
            Err(Denied::NotVisible) => return Err(CooperationError::NotFound),
            other => other?,
        }
        Ok(request.reply_document)
    }
}

/// Revokes the certificate, or (replaced) the one in force that replaced it; `None` when none is in force.
async fn revoke_in_force(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    reason: &str,
) -> Result<Option<Certificate>, CooperationError> {
    let mut current = certificates::get(tx, id).await?;
    // A replacement chain is short; the bound only guards against a cycle in damaged data.
    for _ in 0..32 {
        match (current.status, current.replaced_by_id) {
            (CertificateStatus::Valid, _) => {
                return Ok(Some(certificates::revoke(tx, actor, current.id, reason).await?));
            }
            (CertificateStatus::Replaced, Some(next)) => current = certificates::get(tx, next).await?,
            _ => return Ok(None),
        }
    }
    Ok(None)
}
