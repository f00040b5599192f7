//! The demo's administrative cooperation: the German customs authority (`foreign.de`) asks the certifying body to
//! verify four furniture certificates bound for Germany and Fergana Tekstil's statement on origin:
//!
//! - one just filed and under investigation (documents asked of the exporter);
//! - one received seven months ago and never answered: overdue, escalated by the deadline sweep;
//! - the statement, received five and a half months ago: due within the reminder period, reminded;
//! - one answered "confirmed" after a site visit (the certificate stays valid);
//! - one answered "not confirmed": the certificate is revoked in the same transaction, and the failure counts
//!   on Samarqand Yogʻoch's record.
//!
//! The demo has no past, so the two old requests are stored through the store as the service stores a filing,
//! with the instant they were received in the row; their audit records carry the real instant they were entered,
//! so the audit trail stays in time order (`origo audit verify` and the non-decreasing instants are tested).
//!
//! The investigation under way asks Toshkent Mebel for documents (pending, on its dashboard); the one answered
//! "not confirmed" asked Samarqand Yogʻoch for documents, which it sent, with a site-visit report on the step.

use anyhow::Context;
use origo_service::attachments::Upload;
use origo_service::cooperation::deadline;
use origo_service::cooperation::investigation::{ExporterAsk, StepExtras, StepRequest};
use origo_service::cooperation::reply::ReplyRequest;
use origo_service::cooperation::requests::{FileRequest, SERIES, UploadedDocument};
use origo_service::{Caller, Service};
use origo_store::applications::ProofKind::NonPreferential;
use origo_store::cooperation::steps::StepKind;
use origo_store::cooperation::{self, NewVerificationRequest, ReasonKind, ReplyOutcome, Subject};
use origo_store::{Actor, Role, sequences};
use time::Duration;
use uuid::Uuid;

use super::goods::{HOLZ_UND_HEIM, Invoices, MOEBELHAUS_NORD, dining_tables};
use super::parties::{Exporters, Officers};
use super::steps::{describe, issued};
use super::{DemoCertificate, DemoStatement, Fate};

/// The demo user `username` as a caller (built from its row, as a sign-in would).
async fn caller(service: &Service, username: &str) -> anyhow::Result<Caller> {
    let mut conn = service.store().conn().await?;
    let user = origo_store::users::find_by_username(&mut conn, username)
        .await?
        .with_context(|| format!("no demo user {username}"))?;
    Ok(Caller::session(user.id, user.role, user.exporter_id, user.country))
}

fn filing(number: &str, reason_kind: ReasonKind, reasons: &str, documents: Vec<UploadedDocument>) -> FileRequest {
    FileRequest {
        certificate_number: Some(number.into()),
        statement_hash: None,
        reason_kind,
        reasons: reasons.into(),
        documents,
    }
}

fn step(kind: StepKind, description: &str, days_ago: i64, service: &Service) -> StepRequest {
    StepRequest {
        kind,
        description: description.into(),
        date: Some(service.clock().today() - Duration::days(days_ago)),
    }
}

/// A request received `days_ago` days ago from Germany, stored as the service stores a filing.
async fn filed_earlier(
    service: &Service,
    germany: &Caller,
    subject: Subject,
    exporter_id: Option<Uuid>,
    scheme: &str,
    reasons: &str,
    days_ago: i64,
) -> anyhow::Result<()> {
    let received = service.clock().now() - Duration::days(days_ago);
    let months = service.config().cooperation.reply_months(scheme);
    let deadline = deadline::deadline(received.date(), months).context("a deadline in the calendar")?;
    let issuer = &service.config().issuer_code;
    let mut tx = service.store().begin().await?;
    let sequence = sequences::allocate_reference(&mut tx, issuer, SERIES, received.year()).await?;
    let new = NewVerificationRequest {
        issuer_code: issuer.clone(),
        reference: sequences::reference(SERIES, received.year(), sequence),
        requesting_country: "DE".into(),
        requested_by: germany.user_id,
        subject,
        exporter_id,
        scheme: scheme.into(),
        reason_kind: ReasonKind::OriginatingStatus,
        reasons: reasons.into(),
        deadline,
    };
    let actor = Actor::user(germany.user_id, Role::ForeignAuthority, service.clock().now());
    cooperation::file_received(&mut tx, &actor, &new, received).await?;
    tx.commit().await?;
    Ok(())
}

