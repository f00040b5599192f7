//! Applications, their state machine and four-eyes rule, goods items, bills of materials, evidence files,
//! supplier declarations and determinations.

use origo_store::applications::{self, ApplicationState as S};
use origo_store::bom::{self, NewMaterial};
use origo_store::determinations::{self, NewDetermination, Outcome};
use origo_store::evidence::{self, EvidenceContent, NewEvidence};
use origo_store::goods::{self, NewGoodsItem};
use origo_store::supplier_declarations::{self, DeclarationKind, NewSupplierDeclaration};
use origo_store::{Actor, ConflictKind, Role, StoreError, audit};
use rust_decimal::Decimal;
use serde_json::json;
use time::macros::date;

use crate::common::{T0, TestDb, conformance, system};
use crate::fixtures;

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

async fn an_application_goes_through_its_states(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let examiner = fixtures::user(&db.store, "examiner", Role::Certifier, None).await;
    let supervisor = fixtures::user(&db.store, "supervisor", Role::Supervisor, None).await;
    let draft = fixtures::application(&db.store, exporter.id).await;
    assert_eq!((draft.state, draft.version), (S::Draft, 1));
    assert_eq!(draft.consignment["value"].to_string(), "1234.50", "JSON numbers keep their text");

    let officer = Actor::user(examiner.id, Role::Certifier, T0);
    let mut tx = db.store.begin().await.unwrap();
    let consignment = json!({"consignee": "Lyon Mode SARL", "importing_country": "FR"});
    applications::update_consignment(&mut tx, &system(), draft.id, &consignment).await.unwrap();
    let submitted = applications::transition(&mut tx, &system(), draft.id, S::Draft, S::Submitted, None).await.unwrap();
    assert_eq!(submitted.submitted_at, Some(T0));
    let asked =
        applications::transition(&mut tx, &officer, draft.id, S::Submitted, S::InformationRequested, Some("BOM?"))
            .await;
    assert_eq!(asked.unwrap().decision_reason.as_deref(), Some("BOM?"));
    applications::transition(&mut tx, &system(), draft.id, S::InformationRequested, S::Submitted, None).await.unwrap();
    applications::set_examiner(&mut tx, &officer, draft.id, examiner.id).await.unwrap();
    applications::set_high_risk(&mut tx, &officer, draft.id, true).await.unwrap();
    let approved = applications::transition(&mut tx, &officer, draft.id, S::Submitted, S::Approved, Some("ok")).await;
    assert_eq!(approved.unwrap().decided_at, Some(T0));
    let signer = Actor::user(supervisor.id, Role::Supervisor, T0);
    let signed = applications::set_second_signer(&mut tx, &signer, draft.id, supervisor.id).await.unwrap();
    let issued = applications::transition(&mut tx, &officer, draft.id, S::Approved, S::Issued, None).await.unwrap();
    tx.commit().await.unwrap();

    assert!(signed.high_risk);
    assert_eq!((signed.examiner_id, signed.second_signer_id), (Some(examiner.id), Some(supervisor.id)));
    assert_eq!((issued.state, issued.version), (S::Issued, 10));
    assert_eq!(issued.consignment, consignment);

    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(applications::get(&mut conn, draft.id).await.unwrap(), issued);
    assert_eq!(applications::list_for_exporter(&mut conn, exporter.id, None, 10).await.unwrap(), vec![issued.clone()]);
    assert_eq!(applications::list_in_state(&mut conn, S::Issued, None, 10).await.unwrap().len(), 1);
    assert!(applications::list_in_state(&mut conn, S::Draft, None, 10).await.unwrap().is_empty());
    let trail = audit::for_entity(&mut conn, "application", &draft.id.to_string()).await.unwrap();
    assert_eq!(trail.len(), 10);
    assert_eq!(trail.last().unwrap().action, "application.issued");
    assert_eq!(trail.last().unwrap().actor_id, Some(examiner.id.to_string()));
    assert_eq!(trail.last().unwrap().actor_role, "certifier");
}

async fn the_state_machine_refuses_skips_and_stale_moves(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let draft = fixtures::application(&db.store, exporter.id).await;
    let mut tx = db.store.begin().await.unwrap();
    let skip = applications::transition(&mut tx, &system(), draft.id, S::Draft, S::Issued, None).await.unwrap_err();
    let transition = "applications_transition".to_owned();
    assert_eq!(skip, StoreError::Conflict { kind: ConflictKind::Check, constraint: transition });
    // Two officers decide at once: the second one's `from` is no longer true.
    let stale = applications::transition(&mut tx, &system(), draft.id, S::Submitted, S::Approved, None).await;
    let state = "applications_state".to_owned();
    assert_eq!(stale.unwrap_err(), StoreError::Conflict { kind: ConflictKind::Stale, constraint: state });
    applications::transition(&mut tx, &system(), draft.id, S::Draft, S::Submitted, None).await.unwrap();
    let frozen = applications::update_consignment(&mut tx, &system(), draft.id, &json!({})).await.unwrap_err();
    assert!(matches!(frozen, StoreError::Conflict { kind: ConflictKind::Stale, .. }), "submitted data is frozen");
}

