//! Administrative cooperation: verification requests with their documents, investigation steps, one reply,
//! reminders and escalations raised once, an exporter's verification record, statements marked not confirmed.

use origo_store::cooperation::alerts::{self, AlertKind};
use origo_store::cooperation::documents::{self, NewRequestDocument};
use origo_store::cooperation::record;
use origo_store::cooperation::steps::{self, NewStep, StepKind};
use origo_store::cooperation::{
    self, Answer, ListFilter, ListOrder, NewVerificationRequest, ReasonKind, ReplyOutcome, RequestStatus, Subject,
    VerificationRequest,
};
use origo_store::statements::{self, NewStatement, StatementKind};
use origo_store::{Actor, ConflictKind, Role, Store, StoreError, audit, sequences};
use time::Date;
use time::macros::{date, datetime};
use uuid::Uuid;

use crate::common::{T0, TestDb, conformance, system};
use crate::fixtures::{self, ISSUER};

/// Files a request about `subject` from `country`, received at T0, with `deadline`.
async fn file(
    store: &Store,
    requested_by: Uuid,
    country: &str,
    subject: Subject,
    exporter_id: Option<Uuid>,
    deadline: Date,
) -> VerificationRequest {
    let mut tx = store.begin().await.unwrap();
    let sequence = sequences::allocate_reference(&mut tx, ISSUER, "VR", 2026).await.unwrap();
    let new = NewVerificationRequest {
        issuer_code: ISSUER.into(),
        reference: sequences::reference("VR", 2026, sequence),
        requesting_country: country.into(),
        requested_by,
        subject,
        exporter_id,
        scheme: "non-preferential".into(),
        reason_kind: ReasonKind::OriginatingStatus,
        reasons: "The producer's capacity does not match the quantities shipped.".into(),
        deadline,
    };
    let request = cooperation::file(&mut tx, &system(), &new).await.unwrap();
    tx.commit().await.unwrap();
    request
}

fn answer(outcome: ReplyOutcome) -> Answer {
    Answer {
        outcome,
        findings: "The exporter showed production records for the goods.".into(),
        reply_document: r#"{"document":{"format":"origo-verification-reply/1"},"signature":{}}"#.into(),
    }
}

