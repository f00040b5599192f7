//! Administrative cooperation end to end: a foreign authority files a verification request, the certifier
//! investigates and replies with a signed document; "not confirmed" revokes the certificate (or marks the
//! statement), records the exporter's failure and, at the second, proposes revoking its REX registration; the
//! deadline sweep reminds and escalates once each; a foreign authority never sees another country's requests;
//! bad input is refused before anything is written.

use origo_documents::signing::SignedDocument;
use origo_documents::verification_reply::{ReplyOutcome as DocOutcome, ReplySubject};
use origo_service::cooperation::CooperationError;
use origo_service::cooperation::investigation::StepRequest;
use origo_service::cooperation::reply::ReplyRequest;
use origo_service::cooperation::requests::{FileRequest, SubjectView, UploadedDocument};
use origo_service::examination::Examination;
use origo_service::issuance::Issued;
use origo_service::policy::Denied;
use origo_service::statements::{StatementLookup, StatementRequest};
use origo_store::applications::ProofKind;
use origo_store::certificates::{self, CertificateStatus};
use origo_store::cooperation::steps::StepKind;
use origo_store::cooperation::{ListFilter, ReasonKind, ReplyOutcome, RequestStatus};
use origo_store::proposals::{self, ProposalStatus, SourceKind, TargetKind};
use time::macros::{date, datetime};

use crate::common::{T0, TestDb, conformance};
use crate::world::{World, furniture, furniture_as, world};

async fn issued(w: &World) -> Issued {
    let s = &w.service;
    let application = s.create_application(&w.exporter, furniture()).await.unwrap();
    s.submit_application(&w.exporter, application.id).await.unwrap();
    s.examine_application(&w.certifier, application.id, Examination::Approve).await.unwrap();
    s.issue_certificate(&w.certifier, application.id, None).await.unwrap()
}

fn about(number: &str) -> FileRequest {
    FileRequest {
        certificate_number: Some(number.into()),
        statement_hash: None,
        reason_kind: ReasonKind::OriginatingStatus,
        reasons: "The importer's records show the furniture was bought ready-made from a third country.".into(),
        documents: vec![UploadedDocument {
            file_name: "import-declaration.pdf".into(),
            media_type: "application/pdf".into(),
            bytes: b"%PDF-1.7 declaration".to_vec(),
        }],
    }
}

fn not_confirmed() -> ReplyRequest {
    ReplyRequest {
        outcome: ReplyOutcome::NotConfirmed,
        findings: "No woodworking machines at the exporter's premises; the furniture was bought in.".into(),
    }
}

