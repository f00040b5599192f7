//! The workflow steps the demo repeats, each through the service as the user in that role would take it.

use origo_service::Service;
use origo_service::examination::Examination;
use origo_service::intake::{ApplicationDraft, ItemDraft};
use origo_service::issuance::Issued;
use origo_store::applications::ProofKind;
use uuid::Uuid;

use super::goods::{Consignee, consignment};
use super::parties::{Exporter, Officers};

/// The kind of proof in the summary's words.
pub fn kind_label(kind: ProofKind) -> &'static str {
    match kind {
        ProofKind::NonPreferential => "general form",
        ProofKind::Ct1 => "CT-1",
        ProofKind::CtUz => "CT-UZ",
        ProofKind::StatementOnOrigin => "EU GSP statement on origin",
        ProofKind::OriginDeclaration => "UK DCTS origin declaration",
    }
}

/// "CT-1, Fargʻona Tekstil to OOO Tekstil-Torg (RU)".
pub fn describe(kind: ProofKind, exporter: &Exporter, to: &Consignee) -> String {
    format!("{}, {} to {} ({})", kind_label(kind), exporter.short, to.name, to.country)
}

/// An application of `exporter`, submitted (origin determined) unless `submit` is false.
pub async fn application(
    service: &Service,
    exporter: &Exporter,
    draft: ApplicationDraft,
    submit: bool,
) -> anyhow::Result<Uuid> {
    let created = service.create_application(&exporter.caller, draft).await?;
    if submit {
        service.submit_application(&exporter.caller, created.id).await?;
    }
    Ok(created.id)
}

/// A submitted application approved by the certifier; a high-risk one waits for the supervisor unless
/// `countersign`.
pub async fn approved(
    service: &Service,
    officers: &Officers,
    exporter: &Exporter,
    draft: ApplicationDraft,
    high_risk: bool,
    countersign: bool,
) -> anyhow::Result<Uuid> {
    let id = application(service, exporter, draft, true).await?;
    if high_risk {
        service.flag_high_risk(&officers.certifier, id, true).await?;
    }
    service.examine_application(&officers.certifier, id, Examination::Approve).await?;
    if high_risk && countersign {
        service.second_sign(&officers.supervisor, id).await?;
    }
    Ok(id)
}

/// A consignment taken all the way to its certificate (countersigned first when `high_risk`).
pub async fn issued(
    service: &Service,
    officers: &Officers,
    exporter: &Exporter,
    kind: ProofKind,
    to: Consignee,
    items: Vec<ItemDraft>,
    high_risk: bool,
) -> anyhow::Result<Issued> {
    let id = approved(service, officers, exporter, consignment(kind, to, items), high_risk, true).await?;
    Ok(service.issue_certificate(&officers.certifier, id, None).await?)
}
