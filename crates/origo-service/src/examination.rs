//! Submission and examination: on submission the engine determines origin for every goods item and the
//! determination (trace and rule-pack version included) is stored, and the application is assessed for risk
//! (`crate::risk`: the score and route stored, an inspection route flags it high-risk); the certifier approves, refuses with reasons
//! or asks for information; a high-risk approval needs a supervisor's second signature, never the examiner's.

use origo_rules::case::{CaseInput, MaterialInput, ProductInput};
use origo_rules::engine::Outcome;
use origo_store::applications::{self, Application, ApplicationState, ProofKind};
use origo_store::determinations::{self, NewDetermination};
use origo_store::{StoreError, bom, exporters, goods};
use uuid::Uuid;

use crate::access::Caller;
use crate::application::{Event, State, TransitionError};
use crate::intake::IntakeError;
use crate::policy::{Action, Denied};
use crate::service::Service;

/// Why a submission or an examination step failed.
#[derive(Debug, thiserror::Error)]
pub enum ExamineError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// An item cannot be put to the engine (e.g. an HS code the rule pack does not know).
    #[error("item {line}: {field}: {message}")]
    InvalidItem { line: i64, field: String, message: String },
    /// Approval needs every item to be originating.
    #[error("item {line} is not shown to be originating ({outcome})")]
    NotOriginating { line: i64, outcome: String },
    #[error("application not found")]
    NotFound,
    /// Someone else moved the application meanwhile.
    #[error("the application was changed meanwhile")]
    Stale,
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for ExamineError {
    fn from(error: StoreError) -> ExamineError {
        match error {
            StoreError::NotFound { .. } => ExamineError::NotFound,
            StoreError::Conflict { kind: origo_store::ConflictKind::Stale, .. } => ExamineError::Stale,
            e if e.is_unique("applications_four_eyes_check") => ExamineError::Denied(Denied::SameOfficer),
            StoreError::Conflict { ref constraint, .. } if constraint == "applications_four_eyes_check" => {
                ExamineError::Denied(Denied::SameOfficer)
            }
            e => ExamineError::Store(e),
        }
    }
}

impl From<IntakeError> for ExamineError {
    fn from(error: IntakeError) -> ExamineError {
        match error {
            IntakeError::Denied(d) => ExamineError::Denied(d),
            IntakeError::Store(e) => ExamineError::Store(e),
            _ => ExamineError::NotFound,
        }
    }
}

/// A certifier's decision.
#[derive(Debug, Clone)]
pub enum Examination {
    Approve,
    Refuse { reasons: String },
    RequestInformation { reasons: String },
}

/// The rule pack an application's kind is decided under.
pub fn scheme_for(kind: ProofKind) -> &'static str {
    match kind {
        ProofKind::StatementOnOrigin => "eu-gsp",
        ProofKind::OriginDeclaration => "uk-dcts",
        ProofKind::Ct1 => "cis-fta",
        ProofKind::NonPreferential | ProofKind::CtUz => "non-preferential",
    }
}

/// The workflow state of a stored application (the store keeps "awaiting second signature" as an approved,
/// high-risk application without a second signer).
pub fn state_of(application: &Application) -> State {
    workflow_state(application.state, application.high_risk, application.second_signer_id.is_some())
}

/// [`state_of`] from the three columns it reads (for lists that do not load whole applications).
pub fn workflow_state(stored: ApplicationState, high_risk: bool, countersigned: bool) -> State {
    match stored {
        ApplicationState::Draft => State::Draft,
        ApplicationState::Submitted => State::Submitted,
        ApplicationState::InformationRequested => State::InformationRequested,
        ApplicationState::Approved if high_risk && !countersigned => State::AwaitingSecondSignature,
        ApplicationState::Approved => State::Approved,
        ApplicationState::Refused => State::Refused,
        ApplicationState::Issued => State::Issued,
    }
}

fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Originating => "originating",
        Outcome::NotOriginating => "not_originating",
        Outcome::Undetermined => "undetermined",
    }
}

