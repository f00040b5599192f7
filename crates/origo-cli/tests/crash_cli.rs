//! Crash test of `origo serve`: issuance requests from several concurrent clients while the server is killed with
//! SIGKILL again and again, and restarted; the unanswered requests are retried with the same `Idempotency-Key`.
//! Afterwards every acknowledged certificate (a 201 answer) is in the database with the number it was answered
//! with, numbers are unique and without gaps, every application has exactly one certificate, and
//! `origo audit verify` passes.
//!
//! The kill delays come from a seeded generator; the seed is printed, and `ORIGO_CRASH_SEED=N` replays a run. On
//! SQLite always; on PostgreSQL too when `ORIGO_TEST_DATABASE_URL` names a server (a fresh schema per run).

mod support;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use origo_service::auth::NewUser;
use origo_service::examination::Examination;
use origo_service::intake::{ApplicationDraft, ItemDraft, MaterialDraft};
use origo_service::registry::RegistrationDecision;
use origo_service::roles::Role;
use origo_service::{Clock, Config, Service};
use origo_store::Store;
use origo_store::applications::ProofKind;
use origo_store::exporters::{Activity, ExporterData};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use sqlx::{AnyConnection, Connection, Executor, Row};
use uuid::Uuid;

use support::server::Server;

/// Approved applications waiting for their certificate.
const APPLICATIONS: usize = 400;
/// Server lifetimes ended by SIGKILL under load; one more lifetime then finishes the work.
const KILLS: usize = 8;
/// Concurrent clients.
const CLIENTS: usize = 6;
/// Each lifetime is killed this long after the server said it was listening (a range, drawn from the seed).
const KILL_AFTER_MS: std::ops::Range<u64> = 30..500;
const PASSWORD: &str = "crash test password";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_certificates_survive_kill_9_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("origo.db").display());
    crash_test(&url, dir.path()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_certificates_survive_kill_9_on_postgres() {
    let Some(scratch) = origo_testdb::ScratchDb::postgres("origo_crash_test").await else {
        eprintln!("crash test: skipped on PostgreSQL (ORIGO_TEST_DATABASE_URL is not set)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    crash_test(&scratch.url, dir.path()).await;
    scratch.remove().await;
}

/// What a 201 said.
#[derive(Debug, Clone)]
struct Ack {
    certificate_id: String,
    number: String,
    /// A replay of a commit whose first answer was lost (no security code then).
    replay: bool,
}

async fn crash_test(url: &str, dir: &std::path::Path) {
    let seed = std::env::var("ORIGO_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or_else(|| Uuid::now_v7().as_u128() as u64);
    eprintln!("crash test on {}: seed {seed} (ORIGO_CRASH_SEED={seed} replays the kill delays)", backend(url));
    let mut rng = SplitMix(seed);
    let started = Instant::now();
    let applications = seed_database(url).await;
    eprintln!("seeded {} approved applications in {:.1?}", applications.len(), started.elapsed());

    let queue = Arc::new(Mutex::new(applications.iter().copied().collect::<VecDeque<Uuid>>()));
    let acks = Arc::new(Mutex::new(BTreeMap::<Uuid, Ack>::new()));
    let client = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let mut cookie = None;
    for lifetime in 0..=KILLS {
        let mut server = Server::start(url, dir, &[]);
        let base = format!("http://{}", server.address);
        let cookie = match &cookie {
            Some(cookie) => cookie,
            // The session is in the database: one login serves every lifetime.
            None => cookie.insert(login(&client, &base).await),
        };
        let clients: Vec<_> = (0..CLIENTS)
            .map(|_| tokio::spawn(issue_all(client.clone(), base.clone(), cookie.clone(), queue.clone(), acks.clone())))
            .collect();
        let last = lifetime == KILLS;
        if !last {
            let delay = Duration::from_millis(rng.range(KILL_AFTER_MS));
            tokio::time::sleep(delay).await;
            server.kill();
            eprintln!(
                "lifetime {lifetime}: killed after {delay:?}, {} acknowledged, {} left",
                acks.lock().unwrap().len(),
                queue.lock().unwrap().len()
            );
        }
        for handle in clients {
            let result = handle.await.expect("a client task panicked");
            if let Err(problem) = result {
                panic!("lifetime {lifetime} (seed {seed}): {problem}\nserver log:\n{}", server.log());
            }
        }
        if last {
            let left = queue.lock().unwrap().len();
            assert_eq!(left, 0, "the last lifetime left {left} unanswered (seed {seed})\n{}", server.log());
            server.kill();
        }
    }

    let acks = acks.lock().unwrap().clone();
    let replays = acks.values().filter(|a| a.replay).count();
    eprintln!(
        "{} acknowledged ({replays} replays of commits whose answer was lost) in {:.1?}",
        acks.len(),
        started.elapsed()
    );
    check_database(url, &applications, &acks, seed).await;

    let verified = Command::new(env!("CARGO_BIN_EXE_origo"))
        .args(["audit", "verify", "--database-url", url])
        .env_remove("ORIGO_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    let out = format!("{}{}", String::from_utf8_lossy(&verified.stdout), String::from_utf8_lossy(&verified.stderr));
    assert_eq!(verified.status.code(), Some(0), "audit verify (seed {seed}): {out}");
}

fn backend(url: &str) -> &'static str {
    if url.starts_with("sqlite:") { "SQLite" } else { "PostgreSQL" }
}

/// One client: takes applications off the queue and issues each, until the queue is empty (Ok) or the server
/// stops answering (the application goes back on the queue: Ok). Any answer but 201 is a failure.
async fn issue_all(
    client: reqwest::Client,
    base: String,
    cookie: String,
    queue: Arc<Mutex<VecDeque<Uuid>>>,
    acks: Arc<Mutex<BTreeMap<Uuid, Ack>>>,
) -> Result<(), String> {
    loop {
        let Some(id) = queue.lock().unwrap().pop_front() else { return Ok(()) };
        let sent = client
            .post(format!("{base}/api/v1/applications/{id}/certificate"))
            .header("cookie", &cookie)
            // The same key on every try: a retry of a committed issuance answers with that certificate.
            .header("idempotency-key", format!("crash-{id}"))
            .send()
            .await;
        let answer = match sent {
            Ok(response) => {
                let status = response.status();
                match response.bytes().await {
                    Ok(body) => Some((status, body)),
                    Err(_) => None,
                }
            }
            Err(_) => None,
        };
        let Some((status, body)) = answer else {
            // No answer: the server died. Not acknowledged; retried by the next lifetime.
            queue.lock().unwrap().push_back(id);
            return Ok(());
        };
        if status.as_u16() != 201 {
            return Err(format!("issuing {id}: {status} {}", String::from_utf8_lossy(&body)));
        }
        let json: Value = serde_json::from_slice(&body).map_err(|e| format!("issuing {id}: {e}"))?;
        let ack = Ack {
            certificate_id: json["certificate_id"].as_str().unwrap_or_default().to_owned(),
            number: json["number"].as_str().unwrap_or_default().to_owned(),
            replay: json["security_code"].is_null(),
        };
        if let Some(earlier) = acks.lock().unwrap().insert(id, ack) {
            return Err(format!("{id} was acknowledged twice (first {earlier:?})"));
        }
    }
}

async fn login(client: &reqwest::Client, base: &str) -> String {
    let answer = client
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"username": "certifier", "password": PASSWORD}))
        .send()
        .await
        .expect("login");
    assert_eq!(answer.status().as_u16(), 200, "login");
    let cookie = answer.headers().get("set-cookie").expect("a session cookie").to_str().unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

/// Checks what the database holds against what was acknowledged.
async fn check_database(url: &str, applications: &[Uuid], acks: &BTreeMap<Uuid, Ack>, seed: u64) {
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(url).await.expect("connect after the crashes");
    let rows = conn.fetch_all("SELECT id, number, sequence, application_id FROM certificates").await.unwrap();
    let mut by_application = BTreeMap::<Uuid, Vec<(String, String)>>::new();
    let mut numbers = BTreeSet::new();
    let mut sequences = BTreeSet::new();
    for row in &rows {
        let id: String = row.try_get("id").unwrap();
        let number: String = row.try_get("number").unwrap();
        let sequence: i64 = row.try_get("sequence").unwrap();
        let application: String = row.try_get("application_id").unwrap();
        assert!(numbers.insert(number.clone()), "number {number} given twice (seed {seed})");
        assert!(sequences.insert(sequence), "sequence {sequence} given twice (seed {seed})");
        by_application.entry(application.parse().unwrap()).or_default().push((id, number));
    }
    for (application, ack) in acks {
        let stored = by_application.get(application).map(Vec::as_slice).unwrap_or_default();
        assert!(
            stored.iter().any(|(id, number)| *id == ack.certificate_id && *number == ack.number),
            "acknowledged certificate {ack:?} of {application} is not stored as answered: {stored:?} (seed {seed})"
        );
    }
    for application in applications {
        let stored = by_application.get(application).map(Vec::len).unwrap_or_default();
        assert_eq!(stored, 1, "application {application} has {stored} certificates (seed {seed})");
        assert!(acks.contains_key(application), "application {application} was never acknowledged (seed {seed})");
    }
    assert_eq!(rows.len(), applications.len(), "certificates of unknown applications (seed {seed})");
    let expected: BTreeSet<i64> = (1..=applications.len() as i64).collect();
    assert_eq!(sequences, expected, "the numbers have gaps (seed {seed})");
    let states = conn.fetch_all("SELECT state, COUNT(*) AS n FROM applications GROUP BY state").await.unwrap();
    let states: Vec<(String, i64)> =
        states.iter().map(|r| (r.try_get("state").unwrap(), r.try_get("n").unwrap())).collect();
    assert_eq!(states, vec![("issued".to_owned(), applications.len() as i64)], "(seed {seed})");
    conn.close().await.unwrap();
}

/// A certifier, a registered exporter and [`APPLICATIONS`] approved applications, made through the service.
async fn seed_database(url: &str) -> Vec<Uuid> {
    let store = Store::open(url).await.expect("open the database");
    let service = Service::start(store.clone(), Config::default(), Clock::system()).await.unwrap();
    let system = origo_store::Actor::system(service.clock().now());
    for (username, role) in [("certifier", Role::Certifier), ("exporter", Role::Exporter)] {
        let new = NewUser {
            username: username.into(),
            display_name: username.into(),
            role,
            password: PASSWORD.into(),
            exporter_id: None,
            country: None,
        };
        service.create_user_as(&system, new).await.unwrap();
    }
    let certifier = service.login("certifier", PASSWORD).await.unwrap().caller;
    let applicant = service.login("exporter", PASSWORD).await.unwrap().caller;
    let applied = service.apply_for_registration(&applicant, company()).await.unwrap();
    let decision = RegistrationDecision::Register { valid_from: service.clock().today(), reasons: "complete".into() };
    service.decide_registration(&certifier, applied.id, decision).await.unwrap();
    let exporter = service.login("exporter", PASSWORD).await.unwrap().caller;
    let mut ids = Vec::with_capacity(APPLICATIONS);
    for n in 0..APPLICATIONS {
        let created = service.create_application(&exporter, furniture(n)).await.unwrap();
        service.submit_application(&exporter, created.id).await.unwrap();
        service.examine_application(&certifier, created.id, Examination::Approve).await.unwrap();
        ids.push(created.id);
    }
    store.close().await;
    ids
}

fn company() -> ExporterData {
    ExporterData {
        name: "Toshkent Mebel LLC".into(),
        address: "12 Navoi street, Tashkent".into(),
        country: "UZ".into(),
        tin: "301234567".into(),
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

fn furniture(n: usize) -> ApplicationDraft {
    ApplicationDraft {
        kind: ProofKind::NonPreferential,
        consignment: json!({
            "importing_country": "DE",
            "consignee": {"name": "Möbelhaus Nord GmbH", "address": "Hafenstraße 1, Hamburg", "country": "DE"}
        }),
        items: vec![ItemDraft {
            hs_code: "940360".into(),
            description: "Wooden dining tables".into(),
            quantity: Decimal::from(10),
            unit: "PCE".into(),
            invoice_number: Some(format!("INV-{n}")),
            invoice_value: Some(Decimal::from(1500)),
            currency: Some("EUR".into()),
            ex_works_price: Some(Decimal::from(1500)),
            processes: Some(vec!["cutting".into(), "assembly".into()]),
            materials: vec![MaterialDraft {
                hs_code: Some("440799".into()),
                description: Some("sawn wood".into()),
                origin_country: Some("CN".into()),
                value: Some(Decimal::from(500)),
                ..MaterialDraft::default()
            }],
            ..ItemDraft::default()
        }],
    }
}

/// SplitMix64: a small seeded generator, so that a failing run's delays can be replayed.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn range(&mut self, range: std::ops::Range<u64>) -> u64 {
        range.start + self.next() % (range.end - range.start)
    }
}