async fn a_request_is_filed_investigated_and_answered_once(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let authority = fixtures::user(&db.store, "customs-de", Role::ForeignAuthority, None).await;
    let mut tx = db.store.begin().await.unwrap();
    let certificate = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    tx.commit().await.unwrap();
    let subject = Subject::Certificate(certificate.id);
    let request = file(&db.store, authority.id, "DE", subject, Some(exporter.id), date!(2026 - 11 - 01)).await;
    let second = file(&db.store, authority.id, "DE", subject, Some(exporter.id), date!(2026 - 11 - 01)).await;
    assert_eq!((request.reference.as_str(), second.reference.as_str()), ("VR-2026-000001", "VR-2026-000002"));
    assert_eq!((request.status, request.received_at, request.outcome), (RequestStatus::Open, T0, None));

    // Documents: hashed here, read back with their bytes, the same bytes once per request.
    let mut tx = db.store.begin().await.unwrap();
    let new = NewRequestDocument {
        request_id: request.id,
        file_name: "invoice.pdf".into(),
        media_type: "application/pdf".into(),
        bytes: b"%PDF-1.7 invoice".to_vec(),
    };
    let document = documents::add(&mut tx, &system(), &new).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(document.sha256, audit::sha256_hex(b"%PDF-1.7 invoice"));
    assert_eq!(document.size_bytes, 16);
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(documents::list(&mut conn, request.id).await.unwrap(), vec![document.clone()]);
    let (record, bytes) = documents::content(&mut conn, request.id, document.id).await.unwrap();
    assert_eq!((record, bytes.as_slice()), (document.clone(), &b"%PDF-1.7 invoice"[..]));
    let other = documents::content(&mut conn, second.id, document.id).await.unwrap_err();
    assert!(matches!(other, StoreError::NotFound { .. }), "another request's document: {other:?}");
    drop(conn);
    let mut tx = db.store.begin().await.unwrap();
    let error = documents::add(&mut tx, &system(), &new).await.unwrap_err();
    assert!(error.is_unique("verification_documents_request_id_sha256_key"), "{error:?}");
    drop(tx);

    // The first step moves it to investigating; a second leaves it there.
    let mut tx = db.store.begin().await.unwrap();
    let investigating = cooperation::start_investigation(&mut tx, &system(), request.id).await.unwrap();
    let step = NewStep {
        request_id: request.id,
        kind: StepKind::SiteVisit,
        description: "Visited the weaving mill.".into(),
        step_date: date!(2026 - 04 - 30),
    };
    let recorded = steps::add(&mut tx, &system(), &step).await.unwrap();
    let again = cooperation::start_investigation(&mut tx, &system(), request.id).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!((investigating.status, again.status), (RequestStatus::Investigating, RequestStatus::Investigating));
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(steps::list(&mut conn, request.id).await.unwrap(), vec![recorded]);
    drop(conn);

    // Answered once: a second answer finds it answered.
    let officer = Actor::system(datetime!(2026-05-20 10:00 UTC));
    let mut tx = db.store.begin().await.unwrap();
    let answered = cooperation::answer(&mut tx, &officer, request.id, &answer(ReplyOutcome::Confirmed)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(answered.status, RequestStatus::Answered);
    assert_eq!(answered.outcome, Some(ReplyOutcome::Confirmed));
    assert_eq!(answered.answered_in_time(), Some(true));
    assert!(!answered.is_overdue(date!(2027 - 01 - 01)));
    let mut tx = db.store.begin().await.unwrap();
    let error = cooperation::answer(&mut tx, &officer, request.id, &answer(ReplyOutcome::NotConfirmed)).await;
    assert!(
        matches!(error, Err(StoreError::Conflict { kind: ConflictKind::Stale, ref constraint })
            if constraint == "verification_requests_status"),
        "{error:?}"
    );
    drop(tx);

    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(cooperation::get(&mut conn, request.id).await.unwrap(), answered);
    let trail = audit::for_entity(&mut conn, "verification_request", &request.id.to_string()).await.unwrap();
    let actions: Vec<_> = trail.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        ["verification_request.filed", "verification_request.investigating", "verification_request.answered"]
    );
    assert_eq!(trail[2].after_hash, Some(audit::state_hash(&answered)));
    assert_eq!(cooperation::for_certificate(&mut conn, certificate.id).await.unwrap().len(), 2);
    drop(conn);
    let report = audit::verify(&db.store).await.unwrap();
    assert!(report.is_intact(), "{report:?}");
}

async fn lists_are_per_country_and_in_deadline_order(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let authority = fixtures::user(&db.store, "customs-de", Role::ForeignAuthority, None).await;
    let mut tx = db.store.begin().await.unwrap();
    let certificate = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    tx.commit().await.unwrap();
    let subject = Subject::Certificate(certificate.id);
    let late = file(&db.store, authority.id, "DE", subject, None, date!(2026 - 12 - 01)).await;
    let early = file(&db.store, authority.id, "FR", subject, None, date!(2026 - 08 - 01)).await;
    let answered = file(&db.store, authority.id, "DE", subject, None, date!(2026 - 06 - 01)).await;
    let mut tx = db.store.begin().await.unwrap();
    cooperation::answer(&mut tx, &system(), answered.id, &answer(ReplyOutcome::Undetermined)).await.unwrap();
    tx.commit().await.unwrap();

    let mut conn = db.store.conn().await.unwrap();
    let ids = |list: Vec<VerificationRequest>| list.into_iter().map(|r| r.id).collect::<Vec<_>>();
    let germany = ListFilter { country: Some("DE".into()), limit: 10, ..ListFilter::default() };
    assert_eq!(ids(cooperation::list(&mut conn, &germany, None).await.unwrap()), [late.id, answered.id]);
    assert_eq!(cooperation::count(&mut conn, &germany).await.unwrap(), 2);
    let after_first = cooperation::list(&mut conn, &germany, Some(late.id)).await.unwrap();
    assert_eq!(ids(after_first), [answered.id]);
    let open = ListFilter { status: Some(RequestStatus::Open), limit: 10, ..ListFilter::default() };
    assert_eq!(ids(cooperation::list(&mut conn, &open, None).await.unwrap()), [late.id, early.id]);
    // Work order: unanswered by deadline, then answered.
    let by_deadline = ListFilter { order: ListOrder::Deadline { offset: 0 }, limit: 10, ..ListFilter::default() };
    assert_eq!(ids(cooperation::list(&mut conn, &by_deadline, None).await.unwrap()), [early.id, late.id, answered.id]);
    let second_page = ListFilter { order: ListOrder::Deadline { offset: 2 }, limit: 10, ..ListFilter::default() };
    assert_eq!(ids(cooperation::list(&mut conn, &second_page, None).await.unwrap()), [answered.id]);
    let rows = cooperation::statistics_rows(&mut conn).await.unwrap();
    assert_eq!(rows.iter().map(|r| r.requesting_country.as_str()).collect::<Vec<_>>(), ["DE", "FR", "DE"]);
    assert_eq!(rows[2].outcome, Some(ReplyOutcome::Undetermined));
}

