//! Bad input is answered with a 4xx and its code, never a 500, and writes nothing (the audit head stays put).

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::common::{Credentials, both_backends, raw, send};
use crate::world::{furniture, world};

async fn bad_input_is_refused_with_its_code_and_writes_nothing(store: origo_store::Store) {
    let w = world(store).await;
    let before = w.audit_seq().await;
    let create = "/api/v1/applications";
    let exporter = &w.exporter;

    let malformed =
        send(&w.router, raw(Method::POST, create, exporter, "application/json", b"{\"kind\": ".to_vec())).await;
    assert_eq!(
        (malformed.status, malformed.code()),
        (StatusCode::BAD_REQUEST, "malformed_json"),
        "{:?}",
        malformed.json
    );

    let mut big = furniture();
    big["consignment"]["remarks"] = json!("x".repeat(2 * 1024 * 1024));
    let oversize = w.call(Method::POST, create, exporter, Some(big)).await;
    assert_eq!((oversize.status, oversize.code()), (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"));

    let mut unknown = furniture();
    unknown["items"][0]["colour"] = json!("red");
    let unknown = w.call(Method::POST, create, exporter, Some(unknown)).await;
    assert_eq!((unknown.status, unknown.code()), (StatusCode::BAD_REQUEST, "unknown_field"), "{:?}", unknown.json);

    let mut bad_hs = furniture();
    bad_hs["items"][0]["hs_code"] = json!("999999");
    let bad_hs = w.call(Method::POST, create, exporter, Some(bad_hs)).await;
    assert_eq!((bad_hs.status, bad_hs.code()), (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"));
    assert_eq!(bad_hs.json["error"]["field"], "items[0].hs_code");

    let mut negative = furniture();
    negative["items"][0]["quantity"] = json!(-5);
    let negative = w.call(Method::POST, create, exporter, Some(negative)).await;
    assert_eq!((negative.status, negative.code()), (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"));
    assert_eq!(negative.json["error"]["field"], "items[0].quantity");

    let mut negative_material = furniture();
    negative_material["items"][0]["materials"][0]["value"] = json!("-1.5");
    let negative_material = w.call(Method::POST, create, exporter, Some(negative_material)).await;
    assert_eq!(negative_material.code(), "validation_failed");

    let wrong_type = send(&w.router, raw(Method::POST, create, exporter, "text/plain", b"{}".to_vec())).await;
    assert_eq!((wrong_type.status, wrong_type.code()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"));

    let missing = w.call(Method::POST, create, exporter, Some(json!({"kind": "non_preferential"}))).await;
    assert_eq!((missing.status, missing.code()), (StatusCode::BAD_REQUEST, "invalid_request"));

    let bad_kind = json!({"kind": "gold_star", "consignment": {"importing_country": "DE"}, "items": []});
    let bad_kind = w.call(Method::POST, create, exporter, Some(bad_kind)).await;
    assert_eq!(bad_kind.status, StatusCode::BAD_REQUEST);

    let bad_id = w.call(Method::GET, "/api/v1/applications/not-a-uuid", exporter, None).await;
    assert_eq!((bad_id.status, bad_id.code()), (StatusCode::BAD_REQUEST, "invalid_parameter"));
    let bad_limit = w.call(Method::GET, "/api/v1/applications?limit=0", exporter, None).await;
    assert_eq!((bad_limit.status, bad_limit.code()), (StatusCode::BAD_REQUEST, "invalid_parameter"));
    let no_route = w.call(Method::GET, "/api/v1/nothing-here", &Credentials::Anonymous, None).await;
    assert_eq!((no_route.status, no_route.code()), (StatusCode::NOT_FOUND, "not_found"));
    let bad_token = w.call(Method::GET, "/api/v1/session", &Credentials::Bearer("origo_nope".into()), None).await;
    assert_eq!((bad_token.status, bad_token.code()), (StatusCode::UNAUTHORIZED, "unauthenticated"));
    let wrong_password = w
        .call(
            Method::POST,
            "/api/v1/session",
            &Credentials::Anonymous,
            Some(json!({"username": "certifier", "password": "nope-nope"})),
        )
        .await;
    assert_eq!((wrong_password.status, wrong_password.code()), (StatusCode::UNAUTHORIZED, "invalid_credentials"));

    assert_eq!(w.audit_seq().await, before, "nothing was written");
}

async fn evidence_is_accepted_as_base64_json_or_raw_bytes(store: origo_store::Store) {
    let w = world(store).await;
    let created = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    let id = created.json["id"].as_str().unwrap();
    let uri = format!("/api/v1/applications/{id}/evidence");
    let pdf = b"%PDF-1.7 invoice".to_vec();
    let json_upload = json!({"file_name": "invoice.pdf", "media_type": "application/pdf",
        "content_base64": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &pdf)});
    let first = w.call(Method::POST, &uri, &w.exporter, Some(json_upload)).await;
    assert_eq!(first.status, StatusCode::CREATED, "{:?}", first.json);
    assert_eq!(first.json["size_bytes"], 16);
    let raw_upload =
        raw(Method::POST, &format!("{uri}?file_name=note.txt"), &w.exporter, "text/plain", b"hello".to_vec());
    let second = send(&w.router, raw_upload).await;
    assert_eq!(second.status, StatusCode::CREATED, "{:?}", second.json);
    let again =
        send(&w.router, raw(Method::POST, &format!("{uri}?file_name=again.pdf"), &w.exporter, "application/pdf", pdf))
            .await;
    assert_eq!((again.status, again.code()), (StatusCode::CONFLICT, "duplicate_file"));
    let fake = send(
        &w.router,
        raw(Method::POST, &format!("{uri}?file_name=x.png"), &w.exporter, "image/png", b"GIF89a".to_vec()),
    )
    .await;
    assert_eq!((fake.status, fake.code()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_file_type"));
    let view = w.call(Method::GET, &format!("/api/v1/applications/{id}"), &w.exporter, None).await;
    assert_eq!(view.json["evidence"].as_array().unwrap().len(), 2);
}

both_backends!(bad_input_is_refused_with_its_code_and_writes_nothing, evidence_is_accepted_as_base64_json_or_raw_bytes);
