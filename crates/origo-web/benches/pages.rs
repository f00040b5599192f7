//! Server render time of two pages through the whole router (`tower::ServiceExt::oneshot`: the page layer with
//! language, session and CSRF token, the service with its authorization, the SQL, the template), over a SQLite
//! database seeded with 10 000 applications:
//!
//! - `queue_default`: `/officer/queue` as a certifier: submitted applications, oldest first, page 1 of 50 rows,
//!   with the count of all of them;
//! - `queue_search`: the same with a search on the exporter's name and the newest first (every row is read);
//! - `queue_last_page`: the default filter's last page (the largest OFFSET);
//! - `verify`: the public `/verify?number=N&code=C` page of an issued certificate (rate limit off).
//!
//! Baselines in the same run: `GET /api/v1/health` (the router and one pool checkout) and the JSON API list of the
//! same page size, `GET /api/v1/applications?state=submitted&limit=50` as the same certifier.
//!
//! The database is made once per run in a temp folder, with the store directly (one transaction per 1 000
//! applications): 100 registered exporters; applications of one goods item with one material and a stored
//! determination, 60 % submitted, the rest information requested, approved (half of them high-risk and waiting
//! for the second signature), refused or issued. `ORIGO_BENCH_APPLICATIONS` changes the count.
//!
//! Run: `cargo bench -p origo-web --bench pages`. Figures go in docs/PERFORMANCE.md.

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use criterion::{Criterion, criterion_group, criterion_main};
use http_body_util::BodyExt;
use origo_service::auth::NewUser;
use origo_service::examination::Examination;
use origo_service::intake::{ApplicationDraft, ItemDraft, MaterialDraft};
use origo_service::registry::RegistrationDecision;
use origo_service::roles::Role;
use origo_service::{Clock, Config, Service};
use origo_store::applications::{self, ApplicationState, NewApplication, ProofKind};
use origo_store::determinations::{self, NewDetermination};
use origo_store::exporters::{self, Activity, ExporterData};
use origo_store::{Actor, Store, bom, goods};
use origo_web::{RateSettings, WebSettings};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use time::macros::datetime;
use tokio::runtime::Runtime;
use tower::ServiceExt;

const PASSWORD: &str = "origo-bench-2026";
const EXPORTERS: usize = 100;
const CHUNK: usize = 1000;

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
        goods_description: "Wooden furniture".into(),
        hs_headings: vec!["9403".into()],
        undertakings_accepted: true,
        consent_to_publication: true,
        capacity: Vec::new(),
    }
}

fn draft() -> ApplicationDraft {
    ApplicationDraft {
        kind: ProofKind::NonPreferential,
        consignment: json!({"importing_country": "DE",
            "consignee": {"name": "Möbelhaus Nord GmbH", "address": "Hafenstraße 1, Hamburg", "country": "DE"}}),
        items: vec![ItemDraft {
            hs_code: "940360".into(),
            description: "Wooden dining tables".into(),
            quantity: Decimal::from(10),
            unit: "PCE".into(),
            gross_weight_kg: Some(Decimal::from(220)),
            net_weight_kg: Some(Decimal::from(200)),
            ex_works_price: Some(Decimal::from(1500)),
            processes: Some(vec!["cutting".into(), "planing".into(), "assembly".into(), "painting".into()]),
            materials: vec![MaterialDraft {
                hs_code: Some("440799".into()),
                description: Some("sawn walnut wood".into()),
                origin_country: Some("CN".into()),
                value: Some(Decimal::from(500)),
                ..MaterialDraft::default()
            }],
            ..ItemDraft::default()
        }],
    }
}

/// The engine's determination of the seeded item, made once and stored with every application.
fn determination(service: &Service) -> (Value, Option<String>) {
    let case = json!({"scheme": "non-preferential", "exporting_country": "UZ", "date": "2026-05-01",
        "product": {"hs": "940360", "description": "Wooden dining tables", "ex_works_price": "1500", "weight_kg": "200"},
        "materials": [{"hs": "440799", "description": "sawn walnut wood", "value": "500", "origin": "CN"}],
        "processes": ["cutting", "planing", "assembly", "painting"]});
    let case = service.engine().parse_case(&case.to_string()).expect("the bench case is valid");
    let determined = service.engine().determine(&case);
    (serde_json::to_value(&determined).expect("JSON"), determined.criterion.clone())
}

