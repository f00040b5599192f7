//! Revoking a supplier declaration. Supplier declarations (single or long-term) back the materials an exporter
//! claims originating; when the certifying body finds one wrong it revokes it with reasons, and in the same
//! transaction flags every valid certificate and every pending application (draft, submitted, information
//! requested, approved — awaiting a second signature or issuance) whose bill of materials relied on it, so that
//! officers re-examine them and the exporter's record shows it.

use origo_store::applications::ApplicationState;
use origo_store::certificates::CertificateStatus;
use origo_store::flags::{self, Flag, FlagKind, NewFlag};
use origo_store::supplier_declarations::{self, SupplierDeclaration};
use uuid::Uuid;

use super::{ControlError, required_text};
use crate::access::Caller;
use crate::policy::{Action, Resource};
use crate::service::Service;

/// What a revocation did: the declaration as revoked, and the flags raised.
#[derive(Debug, Clone)]
pub struct DeclarationRevoked {
    pub declaration: SupplierDeclaration,
    pub flags: Vec<Flag>,
}

/// Whether an application is still on its way to a proof of origin.
pub fn is_pending(state: ApplicationState) -> bool {
    matches!(
        state,
        ApplicationState::Draft
            | ApplicationState::Submitted
            | ApplicationState::InformationRequested
            | ApplicationState::Approved
    )
}

impl Service {
    /// A certifier revokes a supplier declaration in force, with reasons; every valid certificate and pending
    /// application that relied on it is flagged in the same transaction.
    pub async fn revoke_supplier_declaration(
        &self,
        caller: &Caller,
        id: Uuid,
        reasons: &str,
    ) -> Result<DeclarationRevoked, ControlError> {
        caller.may(Action::RevokeSupplierDeclaration, &Resource::default())?;
        let reasons = required_text("reasons", reasons, true)?;
        let mut tx = self.store.begin().await?;
        let current = supplier_declarations::get(&mut tx, id).await?;
        if current.revoked_at.is_some() {
            return Err(ControlError::InvalidState("the supplier declaration is revoked already".into()));
        }
        let actor = caller.audit_actor(self.clock.now());
        let declaration = supplier_declarations::revoke(&mut tx, &actor, id, &reasons).await?;
        let dependants = supplier_declarations::dependants(&mut tx, id).await?;
        let about = format!(
            "supplier declaration of {} ({}) revoked: {reasons}",
            declaration.supplier_name, declaration.goods_description
        );
        let mut raised = Vec::new();
        for certificate in dependants.certificates.iter().filter(|c| c.status == CertificateStatus::Valid) {
            let new = NewFlag {
                kind: FlagKind::SupplierDeclarationRevoked,
                dedupe_key: format!("supplier_declaration_revoked:{id}:certificate:{}", certificate.id),
                exporter_id: certificate.exporter_id,
                certificate_id: Some(certificate.id),
                application_id: Some(certificate.application_id),
                supplier_declaration_id: Some(id),
                details: format!("certificate {} relied on the {about}", certificate.number),
            };
            raised.extend(flags::raise(&mut tx, &actor, &new).await?);
        }
        for application in dependants.applications.iter().filter(|a| is_pending(a.state)) {
            let new = NewFlag {
                kind: FlagKind::SupplierDeclarationRevoked,
                dedupe_key: format!("supplier_declaration_revoked:{id}:application:{}", application.id),
                exporter_id: application.exporter_id,
                certificate_id: None,
                application_id: Some(application.id),
                supplier_declaration_id: Some(id),
                details: format!("application ({}) relies on the {about}", application.state),
            };
            raised.extend(flags::raise(&mut tx, &actor, &new).await?);
        }
        tx.commit().await?;
        Ok(DeclarationRevoked { declaration, flags: raised })
    }

    /// Supplier declarations of every exporter, oldest first, for the certifying body's officers.
    pub async fn supplier_declarations(
        &self,
        caller: &Caller,
        after: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<SupplierDeclaration>, ControlError> {
        caller.may(Action::ReadQueue, &Resource::default())?;
        let mut conn = self.store.conn().await?;
        Ok(supplier_declarations::list(&mut conn, after, limit).await?)
    }
}
