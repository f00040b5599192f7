//! Post-clearance control: control cases with yearly references, findings and documents; revocation proposals
//! whose acceptance revokes in the same transaction; utilisation records; flags raised once while open; revoked
//! supplier declarations and what relied on them.

use origo_store::applications::{self, ApplicationState};
use origo_store::bom::{self, NewMaterial};
use origo_store::certificates::{self, CertificateStatus};
use origo_store::control_cases::{self, CaseStatus, NewCase, NewDocument, SubjectKind};
use origo_store::exporters::{self, ExporterStatus};
use origo_store::flags::{self, FlagCounts, FlagKind, NewFlag};
use origo_store::goods::{self, NewGoodsItem};
use origo_store::proposals::{self, NewProposal, ProposalSource, ProposalStatus, ProposalTarget};
use origo_store::supplier_declarations::{self, DeclarationKind, NewSupplierDeclaration};
use origo_store::utilisation::{self, NewUtilisation};
use origo_store::{Actor, ConflictKind, Role, StoreError, audit, sequences};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::common::{T0, TestDb, conformance, system};
use crate::fixtures;

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn is_stale(error: &StoreError, name: &str) -> bool {
    matches!(error, StoreError::Conflict { kind: ConflictKind::Stale, constraint } if constraint == name)
}

async fn actions(db: &TestDb, entity_type: &str, id: Uuid) -> Vec<String> {
    let mut conn = db.store.conn().await.unwrap();
    let trail = audit::for_entity(&mut conn, entity_type, &id.to_string()).await.unwrap();
    trail.into_iter().map(|r| r.action).collect()
}

async fn cases_have_yearly_references_findings_and_documents(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let customs = fixtures::user(&db.store, "customs", Role::Customs, None).await;
    let actor = Actor::user(customs.id, Role::Customs, T0);
    let mut tx = db.store.begin().await.unwrap();
    let certificate = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    let on_certificate = NewCase {
        issuer_code: fixtures::ISSUER.into(),
        certificate_id: Some(certificate.id),
        exporter_id: exporter.id,
        grounds: "invoice values far below market".into(),
    };
    let first = control_cases::open(&mut tx, &actor, &on_certificate).await.unwrap();
    let on_exporter = NewCase { certificate_id: None, grounds: "export surge".into(), ..on_certificate.clone() };
    let second = control_cases::open(&mut tx, &actor, &on_exporter).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!((first.reference.as_str(), first.subject_kind), ("PCC-2026-000001", SubjectKind::Certificate));
    assert_eq!((second.reference.as_str(), second.subject_kind), ("PCC-2026-000002", SubjectKind::Exporter));
    assert_eq!((first.status, first.opened_by), (CaseStatus::Open, Some(customs.id)));
    // The certificate numbers' own sequence is not touched by the case references.
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(sequences::last(&mut conn, fixtures::ISSUER, 2026).await.unwrap(), 1);
    drop(conn);

    let pdf = NewDocument {
        file_name: "invoice.pdf".into(),
        media_type: "application/pdf".into(),
        bytes: b"%PDF-1".to_vec(),
    };
    let note = NewDocument { file_name: "note.txt".into(), media_type: "text/plain".into(), bytes: b"visit".to_vec() };
    let mut tx = db.store.begin().await.unwrap();
    let (finding, documents) =
        control_cases::add_finding(&mut tx, &actor, first.id, "warehouse holds no stock", &[pdf.clone(), note])
            .await
            .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[0].sha256, audit::sha256_hex(b"%PDF-1"));
    assert_eq!((documents[0].size_bytes, documents[0].finding_id), (6, finding.id));

    // The same document again on the case is refused, and nothing of that finding is kept.
    let mut tx = db.store.begin().await.unwrap();
    let error = control_cases::add_finding(&mut tx, &actor, first.id, "again", &[pdf]).await.unwrap_err();
    assert!(error.is_unique("control_documents_case_id_sha256_key"), "{error:?}");
    tx.rollback().await.unwrap();
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(control_cases::findings(&mut conn, first.id).await.unwrap(), vec![finding.clone()]);
    let (record, bytes) = control_cases::document_content(&mut conn, first.id, documents[1].id).await.unwrap();
    assert_eq!((record, bytes), (documents[1].clone(), b"visit".to_vec()));
    let other_case = control_cases::document_content(&mut conn, second.id, documents[1].id).await.unwrap_err();
    assert!(matches!(other_case, StoreError::NotFound { .. }), "a document is read through its own case only");
    drop(conn);

    let mut tx = db.store.begin().await.unwrap();
    let closed = control_cases::close(&mut tx, &actor, first.id, "no irregularity proven").await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!((closed.status, closed.conclusion.as_deref()), (CaseStatus::Closed, Some("no irregularity proven")));
    let mut tx = db.store.begin().await.unwrap();
    let error = control_cases::add_finding(&mut tx, &actor, first.id, "late", &[]).await.unwrap_err();
    assert!(is_stale(&error, "control_cases_status"), "{error:?}");
    drop(tx);
    let mut tx = db.store.begin().await.unwrap();
    let error = control_cases::close(&mut tx, &actor, first.id, "twice").await.unwrap_err();
    assert!(is_stale(&error, "control_cases_status"), "{error:?}");
    drop(tx);

    let mut conn = db.store.conn().await.unwrap();
    let open = control_cases::list(&mut conn, Some(CaseStatus::Open), None, 10).await.unwrap();
    assert_eq!(open.iter().map(|c| c.id).collect::<Vec<_>>(), vec![second.id]);
    drop(conn);
    assert_eq!(actions(&db, "control_case", first.id).await, ["control_case.opened", "control_case.closed"]);
    assert_eq!(actions(&db, "control_finding", finding.id).await, ["control_case.finding_recorded"]);
    assert_eq!(actions(&db, "control_document", documents[0].id).await, ["control_case.document_added"]);
    assert!(audit::verify(&db.store).await.unwrap().is_intact());
}

