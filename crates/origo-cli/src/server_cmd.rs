//! `origo serve` and `origo migrate`, and what every database subcommand shares: the `--database-url` flag (or
//! `ORIGO_DATABASE_URL`), a multi-thread runtime and the log.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use origo_service::keys::KeyEncryptionKey;
use origo_service::{Clock, Config, Service};
use origo_store::{Store, StoreOptions};
use origo_web::WebSettings;

/// The default database: a SQLite file in the working directory, created on first run.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://origo.db?mode=rwc";

/// The database flag shared by every subcommand that touches the database.
#[derive(clap::Args, Debug, Clone)]
pub struct DatabaseArgs {
    /// sqlite://FILE or postgres://USER@HOST/DB.
    #[arg(long, env = "ORIGO_DATABASE_URL", default_value = DEFAULT_DATABASE_URL, value_name = "URL")]
    pub database_url: String,
}

/// `origo serve`.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub listen: SocketAddr,
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(flatten)]
    pub keys: crate::keys_cmd::KeyArgs,
    /// Mark the session cookie Secure (when clients reach the server over HTTPS).
    #[arg(long, env = "ORIGO_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// The public certificate check's limit per client IP: PER_SECOND[,BURST], or `off` (for benchmarks, or
    /// behind a proxy that limits).
    #[arg(long, env = "ORIGO_PUBLIC_RATE_LIMIT", default_value = "5,30", value_name = "RATE")]
    pub public_rate_limit: origo_web::RateSettings,
    /// Where people reach the pages (`https://origo.example.uz`): the certificate PDFs' verification link and QR
    /// code are `URL/verify?number=N&code=C`. Defaults to `http://` + the address listened on.
    #[arg(long, env = "ORIGO_PUBLIC_URL", value_name = "URL", value_parser = public_url)]
    pub public_url: Option<String>,
    /// SQLite: how long, in milliseconds, the public check may answer from a certificate's status it read (a
    /// revocation made by this server shows at once; one made by another process on the same file within this
    /// time). 0 reads the database on every check. PostgreSQL always reads.
    #[arg(long, env = "ORIGO_PUBLIC_CACHE_MS", default_value_t = 1000, value_name = "MS")]
    pub public_cache_ms: u64,
    #[command(flatten)]
    pub cooperation: crate::cooperation_args::CooperationArgs,
    #[command(flatten)]
    pub risk: crate::risk_args::RiskArgs,
}

/// A public URL: `http://` or `https://`, a host, no spaces, no query or fragment; a trailing `/` is dropped.
pub fn public_url(text: &str) -> Result<String, String> {
    let text = text.trim().trim_end_matches('/');
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.contains(['?', '#', ' ']) && !text.chars().any(char::is_control) => {
            Ok(text.to_owned())
        }
        _ => Err("expected http://HOST[:PORT][/PATH] or https://..., without a query".into()),
    }
}

/// A multi-thread runtime with the log set up (`RUST_LOG` overrides the default level).
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    // A second call (tests in one process) finds a subscriber already set; that is fine.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
    tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the async runtime")
}

/// Opens and migrates the database.
pub async fn open_store(url: &str) -> anyhow::Result<Store> {
    Store::open(url).await.with_context(|| format!("cannot open the database {}", redact(url)))
}

/// The URL without a password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Starts the service over an opened store, with the key-encryption key of `crate::keys_cmd::key_encryption_key`.
pub async fn start_service(store: Store, kek: Option<KeyEncryptionKey>) -> anyhow::Result<Service> {
    start_service_at(store, kek, None).await
}

/// [`start_service`] for a server reached at `public_url` (the certificate PDFs' verification link).
pub async fn start_service_at(
    store: Store,
    kek: Option<KeyEncryptionKey>,
    public_url: Option<String>,
) -> anyhow::Result<Service> {
    start_service_with(store, kek, public_url, origo_service::cooperation::CooperationConfig::default()).await
}

/// [`start_service_with`] with the risk engine's configuration (`--risk-config`).
pub async fn start_service_risk(
    store: Store,
    kek: Option<KeyEncryptionKey>,
    public_url: Option<String>,
    cooperation: origo_service::cooperation::CooperationConfig,
    risk: origo_service::risk::RiskSettings,
) -> anyhow::Result<Service> {
    Ok(start_service_with(store, kek, public_url, cooperation).await?.with_risk(risk))
}

