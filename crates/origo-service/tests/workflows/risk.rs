//! Risk-based examination end to end: the findings and route of a submission from what the store knows, the
//! inspection route's second signature, a "not confirmed" verification and a revoked supplier declaration raising
//! the exporter's risk, reproducible random selection and reassessment on resubmission, and the exporter kept
//! from its own assessment.

use origo_service::application::State;
use origo_service::auth::NewUser;
use origo_service::cooperation::reply::ReplyRequest;
use origo_service::cooperation::requests::{FileRequest, UploadedDocument};
use origo_service::examination::{Examination, state_of};
use origo_service::intake::{ApplicationDraft, IntakeError, ItemDraft, MaterialDraft};
use origo_service::policy::Denied;
use origo_service::registry::RegistrationDecision;
use origo_service::risk::RiskSettings;
use origo_service::roles::Role;
use origo_service::{Caller, Config};
use origo_store::applications::ProofKind;
use origo_store::cooperation::{ReasonKind, ReplyOutcome};
use origo_store::exporters::Activity;
use origo_store::risk_assessments::{RiskAssessment, RiskRoute};
use origo_store::supplier_declarations::{DeclarationKind, NewSupplierDeclaration};
use rust_decimal::Decimal;
use serde_json::json;
use time::macros::date;
use uuid::Uuid;

use crate::common::{TestDb, conformance, system};
use crate::world::{PASSWORD, World, exporter_data, furniture, world_with};

/// Nothing selected at random, so that routes follow the findings alone.
const NO_RANDOM: &str = r#"{"random_selection": {"share": 0}}"#;

