//! Verification requests as the foreign authority files them and everyone concerned reads them.
//!
//! A foreign authority files about a certificate bound for its country (by number) or a registered statement (by
//! the SHA-256 of its text), with the reason kind, the reasons and the documents it has. The reference comes from
//! the issuing body's `VR` series and the deadline from the scheme's reply period, counted from the day received.
//! It sees only its own country's requests (another country's is "not found", like one that does not exist); the
//! certifying body, customs and auditors see every one. The investigation steps and alerts are the certifying
//! body's until the signed reply reports them.

use origo_store::attachments::{self, Attachment, EXPORTER_ANSWER, VERIFICATION_REQUEST, VERIFICATION_STEP};
use origo_store::certificates::{self, CertificateStatus};
use origo_store::cooperation::alerts::{self, Alert};
use origo_store::cooperation::documents::{self, RequestDocument};
use origo_store::cooperation::exporter_requests;
use origo_store::cooperation::steps::{self, Step};
use origo_store::cooperation::{self, ListFilter, NewVerificationRequest, ReasonKind, Subject, VerificationRequest};
use origo_store::statements::{self, StatementKind};
use origo_store::{Db, sequences};
use time::Date;
use uuid::Uuid;

use super::deadline;
use super::exporter_documents::AskView;
use super::{CooperationError, invalid};
use crate::access::Caller;
use crate::examination::scheme_for;
use crate::policy::{Action, Denied, Resource};
use crate::service::Service;
use crate::verification::CertificateError;

/// The series of verification request references: `VR-2026-000123`.
pub const SERIES: &str = "VR";
/// The longest reasons, findings or step description accepted, in characters.
pub const MAX_TEXT: usize = 10_000;
/// The most documents one request may carry.
pub const MAX_DOCUMENTS: usize = crate::attachments::MAX_FILES;

/// A document sent with a request (checked by [`crate::attachments`]).
pub type UploadedDocument = crate::attachments::Upload;

/// A request as the foreign authority files it: a certificate number or a statement hash, not both.
#[derive(Debug, Clone)]
pub struct FileRequest {
    pub certificate_number: Option<String>,
    pub statement_hash: Option<String>,
    pub reason_kind: ReasonKind,
    pub reasons: String,
    pub documents: Vec<UploadedDocument>,
}

/// What a request is about, as people read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubjectView {
    Certificate { id: Uuid, number: String, status: CertificateStatus },
    Statement { id: Uuid, text_hash: String, not_confirmed: bool },
}

/// A request with its subject and where it stands against its deadline on the day it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestView {
    pub request: VerificationRequest,
    pub subject: SubjectView,
    /// Days to the deadline (negative once passed); `None` once answered.
    pub days_left: Option<i64>,
    /// Unanswered, with the deadline within the reminder period.
    pub due_soon: bool,
    /// Unanswered after the deadline.
    pub overdue: bool,
}

/// A request with everything the caller may see of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestDetail {
    pub view: RequestView,
    pub documents: Vec<RequestDocument>,
    /// The investigation, for the roles that read it (`None` for the requesting authority).
    pub steps: Option<Vec<Step>>,
    /// Reminders and escalations raised, for the same roles.
    pub alerts: Option<Vec<Alert>>,
    /// The files of the investigation steps (each names its step in `part_id`), for the certifying body and
    /// auditors (`None` for the others, customs included).
    pub step_documents: Option<Vec<Attachment>>,
    /// What was asked of the exporter, with its answers, for the same roles.
    pub document_requests: Option<Vec<AskView>>,
}

/// A page of requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPage {
    pub items: Vec<RequestView>,
    /// How many requests the filter matches.
    pub total: i64,
}

/// Whether `caller` may read `request` (another country's is `NotVisible`).
pub(crate) fn may_read(caller: &Caller, request: &VerificationRequest) -> Result<(), Denied> {
    let resource = Resource { importing_country: Some(&request.requesting_country), ..Resource::default() };
    caller.may(Action::ReadVerificationRequest, &resource)
}

fn check_text(field: &str, text: &str) -> Result<String, CooperationError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(invalid(field, "must not be empty"));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(invalid(field, format!("must have at most {MAX_TEXT} characters")));
    }
    Ok(text.to_owned())
}

