//! Documents asked of the exporter during a verification's investigation, from both sides.
//!
//! The exporter reads its own asks: which certificate or statement of its own they are about, what is asked and
//! by when, and answers each once with a note and its files (checked like every attached document). It never
//! reads the foreign authority's request, its reference, country, reasons or documents (confidentiality of
//! administrative cooperation): an ask carries only what the certifier wrote for the exporter.
//!
//! The certifying body and auditors read the asks of a request with the answers and their files; a missed due
//! day is computed on the day read. The foreign authority never reads the exporter's files: the certifier reports
//! on them in the reply's findings (docs/api.md, "Documents asked of the exporter").

use origo_store::attachments::{self, Attachment, EXPORTER_ANSWER};
use origo_store::certificates;
use origo_store::cooperation::exporter_requests::{self, AskStatus, ExporterDocumentRequest};
use origo_store::cooperation::{self, RequestStatus, VerificationRequest};
use origo_store::statements;
use origo_store::{Db, StoreError};
use time::Date;
use uuid::Uuid;

use super::requests::MAX_TEXT;
use super::{CooperationError, invalid};
use crate::access::Caller;
use crate::attachments::Upload;
use crate::policy::{Action, Denied, Resource};
use crate::service::Service;

/// The exporter's proof of origin an ask is about, as the exporter knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AskSubject {
    Certificate { id: Uuid, number: String },
    Statement { id: Uuid, made_out_on: Date, document_reference: Option<String> },
}

/// An ask with what the reader may see of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskView {
    pub ask: ExporterDocumentRequest,
    pub subject: AskSubject,
    /// The files of the answer.
    pub documents: Vec<Attachment>,
    /// Unanswered after the due day, on the day read.
    pub missed: bool,
}

fn resource(ask: &ExporterDocumentRequest) -> String {
    ask.exporter_id.to_string()
}

fn denied_as_not_found(denied: Denied) -> CooperationError {
    match denied {
        Denied::NotVisible => CooperationError::NotFound,
        other => other.into(),
    }
}

impl Service {
    async fn ask_view(&self, db: &mut impl Db, ask: ExporterDocumentRequest) -> Result<AskView, CooperationError> {
        let request: VerificationRequest = cooperation::get(db, ask.verification_request_id).await?;
        let subject = match (request.certificate_id, request.statement_id) {
            (Some(id), _) => AskSubject::Certificate { id, number: certificates::get(db, id).await?.number },
            (None, Some(id)) => {
                let statement = statements::get(db, id).await?;
                AskSubject::Statement {
                    id,
                    made_out_on: statement.made_out_on,
                    document_reference: statement.document_reference,
                }
            }
            (None, None) => return Err(StoreError::Database("a verification request without a subject".into()).into()),
        };
        let documents = attachments::list(db, &EXPORTER_ANSWER, ask.id).await?;
        let missed = ask.missed(self.clock.today());
        Ok(AskView { ask, subject, documents, missed })
    }

    /// The exporter's asks (pending first, by due day; then answered ones, newest first), at most `limit`.
    pub async fn exporter_document_requests(
        &self,
        caller: &Caller,
        limit: u32,
    ) -> Result<Vec<AskView>, CooperationError> {
        let exporter = caller.exporter_id().ok_or(Denied::Role { role: caller.role() })?;
        let own = exporter.to_string();
        caller.may(Action::ReadDocumentRequest, &Resource { exporter_id: Some(&own), ..Resource::default() })?;
        let mut snapshot = self.store.snapshot().await?;
        let asks = exporter_requests::for_exporter(&mut snapshot, exporter, limit).await?;
        let mut views = Vec::with_capacity(asks.len());
        for ask in asks {
            views.push(self.ask_view(&mut snapshot, ask).await?);
        }
        snapshot.finish().await?;
        Ok(views)
    }

    /// One ask: the exporter's own, or any for the certifying body and auditors.
    pub async fn exporter_document_request(&self, caller: &Caller, id: Uuid) -> Result<AskView, CooperationError> {
        let mut snapshot = self.store.snapshot().await?;
        let ask = exporter_requests::get(&mut snapshot, id).await?;
        let owner = resource(&ask);
        let resource = Resource { exporter_id: Some(&owner), ..Resource::default() };
        caller.may(Action::ReadDocumentRequest, &resource).map_err(denied_as_not_found)?;
        let view = self.ask_view(&mut snapshot, ask).await?;
        snapshot.finish().await?;
        Ok(view)
    }

    /// The asks of a verification request, for the certifying body and auditors (`None` for the others).
    pub(crate) async fn asks_of_request(
        &self,
        caller: &Caller,
        db: &mut impl Db,
        request_id: Uuid,
    ) -> Result<Option<Vec<AskView>>, CooperationError> {
        if caller.may(Action::ReadInvestigationDocuments, &Resource::default()).is_err() {
            return Ok(None);
        }
        let asks = exporter_requests::for_request(db, request_id).await?;
        let mut views = Vec::with_capacity(asks.len());
        for ask in asks {
            views.push(self.ask_view(db, ask).await?);
        }
        Ok(Some(views))
    }

    /// The exporter sends what was asked: at least one file, and a note (optional, at most 10 000 characters).
    /// Once; an ask on a request already answered is closed (`AlreadyAnswered`).
    pub async fn answer_exporter_document_request(
        &self,
        caller: &Caller,
        id: Uuid,
        note: &str,
        uploads: Vec<Upload>,
    ) -> Result<AskView, CooperationError> {
        let mut tx = self.store.begin().await?;
        let ask = exporter_requests::get(&mut tx, id).await?;
        let owner = resource(&ask);
        let resource = Resource { exporter_id: Some(&owner), ..Resource::default() };
        match caller.may(Action::AnswerDocumentRequest, &resource) {
            Err(Denied::NotVisible) => return Err(CooperationError::NotFound),
            // Readers who may not answer get 403 rather than "not found".
            other => other?,
        }
        let note = note.trim();
        if note.chars().count() > MAX_TEXT {
            return Err(invalid("note", format!("must have at most {MAX_TEXT} characters")));
        }
        if uploads.is_empty() {
            return Err(invalid("documents", "send at least one document"));
        }
        let files = self.checked_uploads(uploads)?;
        if ask.status == AskStatus::Answered {
            return Err(CooperationError::AlreadySent);
        }
        let request = cooperation::get(&mut tx, ask.verification_request_id).await?;
        if request.status == RequestStatus::Answered {
            return Err(CooperationError::AlreadyAnswered);
        }
        let actor = caller.audit_actor(self.clock.now());
        exporter_requests::answer(&mut tx, &actor, id, note).await?;
        for file in &files {
            attachments::add(&mut tx, &actor, &EXPORTER_ANSWER, id, None, file).await?;
        }
        tx.commit().await?;
        self.exporter_document_request(caller, id).await
    }

    /// A file of an exporter's answer: for the exporter who sent it, the certifying body and auditors.
    pub async fn exporter_answer_document(
        &self,
        caller: &Caller,
        ask_id: Uuid,
        document_id: Uuid,
    ) -> Result<(Attachment, Vec<u8>), CooperationError> {
        let mut snapshot = self.store.snapshot().await?;
        let ask = exporter_requests::get(&mut snapshot, ask_id).await?;
        let owner = resource(&ask);
        let resource = Resource { exporter_id: Some(&owner), ..Resource::default() };
        caller.may(Action::ReadDocumentRequest, &resource).map_err(denied_as_not_found)?;
        let found = attachments::content(&mut snapshot, &EXPORTER_ANSWER, ask_id, document_id).await?;
        snapshot.finish().await?;
        Ok(found)
    }
}