async fn accepting_a_proposal_revokes_its_target_in_the_same_transaction(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let customs = fixtures::user(&db.store, "customs", Role::Customs, None).await;
    let certifier = fixtures::user(&db.store, "certifier", Role::Certifier, None).await;
    let proposer = Actor::user(customs.id, Role::Customs, T0);
    let decider = Actor::user(certifier.id, Role::Certifier, T0);
    let mut tx = db.store.begin().await.unwrap();
    let certificate = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    let case = control_cases::open(
        &mut tx,
        &proposer,
        &NewCase {
            issuer_code: fixtures::ISSUER.into(),
            certificate_id: Some(certificate.id),
            exporter_id: exporter.id,
            grounds: "no production capacity".into(),
        },
    )
    .await
    .unwrap();
    let on_certificate = NewProposal {
        target: ProposalTarget::Certificate(certificate.id),
        source: ProposalSource::ControlCase(case.id),
        grounds: "goods not produced by the exporter".into(),
    };
    let proposal = proposals::create(&mut tx, &proposer, &on_certificate).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!((proposal.status, proposal.exporter_id), (ProposalStatus::Proposed, exporter.id));
    assert_eq!((proposal.proposed_by, proposal.proposed_by_role.as_str()), (Some(customs.id), "customs"));

    // One undecided proposal per target.
    let mut tx = db.store.begin().await.unwrap();
    let error = proposals::create(&mut tx, &proposer, &on_certificate).await.unwrap_err();
    assert!(error.is_unique("revocation_proposals_target_kind_target_id_key"), "{error:?}");
    drop(tx);
    let mut conn = db.store.conn().await.unwrap();
    let open = proposals::open_for(&mut conn, ProposalTarget::Certificate(certificate.id)).await.unwrap();
    assert_eq!(open.map(|p| p.id), Some(proposal.id));
    drop(conn);

    let mut tx = db.store.begin().await.unwrap();
    let accepted =
        proposals::accept(&mut tx, &decider, proposal.id, "findings confirmed", "revoked after control").await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!((accepted.status, accepted.decided_by), (ProposalStatus::Accepted, Some(certifier.id)));
    assert_eq!(accepted.decision_reasons.as_deref(), Some("findings confirmed"));
    let mut conn = db.store.conn().await.unwrap();
    let revoked = certificates::get(&mut conn, certificate.id).await.unwrap();
    assert_eq!(
        (revoked.status, revoked.status_reason.as_deref()),
        (CertificateStatus::Revoked, Some("revoked after control"))
    );
    drop(conn);
    let mut tx = db.store.begin().await.unwrap();
    let error = proposals::reject(&mut tx, &decider, proposal.id, "too late").await.unwrap_err();
    assert!(is_stale(&error, "revocation_proposals_status"), "decided once: {error:?}");
    drop(tx);

    // From a verification request (no row of that table needed), on the REX registration; a target that cannot be
    // revoked any more rolls the acceptance back whole.
    let mut tx = db.store.begin().await.unwrap();
    let request = Uuid::now_v7();
    let rex = NewProposal {
        target: ProposalTarget::RexRegistration(exporter.id),
        source: ProposalSource::VerificationRequest(request),
        grounds: "two verifications not confirmed".into(),
    };
    let on_rex = proposals::create(&mut tx, &Actor::system(T0), &rex).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!((on_rex.verification_request_id, on_rex.proposed_by), (Some(request), None));
    let mut tx = db.store.begin().await.unwrap();
    exporters::revoke(&mut tx, &system(), exporter.id, T0.date(), "ceased trading").await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.store.begin().await.unwrap();
    let error = proposals::accept(&mut tx, &decider, on_rex.id, "confirmed", "revoked").await.unwrap_err();
    assert!(is_stale(&error, "exporters_status"), "{error:?}");
    tx.rollback().await.unwrap();
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(proposals::get(&mut conn, on_rex.id).await.unwrap().status, ProposalStatus::Proposed);
    assert_eq!(exporters::get(&mut conn, exporter.id).await.unwrap().status, ExporterStatus::Revoked);
    let all = proposals::list(&mut conn, None, None, 10).await.unwrap();
    assert_eq!(all.iter().map(|p| p.id).collect::<Vec<_>>(), vec![proposal.id, on_rex.id]);
    assert_eq!(proposals::list_for_case(&mut conn, case.id).await.unwrap().len(), 1);
    drop(conn);
    let mut tx = db.store.begin().await.unwrap();
    let rejected = proposals::reject(&mut tx, &decider, on_rex.id, "revoked already").await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(rejected.status, ProposalStatus::Rejected);

    assert_eq!(
        actions(&db, "revocation_proposal", proposal.id).await,
        ["revocation_proposal.created", "revocation_proposal.accepted"]
    );
    assert!(actions(&db, "certificate", certificate.id).await.contains(&"certificate.revoked".to_owned()));
    assert!(audit::verify(&db.store).await.unwrap().is_intact());
}