async fn reminders_and_escalations_are_raised_once(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let authority = fixtures::user(&db.store, "customs-de", Role::ForeignAuthority, None).await;
    let mut tx = db.store.begin().await.unwrap();
    let certificate = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    tx.commit().await.unwrap();
    let subject = Subject::Certificate(certificate.id);
    let soon = file(&db.store, authority.id, "DE", subject, None, date!(2026 - 05 - 20)).await;
    let past = file(&db.store, authority.id, "DE", subject, None, date!(2026 - 04 - 30)).await;
    let far = file(&db.store, authority.id, "DE", subject, None, date!(2026 - 10 - 01)).await;
    let answered_past = file(&db.store, authority.id, "DE", subject, None, date!(2026 - 04 - 01)).await;
    let mut tx = db.store.begin().await.unwrap();
    cooperation::answer(&mut tx, &system(), answered_past.id, &answer(ReplyOutcome::Confirmed)).await.unwrap();
    tx.commit().await.unwrap();

    let (today, until) = (date!(2026 - 05 - 01), date!(2026 - 05 - 31));
    let mut conn = db.store.conn().await.unwrap();
    let due = |list: Vec<VerificationRequest>| list.into_iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(due(alerts::due(&mut conn, AlertKind::Reminder, today, until).await.unwrap()), [soon.id]);
    assert_eq!(due(alerts::due(&mut conn, AlertKind::Escalation, today, until).await.unwrap()), [past.id]);
    drop(conn);

    let mut tx = db.store.begin().await.unwrap();
    let raised = alerts::raise(&mut tx, &system(), past.id, AlertKind::Escalation).await.unwrap();
    assert!(raised.is_some());
    // Raised again (another server's sweep in the same or a later transaction): nothing new, nothing audited.
    assert_eq!(alerts::raise(&mut tx, &system(), past.id, AlertKind::Escalation).await.unwrap(), None);
    tx.commit().await.unwrap();
    let mut tx = db.store.begin().await.unwrap();
    assert_eq!(alerts::raise(&mut tx, &system(), past.id, AlertKind::Escalation).await.unwrap(), None);
    tx.commit().await.unwrap();

    let mut conn = db.store.conn().await.unwrap();
    assert!(alerts::due(&mut conn, AlertKind::Escalation, today, until).await.unwrap().is_empty());
    assert_eq!(alerts::list(&mut conn, past.id).await.unwrap(), vec![raised.unwrap()]);
    assert!(alerts::list(&mut conn, far.id).await.unwrap().is_empty());
    let trail = audit::for_entity(&mut conn, "verification_request", &past.id.to_string()).await.unwrap();
    let escalations = trail.iter().filter(|r| r.action == "verification_request.escalated").count();
    assert_eq!(escalations, 1);
}

