//! Statements on origin over HTTP: made out by the exporter (201, then 200 for the same request), listed, checked
//! by anyone by text or hash (identical 404s for unknown ones, rate-limited), and bad input refused with its code
//! without writing anything.

use axum::http::{Method, StatusCode};
use origo_service::roles::Role;
use origo_web::{RateSettings, WebSettings};
use serde_json::{Value, json};

use crate::common::{Credentials, both_backends};
use crate::world::{World, create_user, furniture, login, registration, statement_application, world, world_with};

fn statement_uri(id: &str) -> String {
    format!("/api/v1/applications/{id}/statement")
}

const CHECK: &str = "/api/v1/public/statements/check";

/// An exporter user whose company has applied for registration but is not registered.
async fn unregistered(w: &World, name: &str, tin: &str) -> Credentials {
    create_user(&w.service, name, Role::Exporter, None).await;
    let applicant = login(&w.router, name).await;
    let applied = w.call(Method::POST, "/api/v1/registrations", &applicant, Some(registration(tin))).await;
    assert_eq!(applied.status, StatusCode::CREATED, "{:?}", applied.json);
    // The session carries the exporter only after signing in again.
    login(&w.router, name).await
}

async fn statements_are_made_out_listed_and_checked(store: origo_store::Store) {
    let w = world(store).await;
    let anonymous = Credentials::Anonymous;
    let id = statement_application(&w, &w.exporter).await;
    let body = json!({"place": "Tashkent", "document_reference": "Invoice INV-7 of 2026-04-28"});
    let made = w.call(Method::POST, &statement_uri(&id), &w.exporter, Some(body.clone())).await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.json);
    assert_eq!(made.json["kind"], "statement_on_origin");
    assert_eq!(made.json["made_out_on"], "2026-05-01");
    assert_eq!(made.json["rex_number"], "UZREX301234567");
    assert_eq!(made.json["criterion"], "W 94.03");
    assert_eq!(made.json["application_id"], id.as_str());
    let text = made.json["text"].as_str().unwrap().to_owned();
    let hash = made.json["text_hash"].as_str().unwrap().to_owned();
    assert!(text.starts_with("Commercial document: Invoice INV-7 of 2026-04-28\n"), "{text}");
    assert!(text.contains("(Number of Registered Exporter UZREX301234567)") && text.ends_with("is W 94.03"));
    assert_eq!(hash.len(), 64);

    let again = w.call(Method::POST, &statement_uri(&id), &w.exporter, Some(body)).await;
    assert_eq!(again.status, StatusCode::OK, "the same request answers the registered statement");
    assert_eq!(again.json["id"], made.json["id"]);
    let changed = json!({"place": "Tashkent", "document_reference": "Invoice INV-8"});
    let changed = w.call(Method::POST, &statement_uri(&id), &w.exporter, Some(changed)).await;
    assert_eq!((changed.status, changed.code()), (StatusCode::CONFLICT, "statement_already_made_out"));

    let own = w.call(Method::GET, "/api/v1/statements", &w.exporter, None).await;
    assert_eq!(own.json["items"].as_array().unwrap().len(), 1, "{:?}", own.json);
    assert_eq!(own.json["items"][0]["text"], text.as_str());
    let other = w.call(Method::GET, "/api/v1/statements", &w.other_exporter, None).await;
    assert_eq!(other.json["items"].as_array().unwrap().len(), 0);
    let officer = w.call(Method::GET, "/api/v1/statements?limit=1", &w.customs, None).await;
    assert_eq!(officer.json["items"].as_array().unwrap().len(), 1);
    assert!(officer.json["next_cursor"].is_null());

    // The public check: the text as pasted (CRLF, trailing blanks), or the hash in either case.
    let pasted = format!("{}  \r\n", text.replace('\n', "\r\n"));
    let by_text = w.call(Method::POST, CHECK, &anonymous, Some(json!({"text": pasted}))).await;
    assert_eq!(by_text.status, StatusCode::OK, "{:?}", by_text.json);
    let expected = json!({
        "kind": "statement_on_origin",
        "text_hash": hash,
        "made_out_on": "2026-05-01",
        "rex_number": "UZREX301234567",
        "criterion": "W 94.03",
        "exporter_name": "Furniture 301234567 LLC",
        "not_confirmed_on": null
    });
    assert_eq!(by_text.json, expected);
    let by_hash = w.call(Method::GET, &format!("/api/v1/public/statements/{hash}"), &anonymous, None).await;
    assert_eq!(by_hash.json, expected);
    let upper = format!("/api/v1/public/statements/{}", hash.to_uppercase());
    assert_eq!(w.call(Method::GET, &upper, &anonymous, None).await.json, expected);

    // One character changed, or an unknown hash: the same 404 body.
    let forged = text.replace("W 94.03", "W 94.01");
    let forged = w.call(Method::POST, CHECK, &anonymous, Some(json!({"text": forged}))).await;
    let unknown = w.call(Method::GET, &format!("/api/v1/public/statements/{}", "0".repeat(64)), &anonymous, None).await;
    assert_eq!((forged.status, forged.code()), (StatusCode::NOT_FOUND, "not_found"));
    assert_eq!((unknown.status, unknown.bytes.clone()), (StatusCode::NOT_FOUND, forged.bytes));

    // A certificate application has no statement.
    let certificate = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    let certificate = certificate.json["id"].as_str().unwrap().to_owned();
    w.call(Method::POST, &format!("/api/v1/applications/{certificate}/submit"), &w.exporter, None).await;
    let wrong_kind =
        w.call(Method::POST, &statement_uri(&certificate), &w.exporter, Some(json!({"place": "Tashkent"}))).await;
    assert_eq!((wrong_kind.status, wrong_kind.code()), (StatusCode::CONFLICT, "issued_by_body"));
}

