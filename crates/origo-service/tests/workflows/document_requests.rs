//! Documents asked of the exporter during a verification, end to end: the certifier records the step
//! "documents requested from the exporter" with what is asked and by when (and a file of its own); only the exporter
//! concerned reads the ask, foreign authorities and customs never; the exporter answers once with its files; the
//! certifier reads the answer and the files beside the request; every write is in the audit trail; an ask left
//! unanswered after its due day shows as missed, on the service's clock.

use origo_service::Caller;
use origo_service::attachments::Upload;
use origo_service::cooperation::CooperationError;
use origo_service::cooperation::exporter_documents::{AskSubject, AskView};
use origo_service::cooperation::investigation::{ExporterAsk, StepExtras, StepRequest};
use origo_service::cooperation::requests::{FileRequest, UploadedDocument};
use origo_service::examination::Examination;
use origo_service::issuance::Issued;
use origo_service::policy::Denied;
use origo_store::cooperation::exporter_requests::AskStatus;
use origo_store::cooperation::steps::StepKind;
use origo_store::cooperation::{ReasonKind, RequestStatus};
use time::Date;
use time::macros::{date, datetime};
use uuid::Uuid;

use crate::common::{T0, TestDb, conformance};
use crate::world::{World, furniture, world};

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
        reasons: "Confidential: the importer's records show the furniture was bought in a third country.".into(),
        documents: vec![UploadedDocument {
            file_name: "import-declaration.pdf".into(),
            media_type: "application/pdf".into(),
            bytes: b"%PDF-1.7 declaration".to_vec(),
        }],
    }
}

fn pdf(name: &str, content: &str) -> Upload {
    Upload { file_name: name.into(), media_type: "application/pdf".into(), bytes: format!("%PDF-1.7 {content}").into() }
}

/// The certifier asks the exporter for `asked` by `due_on`, with a step file named `file`.
async fn ask(w: &World, request_id: Uuid, asked: &str, due_on: Date, file: &str) -> AskView {
    let step = StepRequest {
        kind: StepKind::DocumentsRequestedFromExporter,
        description: "Asked the exporter for its purchase records.".into(),
        date: None,
    };
    let extras = StepExtras {
        documents: vec![pdf(file, file)],
        ask: Some(ExporterAsk { asked: asked.into(), due_on: Some(due_on) }),
    };
    let recorded = w.service.record_investigation_step(&w.certifier, request_id, step, extras).await.unwrap();
    assert_eq!(recorded.documents.len(), 1);
    recorded.ask.expect("the step carries the ask")
}

fn refused_by_role<T: std::fmt::Debug>(result: Result<T, CooperationError>) -> bool {
    matches!(result, Err(CooperationError::Denied(Denied::Role { .. })))
}

fn not_found<T: std::fmt::Debug>(result: Result<T, CooperationError>) -> bool {
    matches!(result, Err(CooperationError::NotFound))
}

/// The actions of an entity's audit records, in order.
async fn actions(db: &TestDb, entity_type: &str, id: Uuid) -> Vec<String> {
    let mut conn = db.store.conn().await.unwrap();
    let trail = origo_store::audit::for_entity(&mut conn, entity_type, &id.to_string()).await.unwrap();
    trail.into_iter().map(|r| r.action).collect()
}

async fn listed(w: &World, caller: &Caller) -> Vec<AskView> {
    w.service.exporter_document_requests(caller, 50).await.unwrap()
}

