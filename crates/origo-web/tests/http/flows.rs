//! The main flow over HTTP and what must hold around it: the public check's answers, idempotent issuance, the
//! rate limit and the OpenAPI document.

use axum::http::{Method, StatusCode};
use origo_service::roles::Role;
use origo_web::{RateSettings, WebSettings};
use serde_json::json;

use crate::common::{Credentials, both_backends};
use crate::world::{approved_application, create_user, furniture, login, registration, world, world_with};

async fn full_flow_over_http(store: origo_store::Store) {
    let w = world(store).await;
    // A new company signs in, applies for registration; a certifier registers it.
    create_user(&w.service, "newco", Role::Exporter, None).await;
    let newco = login(&w.router, "newco").await;
    let applied = w.call(Method::POST, "/api/v1/registrations", &newco, Some(registration("305555555"))).await;
    assert_eq!(applied.status, StatusCode::CREATED, "{:?}", applied.json);
    assert_eq!(applied.json["status"], "applied");
    let reg_id = applied.json["id"].as_str().unwrap().to_owned();
    let decision = json!({"decision": "register", "valid_from": "2026-05-01", "reasons": "complete"});
    let decided =
        w.call(Method::POST, &format!("/api/v1/registrations/{reg_id}/decision"), &w.certifier, Some(decision)).await;
    assert_eq!(decided.status, StatusCode::OK, "{:?}", decided.json);
    assert_eq!(decided.json["rex_number"], "UZREX305555555");
    let public = w.call(Method::GET, "/api/v1/public/rex/UZREX305555555", &Credentials::Anonymous, None).await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(public.json["valid_from"], "2026-05-01");

    // The session carries the exporter only after signing in again.
    let newco = login(&w.router, "newco").await;
    let created = w.call(Method::POST, "/api/v1/applications", &newco, Some(furniture())).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.json);
    assert_eq!(created.json["state"], "draft");
    let id = created.json["id"].as_str().unwrap().to_owned();
    let submitted = w.call(Method::POST, &format!("/api/v1/applications/{id}/submit"), &newco, None).await;
    assert_eq!(submitted.json["state"], "submitted", "{:?}", submitted.json);
    let view = w.call(Method::GET, &format!("/api/v1/applications/{id}"), &w.certifier, None).await;
    assert_eq!(view.json["items"][0]["determination"]["outcome"], "originating", "{:?}", view.json);
    let approve = json!({"decision": "approve"});
    let approved =
        w.call(Method::POST, &format!("/api/v1/applications/{id}/examination"), &w.certifier, Some(approve)).await;
    assert_eq!(approved.json["state"], "approved", "{:?}", approved.json);
    let issued = w.call(Method::POST, &format!("/api/v1/applications/{id}/certificate"), &w.certifier, None).await;
    assert_eq!(issued.status, StatusCode::CREATED, "{:?}", issued.json);
    let number = issued.json["number"].as_str().unwrap().to_owned();
    let code = issued.json["security_code"].as_str().unwrap().to_owned();
    let certificate_id = issued.json["certificate_id"].as_str().unwrap().to_owned();

    let check = format!("/api/v1/public/certificates/{number}?code={code}");
    let valid = w.call(Method::GET, &check, &Credentials::Anonymous, None).await;
    assert_eq!(valid.status, StatusCode::OK, "{:?}", valid.json);
    assert_eq!(valid.json["status"], "valid");
    assert!(valid.json["certificate"]["items"][0].get("value").is_none(), "no prices in public");

    let revoke = json!({"reasons": "invoice was forged"});
    let revoked = w
        .call(Method::POST, &format!("/api/v1/certificates/{certificate_id}/revocation"), &w.certifier, Some(revoke))
        .await;
    assert_eq!(revoked.status, StatusCode::OK, "{:?}", revoked.json);
    let after = w.call(Method::GET, &check, &Credentials::Anonymous, None).await;
    assert_eq!(after.json["status"], "revoked");
    let list = w.call(Method::GET, "/api/v1/status-list", &Credentials::Anonymous, None).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.bytes.windows(number.len()).any(|w| w == number.as_bytes()), "the status list names it");
    let keys = w.call(Method::GET, "/.well-known/origo-keys.json", &Credentials::Anonymous, None).await;
    assert!(keys.json["audit_head"].is_string(), "{:?}", keys.json);

    // Signing out ends the session.
    let out = w.call(Method::DELETE, "/api/v1/session", &newco, None).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let gone = w.call(Method::GET, "/api/v1/session", &newco, None).await;
    assert_eq!((gone.status, gone.code()), (StatusCode::UNAUTHORIZED, "unauthenticated"));
    assert!(origo_store::audit::verify(&w.store).await.unwrap().is_intact());
}

