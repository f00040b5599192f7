//! The certifier's investigation of a verification request: each step (documents asked of the exporter,
//! documents received, a site visit) is recorded with the day it happened; the first one moves the request from
//! `open` to `investigating`. Nothing is recorded on an answered request.

use origo_store::cooperation::steps::{self, NewStep, Step, StepKind};
use origo_store::cooperation::{self, RequestStatus};
use time::Date;
use uuid::Uuid;

use super::requests::MAX_TEXT;
use super::{CooperationError, invalid};
use crate::access::Caller;
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

impl Service {
    /// A certifier records an investigation step. The day may not be in the future nor before the request was
    /// received.
    pub async fn record_verification_step(
        &self,
        caller: &Caller,
        request_id: Uuid,
        step: StepRequest,
    ) -> Result<Step, CooperationError> {
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
        let mut tx = self.store.begin().await?;
        let request = cooperation::get(&mut tx, request_id).await?;
        if request.status == RequestStatus::Answered {
            return Err(CooperationError::AlreadyAnswered);
        }
        if day < request.received_at.date() {
            return Err(invalid("date", "must not be before the request was received"));
        }
        let actor = caller.audit_actor(now);
        cooperation::start_investigation(&mut tx, &actor, request_id).await?;
        let new = NewStep { request_id, kind: step.kind, description: description.to_owned(), step_date: day };
        let stored = steps::add(&mut tx, &actor, &new).await?;
        tx.commit().await?;
        Ok(stored)
    }
}
