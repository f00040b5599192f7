//! Every endpoint with every role and an anonymous client. The expected answers follow origo-service's policy
//! (`policy::authorize`): `A` allowed (2xx, or a 409/422 about the record's state: the policy let it through),
//! `U` 401 (not signed in), `F` 403 (the role may not), `N` 404 (a record the caller may not see, answered like
//! one that does not exist).

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Credentials, both_backends};
use crate::world::{World, approved_application, furniture, registration, world};

/// The callers, in the order of the expectation strings.
const CALLERS: [&str; 10] = [
    "anonymous",
    "exporter",
    "other_exporter",
    "certifier",
    "supervisor",
    "customs",
    "foreign_de",
    "foreign_fr",
    "auditor",
    "admin",
];

fn caller<'a>(w: &'a World, anonymous: &'a Credentials, name: &str) -> &'a Credentials {
    match name {
        "anonymous" => anonymous,
        "exporter" => &w.exporter,
        "other_exporter" => &w.other_exporter,
        "certifier" => &w.certifier,
        "supervisor" => &w.supervisor,
        "customs" => &w.customs,
        "foreign_de" => &w.foreign_de,
        "foreign_fr" => &w.foreign_fr,
        "auditor" => &w.auditor,
        "admin" => &w.admin,
        other => panic!("no caller {other}"),
    }
}

async fn id_of(w: &World, who: &Credentials, field: &str) -> String {
    let me = w.call(Method::GET, "/api/v1/session", who, None).await;
    me.json[field].as_str().unwrap().to_owned()
}