async fn a_not_confirmed_reply_revokes_the_certificate_and_two_propose_rex_revocation(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let first = issued(&w).await;
    let second = issued(&w).await;

    let filed = s.file_verification_request(&w.foreign_de, about(&first.number)).await.unwrap();
    let request = &filed.view.request;
    assert_eq!(request.reference, "VR-2026-000001");
    assert_eq!((request.requesting_country.as_str(), request.status), ("DE", RequestStatus::Open));
    assert_eq!(request.deadline, date!(2026 - 11 - 01), "six months from the day received");
    assert_eq!(filed.documents.len(), 1);
    assert_eq!(filed.steps, None, "the investigation is not the requesting authority's");

    let step = StepRequest {
        kind: StepKind::SiteVisit,
        description: "Visited the workshop in Tashkent.".into(),
        date: Some(date!(2026 - 05 - 01)),
    };
    s.record_verification_step(&w.certifier, request.id, step).await.unwrap();
    let seen = s.verification_request(&w.certifier, request.id).await.unwrap();
    assert_eq!(seen.view.request.status, RequestStatus::Investigating);
    assert_eq!(seen.steps.as_ref().map(Vec::len), Some(1));

    let replied = s.answer_verification_request(&w.certifier, request.id, not_confirmed()).await.unwrap();
    assert_eq!(replied.revoked_certificate.as_deref(), Some(first.number.as_str()));
    assert_eq!(replied.rex_proposal, None, "one failure does not propose a revocation");
    let answered = &replied.detail.view.request;
    assert_eq!((answered.status, answered.outcome), (RequestStatus::Answered, Some(ReplyOutcome::NotConfirmed)));
    assert_eq!(answered.answered_in_time(), Some(true));

    // The certificate is revoked in the same transaction, with the request's reference in the reason.
    let mut conn = db.store.conn().await.unwrap();
    let revoked = certificates::get(&mut conn, first.certificate_id).await.unwrap();
    assert_eq!(revoked.status, CertificateStatus::Revoked);
    assert!(revoked.status_reason.as_deref().unwrap().starts_with("Verification request VR-2026-000001 (DE)"));
    drop(conn);
    let public = s.verify_public(&first.number, first.security_code.as_deref().unwrap()).await.unwrap();
    assert_eq!(public.status, CertificateStatus::Revoked);

    // The signed reply verifies with the published key set and says what was done.
    let text = s.verification_reply(&w.foreign_de, request.id).await.unwrap().expect("answered");
    let signed = SignedDocument::from_json(text.as_bytes()).unwrap();
    signed.verify(&s.key_set().await.unwrap()).expect("the reply verifies offline");
    let reply = signed.verification_reply().unwrap();
    assert_eq!(reply.reference, "VR-2026-000001");
    assert_eq!(reply.subject, ReplySubject::Certificate { number: first.number.clone() });
    assert_eq!(reply.outcome, DocOutcome::NotConfirmed);
    assert_eq!(reply.action_taken, Some(format!("Certificate {} revoked", first.number)));
    assert_eq!(reply.steps.len(), 1);
    assert_eq!(reply.steps[0].kind, "site_visit");

    // Answered once; nothing more is recorded on it.
    let again = s.answer_verification_request(&w.certifier, request.id, not_confirmed()).await;
    assert!(matches!(again, Err(CooperationError::AlreadyAnswered)), "{again:?}");
    let late_step = StepRequest { kind: StepKind::SiteVisit, description: "again".into(), date: None };
    let late = s.record_verification_step(&w.certifier, request.id, late_step).await;
    assert!(matches!(late, Err(CooperationError::AlreadyAnswered)), "{late:?}");

    // The second failure of the same exporter proposes revoking its REX registration, for the body to decide.
    let exporter_id = w.exporter.exporter_id().unwrap();
    let second_request = s.file_verification_request(&w.foreign_de, about(&second.number)).await.unwrap();
    let replied = s.answer_verification_request(&w.certifier, second_request.view.request.id, not_confirmed()).await;
    let proposal_id = replied.unwrap().rex_proposal.expect("two failures propose a REX revocation");
    let mut conn = db.store.conn().await.unwrap();
    let proposal = proposals::get(&mut conn, proposal_id).await.unwrap();
    assert_eq!((proposal.target_kind, proposal.target_id), (TargetKind::RexRegistration, exporter_id));
    assert_eq!(proposal.source_kind, SourceKind::VerificationRequest);
    assert_eq!(proposal.verification_request_id, Some(second_request.view.request.id));
    assert_eq!((proposal.status, proposal.proposed_by), (ProposalStatus::Proposed, None));
    let trail = origo_store::audit::for_entity(&mut conn, "exporter", &exporter_id.to_string()).await.unwrap();
    let failures: Vec<_> = trail.iter().filter(|r| r.action == "exporter.verification_failed").collect();
    assert_eq!(failures.len(), 2);
    assert_eq!(failures[0].reason.as_deref(), Some("VR-2026-000001"));
    drop(conn);
    let record = s.exporter_verification_record(exporter_id).await.unwrap();
    assert_eq!((record.total, record.failed, record.unanswered_overdue), (2, 2, 0));
    let other = s.exporter_verification_record(w.other_exporter.exporter_id().unwrap()).await.unwrap();
    assert_eq!(other.total, 0);
}

async fn a_confirmed_reply_changes_nothing_but_the_request(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let certificate = issued(&w).await;
    let filed = s.file_verification_request(&w.foreign_de, about(&certificate.number)).await.unwrap();
    let confirmed = ReplyRequest { outcome: ReplyOutcome::Confirmed, findings: "Production records seen.".into() };
    let replied = s.answer_verification_request(&w.certifier, filed.view.request.id, confirmed).await.unwrap();
    assert_eq!((replied.revoked_certificate, replied.rex_proposal), (None, None));
    let mut conn = db.store.conn().await.unwrap();
    let row = certificates::get(&mut conn, certificate.certificate_id).await.unwrap();
    assert_eq!(row.status, CertificateStatus::Valid);
    drop(conn);
    let record = s.exporter_verification_record(w.exporter.exporter_id().unwrap()).await.unwrap();
    assert_eq!((record.total, record.failed), (1, 0));
}

