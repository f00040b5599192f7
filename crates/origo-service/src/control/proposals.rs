//! Revocation proposals: customs proposes, from an open control case, revoking the case's certificate or its
//! exporter's REX registration; the administrative-cooperation workflow proposes revoking a REX registration after
//! repeated failed verifications (through `origo_store::proposals::create` in its own transaction). Only the
//! certifying body decides (certifier or supervisor), with reasons: accepting revokes the target in the same
//! transaction, rejecting leaves it as it is. Separation of functions: customs never decides, and nothing here
//! lets it revoke.

use origo_store::certificates::{self, CertificateStatus};
use origo_store::control_cases::{self, CaseStatus, SubjectKind};
use origo_store::exporters::{self, ExporterStatus};
use origo_store::proposals::{
    self, NewProposal, Proposal, ProposalSource, ProposalStatus, ProposalTarget, SourceKind, TargetKind,
};
use origo_store::{Db, cooperation};
use uuid::Uuid;

use super::{ControlError, required_text};
use crate::access::Caller;
use crate::policy::{Action, Resource};
use crate::service::Service;

/// The certifying body's decision on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalDecision {
    Accept,
    Reject,
}

/// A proposal with what people need to read it: the certificate number or REX number of its target, the
/// exporter's name and the reference of its source.
#[derive(Debug, Clone)]
pub struct ProposalView {
    pub proposal: Proposal,
    /// `UZ-2026-000123` or `UZREX301234567`.
    pub target_label: String,
    pub exporter_name: String,
    /// The control case's or the verification request's reference.
    pub source_reference: String,
}

impl Service {
    /// Customs proposes, from an open control case, revoking the case's certificate (`TargetKind::Certificate`,
    /// only for a case on a certificate) or its exporter's REX registration.
    pub async fn propose_revocation(
        &self,
        caller: &Caller,
        case_id: Uuid,
        target: TargetKind,
        grounds: &str,
    ) -> Result<Proposal, ControlError> {
        caller.may(Action::ProposeRevocation, &Resource::default())?;
        let grounds = required_text("grounds", grounds, true)?;
        let mut tx = self.store.begin().await?;
        let case = control_cases::get(&mut tx, case_id).await?;
        if case.status != CaseStatus::Open {
            return Err(ControlError::InvalidState(format!("case {} is closed", case.reference)));
        }
        let target = match (target, case.subject_kind, case.certificate_id) {
            (TargetKind::Certificate, SubjectKind::Certificate, Some(certificate_id)) => {
                let certificate = certificates::get(&mut tx, certificate_id).await?;
                if certificate.status != CertificateStatus::Valid {
                    let message = format!("certificate {} is {} already", certificate.number, certificate.status);
                    return Err(ControlError::InvalidState(message));
                }
                ProposalTarget::Certificate(certificate_id)
            }
            (TargetKind::Certificate, ..) => {
                let message = "a case on an exporter can propose revoking its REX registration only".to_owned();
                return Err(ControlError::Invalid { field: "target", message });
            }
            (TargetKind::RexRegistration, ..) => {
                let exporter = exporters::get(&mut tx, case.exporter_id).await?;
                if exporter.status != ExporterStatus::Registered {
                    let message = format!("the exporter's registration is {}", exporter.status);
                    return Err(ControlError::InvalidState(message));
                }
                ProposalTarget::RexRegistration(case.exporter_id)
            }
        };
        let new = NewProposal { target, source: ProposalSource::ControlCase(case_id), grounds };
        let proposal = proposals::create(&mut tx, &caller.audit_actor(self.clock.now()), &new).await?;
        tx.commit().await?;
        Ok(proposal)
    }

