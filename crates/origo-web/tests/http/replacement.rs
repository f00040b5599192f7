//! `POST /api/v1/certificates/{id}/replacement` over HTTP: the answer has issuance's shape plus the replaced
//! certificate; the old certificate reads as replaced everywhere (its own view, the public check, the status
//! list); a second replacement, another role, missing reasons or a bad correction are refused with their codes;
//! an `Idempotency-Key` makes a retry return the same replacement.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Answer, Credentials, both_backends, request, send};
use crate::world::{World, approved_application, world};

/// Issues a certificate over HTTP; returns the issuance answer.
async fn issued(w: &World) -> Value {
    let id = approved_application(w).await;
    let issued = w.call(Method::POST, &format!("/api/v1/applications/{id}/certificate"), &w.certifier, None).await;
    assert_eq!(issued.status, StatusCode::CREATED, "{:?}", issued.json);
    issued.json
}

async fn replace(w: &World, who: &Credentials, id: &str, body: Value, key: Option<&str>) -> Answer {
    let mut req = request(Method::POST, &format!("/api/v1/certificates/{id}/replacement"), who, Some(&body));
    if let Some(key) = key {
        req.headers_mut().insert("idempotency-key", key.parse().unwrap());
    }
    send(&w.router, req).await
}

async fn a_replacement_over_http(store: origo_store::Store) {
    let w = world(store).await;
    let old = issued(&w).await;
    let old_id = old["certificate_id"].as_str().unwrap();
    let old_number = old["number"].as_str().unwrap();
    let old_code = old["security_code"].as_str().unwrap();
    let body = json!({
        "reasons": "consignee's address was wrong",
        "consignee": {"address": "7 Elbchaussee, Hamburg"},
        "remarks": "Replaces the certificate lost in transit"
    });
    let made = replace(&w, &w.certifier, old_id, body, None).await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.json);
    let new_number = made.json["number"].as_str().unwrap().to_owned();
    let new_id = made.json["certificate_id"].as_str().unwrap().to_owned();
    assert_ne!(new_number, old_number);
    assert!(made.json["security_code"].is_string());
    assert_eq!(made.json["replaced_id"], old_id);
    assert_eq!(made.json["replaced_number"], old_number);
    assert_eq!(made.json["document"]["document"]["consignee"]["address"], "7 Elbchaussee, Hamburg");
    assert_eq!(made.json["document"]["document"]["consignee"]["name"], "Möbel GmbH");

    // The old certificate, as its readers and the public see it.
    let read = w.call(Method::GET, &format!("/api/v1/certificates/{old_id}"), &w.exporter, None).await;
    assert_eq!(read.json["status"], "replaced", "{:?}", read.json);
    assert_eq!(read.json["replaced_by_id"], new_id.as_str());
    let read = w.call(Method::GET, &format!("/api/v1/certificates/{new_id}"), &w.foreign_de, None).await;
    assert_eq!((read.json["status"].as_str(), read.json["replaces_id"].as_str()), (Some("valid"), Some(old_id)));
    let check = format!("/api/v1/public/certificates/{old_number}?code={old_code}");
    let public = w.call(Method::GET, &check, &Credentials::Anonymous, None).await;
    assert_eq!(public.status, StatusCode::OK, "{:?}", public.json);
    assert_eq!(public.json["status"], "replaced");
    assert_eq!(public.json["replaced_by"], new_number.as_str());
    assert_eq!(public.json["status_reason"], "consignee's address was wrong");
    let list = w.call(Method::GET, "/api/v1/status-list", &Credentials::Anonymous, None).await;
    let entry = &list.json["entries"][0];
    assert_eq!((entry["number"].as_str(), entry["status"].as_str()), (Some(old_number), Some("replaced")));
    assert_eq!(entry["replaced_by"], new_number.as_str());

    // Replacing the same certificate twice is refused.
    let again = replace(&w, &w.certifier, old_id, json!({"reasons": "again"}), None).await;
    assert_eq!((again.status, again.code()), (StatusCode::CONFLICT, "invalid_state"), "{:?}", again.json);
    assert!(origo_store::audit::verify(&w.store).await.unwrap().is_intact());
}