async fn a_statement_not_confirmed_is_marked_for_the_public_check(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let application = s.create_application(&w.exporter, furniture_as(ProofKind::StatementOnOrigin)).await.unwrap();
    s.submit_application(&w.exporter, application.id).await.unwrap();
    let request = StatementRequest { place: "Tashkent".into(), ..StatementRequest::default() };
    let statement = s.make_out_statement(&w.exporter, application.id, request).await.unwrap().statement;

    // Any country's authority may ask about a statement it holds (statements name no importing country).
    let filing = FileRequest {
        certificate_number: None,
        statement_hash: Some(statement.text_hash.to_ascii_uppercase()),
        reason_kind: ReasonKind::Random,
        reasons: "Random selection.".into(),
        documents: Vec::new(),
    };
    let filed = s.file_verification_request(&w.foreign_fr, filing).await.unwrap();
    assert_eq!(filed.view.request.scheme, "eu-gsp");
    assert_eq!(filed.view.request.exporter_id, w.exporter.exporter_id());
    let replied = s.answer_verification_request(&w.certifier, filed.view.request.id, not_confirmed()).await.unwrap();
    assert_eq!(replied.revoked_certificate, None);
    assert!(matches!(replied.detail.view.subject, SubjectView::Statement { not_confirmed: true, .. }));
    let public = s.check_statement(StatementLookup::Sha256(&statement.text_hash)).await.unwrap();
    assert_eq!(public.not_confirmed_on, Some(T0.date()));
}

async fn a_foreign_authority_sees_only_its_own_countrys_requests(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let certificate = issued(&w).await;
    let filed = s.file_verification_request(&w.foreign_de, about(&certificate.number)).await.unwrap();
    let id = filed.view.request.id;
    let document = filed.documents[0].id;

    // France: not found, exactly like a request that does not exist; an empty list.
    let not_found = |r: Result<_, CooperationError>| matches!(r, Err(CooperationError::NotFound));
    assert!(not_found(s.verification_request(&w.foreign_fr, id).await.map(|_| ())));
    assert!(not_found(s.verification_document(&w.foreign_fr, id, document).await.map(|_| ())));
    assert!(not_found(s.verification_reply(&w.foreign_fr, id).await.map(|_| ())));
    let everything = ListFilter { limit: 50, ..ListFilter::default() };
    let france = s.verification_requests(&w.foreign_fr, everything.clone(), None).await.unwrap();
    assert_eq!((france.items.len(), france.total), (0, 0));
    // Asking for Germany's by filter changes nothing.
    let asked = ListFilter { country: Some("DE".into()), ..everything.clone() };
    assert_eq!(s.verification_requests(&w.foreign_fr, asked, None).await.unwrap().total, 0);
    // Nor may France file about a certificate bound for Germany: the number is unknown to it.
    let refused = s.file_verification_request(&w.foreign_fr, about(&certificate.number)).await;
    assert!(
        matches!(refused, Err(CooperationError::Invalid { ref field, .. }) if field == "certificate_number"),
        "{refused:?}"
    );

    // Germany sees its own; the certifying body, customs and auditors see every one.
    assert_eq!(s.verification_requests(&w.foreign_de, everything.clone(), None).await.unwrap().total, 1);
    for reader in [&w.certifier, &w.supervisor, &w.customs, &w.auditor] {
        let page = s.verification_requests(reader, everything.clone(), None).await.unwrap();
        assert_eq!(page.total, 1, "{:?}", reader.role());
        let detail = s.verification_request(reader, id).await.unwrap();
        assert!(detail.steps.is_some(), "{:?} reads the investigation", reader.role());
    }
    let (record, bytes) = s.verification_document(&w.foreign_de, id, document).await.unwrap();
    assert_eq!((record.file_name.as_str(), bytes.as_slice()), ("import-declaration.pdf", &b"%PDF-1.7 declaration"[..]));

    // Customs reads but never investigates or answers; exporters and admins do not read requests at all.
    let step = StepRequest { kind: StepKind::SiteVisit, description: "x".into(), date: None };
    let customs_step = s.record_verification_step(&w.customs, id, step.clone()).await;
    assert!(matches!(customs_step, Err(CooperationError::Denied(Denied::Role { .. }))), "{customs_step:?}");
    let customs_reply = s.answer_verification_request(&w.customs, id, not_confirmed()).await;
    assert!(matches!(customs_reply, Err(CooperationError::Denied(Denied::Role { .. }))), "{customs_reply:?}");
    let supervisor_reply = s.answer_verification_request(&w.supervisor, id, not_confirmed()).await;
    assert!(matches!(supervisor_reply, Err(CooperationError::Denied(Denied::Role { .. }))));
    for outsider in [&w.exporter, &w.admin] {
        let listed = s.verification_requests(outsider, everything.clone(), None).await;
        assert!(matches!(listed, Err(CooperationError::Denied(Denied::Role { .. }))), "{listed:?}");
    }
    let certifier_files = s.file_verification_request(&w.certifier, about(&certificate.number)).await;
    assert!(matches!(certifier_files, Err(CooperationError::Denied(Denied::Role { .. }))));
    assert!(s.cooperation_statistics(&w.foreign_de).await.is_err());
}

