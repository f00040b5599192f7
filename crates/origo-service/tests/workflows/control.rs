//! Post-clearance control end to end: customs opens a case, records findings and proposes; only the certifying
//! body decides and revokes (separation of functions); the importing authority records utilisation, and over-use
//! and use in a second country are flagged in the same transaction; revoking a supplier declaration flags every
//! valid certificate and pending application that relied on it; the risk engine reads the exporter's counts.

use origo_service::control::ControlError;
use origo_service::control::cases::{CaseSubject, Upload};
use origo_service::control::proposals::ProposalDecision;
use origo_service::control::utilisation::NewUse;
use origo_service::examination::Examination;
use origo_service::intake::ApplicationDraft;
use origo_service::issuance::Issued;
use origo_service::policy::Denied;
use origo_service::verification::CertificateError;
use origo_store::applications::ApplicationState;
use origo_store::certificates::{self, CertificateStatus};
use origo_store::control_cases::CaseStatus;
use origo_store::exporters::ExporterStatus;
use origo_store::flags::{FlagCounts, FlagKind};
use origo_store::proposals::{ProposalStatus, TargetKind};
use origo_store::supplier_declarations::{DeclarationKind, NewSupplierDeclaration};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::common::{TestDb, conformance};
use crate::world::{World, furniture, world};

