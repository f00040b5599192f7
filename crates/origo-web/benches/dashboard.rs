//! Server render time of `/dashboard` through the whole router (page layer, the service's authorization, the
//! aggregate SQL in one snapshot, the charts and the template), as a supervisor, for the default twelve months:
//!
//! - `dashboard_demo`: 80 applications, about what `origo demo` makes;
//! - `dashboard_10000`: 10 000 applications (`ORIGO_BENCH_APPLICATIONS` changes the count).
//!
//! Each database is made once per run in a temp folder, with the store directly (one transaction per 1 000
//! applications): 50 registered exporters; applications spread evenly over the twelve months before December 2026,
//! each with one to three goods items among eight HS subheadings, invoiced in EUR or USD; every one submitted and
//! risk-assessed (scores spread over the ten bands, one in twenty selected at random); six in ten issued with a
//! certificate (its document a stand-in: the dashboard never reads it), one in fifty of those revoked.
//!
//! Run: `cargo bench -p origo-web --bench dashboard`. Figures go in docs/PERFORMANCE.md. With
//! `ORIGO_BENCH_DIR=DIR` the databases are made in `DIR` and kept (to look at the queries' plans with `sqlite3`).

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use criterion::{Criterion, criterion_group, criterion_main};
use http_body_util::BodyExt;
use origo_service::auth::NewUser;
use origo_service::roles::Role;
use origo_service::{Clock, Config, Service};
use origo_store::applications::{self, ApplicationState, NewApplication, ProofKind};
use origo_store::certificates::{self, NewCertificate};
use origo_store::exporters::{self, Activity, ExporterData};
use origo_store::risk_assessments::{self, NewRiskAssessment, RiskRoute};
use origo_store::{Actor, Store, goods, signing_keys};
use rust_decimal::Decimal;
use serde_json::json;
use time::macros::datetime;
use tokio::runtime::Runtime;
use tower::ServiceExt;

const PASSWORD: &str = "origo-bench-2026";
const EXPORTERS: usize = 50;
const CHUNK: usize = 1000;
const HS: [&str; 8] = ["940360", "610910", "081310", "080620", "740811", "310230", "310520", "520512"];

fn company(n: usize) -> ExporterData {
    ExporterData {
        name: format!("Exporter {n:03} LLC"),
        address: format!("{n} Navoi street, Tashkent"),
        country: "UZ".into(),
        tin: format!("3{n:08}"),
        eori: None,
        contact_person: None,
        email: None,
        phone: None,
        activity: Activity::Production,
        goods_description: "Goods".into(),
        hs_headings: vec!["9403".into()],
        undertakings_accepted: true,
        consent_to_publication: true,
        capacity: Vec::new(),
    }
}