impl Service {
    /// The subject named by a filing, checked to be one the foreign authority may ask about: a certificate bound
    /// for its country, or a registered statement. Returns it with its exporter and scheme.
    async fn resolve_subject(
        &self,
        caller: &Caller,
        request: &FileRequest,
    ) -> Result<(Subject, Option<Uuid>, &'static str), CooperationError> {
        let number = request.certificate_number.as_deref().map(str::trim).filter(|n| !n.is_empty());
        let hash = request.statement_hash.as_deref().map(str::trim).filter(|h| !h.is_empty());
        match (number, hash) {
            (Some(number), None) => {
                let mut conn = self.store.conn().await?;
                let found = certificates::find_by_number(&mut conn, &self.config.issuer_code, number).await?;
                drop(conn);
                let unknown =
                    || invalid("certificate_number", "no certificate with this number is bound for your country");
                let certificate = found.ok_or_else(unknown)?;
                match self.certificate(caller, certificate.id).await {
                    Ok(certificate) => Ok((
                        Subject::Certificate(certificate.id),
                        Some(certificate.exporter_id),
                        scheme_for(certificate.kind),
                    )),
                    Err(CertificateError::NotFound | CertificateError::Denied(Denied::NotVisible)) => Err(unknown()),
                    Err(CertificateError::Denied(denied)) => Err(denied.into()),
                    Err(CertificateError::Store(e)) => Err(e.into()),
                    Err(other) => Err(CooperationError::Store(origo_store::StoreError::Database(other.to_string()))),
                }
            }
            (None, Some(hash)) => {
                if !crate::statements::is_sha256_hex(hash) {
                    return Err(invalid("statement_hash", "must be 64 hexadecimal digits"));
                }
                let mut conn = self.store.conn().await?;
                let statement = statements::find_by_text_hash(&mut conn, &hash.to_ascii_lowercase())
                    .await?
                    .ok_or_else(|| invalid("statement_hash", "no statement with this text is registered"))?;
                let scheme = match statement.kind {
                    StatementKind::StatementOnOrigin => "eu-gsp",
                    StatementKind::OriginDeclaration => "uk-dcts",
                };
                Ok((Subject::Statement(statement.id), statement.exporter_id, scheme))
            }
            (Some(_), Some(_)) => {
                Err(invalid("certificate_number", "give a certificate number or a statement hash, not both"))
            }
            (None, None) => Err(invalid("certificate_number", "give a certificate number or a statement hash")),
        }
    }

    /// A foreign authority files a verification request. Everything is checked before anything is written; the
    /// request and its documents are stored in one transaction with their audit records.
    pub async fn file_verification_request(
        &self,
        caller: &Caller,
        request: FileRequest,
    ) -> Result<RequestDetail, CooperationError> {
        caller.may(Action::FileVerificationRequest, &Resource::default())?;
        let country = caller.actor.country.clone().ok_or_else(|| invalid("country", "the user has no country"))?;
        let reasons = check_text("reasons", &request.reasons)?;
        let documents = self.checked_uploads(request.documents.clone())?;
        let (subject, exporter_id, scheme) = self.resolve_subject(caller, &request).await?;
        let now = self.clock.now();
        let months = self.config.cooperation.reply_months(scheme);
        let deadline = deadline::deadline(now.date(), months)
            .ok_or_else(|| invalid("reasons", "the reply period ends past the calendar"))?;
        let actor = caller.audit_actor(now);
        let mut tx = self.store.begin().await?;
        let sequence = sequences::allocate_reference(&mut tx, &self.config.issuer_code, SERIES, now.year()).await?;
        let new = NewVerificationRequest {
            issuer_code: self.config.issuer_code.clone(),
            reference: sequences::reference(SERIES, now.year(), sequence),
            requesting_country: country,
            requested_by: caller.user_id,
            subject,
            exporter_id,
            scheme: scheme.to_owned(),
            reason_kind: request.reason_kind,
            reasons,
            deadline,
        };
        let stored = cooperation::file(&mut tx, &actor, &new).await?;
        for document in &documents {
            attachments::add(&mut tx, &actor, &VERIFICATION_REQUEST, stored.id, None, document).await?;
        }
        tx.commit().await?;
        self.verification_request(caller, stored.id).await
    }

    /// A request with what the caller may see of it.
    pub async fn verification_request(&self, caller: &Caller, id: Uuid) -> Result<RequestDetail, CooperationError> {
        let mut snapshot = self.store.snapshot().await?;
        let request = cooperation::get(&mut snapshot, id).await?;
        match may_read(caller, &request) {
            Err(Denied::NotVisible) => return Err(CooperationError::NotFound),
            other => other?,
        }
        let investigation = caller.may(Action::ReadInvestigation, &Resource::default()).is_ok();
        let documents = documents::list(&mut snapshot, id).await?;
        let steps = if investigation { Some(steps::list(&mut snapshot, id).await?) } else { None };
        let alerts = if investigation { Some(alerts::list(&mut snapshot, id).await?) } else { None };
        let papers = caller.may(Action::ReadInvestigationDocuments, &Resource::default()).is_ok();
        let step_documents =
            if papers { Some(attachments::list(&mut snapshot, &VERIFICATION_STEP, id).await?) } else { None };
        let document_requests = self.asks_of_request(caller, &mut snapshot, id).await?;
        let view = self.view_of(&mut snapshot, request).await?;
        snapshot.finish().await?;
        Ok(RequestDetail { view, documents, steps, alerts, step_documents, document_requests })
    }