async fn an_exporters_record_counts_failures_and_overdue_requests(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let other = fixtures::exporter(&db.store, "309999999").await;
    let authority = fixtures::user(&db.store, "customs-de", Role::ForeignAuthority, None).await;
    let mut tx = db.store.begin().await.unwrap();
    let certificate = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    tx.commit().await.unwrap();
    let subject = Subject::Certificate(certificate.id);
    let mine = Some(exporter.id);
    let failed = file(&db.store, authority.id, "DE", subject, mine, date!(2026 - 10 - 01)).await;
    let undetermined = file(&db.store, authority.id, "DE", subject, mine, date!(2026 - 10 - 01)).await;
    file(&db.store, authority.id, "DE", subject, mine, date!(2026 - 06 - 01)).await;
    file(&db.store, authority.id, "DE", subject, mine, date!(2026 - 12 - 01)).await;
    file(&db.store, authority.id, "DE", subject, Some(other.id), date!(2026 - 06 - 01)).await;
    let mut tx = db.store.begin().await.unwrap();
    cooperation::answer(&mut tx, &system(), failed.id, &answer(ReplyOutcome::NotConfirmed)).await.unwrap();
    cooperation::answer(&mut tx, &system(), undetermined.id, &answer(ReplyOutcome::Undetermined)).await.unwrap();
    tx.commit().await.unwrap();

    let mut conn = db.store.conn().await.unwrap();
    let before = record::for_exporter(&mut conn, exporter.id, date!(2026 - 06 - 01)).await.unwrap();
    assert_eq!((before.total, before.failed, before.undetermined, before.unanswered_overdue), (4, 1, 1, 0));
    let after = record::for_exporter(&mut conn, exporter.id, date!(2026 - 06 - 02)).await.unwrap();
    assert_eq!(after.unanswered_overdue, 1);
    let nobody = record::for_exporter(&mut conn, Uuid::now_v7(), date!(2026 - 06 - 02)).await.unwrap();
    assert_eq!(nobody, record::VerificationRecord::default());
}

async fn a_statement_is_marked_not_confirmed_once(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let new = NewStatement {
        text: "Commercial document: Invoice 9\nThe exporter UZREX301234567 declares ... W 61.09.".into(),
        kind: StatementKind::StatementOnOrigin,
        exporter_id: Some(exporter.id),
        rex_number: Some("UZREX301234567".into()),
        application_id: None,
        criterion: Some("W 61.09".into()),
        made_out_on: date!(2026 - 04 - 02),
        consignment_value_eur: None,
        place: Some("Tashkent".into()),
        document_reference: Some("Invoice 9".into()),
    };
    let mut tx = db.store.begin().await.unwrap();
    let statement = statements::register(&mut tx, &system(), &new).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!((statement.not_confirmed_at, statement.not_confirmed_reference.as_deref()), (None, None));

    let mut tx = db.store.begin().await.unwrap();
    let marked = statements::mark_not_confirmed(&mut tx, &system(), statement.id, "VR-2026-000004").await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        (marked.not_confirmed_at, marked.not_confirmed_reference.as_deref()),
        (Some(T0), Some("VR-2026-000004"))
    );
    let mut tx = db.store.begin().await.unwrap();
    let again = statements::mark_not_confirmed(&mut tx, &system(), statement.id, "VR-2026-000005").await;
    assert!(matches!(again, Err(StoreError::Conflict { kind: ConflictKind::Stale, .. })), "{again:?}");
    drop(tx);
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(statements::get(&mut conn, statement.id).await.unwrap(), marked);
    let trail = audit::for_entity(&mut conn, "statement", &statement.id.to_string()).await.unwrap();
    assert_eq!(trail.last().map(|r| r.action.as_str()), Some("statement.not_confirmed"));
}

conformance!(
    a_request_is_filed_investigated_and_answered_once,
    lists_are_per_country_and_in_deadline_order,
    reminders_and_escalations_are_raised_once,
    an_exporters_record_counts_failures_and_overdue_requests,
    a_statement_is_marked_not_confirmed_once,
);