/// Seeds `count` applications with the store directly, `CHUNK` per transaction.
async fn seed(service: &Service, count: usize) {
    let started = Instant::now();
    let store = service.store();
    let t0 = datetime!(2026-01-05 08:00:00 UTC);
    let system = Actor::system(t0);
    let mut tx = store.begin().await.expect("begin");
    let mut exporter_ids = Vec::with_capacity(EXPORTERS);
    for n in 0..EXPORTERS {
        let applied = exporters::apply(&mut tx, &system, &company(n)).await.expect("apply");
        let rex = format!("UZREX3{n:08}");
        exporters::register(&mut tx, &system, applied.id, &rex, t0.date(), "complete").await.expect("register");
        exporter_ids.push(applied.id);
    }
    tx.commit().await.expect("commit exporters");
    let (result, criterion) = determination(service);
    let item = &draft().items[0];
    for chunk in (0..count).collect::<Vec<_>>().chunks(CHUNK) {
        let mut tx = store.begin().await.expect("begin");
        for &n in chunk {
            // One submission a minute, so that the queue's order by submission is real.
            let actor = Actor::system(t0 + Duration::from_secs(60 * n as u64));
            let new = NewApplication {
                exporter_id: exporter_ids[n % EXPORTERS],
                issuer_code: service.config().issuer_code.clone(),
                kind: ProofKind::NonPreferential,
                consignment: draft().consignment,
            };
            let app = applications::create(&mut tx, &actor, &new).await.expect("create");
            let stored = goods::add(
                &mut tx,
                &actor,
                &goods::NewGoodsItem {
                    application_id: app.id,
                    line_no: 1,
                    hs_code: item.hs_code.clone(),
                    description: item.description.clone(),
                    quantity: item.quantity,
                    unit: item.unit.clone(),
                    gross_weight_kg: item.gross_weight_kg,
                    net_weight_kg: item.net_weight_kg,
                    invoice_number: Some(format!("INV-{n:06}")),
                    invoice_date: None,
                    invoice_value: None,
                    currency: None,
                    ex_works_price: item.ex_works_price,
                    marks_and_packages: None,
                    processes: item.processes.clone(),
                    wholly_obtained: None,
                },
            )
            .await
            .expect("item");
            let material = &item.materials[0];
            let new_material = bom::NewMaterial {
                goods_item_id: stored.id,
                line_no: 1,
                description: material.description.clone(),
                hs_code: material.hs_code.clone(),
                origin_country: material.origin_country.clone(),
                originating: None,
                wholly_obtained: None,
                value: material.value,
                weight_kg: None,
                supplier_declaration_id: None,
            };
            bom::add(&mut tx, &actor, &new_material).await.expect("material");
            let new_determination = NewDetermination {
                application_id: app.id,
                goods_item_id: stored.id,
                outcome: determinations::Outcome::Originating,
                criterion: criterion.clone(),
                scheme: "non-preferential".into(),
                rule_pack_version: "non-preferential:bench".into(),
                result: result.clone(),
            };
            determinations::record(&mut tx, &actor, &new_determination).await.expect("determination");
            use ApplicationState::*;
            applications::transition(&mut tx, &actor, app.id, Draft, Submitted, None).await.expect("submit");
            let later = Actor::system(actor.at + Duration::from_secs(3600));
            match n % 10 {
                6 => {
                    let reason = Some("Invoice missing");
                    applications::transition(&mut tx, &later, app.id, Submitted, InformationRequested, reason)
                        .await
                        .expect("request");
                }
                7 => {
                    if n % 20 == 7 {
                        applications::set_high_risk(&mut tx, &later, app.id, true).await.expect("flag");
                    }
                    applications::transition(&mut tx, &later, app.id, Submitted, Approved, None)
                        .await
                        .expect("approve");
                }
                8 => {
                    let reason = Some("Not originating");
                    applications::transition(&mut tx, &later, app.id, Submitted, Refused, reason)
                        .await
                        .expect("refuse");
                }
                9 => {
                    applications::transition(&mut tx, &later, app.id, Submitted, Approved, None)
                        .await
                        .expect("approve");
                    applications::transition(&mut tx, &later, app.id, Approved, Issued, None).await.expect("issue");
                }
                _ => {}
            }
        }
        tx.commit().await.expect("commit applications");
    }
    eprintln!("seeded {count} applications in {:.1?}", started.elapsed());
}

