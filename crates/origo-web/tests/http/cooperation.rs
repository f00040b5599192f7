//! Administrative cooperation over HTTP: a foreign authority files a verification request with a document, the
//! certifier records a step and replies "not confirmed", the signed reply verifies against the published key set
//! and the public check shows the certificate revoked; another country's authority gets `404`; bad input is
//! refused naming the field, with nothing written. Also the rows of the endpoint x role matrix for these routes.

use axum::http::{Method, StatusCode, header};
use base64::Engine;
use origo_documents::signing::{KeySet, SignedDocument};
use serde_json::{Value, json};

use crate::common::{Answer, Credentials, both_backends, raw, send};
use crate::world::{World, approved_application, world};

/// Issues a certificate over HTTP (furniture for DE); returns the issuance answer.
async fn issued(w: &World) -> Value {
    let id = approved_application(w).await;
    let issued = w.call(Method::POST, &format!("/api/v1/applications/{id}/certificate"), &w.certifier, None).await;
    assert_eq!(issued.status, StatusCode::CREATED, "{:?}", issued.json);
    issued.json
}

fn filing(number: &str) -> Value {
    let pdf = base64::engine::general_purpose::STANDARD.encode(b"%PDF-1.7 import declaration");
    json!({
        "certificate_number": number,
        "reason_kind": "originating_status",
        "reasons": "The goods were declared at import as made in a third country.",
        "documents": [{"file_name": "declaration.pdf", "media_type": "application/pdf", "content_base64": pdf}]
    })
}

fn field(answer: &Answer) -> &str {
    answer.json["error"]["field"].as_str().unwrap_or("")
}

async fn file(w: &World, who: &Credentials, number: &str) -> Answer {
    w.call(Method::POST, "/api/v1/verification-requests", who, Some(filing(number))).await
}

async fn the_cooperation_loop_from_request_to_revocation(store: origo_store::Store) {
    let w = world(store).await;
    let certificate = issued(&w).await;
    let number = certificate["number"].as_str().unwrap();
    let code = certificate["security_code"].as_str().unwrap();

    let filed = file(&w, &w.foreign_de, number).await;
    assert_eq!(filed.status, StatusCode::CREATED, "{:?}", filed.json);
    let id = filed.json["id"].as_str().unwrap().to_owned();
    assert_eq!(filed.json["reference"], "VR-2026-000001");
    assert_eq!(filed.json["deadline"], "2026-11-01");
    assert_eq!((filed.json["status"].as_str(), filed.json["overdue"].as_bool()), (Some("open"), Some(false)));
    assert_eq!(filed.json["subject"]["certificate_number"], number);
    assert_eq!(filed.json["steps"], Value::Null, "the investigation is the certifying body's");
    let document = filed.json["documents"][0]["id"].as_str().unwrap().to_owned();
    let download = w
        .call(Method::GET, &format!("/api/v1/verification-requests/{id}/documents/{document}"), &w.certifier, None)
        .await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.bytes, b"%PDF-1.7 import declaration");
    assert_eq!(download.headers[header::CONTENT_TYPE], "application/pdf");
    assert!(download.headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment"));

    // Not answered yet: no reply to download.
    let reply_uri = format!("/api/v1/verification-requests/{id}/reply");
    let early = w.call(Method::GET, &reply_uri, &w.foreign_de, None).await;
    assert_eq!((early.status, early.code()), (StatusCode::CONFLICT, "invalid_state"));

    let step = json!({"kind": "site_visit", "description": "Visited the workshop.", "date": "2026-05-01"});
    let stepped =
        w.call(Method::POST, &format!("/api/v1/verification-requests/{id}/steps"), &w.certifier, Some(step)).await;
    assert_eq!(stepped.status, StatusCode::CREATED, "{:?}", stepped.json);
    assert_eq!(stepped.json["kind"], "site_visit");

    let reply = json!({"outcome": "not_confirmed", "findings": "The furniture was bought in ready-made."});
    let replied = w.call(Method::POST, &reply_uri, &w.certifier, Some(reply.clone())).await;
    assert_eq!(replied.status, StatusCode::OK, "{:?}", replied.json);
    assert_eq!(replied.json["status"], "answered");
    assert_eq!(replied.json["outcome"], "not_confirmed");
    assert_eq!(replied.json["answered_in_time"], true);
    assert_eq!(replied.json["revoked_certificate"], number);
    assert_eq!(replied.json["subject"]["certificate_status"], "revoked");
    assert_eq!(replied.json["steps"].as_array().map(Vec::len), Some(1));
    let again = w.call(Method::POST, &reply_uri, &w.certifier, Some(reply)).await;
    assert_eq!((again.status, again.code()), (StatusCode::CONFLICT, "invalid_state"));

    // The signed reply, checked offline against the published key set.
    let signed = w.call(Method::GET, &reply_uri, &w.foreign_de, None).await;
    assert_eq!(signed.status, StatusCode::OK);
    assert_eq!(signed.headers[header::CONTENT_TYPE], "application/json");
    let keys = w.call(Method::GET, "/.well-known/origo-keys.json", &Credentials::Anonymous, None).await;
    let keys = KeySet::from_json(&keys.bytes).unwrap();
    let document = SignedDocument::from_json(&signed.bytes).unwrap();
    document.verify(&keys).expect("the reply verifies with the published keys");
    assert_eq!(document.document["format"], "origo-verification-reply/1");
    assert_eq!(document.document["outcome"], "not_confirmed");
    assert_eq!(document.document["subject"]["number"], number);

    // The public check shows the certificate revoked.
    let check = format!("/api/v1/public/certificates/{number}?code={code}");
    let public = w.call(Method::GET, &check, &Credentials::Anonymous, None).await;
    assert_eq!(public.json["status"], "revoked", "{:?}", public.json);

    let stats = w.call(Method::GET, "/api/v1/verification-requests/statistics", &w.supervisor, None).await;
    assert_eq!(stats.status, StatusCode::OK);
    let de = &stats.json["countries"][0];
    assert_eq!(
        (de["country"].as_str(), de["requests"].as_u64(), de["answered_in_time"].as_u64()),
        (Some("DE"), Some(1), Some(1))
    );
    assert_eq!((de["not_confirmed"].as_u64(), de["median_turnaround_days"].as_str()), (Some(1), Some("0")));
}