async fn risk_world(db: &TestDb, risk: &str) -> World {
    let config = Config { risk: RiskSettings::from_json(risk).unwrap(), ..Config::default() };
    world_with(db.store.clone(), config).await
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// A trading company registered on 2026-04-01, a month before the tests' day (2026-05-01).
async fn new_trader(w: &World, name: &str, tin: &str) -> Caller {
    let s = &w.service;
    let new = NewUser {
        username: name.into(),
        display_name: name.into(),
        role: Role::Exporter,
        password: PASSWORD.into(),
        exporter_id: None,
        country: None,
    };
    s.create_user_as(&system(), new).await.unwrap();
    let applicant = s.login(name, PASSWORD).await.unwrap().caller;
    let data = origo_store::exporters::ExporterData {
        name: format!("Silk Road Trading {tin}"),
        activity: Activity::Trading,
        goods_description: "Garments and bicycles".into(),
        ..exporter_data(tin, true)
    };
    let applied = s.apply_for_registration(&applicant, data).await.unwrap();
    let decision = RegistrationDecision::Register { valid_from: date!(2026 - 04 - 01), reasons: "complete".into() };
    s.decide_registration(&w.certifier, applied.id, decision).await.unwrap();
    s.login(name, PASSWORD).await.unwrap().caller
}

fn item(hs: &str, description: &str, price: &str, materials: Vec<MaterialDraft>, processes: &[&str]) -> ItemDraft {
    ItemDraft {
        hs_code: hs.into(),
        description: description.into(),
        quantity: d("1000"),
        unit: "PCE".into(),
        net_weight_kg: Some(d("300")),
        invoice_value: Some(d(price)),
        currency: Some("USD".into()),
        ex_works_price: Some(d(price)),
        processes: Some(processes.iter().map(|p| (*p).to_owned()).collect()),
        materials,
        ..ItemDraft::default()
    }
}

fn material(hs: &str, description: &str, origin: &str, value: &str) -> MaterialDraft {
    MaterialDraft {
        hs_code: Some(hs.into()),
        description: Some(description.into()),
        origin_country: Some(origin.into()),
        originating: (origin == "UZ").then_some(true),
        value: Some(d(value)),
        ..MaterialDraft::default()
    }
}

/// Cotton T-shirts knitted in Uzbekistan from Uzbek yarn, to Germany with a statement on origin (EU GSP+).
fn textiles_to_the_eu() -> ApplicationDraft {
    ApplicationDraft {
        kind: ProofKind::StatementOnOrigin,
        consignment: json!({"importing_country": "DE"}),
        items: vec![item(
            "610910",
            "T-shirts of cotton, knitted",
            "10000.00",
            vec![material("520512", "Cotton yarn", "UZ", "4000.00")],
            &["knitting", "making_up"],
        )],
    }
}

/// Bicycles assembled from Chinese frames and aluminium foil: originating with 48% of non-originating materials
/// against the 50% ceiling, and the foil is under an anti-dumping measure.
fn bicycles_to_the_eu() -> ApplicationDraft {
    ApplicationDraft {
        kind: ProofKind::StatementOnOrigin,
        consignment: json!({"importing_country": "DE"}),
        items: vec![item(
            "871200",
            "Bicycles",
            "10000.00",
            vec![material("871491", "Frames", "CN", "4000.00"), material("760711", "Aluminium foil", "CN", "800.00")],
            &["assembly", "painting"],
        )],
    }
}

async fn submitted(w: &World, exporter: &Caller, draft: ApplicationDraft) -> Uuid {
    let application = w.service.create_application(exporter, draft).await.unwrap();
    w.service.submit_application(exporter, application.id).await.unwrap();
    application.id
}

async fn latest(w: &World, id: Uuid) -> RiskAssessment {
    w.service.risk_report(&w.certifier, id).await.unwrap().expect("assessed at submission").latest
}

/// The indicators that count (a note with 0 points, such as a value without an exchange rate, does not).
fn indicators(assessment: &RiskAssessment) -> Vec<&str> {
    assessment.findings.iter().filter(|f| f.points > Decimal::ZERO).map(|f| f.indicator.as_str()).collect()
}

async fn a_new_trader_of_textiles_to_the_eu_is_sent_to_a_documentary_check(db: TestDb) {
    let w = risk_world(&db, NO_RANDOM).await;
    let trader = new_trader(&w, "silkroad", "302000001").await;
    let id = submitted(&w, &trader, textiles_to_the_eu()).await;
    let assessment = latest(&w, id).await;
    assert_eq!(indicators(&assessment), ["new_exporter", "trader", "preference_margin"]);
    let reasons: Vec<&str> = assessment.findings.iter().map(|f| f.reason.as_str()).collect();
    assert_eq!(
        reasons[0],
        "This is the first export on record of exporter Silk Road Trading 302000001; exporter Silk Road Trading \
         302000001 registered 2026-04-01, 30 days before this export (less than 180 days)"
    );
    assert!(reasons[1].starts_with("Exporter Silk Road Trading 302000001 is a trader"), "{}", reasons[1]);
    assert!(reasons[2].contains("610910") && reasons[2].contains("eu-gsp"), "{}", reasons[2]);
    // 1 - 0.8 * 0.8 * 0.85 = 0.456
    assert_eq!(assessment.score, d("0.46"));
    assert_eq!((assessment.route, assessment.randomly_selected), (RiskRoute::DocumentaryCheck, false));
    assert_eq!(assessment.config_fingerprint, w.service.config().risk.fingerprint());
    let application = w.service.application(&w.certifier, id).await.unwrap();
    assert!(!application.application.high_risk, "a documentary check needs no second signature");
    assert_eq!(application.risk.as_ref().map(|r| r.id), Some(assessment.id));

    // Audited in the submission's transaction, as the system's doing.
    let trail = w.service.dossier(&w.certifier, id).await.unwrap().history;
    let record = trail.iter().find(|r| r.action == "risk_assessment.recorded").expect("audited");
    assert_eq!(
        (record.actor_role.as_str(), record.reason.as_deref()),
        ("system", Some("risk score 0.46 -> documentary_check"))
    );
}

async fn an_inspection_route_flags_the_application_and_needs_a_second_signature(db: TestDb) {
    let w = risk_world(&db, NO_RANDOM).await;
    let trader = new_trader(&w, "bikes", "302000002").await;
    let id = submitted(&w, &trader, bicycles_to_the_eu()).await;
    let assessment = latest(&w, id).await;
    assert_eq!(indicators(&assessment), ["new_exporter", "trader", "origin_near_limit", "trade_defence"]);
    assert_eq!(
        assessment.findings[2].reason,
        "Non-originating materials are 48% of the price, 2 points below the MaxNOM ceiling of 50% (within 5 points)"
    );
    assert!(assessment.findings[3].reason.contains("760711") && assessment.findings[3].reason.contains("CN"));
    // 1 - 0.8 * 0.8 * 0.8 * 0.75 = 0.616
    assert_eq!((assessment.score, assessment.route), (d("0.62"), RiskRoute::Inspection));

    let s = &w.service;
    let application = s.application(&w.certifier, id).await.unwrap().application;
    assert!(application.high_risk);
    let approved = s.examine_application(&w.certifier, id, Examination::Approve).await.unwrap();
    assert_eq!(state_of(&approved), State::AwaitingSecondSignature);
    assert!(s.second_sign(&w.certifier, id).await.is_err(), "the examiner cannot countersign");
    let signed = s.second_sign(&w.supervisor, id).await.unwrap();
    assert_eq!(state_of(&signed), State::Approved);
}

async fn a_low_score_allows_approval_without_a_documentary_check(db: TestDb) {
    // New exporters not scored: the furniture producer has no finding.
    let w = risk_world(&db, r#"{"random_selection": {"share": 0}, "new_exporter": {"weight": 0}}"#).await;
    let id = submitted(&w, &w.exporter, furniture()).await;
    let assessment = latest(&w, id).await;
    assert_eq!((assessment.score, assessment.route), (d("0.00"), RiskRoute::AutomaticApproval));
    assert!(indicators(&assessment).is_empty(), "{:?}", assessment.findings);
    // Allowed, not done: the application waits for the certifier, who approves in one step.
    let s = &w.service;
    assert_eq!(state_of(&s.application(&w.certifier, id).await.unwrap().application), State::Submitted);
    let approved = s.examine_application(&w.certifier, id, Examination::Approve).await.unwrap();
    assert_eq!(state_of(&approved), State::Approved);
}

async fn a_not_confirmed_verification_raises_the_exporters_risk(db: TestDb) {
    let w = risk_world(&db, NO_RANDOM).await;
    let s = &w.service;
    let first = submitted(&w, &w.exporter, furniture()).await;
    let before = latest(&w, first).await;
    assert_eq!(indicators(&before), ["new_exporter"]);
    s.examine_application(&w.certifier, first, Examination::Approve).await.unwrap();
    let issued = s.issue_certificate(&w.certifier, first, None).await.unwrap();
    let request = FileRequest {
        certificate_number: Some(issued.number.clone()),
        statement_hash: None,
        reason_kind: ReasonKind::OriginatingStatus,
        reasons: "The importer's records show the furniture was bought ready-made.".into(),
        documents: vec![UploadedDocument {
            file_name: "declaration.pdf".into(),
            media_type: "application/pdf".into(),
            bytes: b"%PDF-1.7 declaration".to_vec(),
        }],
    };
    let filed = s.file_verification_request(&w.foreign_de, request).await.unwrap();
    let reply =
        ReplyRequest { outcome: ReplyOutcome::NotConfirmed, findings: "No workshop at the exporter's address.".into() };
    s.answer_verification_request(&w.certifier, filed.view.request.id, reply).await.unwrap();

    let second = submitted(&w, &w.exporter, furniture()).await;
    let after = latest(&w, second).await;
    assert_eq!(indicators(&after), ["new_exporter", "verification_record"]);
    assert_eq!(after.findings[1].reason, "Exporter Furniture 301234567 LLC failed 1 earlier verification");
    assert!(after.findings[0].reason.contains("has 1 earlier export on record"), "{}", after.findings[0].reason);
    // 0.20 before; 1 - 0.8 * 0.7 = 0.44 after.
    assert_eq!((before.score, after.score), (d("0.20"), d("0.44")));
    assert_eq!((before.route, after.route), (RiskRoute::AutomaticApproval, RiskRoute::DocumentaryCheck));
}

async fn a_revoked_supplier_declaration_relied_on_raises_the_risk(db: TestDb) {
    let w = risk_world(&db, NO_RANDOM).await;
    let s = &w.service;
    let declaration = NewSupplierDeclaration {
        exporter_id: Uuid::nil(),
        supplier_name: "Fergana Timber LLC".into(),
        supplier_country: "UZ".into(),
        kind: DeclarationKind::LongTerm,
        goods_description: "sawn wood".into(),
        hs_code: Some("440799".into()),
        originating: true,
        valid_from: Some(date!(2026 - 01 - 01)),
        valid_to: Some(date!(2026 - 05 - 20)),
        evidence_file_id: None,
    };
    let declaration = s.add_supplier_declaration(&w.exporter, declaration).await.unwrap();
    let mut draft = furniture();
    draft.items[0].materials[0].supplier_declaration_id = Some(declaration.id);
    let application = s.create_application(&w.exporter, draft).await.unwrap();
    s.revoke_supplier_declaration(&w.certifier, declaration.id, "The supplier's sawmill buys Chinese timber.")
        .await
        .unwrap();
    s.submit_application(&w.exporter, application.id).await.unwrap();
    let assessment = latest(&w, application.id).await;
    assert_eq!(indicators(&assessment), ["new_exporter", "supplier_declarations", "control_flags"]);
    assert_eq!(
        assessment.findings[1].reason,
        "Supplier declaration of Fergana Timber LLC for sawn wood expires on 2026-05-20, 19 days after this export \
         (within 30 days)"
    );
    assert_eq!(
        assessment.findings[2].reason,
        "Post-clearance control flagged exporter Furniture 301234567 LLC: 1 revoked supplier declaration relied on"
    );
}

async fn random_selection_is_reproducible_and_resubmission_reassesses(db: TestDb) {
    let risk = r#"{"random_selection": {"share": 0.5, "seed": 20260501}, "new_exporter": {"weight": 0}}"#;
    let w = risk_world(&db, risk).await;
    let s = &w.service;
    let config = w.service.config().risk.config().clone();
    // Ids are fresh each run, so which are selected differs between runs; that the draw is the configured one,
    // and the same on resubmission, does not.
    for _ in 0..8 {
        let id = submitted(&w, &w.exporter, furniture()).await;
        let first = latest(&w, id).await;
        let expected = origo_risk::routing::randomly_selected(&id.to_string(), &config.random_selection);
        assert_eq!(first.randomly_selected, expected, "the draw is the seed's and the application's");
        let route = if expected { RiskRoute::DocumentaryCheck } else { RiskRoute::AutomaticApproval };
        assert_eq!((first.score, first.route), (d("0.00"), route), "a selection is checked whatever its score");

        let ask = Examination::RequestInformation { reasons: "Please attach the invoice.".into() };
        s.examine_application(&w.certifier, id, ask).await.unwrap();
        s.submit_application(&w.exporter, id).await.unwrap();
        let report = s.risk_report(&w.certifier, id).await.unwrap().unwrap();
        assert_eq!(report.earlier, vec![RiskAssessment { latest: false, ..first.clone() }]);
        assert_ne!(report.latest.id, first.id);
        assert_eq!(report.latest.randomly_selected, expected, "the same application is drawn again the same way");
    }
}

async fn at_a_share_of_one_every_application_is_selected_and_checked(db: TestDb) {
    let w = risk_world(&db, r#"{"random_selection": {"share": 1, "seed": 1}, "new_exporter": {"weight": 0}}"#).await;
    let id = submitted(&w, &w.exporter, furniture()).await;
    let assessment = latest(&w, id).await;
    assert_eq!((assessment.score, assessment.randomly_selected), (d("0.00"), true));
    assert_eq!(assessment.route, RiskRoute::DocumentaryCheck);
}

async fn the_exporter_cannot_read_its_risk(db: TestDb) {
    let w = risk_world(&db, NO_RANDOM).await;
    let s = &w.service;
    let id = submitted(&w, &w.exporter, furniture()).await;
    let denied = s.risk_report(&w.exporter, id).await.unwrap_err();
    assert!(matches!(denied, IntakeError::Denied(Denied::Role { .. })), "{denied:?}");
    assert_eq!(s.application(&w.exporter, id).await.unwrap().risk, None);
    let followed = s.application_history(&w.exporter, id).await.unwrap();
    assert!(followed.iter().all(|e| !e.change.contains("risk")), "{followed:?}");
    let examined = s.application_history(&w.certifier, id).await.unwrap();
    assert!(examined.iter().any(|e| e.change == "risk_assessment.recorded"));
    for reader in [&w.certifier, &w.supervisor, &w.customs, &w.auditor] {
        assert!(s.risk_report(reader, id).await.unwrap().is_some());
        assert!(s.application(reader, id).await.unwrap().risk.is_some());
    }
    assert!(s.risk_report(&w.foreign_de, id).await.is_err());
    // A draft was never assessed.
    let draft = s.create_application(&w.exporter, furniture()).await.unwrap();
    assert_eq!(s.risk_report(&w.certifier, draft.id).await.unwrap(), None);
}

conformance!(
    a_new_trader_of_textiles_to_the_eu_is_sent_to_a_documentary_check,
    an_inspection_route_flags_the_application_and_needs_a_second_signature,
    a_low_score_allows_approval_without_a_documentary_check,
    a_not_confirmed_verification_raises_the_exporters_risk,
    a_revoked_supplier_declaration_relied_on_raises_the_risk,
    random_selection_is_reproducible_and_resubmission_reassesses,
    at_a_share_of_one_every_application_is_selected_and_checked,
    the_exporter_cannot_read_its_risk,
);