async fn the_examiner_cannot_give_the_second_signature(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let officer = fixtures::user(&db.store, "officer", Role::Supervisor, None).await;
    let application = fixtures::application(&db.store, exporter.id).await;
    let mut tx = db.store.begin().await.unwrap();
    applications::set_examiner(&mut tx, &system(), application.id, officer.id).await.unwrap();
    let error = applications::set_second_signer(&mut tx, &system(), application.id, officer.id).await.unwrap_err();
    let four_eyes = "applications_four_eyes_check".to_owned();
    assert_eq!(error, StoreError::Conflict { kind: ConflictKind::Check, constraint: four_eyes });
}

async fn an_application_for_an_unknown_exporter_is_a_foreign_key_conflict(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let mut tx = db.store.begin().await.unwrap();
    let new = applications::NewApplication {
        exporter_id: uuid::Uuid::now_v7(),
        issuer_code: fixtures::ISSUER.into(),
        kind: applications::ProofKind::Ct1,
        consignment: json!({}),
    };
    let error = applications::create(&mut tx, &system(), &new).await.unwrap_err();
    let StoreError::Conflict { kind: ConflictKind::ForeignKey, constraint } = error else { panic!("{error:?}") };
    // PostgreSQL names the key; SQLite does not say which one.
    assert!(["applications_exporter_id_fkey", "foreign_key"].contains(&constraint.as_str()), "{constraint}");
}

async fn goods_items_and_their_bills_of_materials(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let application = fixtures::application(&db.store, exporter.id).await;
    let mut tx = db.store.begin().await.unwrap();
    let new_item = NewGoodsItem {
        application_id: application.id,
        line_no: 1,
        hs_code: "610910".into(),
        description: "T-shirts, cotton".into(),
        quantity: dec("1200"),
        unit: "pcs".into(),
        gross_weight_kg: Some(dec("250.5")),
        net_weight_kg: Some(dec("240.25")),
        invoice_number: Some("INV-7".into()),
        invoice_date: Some(date!(2026 - 04 - 20)),
        invoice_value: Some(dec("15000.00")),
        currency: Some("EUR".into()),
        ex_works_price: Some(dec("14000.10")),
        marks_and_packages: Some("40 cartons".into()),
        processes: Some(vec!["knitting".into(), "sewing".into()]),
        wholly_obtained: Some(false),
    };
    let item = goods::add(&mut tx, &system(), &new_item).await.unwrap();
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
            valid_from: Some(date!(2026 - 01 - 01)),
            valid_to: Some(date!(2026 - 12 - 31)),
            evidence_file_id: None,
        },
    )
    .await
    .unwrap();
    let yarn = NewMaterial {
        goods_item_id: item.id,
        line_no: 1,
        description: Some("cotton yarn".into()),
        hs_code: Some("520512".into()),
        origin_country: Some("UZ".into()),
        originating: Some(true),
        value: Some(dec("6000.0001")),
        supplier_declaration_id: Some(declaration.id),
        ..NewMaterial::default()
    };
    let buttons = NewMaterial {
        goods_item_id: item.id,
        line_no: 2,
        hs_code: Some("960621".into()),
        origin_country: Some("CN".into()),
        value: Some(dec("300")),
        ..NewMaterial::default()
    };
    let yarn = bom::add(&mut tx, &system(), &yarn).await.unwrap();
    let buttons = bom::add(&mut tx, &system(), &buttons).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.store.begin().await.unwrap();
    let duplicate = goods::add(&mut tx, &system(), &new_item).await.unwrap_err();
    assert!(duplicate.is_unique("goods_items_application_id_line_no_key"), "{duplicate:?}");
    drop(tx);

    assert_eq!(item.quantity.to_string(), "1200");
    assert_eq!(item.invoice_value.unwrap().to_string(), "15000.00", "decimals keep their scale");
    assert_eq!(yarn.value.unwrap().to_string(), "6000.0001");
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(goods::list(&mut conn, application.id).await.unwrap(), vec![item.clone()]);
    assert_eq!(bom::list(&mut conn, item.id).await.unwrap(), vec![yarn.clone(), buttons.clone()]);
    assert_eq!(supplier_declarations::get(&mut conn, declaration.id).await.unwrap(), declaration);
    assert_eq!(supplier_declarations::list_for_exporter(&mut conn, exporter.id).await.unwrap().len(), 1);
    drop(conn);

    let mut tx = db.store.begin().await.unwrap();
    bom::remove(&mut tx, &system(), buttons.id).await.unwrap();
    goods::remove(&mut tx, &system(), item.id).await.unwrap();
    tx.commit().await.unwrap();
    let mut conn = db.store.conn().await.unwrap();
    assert!(goods::list(&mut conn, application.id).await.unwrap().is_empty());
    assert!(bom::list(&mut conn, item.id).await.unwrap().is_empty(), "materials go with their item");
}

