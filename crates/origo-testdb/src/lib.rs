//! Scratch databases for the test suites and benchmarks of every crate: a fresh, migrated SQLite file in a temp
//! folder always, and a PostgreSQL schema of its own (created here, dropped after) when
//! `ORIGO_TEST_DATABASE_URL` names a server. A schema per test is much faster than a database per test, and
//! `options[search_path]` in the URL keeps every connection of the pool inside it.
//!
//! [`both_backends!`] declares each test once and runs it on both: `sqlite::name` and `postgres::name`.

use std::future::Future;

use origo_store::{Actor, Store};
use sqlx::{AnyConnection, AssertSqlSafe, Connection, Executor};
use time::OffsetDateTime;
use time::macros::datetime;

/// The fixed instant the suites act at.
pub const T0: OffsetDateTime = datetime!(2026-05-01 09:00:00 UTC);

/// The system acting at [`T0`].
pub fn system() -> Actor {
    Actor::system(T0)
}

/// The environment variable naming the PostgreSQL server the suites may use.
pub const POSTGRES_ENV: &str = "ORIGO_TEST_DATABASE_URL";

/// A database URL that exists until [`ScratchDb::remove`] (or, for SQLite, until dropped).
#[derive(Debug)]
pub struct ScratchDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    /// PostgreSQL: the server and the schema to drop.
    schema: Option<(String, String)>,
}

impl ScratchDb {
    /// A SQLite file (not created yet) in a fresh temp folder.
    pub fn sqlite() -> ScratchDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("origo.db").display());
        ScratchDb { url, _dir: Some(dir), schema: None }
    }

    /// A fresh schema named `PREFIX_<uuid>` on the server of `ORIGO_TEST_DATABASE_URL`, or none when it is unset.
    pub async fn postgres(prefix: &str) -> Option<ScratchDb> {
        let server = std::env::var(POSTGRES_ENV).ok()?;
        Some(ScratchDb::postgres_on(&server, prefix).await)
    }

    /// A fresh schema named `PREFIX_<uuid>` on `server`.
    pub async fn postgres_on(server: &str, prefix: &str) -> ScratchDb {
        sqlx::any::install_default_drivers();
        let schema = format!("{prefix}_{}", uuid::Uuid::now_v7().simple());
        run(server, &format!("CREATE SCHEMA {schema}")).await;
        let separator = if server.contains('?') { '&' } else { '?' };
        let url = format!("{server}{separator}options[search_path]={schema}");
        ScratchDb { url, _dir: None, schema: Some((server.to_owned(), schema)) }
    }

    /// Drops the PostgreSQL schema with everything in it (the SQLite folder goes when this is dropped).
    pub async fn remove(self) {
        if let Some((server, schema)) = &self.schema {
            run(server, &format!("DROP SCHEMA {schema} CASCADE")).await;
        }
    }
}

/// A test's database: the store under test and its URL, for raw SQL behind the store's back.
pub struct TestDb {
    pub store: Store,
    pub url: String,
}

impl TestDb {
    /// Runs raw SQL on a connection of its own, as an intruder with database access would.
    pub async fn tamper(&self, sql: &str) {
        tamper(&self.url, sql).await;
    }
}

/// Runs raw SQL on a connection of its own to `url`, as an intruder with database access would.
pub async fn tamper(url: &str, sql: &str) {
    run(url, sql).await;
}

async fn run(url: &str, sql: &str) {
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(url).await.expect("raw connection");
    conn.execute(AssertSqlSafe(sql.to_owned())).await.expect("raw SQL");
    conn.close().await.expect("close raw connection");
}

/// Runs `test` on a fresh, migrated SQLite file.
pub async fn on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    let scratch = ScratchDb::sqlite();
    let store = Store::open(&scratch.url).await.expect("open sqlite");
    test(TestDb { store: store.clone(), url: scratch.url.clone() }).await;
    store.close().await;
    scratch.remove().await;
}

/// Runs `test` in a fresh, migrated PostgreSQL schema of its own, or says it was skipped when no server is
/// configured.
pub async fn on_postgres<F, Fut>(name: &str, test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(scratch) = ScratchDb::postgres("origo_test").await else {
        eprintln!("{name}: skipped on PostgreSQL ({POSTGRES_ENV} is not set)");
        return;
    };
    let store = Store::open(&scratch.url).await.expect("open postgres");
    test(TestDb { store: store.clone(), url: scratch.url.clone() }).await;
    store.close().await;
    scratch.remove().await;
}

/// Declares each test once and runs it on both backends, as `sqlite::name` and `postgres::name`:
/// `both_backends!(a, b)` with [`on_sqlite`] and [`on_postgres`], or
/// `both_backends!(with crate::common::on_sqlite, crate::common::on_postgres; a, b)` with runners of the suite's
/// own (taking what its tests take). The calling crate needs `tokio` with `macros`.
#[macro_export]
macro_rules! both_backends {
    (with $sqlite:path, $postgres:path; $($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    $sqlite(super::$name).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    $postgres(stringify!($name), super::$name).await;
                }
            )*
        }
    };
    ($($name:ident),* $(,)?) => {
        $crate::both_backends!(with $crate::on_sqlite, $crate::on_postgres; $($name),*);
    };
}