/// The field a refusal names.
fn field_of<T>(result: Result<T, CooperationError>) -> String {
    match result {
        Err(CooperationError::Invalid { field, .. }) => field,
        Err(other) => panic!("expected a field error, got {other:?}"),
        Ok(_) => panic!("expected a field error, got success"),
    }
}

async fn bad_input_is_refused_naming_the_field_and_nothing_is_written(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let certificate = issued(&w).await;
    let fa = &w.foreign_de;
    let mut blank = about(&certificate.number);
    blank.reasons = "   ".into();
    assert_eq!(field_of(s.file_verification_request(fa, blank).await), "reasons");
    let mut both = about(&certificate.number);
    both.statement_hash = Some("ab".repeat(32));
    assert_eq!(field_of(s.file_verification_request(fa, both).await), "certificate_number");
    let mut neither = about(&certificate.number);
    neither.certificate_number = None;
    assert_eq!(field_of(s.file_verification_request(fa, neither).await), "certificate_number");
    let mut unknown = about("UZ-2026-999999");
    unknown.documents.clear();
    assert_eq!(field_of(s.file_verification_request(fa, unknown).await), "certificate_number");
    let bad_hash = FileRequest { certificate_number: None, statement_hash: Some("xyz".into()), ..about("") };
    assert_eq!(field_of(s.file_verification_request(fa, bad_hash).await), "statement_hash");
    let unregistered = FileRequest { certificate_number: None, statement_hash: Some("ab".repeat(32)), ..about("") };
    assert_eq!(field_of(s.file_verification_request(fa, unregistered).await), "statement_hash");
    let mut unnamed = about(&certificate.number);
    unnamed.documents[0].file_name = " ".into();
    assert_eq!(field_of(s.file_verification_request(fa, unnamed).await), "documents[0].file_name");
    let mut disguised = about(&certificate.number);
    disguised.documents[0].bytes = b"<html>not a pdf</html>".to_vec();
    let refused = s.file_verification_request(fa, disguised).await;
    assert!(matches!(refused, Err(CooperationError::UnsupportedFileType(_))), "{refused:?}");
    let mut huge = about(&certificate.number);
    huge.documents[0].bytes = [b"%PDF-".as_slice(), &vec![b' '; s.config().max_evidence_bytes]].concat();
    let refused = s.file_verification_request(fa, huge).await;
    assert!(matches!(refused, Err(CooperationError::FileTooLarge { .. })), "{refused:?}");
    let mut twice = about(&certificate.number);
    twice.documents.push(twice.documents[0].clone());
    let refused = s.file_verification_request(fa, twice).await;
    assert!(matches!(refused, Err(CooperationError::DuplicateFile)), "{refused:?}");

    // Nothing was written, not even a reference: the next request is the first.
    let everything = ListFilter { limit: 50, ..ListFilter::default() };
    assert_eq!(s.verification_requests(&w.certifier, everything, None).await.unwrap().total, 0);
    let filed = s.file_verification_request(fa, about(&certificate.number)).await.unwrap();
    assert_eq!(filed.view.request.reference, "VR-2026-000001");

    // Steps and replies.
    let id = filed.view.request.id;
    let step =
        |description: &str, date| StepRequest { kind: StepKind::SiteVisit, description: description.into(), date };
    let future = s.record_verification_step(&w.certifier, id, step("visit", Some(date!(2026 - 05 - 02)))).await;
    assert_eq!(field_of(future), "date");
    let before = s.record_verification_step(&w.certifier, id, step("visit", Some(date!(2026 - 04 - 30)))).await;
    assert_eq!(field_of(before), "date");
    assert_eq!(field_of(s.record_verification_step(&w.certifier, id, step(" ", None)).await), "description");
    let empty = ReplyRequest { outcome: ReplyOutcome::Confirmed, findings: "\n".into() };
    assert_eq!(field_of(s.answer_verification_request(&w.certifier, id, empty).await), "findings");
    let detail = s.verification_request(&w.certifier, id).await.unwrap();
    assert_eq!((detail.view.request.status, detail.steps.unwrap().len()), (RequestStatus::Open, 0));
}

