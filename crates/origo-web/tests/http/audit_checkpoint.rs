//! The audit page's cheap chain check: a visit re-verifies only the records appended since the last check that
//! passed; an edit among them, or a rewritten checkpoint record, is still found at once; an edit before the
//! checkpoint is found by the full check (`?full=1`, and the API's verification), after which every visit checks
//! everything again until the trail is whole.

use axum::http::{Method, StatusCode};

use crate::common::{on_postgres_with_url, on_sqlite_with_url, tamper};
use crate::pages_client::{Page, get, session};
use crate::world::{World, furniture, world};

async fn audit_page(w: &World, query: &str) -> Page {
    let cookies = [session(&w.auditor), ("origo_lang", "en".to_owned())];
    let page = get(&w.router, &format!("/officer/audit{query}"), &cookies, &[]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page
}

fn intact(page: &Page) -> bool {
    let ok = page.body.contains("The audit trail is intact");
    assert_ne!(ok, page.body.contains("The audit trail has been altered"), "{}", page.body);
    ok
}

async fn a_change(w: &World) {
    let created = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    assert_eq!(created.status, StatusCode::CREATED);
}

async fn the_page_checks_only_what_is_new_and_a_full_check_finds_older_edits(store: origo_store::Store, url: String) {
    let w = world(store).await;
    // The first visit has no checkpoint: every record.
    let first = audit_page(&w, "").await;
    assert!(intact(&first) && first.body.contains("Every record."), "{}", first.body);
    let checkpoint = w.audit_seq().await;

    a_change(&w).await;
    let second = audit_page(&w, "").await;
    assert!(intact(&second), "{}", second.body);
    assert!(second.body.contains(&format!("The records after No. {checkpoint};")), "{}", second.body);
    assert!(second.body.contains("Last check of every record"), "{}", second.body);

    // An edit among the records after the checkpoint is found by the cheap check.
    a_change(&w).await;
    let moved_to = w.audit_seq().await;
    a_change(&w).await;
    tamper(&url, &format!("UPDATE audit_log SET reason = 'edited' WHERE seq = {}", moved_to + 1)).await;
    let edited = audit_page(&w, "").await;
    assert!(!intact(&edited), "{}", edited.body);
    tamper(&url, &format!("UPDATE audit_log SET reason = NULL WHERE seq = {}", moved_to + 1)).await;
    assert!(intact(&audit_page(&w, "").await));

    // An edit before the checkpoint that leaves the hashes alone is beyond the cheap check ...
    tamper(&url, "UPDATE audit_log SET actor_role = 'admin' WHERE seq = 3").await;
    assert!(intact(&audit_page(&w, "").await), "the cheap check reads only new records");
    // ... and found by the full check, after which every visit checks everything again.
    let full = audit_page(&w, "?full=1").await;
    assert!(!intact(&full) && full.body.contains("Every record."), "{}", full.body);
    a_change(&w).await;
    let after = audit_page(&w, "").await;
    assert!(!intact(&after) && after.body.contains("Every record."), "{}", after.body);
    let api = w.call(Method::GET, "/api/v1/audit/verification", &w.auditor, None).await;
    assert_eq!((api.json["intact"].as_bool(), api.json["first_bad"]["seq"].as_i64()), (Some(false), Some(3)));
}

async fn a_rewritten_checkpoint_record_is_found_by_the_cheap_check(store: origo_store::Store, url: String) {
    let w = world(store).await;
    assert!(intact(&audit_page(&w, "").await));
    let checkpoint = w.audit_seq().await;
    a_change(&w).await;
    // Rewriting history consistently changes the hash of the record the checkpoint names.
    tamper(&url, &format!("UPDATE audit_log SET hash = '{}' WHERE seq = {checkpoint}", "0".repeat(64))).await;
    let page = audit_page(&w, "").await;
    assert!(!intact(&page), "{}", page.body);
    assert!(page.body.contains(&format!("<dd>{checkpoint}</dd>")), "the record is named: {}", page.body);
}

async fn a_bad_full_parameter_is_a_bad_request(store: origo_store::Store, _url: String) {
    let w = world(store).await;
    let cookies = [session(&w.auditor)];
    assert_eq!(get(&w.router, "/officer/audit?full=yes", &cookies, &[]).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(get(&w.router, "/officer/audit?full=0", &cookies, &[]).await.status, StatusCode::OK);
}

macro_rules! with_url {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::on_sqlite_with_url(super::$name).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::on_postgres_with_url(stringify!($name), super::$name).await;
                }
            }
        )*
    };
}

with_url!(
    the_page_checks_only_what_is_new_and_a_full_check_finds_older_edits,
    a_rewritten_checkpoint_record_is_found_by_the_cheap_check,
    a_bad_full_parameter_is_a_bad_request,
);
