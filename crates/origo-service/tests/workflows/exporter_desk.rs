//! What the exporter's pages need of the service: the public sign-up (an exporter without a company, signed in at
//! once), revising an application before the decision, its history, the certificates of an exporter, and the
//! buyer's copy of a certificate with fields hidden that still verifies.

use origo_service::buyer_copy::BuyerCopyError;
use origo_service::examination::Examination;
use origo_service::intake::IntakeError;
use origo_service::signup::SignUp;
use origo_service::users::UserError;
use origo_service::verification::CertificateError;
use origo_store::applications::ApplicationState;
use rust_decimal::Decimal;
use serde_json::json;

use crate::common::{TestDb, conformance};
use crate::world::{World, furniture, world};

async fn audit_seq(db: &TestDb) -> i64 {
    origo_store::audit::head(&mut db.store.conn().await.unwrap()).await.unwrap().seq
}

fn sign_up(username: &str, password: &str) -> SignUp {
    SignUp { username: username.into(), display_name: " Dilnoza Karimova ".into(), password: password.into() }
}

async fn anyone_signs_up_as_an_exporter_without_a_company(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let before = audit_seq(&db).await;
    for (request, field) in
        [(sign_up("new comer", "long enough"), "username"), (sign_up("newcomer", "short"), "password")]
    {
        match s.sign_up(request).await {
            Err(UserError::Invalid { field: named, .. }) => assert_eq!(named, field),
            other => panic!("expected {field} refused, got {other:?}"),
        }
    }
    assert!(matches!(s.sign_up(sign_up("exporter", "long enough")).await, Err(UserError::UsernameTaken)));
    assert_eq!(audit_seq(&db).await, before, "nothing written for a refused sign-up");
    let session = s.sign_up(sign_up("newcomer", "long enough")).await.unwrap();
    let caller = s.authenticate_session(&session.token).await.unwrap();
    assert_eq!((caller.role(), caller.exporter_id()), (origo_service::roles::Role::Exporter, None));
    assert_eq!(s.own_account(&caller).await.unwrap().display_name, "Dilnoza Karimova");
    assert!(audit_seq(&db).await > before, "the new account is audited");
    // Without a company it may apply for registration, and nothing else of an exporter's.
    assert!(s.create_application(&caller, furniture()).await.is_err());
    let applied = s.apply_for_registration(&caller, crate::world::exporter_data("305555777", false)).await.unwrap();
    let caller = s.authenticate_session(&session.token).await.unwrap();
    assert_eq!(caller.exporter_id(), Some(applied.id), "the session carries the company at once");
}

async fn a_draft_or_a_questioned_application_is_revised_whole(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let application = s.create_application(&w.exporter, furniture()).await.unwrap();
    let mut draft = furniture();
    draft.items[0].materials[0].description = Some("sawn oak".into());
    let copy = draft.items[0].materials[0].clone();
    draft.items[0].materials.push(copy);
    draft.items[0].materials[1].value = Some(Decimal::from(50));
    let mut second = draft.items[0].clone();
    second.description = "Wooden chairs".into();
    draft.items.push(second);
    // A bad field is named and nothing is written.
    let mut bad = draft.clone();
    bad.items[1].materials[1].origin_country = Some("XX".into());
    let before = audit_seq(&db).await;
    match s.revise_application(&w.exporter, application.id, bad.consignment.clone(), bad.items).await {
        Err(IntakeError::Invalid { field, .. }) => assert_eq!(field, "items[1].materials[1].origin_country"),
        other => panic!("expected a field error, got {other:?}"),
    }
    assert_eq!(audit_seq(&db).await, before);
    // Another exporter's is not found.
    let theirs =
        s.revise_application(&w.other_exporter, application.id, json!({"importing_country": "FR"}), vec![]).await;
    assert!(matches!(theirs, Err(IntakeError::NotFound)), "{theirs:?}");
    let consignment = json!({"importing_country": "FR"});
    let revised = s.revise_application(&w.exporter, application.id, consignment, draft.items).await.unwrap();
    assert_eq!(revised.consignment["importing_country"], "FR");
    let view = s.application(&w.exporter, application.id).await.unwrap();
    assert_eq!(view.items.len(), 2);
    assert_eq!(view.items[0].materials.len(), 2);
    assert_eq!(view.items[0].materials[0].description.as_deref(), Some("sawn oak"));
    assert_eq!(view.items[1].item.line_no, 2);
    // Submitted, it is the certifier's: revising waits for a request for information.
    s.submit_application(&w.exporter, application.id).await.unwrap();
    let late =
        s.revise_application(&w.exporter, application.id, json!({"importing_country": "DE"}), furniture().items).await;
    assert!(matches!(late, Err(IntakeError::NotEditable)), "{late:?}");
    let question = Examination::RequestInformation { reasons: "Which supplier?".into() };
    s.examine_application(&w.certifier, application.id, question).await.unwrap();
    s.revise_application(&w.exporter, application.id, json!({"importing_country": "DE"}), furniture().items)
        .await
        .unwrap();
    let submitted = s.submit_application(&w.exporter, application.id).await.unwrap();
    assert_eq!(submitted.state, ApplicationState::Submitted);
    let view = s.application(&w.exporter, application.id).await.unwrap();
    assert_eq!(view.items.len(), 1);
    assert!(view.items[0].determination.is_some(), "determined afresh on the second submission");
}