/// Fills the verification requests; the certificates issued for them, for the summary.
pub async fn fill(
    service: &Service,
    officers: &Officers,
    exporters: &Exporters,
    invoices: &Invoices,
    statements: &[DemoStatement],
) -> anyhow::Result<Vec<DemoCertificate>> {
    let germany = caller(service, "foreign.de").await?;
    let certifier = &officers.certifier;
    let (e, mut made) = (exporters, Vec::new());

    // Just filed, under investigation.
    let tables = vec![dining_tables(6, &invoices.at("TM-2026-101", 20))];
    let open = issued(service, officers, &e.tashkent, NonPreferential, MOEBELHAUS_NORD, tables, false).await?;
    let note = UploadedDocument {
        file_name: "atlas-declaration-extract.txt".into(),
        media_type: "text/plain".into(),
        bytes: "ATLAS declaration DE-26-006102, item 1: 6 dining tables, walnut, country of origin UZ, declared value \
                EUR 2 040 (EUR 340 per table)."
            .as_bytes()
            .to_vec(),
    };
    let reasons = "Declared unit value EUR 340 per walnut dining table, well below comparable imports; doubt \
                   that the tables were made by the exporter";
    let request = filing(&open.number, ReasonKind::OriginatingStatus, reasons, vec![note]);
    let filed = service.file_verification_request(&germany, request).await?;
    let asked = "Asked Toshkent Mebel for the purchase invoices of the walnut and the production records of May";
    let asked = step(StepKind::DocumentsRequestedFromExporter, asked, 0, service);
    let ask = ExporterAsk {
        asked: "The purchase invoices of the walnut sawn wood and the production records of May for the dining tables \
                of this certificate"
            .into(),
        due_on: Some(service.clock().today() + Duration::days(21)),
    };
    let extras = StepExtras { documents: Vec::new(), ask: Some(ask) };
    service.record_investigation_step(certifier, filed.view.request.id, asked, extras).await?;
    let what = format!(
        "{}; verification request under investigation",
        describe(NonPreferential, &e.tashkent, &MOEBELHAUS_NORD)
    );
    made.push(DemoCertificate::new(&open, Fate::Valid, what));

    // Received seven months ago and never answered: overdue.
    let tables = vec![dining_tables(4, &invoices.at("SY-131", 25))];
    let late = issued(service, officers, &e.samarkand, NonPreferential, HOLZ_UND_HEIM, tables, false).await?;
    let reasons = "The importer's purchase records name a trader in a third country as the seller";
    let subject = Subject::Certificate(late.certificate_id);
    let samarkand = e.samarkand.caller.exporter_id();
    filed_earlier(service, &germany, subject, samarkand, "non-preferential", reasons, 213).await?;
    let what = format!("{}; verification request overdue", describe(NonPreferential, &e.samarkand, &HOLZ_UND_HEIM));
    made.push(DemoCertificate::new(&late, Fate::Valid, what));

    // The statement on origin to Textil-Kontor, received five and a half months ago: due soon.
    let statement = statements.iter().find(|s| s.what.ends_with("(DE)")).context("the demo's statement to DE")?;
    let mut conn = service.store().conn().await?;
    let registered = origo_store::statements::find_by_text_hash(&mut conn, &statement.text_hash)
        .await?
        .context("the demo's statement is registered")?;
    drop(conn);
    let reasons = "Random selection of EU GSP statements on origin for textiles of Chapter 61";
    let subject = Subject::Statement(registered.id);
    filed_earlier(service, &germany, subject, registered.exporter_id, "eu-gsp", reasons, 167).await?;

    // Answered "confirmed" after a site visit: the certificate stays valid.
    let tables = vec![dining_tables(10, &invoices.at("TM-2026-099", 30))];
    let confirmed = issued(service, officers, &e.tashkent, NonPreferential, HOLZ_UND_HEIM, tables, false).await?;
    let request = filing(&confirmed.number, ReasonKind::Random, "Random selection", Vec::new());
    let filed = service.file_verification_request(&germany, request).await?;
    let visit = "Visited the workshop at 14 Chilonzor street: cutting, planing, assembly and finishing lines in use";
    service
        .record_verification_step(certifier, filed.view.request.id, step(StepKind::SiteVisit, visit, 0, service))
        .await?;
    let reply = ReplyRequest {
        outcome: ReplyOutcome::Confirmed,
        findings: "The tables were made in the exporter's workshop from walnut sawn wood bought in Uzbekistan and \
                   Türkiye; the change of heading is met."
            .into(),
    };
    service.answer_verification_request(certifier, filed.view.request.id, reply).await?;
    let what = format!("{}; verification answered: confirmed", describe(NonPreferential, &e.tashkent, &HOLZ_UND_HEIM));
    made.push(DemoCertificate::new(&confirmed, Fate::Valid, what));

    // Answered "not confirmed": revoked in the same transaction.
    let tables = vec![dining_tables(3, &invoices.at("SY-127", 28))];
    let refuted = issued(service, officers, &e.samarkand, NonPreferential, MOEBELHAUS_NORD, tables, false).await?;
    let reasons = "Doubt about authenticity: the seal on the paper copy differs from the issuing body's";
    let request = filing(&refuted.number, ReasonKind::Authenticity, reasons, Vec::new());
    let filed = service.file_verification_request(&germany, request).await?;
    let asked = "Asked Samarqand Yogʻoch for the production records and the purchase invoices of the walnut";
    let asked = step(StepKind::DocumentsRequestedFromExporter, asked, 0, service);
    let ask = ExporterAsk {
        asked: "The production records of the dining tables and the purchase invoices of the walnut".into(),
        due_on: Some(service.clock().today() + Duration::days(14)),
    };
    let extras = StepExtras { documents: Vec::new(), ask: Some(ask) };
    let recorded = service.record_investigation_step(certifier, filed.view.request.id, asked, extras).await?;
    let ask_id = recorded.ask.context("the ask was recorded")?.ask.id;
    let invoice = Upload {
        file_name: "invoice-trader-2026-114.txt".into(),
        media_type: "text/plain".into(),
        bytes: "Invoice 2026-114 of Mebel Savdo LLC, Tashkent, to Samarqand Yogʻoch: 3 dining tables, walnut, \
                ready-made."
            .as_bytes()
            .to_vec(),
    };
    let note = "We bought these tables ready-made; the production records are the seller's.";
    service.answer_exporter_document_request(&e.samarkand.caller, ask_id, note, vec![invoice]).await?;
    let received = "Received invoices of a trader in Tashkent for ready-made tables; no production records";
    let received = step(StepKind::ExporterDocumentsReceived, received, 0, service);
    service.record_verification_step(certifier, filed.view.request.id, received).await?;
    let visit = "Visited the yard in Samarqand: storage only, no woodworking machines";
    let report = Upload {
        file_name: "site-visit-report.txt".into(),
        media_type: "text/plain".into(),
        bytes: "Site visit: a storage yard, no saws, planers or finishing line; staff of two.".as_bytes().to_vec(),
    };
    let extras = StepExtras { documents: vec![report], ask: None };
    let visit = step(StepKind::SiteVisit, visit, 0, service);
    service.record_investigation_step(certifier, filed.view.request.id, visit, extras).await?;
    let reply = ReplyRequest {
        outcome: ReplyOutcome::NotConfirmed,
        findings: "The exporter bought the tables ready-made from a trader; it did not make them. The origin \
                   stated on the certificate is not shown."
            .into(),
    };
    service.answer_verification_request(certifier, filed.view.request.id, reply).await?;
    let what =
        format!("{}; verification answered: not confirmed", describe(NonPreferential, &e.samarkand, &MOEBELHAUS_NORD));
    made.push(DemoCertificate::new(&refuted, Fate::Revoked, what));

    // Reminders and escalations, as the server's hourly sweep raises them.
    service.sweep_cooperation_deadlines(service.clock().now()).await?;
    Ok(made)
}