async fn the_exporter_concerned_answers_once_and_the_certifier_reads_the_answer(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let certificate = issued(&w).await;
    let filed = s.file_verification_request(&w.foreign_de, about(&certificate.number)).await.unwrap();
    let request_id = filed.view.request.id;
    let asked = "Purchase invoices for the timber used in May 2026.";
    let made = ask(&w, request_id, asked, date!(2026 - 05 - 15), "visit-plan.pdf").await;
    assert_eq!((made.ask.status, made.ask.due_on, made.missed), (AskStatus::Pending, date!(2026 - 05 - 15), false));
    assert_eq!(made.ask.exporter_id, w.exporter.exporter_id().unwrap());
    let detail = s.verification_request(&w.certifier, request_id).await.unwrap();
    assert_eq!(detail.view.request.status, RequestStatus::Investigating);

    // The exporter concerned reads the ask about its certificate: what the certifier wrote, nothing of the request.
    let mine = listed(&w, &w.exporter).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].ask.id, made.ask.id);
    assert_eq!(mine[0].ask.asked, asked);
    let subject = AskSubject::Certificate { id: certificate.certificate_id, number: certificate.number.clone() };
    assert_eq!(mine[0].subject, subject);
    assert_eq!(s.exporter_document_request(&w.exporter, made.ask.id).await.unwrap(), mine[0]);

    // Another exporter sees nothing of it and cannot answer it; it is "not found", as if it did not exist.
    assert!(listed(&w, &w.other_exporter).await.is_empty());
    assert!(not_found(s.exporter_document_request(&w.other_exporter, made.ask.id).await));
    let intruder =
        s.answer_exporter_document_request(&w.other_exporter, made.ask.id, "", vec![pdf("x.pdf", "x")]).await;
    assert!(not_found(intruder));
    // A foreign authority and customs are refused the asks, and neither sees them on the request.
    for outsider in [&w.foreign_de, &w.customs] {
        assert!(refused_by_role(s.exporter_document_requests(outsider, 50).await), "{:?}", outsider.role());
        assert!(refused_by_role(s.exporter_document_request(outsider, made.ask.id).await), "{:?}", outsider.role());
        let seen = s.verification_request(outsider, request_id).await.unwrap();
        assert_eq!((seen.document_requests, seen.step_documents), (None, None), "{:?}", outsider.role());
    }

    // Bad answers write nothing.
    let empty = s.answer_exporter_document_request(&w.exporter, made.ask.id, "Here.", Vec::new()).await;
    assert!(matches!(empty, Err(CooperationError::Invalid { ref field, .. }) if field == "documents"), "{empty:?}");
    let disguised = Upload { bytes: b"<html>no</html>".to_vec(), ..pdf("invoices.pdf", "") };
    let refused = s.answer_exporter_document_request(&w.exporter, made.ask.id, "Here.", vec![disguised]).await;
    assert!(matches!(refused, Err(CooperationError::UnsupportedFileType(_))), "{refused:?}");
    assert_eq!(s.exporter_document_request(&w.exporter, made.ask.id).await.unwrap().ask.status, AskStatus::Pending);

    // The exporter answers with a file.
    let note = "The invoices of both timber suppliers.";
    let invoices = pdf("invoices.pdf", "timber invoices");
    let answered = s.answer_exporter_document_request(&w.exporter, made.ask.id, note, vec![invoices]).await.unwrap();
    assert_eq!(answered.ask.status, AskStatus::Answered);
    assert_eq!((answered.ask.note.as_deref(), answered.ask.answered_at), (Some(note), Some(T0)));
    assert!(answered.ask.answered_by.is_some());
    assert!(!answered.missed && !answered.ask.answered_late());
    let file = answered.documents.first().expect("one file").clone();
    assert_eq!(answered.documents.len(), 1);

    // Twice is refused, and the first answer stands.
    let again =
        s.answer_exporter_document_request(&w.exporter, made.ask.id, "More.", vec![pdf("more.pdf", "more")]).await;
    assert!(matches!(again, Err(CooperationError::AlreadySent)), "{again:?}");
    let kept = s.exporter_document_request(&w.exporter, made.ask.id).await.unwrap();
    assert_eq!((kept.ask.note.as_deref(), kept.documents.len()), (Some(note), 1));

    // The certifier reads the answer and its file beside the request, and the step's own file.
    let detail = s.verification_request(&w.certifier, request_id).await.unwrap();
    let asks = detail.document_requests.expect("the certifying body reads the asks");
    assert_eq!(asks.len(), 1);
    assert_eq!((asks[0].ask.note.as_deref(), asks[0].documents.len()), (Some(note), 1));
    let step_files = detail.step_documents.expect("the certifying body reads the step files");
    assert_eq!(step_files.len(), 1);
    assert_eq!(step_files[0].part_id, Some(made.ask.step_id));
    let (record, bytes) = s.exporter_answer_document(&w.certifier, made.ask.id, file.id).await.unwrap();
    assert_eq!((record.file_name.as_str(), bytes.as_slice()), ("invoices.pdf", &b"%PDF-1.7 timber invoices"[..]));
    let (record, bytes) = s.verification_document(&w.certifier, request_id, file.id).await.unwrap();
    assert_eq!((record.file_name.as_str(), bytes.len()), ("invoices.pdf", 24));
    let (record, _) = s.verification_document(&w.certifier, request_id, step_files[0].id).await.unwrap();
    assert_eq!(record.file_name, "visit-plan.pdf");
    // The exporter downloads what it sent; the foreign authority never reads the exporter's files.
    assert_eq!(s.exporter_answer_document(&w.exporter, made.ask.id, file.id).await.unwrap().1, bytes);
    assert!(not_found(s.verification_document(&w.foreign_de, request_id, file.id).await));
    assert!(not_found(s.exporter_answer_document(&w.other_exporter, made.ask.id, file.id).await));

    // The audit trail has the ask, the answer and each file, and the chain holds.
    let ask_trail = actions(&db, "exporter_document_request", made.ask.id).await;
    assert_eq!(ask_trail, ["exporter_document_request.created", "exporter_document_request.answered"]);
    let file_trail = actions(&db, "exporter_answer_document", file.id).await;
    assert_eq!(file_trail, ["exporter_document_request.document_added"]);
    assert_eq!(
        actions(&db, "verification_step_document", step_files[0].id).await,
        ["verification_step.document_added"]
    );
    let mut conn = db.store.conn().await.unwrap();
    let report = origo_store::audit::verify_chain(&mut conn).await.unwrap();
    assert_eq!(report.first_bad, None);
}