async fn deadlines_remind_then_escalate_once_each(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let certificate = issued(&w).await;
    // Received on 31 August: six months later is the last day of February (2027 is not a leap year).
    s.clock().set(datetime!(2026-08-31 10:00 UTC));
    let filed = s.file_verification_request(&w.foreign_de, about(&certificate.number)).await.unwrap();
    let id = filed.view.request.id;
    assert_eq!(filed.view.request.deadline, date!(2027 - 02 - 28));
    let answered = s.file_verification_request(&w.foreign_de, about(&certificate.number)).await.unwrap();
    let confirmed = ReplyRequest { outcome: ReplyOutcome::Confirmed, findings: "Records seen.".into() };
    s.answer_verification_request(&w.certifier, answered.view.request.id, confirmed).await.unwrap();

    let sweep = |at| s.sweep_cooperation_deadlines(at);
    let quiet = sweep(datetime!(2027-01-28 03:00 UTC)).await.unwrap();
    assert!(quiet.reminders.is_empty() && quiet.escalations.is_empty(), "31 days before: {quiet:?}");
    let reminded = sweep(datetime!(2027-01-29 03:00 UTC)).await.unwrap();
    assert_eq!(reminded.reminders, ["VR-2026-000001"]);
    assert!(sweep(datetime!(2027-02-10 03:00 UTC)).await.unwrap().reminders.is_empty(), "reminded once");
    // The deadline day itself is still in time.
    assert!(sweep(datetime!(2027-02-28 23:00 UTC)).await.unwrap().escalations.is_empty());
    let escalated = sweep(datetime!(2027-03-01 03:00 UTC)).await.unwrap();
    assert_eq!((escalated.reminders.len(), escalated.escalations.as_slice()), (0, &["VR-2026-000001".to_owned()][..]));
    assert!(sweep(datetime!(2027-03-02 03:00 UTC)).await.unwrap().escalations.is_empty(), "escalated once");

    s.clock().set(datetime!(2027-03-01 09:00 UTC));
    let detail = s.verification_request(&w.certifier, id).await.unwrap();
    assert!(detail.view.overdue && !detail.view.due_soon);
    assert_eq!(detail.view.days_left, Some(-1));
    let kinds: Vec<_> = detail.alerts.unwrap().iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(kinds, ["reminder", "escalation"]);
    let record = s.exporter_verification_record(w.exporter.exporter_id().unwrap()).await.unwrap();
    assert_eq!((record.total, record.unanswered_overdue), (2, 1));

    // Answered late: out of time in the statistics.
    let late = ReplyRequest { outcome: ReplyOutcome::Undetermined, findings: "The exporter has closed.".into() };
    s.answer_verification_request(&w.certifier, id, late).await.unwrap();
    let stats = s.cooperation_statistics(&w.supervisor).await.unwrap();
    assert_eq!(stats.len(), 1);
    let de = &stats[0];
    assert_eq!((de.country.as_str(), de.requests, de.answered, de.answered_in_time), ("DE", 2, 2, 1));
    assert_eq!((de.confirmed, de.undetermined, de.overdue), (1, 1, 0));
    // Turnarounds of 0 and 182 days.
    assert_eq!(de.median_turnaround_days, Some(rust_decimal::Decimal::from(91)));
}

conformance!(
    a_not_confirmed_reply_revokes_the_certificate_and_two_propose_rex_revocation,
    a_confirmed_reply_changes_nothing_but_the_request,
    a_statement_not_confirmed_is_marked_for_the_public_check,
    a_foreign_authority_sees_only_its_own_countrys_requests,
    bad_input_is_refused_naming_the_field_and_nothing_is_written,
    deadlines_remind_then_escalate_once_each,
);