async fn every_endpoint_with_every_role(store: origo_store::Store) {
    let w = world(store).await;
    let anonymous = Credentials::Anonymous;
    // Records for the endpoints to work on.
    let reg = id_of(&w, &w.exporter, "exporter_id").await;
    let other_reg = id_of(&w, &w.other_exporter, "exporter_id").await;
    let draft = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    let draft = draft.json["id"].as_str().unwrap().to_owned();
    let submitted = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    let submitted = submitted.json["id"].as_str().unwrap().to_owned();
    w.call(Method::POST, &format!("/api/v1/applications/{submitted}/submit"), &w.exporter, None).await;
    let approved = approved_application(&w).await;
    let for_certificate = approved_application(&w).await;
    let issued =
        w.call(Method::POST, &format!("/api/v1/applications/{for_certificate}/certificate"), &w.certifier, None).await;
    let certificate = issued.json["certificate_id"].as_str().unwrap().to_owned();
    let number = issued.json["number"].as_str().unwrap().to_owned();
    let code = issued.json["security_code"].as_str().unwrap().to_owned();
    let pdf = json!({"file_name": "a.pdf", "media_type": "application/pdf", "content_base64": "JVBERi0xLjc="});
    // A statement made out, for the statement rows (the exporter's own row answers it again: 200).
    let statement_app = crate::world::statement_application(&w, &w.exporter).await;
    let statement_uri = format!("/api/v1/applications/{statement_app}/statement");
    let made_out = json!({"place": "Tashkent"});
    let made = w.call(Method::POST, &statement_uri, &w.exporter, Some(made_out.clone())).await;
    let statement_text = made.json["text"].as_str().unwrap().to_owned();
    let statement_hash = made.json["text_hash"].as_str().unwrap().to_owned();
    // A user for the admin's writes to land on (a password reset ends that user's sessions, not a caller's).
    crate::world::create_user(&w.service, "matrix_target", origo_service::roles::Role::Customs, None).await;
    let target = id_of(&w, &crate::world::login(&w.router, "matrix_target").await, "user_id").await;
    let new_user = json!({"username": "matrix_new", "display_name": "M", "role": "auditor", "password": "long enough"});
    // A wrong current password: the policy lets every signed-in caller through to the check (422), and no
    // caller's session ends.
    let password_change = json!({"current_password": "not it", "new_password": "long enough"});

    //                       anon  exp  oth  cert sup  cus  fde  ffr  aud  adm
    let mut table: Vec<(Method, String, Option<Value>, &str)> = vec![
        (Method::GET, "/api/v1/health".into(), None, "AAAAAAAAAA"),
        (Method::GET, "/api/v1/openapi.json".into(), None, "AAAAAAAAAA"),
        (Method::GET, "/api/docs".into(), None, "AAAAAAAAAA"),
        (Method::GET, "/.well-known/origo-keys.json".into(), None, "AAAAAAAAAA"),
        (Method::GET, "/api/v1/status-list".into(), None, "AAAAAAAAAA"),
        (Method::GET, "/api/v1/public/rex/UZREX301234567".into(), None, "AAAAAAAAAA"),
        (Method::GET, format!("/api/v1/public/certificates/{number}?code={code}"), None, "AAAAAAAAAA"),
        (Method::GET, "/api/v1/session".into(), None, "UAAAAAAAAA"),
        (Method::POST, "/api/v1/tokens".into(), Some(json!({"name": "ci", "scopes": ["read"]})), "UAAAAAAAAA"),
        (Method::POST, "/api/v1/registrations".into(), Some(registration("307777777")), "UAAFFFFFFF"),
        (Method::GET, "/api/v1/registrations".into(), None, "UAAAAAAAAF"),
        (Method::GET, format!("/api/v1/registrations/{reg}"), None, "UANAAAAAAF"),
        (Method::GET, format!("/api/v1/registrations/{reg}/history"), None, "UANAAAAAAF"),
        (
            Method::PUT,
            format!("/api/v1/registrations/{reg}"),
            Some(json!({"expected_version": 999, "data": registration("301234567")})),
            "UANAFFFFFF",
        ),
        (
            Method::POST,
            format!("/api/v1/registrations/{reg}/decision"),
            Some(json!({"decision": "refuse", "reasons": "no"})),
            "UFFAFFFFFF",
        ),
        (Method::POST, "/api/v1/applications".into(), Some(furniture()), "UAAFFFFFFF"),
        (Method::GET, "/api/v1/applications".into(), None, "UAAAAAFFAF"),
        (Method::GET, format!("/api/v1/applications/{submitted}"), None, "UANAAAFFAF"),
        (Method::POST, format!("/api/v1/applications/{draft}/submit"), None, "UANFFFFFFF"),
        (Method::POST, format!("/api/v1/applications/{draft}/evidence"), Some(pdf), "UANFFFFFFF"),
        // The risk assessment is the officers' and the read-only roles', never the exporter's.
        (Method::GET, format!("/api/v1/applications/{submitted}/risk"), None, "UFFAAAFFAF"),
        (
            Method::POST,
            format!("/api/v1/applications/{submitted}/risk"),
            Some(json!({"high_risk": false})),
            "UFFAFFFFFF",
        ),
        (
            Method::POST,
            format!("/api/v1/applications/{submitted}/examination"),
            Some(json!({"decision": "request_information", "reasons": "invoice"})),
            "UFFAFFFFFF",
        ),
        (Method::POST, format!("/api/v1/applications/{approved}/second-signature"), None, "UFFFAFFFFF"),
        (Method::POST, format!("/api/v1/applications/{approved}/certificate"), None, "UFFAFFFFFF"),
        (Method::GET, format!("/api/v1/certificates/{certificate}"), None, "UANAAAANAF"),
        // The PDF prints the security code: the exporter's and the certifying body's (409 here: no KEK, no code).
        (Method::GET, format!("/api/v1/certificates/{certificate}/pdf"), None, "UANAAFFNFF"),
        (Method::POST, "/api/v1/verifications/bulk".into(), Some(json!({"numbers": [number]})), "UAAAAAAAAF"),
        (
            Method::POST,
            format!("/api/v1/certificates/{certificate}/revocation"),
            Some(json!({"reasons": "withdrawn"})),
            "UFFAFFFFFF",
        ),
        (
            Method::POST,
            format!("/api/v1/registrations/{other_reg}/revocation"),
            Some(json!({"revoked_on": "2026-05-01", "grounds": "fraud"})),
            "UFFAFFFFFF",
        ),
        (Method::POST, "/api/v1/keys/rotation".into(), None, "UFFFFFFFFA"),
        (Method::POST, statement_uri, Some(made_out), "UANFFFFFFF"),
        (Method::GET, "/api/v1/statements".into(), None, "UAAAAAFFAF"),
        (Method::POST, "/api/v1/public/statements/check".into(), Some(json!({"text": statement_text})), "AAAAAAAAAA"),
        (Method::GET, format!("/api/v1/public/statements/{statement_hash}"), None, "AAAAAAAAAA"),
        (
            Method::POST,
            format!("/api/v1/certificates/{certificate}/replacement"),
            Some(json!({"reasons": "consignee corrected"})),
            "UFFAFFFFFF",
        ),
        (Method::GET, "/api/v1/users".into(), None, "UFFFFFFFFA"),
        (Method::POST, "/api/v1/users".into(), Some(new_user), "UFFFFFFFFA"),
        (Method::GET, format!("/api/v1/users/{target}"), None, "UFFFFFFFFA"),
        (Method::PATCH, format!("/api/v1/users/{target}"), Some(json!({"disabled": false})), "UFFFFFFFFA"),
        (
            Method::POST,
            format!("/api/v1/users/{target}/password"),
            Some(json!({"password": "set by the admin"})),
            "UFFFFFFFFA",
        ),
        (Method::POST, "/api/v1/session/password".into(), Some(password_change), "UAAAAAAAAA"),
        (Method::GET, "/api/v1/audit".into(), None, "UFFFAFFFAA"),
        (Method::GET, "/api/v1/audit/verification".into(), None, "UFFFAFFFAA"),
        // The dashboard's figures: officers, read-only roles and the admin; a foreign authority its own country's.
        (Method::GET, "/api/v1/statistics/dashboard".into(), None, "UFFAAAAAAA"),
        // Exchange rates: the officers and the administrator read, the administrator adds.
        (Method::GET, "/api/v1/exchange-rates".into(), None, "UFFAAAFFAA"),
        (
            Method::POST,
            "/api/v1/exchange-rates".into(),
            Some(json!({"currency": "EUR", "date": "2026-05-04", "rate": "1.085", "source": "test"})),
            "UFFFFFFFFA",
        ),
    ];
    // Post-clearance control, utilisation, flags and supplier declarations, on records of their own.
    table.extend(crate::control::matrix_rows(&w).await);
    // Administrative cooperation: verification requests, steps, replies, statistics.
    table.extend(crate::cooperation::matrix_rows(&w).await);
    // Documents asked of the exporter during a verification.
    table.extend(crate::document_requests::matrix_rows(&w).await);
    let mut failures = Vec::new();
    for (method, uri, body, expected) in &table {
        assert_eq!(expected.len(), CALLERS.len(), "{uri}");
        for (name, want) in CALLERS.iter().zip(expected.chars()) {
            let answer = w.call(method.clone(), uri, caller(&w, &anonymous, name), body.clone()).await;
            let status = answer.status;
            let ok = match want {
                'A' => {
                    status.is_success() || status == StatusCode::CONFLICT || status == StatusCode::UNPROCESSABLE_ENTITY
                }
                'U' => status == StatusCode::UNAUTHORIZED,
                'F' => status == StatusCode::FORBIDDEN,
                'N' => status == StatusCode::NOT_FOUND,
                other => panic!("bad expectation {other}"),
            };
            if !ok {
                failures.push(format!("{method} {uri} as {name}: expected {want}, got {status} {}", answer.json));
            }
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

async fn a_read_only_token_reads_but_never_writes(store: origo_store::Store) {
    let w = world(store).await;
    let made =
        w.call(Method::POST, "/api/v1/tokens", &w.exporter, Some(json!({"name": "erp", "scopes": ["read"]}))).await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.json);
    let token = Credentials::Bearer(made.json["token"].as_str().unwrap().to_owned());
    assert!(made.json["token"].as_str().unwrap().starts_with("origo_"));
    let list = w.call(Method::GET, "/api/v1/applications", &token, None).await;
    assert_eq!(list.status, StatusCode::OK);
    let create = w.call(Method::POST, "/api/v1/applications", &token, Some(furniture())).await;
    assert_eq!((create.status, create.code()), (StatusCode::FORBIDDEN, "forbidden"));
    let write =
        w.call(Method::POST, "/api/v1/tokens", &w.exporter, Some(json!({"name": "erp2", "scopes": ["write"]}))).await;
    let write = Credentials::Bearer(write.json["token"].as_str().unwrap().to_owned());
    let create = w.call(Method::POST, "/api/v1/applications", &write, Some(furniture())).await;
    assert_eq!(create.status, StatusCode::CREATED, "{:?}", create.json);
}

async fn pages_follow_the_cursor(store: origo_store::Store) {
    let w = world(store).await;
    for _ in 0..3 {
        w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    }
    let first = w.call(Method::GET, "/api/v1/applications?limit=2", &w.exporter, None).await;
    assert_eq!(first.json["items"].as_array().unwrap().len(), 2);
    let cursor = first.json["next_cursor"].as_str().expect("a next page").to_owned();
    let second = w.call(Method::GET, &format!("/api/v1/applications?limit=2&cursor={cursor}"), &w.exporter, None).await;
    assert_eq!(second.json["items"].as_array().unwrap().len(), 1);
    assert!(second.json["next_cursor"].is_null());
}

both_backends!(every_endpoint_with_every_role, a_read_only_token_reads_but_never_writes, pages_follow_the_cursor);
