//! Post-clearance control over HTTP: control cases, findings with documents, revocation proposals decided by the
//! certifying body only (separation of functions), utilisation recorded by the importing authority with over-use
//! and second-country flags, flags resolved, supplier declarations revoked with their flags. Bad input names the
//! field; another country's authority gets `404`. Also the rows of the endpoint x role matrix for these routes.

use axum::http::{Method, StatusCode};
use origo_store::supplier_declarations::{DeclarationKind, NewSupplierDeclaration};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::common::{both_backends, raw, send};
use crate::world::{PASSWORD, World, approved_application, furniture, world};

/// Issues a certificate over HTTP (20 pieces of furniture for DE); returns the issuance answer.
async fn issued(w: &World) -> Value {
    let id = approved_application(w).await;
    let issued = w.call(Method::POST, &format!("/api/v1/applications/{id}/certificate"), &w.certifier, None).await;
    assert_eq!(issued.status, StatusCode::CREATED, "{:?}", issued.json);
    issued.json
}

/// A supplier declaration of the exporter, recorded through the service (the API has no route for it).
async fn declaration(w: &World) -> Uuid {
    let exporter = w.service.login("exporter", PASSWORD).await.unwrap().caller;
    let new = NewSupplierDeclaration {
        exporter_id: Uuid::nil(),
        supplier_name: "Samarkand Timber".into(),
        supplier_country: "UZ".into(),
        kind: DeclarationKind::Single,
        goods_description: "Sawn wood".into(),
        hs_code: Some("440799".into()),
        originating: true,
        valid_from: None,
        valid_to: None,
        evidence_file_id: None,
    };
    w.service.add_supplier_declaration(&exporter, new).await.unwrap().id
}

fn field(answer: &crate::common::Answer) -> &str {
    answer.json["error"]["field"].as_str().unwrap_or("")
}

