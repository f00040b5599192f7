//! Prepares a database for the HTTP benchmark (bench/http.sh): the users `certifier` and `exporter` (password
//! in benches/support/seed.rs), ISSUED certificates whose numbers and security codes go to
//! OUT/certificates.txt (`NUMBER CODE` per line), and APPROVED applications left to issue, whose ids go to
//! OUT/applications.txt.
//!
//! Run: `cargo run --release -p origo-service --example bench_data -- --database-url URL --issued N --approved M
//! --out DIR`.

#[path = "../benches/support/seed.rs"]
mod seed;

use std::io::Write;
use std::path::PathBuf;

use origo_service::{Clock, Config, Service};
use origo_store::Store;

fn main() {
    let mut url = None;
    let (mut issued, mut approved, mut out) = (1000usize, 0usize, PathBuf::from("."));
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--database-url" => url = Some(value()),
            "--issued" => issued = value().parse().expect("--issued N"),
            "--approved" => approved = value().parse().expect("--approved N"),
            "--out" => out = PathBuf::from(value()),
            other => panic!("unknown argument {other}: expected --database-url, --issued, --approved, --out"),
        }
    }
    let url = url.expect("--database-url URL");
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let store = Store::open(&url).await.expect("open the database");
        let service = Service::start(store.clone(), Config::default(), Clock::system()).await.expect("start");
        let people = seed::people(&service).await;
        let ids = seed::approved_applications(&service, &people, issued + approved, 4).await;
        let (to_issue, to_leave) = ids.split_at(issued);
        let mut codes = std::io::BufWriter::new(std::fs::File::create(out.join("certificates.txt")).expect("create"));
        for id in to_issue {
            let certificate = service.issue_certificate(&people.certifier, *id, None).await.expect("issue");
            let code = certificate.security_code.expect("a first issuance has its code");
            writeln!(codes, "{} {code}", certificate.number).expect("write");
        }
        codes.flush().expect("write");
        let mut left = std::io::BufWriter::new(std::fs::File::create(out.join("applications.txt")).expect("create"));
        for id in to_leave {
            writeln!(left, "{id}").expect("write");
        }
        left.flush().expect("write");
        store.close().await;
        eprintln!("{issued} certificates issued, {approved} applications approved, in {}", out.display());
    });
}