async fn utilisations_sum_exactly_and_each_declaration_is_recorded_once(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let authority = fixtures::user(&db.store, "bafa", Role::ForeignAuthority, None).await;
    let actor = Actor::user(authority.id, Role::ForeignAuthority, T0);
    let mut tx = db.store.begin().await.unwrap();
    let certificate = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    tx.commit().await.unwrap();
    let use_of = |item_no, quantity: &str, reference: &str, country: &str| NewUtilisation {
        certificate_id: certificate.id,
        item_no,
        importing_country: country.into(),
        quantity: dec(quantity),
        declaration_ref: reference.into(),
    };
    let mut tx = db.store.begin().await.unwrap();
    utilisation::lock_certificate(&mut tx, certificate.id).await.unwrap();
    let first = utilisation::record(&mut tx, &actor, &use_of(1, "0.10", "DE-ATLAS-1", "DE")).await.unwrap();
    utilisation::record(&mut tx, &actor, &use_of(1, "0.20", "DE-ATLAS-2", "DE")).await.unwrap();
    utilisation::record(&mut tx, &actor, &use_of(2, "7", "DE-ATLAS-1", "DE")).await.unwrap();
    utilisation::record(&mut tx, &actor, &use_of(1, "1", "FR-DELTA-9", "FR")).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(first.quantity.to_string(), "0.1");

    let mut tx = db.store.begin().await.unwrap();
    let error = utilisation::record(&mut tx, &actor, &use_of(1, "5", "DE-ATLAS-2", "DE")).await.unwrap_err();
    assert!(error.is_unique("utilisations_certificate_id_item_no_declaration_ref_key"), "{error:?}");
    drop(tx);
    let mut tx = db.store.begin().await.unwrap();
    let error = utilisation::lock_certificate(&mut tx, Uuid::now_v7()).await.unwrap_err();
    assert!(matches!(error, StoreError::NotFound { .. }), "{error:?}");
    drop(tx);

    let mut conn = db.store.conn().await.unwrap();
    let uses = utilisation::list_for_certificate(&mut conn, certificate.id).await.unwrap();
    assert_eq!(uses.len(), 4);
    // 0.1 + 0.2 + 1 is exactly 1.3 (no binary floating point).
    assert_eq!(utilisation::used(&uses, 1), dec("1.3"));
    assert_eq!(utilisation::used(&uses, 2), dec("7"));
    assert_eq!(utilisation::countries(&uses).into_iter().collect::<Vec<_>>(), ["DE", "FR"]);
    drop(conn);
    assert_eq!(actions(&db, "utilisation", first.id).await, ["utilisation.recorded"]);
}

