//! The certifier's investigation of a verification request: each step (documents asked of the exporter,
//! documents received, a site visit) is recorded with the day it happened; the first one moves the request from
//! `open` to `investigating`. Nothing is recorded on an answered request.
//!
//! A step may carry files (a site-visit report), checked like every attached document (`crate::attachments`),
//! and the step "documents requested from the exporter" may carry what is asked and by when: the exporter then
//! sees that ask (and only that: never the foreign authority's request) and answers it
//! (`super::exporter_documents`). Step, files, ask and their audit records are written in one transaction.

use origo_store::attachments::{self, Attachment, VERIFICATION_STEP};
use origo_store::cooperation::exporter_requests::{self, NewExporterDocumentRequest};
use origo_store::cooperation::steps::{self, NewStep, Step, StepKind};
use origo_store::cooperation::{self, RequestStatus};
use time::Date;
use uuid::Uuid;

use super::exporter_documents::AskView;
use super::requests::MAX_TEXT;
use super::{CooperationError, invalid};
use crate::access::Caller;
use crate::attachments::Upload;
use crate::policy::{Action, Resource};
use crate::service::Service;

/// A step to record.
#[derive(Debug, Clone)]
pub struct StepRequest {
    pub kind: StepKind,
    pub description: String,
    /// The day it happened; today when not given.
    pub date: Option<Date>,
}

/// What the certifier asks of the exporter with a step "documents requested from the exporter".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExporterAsk {
    /// What the exporter is to send, in words the exporter reads (nothing of the foreign request's reasons).
    pub asked: String,
    /// The last day for the answer: not before the step's day.
    pub due_on: Option<Date>,
}

/// What a step may carry besides its description.
#[derive(Debug, Clone, Default)]
pub struct StepExtras {
    /// Files of the step (a site-visit report).
    pub documents: Vec<Upload>,
    /// Only with [`StepKind::DocumentsRequestedFromExporter`].
    pub ask: Option<ExporterAsk>,
}

/// A recorded step with its files and ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedStep {
    pub step: Step,
    pub documents: Vec<Attachment>,
    /// What was asked of the exporter, as the certifying body reads it.
    pub ask: Option<AskView>,
}

fn checked_ask(
    kind: StepKind,
    ask: Option<ExporterAsk>,
    day: Date,
) -> Result<Option<(String, Date)>, CooperationError> {
    let Some(ask) = ask else { return Ok(None) };
    if kind != StepKind::DocumentsRequestedFromExporter {
        return Err(invalid("asked", "only a step `documents_requested_from_exporter` asks the exporter"));
    }
    let asked = ask.asked.trim();
    if asked.is_empty() {
        return Err(invalid("asked", "must not be empty"));
    }
    if asked.chars().count() > MAX_TEXT {
        return Err(invalid("asked", format!("must have at most {MAX_TEXT} characters")));
    }
    let due_on = ask.due_on.ok_or_else(|| invalid("due_date", "is required with what is asked"))?;
    if due_on < day {
        return Err(invalid("due_date", "must not be before the step's day"));
    }
    Ok(Some((asked.to_owned(), due_on)))
}

impl Service {
    /// A certifier records an investigation step. The day may not be in the future nor before the request was
    /// received.
    pub async fn record_verification_step(
        &self,
        caller: &Caller,
        request_id: Uuid,
        step: StepRequest,
    ) -> Result<Step, CooperationError> {
        Ok(self.record_investigation_step(caller, request_id, step, StepExtras::default()).await?.step)
    }

    /// A certifier records an investigation step with its files and, for documents requested from the exporter,
    /// what is asked and by when. Everything is checked before the transaction opens.
    pub async fn record_investigation_step(
        &self,
        caller: &Caller,
        request_id: Uuid,
        step: StepRequest,
        extras: StepExtras,
    ) -> Result<RecordedStep, CooperationError> {
        caller.may(Action::InvestigateVerificationRequest, &Resource::default())?;
        let description = step.description.trim();
        if description.is_empty() {
            return Err(invalid("description", "must not be empty"));
        }
        if description.chars().count() > MAX_TEXT {
            return Err(invalid("description", format!("must have at most {MAX_TEXT} characters")));
        }
        let now = self.clock.now();
        let day = step.date.unwrap_or(now.date());
        if day > now.date() {
            return Err(invalid("date", "must not be in the future"));
        }
        let ask = checked_ask(step.kind, extras.ask, day)?;
        let files = self.checked_uploads(extras.documents)?;
        let mut tx = self.store.begin().await?;
        let request = cooperation::get(&mut tx, request_id).await?;
        if request.status == RequestStatus::Answered {
            return Err(CooperationError::AlreadyAnswered);
        }
        if day < request.received_at.date() {
            return Err(invalid("date", "must not be before the request was received"));
        }
        let exporter_id = match (&ask, request.exporter_id) {
            (Some(_), None) => {
                return Err(invalid("asked", "the exporter of this proof of origin is not in the registry"));
            }
            (_, exporter) => exporter,
        };
        let actor = caller.audit_actor(now);
        cooperation::start_investigation(&mut tx, &actor, request_id).await?;
        let new = NewStep { request_id, kind: step.kind, description: description.to_owned(), step_date: day };
        let stored = steps::add(&mut tx, &actor, &new).await?;
        let mut documents = Vec::with_capacity(files.len());
        for file in &files {
            documents
                .push(attachments::add(&mut tx, &actor, &VERIFICATION_STEP, request_id, Some(stored.id), file).await?);
        }
        let ask = match (ask, exporter_id) {
            (Some((asked, due_on)), Some(exporter_id)) => {
                let new = NewExporterDocumentRequest {
                    verification_request_id: request_id,
                    step_id: stored.id,
                    exporter_id,
                    asked,
                    due_on,
                };
                Some(exporter_requests::add(&mut tx, &actor, &new).await?)
            }
            _ => None,
        };
        tx.commit().await?;
        let ask = match ask {
            Some(ask) => Some(self.exporter_document_request(caller, ask.id).await?),
            None => None,
        };
        Ok(RecordedStep { step: stored, documents, ask })
    }
}