async fn an_application_history_names_each_change_and_the_reasons(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let application = s.create_application(&w.exporter, furniture()).await.unwrap();
    s.submit_application(&w.exporter, application.id).await.unwrap();
    s.flag_high_risk(&w.certifier, application.id, true).await.unwrap();
    let question = Examination::RequestInformation { reasons: "Which supplier?".into() };
    s.examine_application(&w.certifier, application.id, question).await.unwrap();
    let seen = s.application_history(&w.exporter, application.id).await.unwrap();
    let changes: Vec<&str> = seen.iter().map(|e| e.change.as_str()).collect();
    assert_eq!(changes, ["created", "submitted", "examiner_assigned", "information_requested"]);
    assert_eq!(seen[3].role, "certifier");
    assert_eq!(seen[3].reason.as_deref(), Some("Which supplier?"));
    let officer = s.application_history(&w.certifier, application.id).await.unwrap();
    assert!(officer.iter().any(|e| e.change == "risk_flagged"), "the certifying body sees its risk flag");
    let theirs = s.application_history(&w.other_exporter, application.id).await;
    assert!(matches!(theirs, Err(IntakeError::NotFound)), "{theirs:?}");
    assert!(s.application_history(&w.foreign_de, application.id).await.is_err());
}

/// A certificate issued for the exporter's furniture: (id, exporter id).
async fn issued(w: &World) -> (uuid::Uuid, uuid::Uuid) {
    let s = &w.service;
    let application = s.create_application(&w.exporter, furniture()).await.unwrap();
    s.submit_application(&w.exporter, application.id).await.unwrap();
    s.examine_application(&w.certifier, application.id, Examination::Approve).await.unwrap();
    let issued = s.issue_certificate(&w.certifier, application.id, None).await.unwrap();
    (issued.certificate_id, application.exporter_id)
}

async fn an_exporters_certificates_are_listed_for_it_and_the_certifying_body(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let (id, exporter) = issued(&w).await;
    let own = s.exporter_certificates(&w.exporter, exporter, None, 10).await.unwrap();
    assert_eq!(own.iter().map(|c| c.id).collect::<Vec<_>>(), [id]);
    assert_eq!(s.exporter_certificates(&w.certifier, exporter, None, 10).await.unwrap().len(), 1);
    for stranger in [&w.other_exporter, &w.foreign_de] {
        let refused = s.exporter_certificates(stranger, exporter, None, 10).await;
        assert!(matches!(refused, Err(CertificateError::NotFound)), "{refused:?}");
    }
    assert!(s.exporter_certificates(&w.admin, exporter, None, 10).await.is_err());
}

async fn a_buyers_copy_hides_the_chosen_fields_and_still_verifies(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let (id, _) = issued(&w).await;
    let keys = s.key_set().await.unwrap();
    let hide = vec!["items/*/value".to_owned(), "exporter/tin".to_owned()];
    let copy = s.buyer_copy(&w.exporter, id, &hide).await.unwrap();
    let shown = copy.verify(&keys).expect("the copy verifies against the published keys");
    assert!(shown.document["items"][0].get("value").is_none());
    assert!(shown.document["exporter"].get("tin").is_none());
    assert_eq!(shown.document["exporter"]["name"], "Furniture 301234567 LLC");
    assert_eq!(shown.document["items"][0]["invoice"]["number"], "INV-7", "what was not chosen stays");
    let key = |l: &origo_documents::disclosure::Leaf| serde_json::to_string(&l.path).unwrap();
    let paths: Vec<String> = copy.leaves.iter().map(key).collect();
    assert!(!paths.iter().any(|p| p == r#"["exporter","tin"]"# || p.starts_with(r#"["items",0,"value""#)), "{paths:?}");
    assert_eq!(copy.obfuscated.len(), 3, "the TIN, and the value's amount and currency");
    // The full copy verifies too, and each copy has fresh salts.
    let full = s.buyer_copy(&w.exporter, id, &[]).await.unwrap();
    assert!(full.verify(&keys).is_ok() && full.obfuscated.is_empty());
    assert_ne!(full.signature.target_hash, copy.signature.target_hash);
    let bad = s.buyer_copy(&w.exporter, id, &["items//value".to_owned()]).await;
    assert!(matches!(bad, Err(BuyerCopyError::Invalid { .. })), "{bad:?}");
    let theirs = s.buyer_copy(&w.other_exporter, id, &[]).await;
    assert!(matches!(theirs, Err(BuyerCopyError::Certificate(CertificateError::NotFound))), "{theirs:?}");
}

conformance!(
    anyone_signs_up_as_an_exporter_without_a_company,
    a_draft_or_a_questioned_application_is_revised_whole,
    an_application_history_names_each_change_and_the_reasons,
    an_exporters_certificates_are_listed_for_it_and_the_certifying_body,
    a_buyers_copy_hides_the_chosen_fields_and_still_verifies,
);
