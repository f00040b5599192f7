//! The audit trail over HTTP: records appear after an action, page by sequence number and filter by entity;
//! only supervisors, auditors and administrators read it; the chain check is intact on a fresh world and names
//! the record edited behind the store's back.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::common::{Credentials, on_postgres_with_url, on_sqlite_with_url, tamper};
use crate::world::{furniture, world};

async fn records_appear_after_an_action(store: origo_store::Store) {
    let w = world(store).await;
    let seq = w.audit_seq().await;
    let created = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    let id = created.json["id"].as_str().unwrap().to_owned();

    let page = w.call(Method::GET, &format!("/api/v1/audit?after={seq}"), &w.auditor, None).await;
    assert_eq!(page.status, StatusCode::OK, "{:?}", page.json);
    let items = page.json["items"].as_array().unwrap();
    let record = items.iter().find(|r| r["action"] == "application.created").expect("the new record");
    assert_eq!(record["entity_type"], "application");
    assert_eq!(record["entity_id"], id.as_str());
    assert_eq!(record["actor_role"], "exporter");
    assert!(record["before_hash"].is_null() && record["after_hash"].as_str().is_some_and(|h| h.len() == 64));
    assert!(record["hash"].as_str().is_some_and(|h| h.len() == 64) && record["at"].is_string());
    assert!(items.iter().all(|r| r["seq"].as_i64().unwrap() > seq));

    // Paging by sequence number.
    let first = w.call(Method::GET, "/api/v1/audit?limit=2", &w.supervisor, None).await;
    let seqs: Vec<_> = first.json["items"].as_array().unwrap().iter().map(|r| r["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, [1, 2]);
    assert_eq!(first.json["next_after"], 2);
    let second = w.call(Method::GET, "/api/v1/audit?after=2&limit=1", &w.admin, None).await;
    assert_eq!(second.json["items"][0]["seq"], 3);
    assert_eq!(second.json["items"][0]["prev_hash"], first.json["items"][1]["hash"], "the chain links");
    let last = w.call(Method::GET, &format!("/api/v1/audit?after={seq}&limit=200"), &w.admin, None).await;
    assert!(last.json["next_after"].is_null());

    // Filtered by entity.
    let uri = format!("/api/v1/audit?entity_type=application&entity_id={id}");
    let about = w.call(Method::GET, &uri, &w.auditor, None).await;
    let about = about.json["items"].as_array().unwrap().clone();
    assert!(!about.is_empty() && about.iter().all(|r| r["entity_id"] == id.as_str()));

    // Who may not, and bad parameters.
    for who in [&w.exporter, &w.certifier, &w.customs, &w.foreign_de] {
        let refused = w.call(Method::GET, "/api/v1/audit", who, None).await;
        assert_eq!((refused.status, refused.code()), (StatusCode::FORBIDDEN, "forbidden"));
    }
    let anonymous = w.call(Method::GET, "/api/v1/audit", &Credentials::Anonymous, None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    for (uri, field) in [
        ("/api/v1/audit?limit=0", Some("limit")),
        ("/api/v1/audit?after=-1", Some("after")),
        ("/api/v1/audit?entity_type=application", Some("entity_id")),
        ("/api/v1/audit?entity_id=x", Some("entity_type")),
        ("/api/v1/audit?after=abc", None),
        ("/api/v1/audit?sort=desc", None),
    ] {
        let answer = w.call(Method::GET, uri, &w.auditor, None).await;
        assert_eq!((answer.status, answer.code()), (StatusCode::BAD_REQUEST, "invalid_parameter"), "{uri}");
        assert_eq!(answer.json["error"]["field"].as_str(), field, "{uri}");
    }
}

async fn the_chain_check_over_http(store: origo_store::Store, url: String) {
    let w = world(store).await;
    let fresh = w.call(Method::GET, "/api/v1/audit/verification", &w.auditor, None).await;
    assert_eq!(fresh.status, StatusCode::OK, "{:?}", fresh.json);
    assert_eq!(fresh.json["intact"], true);
    assert!(fresh.json["first_bad"].is_null());
    let head = w.audit_seq().await;
    assert_eq!(fresh.json["records"], head);
    assert_eq!(fresh.json["head"]["seq"], head);
    assert_eq!(fresh.json["head"]["hash"].as_str().map(str::len), Some(64));
    let refused = w.call(Method::GET, "/api/v1/audit/verification", &w.exporter, None).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    tamper(&url, "UPDATE audit_log SET actor_role = 'admin' WHERE seq = 5").await;
    let broken = w.call(Method::GET, "/api/v1/audit/verification", &w.supervisor, None).await;
    assert_eq!(broken.status, StatusCode::OK);
    assert_eq!(broken.json["intact"], false);
    assert_eq!(broken.json["records"], 4);
    assert_eq!(
        broken.json["first_bad"],
        json!({"seq": 5, "problem": "hash_mismatch", "message": "audit record 5 does not match its hash (edited or moved)"})
    );
}

crate::common::both_backends!(records_appear_after_an_action);

mod chain_check {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::on_sqlite_with_url(super::the_chain_check_over_http).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::on_postgres_with_url("the_chain_check_over_http", super::the_chain_check_over_http).await;
    }
}
