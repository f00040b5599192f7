//! `GET /api/v1/statistics/dashboard` over the known history of `pages_dashboard` (May to July 2026: three
//! applications, two certificates of one item of 1 000.00 EUR each, one revoked; a verification request from
//! Germany answered in time and one from France open): the same figures the page shows, as JSON with decimal
//! strings; `null` for the parts a role may not read; a bad period named at its field with 400.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Credentials, both_backends};
use crate::pages_dashboard::history;
use crate::world::{World, login, world};

const URI: &str = "/api/v1/statistics/dashboard";

async fn figures(w: &World, who: &Credentials, query: &str) -> Value {
    let answer = w.call(Method::GET, &format!("{URI}{query}"), who, None).await;
    assert_eq!(answer.status, StatusCode::OK, "{query}: {}", answer.json);
    answer.json
}

async fn the_figures_of_a_known_history_as_json(store: origo_store::Store) {
    let w = world(store).await;
    history(&w).await;
    let supervisor = login(&w.router, "supervisor").await;
    let d = figures(&w, &supervisor, "?from=2026-05&to=2026-07").await;
    assert_eq!((d["from"].as_str(), d["to"].as_str()), (Some("2026-05"), Some("2026-07")));
    assert_eq!(
        d["applications"],
        json!([
            {"month": "2026-05", "submitted": 1},
            {"month": "2026-06", "submitted": 1},
            {"month": "2026-07", "submitted": 1}
        ])
    );
    let certificates = &d["certificates"];
    assert_eq!(
        certificates["issued"][0],
        json!({"month": "2026-05", "non_preferential": 1, "ct1": 0, "ct_uz": 0, "total": 1})
    );
    assert_eq!(certificates["issued"][2]["total"], 0);
    assert_eq!(certificates["status_changes"][2], json!({"month": "2026-07", "revoked": 1, "replaced": 0}));
    let hs = &certificates["hs_codes"];
    assert_eq!(hs["items"], 2);
    assert_eq!(hs["by_items"], json!([{"hs_code": "940360", "items": 2, "certificates": 2}]));
    // Money as an exact decimal string, per currency.
    assert_eq!(
        hs["by_value"],
        json!([{"currency": "EUR", "items": 2, "total": "2000.00",
                "top": [{"hs_code": "940360", "items": 2, "value": "2000.00"}]}])
    );
    let risk = &d["risk"];
    assert_eq!(risk["assessed"], 3);
    assert_eq!(risk["bands"][1], json!({"from": "0.1", "to": "0.2", "applications": 2}));
    assert_eq!(risk["bands"][4]["applications"], 1);
    assert_eq!(risk["bands"][9], json!({"from": "0.9", "to": "1.0", "applications": 0}));
    assert_eq!(risk["routes"][0], json!({"route": "automatic_approval", "applications": 2, "randomly_selected": 0}));
    let countries: Vec<(&str, u64, u64)> = d["cooperation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (c["country"].as_str().unwrap(), c["requests"].as_u64().unwrap(), c["answered_in_time"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(countries, [("DE", 1, 1), ("FR", 1, 0)]);
    assert_eq!(d["cooperation"][0]["median_turnaround_days"], "10");

    // The default period: the twelve months up to the clock's month (July 2026).
    let default = figures(&w, &supervisor, "").await;
    assert_eq!((default["from"].as_str(), default["to"].as_str()), (Some("2025-08"), Some("2026-07")));
    assert_eq!(default["applications"].as_array().unwrap().len(), 12);
}

async fn each_role_gets_the_parts_it_may_read(store: origo_store::Store) {
    let w = world(store).await;
    history(&w).await;
    let query = "?from=2026-05&to=2026-07";
    for (name, aggregate, cooperation) in [
        ("certifier", true, true),
        ("supervisor", true, true),
        ("customs", true, true),
        ("auditor", true, true),
        ("admin", true, false),
        ("foreign_de", false, true),
    ] {
        let d = figures(&w, &login(&w.router, name).await, query).await;
        for part in ["applications", "risk", "certificates"] {
            assert_eq!(!d[part].is_null(), aggregate, "{name}: {part}");
        }
        assert_eq!(!d["cooperation"].is_null(), cooperation, "{name}: cooperation");
    }
    // A foreign authority: its own country's requests only.
    let de = figures(&w, &login(&w.router, "foreign_de").await, query).await;
    assert_eq!(de["cooperation"].as_array().unwrap().len(), 1);
    assert_eq!(de["cooperation"][0]["country"], "DE");
    let exporter = w.call(Method::GET, URI, &login(&w.router, "exporter").await, None).await;
    assert_eq!((exporter.status, exporter.code()), (StatusCode::FORBIDDEN, "forbidden"));
    let anonymous = w.call(Method::GET, URI, &Credentials::Anonymous, None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

async fn a_bad_period_is_named_at_its_field(store: origo_store::Store) {
    let w = world(store).await;
    let certifier = w.certifier.clone();
    for (query, field) in [
        ("?from=2026-13", "from"),
        ("?from=2026-02-30", "from"),
        ("?to=march", "to"),
        ("?to=2026-00", "to"),
        ("?from=2026-05&to=2026-04", "from"),
        ("?from=2020-01&to=2026-01", "from"),
    ] {
        let answer = w.call(Method::GET, &format!("{URI}{query}"), &certifier, None).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{query}: {}", answer.json);
        assert_eq!(answer.code(), "invalid_parameter", "{query}");
        assert_eq!(answer.json["error"]["field"], field, "{query}: {}", answer.json);
    }
    // Sixty months is the longest period allowed; an unknown parameter is refused.
    assert_eq!(
        w.call(Method::GET, &format!("{URI}?from=2021-02&to=2026-01"), &certifier, None).await.status,
        StatusCode::OK
    );
    let unknown = w.call(Method::GET, &format!("{URI}?form=2026-01"), &certifier, None).await;
    assert_eq!((unknown.status, unknown.code()), (StatusCode::BAD_REQUEST, "invalid_parameter"));
}

both_backends!(
    the_figures_of_a_known_history_as_json,
    each_role_gets_the_parts_it_may_read,
    a_bad_period_is_named_at_its_field,
);