async fn wrong_code_and_unknown_number_give_identical_answers(store: origo_store::Store) {
    let w = world(store).await;
    let id = approved_application(&w).await;
    let issued = w.call(Method::POST, &format!("/api/v1/applications/{id}/certificate"), &w.certifier, None).await;
    let number = issued.json["number"].as_str().unwrap();
    let wrong = w
        .call(
            Method::GET,
            &format!("/api/v1/public/certificates/{number}?code=WRONGCODE1"),
            &Credentials::Anonymous,
            None,
        )
        .await;
    let unknown = w
        .call(Method::GET, "/api/v1/public/certificates/UZ-2026-999999?code=WRONGCODE1", &Credentials::Anonymous, None)
        .await;
    let no_code =
        w.call(Method::GET, &format!("/api/v1/public/certificates/{number}"), &Credentials::Anonymous, None).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert_eq!(wrong.code(), "not_found");
    for other in [&unknown, &no_code] {
        assert_eq!(other.status, wrong.status);
        assert_eq!(other.bytes, wrong.bytes, "byte-identical bodies");
    }
}

async fn issuance_with_an_idempotency_key_happens_once(store: origo_store::Store) {
    let w = world(store).await;
    let id = approved_application(&w).await;
    let uri = format!("/api/v1/applications/{id}/certificate");
    let mut first = crate::common::request(Method::POST, &uri, &w.certifier, None);
    first.headers_mut().insert("idempotency-key", "issue-42".parse().unwrap());
    let first = crate::common::send(&w.router, first).await;
    assert_eq!(first.status, StatusCode::CREATED, "{:?}", first.json);
    assert!(first.json["security_code"].is_string());
    let mut again = crate::common::request(Method::POST, &uri, &w.certifier, None);
    again.headers_mut().insert("idempotency-key", "issue-42".parse().unwrap());
    let again = crate::common::send(&w.router, again).await;
    assert_eq!(again.status, StatusCode::CREATED, "{:?}", again.json);
    assert_eq!(again.json["number"], first.json["number"]);
    assert_eq!(again.json["certificate_id"], first.json["certificate_id"]);
    assert!(again.json["security_code"].is_null(), "the code is shown once");
    // Without the key a retry is a second request: the application is already issued.
    let third = w.call(Method::POST, &uri, &w.certifier, None).await;
    assert_eq!((third.status, third.code()), (StatusCode::CONFLICT, "invalid_state"));
}

async fn the_public_check_is_rate_limited(store: origo_store::Store) {
    let settings = WebSettings { public_rate: RateSettings { burst: 3, per_second: 0.001 }, ..WebSettings::default() };
    let w = world_with(store, settings).await;
    let uri = "/api/v1/public/certificates/UZ-2026-000001?code=ABCDEFGHJK";
    for _ in 0..3 {
        let answer = w.call(Method::GET, uri, &Credentials::Anonymous, None).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
    }
    let limited = w.call(Method::GET, uri, &Credentials::Anonymous, None).await;
    assert_eq!((limited.status, limited.code()), (StatusCode::TOO_MANY_REQUESTS, "rate_limited"));
    assert!(limited.headers.contains_key("retry-after"));
    // Only the public check is limited.
    let health = w.call(Method::GET, "/api/v1/health", &Credentials::Anonymous, None).await;
    assert_eq!(health.status, StatusCode::OK);
}

async fn the_openapi_document_lists_the_fixed_paths(store: origo_store::Store) {
    let w = world(store).await;
    let answer = w.call(Method::GET, "/api/v1/openapi.json", &Credentials::Anonymous, None).await;
    assert_eq!(answer.status, StatusCode::OK);
    let doc: utoipa::openapi::OpenApi = serde_json::from_slice(&answer.bytes).expect("an OpenAPI document");
    assert!(answer.json["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/v1/applications",
        "/api/v1/applications/{id}/certificate",
        "/api/v1/public/certificates/{number}",
        "/api/v1/public/rex/{number}",
        "/api/v1/verifications/bulk",
        "/api/v1/session",
        "/api/v1/openapi.json",
        "/.well-known/origo-keys.json",
    ] {
        assert!(doc.paths.paths.contains_key(path), "{path} missing");
    }
    // A parameter said to be in the path must be in the path's template; the rest are query parameters (or the idempotency header), so that
    // clients generated from the document (and the Swagger UI) send them where the server reads them.
    let mut query_parameters = 0;
    for (path, item) in answer.json["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                let name = parameter["name"].as_str().unwrap();
                match parameter["in"].as_str().unwrap() {
                    "path" => assert!(path.contains(&format!("{{{name}}}")), "{method} {path}: {name} is no path part"),
                    "query" => query_parameters += 1,
                    "header" => assert_eq!(name, "Idempotency-Key", "{method} {path}"),
                    other => panic!("{method} {path}: {name} in {other}"),
                }
            }
        }
    }
    assert!(query_parameters >= 5, "only {query_parameters} query parameters");
    let verify = &answer.json["paths"]["/api/v1/public/certificates/{number}"]["get"]["parameters"];
    let code = verify.as_array().unwrap().iter().find(|p| p["name"] == "code").expect("the code parameter");
    assert_eq!(code["in"], "query");
}

both_backends!(
    full_flow_over_http,
    wrong_code_and_unknown_number_give_identical_answers,
    issuance_with_an_idempotency_key_happens_once,
    the_public_check_is_rate_limited,
    the_openapi_document_lists_the_fixed_paths,
);