impl Service {
    /// The exporter submits: origin is determined for every item and stored, then the application is submitted.
    pub async fn submit_application(&self, caller: &Caller, id: Uuid) -> Result<Application, ExamineError> {
        let mut tx = self.store.begin().await?;
        let application = self.application_for(&mut tx, caller, Action::EditApplication, id).await?;
        state_of(&application).next(&Event::Submit)?;
        let exporter = exporters::get(&mut tx, application.exporter_id).await?;
        let scheme = scheme_for(application.kind);
        let now = self.clock.now();
        let actor = caller.audit_actor(now);
        for item in goods::list(&mut tx, id).await? {
            let materials = bom::list(&mut tx, item.id).await?;
            let input = CaseInput {
                scheme: scheme.to_owned(),
                exporting_country: exporter.data.country.clone(),
                date: now.date().to_string(),
                product: ProductInput {
                    hs: item.hs_code.clone(),
                    description: Some(item.description.clone()),
                    ex_works_price: item.ex_works_price,
                    fob_value: None,
                    weight_kg: item.net_weight_kg,
                    variant: None,
                },
                wholly_obtained: item.wholly_obtained,
                materials: materials
                    .iter()
                    .map(|m| MaterialInput {
                        hs: m.hs_code.clone(),
                        description: m.description.clone(),
                        value: m.value,
                        weight_kg: m.weight_kg,
                        origin: m.origin_country.clone(),
                        originating: m.originating,
                        wholly_obtained: m.wholly_obtained,
                    })
                    .collect(),
                processes: item.processes.clone(),
            };
            let case = self.engine.validate(input).map_err(|e| ExamineError::InvalidItem {
                line: item.line_no,
                field: e.field.clone(),
                message: e.message.clone(),
            })?;
            let determination = self.engine.determine(&case);
            let result = serde_json::to_value(&determination)
                .map_err(|e| ExamineError::Store(StoreError::Database(e.to_string())))?;
            let new = NewDetermination {
                application_id: id,
                goods_item_id: item.id,
                outcome: outcome_name(determination.outcome)
                    .parse()
                    .map_err(|e: String| ExamineError::Store(StoreError::Database(e)))?,
                criterion: determination.criterion.clone(),
                scheme: scheme.to_owned(),
                rule_pack_version: self.pack_versions.get(scheme).cloned().unwrap_or_else(|| scheme.to_owned()),
                result,
            };
            determinations::record(&mut tx, &actor, &new).await?;
        }
        let submitted =
            applications::transition(&mut tx, &actor, id, application.state, ApplicationState::Submitted, None).await?;
        // Scored from the determinations just stored; an inspection route flags the application high-risk.
        let assessment = self.assess_risk(&mut tx, &submitted).await?;
        let submitted = if assessment.route == origo_store::risk_assessments::RiskRoute::Inspection {
            applications::get(&mut tx, id).await?
        } else {
            submitted
        };
        tx.commit().await?;
        Ok(submitted)
    }

    /// Flags (or clears) an application as high-risk: its approval then needs a second signature.
    pub async fn flag_high_risk(
        &self,
        caller: &Caller,
        id: Uuid,
        high_risk: bool,
    ) -> Result<Application, ExamineError> {
        let mut tx = self.store.begin().await?;
        let application = self.application_for(&mut tx, caller, Action::ExamineApplication, id).await?;
        if application.state != ApplicationState::Submitted && application.state != ApplicationState::Draft {
            return Err(TransitionError::NotNow { from: state_of(&application), event: "flag_high_risk" }.into());
        }
        let flagged =
            applications::set_high_risk(&mut tx, &caller.audit_actor(self.clock.now()), id, high_risk).await?;
        tx.commit().await?;
        Ok(flagged)
    }

    /// A certifier examines a submitted application.
    pub async fn examine_application(
        &self,
        caller: &Caller,
        id: Uuid,
        decision: Examination,
    ) -> Result<Application, ExamineError> {
        let mut tx = self.store.begin().await?;
        let application = self.application_for(&mut tx, caller, Action::ExamineApplication, id).await?;
        let (event, to, reasons) = match &decision {
            Examination::Approve => {
                (Event::Approve { high_risk: application.high_risk }, ApplicationState::Approved, None)
            }
            Examination::Refuse { reasons } => {
                (Event::Refuse { reasons: reasons.clone() }, ApplicationState::Refused, Some(reasons.trim()))
            }
            Examination::RequestInformation { reasons } => (
                Event::RequestInformation { reasons: reasons.clone() },
                ApplicationState::InformationRequested,
                Some(reasons.trim()),
            ),
        };
        state_of(&application).next(&event)?;
        if matches!(decision, Examination::Approve) {
            for item in goods::list(&mut tx, id).await? {
                let latest = determinations::latest_for_item(&mut tx, item.id).await?;
                let outcome = latest.as_ref().map(|d| d.outcome.as_str()).unwrap_or("undetermined");
                if outcome != "originating" {
                    return Err(ExamineError::NotOriginating { line: item.line_no, outcome: outcome.to_owned() });
                }
            }
        }
        let actor = caller.audit_actor(self.clock.now());
        applications::set_examiner(&mut tx, &actor, id, caller.user_id).await?;
        let decided = applications::transition(&mut tx, &actor, id, ApplicationState::Submitted, to, reasons).await?;
        tx.commit().await?;
        Ok(decided)
    }

    /// A supervisor gives the second signature on a high-risk approval; the examiner never can.
    pub async fn second_sign(&self, caller: &Caller, id: Uuid) -> Result<Application, ExamineError> {
        let mut tx = self.store.begin().await?;
        let application = self.application_for(&mut tx, caller, Action::SecondSign, id).await?;
        state_of(&application).next(&Event::SecondSign)?;
        let signed =
            applications::set_second_signer(&mut tx, &caller.audit_actor(self.clock.now()), id, caller.user_id).await?;
        tx.commit().await?;
        Ok(signed)
    }
}
