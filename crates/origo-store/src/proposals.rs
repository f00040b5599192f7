//! Revocation proposals: customs (from a control case) or the administrative-cooperation workflow (after failed
//! verifications) proposes revoking a certificate or a REX registration; the certifying body decides. Accepting
//! revokes the target in the same transaction, through [`certificates::revoke`] or [`exporters::revoke`], so a
//! proposal is never accepted without its revocation. At most one proposal per target is undecided at a time.

use serde::Serialize;
use sqlx::any::AnyRow;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, new_id, text_enum, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};
use crate::{certificates, exporters};

macro_rules! columns {
    () => {
        "id, target_kind, target_id, certificate_id, exporter_id, source_kind, control_case_id, \
         verification_request_id, grounds, status, proposed_by, proposed_by_role, proposed_at, decided_by, \
         decided_by_role, decision_reasons, decided_at"
    };
}

text_enum! {
    /// What a proposal would revoke.
    pub enum TargetKind {
        Certificate = "certificate",
        RexRegistration = "rex_registration",
    }
}

text_enum! {
    /// Where a proposal comes from.
    pub enum SourceKind {
        ControlCase = "control_case",
        VerificationRequest = "verification_request",
    }
}

text_enum! {
    /// Where a proposal stands.
    pub enum ProposalStatus {
        Proposed = "proposed",
        Accepted = "accepted",
        Rejected = "rejected",
    }
}

/// What to revoke: a certificate, or the REX registration of an exporter (by the exporter's id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProposalTarget {
    Certificate(Uuid),
    RexRegistration(Uuid),
}

/// Why it is proposed: a control case, or a verification request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProposalSource {
    ControlCase(Uuid),
    VerificationRequest(Uuid),
}

/// A new proposal; the proposer is the actor of [`create`].
#[derive(Clone, Debug)]
pub struct NewProposal {
    pub target: ProposalTarget,
    pub source: ProposalSource,
    pub grounds: String,
}

/// A revocation proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Proposal {
    pub id: Uuid,
    pub target_kind: TargetKind,
    /// The certificate's id or the exporter's id.
    pub target_id: Uuid,
    pub certificate_id: Option<Uuid>,
    /// The exporter concerned (the certificate's, or the registration's).
    pub exporter_id: Uuid,
    pub source_kind: SourceKind,
    pub control_case_id: Option<Uuid>,
    pub verification_request_id: Option<Uuid>,
    pub grounds: String,
    pub status: ProposalStatus,
    /// `None` when the system proposed it.
    pub proposed_by: Option<Uuid>,
    pub proposed_by_role: String,
    #[serde(with = "time::serde::rfc3339")]
    pub proposed_at: OffsetDateTime,
    pub decided_by: Option<Uuid>,
    pub decided_by_role: Option<String>,
    pub decision_reasons: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub decided_at: Option<OffsetDateTime>,
}

impl Proposal {
    /// The target as one value.
    pub fn target(&self) -> ProposalTarget {
        match self.target_kind {
            TargetKind::Certificate => ProposalTarget::Certificate(self.target_id),
            TargetKind::RexRegistration => ProposalTarget::RexRegistration(self.target_id),
        }
    }
}

/// Records a proposal. A target that does not exist is `NotFound` (`certificate` / `exporter`); a target with an
/// undecided proposal already is `Conflict { constraint: "revocation_proposals_target_kind_target_id_key" }` (see
/// [`open_for`] to find it first). Whether the target can still be revoked is the caller's to check.
pub async fn create(tx: &mut Tx, actor: &Actor, new: &NewProposal) -> Result<Proposal, StoreError> {
    let (kind, target_id, certificate_id, exporter_id) = match new.target {
        ProposalTarget::Certificate(id) => {
            let certificate = certificates::get(tx, id).await?;
            (TargetKind::Certificate, id, Some(id), certificate.exporter_id)
        }
        ProposalTarget::RexRegistration(id) => {
            (TargetKind::RexRegistration, id, None, exporters::get(tx, id).await?.id)
        }
    };
    let (source_kind, case_id, request_id) = match new.source {
        ProposalSource::ControlCase(id) => (SourceKind::ControlCase, Some(id), None),
        ProposalSource::VerificationRequest(id) => (SourceKind::VerificationRequest, None, Some(id)),
    };
    let row = sqlx::query(concat!(
        "INSERT INTO revocation_proposals (id, target_kind, target_id, certificate_id, exporter_id, source_kind, ",
        "control_case_id, verification_request_id, grounds, status, proposed_by, proposed_by_role, proposed_at) ",
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'proposed', $10, $11, $12) RETURNING ",
        columns!()
    ))
    .bind(new_id().to_string())
    .bind(kind.as_str())
    .bind(target_id.to_string())
    .bind(certificate_id.map(|id| id.to_string()))
    .bind(exporter_id.to_string())
    .bind(source_kind.as_str())
    .bind(case_id.map(|id| id.to_string()))
    .bind(request_id.map(|id| id.to_string()))
    .bind(&new.grounds)
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(&actor.role)
    .bind(ts(actor.at))
    .fetch_one(tx.conn())
    .await?;
    let proposal = from_row(&row)?;
    let event = AuditEvent::new("revocation_proposal.created", "revocation_proposal", proposal.id);
    tx.audit(actor, event.after(&proposal).reason(Some(&new.grounds)));
    Ok(proposal)
}

