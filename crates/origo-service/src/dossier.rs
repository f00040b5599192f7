//! An application's file as the certifying body reads it before deciding: the application with its items, bills
//! of materials, determinations and evidence (`Service::application`), and around it the exporter's registration,
//! the supplier declarations its materials rely on, the names of the officers who examined and countersigned it,
//! its history from the audit trail and the certificates issued from it; and the bytes of one evidence file.

use origo_store::audit::{self, AuditRecord};
use origo_store::certificate_list;
use origo_store::evidence::{self, EvidenceContent, EvidenceFile};
use origo_store::exporters::{self, Exporter};
use origo_store::supplier_declarations::{self, SupplierDeclaration};
use origo_store::{StoreError, users};
use uuid::Uuid;

use crate::access::Caller;
use crate::intake::{ApplicationView, IntakeError};
use crate::policy::{Action, Resource};
use crate::service::Service;

/// Everything an officer sees about one application.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub view: ApplicationView,
    pub exporter: Exporter,
    /// The supplier declarations named by the bills of materials, each once.
    pub declarations: Vec<SupplierDeclaration>,
    /// The display names of the examining officer and of the second signer.
    pub examiner_name: Option<String>,
    pub second_signer_name: Option<String>,
    /// The application's audit records, oldest first.
    pub history: Vec<AuditRecord>,
    /// (id, number) of each certificate issued from it, the first issue first.
    pub certificates: Vec<(Uuid, String)>,
}

impl Service {
    /// The dossier of an application, for the certifying body's officers, customs and auditors.
    pub async fn dossier(&self, caller: &Caller, id: Uuid) -> Result<Dossier, IntakeError> {
        caller.may(Action::ReadQueue, &Resource::default())?;
        let view = self.application(caller, id).await?;
        let mut snapshot = self.store.snapshot().await?;
        let exporter = exporters::get(&mut snapshot, view.application.exporter_id).await?;
        let mut declarations: Vec<SupplierDeclaration> = Vec::new();
        for material in view.items.iter().flat_map(|item| &item.materials) {
            let Some(declaration_id) = material.supplier_declaration_id else { continue };
            if declarations.iter().any(|d| d.id == declaration_id) {
                continue;
            }
            match supplier_declarations::get(&mut snapshot, declaration_id).await {
                Ok(declaration) => declarations.push(declaration),
                Err(StoreError::NotFound { .. }) => {}
                Err(other) => return Err(other.into()),
            }
        }
        let mut name_of = async |user: Option<Uuid>| match user {
            Some(user) => users::get(&mut snapshot, user).await.map(|u| Some(u.display_name)),
            None => Ok(None),
        };
        let examiner_name = name_of(view.application.examiner_id).await?;
        let second_signer_name = name_of(view.application.second_signer_id).await?;
        let history = audit::for_entity(&mut snapshot, "application", &id.to_string()).await?;
        let certificates = certificate_list::for_application(&mut snapshot, id).await?;
        snapshot.finish().await?;
        Ok(Dossier { view, exporter, declarations, examiner_name, second_signer_name, history, certificates })
    }

    /// One evidence file of an application the caller may read, with its bytes. A file of another application
    /// is "not found", as is an application the caller may not see.
    pub async fn evidence_download(
        &self,
        caller: &Caller,
        application_id: Uuid,
        file_id: Uuid,
    ) -> Result<(EvidenceFile, Vec<u8>), IntakeError> {
        let mut snapshot = self.store.snapshot().await?;
        self.application_for(&mut snapshot, caller, Action::ReadApplication, application_id).await?;
        let file = evidence::get(&mut snapshot, file_id).await?;
        if file.application_id != application_id {
            return Err(IntakeError::NotFound);
        }
        let bytes = match evidence::content(&mut snapshot, file_id).await? {
            EvidenceContent::Bytes(bytes) => bytes,
            // The service keeps every file in the database; a path would have been written by another tool.
            EvidenceContent::Path { path, .. } => {
                return Err(IntakeError::Store(StoreError::Database(format!("evidence kept outside at {path}"))));
            }
        };
        snapshot.finish().await?;
        Ok((file, bytes))
    }
}