async fn a_flag_is_raised_once_while_open(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let certifier = fixtures::user(&db.store, "certifier", Role::Certifier, None).await;
    let mut tx = db.store.begin().await.unwrap();
    let certificate = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    tx.commit().await.unwrap();
    let over = NewFlag {
        kind: FlagKind::OverUse,
        dedupe_key: format!("over_use:{}:1", certificate.id),
        exporter_id: exporter.id,
        certificate_id: Some(certificate.id),
        application_id: None,
        supplier_declaration_id: None,
        details: "item 1: 25 PCE used, 20 PCE certified".into(),
    };
    let mut tx = db.store.begin().await.unwrap();
    let raised = flags::raise(&mut tx, &system(), &over).await.unwrap().expect("raised");
    assert_eq!(flags::raise(&mut tx, &system(), &over).await.unwrap(), None, "open already: not raised again");
    let double = NewFlag { kind: FlagKind::DoubleCountryUse, dedupe_key: "double".into(), ..over.clone() };
    flags::raise(&mut tx, &system(), &double).await.unwrap().expect("another key");
    tx.commit().await.unwrap();

    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(flags::list(&mut conn, true, None, 10).await.unwrap().len(), 2);
    let counts = flags::counts_for_exporter(&mut conn, exporter.id).await.unwrap();
    assert_eq!(counts, FlagCounts { over_use: 1, double_country_use: 1, supplier_declaration_revoked: 0, open: 2 });
    drop(conn);

    let actor = Actor::user(certifier.id, Role::Certifier, T0);
    let mut tx = db.store.begin().await.unwrap();
    let resolved = flags::resolve(&mut tx, &actor, raised.id, "exporter explained a split consignment").await.unwrap();
    let error = flags::resolve(&mut tx, &actor, raised.id, "twice").await.unwrap_err();
    assert!(is_stale(&error, "flags_status"), "{error:?}");
    tx.rollback().await.unwrap();
    assert_eq!(resolved.resolved_by, Some(certifier.id));
    let mut tx = db.store.begin().await.unwrap();
    flags::resolve(&mut tx, &actor, raised.id, "exporter explained a split consignment").await.unwrap();
    // Resolved: the same over-use, found again, is a new flag.
    let again = flags::raise(&mut tx, &system(), &over).await.unwrap().expect("raised again once resolved");
    tx.commit().await.unwrap();
    assert_ne!(again.id, raised.id);

    let mut conn = db.store.conn().await.unwrap();
    let open = flags::list(&mut conn, true, None, 10).await.unwrap();
    assert_eq!(open.len(), 2);
    assert_eq!(flags::list(&mut conn, false, None, 10).await.unwrap().len(), 3);
    assert_eq!(flags::list_for_certificate(&mut conn, certificate.id).await.unwrap().len(), 3);
    let counts = flags::counts_for_exporter(&mut conn, exporter.id).await.unwrap();
    assert_eq!((counts.over_use, counts.open), (2, 2), "resolved flags still count");
    drop(conn);
    assert_eq!(actions(&db, "flag", raised.id).await, ["flag.raised", "flag.resolved"]);
}