/// Seeds `count` applications as the module says; returns the supervisor's session token.
async fn seed(service: &Service, count: usize) -> String {
    let started = Instant::now();
    let store = service.store();
    // The service's key, made at its start, signs nothing here; the certificates only name it.
    let mut conn = store.conn().await.expect("conn");
    let issuer = service.config().issuer_code.clone();
    let key_id = signing_keys::list_for_issuer(&mut conn, &issuer).await.expect("keys")[0].key_id.clone();
    drop(conn);
    let start = datetime!(2025-12-01 00:00:00 UTC);
    let system = Actor::system(start);
    let mut tx = store.begin().await.expect("begin");
    let mut exporter_ids = Vec::with_capacity(EXPORTERS);
    for n in 0..EXPORTERS {
        let applied = exporters::apply(&mut tx, &system, &company(n)).await.expect("apply");
        let rex = format!("UZREX3{n:08}");
        exporters::register(&mut tx, &system, applied.id, &rex, start.date(), "complete").await.expect("register");
        exporter_ids.push(applied.id);
    }
    tx.commit().await.expect("commit exporters");
    // A year, in equal steps.
    let step = Duration::from_secs(365 * 24 * 3600 / count.max(1) as u64);
    let mut sequence = 0;
    for chunk in (0..count).collect::<Vec<_>>().chunks(CHUNK) {
        let mut tx = store.begin().await.expect("begin");
        for &n in chunk {
            let actor = Actor::system(start + step * n as u32);
            let new = NewApplication {
                exporter_id: exporter_ids[n % EXPORTERS],
                issuer_code: issuer.clone(),
                kind: ProofKind::NonPreferential,
                consignment: json!({"importing_country": if n % 3 == 0 { "RU" } else { "DE" }}),
            };
            let app = applications::create(&mut tx, &actor, &new).await.expect("create");
            for line in 0..(n % 3 + 1) {
                let item = goods::NewGoodsItem {
                    application_id: app.id,
                    line_no: line as i64 + 1,
                    hs_code: HS[(n + line) % HS.len()].into(),
                    description: "goods".into(),
                    quantity: Decimal::from(10),
                    unit: "PCE".into(),
                    invoice_value: Some(Decimal::new(100_000 + (n as i64 % 997) * 1_250, 2)),
                    currency: Some(if n % 4 == 0 { "USD" } else { "EUR" }.into()),
                    ..goods::NewGoodsItem::default()
                };
                goods::add(&mut tx, &actor, &item).await.expect("item");
            }
            use ApplicationState::*;
            applications::transition(&mut tx, &actor, app.id, Draft, Submitted, None).await.expect("submit");
            let band = (n * 7) % 100;
            let assessment = NewRiskAssessment {
                application_id: app.id,
                score: Decimal::new(band as i64, 2),
                route: match band {
                    0..40 => RiskRoute::AutomaticApproval,
                    40..70 => RiskRoute::DocumentaryCheck,
                    _ => RiskRoute::Inspection,
                },
                randomly_selected: n % 20 == 0,
                findings: Vec::new(),
                config_fingerprint: "0".repeat(64),
            };
            risk_assessments::record(&mut tx, &actor, &assessment).await.expect("assess");
            if n % 10 < 6 {
                applications::transition(&mut tx, &actor, app.id, Submitted, Approved, None).await.expect("approve");
                applications::transition(&mut tx, &actor, app.id, Approved, Issued, None).await.expect("issue");
                sequence += 1;
                let number = format!("UZ-{}-{sequence:06}", actor.at.year());
                let certificate = NewCertificate {
                    issuer_code: issuer.clone(),
                    number: number.clone(),
                    year: i64::from(actor.at.year()),
                    sequence,
                    kind: if n % 3 == 0 { ProofKind::Ct1 } else { ProofKind::NonPreferential },
                    application_id: Some(app.id),
                    exporter_id: new.exporter_id,
                    security_code_hash: format!("bench-{number}"),
                    security_code_sealed: None,
                    document: format!(r#"{{"document":{{"number":"{number}"}},"signature":{{}}}}"#),
                    key_id: key_id.clone(),
                    replaces_id: None,
                };
                let issued = certificates::issue(&mut tx, &actor, &certificate).await.expect("certificate");
                if n % 50 == 9 {
                    certificates::revoke(&mut tx, &actor, issued.id, "bench").await.expect("revoke");
                }
            }
        }
        tx.commit().await.expect("commit applications");
    }
    let new = NewUser {
        username: "supervisor".into(),
        display_name: "supervisor".into(),
        role: Role::Supervisor,
        password: PASSWORD.into(),
        exporter_id: None,
        country: None,
    };
    service.create_user_as(&Actor::system(service.clock().now()), new).await.expect("create user");
    let token = service.login("supervisor", PASSWORD).await.expect("login").token;
    eprintln!("seeded {count} applications in {:.1?}", started.elapsed());
    token
}

/// One GET through the router, the body read whole.
async fn get(router: &Router, uri: &str, token: &str) -> (StatusCode, String) {
    let request = Request::get(uri)
        .header(header::ACCEPT_LANGUAGE, "en")
        .header(header::COOKIE, format!("origo_session={token}"));
    let response = router.clone().oneshot(request.body(Body::empty()).unwrap()).await.expect("an answer");
    let status = response.status();
    let bytes = response.into_body().collect().await.expect("the body").to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn bench(c: &mut Criterion) {
    let count: usize = std::env::var("ORIGO_BENCH_APPLICATIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let runtime = Runtime::new().expect("tokio runtime");
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = std::env::var_os("ORIGO_BENCH_DIR").map_or_else(|| temp.path().to_owned(), std::path::PathBuf::from);
    let mut group = c.benchmark_group("dashboard");
    group.sample_size(30).measurement_time(Duration::from_secs(8));
    for (name, applications) in [("dashboard_demo", 80), (&*format!("dashboard_{count}"), count)] {
        let url = format!("sqlite://{}", dir.join(format!("{name}.db")).display());
        let (router, token) = runtime.block_on(async {
            let store = Store::open(&url).await.expect("open the database");
            let clock = Clock::fixed(datetime!(2026-11-28 09:00:00 UTC));
            let service = Service::start(store, Config::default(), clock).await.expect("start the service");
            let token = seed(&service, applications).await;
            (origo_web::router(service, origo_web::WebSettings::default()), token)
        });
        runtime.block_on(async {
            let (status, body) = get(&router, "/dashboard", &token).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            let issued = (0..applications).filter(|n| n % 10 < 6).count();
            assert!(body.contains("Period: December 2025 – November 2026"), "{body}");
            let assessed = format!("Applications assessed in the period: {}", thousands(applications));
            assert!(body.contains(&assessed), "{assessed}");
            eprintln!("{name}: {issued} certificates, page of {} bytes", body.len());
        });
        group.bench_function(name, |b| b.iter(|| runtime.block_on(get(&router, "/dashboard", &token))));
    }
    group.finish();
}

/// `10,000` for 10000, as the English page writes counts.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

criterion_group!(benches, bench);
criterion_main!(benches);