/// [`start_service_at`] with the settings of administrative cooperation (`origo serve`'s flags).
pub async fn start_service_with(
    store: Store,
    kek: Option<KeyEncryptionKey>,
    public_url: Option<String>,
    cooperation: origo_service::cooperation::CooperationConfig,
) -> anyhow::Result<Service> {
    let mut config = Config { key_encryption_key: kek, cooperation, ..Config::default() };
    if let Some(url) = public_url {
        config.public_url = url;
    }
    Service::start(store, config, Clock::system()).await.map_err(|error| {
        let hint = crate::keys_cmd::hint(&error);
        anyhow::Error::new(error).context(format!("cannot start the service{hint}"))
    })
}

/// Serves `service` on `listen` until Ctrl-C.
pub async fn serve_service(service: Service, listen: SocketAddr, settings: WebSettings) -> anyhow::Result<()> {
    serve_listener(service, bind(listen).await?, settings).await
}

/// A listener on `listen` (port 0: a free port, which `local_addr` then names).
pub async fn bind(listen: SocketAddr) -> anyhow::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(listen).await.with_context(|| format!("cannot listen on {listen}"))
}

/// Serves `service` on a bound `listener` until Ctrl-C.
pub async fn serve_listener(
    service: Service,
    listener: tokio::net::TcpListener,
    settings: WebSettings,
) -> anyhow::Result<()> {
    let address = listener.local_addr().context("no local address")?;
    tracing::info!(%address, "origo is serving the pages and the API under /api/v1");
    let _sweep = crate::deadline_sweep::start(service.clone(), crate::deadline_sweep::EVERY);
    let router = origo_web::router(service, settings);
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down");
    };
    origo_web::serve(listener, router, shutdown).await.context("the server stopped")
}

/// `origo serve`: migrate, then serve.
pub fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let kek = crate::keys_cmd::key_encryption_key(&args.database.database_url, &args.keys)?;
        // Servers sharing a database share its KEK: deriving the pages' CSRF key from it lets a login form
        // served by one be accepted by another (a one-way, domain-separated derivation; the KEK stays secret).
        let page_key = kek.as_ref().map(|kek| origo_web::pages::csrf::PageKey::from_secret(kek.to_base64().as_bytes()));
        let options = StoreOptions {
            public_head_ttl: std::time::Duration::from_millis(args.public_cache_ms),
            ..StoreOptions::default()
        };
        let store = Store::open_with(&args.database.database_url, options)
            .await
            .with_context(|| format!("cannot open the database {}", redact(&args.database.database_url)))?;
        // Bound before the service starts, so that the default public URL names the port really listened on.
        let listener = bind(args.listen).await?;
        let address = listener.local_addr().context("no local address")?;
        let public_url = args.public_url.clone().unwrap_or_else(|| format!("http://{address}"));
        let risk = args.risk.settings()?;
        let service = start_service_risk(store, kek, Some(public_url), args.cooperation.config(), risk).await?;
        let settings = WebSettings {
            secure_cookies: args.secure_cookies,
            public_rate: args.public_rate_limit,
            page_key: page_key.unwrap_or_default(),
            ..WebSettings::default()
        };
        serve_listener(service, listener, settings).await?;
        Ok(ExitCode::SUCCESS)
    })
}

/// `origo migrate`: bring the schema up to date and say which version it is at.
pub fn migrate(args: DatabaseArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = open_store(&args.database_url).await?;
        store.close().await;
        println!("database {} is at schema version {}", redact(&args.database_url), origo_store::schema_version());
        Ok(ExitCode::SUCCESS)
    })
}

#[cfg(test)]
mod tests {
    use super::public_url;

    #[test]
    fn a_public_url_is_an_http_address_without_a_query() {
        assert_eq!(public_url("https://origo.example.uz/").unwrap(), "https://origo.example.uz");
        assert_eq!(public_url("http://127.0.0.1:8080").unwrap(), "http://127.0.0.1:8080");
        assert_eq!(public_url("https://example.uz/origo").unwrap(), "https://example.uz/origo");
        for bad in ["origo.example.uz", "ftp://x", "https://", "https://x?y=1", "https://x y", "https://x#f"] {
            assert!(public_url(bad).is_err(), "{bad}");
        }
    }
}