async fn an_ask_unanswered_after_its_due_day_shows_as_missed(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let certificate = issued(&w).await;
    let filed = s.file_verification_request(&w.foreign_de, about(&certificate.number)).await.unwrap();
    let request_id = filed.view.request.id;
    let answered = ask(&w, request_id, "Production records.", date!(2026 - 05 - 15), "a.pdf").await;
    s.answer_exporter_document_request(&w.exporter, answered.ask.id, "", vec![pdf("records.pdf", "r")]).await.unwrap();
    let late = ask(&w, request_id, "Supplier declarations.", date!(2026 - 05 - 10), "b.pdf").await;

    // The due day itself is still in time.
    s.clock().set(datetime!(2026-05-10 23:00 UTC));
    let mine = listed(&w, &w.exporter).await;
    assert_eq!(
        mine.iter().map(|v| (v.ask.id, v.missed)).collect::<Vec<_>>(),
        [(late.ask.id, false), (answered.ask.id, false)]
    );

    // The day after, the pending ask is missed for the exporter and the certifier alike; the answered one is not.
    s.clock().set(datetime!(2026-05-11 08:00 UTC));
    let mine = listed(&w, &w.exporter).await;
    assert_eq!(
        mine.iter().map(|v| (v.ask.id, v.missed)).collect::<Vec<_>>(),
        [(late.ask.id, true), (answered.ask.id, false)]
    );
    let asks = s.verification_request(&w.certifier, request_id).await.unwrap().document_requests.unwrap();
    let missed: Vec<_> = asks.iter().filter(|v| v.missed).map(|v| v.ask.id).collect();
    assert_eq!(missed, [late.ask.id]);

    // Answered late: no longer missed, but said to be late.
    let sent =
        s.answer_exporter_document_request(&w.exporter, late.ask.id, "", vec![pdf("decl.pdf", "d")]).await.unwrap();
    assert!(!sent.missed && sent.ask.answered_late());
    assert_eq!(sent.ask.answered_at, Some(datetime!(2026-05-11 08:00 UTC)));
}

conformance!(
    the_exporter_concerned_answers_once_and_the_certifier_reads_the_answer,
    an_ask_unanswered_after_its_due_day_shows_as_missed,
);