async fn unregistered_exporters_and_non_originating_goods_are_refused(store: origo_store::Store) {
    let w = world(store).await;
    let newcomer = unregistered(&w, "newcomer", "305555555").await;
    let id = statement_application(&w, &newcomer).await;
    let over = json!({"place": "Tashkent", "originating_value_eur": "6000.01"});
    let refused = w.call(Method::POST, &statement_uri(&id), &newcomer, Some(over)).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::UNPROCESSABLE_ENTITY, "registration_required"));
    assert_eq!(refused.json["error"]["field"], "originating_value_eur");
    let missing = w.call(Method::POST, &statement_uri(&id), &newcomer, Some(json!({"place": "Tashkent"}))).await;
    assert_eq!(
        (missing.code(), &missing.json["error"]["field"]),
        ("validation_failed", &json!("originating_value_eur"))
    );
    let at_limit = json!({"place": "Tashkent", "originating_value_eur": 6000.00});
    let made = w.call(Method::POST, &statement_uri(&id), &newcomer, Some(at_limit)).await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.json);
    assert_eq!(made.json["rex_number"], Value::Null);
    let value: rust_decimal::Decimal = made.json["originating_value_eur"].as_str().unwrap().parse().unwrap();
    assert_eq!(value, rust_decimal::Decimal::from(6000), "a JSON number is read exactly");

    // Furniture assembled from imported parts of the same heading: item 1 is not originating.
    let mut parts = furniture();
    parts["kind"] = json!("statement_on_origin");
    parts["items"][0]["materials"][0] = json!({"hs_code": "940391", "origin_country": "CN", "value": 800});
    let created = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(parts)).await;
    let parts = created.json["id"].as_str().unwrap().to_owned();
    let draft = w.call(Method::POST, &statement_uri(&parts), &w.exporter, Some(json!({"place": "Tashkent"}))).await;
    assert_eq!((draft.status, draft.code()), (StatusCode::CONFLICT, "invalid_state"), "a draft is not determined");
    w.call(Method::POST, &format!("/api/v1/applications/{parts}/submit"), &w.exporter, None).await;
    let refused = w.call(Method::POST, &statement_uri(&parts), &w.exporter, Some(json!({"place": "Tashkent"}))).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::UNPROCESSABLE_ENTITY, "not_originating"));
    assert!(refused.json["error"]["message"].as_str().unwrap().contains("item 1"), "{:?}", refused.json);
}