async fn a_control_case_from_opening_to_revocation(store: origo_store::Store) {
    let w = world(store).await;
    let certificate = issued(&w).await;
    let id = certificate["certificate_id"].as_str().unwrap();
    let number = certificate["number"].as_str().unwrap();

    // Bad input names the field, and writes nothing.
    let seq = w.audit_seq().await;
    let bad: Vec<(Value, StatusCode, &str, &str)> = vec![
        (json!({"grounds": "doubt"}), StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", "certificate_number"),
        (
            json!({"certificate_number": number, "rex_number": "UZREX301234567", "grounds": "doubt"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "rex_number",
        ),
        (
            json!({"certificate_number": "UZ-2026-999999", "grounds": "doubt"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "certificate_number",
        ),
        (
            json!({"rex_number": "UZREX000", "grounds": "doubt"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "rex_number",
        ),
        (
            json!({"certificate_number": number, "grounds": " "}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "grounds",
        ),
        (
            json!({"certificate_number": number, "grounds": "x", "extra": 1}),
            StatusCode::BAD_REQUEST,
            "unknown_field",
            "",
        ),
    ];
    for (body, status, code, name) in bad {
        let answer = w.call(Method::POST, "/api/v1/control-cases", &w.customs, Some(body.clone())).await;
        assert_eq!((answer.status, answer.code(), field(&answer)), (status, code, name), "{body}: {:?}", answer.json);
    }
    assert_eq!(w.audit_seq().await, seq, "nothing written");
    let by_certifier = json!({"certificate_number": number, "grounds": "doubt"});
    let answer = w.call(Method::POST, "/api/v1/control-cases", &w.certifier, Some(by_certifier)).await;
    assert_eq!((answer.status, answer.code()), (StatusCode::FORBIDDEN, "forbidden"));

    let open = json!({"certificate_number": number, "grounds": "unit values far below market"});
    let case = w.call(Method::POST, "/api/v1/control-cases", &w.customs, Some(open)).await;
    assert_eq!(case.status, StatusCode::CREATED, "{:?}", case.json);
    assert_eq!(case.json["reference"], "PCC-2026-000001");
    assert_eq!((case.json["subject_kind"].as_str(), case.json["status"].as_str()), (Some("certificate"), Some("open")));
    let case_id = case.json["id"].as_str().unwrap().to_owned();
    let base = format!("/api/v1/control-cases/{case_id}");

    // A finding with a document; bad base64 and a document that is not what it says are refused.
    let findings = format!("{base}/findings");
    let pdf = json!({"file_name": "stock.pdf", "media_type": "application/pdf", "content_base64": "JVBERi0xLjc="});
    let not_base64 = json!({"text": "t", "documents": [{"file_name": "a.pdf", "media_type": "application/pdf", "content_base64": "%%"}]});
    let answer = w.call(Method::POST, &findings, &w.customs, Some(not_base64)).await;
    assert_eq!((answer.status, field(&answer)), (StatusCode::UNPROCESSABLE_ENTITY, "documents[0].content_base64"));
    let fake = json!({"text": "t", "documents": [{"file_name": "a.pdf", "media_type": "application/pdf", "content_base64": "TVo="}]});
    let answer = w.call(Method::POST, &findings, &w.customs, Some(fake)).await;
    assert_eq!((answer.status, answer.code()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_file_type"));
    let finding = json!({"text": "warehouse holds no finished furniture", "documents": [pdf]});
    let recorded = w.call(Method::POST, &findings, &w.customs, Some(finding)).await;
    assert_eq!(recorded.status, StatusCode::CREATED, "{:?}", recorded.json);
    let document = &recorded.json["documents"][0];
    assert_eq!((document["size_bytes"].as_i64(), document["media_type"].as_str()), (Some(8), Some("application/pdf")));
    let download = format!("{base}/documents/{}", document["id"].as_str().unwrap());
    let bytes = w.call(Method::GET, &download, &w.certifier, None).await;
    assert_eq!((bytes.status, bytes.bytes.as_slice()), (StatusCode::OK, b"%PDF-1.7".as_slice()));
    assert_eq!(w.call(Method::GET, &download, &w.exporter, None).await.status, StatusCode::FORBIDDEN);

    // Customs proposes; it can neither decide nor revoke.
    let proposals = format!("{base}/proposals");
    let answer = w.call(Method::POST, &proposals, &w.customs, Some(json!({"target": "licence", "grounds": "g"}))).await;
    assert_eq!((answer.status, field(&answer)), (StatusCode::UNPROCESSABLE_ENTITY, "target"));
    let answer =
        w.call(Method::POST, &proposals, &w.customs, Some(json!({"target": "certificate", "grounds": ""}))).await;
    assert_eq!(
        (answer.status, answer.code(), field(&answer)),
        (StatusCode::UNPROCESSABLE_ENTITY, "reasons_required", "grounds")
    );
    let propose = json!({"target": "certificate", "grounds": "goods not made by the exporter"});
    let proposal = w.call(Method::POST, &proposals, &w.customs, Some(propose.clone())).await;
    assert_eq!(proposal.status, StatusCode::CREATED, "{:?}", proposal.json);
    assert_eq!(proposal.json["target"], number);
    assert_eq!(proposal.json["source"], "control case PCC-2026-000001");
    let again = w.call(Method::POST, &proposals, &w.customs, Some(propose)).await;
    assert_eq!((again.status, again.code()), (StatusCode::CONFLICT, "already_proposed"));
    let decision = format!("/api/v1/proposals/{}/decision", proposal.json["id"].as_str().unwrap());
    let accept = json!({"decision": "accept", "reasons": "findings are conclusive"});
    let answer = w.call(Method::POST, &decision, &w.customs, Some(accept.clone())).await;
    assert_eq!((answer.status, answer.code()), (StatusCode::FORBIDDEN, "forbidden"), "customs never decides");
    let revoke = format!("/api/v1/certificates/{id}/revocation");
    let answer = w.call(Method::POST, &revoke, &w.customs, Some(json!({"reasons": "customs"}))).await;
    assert_eq!((answer.status, answer.code()), (StatusCode::FORBIDDEN, "forbidden"), "customs never revokes");
    let answer =
        w.call(Method::POST, &decision, &w.certifier, Some(json!({"decision": "maybe", "reasons": "r"}))).await;
    assert_eq!((answer.status, field(&answer)), (StatusCode::UNPROCESSABLE_ENTITY, "decision"));
    let answer =
        w.call(Method::POST, &decision, &w.certifier, Some(json!({"decision": "accept", "reasons": ""}))).await;
    assert_eq!(
        (answer.status, answer.code(), field(&answer)),
        (StatusCode::UNPROCESSABLE_ENTITY, "reasons_required", "reasons")
    );

    let decided = w.call(Method::POST, &decision, &w.certifier, Some(accept)).await;
    assert_eq!(decided.status, StatusCode::OK, "{:?}", decided.json);
    assert_eq!(
        (decided.json["status"].as_str(), decided.json["decided_by_role"].as_str()),
        (Some("accepted"), Some("certifier"))
    );
    let read = w.call(Method::GET, &format!("/api/v1/certificates/{id}"), &w.customs, None).await;
    assert_eq!(read.json["status"], "revoked");
    assert_eq!(
        read.json["status_reason"],
        "findings are conclusive (revocation proposed in control case PCC-2026-000001)"
    );

    // The case as the certifying body reads it; closing it.
    let detail = w.call(Method::GET, &base, &w.supervisor, None).await;
    assert_eq!(detail.status, StatusCode::OK, "{:?}", detail.json);
    assert_eq!(detail.json["certificate_number"], number);
    assert_eq!(detail.json["findings"].as_array().unwrap().len(), 1);
    assert_eq!(detail.json["proposals"][0]["status"], "accepted");
    let list = w.call(Method::GET, "/api/v1/control-cases?status=open", &w.auditor, None).await;
    assert_eq!(list.json["items"].as_array().unwrap().len(), 1);
    let answer = w.call(Method::GET, "/api/v1/control-cases?status=pending", &w.auditor, None).await;
    assert_eq!((answer.status, field(&answer)), (StatusCode::BAD_REQUEST, "status"));
    let closed =
        w.call(Method::POST, &format!("{base}/close"), &w.customs, Some(json!({"conclusion": "revoked"}))).await;
    assert_eq!(closed.json["status"], "closed", "{:?}", closed.json);
    let late = w.call(Method::POST, &findings, &w.customs, Some(json!({"text": "late"}))).await;
    assert_eq!((late.status, late.code()), (StatusCode::CONFLICT, "invalid_state"));
    assert!(origo_store::audit::verify(&w.store).await.unwrap().is_intact());
}

async fn utilisation_is_recorded_by_the_importing_country_and_flagged(store: origo_store::Store) {
    let w = world(store).await;
    let certificate = issued(&w).await;
    let id = certificate["certificate_id"].as_str().unwrap();
    let uri = format!("/api/v1/certificates/{id}/utilisation");
    let use_of =
        |quantity: Value, reference: &str| json!({"item_no": 1, "quantity": quantity, "declaration_ref": reference});

    let bad: Vec<(Value, StatusCode, &str)> = vec![
        (
            json!({"item_no": 1, "quantity": "0", "declaration_ref": "A-1"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "quantity",
        ),
        (
            json!({"item_no": 1, "quantity": "-2", "declaration_ref": "A-1"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "quantity",
        ),
        (json!({"item_no": 3, "quantity": "1", "declaration_ref": "A-1"}), StatusCode::UNPROCESSABLE_ENTITY, "item_no"),
        (
            json!({"item_no": 1, "quantity": "1", "declaration_ref": " "}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "declaration_ref",
        ),
    ];
    for (body, status, name) in bad {
        let answer = w.call(Method::POST, &uri, &w.foreign_de, Some(body.clone())).await;
        assert_eq!((answer.status, field(&answer)), (status, name), "{body}: {:?}", answer.json);
    }
    let answer = w
        .call(
            Method::POST,
            &uri,
            &w.foreign_de,
            Some(json!({"item_no": 1, "quantity": "lots", "declaration_ref": "A"})),
        )
        .await;
    assert_eq!((answer.status, answer.code()), (StatusCode::BAD_REQUEST, "invalid_request"));
    // Another country's authority: the certificate does not exist for it; other roles may not record.
    let answer = w.call(Method::POST, &uri, &w.foreign_fr, Some(use_of(json!(1), "FR-1"))).await;
    assert_eq!((answer.status, answer.code()), (StatusCode::NOT_FOUND, "not_found"));
    assert_eq!(w.call(Method::GET, &uri, &w.foreign_fr, None).await.status, StatusCode::NOT_FOUND);
    let answer = w.call(Method::POST, &uri, &w.customs, Some(use_of(json!(1), "C-1"))).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);

    let first = w.call(Method::POST, &uri, &w.foreign_de, Some(use_of(json!("19.5"), "ATLAS-1"))).await;
    assert_eq!(first.status, StatusCode::CREATED, "{:?}", first.json);
    assert_eq!(
        (first.json["utilisation"]["quantity"].as_str(), first.json["utilisation"]["importing_country"].as_str()),
        (Some("19.5"), Some("DE"))
    );
    assert_eq!(first.json["flags_raised"], json!([]));
    let duplicate = w.call(Method::POST, &uri, &w.foreign_de, Some(use_of(json!(1), "ATLAS-1"))).await;
    assert_eq!(
        (duplicate.status, duplicate.code(), field(&duplicate)),
        (StatusCode::CONFLICT, "duplicate_utilisation", "declaration_ref")
    );
    let over = w.call(Method::POST, &uri, &w.foreign_de, Some(use_of(json!(1), "ATLAS-2"))).await;
    assert_eq!(over.status, StatusCode::CREATED, "{:?}", over.json);
    assert_eq!(over.json["flags_raised"][0]["kind"], "over_use");
    // With the security code from the paper, the French authority records: used in a second country.
    let code = certificate["security_code"].as_str().unwrap();
    let french = json!({"item_no": 1, "quantity": "2", "declaration_ref": "DELTA-1", "security_code": code});
    let second = w.call(Method::POST, &uri, &w.foreign_fr, Some(french)).await;
    assert_eq!(second.status, StatusCode::CREATED, "{:?}", second.json);
    assert_eq!(second.json["flags_raised"][0]["kind"], "double_country_use");

    let de_view = w.call(Method::GET, &uri, &w.foreign_de, None).await;
    assert_eq!(de_view.json["items"][0]["used"], "20.5");
    assert_eq!(de_view.json["items"][0]["remaining"], "-0.5");
    assert_eq!(
        (de_view.json["uses"].as_array().unwrap().len(), de_view.json["flags"].as_array().unwrap().len()),
        (2, 0)
    );
    let officer_view = w.call(Method::GET, &uri, &w.certifier, None).await;
    assert_eq!(officer_view.json["items"][0]["used"], "22.5");
    assert_eq!(officer_view.json["flags"].as_array().unwrap().len(), 2);

    // The flags, for officers; the certifying body resolves them, customs does not.
    let flags = w.call(Method::GET, "/api/v1/flags", &w.customs, None).await;
    assert_eq!(flags.status, StatusCode::OK, "{:?}", flags.json);
    let items = flags.json["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let resolution = format!("/api/v1/flags/{}/resolution", items[0]["id"].as_str().unwrap());
    let answer = w.call(Method::POST, &resolution, &w.customs, Some(json!({"resolution": "fine"}))).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = w.call(Method::POST, &resolution, &w.certifier, Some(json!({"resolution": ""}))).await;
    assert_eq!(
        (answer.status, answer.code(), field(&answer)),
        (StatusCode::UNPROCESSABLE_ENTITY, "reasons_required", "resolution")
    );
    let resolved =
        w.call(Method::POST, &resolution, &w.supervisor, Some(json!({"resolution": "split consignment"}))).await;
    assert_eq!(resolved.status, StatusCode::OK, "{:?}", resolved.json);
    assert_eq!(resolved.json["resolution"], "split consignment");
    let open = w.call(Method::GET, "/api/v1/flags", &w.auditor, None).await;
    assert_eq!(open.json["items"].as_array().unwrap().len(), 1);
    let all = w.call(Method::GET, "/api/v1/flags?status=all", &w.auditor, None).await;
    assert_eq!(all.json["items"].as_array().unwrap().len(), 2);
    let answer = w.call(Method::GET, "/api/v1/flags?status=closed", &w.auditor, None).await;
    assert_eq!((answer.status, field(&answer)), (StatusCode::BAD_REQUEST, "status"));
}

async fn revoking_a_supplier_declaration_flags_what_relied_on_it(store: origo_store::Store) {
    let w = world(store).await;
    let declared = declaration(&w).await;
    let mut relying = furniture();
    relying["items"][0]["materials"][0]["supplier_declaration_id"] = json!(declared.to_string());
    let draft = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(relying)).await;
    assert_eq!(draft.status, StatusCode::CREATED, "{:?}", draft.json);
    let other = issued(&w).await;

    let listed = w.call(Method::GET, "/api/v1/supplier-declarations", &w.certifier, None).await;
    assert_eq!(listed.json["items"][0]["id"], declared.to_string());
    assert_eq!(
        w.call(Method::GET, "/api/v1/supplier-declarations", &w.exporter, None).await.status,
        StatusCode::FORBIDDEN
    );
    let uri = format!("/api/v1/supplier-declarations/{declared}/revocation");
    let answer = w.call(Method::POST, &uri, &w.customs, Some(json!({"reasons": "wrong"}))).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = w.call(Method::POST, &uri, &w.certifier, Some(json!({"reasons": " "}))).await;
    assert_eq!((answer.status, field(&answer)), (StatusCode::UNPROCESSABLE_ENTITY, "reasons"));
    let unknown = format!("/api/v1/supplier-declarations/{}/revocation", Uuid::now_v7());
    assert_eq!(
        w.call(Method::POST, &unknown, &w.certifier, Some(json!({"reasons": "r"}))).await.status,
        StatusCode::NOT_FOUND
    );
    let revoked =
        w.call(Method::POST, &uri, &w.certifier, Some(json!({"reasons": "the supplier imports its wood"}))).await;
    assert_eq!(revoked.status, StatusCode::OK, "{:?}", revoked.json);
    assert!(revoked.json["declaration"]["revoked_at"].is_string());
    let flags = revoked.json["flags_raised"].as_array().unwrap();
    assert_eq!(flags.len(), 1);
    assert_eq!(
        (flags[0]["kind"].as_str(), flags[0]["application_id"].as_str()),
        (Some("supplier_declaration_revoked"), draft.json["id"].as_str())
    );
    assert_ne!(flags[0]["certificate_id"], other["certificate_id"]);
    let again = w.call(Method::POST, &uri, &w.certifier, Some(json!({"reasons": "again"}))).await;
    assert_eq!((again.status, again.code()), (StatusCode::CONFLICT, "invalid_state"));
}

/// Rows of the endpoint x role matrix (see matrix.rs) for these routes, on records of their own: a valid
/// certificate for DE, an open control case with a finding and a document, an undecided proposal, an open flag, a
/// supplier declaration in force.
pub async fn matrix_rows(w: &World) -> Vec<(Method, String, Option<Value>, &'static str)> {
    let certificate = issued(w).await;
    let id = certificate["certificate_id"].as_str().unwrap().to_owned();
    let number = certificate["number"].as_str().unwrap().to_owned();
    let open = json!({"certificate_number": number, "grounds": "doubt"});
    let case = w.call(Method::POST, "/api/v1/control-cases", &w.customs, Some(open.clone())).await;
    let case = case.json["id"].as_str().unwrap().to_owned();
    let pdf = json!({"file_name": "a.pdf", "media_type": "application/pdf", "content_base64": "JVBERi0xLjc="});
    let finding = json!({"text": "seen", "documents": [pdf]});
    let recorded =
        w.call(Method::POST, &format!("/api/v1/control-cases/{case}/findings"), &w.customs, Some(finding)).await;
    let document = recorded.json["documents"][0]["id"].as_str().unwrap().to_owned();
    let propose = json!({"target": "certificate", "grounds": "doubt"});
    let proposal =
        w.call(Method::POST, &format!("/api/v1/control-cases/{case}/proposals"), &w.customs, Some(propose)).await;
    let proposal = proposal.json["id"].as_str().unwrap().to_owned();
    let over = json!({"item_no": 1, "quantity": "25", "declaration_ref": "SETUP-1"});
    let flagged =
        w.call(Method::POST, &format!("/api/v1/certificates/{id}/utilisation"), &w.foreign_de, Some(over)).await;
    let flag = flagged.json["flags_raised"][0]["id"].as_str().unwrap().to_owned();
    let declared = declaration(w).await;
    let record_use = json!({"item_no": 1, "quantity": "1", "declaration_ref": "MATRIX-1"});
    //                       anon  exp  oth  cert sup  cus  fde  ffr  aud  adm
    vec![
        (Method::POST, "/api/v1/control-cases".into(), Some(open), "UFFFFAFFFF"),
        (Method::GET, "/api/v1/control-cases".into(), None, "UFFAAAFFAF"),
        (Method::GET, format!("/api/v1/control-cases/{case}"), None, "UFFAAAFFAF"),
        (Method::POST, format!("/api/v1/control-cases/{case}/findings"), Some(json!({"text": "more"})), "UFFFFAFFFF"),
        (Method::GET, format!("/api/v1/control-cases/{case}/documents/{document}"), None, "UFFAAAFFAF"),
        (
            Method::POST,
            format!("/api/v1/control-cases/{case}/proposals"),
            Some(json!({"target": "rex_registration", "grounds": "doubt"})),
            "UFFFFAFFFF",
        ),
        (Method::GET, "/api/v1/proposals".into(), None, "UFFAAAFFAF"),
        (Method::GET, format!("/api/v1/proposals/{proposal}"), None, "UFFAAAFFAF"),
        (
            Method::POST,
            format!("/api/v1/proposals/{proposal}/decision"),
            Some(json!({"decision": "reject", "reasons": "not proven"})),
            "UFFAAFFFFF",
        ),
        (Method::POST, format!("/api/v1/certificates/{id}/utilisation"), Some(record_use), "UFFFFFANFF"),
        (Method::GET, format!("/api/v1/certificates/{id}/utilisation"), None, "UFFAAAANAF"),
        (Method::GET, "/api/v1/flags".into(), None, "UFFAAAFFAF"),
        (Method::POST, format!("/api/v1/flags/{flag}/resolution"), Some(json!({"resolution": "seen"})), "UFFAAFFFFF"),
        (Method::GET, "/api/v1/supplier-declarations".into(), None, "UFFAAAFFAF"),
        (
            Method::POST,
            format!("/api/v1/supplier-declarations/{declared}/revocation"),
            Some(json!({"reasons": "wrong origin"})),
            "UFFAFFFFFF",
        ),
        (
            Method::POST,
            format!("/api/v1/control-cases/{case}/close"),
            Some(json!({"conclusion": "done"})),
            "UFFFFAFFFF",
        ),
    ]
}

/// Requests are refused before a body is read when they are not JSON.
async fn a_finding_must_be_json(store: origo_store::Store) {
    let w = world(store).await;
    let certificate = issued(&w).await;
    let open = json!({"certificate_number": certificate["number"], "grounds": "doubt"});
    let case = w.call(Method::POST, "/api/v1/control-cases", &w.customs, Some(open)).await;
    let uri = format!("/api/v1/control-cases/{}/findings", case.json["id"].as_str().unwrap());
    let form = raw(Method::POST, &uri, &w.customs, "application/x-www-form-urlencoded", b"text=hello".to_vec());
    let answer = send(&w.router, form).await;
    assert_eq!((answer.status, answer.code()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"));
}

both_backends!(
    a_control_case_from_opening_to_revocation,
    utilisation_is_recorded_by_the_importing_country_and_flagged,
    revoking_a_supplier_declaration_flags_what_relied_on_it,
    a_finding_must_be_json,
);