async fn another_countrys_authority_gets_not_found(store: origo_store::Store) {
    let w = world(store).await;
    let certificate = issued(&w).await;
    let number = certificate["number"].as_str().unwrap();
    let filed = file(&w, &w.foreign_de, number).await;
    let id = filed.json["id"].as_str().unwrap().to_owned();
    let document = filed.json["documents"][0]["id"].as_str().unwrap().to_owned();
    for uri in [
        format!("/api/v1/verification-requests/{id}"),
        format!("/api/v1/verification-requests/{id}/documents/{document}"),
        format!("/api/v1/verification-requests/{id}/reply"),
        format!("/api/v1/verification-requests/{}", uuid::Uuid::now_v7()),
    ] {
        let answer = w.call(Method::GET, &uri, &w.foreign_fr, None).await;
        assert_eq!((answer.status, answer.code()), (StatusCode::NOT_FOUND, "not_found"), "{uri}");
    }
    let unknown = format!("/api/v1/verification-requests/{}", uuid::Uuid::now_v7());
    let unknown = w.call(Method::GET, &unknown, &w.foreign_fr, None).await;
    let seen = w.call(Method::GET, &format!("/api/v1/verification-requests/{id}"), &w.foreign_fr, None).await;
    assert_eq!(unknown.bytes, seen.bytes, "the same answer as for a request that does not exist");
    let france = w.call(Method::GET, "/api/v1/verification-requests?country=DE", &w.foreign_fr, None).await;
    assert_eq!((france.status, france.json["items"].as_array().map(Vec::len)), (StatusCode::OK, Some(0)));
    let germany = w.call(Method::GET, "/api/v1/verification-requests", &w.foreign_de, None).await;
    assert_eq!(germany.json["items"][0]["id"], id.as_str());
    // France cannot file about a certificate bound for Germany: the number is unknown to it.
    let refused = file(&w, &w.foreign_fr, number).await;
    assert_eq!((refused.status, field(&refused)), (StatusCode::UNPROCESSABLE_ENTITY, "certificate_number"));
}

