//! `origo demo`: a fresh SQLite database filled with demo data through the service, served, with the logins,
//! the certificates made and a handful of addresses to try printed. An existing file is never overwritten without `--force`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use origo_web::WebSettings;

use crate::demo_data::{self, Demo, Fate, PASSWORD};
use crate::server_cmd::{open_store, runtime, serve_service, start_service_risk};

/// `origo demo`.
#[derive(clap::Args, Debug)]
pub struct DemoArgs {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// A SQLite URL for the new demo database.
    #[arg(long, env = "ORIGO_DATABASE_URL", default_value = "sqlite://origo-demo.db", value_name = "URL")]
    pub database_url: String,
    /// Replace an existing database file.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub keys: crate::keys_cmd::KeyArgs,
    /// Fill the database and exit without serving.
    #[arg(long, hide = true)]
    pub no_serve: bool,
    #[command(flatten)]
    pub risk: crate::risk_args::RiskArgs,
}

/// The file of a SQLite URL (`None` for an in-memory database).
fn sqlite_file(url: &str) -> anyhow::Result<Option<PathBuf>> {
    let Some(rest) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) else {
        bail!("the demo makes a fresh SQLite database: give a sqlite:// URL, not {}", crate::server_cmd::redact(url));
    };
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(None);
    }
    Ok(Some(PathBuf::from(path)))
}

/// Makes room for a fresh database: refuses an existing file unless `force`.
fn make_room(file: &std::path::Path, force: bool) -> anyhow::Result<()> {
    if !file.exists() {
        return Ok(());
    }
    if !force {
        bail!("{} already exists; pass --force to replace it with fresh demo data", file.display());
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut name = file.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot remove {}", PathBuf::from(&name).display())),
        }
    }
    Ok(())
}

/// The logins, the certificates and statements made, and a handful of addresses to try.
fn print_summary(demo: &Demo, database_url: &str, listen: SocketAddr) {
    let base = format!("http://{listen}");
    println!("Origo demo database: {database_url}");
    println!();
    println!("Logins (password for all: {PASSWORD}):");
    for login in &demo.logins {
        println!("  {:<20} {:<18} {}", login.username, login.role, login.note);
    }
    println!();
    println!("Certificates (number, security code, status):");
    for c in &demo.certificates {
        println!("  {}  {}  {:<8}  {}", c.number, c.security_code, c.fate.as_str(), c.what);
    }
    println!();
    println!("Statements made out by exporters (SHA-256 of the text):");
    for s in &demo.statements {
        println!("  {}  {}", s.text_hash, s.what);
    }
    println!();
    println!("Try:");
    println!("  Sign in (any login above):   {base}/login");
    println!("  The certifier's work queue:  {base}/officer/queue");
    println!("  An exporter's dashboard:     {base}/exporter");
    println!("  Highest risk first:          {base}/officer/queue?state=all&sort=-score");
    for (fate, label) in [
        (Fate::Valid, "A valid certificate:"),
        (Fate::Revoked, "A revoked certificate:"),
        (Fate::Replaced, "A replaced certificate:"),
    ] {
        if let Some(c) = demo.first(fate) {
            println!("  {label:<28} {base}/verify?number={}&code={}", c.number, c.security_code);
        }
    }
    println!("  An exporter in the registry: {base}/rex?number={}", demo.rex_number);
    if let Some(c) = demo.first(Fate::Valid) {
        println!(
            "  The same check in the API:   {base}/api/v1/public/certificates/{}?code={}",
            c.number, c.security_code
        );
    }
    if let Some(s) = demo.statements.first() {
        println!("  A statement on origin:       {base}/api/v1/public/statements/{}", s.text_hash);
    }
    println!("  Key set:                     {base}/.well-known/origo-keys.json");
    println!("  API docs:                    {base}/api/docs");
}

pub fn run(args: DemoArgs) -> anyhow::Result<ExitCode> {
    if let Some(file) = sqlite_file(&args.database_url)? {
        make_room(&file, args.force)?;
    }
    let url = if args.database_url.contains('?') || args.database_url.contains(":memory:") {
        args.database_url.clone()
    } else {
        format!("{}?mode=rwc", args.database_url)
    };
    runtime()?.block_on(async {
        let kek = crate::keys_cmd::key_encryption_key(&url, &args.keys)?;
        let risk = args.risk.settings()?;
        let store = open_store(&url).await?;
        // The demo's certificate PDFs link to the address it serves on.
        let public_url = Some(format!("http://{}", args.listen));
        let cooperation = origo_service::cooperation::CooperationConfig::default();
        let service = start_service_risk(store, kek, public_url, cooperation, risk).await?;
        let demo = demo_data::fill(&service).await.context("cannot fill the demo database")?;
        print_summary(&demo, &args.database_url, args.listen);
        if args.no_serve {
            return Ok(ExitCode::SUCCESS);
        }
        serve_service(service, args.listen, WebSettings::default()).await?;
        Ok(ExitCode::SUCCESS)
    })
}
