//! Risk-based examination over HTTP: `GET /api/v1/applications/{id}/risk` and the `risk` object of an
//! application for officers (never for the exporter), an inspection route that needs the second signature, and
//! the officers' pages: the queue's risk column, route filter and order, the dossier's risk section.

use axum::http::{Method, StatusCode};
use origo_service::Config;
use origo_service::risk::RiskSettings;
use origo_web::WebSettings;
use serde_json::json;

use crate::common::both_backends;
use crate::pages_client::{get, session};
use crate::world::{World, furniture, world_with_config};

async fn risk_world(store: origo_store::Store, risk: &str) -> World {
    let config = Config { risk: RiskSettings::from_json(risk).unwrap(), ..Config::default() };
    world_with_config(store, WebSettings::default(), config).await
}

/// Nothing selected at random: routes follow the findings alone.
const NO_RANDOM: &str = r#"{"random_selection": {"share": 0}}"#;

async fn submitted(w: &World) -> String {
    let created = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    let id = created.json["id"].as_str().unwrap().to_owned();
    let done = w.call(Method::POST, &format!("/api/v1/applications/{id}/submit"), &w.exporter, None).await;
    assert_eq!(done.status, StatusCode::OK, "{:?}", done.json);
    id
}

async fn officers_read_the_assessment_and_the_exporter_does_not(store: origo_store::Store) {
    let w = risk_world(store, NO_RANDOM).await;
    let id = submitted(&w).await;
    let uri = format!("/api/v1/applications/{id}/risk");

    let report = w.call(Method::GET, &uri, &w.certifier, None).await;
    assert_eq!(report.status, StatusCode::OK, "{:?}", report.json);
    let latest = &report.json["latest"];
    // The furniture producer registered in 2026 is a new exporter, and nothing else.
    assert_eq!(latest["score"], "0.20", "decimals are strings");
    assert_eq!(latest["route"], "automatic_approval");
    assert_eq!(
        (latest["automatic_approval_allowed"].as_bool(), latest["second_signature_required"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(latest["randomly_selected"], false);
    assert_eq!(latest["findings"][0]["indicator"], "new_exporter");
    assert_eq!(latest["findings"][0]["points"], "0.20");
    assert!(latest["findings"][0]["reason"].as_str().unwrap().contains("Furniture 301234567 LLC"));
    assert_eq!(latest["config_fingerprint"].as_str().map(str::len), Some(64));
    assert_eq!(report.json["earlier"], json!([]));

    let detail = w.call(Method::GET, &format!("/api/v1/applications/{id}"), &w.auditor, None).await;
    assert_eq!(detail.json["risk"]["route"], "automatic_approval");
    let own = w.call(Method::GET, &format!("/api/v1/applications/{id}"), &w.exporter, None).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.json.get("risk").is_none(), "the exporter is not told: {:?}", own.json);
    let refused = w.call(Method::GET, &uri, &w.exporter, None).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::FORBIDDEN, "forbidden"));

    // A draft was never assessed; an id that does not exist is not found either.
    let draft = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    let draft = draft.json["id"].as_str().unwrap();
    let none = w.call(Method::GET, &format!("/api/v1/applications/{draft}/risk"), &w.certifier, None).await;
    assert_eq!((none.status, none.code()), (StatusCode::NOT_FOUND, "not_found"));
    let bad = w.call(Method::GET, "/api/v1/applications/not-an-id/risk", &w.certifier, None).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

async fn an_inspection_route_waits_for_the_second_signature(store: origo_store::Store) {
    // A low threshold for inspection: the new exporter's 0.20 is enough.
    let w =
        risk_world(store, r#"{"random_selection": {"share": 0}, "thresholds": {"medium": 0.1, "high": 0.2}}"#).await;
    let id = submitted(&w).await;
    let read = w.call(Method::GET, &format!("/api/v1/applications/{id}"), &w.certifier, None).await;
    assert_eq!(read.json["application"]["high_risk"], true);
    assert_eq!(read.json["risk"]["route"], "inspection");
    assert_eq!(read.json["risk"]["second_signature_required"], true);
    let approve = json!({"decision": "approve"});
    let approved =
        w.call(Method::POST, &format!("/api/v1/applications/{id}/examination"), &w.certifier, Some(approve)).await;
    assert_eq!(approved.json["state"], "awaiting_second_signature", "{:?}", approved.json);
    let signed =
        w.call(Method::POST, &format!("/api/v1/applications/{id}/second-signature"), &w.supervisor, None).await;
    assert_eq!(signed.json["state"], "approved", "{:?}", signed.json);
}

async fn the_queue_and_the_dossier_show_the_assessment(store: origo_store::Store) {
    let w = risk_world(store, r#"{"random_selection": {"share": 1, "seed": 9}}"#).await;
    let id = submitted(&w).await;
    let reference = id.replace('-', "")[24..].to_ascii_uppercase();
    let english = vec![session(&w.certifier), ("origo_lang", "en".to_owned())];

    let queue = get(&w.router, "/officer/queue?sort=-score", &english, &[]).await;
    assert_eq!(queue.status, StatusCode::OK);
    for part in
        [reference.as_str(), "Risk route", "Highest risk first", "0.20", "Documentary check", "Selected at random"]
    {
        assert!(queue.body.contains(part), "{part} not in {}", queue.body);
    }
    let selected = get(&w.router, "/officer/queue?route=random", &english, &[]).await;
    assert!(selected.body.contains(&reference));
    let inspections = get(&w.router, "/officer/queue?route=inspection", &english, &[]).await;
    assert_eq!(inspections.status, StatusCode::OK);
    assert!(!inspections.body.contains(&reference), "a documentary check is not an inspection");
    let bad = get(&w.router, "/officer/queue?route=maybe", &english, &[]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    let dossier = get(&w.router, &format!("/officer/applications/{id}"), &english, &[]).await;
    assert_eq!(dossier.status, StatusCode::OK);
    for part in [
        "Risk assessment",
        "Risk score",
        "Documentary check",
        "Selected at random",
        "New exporter",
        "<td lang=\"en\">This is the first export on record of exporter Furniture 301234567 LLC",
        "Risk assessed",
    ] {
        assert!(dossier.body.contains(part), "{part} not in {}", dossier.body);
    }
    let russian = vec![session(&w.certifier), ("origo_lang", "ru".to_owned())];
    let dossier = get(&w.router, &format!("/officer/applications/{id}"), &russian, &[]).await;
    assert!(dossier.body.contains("Оценка риска") && dossier.body.contains("Выбрана случайно"));
    // The exporter's own pages say nothing of it.
    let exporter = vec![session(&w.exporter), ("origo_lang", "en".to_owned())];
    let own = get(&w.router, &format!("/exporter/applications/{id}"), &exporter, &[]).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(!own.body.contains("first export on record") && !own.body.contains("Selected at random"), "{}", own.body);
}

both_backends!(
    officers_read_the_assessment_and_the_exporter_does_not,
    an_inspection_route_waits_for_the_second_signature,
    the_queue_and_the_dossier_show_the_assessment,
);
