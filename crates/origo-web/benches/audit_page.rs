//! Server render time of `/officer/audit` over a trail of 100 000 audit records (SQLite), through the whole router
//! as an auditor:
//!
//! - `audit_page_full`: `/officer/audit?full=1`, the check of every record, which is what every visit did before
//!   the checkpoint (docs/PERFORMANCE.md, "Audit page");
//! - `audit_page`: `/officer/audit`, a visit that checks the records appended since the last check (none here:
//!   the cost of a visit when nothing changed);
//! - `audit_page_after_10`: the same visit after ten new records (they are appended inside the timed loop by a
//!   write of ten audited changes, so that figure includes that write; `write_10` alone is measured beside it).
//!
//! The trail is seeded once per run with the store directly, 1 000 records per transaction.
//! `ORIGO_BENCH_AUDIT_RECORDS` changes the count.
//!
//! Run: `cargo bench -p origo-web --bench audit_page`. Figures go in docs/PERFORMANCE.md.

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use criterion::{Criterion, criterion_group, criterion_main};
use http_body_util::BodyExt;
use origo_service::auth::NewUser;
use origo_service::roles::Role;
use origo_service::{Clock, Config, Service};
use origo_store::audit::AuditEvent;
use origo_store::{Actor, Store};
use origo_web::WebSettings;
use time::macros::datetime;
use tokio::runtime::Runtime;
use tower::ServiceExt;

const PASSWORD: &str = "origo-bench-2026";
const CHUNK: usize = 1000;

/// Appends `count` audit records (changes to made-up applications) in transactions of [`CHUNK`].
async fn append(store: &Store, count: usize, from: usize) {
    let actor = Actor::system(datetime!(2026-05-01 09:00:00 UTC));
    let mut done = 0;
    while done < count {
        let mut tx = store.begin().await.expect("begin");
        for n in done..(done + CHUNK).min(count) {
            let event = AuditEvent::new("application.submitted", "application", uuid::Uuid::now_v7())
                .before(&(from + n))
                .after(&(from + n + 1));
            tx.audit(&actor, event);
        }
        tx.commit().await.expect("commit");
        done = (done + CHUNK).min(count);
    }
}

async fn get(router: &Router, uri: &str, token: &str) -> (StatusCode, String) {
    let request = Request::get(uri)
        .header(header::ACCEPT_LANGUAGE, "en")
        .header(header::COOKIE, format!("origo_session={token}"))
        .body(Body::empty())
        .unwrap();
    let response = router.clone().oneshot(request).await.expect("an answer");
    let status = response.status();
    let bytes = response.into_body().collect().await.expect("the body").to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn bench(c: &mut Criterion) {
    let count: usize = std::env::var("ORIGO_BENCH_AUDIT_RECORDS").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let runtime = Runtime::new().expect("tokio runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("origo.db").display());
    let (router, store, token) = runtime.block_on(async {
        let store = Store::open(&url).await.expect("open the database");
        let clock = Clock::fixed(datetime!(2026-05-01 09:00:00 UTC));
        let service = Service::start(store.clone(), Config::default(), clock).await.expect("start the service");
        let system = Actor::system(service.clock().now());
        let new = NewUser {
            username: "auditor".into(),
            display_name: "Auditor".into(),
            role: Role::Auditor,
            password: PASSWORD.into(),
            exporter_id: None,
            country: None,
        };
        service.create_user_as(&system, new).await.expect("create user");
        let token = service.login("auditor", PASSWORD).await.expect("login").token;
        let started = Instant::now();
        append(&store, count, 0).await;
        eprintln!("seeded {count} audit records in {:.1?}", started.elapsed());
        (origo_web::router(service, WebSettings::default()), store, token)
    });
    runtime.block_on(async {
        for uri in ["/officer/audit?full=1", "/officer/audit"] {
            let (status, body) = get(&router, uri, &token).await;
            assert_eq!(status, StatusCode::OK, "{uri}: {body}");
            assert!(body.contains("The audit trail is intact"), "{uri}: {body}");
        }
    });
    let mut group = c.benchmark_group(format!("audit_page_{count}"));
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("audit_page_full", |b| {
        b.iter(|| runtime.block_on(get(&router, "/officer/audit?full=1", &token)));
    });
    group.sample_size(50).measurement_time(Duration::from_secs(8));
    group.bench_function("audit_page", |b| b.iter(|| runtime.block_on(get(&router, "/officer/audit", &token))));
    let mut appended = count;
    group.bench_function("write_10", |b| {
        b.iter(|| {
            runtime.block_on(append(&store, 10, appended));
            appended += 10;
        });
    });
    group.bench_function("audit_page_after_10", |b| {
        b.iter(|| {
            runtime.block_on(async {
                append(&store, 10, appended).await;
                get(&router, "/officer/audit", &token).await
            });
            appended += 10;
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