/// A certifier, a registered exporter and one certificate issued through the service; returns the certifier's
/// session token and the certificate's number and security code.
async fn people(service: &Service) -> (String, String, String) {
    let system = Actor::system(service.clock().now());
    for (username, role) in [("certifier", Role::Certifier), ("exporter", Role::Exporter)] {
        let new = NewUser {
            username: username.into(),
            display_name: username.into(),
            role,
            password: PASSWORD.into(),
            exporter_id: None,
            country: None,
        };
        service.create_user_as(&system, new).await.expect("create user");
    }
    let certifier = service.login("certifier", PASSWORD).await.expect("login");
    let applicant = service.login("exporter", PASSWORD).await.expect("login").caller;
    let mut data = company(999);
    data.tin = "301234567".into();
    let applied = service.apply_for_registration(&applicant, data).await.expect("apply");
    let decision = RegistrationDecision::Register { valid_from: service.clock().today(), reasons: "complete".into() };
    service.decide_registration(&certifier.caller, applied.id, decision).await.expect("register");
    let exporter = service.login("exporter", PASSWORD).await.expect("login").caller;
    let created = service.create_application(&exporter, draft()).await.expect("create");
    service.submit_application(&exporter, created.id).await.expect("submit");
    service.examine_application(&certifier.caller, created.id, Examination::Approve).await.expect("approve");
    let issued = service.issue_certificate(&certifier.caller, created.id, None).await.expect("issue");
    (certifier.token, issued.number, issued.security_code.expect("a fresh certificate has its code"))
}

/// One GET through the router, the body read whole; the status is returned for the checks before timing.
async fn get(router: &Router, uri: &str, session: Option<&str>) -> (StatusCode, String) {
    let mut request = Request::get(uri).header(header::ACCEPT_LANGUAGE, "en");
    if let Some(token) = session {
        request = request.header(header::COOKIE, format!("origo_session={token}"));
    }
    let response = router.clone().oneshot(request.body(Body::empty()).unwrap()).await.expect("an answer");
    let status = response.status();
    let bytes = response.into_body().collect().await.expect("the body").to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn bench(c: &mut Criterion) {
    let count: usize = std::env::var("ORIGO_BENCH_APPLICATIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let runtime = Runtime::new().expect("tokio runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("origo.db").display());
    let (router, token, number, code) = runtime.block_on(async {
        let store = Store::open(&url).await.expect("open the database");
        let clock = Clock::fixed(datetime!(2026-05-01 09:00:00 UTC));
        let service = Service::start(store, Config::default(), clock).await.expect("start the service");
        let (token, number, code) = people(&service).await;
        seed(&service, count).await;
        let settings = WebSettings { public_rate: RateSettings::unlimited(), ..WebSettings::default() };
        (origo_web::router(service, settings), token, number, code)
    });
    // n % 10 in 0..=5 stay submitted (the certificate made through the service is issued).
    let submitted = (0..count).filter(|n| n % 10 < 6).count();
    let last_page = submitted.div_ceil(50);
    let verify = format!("/verify?number={number}&code={code}");
    let cases: [(&str, String, Option<&str>); 6] = [
        ("queue_default", "/officer/queue".to_owned(), Some(&token)),
        ("queue_search", "/officer/queue?state=all&q=exporter+01&sort=-submitted".to_owned(), Some(&token)),
        ("queue_last_page", format!("/officer/queue?page={last_page}"), Some(&token)),
        ("verify", verify, None),
        ("baseline_health", "/api/v1/health".to_owned(), None),
        ("baseline_api_list_50", "/api/v1/applications?state=submitted&limit=50".to_owned(), Some(&token)),
    ];
    runtime.block_on(async {
        for (name, uri, session) in &cases {
            let (status, body) = get(&router, uri, *session).await;
            assert_eq!(status, StatusCode::OK, "{name}: {uri}: {body}");
        }
        let (_, queue) = get(&router, "/officer/queue", Some(&token)).await;
        assert!(queue.contains(&format!("Page 1 of {last_page}")), "the queue pages: {queue}");
        eprintln!("queue: {} rows shown of {submitted} submitted", queue.matches("<tr>").count() - 1);
    });
    let mut group = c.benchmark_group(format!("pages_{count}"));
    group.sample_size(50).measurement_time(Duration::from_secs(8));
    for (name, uri, session) in &cases {
        group.bench_function(*name, |b| b.iter(|| runtime.block_on(get(&router, uri, *session))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