/// Accepts an undecided proposal with the decision's reasons, and revokes its target in the same transaction:
/// the certificate (reason `revocation_reason`) or the REX registration (on the actor's day, grounds
/// `revocation_reason`). A proposal decided meanwhile is `Conflict { kind: Stale, constraint:
/// "revocation_proposals_status" }`; a target that is no longer valid or registered is the revocation's `Stale`.
pub async fn accept(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    reasons: &str,
    revocation_reason: &str,
) -> Result<Proposal, StoreError> {
    let decided = decide(tx, actor, id, ProposalStatus::Accepted, reasons).await?;
    match decided.target() {
        ProposalTarget::Certificate(certificate) => {
            certificates::revoke(tx, actor, certificate, revocation_reason).await?;
        }
        ProposalTarget::RexRegistration(exporter) => {
            exporters::revoke(tx, actor, exporter, actor.at.date(), revocation_reason).await?;
        }
    }
    Ok(decided)
}

/// Rejects an undecided proposal with the decision's reasons; nothing is revoked.
pub async fn reject(tx: &mut Tx, actor: &Actor, id: Uuid, reasons: &str) -> Result<Proposal, StoreError> {
    decide(tx, actor, id, ProposalStatus::Rejected, reasons).await
}

async fn decide(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    status: ProposalStatus,
    reasons: &str,
) -> Result<Proposal, StoreError> {
    let before = get(tx, id).await?;
    let row = sqlx::query(concat!(
        "UPDATE revocation_proposals SET status = $2, decided_by = $3, decided_by_role = $4, ",
        "decision_reasons = $5, decided_at = $6 WHERE id = $1 AND status = 'proposed' RETURNING ",
        columns!()
    ))
    .bind(id.to_string())
    .bind(status.as_str())
    .bind(actor.user_id.map(|id| id.to_string()))
    .bind(&actor.role)
    .bind(reasons)
    .bind(ts(actor.at))
    .fetch_optional(tx.conn())
    .await?;
    let after = from_row(&row.ok_or_else(|| StoreError::stale("revocation_proposals_status"))?)?;
    let action = format!("revocation_proposal.{status}");
    let event = AuditEvent::new(action, "revocation_proposal", id).before(&before).after(&after);
    tx.audit(actor, event.reason(Some(reasons)));
    Ok(after)
}

/// The proposal with `id`.
pub async fn get(db: &mut impl Db, id: Uuid) -> Result<Proposal, StoreError> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM revocation_proposals WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.conn())
        .await?;
    from_row(&row.ok_or(StoreError::NotFound { entity: "revocation proposal" })?)
}

/// The undecided proposal on `target`, if there is one.
pub async fn open_for(db: &mut impl Db, target: ProposalTarget) -> Result<Option<Proposal>, StoreError> {
    let (kind, id) = match target {
        ProposalTarget::Certificate(id) => (TargetKind::Certificate, id),
        ProposalTarget::RexRegistration(id) => (TargetKind::RexRegistration, id),
    };
    let row = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM revocation_proposals WHERE target_kind = $1 AND target_id = $2 AND status = 'proposed'"
    ))
    .bind(kind.as_str())
    .bind(id.to_string())
    .fetch_optional(db.conn())
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Proposals in creation order, optionally only those in `status`, `limit` after `after`.
pub async fn list(
    db: &mut impl Db,
    status: Option<ProposalStatus>,
    after: Option<Uuid>,
    limit: u32,
) -> Result<Vec<Proposal>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM revocation_proposals WHERE ($1 = '' OR status = $1) AND id > $2 ORDER BY id LIMIT $3"
    ))
    .bind(status.map_or("", ProposalStatus::as_str))
    .bind(after.map_or_else(String::new, |id| id.to_string()))
    .bind(i64::from(limit))
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

/// The proposals made from a control case, oldest first.
pub async fn list_for_case(db: &mut impl Db, case_id: Uuid) -> Result<Vec<Proposal>, StoreError> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM revocation_proposals WHERE control_case_id = $1 ORDER BY id"
    ))
    .bind(case_id.to_string())
    .fetch_all(db.conn())
    .await?;
    rows.iter().map(from_row).collect()
}

fn from_row(row: &AnyRow) -> Result<Proposal, StoreError> {
    Ok(Proposal {
        id: row.id("id")?,
        target_kind: row.parsed("target_kind")?,
        target_id: row.id("target_id")?,
        certificate_id: row.opt_id("certificate_id")?,
        exporter_id: row.id("exporter_id")?,
        source_kind: row.parsed("source_kind")?,
        control_case_id: row.opt_id("control_case_id")?,
        verification_request_id: row.opt_id("verification_request_id")?,
        grounds: row.text("grounds")?,
        status: row.parsed("status")?,
        proposed_by: row.opt_id("proposed_by")?,
        proposed_by_role: row.text("proposed_by_role")?,
        proposed_at: row.ts("proposed_at")?,
        decided_by: row.opt_id("decided_by")?,
        decided_by_role: row.opt_text("decided_by_role")?,
        decision_reasons: row.opt_text("decision_reasons")?,
        decided_at: row.opt_ts("decided_at")?,
    })
}