async fn issued_from(w: &World, draft: ApplicationDraft) -> Issued {
    let s = &w.service;
    let application = s.create_application(&w.exporter, draft).await.unwrap();
    s.submit_application(&w.exporter, application.id).await.unwrap();
    s.examine_application(&w.certifier, application.id, Examination::Approve).await.unwrap();
    s.issue_certificate(&w.certifier, application.id, None).await.unwrap()
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn use_of(quantity: &str, reference: &str) -> NewUse {
    NewUse { item_no: 1, quantity: dec(quantity), declaration_ref: reference.into(), security_code: None }
}

async fn customs_proposes_and_only_the_certifying_body_decides(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let issued = issued_from(&w, furniture()).await;

    // Bad input names its field; other roles cannot open cases.
    let unknown = CaseSubject::CertificateNumber("UZ-2026-999999".into());
    let error = s.open_control_case(&w.customs, unknown, "doubt").await.unwrap_err();
    assert!(matches!(error, ControlError::Invalid { field: "certificate_number", .. }), "{error:?}");
    let subject = CaseSubject::CertificateNumber(issued.number.clone());
    let error = s.open_control_case(&w.customs, subject.clone(), "  ").await.unwrap_err();
    assert!(matches!(error, ControlError::Invalid { field: "grounds", .. }), "{error:?}");
    let error = s.open_control_case(&w.certifier, subject.clone(), "doubt").await.unwrap_err();
    assert!(matches!(error, ControlError::Denied(Denied::Role { .. })), "{error:?}");

    let case = s.open_control_case(&w.customs, subject, "unit values far below market").await.unwrap();
    assert_eq!(case.reference, "PCC-2026-000001");
    assert_eq!(case.certificate_id, Some(issued.certificate_id));
    let pdf =
        Upload { file_name: "stock.pdf".into(), media_type: "application/pdf".into(), bytes: b"%PDF-1.7".to_vec() };
    let fake = Upload { file_name: "x.pdf".into(), media_type: "application/pdf".into(), bytes: b"MZ".to_vec() };
    let error = s.record_finding(&w.customs, case.id, "no stock", vec![fake]).await.unwrap_err();
    assert!(matches!(error, ControlError::UnsupportedFileType(_)), "{error:?}");
    let (finding, documents) =
        s.record_finding(&w.customs, case.id, "warehouse holds no finished furniture", vec![pdf]).await.unwrap();
    assert_eq!(documents.len(), 1);

    // Customs proposes; it can neither decide nor revoke.
    let error = s.propose_revocation(&w.customs, case.id, TargetKind::Certificate, "").await.unwrap_err();
    assert!(matches!(error, ControlError::ReasonsRequired { field: "grounds" }), "{error:?}");
    let proposal = s
        .propose_revocation(&w.customs, case.id, TargetKind::Certificate, "goods not made by the exporter")
        .await
        .unwrap();
    let again = s.propose_revocation(&w.customs, case.id, TargetKind::Certificate, "again").await.unwrap_err();
    assert!(matches!(again, ControlError::AlreadyProposed), "{again:?}");
    let error = s.decide_proposal(&w.customs, proposal.id, ProposalDecision::Accept, "ok").await.unwrap_err();
    assert!(matches!(error, ControlError::Denied(Denied::Role { .. })), "{error:?}");
    let error = s.revoke_certificate(&w.customs, issued.certificate_id, "customs").await.unwrap_err();
    assert!(matches!(error, CertificateError::Denied(Denied::Role { .. })), "{error:?}");
    let error = s.decide_proposal(&w.certifier, proposal.id, ProposalDecision::Accept, " ").await.unwrap_err();
    assert!(matches!(error, ControlError::ReasonsRequired { field: "reasons" }), "{error:?}");
    let mut conn = db.store.conn().await.unwrap();
    let still = certificates::get(&mut conn, issued.certificate_id).await.unwrap();
    assert_eq!(still.status, CertificateStatus::Valid, "nothing revoked before the decision");
    drop(conn);

    // The certifier accepts: the certificate is revoked in the same transaction, citing the case.
    let accepted = s
        .decide_proposal(&w.certifier, proposal.id, ProposalDecision::Accept, "findings are conclusive")
        .await
        .unwrap();
    assert_eq!((accepted.status, accepted.decided_by), (ProposalStatus::Accepted, Some(w.certifier.user_id)));
    let mut conn = db.store.conn().await.unwrap();
    let revoked = certificates::get(&mut conn, issued.certificate_id).await.unwrap();
    assert_eq!(revoked.status, CertificateStatus::Revoked);
    assert_eq!(
        revoked.status_reason.as_deref(),
        Some("findings are conclusive (revocation proposed in control case PCC-2026-000001)")
    );
    let trail =
        origo_store::audit::for_entity(&mut conn, "certificate", &issued.certificate_id.to_string()).await.unwrap();
    let record = trail.iter().find(|r| r.action == "certificate.revoked").expect("audited");
    assert_eq!(record.actor_id, Some(w.certifier.user_id.to_string()));
    drop(conn);
    let twice = s.decide_proposal(&w.supervisor, proposal.id, ProposalDecision::Reject, "no").await.unwrap_err();
    assert!(matches!(twice, ControlError::InvalidState(_)), "{twice:?}");

    // The REX registration: proposed by customs, rejected by a supervisor; nothing revoked.
    let on_rex = s
        .propose_revocation(&w.customs, case.id, TargetKind::RexRegistration, "exporter is a trader only")
        .await
        .unwrap();
    let rejected = s
        .decide_proposal(&w.supervisor, on_rex.id, ProposalDecision::Reject, "production confirmed on site")
        .await
        .unwrap();
    assert_eq!(rejected.status, ProposalStatus::Rejected);
    let exporter = s.registration(&w.certifier, w.exporter.exporter_id().unwrap()).await.unwrap();
    assert_eq!(exporter.status, ExporterStatus::Registered);

    // Everyone in the certifying body reads the case; the exporter and foreign authorities do not.
    let view = s.control_case(&w.certifier, case.id).await.unwrap();
    assert_eq!(view.findings.len(), 1);
    assert_eq!(view.findings[0].0.id, finding.id);
    assert_eq!(view.proposals.len(), 2);
    assert_eq!(view.certificate_number.as_deref(), Some(issued.number.as_str()));
    let listed = s.proposals(&w.auditor, None, None, 10).await.unwrap();
    assert_eq!(listed[0].source_reference, "control case PCC-2026-000001");
    assert_eq!(listed[0].target_label, issued.number);
    for outsider in [&w.exporter, &w.foreign_de] {
        assert!(s.control_case(outsider, case.id).await.is_err());
        assert!(s.proposals(outsider, None, None, 10).await.is_err());
    }
    let closed = s.close_control_case(&w.customs, case.id, "certificate revoked").await.unwrap();
    assert_eq!(closed.status, CaseStatus::Closed);
    let late = s.record_finding(&w.customs, case.id, "late", vec![]).await.unwrap_err();
    assert!(matches!(late, ControlError::InvalidState(_)), "{late:?}");
}

async fn over_use_and_use_in_a_second_country_are_flagged(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    // 20 pieces of furniture certified for DE.
    let issued = issued_from(&w, furniture()).await;
    let id = issued.certificate_id;

    let error = s.record_utilisation(&w.foreign_de, id, use_of("0", "ATLAS-1")).await.unwrap_err();
    assert!(matches!(error, ControlError::Invalid { field: "quantity", .. }), "{error:?}");
    let error = s.record_utilisation(&w.foreign_de, id, NewUse { item_no: 2, ..use_of("1", "ATLAS-1") }).await;
    assert!(matches!(error, Err(ControlError::Invalid { field: "item_no", .. })), "{error:?}");
    let error = s.record_utilisation(&w.customs, id, use_of("1", "ATLAS-1")).await.unwrap_err();
    assert!(matches!(error, ControlError::Denied(Denied::Role { .. })), "{error:?}");

    let first = s.record_utilisation(&w.foreign_de, id, use_of("12.5", "ATLAS-1")).await.unwrap();
    assert!(first.flags.is_empty());
    let exact = s.record_utilisation(&w.foreign_de, id, use_of("7.5", "ATLAS-2")).await.unwrap();
    assert!(exact.flags.is_empty(), "20 of 20 is not over-use");
    let duplicate = s.record_utilisation(&w.foreign_de, id, use_of("1", "ATLAS-2")).await.unwrap_err();
    assert!(matches!(duplicate, ControlError::DuplicateUtilisation), "{duplicate:?}");
    let over = s.record_utilisation(&w.foreign_de, id, use_of("0.01", "ATLAS-3")).await.unwrap();
    assert_eq!(over.flags.len(), 1);
    assert_eq!(over.flags[0].kind, FlagKind::OverUse);
    assert!(over.flags[0].details.contains("20.01 PCE used, 20 PCE certified"), "{}", over.flags[0].details);
    let more = s.record_utilisation(&w.foreign_de, id, use_of("1", "ATLAS-4")).await.unwrap();
    assert!(more.flags.is_empty(), "one open over-use flag per item");

    // Another country's authority does not see the certificate, unless it holds the security code.
    let hidden = s.record_utilisation(&w.foreign_fr, id, use_of("1", "DELTA-1")).await.unwrap_err();
    assert!(matches!(hidden, ControlError::NotFound), "{hidden:?}");
    let wrong = NewUse { security_code: Some("WRONGCODE1".into()), ..use_of("1", "DELTA-1") };
    assert!(matches!(s.record_utilisation(&w.foreign_fr, id, wrong).await, Err(ControlError::NotFound)));
    assert!(matches!(s.utilisation(&w.foreign_fr, id).await, Err(ControlError::NotFound)));
    let with_code = NewUse { security_code: issued.security_code.clone(), ..use_of("1", "DELTA-1") };
    let second_country = s.record_utilisation(&w.foreign_fr, id, with_code).await.unwrap();
    assert_eq!(second_country.flags.len(), 1);
    assert_eq!(second_country.flags[0].kind, FlagKind::DoubleCountryUse);
    assert!(second_country.flags[0].details.contains("used in DE, FR"), "{}", second_country.flags[0].details);

    // The importing authority sees its own uses; officers see all, with the flags.
    let de_view = s.utilisation(&w.foreign_de, id).await.unwrap();
    assert_eq!(de_view.uses.len(), 4);
    assert!(de_view.flags.is_empty());
    assert_eq!(de_view.items[0].used, dec("21.01"));
    assert_eq!(de_view.items[0].remaining, Some(dec("-1.01")));
    let officer_view = s.utilisation(&w.certifier, id).await.unwrap();
    assert_eq!((officer_view.uses.len(), officer_view.flags.len()), (5, 2));
    let flags = s.flags(&w.supervisor, true, None, 50).await.unwrap();
    assert_eq!(flags.len(), 2);
    let counts = s.exporter_flags(w.exporter.exporter_id().unwrap()).await.unwrap();
    assert_eq!(counts, FlagCounts { over_use: 1, double_country_use: 1, supplier_declaration_revoked: 0, open: 2 });

    // Customs reads flags but does not resolve them; a certifier resolves with a note.
    let error = s.resolve_flag(&w.customs, flags[0].id, "fine").await.unwrap_err();
    assert!(matches!(error, ControlError::Denied(Denied::Role { .. })), "{error:?}");
    let error = s.resolve_flag(&w.certifier, flags[0].id, "").await.unwrap_err();
    assert!(matches!(error, ControlError::ReasonsRequired { field: "resolution" }), "{error:?}");
    let resolved = s.resolve_flag(&w.certifier, flags[0].id, "split consignment, explained").await.unwrap();
    assert_eq!(resolved.resolved_by, Some(w.certifier.user_id));
    assert_eq!(s.flags(&w.customs, true, None, 50).await.unwrap().len(), 1);
    let counts = s.exporter_flags(w.exporter.exporter_id().unwrap()).await.unwrap();
    assert_eq!((counts.over_use, counts.open), (1, 1));

    // A revoked certificate is not used any more.
    s.revoke_certificate(&w.certifier, id, "fraud").await.unwrap();
    let error = s.record_utilisation(&w.foreign_de, id, use_of("1", "ATLAS-9")).await.unwrap_err();
    assert!(matches!(error, ControlError::InvalidState(_)), "{error:?}");
}

async fn a_revoked_supplier_declaration_flags_what_relied_on_it(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let declaration = s
        .add_supplier_declaration(
            &w.exporter,
            NewSupplierDeclaration {
                exporter_id: Uuid::nil(),
                supplier_name: "Samarkand Timber".into(),
                supplier_country: "UZ".into(),
                kind: DeclarationKind::LongTerm,
                goods_description: "Sawn wood".into(),
                hs_code: Some("440799".into()),
                originating: true,
                valid_from: None,
                valid_to: None,
                evidence_file_id: None,
            },
        )
        .await
        .unwrap();
    let relying = || {
        let mut draft = furniture();
        draft.items[0].materials[0].supplier_declaration_id = Some(declaration.id);
        draft
    };
    // An issued certificate, a draft, a submitted application and a refused one rely on it; one does not.
    let issued = issued_from(&w, relying()).await;
    let draft = s.create_application(&w.exporter, relying()).await.unwrap();
    let submitted = s.create_application(&w.exporter, relying()).await.unwrap();
    s.submit_application(&w.exporter, submitted.id).await.unwrap();
    let refused = s.create_application(&w.exporter, relying()).await.unwrap();
    s.submit_application(&w.exporter, refused.id).await.unwrap();
    let refusal = Examination::Refuse { reasons: "incomplete".into() };
    s.examine_application(&w.certifier, refused.id, refusal).await.unwrap();
    let unrelated = issued_from(&w, furniture()).await;

    let error = s.revoke_supplier_declaration(&w.customs, declaration.id, "wrong").await.unwrap_err();
    assert!(matches!(error, ControlError::Denied(Denied::Role { .. })), "{error:?}");
    let error = s.revoke_supplier_declaration(&w.certifier, declaration.id, "").await.unwrap_err();
    assert!(matches!(error, ControlError::ReasonsRequired { field: "reasons" }), "{error:?}");
    let revoked = s
        .revoke_supplier_declaration(&w.certifier, declaration.id, "the supplier imports its wood from Russia")
        .await
        .unwrap();
    assert!(revoked.declaration.revoked_at.is_some());
    let mut flagged_certificates: Vec<_> = revoked.flags.iter().filter_map(|f| f.certificate_id).collect();
    let mut flagged_applications: Vec<_> =
        revoked.flags.iter().filter(|f| f.certificate_id.is_none()).filter_map(|f| f.application_id).collect();
    flagged_certificates.sort();
    flagged_applications.sort();
    let mut pending = vec![draft.id, submitted.id];
    pending.sort();
    assert_eq!(flagged_certificates, vec![issued.certificate_id]);
    assert_eq!(flagged_applications, pending, "the refused application and the unrelated one are not flagged");
    assert!(revoked.flags.iter().all(|f| f.kind == FlagKind::SupplierDeclarationRevoked));
    assert!(revoked.flags.iter().all(|f| f.details.contains("Samarkand Timber")));
    assert!(!revoked.flags.iter().any(|f| f.certificate_id == Some(unrelated.certificate_id)));
    let again = s.revoke_supplier_declaration(&w.certifier, declaration.id, "again").await.unwrap_err();
    assert!(matches!(again, ControlError::InvalidState(_)), "{again:?}");

    let counts = s.exporter_flags(w.exporter.exporter_id().unwrap()).await.unwrap();
    assert_eq!((counts.supplier_declaration_revoked, counts.open), (3, 3));
    let view = s.application(&w.certifier, refused.id).await.unwrap();
    assert_eq!(view.application.state, ApplicationState::Refused);
    let listed = s.supplier_declarations(&w.certifier, None, 10).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].revoked_at.is_some());
}

conformance!(
    customs_proposes_and_only_the_certifying_body_decides,
    over_use_and_use_in_a_second_country_are_flagged,
    a_revoked_supplier_declaration_flags_what_relied_on_it,
);