async fn bad_statement_input_is_refused_and_writes_nothing(store: origo_store::Store) {
    let w = world(store).await;
    let id = statement_application(&w, &w.exporter).await;
    let uri = statement_uri(&id);
    let before = w.audit_seq().await;
    let cases = [
        (json!({}), StatusCode::BAD_REQUEST, "invalid_request", None),
        (json!({"place": " "}), StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", Some("place")),
        (json!({"place": "Tash\nkent"}), StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", Some("place")),
        (
            json!({"place": "Tashkent", "originating_value_eur": -5}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            Some("originating_value_eur"),
        ),
        (
            json!({"place": "Tashkent", "originating_value_eur": "much"}),
            StatusCode::BAD_REQUEST,
            "invalid_request",
            None,
        ),
        (
            json!({"place": "Tashkent", "date": "01.05.2026"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            Some("date"),
        ),
        (
            json!({"place": "Tashkent", "date": "2026-05-02"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            Some("date"),
        ),
        (json!({"place": "Tashkent", "colour": "red"}), StatusCode::BAD_REQUEST, "unknown_field", None),
        (
            json!({"place": "Tashkent", "replacement": {"original_date": "2026-04-01", "reconsignor": "R, Riga",
                "original_exporter": "E, Tashkent", "original_exporter_rex": "not-a-rex"}}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            Some("replacement.original_exporter_rex"),
        ),
    ];
    for (body, status, code, field) in cases {
        let answer = w.call(Method::POST, &uri, &w.exporter, Some(body.clone())).await;
        assert_eq!((answer.status, answer.code()), (status, code), "{body}: {:?}", answer.json);
        if let Some(field) = field {
            assert_eq!(answer.json["error"]["field"], field, "{body}");
        }
    }
    let bad_id = w.call(Method::POST, &statement_uri("not-a-uuid"), &w.exporter, Some(json!({"place": "T"}))).await;
    assert_eq!((bad_id.status, bad_id.code()), (StatusCode::BAD_REQUEST, "invalid_parameter"));
    let anonymous = Credentials::Anonymous;
    for hash in ["abc", &"g".repeat(64), &"a".repeat(65)] {
        let answer = w.call(Method::GET, &format!("/api/v1/public/statements/{hash}"), &anonymous, None).await;
        assert_eq!((answer.status, answer.code()), (StatusCode::BAD_REQUEST, "invalid_parameter"), "{hash}");
        assert_eq!(answer.json["error"]["field"], "sha256");
    }
    let empty = w.call(Method::POST, CHECK, &anonymous, Some(json!({"text": " \r\n"}))).await;
    assert_eq!((empty.status, empty.json["error"]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("text")));
    let no_text = w.call(Method::POST, CHECK, &anonymous, Some(json!({"hash": "x"}))).await;
    assert_eq!(no_text.status, StatusCode::BAD_REQUEST);
    let bad_cursor = w.call(Method::GET, "/api/v1/statements?cursor=nope", &w.exporter, None).await;
    assert_eq!((bad_cursor.status, bad_cursor.code()), (StatusCode::BAD_REQUEST, "invalid_parameter"));
    assert_eq!(w.audit_seq().await, before, "nothing was written");
}

async fn statement_checks_share_the_public_rate_limit(store: origo_store::Store) {
    let settings = WebSettings { public_rate: RateSettings { burst: 3, per_second: 0.001 }, ..WebSettings::default() };
    let w = world_with(store, settings).await;
    let anonymous = Credentials::Anonymous;
    let unknown = format!("/api/v1/public/statements/{}", "0".repeat(64));
    for _ in 0..2 {
        assert_eq!(w.call(Method::GET, &unknown, &anonymous, None).await.status, StatusCode::NOT_FOUND);
    }
    let text = w.call(Method::POST, CHECK, &anonymous, Some(json!({"text": "anything"}))).await;
    assert_eq!(text.status, StatusCode::NOT_FOUND);
    for limited in [
        w.call(Method::POST, CHECK, &anonymous, Some(json!({"text": "anything"}))).await,
        w.call(Method::GET, &unknown, &anonymous, None).await,
        w.call(Method::GET, "/api/v1/public/certificates/UZ-2026-000001?code=X", &anonymous, None).await,
    ] {
        assert_eq!((limited.status, limited.code()), (StatusCode::TOO_MANY_REQUESTS, "rate_limited"));
        assert!(limited.headers.contains_key("retry-after"));
    }
    // Signed-in routes are not limited.
    let listed = w.call(Method::GET, "/api/v1/statements", &w.certifier, None).await;
    assert_eq!(listed.status, StatusCode::OK);
}

async fn the_openapi_document_lists_the_statement_routes(store: origo_store::Store) {
    let w = world(store).await;
    let answer = w.call(Method::GET, "/api/v1/openapi.json", &Credentials::Anonymous, None).await;
    let paths = &answer.json["paths"];
    for (path, method) in [
        ("/api/v1/applications/{id}/statement", "post"),
        ("/api/v1/statements", "get"),
        ("/api/v1/public/statements/check", "post"),
        ("/api/v1/public/statements/{sha256}", "get"),
    ] {
        assert!(paths[path][method].is_object(), "{method} {path} missing");
    }
    let schemas = &answer.json["components"]["schemas"];
    for schema in ["MakeOutRequest", "StatementOut", "PublicStatementOut", "CheckStatementRequest"] {
        assert!(schemas[schema].is_object(), "{schema} missing");
    }
}

both_backends!(
    statements_are_made_out_listed_and_checked,
    unregistered_exporters_and_non_originating_goods_are_refused,
    bad_statement_input_is_refused_and_writes_nothing,
    statement_checks_share_the_public_rate_limit,
    the_openapi_document_lists_the_statement_routes,
);