    /// The certifying body accepts (revoking the target in the same transaction) or rejects a proposal, with
    /// reasons. A target that can no longer be revoked (revoked or replaced meanwhile) is `InvalidState`.
    pub async fn decide_proposal(
        &self,
        caller: &Caller,
        id: Uuid,
        decision: ProposalDecision,
        reasons: &str,
    ) -> Result<Proposal, ControlError> {
        caller.may(Action::DecideProposal, &Resource::default())?;
        let reasons = required_text("reasons", reasons, true)?;
        let mut tx = self.store.begin().await?;
        let proposal = proposals::get(&mut tx, id).await?;
        if proposal.status != ProposalStatus::Proposed {
            return Err(ControlError::InvalidState(format!("the proposal was {} already", proposal.status)));
        }
        let actor = caller.audit_actor(self.clock.now());
        let decided = match decision {
            ProposalDecision::Reject => proposals::reject(&mut tx, &actor, id, &reasons).await?,
            ProposalDecision::Accept => {
                match proposal.target() {
                    ProposalTarget::Certificate(certificate_id) => {
                        let certificate = certificates::get(&mut tx, certificate_id).await?;
                        if certificate.status != CertificateStatus::Valid {
                            let message =
                                format!("certificate {} is {} already", certificate.number, certificate.status);
                            return Err(ControlError::InvalidState(message));
                        }
                    }
                    ProposalTarget::RexRegistration(exporter_id) => {
                        let exporter = exporters::get(&mut tx, exporter_id).await?;
                        if exporter.status != ExporterStatus::Registered {
                            let message = format!("the exporter's registration is {}", exporter.status);
                            return Err(ControlError::InvalidState(message));
                        }
                    }
                }
                let source = source_reference(&mut tx, &proposal).await?;
                let revocation = format!("{reasons} (revocation proposed in {source})");
                proposals::accept(&mut tx, &actor, id, &reasons, &revocation).await?
            }
        };
        tx.commit().await?;
        Ok(decided)
    }

    /// Proposals, oldest first, optionally only those in `status`.
    pub async fn proposals(
        &self,
        caller: &Caller,
        status: Option<ProposalStatus>,
        after: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<ProposalView>, ControlError> {
        caller.may(Action::ReadProposals, &Resource::default())?;
        let mut snapshot = self.store.snapshot().await?;
        let mut views = Vec::new();
        for proposal in proposals::list(&mut snapshot, status, after, limit).await? {
            views.push(view(&mut snapshot, proposal).await?);
        }
        snapshot.finish().await?;
        Ok(views)
    }

    /// One proposal.
    pub async fn proposal(&self, caller: &Caller, id: Uuid) -> Result<ProposalView, ControlError> {
        caller.may(Action::ReadProposals, &Resource::default())?;
        let mut snapshot = self.store.snapshot().await?;
        let proposal = proposals::get(&mut snapshot, id).await?;
        let view = view(&mut snapshot, proposal).await?;
        snapshot.finish().await?;
        Ok(view)
    }
}

async fn view(db: &mut impl Db, proposal: Proposal) -> Result<ProposalView, ControlError> {
    let exporter = exporters::get(db, proposal.exporter_id).await?;
    let target_label = match proposal.target() {
        ProposalTarget::Certificate(id) => certificates::get(db, id).await?.number,
        ProposalTarget::RexRegistration(_) => exporter.rex_number.clone().unwrap_or_default(),
    };
    let source_reference = source_reference(db, &proposal).await?;
    Ok(ProposalView { proposal, target_label, exporter_name: exporter.data.name, source_reference })
}

/// `control case PCC-2026-000012` or `verification request VR-2026-000123`.
async fn source_reference(db: &mut impl Db, proposal: &Proposal) -> Result<String, ControlError> {
    Ok(match (proposal.source_kind, proposal.control_case_id, proposal.verification_request_id) {
        (SourceKind::ControlCase, Some(case), _) => {
            format!("control case {}", control_cases::get(db, case).await?.reference)
        }
        (SourceKind::VerificationRequest, _, Some(request)) => match cooperation::get(db, request).await {
            Ok(request) => format!("verification request {}", request.reference),
            Err(origo_store::StoreError::NotFound { .. }) => format!("verification request {request}"),
            Err(other) => return Err(other.into()),
        },
        _ => "an unknown source".to_owned(),
    })
}