    /// Requests, a page: a foreign authority's own country's, or every one for the certifying body, customs and
    /// auditors; in filing order after `after`, or (`ListOrder::Deadline`) in the certifying body's work order.
    pub async fn verification_requests(
        &self,
        caller: &Caller,
        mut filter: ListFilter,
        after: Option<Uuid>,
    ) -> Result<RequestPage, CooperationError> {
        let own = Resource { importing_country: caller.actor.country.as_deref(), ..Resource::default() };
        caller.may(Action::ReadVerificationRequest, &own)?;
        if caller.may(Action::ReadInvestigation, &Resource::default()).is_err() {
            // Not the certifying body's reader: only its own country's, whatever the filter asked.
            filter.country = caller.actor.country.clone();
        }
        let mut snapshot = self.store.snapshot().await?;
        let rows = cooperation::list(&mut snapshot, &filter, after).await?;
        let total = cooperation::count(&mut snapshot, &filter).await?;
        let mut items = Vec::with_capacity(rows.len());
        for request in rows {
            items.push(self.view_of(&mut snapshot, request).await?);
        }
        snapshot.finish().await?;
        Ok(RequestPage { items, total })
    }

    /// A document of a request, its record and bytes: one the authority sent; for the certifying body and
    /// auditors also a step's file or one the exporter sent in answer to an ask made on this request.
    pub async fn verification_document(
        &self,
        caller: &Caller,
        request_id: Uuid,
        document_id: Uuid,
    ) -> Result<(RequestDocument, Vec<u8>), CooperationError> {
        let mut snapshot = self.store.snapshot().await?;
        let request = cooperation::get(&mut snapshot, request_id).await?;
        match may_read(caller, &request) {
            Err(Denied::NotVisible) => return Err(CooperationError::NotFound),
            other => other?,
        }
        let found = match documents::content(&mut snapshot, request_id, document_id).await {
            Err(origo_store::StoreError::NotFound { .. })
                if caller.may(Action::ReadInvestigationDocuments, &Resource::default()).is_ok() =>
            {
                self.investigation_document(&mut snapshot, request_id, document_id).await?
            }
            other => other?,
        };
        snapshot.finish().await?;
        Ok(found)
    }

    /// A step's file of the request, or a file the exporter sent in answer to one of its asks.
    async fn investigation_document(
        &self,
        db: &mut impl Db,
        request_id: Uuid,
        document_id: Uuid,
    ) -> Result<(RequestDocument, Vec<u8>), CooperationError> {
        match attachments::content(db, &VERIFICATION_STEP, request_id, document_id).await {
            Err(origo_store::StoreError::NotFound { .. }) => {}
            other => return Ok(other?),
        }
        for ask in exporter_requests::for_request(db, request_id).await? {
            match attachments::content(db, &EXPORTER_ANSWER, ask.id, document_id).await {
                Err(origo_store::StoreError::NotFound { .. }) => {}
                other => return Ok(other?),
            }
        }
        Err(CooperationError::NotFound)
    }

    pub(crate) async fn view_of(
        &self,
        db: &mut impl Db,
        request: VerificationRequest,
    ) -> Result<RequestView, CooperationError> {
        let subject = match (request.certificate_id, request.statement_id) {
            (Some(id), _) => {
                let certificate = certificates::get(db, id).await?;
                SubjectView::Certificate { id, number: certificate.number, status: certificate.status }
            }
            (None, Some(id)) => {
                let statement = statements::get(db, id).await?;
                SubjectView::Statement {
                    id,
                    text_hash: statement.text_hash,
                    not_confirmed: statement.not_confirmed_at.is_some(),
                }
            }
            (None, None) => {
                return Err(CooperationError::Store(origo_store::StoreError::Database(
                    "a verification request without a subject".into(),
                )));
            }
        };
        Ok(self.standing(request, subject, self.clock.today()))
    }

    fn standing(&self, request: VerificationRequest, subject: SubjectView, today: Date) -> RequestView {
        let open = request.status != cooperation::RequestStatus::Answered;
        let reminder_days = self.config.cooperation.reminder_days;
        RequestView {
            days_left: open.then(|| deadline::days_left(today, request.deadline)),
            due_soon: open && deadline::is_due_soon(today, request.deadline, reminder_days),
            overdue: open && deadline::is_overdue(today, request.deadline),
            request,
            subject,
        }
    }
}
