//! What an exporter follows after applying: the history of an application (each change of state, when, by which
//! role, with the certifying body's reasons) and the certificates issued to an exporter.

use origo_store::audit;
use origo_store::certificates::{self, Certificate};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::access::Caller;
use crate::intake::IntakeError;
use crate::policy::{Action, Denied, Resource};
use crate::roles::Role;
use crate::service::Service;
use crate::verification::CertificateError;

/// One change in an application's life, as its readers see it: no user ids, only the role that acted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationEvent {
    pub at: OffsetDateTime,
    /// `created`, `updated`, `submitted`, `information_requested`, `approved`, `refused`, `issued`, ... (the audit
    /// action without its `application.` prefix).
    pub change: String,
    /// The acting role (`exporter`, `certifier`, `supervisor`, `system`).
    pub role: String,
    /// The reasons given with a decision or a request for information.
    pub reason: Option<String>,
}

impl Service {
    /// The history of an application the caller may read, oldest first, from the audit trail (an exporter does not
    /// see the risk flag or the risk assessments).
    pub async fn application_history(&self, caller: &Caller, id: Uuid) -> Result<Vec<ApplicationEvent>, IntakeError> {
        let mut snapshot = self.store.snapshot().await?;
        self.application_for(&mut snapshot, caller, Action::ReadApplication, id).await?;
        let records = audit::for_entity(&mut snapshot, "application", &id.to_string()).await?;
        snapshot.finish().await?;
        // The risk assessment is the certifying body's own business, not the exporter's: neither the flag nor the
        // assessment (its score and route are in the record's reason).
        let internal = |action: &str| {
            caller.role() == Role::Exporter
                && (action == "application.risk_flagged" || action.starts_with("risk_assessment."))
        };
        Ok(records
            .into_iter()
            .filter(|record| !internal(&record.action))
            .map(|record| ApplicationEvent {
                at: record.at,
                change: record.action.strip_prefix("application.").unwrap_or(&record.action).to_owned(),
                role: record.actor_role,
                reason: record.reason,
            })
            .collect())
    }

    /// An exporter's certificates, oldest first, `limit` after `after`: an exporter its own (another's are "not
    /// found"), the certifying body's roles any exporter's.
    pub async fn exporter_certificates(
        &self,
        caller: &Caller,
        exporter_id: Uuid,
        after: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<Certificate>, CertificateError> {
        let owner = exporter_id.to_string();
        match caller.may(Action::ReadCertificate, &Resource { exporter_id: Some(&owner), ..Resource::default() }) {
            Err(Denied::NotVisible) => return Err(CertificateError::NotFound),
            other => other?,
        }
        let mut conn = self.store.conn().await?;
        Ok(certificates::list_for_exporter(&mut conn, exporter_id, after, limit).await?)
    }
}
