//! Control cases: national customs opens one on a certificate (by its number) or on an exporter (by its REX
//! number), records findings with documents as the control goes on, and closes it with a conclusion. The
//! certifying body and auditors read the cases (a proposal's decision needs them); nobody but customs writes them.

use origo_store::certificates;
use origo_store::control_cases::{self, CaseDocument, CaseStatus, ControlCase, Finding, NewCase};
use origo_store::exporters::{self, Exporter};
use origo_store::proposals::{self, Proposal};
use uuid::Uuid;

use super::{ControlError, required_text};
use crate::access::Caller;
use crate::policy::{Action, Resource};
use crate::service::Service;

/// Most documents attached to one finding.
pub const MAX_DOCUMENTS: usize = crate::attachments::MAX_FILES;

/// What a case is opened on, as customs knows it: a certificate's number or an exporter's REX number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseSubject {
    CertificateNumber(String),
    RexNumber(String),
}

/// A case as officers read it: the case, its subject's names, findings with their documents, proposals made.
#[derive(Debug, Clone)]
pub struct CaseView {
    pub case: ControlCase,
    pub certificate_number: Option<String>,
    pub exporter: Exporter,
    pub findings: Vec<(Finding, Vec<CaseDocument>)>,
    pub proposals: Vec<Proposal>,
}

/// A document uploaded with a finding (checked by [`crate::attachments`]).
pub use crate::attachments::Upload;

impl Service {
    /// Customs opens a control case with its grounds. An unknown certificate or REX number names its field.
    pub async fn open_control_case(
        &self,
        caller: &Caller,
        subject: CaseSubject,
        grounds: &str,
    ) -> Result<ControlCase, ControlError> {
        caller.may(Action::ConductControl, &Resource::default())?;
        let grounds = required_text("grounds", grounds, false)?;
        let mut tx = self.store.begin().await?;
        let (certificate_id, exporter_id) = match &subject {
            CaseSubject::CertificateNumber(number) => {
                let number = number.trim();
                let found = certificates::find_by_number(&mut tx, &self.config.issuer_code, number).await?;
                let certificate = found.ok_or_else(|| ControlError::Invalid {
                    field: "certificate_number",
                    message: format!("no certificate numbered `{number}` was issued here"),
                })?;
                (Some(certificate.id), certificate.exporter_id)
            }
            CaseSubject::RexNumber(rex) => {
                let rex = rex.trim().to_uppercase();
                let found = exporters::find_by_rex_number(&mut tx, &rex).await?;
                let exporter = found.ok_or_else(|| ControlError::Invalid {
                    field: "rex_number",
                    message: format!("no exporter is registered under `{rex}`"),
                })?;
                (None, exporter.id)
            }
        };
        let new = NewCase { issuer_code: self.config.issuer_code.clone(), certificate_id, exporter_id, grounds };
        let case = control_cases::open(&mut tx, &caller.audit_actor(self.clock.now()), &new).await?;
        tx.commit().await?;
        Ok(case)
    }

    /// Customs records a finding on an open case, with up to [`MAX_DOCUMENTS`] documents (each at most the
    /// configured evidence size, of an accepted type whose content matches), all in one transaction.
    pub async fn record_finding(
        &self,
        caller: &Caller,
        case_id: Uuid,
        text: &str,
        uploads: Vec<Upload>,
    ) -> Result<(Finding, Vec<CaseDocument>), ControlError> {
        caller.may(Action::ConductControl, &Resource::default())?;
        let text = required_text("text", text, false)?;
        let documents = self.checked_uploads(uploads)?;
        let mut tx = self.store.begin().await?;
        let case = control_cases::get(&mut tx, case_id).await?;
        if case.status != CaseStatus::Open {
            return Err(ControlError::InvalidState(format!("case {} is closed", case.reference)));
        }
        let actor = caller.audit_actor(self.clock.now());
        let recorded = control_cases::add_finding(&mut tx, &actor, case_id, &text, &documents).await?;
        tx.commit().await?;
        Ok(recorded)
    }

    /// Customs closes an open case with its conclusion.
    pub async fn close_control_case(
        &self,
        caller: &Caller,
        case_id: Uuid,
        conclusion: &str,
    ) -> Result<ControlCase, ControlError> {
        caller.may(Action::ConductControl, &Resource::default())?;
        let conclusion = required_text("conclusion", conclusion, false)?;
        let mut tx = self.store.begin().await?;
        let case = control_cases::get(&mut tx, case_id).await?;
        if case.status != CaseStatus::Open {
            return Err(ControlError::InvalidState(format!("case {} is closed already", case.reference)));
        }
        let closed = control_cases::close(&mut tx, &caller.audit_actor(self.clock.now()), case_id, &conclusion).await?;
        tx.commit().await?;
        Ok(closed)
    }

    /// Control cases, oldest first, optionally only open or closed ones.
    pub async fn control_cases(
        &self,
        caller: &Caller,
        status: Option<CaseStatus>,
        after: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<ControlCase>, ControlError> {
        caller.may(Action::ReadControlCase, &Resource::default())?;
        let mut conn = self.store.conn().await?;
        Ok(control_cases::list(&mut conn, status, after, limit).await?)
    }

    /// One case with everything recorded on it.
    pub async fn control_case(&self, caller: &Caller, case_id: Uuid) -> Result<CaseView, ControlError> {
        caller.may(Action::ReadControlCase, &Resource::default())?;
        let mut snapshot = self.store.snapshot().await?;
        let case = control_cases::get(&mut snapshot, case_id).await?;
        let certificate_number = match case.certificate_id {
            Some(id) => Some(certificates::get(&mut snapshot, id).await?.number),
            None => None,
        };
        let exporter = exporters::get(&mut snapshot, case.exporter_id).await?;
        let documents = control_cases::documents(&mut snapshot, case_id).await?;
        let findings = control_cases::findings(&mut snapshot, case_id)
            .await?
            .into_iter()
            .map(|finding| {
                let own = documents.iter().filter(|d| d.finding_id == finding.id).cloned().collect();
                (finding, own)
            })
            .collect();
        let proposals = proposals::list_for_case(&mut snapshot, case_id).await?;
        snapshot.finish().await?;
        Ok(CaseView { case, certificate_number, exporter, findings, proposals })
    }

    /// One document of a case, with its bytes (a document of another case is "not found").
    pub async fn control_document(
        &self,
        caller: &Caller,
        case_id: Uuid,
        document_id: Uuid,
    ) -> Result<(CaseDocument, Vec<u8>), ControlError> {
        caller.may(Action::ReadControlCase, &Resource::default())?;
        let mut conn = self.store.conn().await?;
        Ok(control_cases::document_content(&mut conn, case_id, document_id).await?)
    }
}