async fn bad_input_names_the_field_and_writes_nothing(store: origo_store::Store) {
    let w = world(store).await;
    let certificate = issued(&w).await;
    let number = certificate["number"].as_str().unwrap();
    let before = w.audit_seq().await;
    let cases: Vec<(Value, StatusCode, &str, &str)> = vec![
        (json!({"reason_kind": "curiosity"}), StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", "reason_kind"),
        (json!({"reasons": "  "}), StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", "reasons"),
        (
            json!({"certificate_number": "UZ-2026-999999"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "certificate_number",
        ),
        (json!({"statement_hash": "abc"}), StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", "certificate_number"),
        (
            json!({"certificate_number": null, "statement_hash": "abc"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "statement_hash",
        ),
        (
            json!({"documents": [{"file_name": "a.pdf", "media_type": "application/pdf", "content_base64": "***"}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "documents[0].content_base64",
        ),
        (
            json!({"documents": [{"file_name": "a.pdf", "media_type": "application/pdf", "content_base64": "PGh0bWw+"}]}),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_file_type",
            "documents",
        ),
        (json!({"urgency": "high"}), StatusCode::BAD_REQUEST, "unknown_field", ""),
    ];
    for (change, status, code, want) in cases {
        let mut body = filing(number);
        for (key, value) in change.as_object().unwrap() {
            body[key] = value.clone();
        }
        let answer = w.call(Method::POST, "/api/v1/verification-requests", &w.foreign_de, Some(body.clone())).await;
        assert_eq!((answer.status, answer.code(), field(&answer)), (status, code, want), "{body}: {:?}", answer.json);
    }
    let not_json = send(
        &w.router,
        raw(Method::POST, "/api/v1/verification-requests", &w.foreign_de, "text/plain", b"hello".to_vec()),
    )
    .await;
    assert_eq!((not_json.status, not_json.code()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"));
    let broken = send(
        &w.router,
        raw(Method::POST, "/api/v1/verification-requests", &w.foreign_de, "application/json", b"{".to_vec()),
    )
    .await;
    assert_eq!((broken.status, broken.code()), (StatusCode::BAD_REQUEST, "malformed_json"));
    assert_eq!(w.audit_seq().await, before, "nothing was written");

    let filed = file(&w, &w.foreign_de, number).await;
    assert_eq!(filed.json["reference"], "VR-2026-000001", "no reference was used up");
    let id = filed.json["id"].as_str().unwrap();
    let steps = format!("/api/v1/verification-requests/{id}/steps");
    for (step, want) in [
        (json!({"kind": "phone_call", "description": "x"}), "kind"),
        (json!({"kind": "site_visit", "description": ""}), "description"),
        (json!({"kind": "site_visit", "description": "x", "date": "1 May"}), "date"),
        (json!({"kind": "site_visit", "description": "x", "date": "2030-01-01"}), "date"),
    ] {
        let answer = w.call(Method::POST, &steps, &w.certifier, Some(step.clone())).await;
        assert_eq!((answer.status, field(&answer)), (StatusCode::UNPROCESSABLE_ENTITY, want), "{step}");
    }
    let reply = format!("/api/v1/verification-requests/{id}/reply");
    for (body, want) in [
        (json!({"outcome": "maybe", "findings": "x"}), "outcome"),
        (json!({"outcome": "confirmed", "findings": " "}), "findings"),
    ] {
        let answer = w.call(Method::POST, &reply, &w.certifier, Some(body.clone())).await;
        assert_eq!((answer.status, field(&answer)), (StatusCode::UNPROCESSABLE_ENTITY, want), "{body}");
    }
    for query in ["limit=0", "status=late", "country=germany", "cursor=7"] {
        let answer = w.call(Method::GET, &format!("/api/v1/verification-requests?{query}"), &w.certifier, None).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{query}: {:?}", answer.json);
    }
    let detail = w.call(Method::GET, &format!("/api/v1/verification-requests/{id}"), &w.certifier, None).await;
    assert_eq!(
        (detail.json["status"].as_str(), detail.json["steps"].as_array().map(Vec::len)),
        (Some("open"), Some(0))
    );
}

/// The rows of the endpoint x role matrix (callers: anon exp oth cert sup cus fde ffr aud adm). A filing by a
/// foreign authority of another country is let through by the policy and refused as bad input (422).
pub async fn matrix_rows(w: &World) -> Vec<(Method, String, Option<Value>, &'static str)> {
    let certificate = issued(w).await;
    let number = certificate["number"].as_str().unwrap().to_owned();
    let filed = file(w, &w.foreign_de, &number).await;
    let id = filed.json["id"].as_str().unwrap().to_owned();
    let document = filed.json["documents"][0]["id"].as_str().unwrap().to_owned();
    let base = format!("/api/v1/verification-requests/{id}");
    vec![
        (Method::POST, "/api/v1/verification-requests".into(), Some(filing(&number)), "UFFFFFAAFF"),
        (Method::GET, "/api/v1/verification-requests".into(), None, "UFFAAAAAAF"),
        (Method::GET, "/api/v1/verification-requests/statistics".into(), None, "UFFAAAFFAF"),
        (Method::GET, base.clone(), None, "UFFAAAANAF"),
        (Method::GET, format!("{base}/documents/{document}"), None, "UFFAAAANAF"),
        (
            Method::POST,
            format!("{base}/steps"),
            Some(json!({"kind": "documents_requested_from_exporter", "description": "Asked for invoices."})),
            "UFFAFFFFFF",
        ),
        (
            Method::POST,
            format!("{base}/reply"),
            Some(json!({"outcome": "confirmed", "findings": "Production records seen."})),
            "UFFAFFFFFF",
        ),
        (Method::GET, format!("{base}/reply"), None, "UFFAAAANAF"),
    ]
}

both_backends!(
    the_cooperation_loop_from_request_to_revocation,
    another_countrys_authority_gets_not_found,
    bad_input_names_the_field_and_writes_nothing,
);
