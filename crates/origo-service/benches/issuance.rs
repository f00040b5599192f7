//! Issuance throughput: certificates numbered, signed, stored and audited per second through
//! `Service::issue_certificate` (with an idempotency key, as the API does), with N concurrent callers, on SQLite
//! and, when given a server, on PostgreSQL. Baselines measured in the same run on the same database:
//!
//! - `sign`: the bare cost of validating and signing one certificate (`sign_certificate`, one core);
//! - `1-insert tx`: a write transaction with one row (an idempotency key) and its commit;
//! - `audited tx`: the same with one audit record appended to the chain, the least any audited write costs.
//!
//! Run (release): `cargo bench -p origo-service --bench issuance -- [--count N] [--callers 1,4,16]
//! [--postgres URL]` (`ORIGO_BENCH_DATABASE_URL` works like `--postgres`; each run gets a schema of its own,
//! dropped after). Figures go in docs/PERFORMANCE.md.

#[path = "support/seed.rs"]
mod seed;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use origo_documents::{SignedDocument, Signer};
use origo_service::{Clock, Config, Service};
use origo_store::audit::AuditEvent;
use origo_store::{Actor, Store, idempotency};
use origo_testdb::ScratchDb;
use sqlx::{AnyConnection, Connection, Executor};

struct Args {
    count: usize,
    callers: Vec<usize>,
    postgres: Option<String>,
}

fn args() -> Args {
    let mut args = Args {
        count: 2000,
        callers: vec![1, 4, 16],
        postgres: std::env::var("ORIGO_BENCH_DATABASE_URL").ok().filter(|u| !u.is_empty()),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            // `cargo bench` passes this to every bench program.
            "--bench" => {}
            "--count" => args.count = it.next().and_then(|n| n.parse().ok()).expect("--count N"),
            "--callers" => {
                let list = it.next().expect("--callers N[,N...]");
                args.callers = list.split(',').map(|n| n.trim().parse().expect("--callers N[,N...]")).collect();
            }
            "--postgres" => args.postgres = Some(it.next().expect("--postgres URL")),
            other => panic!("unknown argument {other}: expected --count N, --callers N[,N...], --postgres URL"),
        }
    }
    args
}