async fn bad_replacement_requests_are_refused_with_their_codes(store: origo_store::Store) {
    let w = world(store).await;
    let old = issued(&w).await;
    let id = old["certificate_id"].as_str().unwrap();
    let seq = w.audit_seq().await;
    let cases: Vec<(&Credentials, Value, StatusCode, &str, Option<&str>)> = vec![
        (&w.customs, json!({"reasons": "x"}), StatusCode::FORBIDDEN, "forbidden", None),
        (&w.exporter, json!({"reasons": "x"}), StatusCode::FORBIDDEN, "forbidden", None),
        (&w.certifier, json!({"reasons": " "}), StatusCode::UNPROCESSABLE_ENTITY, "reasons_required", Some("reasons")),
        (&w.certifier, json!({}), StatusCode::BAD_REQUEST, "invalid_request", None),
        (&w.certifier, json!({"reasons": "x", "color": "red"}), StatusCode::BAD_REQUEST, "unknown_field", None),
        (
            &w.certifier,
            json!({"reasons": "x", "consignee": {"country": "Germany"}}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            Some("consignee.country"),
        ),
        (
            &w.certifier,
            json!({"reasons": "x", "consignee": {"name": ""}}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            Some("consignee.name"),
        ),
    ];
    for (who, body, status, code, field) in cases {
        let answer = replace(&w, who, id, body.clone(), None).await;
        assert_eq!((answer.status, answer.code()), (status, code), "{body}: {:?}", answer.json);
        assert_eq!(answer.json["error"]["field"].as_str(), field, "{body}");
    }
    let unknown = replace(&w, &w.certifier, &uuid::Uuid::now_v7().to_string(), json!({"reasons": "x"}), None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let bad_key = replace(&w, &w.certifier, id, json!({"reasons": "x"}), Some(&"k".repeat(201))).await;
    assert_eq!((bad_key.status, bad_key.code()), (StatusCode::BAD_REQUEST, "invalid_parameter"));
    assert_eq!(w.audit_seq().await, seq, "nothing written");
    let read = w.call(Method::GET, &format!("/api/v1/certificates/{id}"), &w.certifier, None).await;
    assert_eq!(read.json["status"], "valid");
}

async fn a_replacement_with_an_idempotency_key_happens_once(store: origo_store::Store) {
    let w = world(store).await;
    let old = issued(&w).await;
    let id = old["certificate_id"].as_str().unwrap();
    let body = json!({"reasons": "typo in the remarks", "remarks": "fragile"});
    let first = replace(&w, &w.certifier, id, body.clone(), Some("replace-7")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{:?}", first.json);
    let again = replace(&w, &w.certifier, id, body, Some("replace-7")).await;
    assert_eq!(again.status, StatusCode::CREATED, "{:?}", again.json);
    assert_eq!(again.json["number"], first.json["number"]);
    assert_eq!(again.json["replaced_number"], old["number"]);
    assert!(again.json["security_code"].is_null(), "the code is shown once");
    let other = replace(&w, &w.certifier, id, json!({"reasons": "other"}), Some("replace-7")).await;
    assert_eq!((other.status, other.code()), (StatusCode::CONFLICT, "idempotency_key_reused"));
    let doc = w.call(Method::GET, "/api/v1/openapi.json", &Credentials::Anonymous, None).await;
    assert!(doc.json["paths"]["/api/v1/certificates/{id}/replacement"]["post"].is_object());
}

both_backends!(
    a_replacement_over_http,
    bad_replacement_requests_are_refused_with_their_codes,
    a_replacement_with_an_idempotency_key_happens_once,
);