async fn evidence_files_keep_bytes_or_a_path_with_their_hash(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let application = fixtures::application(&db.store, exporter.id).await;
    let pdf = b"%PDF-1.7 invoice".to_vec();
    let mut tx = db.store.begin().await.unwrap();
    let inline = NewEvidence {
        application_id: application.id,
        file_name: "invoice.pdf".into(),
        media_type: "application/pdf".into(),
        content: EvidenceContent::Bytes(pdf.clone()),
    };
    let stored = evidence::add(&mut tx, &system(), &inline).await.unwrap();
    let outside = NewEvidence {
        application_id: application.id,
        file_name: "photo.jpg".into(),
        media_type: "image/jpeg".into(),
        content: EvidenceContent::Path { path: "ab/cdef.jpg".into(), sha256: "cdef".into(), size_bytes: 123_456 },
    };
    let linked = evidence::add(&mut tx, &system(), &outside).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.store.begin().await.unwrap();
    let twice = evidence::add(&mut tx, &system(), &inline).await.unwrap_err();
    assert!(twice.is_unique("evidence_files_application_id_sha256_key"), "{twice:?}");
    drop(tx);

    assert_eq!(stored.sha256, audit::sha256_hex(&pdf));
    assert_eq!(stored.size_bytes, pdf.len() as i64);
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(evidence::content(&mut conn, stored.id).await.unwrap(), EvidenceContent::Bytes(pdf));
    assert_eq!(evidence::content(&mut conn, linked.id).await.unwrap(), outside.content);
    assert_eq!(evidence::get(&mut conn, linked.id).await.unwrap().storage_path.as_deref(), Some("ab/cdef.jpg"));
    assert_eq!(evidence::list(&mut conn, application.id).await.unwrap(), vec![stored, linked]);
}

async fn determinations_are_kept_whole_and_the_newest_wins(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let application = fixtures::application(&db.store, exporter.id).await;
    let mut tx = db.store.begin().await.unwrap();
    let item = NewGoodsItem {
        application_id: application.id,
        line_no: 1,
        hs_code: "610910".into(),
        description: "T-shirts".into(),
        quantity: dec("1"),
        unit: "pcs".into(),
        ..NewGoodsItem::default()
    };
    let item = goods::add(&mut tx, &system(), &item).await.unwrap();
    let mut new = NewDetermination {
        application_id: application.id,
        goods_item_id: item.id,
        outcome: Outcome::Undetermined,
        criterion: None,
        scheme: "eu-gsp".into(),
        rule_pack_version: "eu-gsp@2026.1".into(),
        result: json!({"outcome": "undetermined", "missing": ["materials[0].value"], "trace": [{"rule": "CC"}]}),
    };
    let first = determinations::record(&mut tx, &system(), &new).await.unwrap();
    new.outcome = Outcome::Originating;
    new.criterion = Some("W 61.09".into());
    // Parsed, not `json!`: the macro would read 0.4000 as an f64.
    new.result = serde_json::from_str(r#"{"outcome": "originating", "trace": [{"share": 0.4000}]}"#).unwrap();
    let second = determinations::record(&mut tx, &system(), &new).await.unwrap();
    tx.commit().await.unwrap();

    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(determinations::latest_for_item(&mut conn, item.id).await.unwrap(), Some(second.clone()));
    assert_eq!(
        determinations::list_for_application(&mut conn, application.id).await.unwrap(),
        vec![first, second.clone()]
    );
    assert_eq!(second.result["trace"][0]["share"].to_string(), "0.4000");
}

conformance!(
    an_application_goes_through_its_states,
    the_state_machine_refuses_skips_and_stale_moves,
    the_examiner_cannot_give_the_second_signature,
    an_application_for_an_unknown_exporter_is_a_foreign_key_conflict,
    goods_items_and_their_bills_of_materials,
    evidence_files_keep_bytes_or_a_path_with_their_hash,
    determinations_are_kept_whole_and_the_newest_wins,
);