/// Wall time of `count` jobs shared by `callers` tasks, and each job's latency.
async fn run<F, Fut>(count: usize, callers: usize, job: F) -> (Duration, Vec<Duration>)
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send,
{
    let job = Arc::new(job);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let handles: Vec<_> = (0..callers)
        .map(|_| {
            let (job, next) = (job.clone(), next.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= count {
                        return latencies;
                    }
                    let at = Instant::now();
                    job(n).await;
                    latencies.push(at.elapsed());
                }
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(count);
    for handle in handles {
        latencies.extend(handle.await.expect("a caller panicked"));
    }
    let elapsed = started.elapsed();
    latencies.sort();
    (elapsed, latencies)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted.get(((sorted.len() as f64 * p).ceil() as usize).saturating_sub(1)).copied().unwrap_or_default()
}

fn per_second(count: usize, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

/// Microseconds of one statement's round trip (`SELECT 1` on an open connection, one task): the floor under
/// every statement of a transaction.
async fn round_trip_us(url: &str) -> f64 {
    let mut conn = AnyConnection::connect(url).await.expect("connect");
    let rounds = 2000;
    let started = Instant::now();
    for _ in 0..rounds {
        conn.execute("SELECT 1").await.expect("SELECT 1");
    }
    let us = started.elapsed().as_secs_f64() * 1e6 / f64::from(rounds);
    conn.close().await.expect("close");
    us
}

/// One row: the baselines and issuance on a fresh database.
async fn measure(name: &str, database: ScratchDb, count: usize, callers: usize) -> Option<SignedDocument> {
    let store = Store::open(&database.url).await.expect("open the database");
    let service = Service::start(store.clone(), Config::default(), Clock::system()).await.expect("start");
    let people = seed::people(&service).await;
    let ids = Arc::new(seed::approved_applications(&service, &people, count, 4).await);
    let round_trip = round_trip_us(&database.url).await;

    let (plain, _) = {
        let store = store.clone();
        run(count, callers, move |n| {
            let store = store.clone();
            async move {
                let mut tx = store.begin().await.expect("begin");
                let now = time::OffsetDateTime::now_utc();
                idempotency::claim(&mut tx, "bench", &format!("plain-{n}"), "x", now).await.expect("insert");
                tx.commit().await.expect("commit");
            }
        })
        .await
    };
    let (audited, _) = {
        let store = store.clone();
        run(count, callers, move |n| {
            let store = store.clone();
            async move {
                let mut tx = store.begin().await.expect("begin");
                let now = time::OffsetDateTime::now_utc();
                idempotency::claim(&mut tx, "bench", &format!("audited-{n}"), "x", now).await.expect("insert");
                tx.audit(&Actor::system(now), AuditEvent::new("bench.written", "bench", n).after(&n));
                tx.commit().await.expect("commit");
            }
        })
        .await
    };
    let first = Arc::new(std::sync::Mutex::new(None));
    let (issued, latencies) = {
        let (service, certifier, ids, first) = (service.clone(), people.certifier.clone(), ids.clone(), first.clone());
        run(count, callers, move |n| {
            let (service, certifier, id, first) = (service.clone(), certifier.clone(), ids[n], first.clone());
            async move {
                let key = format!("bench-{id}");
                let issued = service.issue_certificate(&certifier, id, Some(&key)).await.expect("issue");
                if n == 0 {
                    *first.lock().unwrap() = Some(issued.document);
                }
            }
        })
        .await
    };
    let issue_rate = per_second(count, issued);
    println!(
        "| {name} | {callers} | {:.0} | {:.2} ms | {:.2} ms | {:.0} | {:.0} | {:.2} | {round_trip:.0} µs |",
        issue_rate,
        percentile(&latencies, 0.5).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        per_second(count, plain),
        per_second(count, audited),
        issue_rate / per_second(count, audited),
    );
    store.close().await;
    database.remove().await;
    let document = first.lock().unwrap().take();
    document.map(|d| serde_json::from_value(d).expect("a signed document"))
}

/// Certificates validated and signed per second on one core.
fn sign_rate(signed: &SignedDocument) -> f64 {
    let certificate = signed.certificate().expect("a certificate");
    let signer = Signer::generate(signed.signature.key_id.clone(), &mut rand::rng());
    let date = signed.signature.signed_on;
    let rounds = 20_000;
    let started = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(origo_documents::signing::sign_certificate(&certificate, &signer, date).expect("sign"));
    }
    per_second(rounds, started.elapsed())
}

fn main() {
    let args = args();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        sqlx::any::install_default_drivers();
        println!("{} certificates per row, on {} cores", args.count, std::thread::available_parallelism().map_or(1, |n| n.get()));
        println!();
        println!(
            "| backend | callers | issued/s | p50 | p99 | 1-insert tx/s | audited tx/s | issued / audited tx | SELECT 1 |"
        );
        println!("|---|---|---|---|---|---|---|---|---|");
        let mut sample = None;
        for &callers in &args.callers {
            let database = ScratchDb::sqlite();
            sample = sample.or(measure("SQLite", database, args.count, callers).await);
        }
        if let Some(server) = &args.postgres {
            for &callers in &args.callers {
                let database = ScratchDb::postgres_on(server, "origo_bench").await;
                measure("PostgreSQL", database, args.count, callers).await;
            }
        }
        if let Some(signed) = sample {
            println!();
            println!("sign (validate + canonical JSON + Ed25519), one core: {:.0}/s", sign_rate(&signed));
        }
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM")) {
            println!("bench process peak RSS (seeding included): {}", line.trim_start_matches("VmHWM:").trim());
        }
    });
}