async fn a_revoked_supplier_declaration_names_what_relied_on_it(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let certifier = fixtures::user(&db.store, "certifier", Role::Certifier, None).await;
    let mut tx = db.store.begin().await.unwrap();
    let declaration = supplier_declarations::create(
        &mut tx,
        &system(),
        &NewSupplierDeclaration {
            exporter_id: exporter.id,
            supplier_name: "Fergana Yarn".into(),
            supplier_country: "UZ".into(),
            kind: DeclarationKind::LongTerm,
            goods_description: "Cotton yarn".into(),
            hs_code: Some("520512".into()),
            originating: true,
            valid_from: None,
            valid_to: None,
            evidence_file_id: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let relying = fixtures::application(&db.store, exporter.id).await;
    let unrelated = fixtures::application(&db.store, exporter.id).await;
    let mut tx = db.store.begin().await.unwrap();
    for (application, declared) in [(relying.id, Some(declaration.id)), (unrelated.id, None)] {
        let item = goods::add(
            &mut tx,
            &system(),
            &NewGoodsItem {
                application_id: application,
                line_no: 1,
                hs_code: "610910".into(),
                description: "T-shirts".into(),
                quantity: dec("100"),
                unit: "PCE".into(),
                gross_weight_kg: None,
                net_weight_kg: None,
                invoice_number: None,
                invoice_date: None,
                invoice_value: None,
                currency: None,
                ex_works_price: None,
                marks_and_packages: None,
                processes: None,
                wholly_obtained: None,
            },
        )
        .await
        .unwrap();
        for line_no in [1, 2] {
            let material = NewMaterial {
                goods_item_id: item.id,
                line_no,
                supplier_declaration_id: declared,
                ..NewMaterial::default()
            };
            bom::add(&mut tx, &system(), &material).await.unwrap();
        }
    }
    let mut new = fixtures::new_certificate(exporter.id, "UZ-2026-000001", 2026, 1);
    new.application_id = Some(relying.id);
    let certificate = certificates::issue(&mut tx, &system(), &new).await.unwrap();
    tx.commit().await.unwrap();

    let actor = Actor::user(certifier.id, Role::Certifier, T0);
    let mut tx = db.store.begin().await.unwrap();
    let revoked =
        supplier_declarations::revoke(&mut tx, &actor, declaration.id, "supplier buys Chinese yarn").await.unwrap();
    let error = supplier_declarations::revoke(&mut tx, &actor, declaration.id, "twice").await.unwrap_err();
    assert!(is_stale(&error, "supplier_declarations_revoked"), "{error:?}");
    tx.rollback().await.unwrap();
    assert_eq!((revoked.revoked_at, revoked.revoked_by), (Some(T0), Some(certifier.id)));
    let mut tx = db.store.begin().await.unwrap();
    supplier_declarations::revoke(&mut tx, &actor, declaration.id, "supplier buys Chinese yarn").await.unwrap();
    tx.commit().await.unwrap();

    let mut conn = db.store.conn().await.unwrap();
    let stored = supplier_declarations::get(&mut conn, declaration.id).await.unwrap();
    assert_eq!(stored.revocation_reasons.as_deref(), Some("supplier buys Chinese yarn"));
    let dependants = supplier_declarations::dependants(&mut conn, declaration.id).await.unwrap();
    assert_eq!(dependants.applications.len(), 1, "two materials of one application count once");
    assert_eq!(
        (dependants.applications[0].id, dependants.applications[0].state),
        (relying.id, ApplicationState::Draft)
    );
    assert_eq!(dependants.certificates.len(), 1);
    assert_eq!(
        (dependants.certificates[0].id, dependants.certificates[0].status),
        (certificate.id, CertificateStatus::Valid)
    );
    assert_eq!(supplier_declarations::list(&mut conn, None, 10).await.unwrap(), vec![stored]);
    assert!(applications::get(&mut conn, unrelated.id).await.is_ok());
    drop(conn);
    assert_eq!(
        actions(&db, "supplier_declaration", declaration.id).await,
        ["supplier_declaration.created", "supplier_declaration.revoked"]
    );
}

conformance!(
    cases_have_yearly_references_findings_and_documents,
    accepting_a_proposal_revokes_its_target_in_the_same_transaction,
    utilisations_sum_exactly_and_each_declaration_is_recorded_once,
    a_flag_is_raised_once_while_open,
    a_revoked_supplier_declaration_names_what_relied_on_it,
);
