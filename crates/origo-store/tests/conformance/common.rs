//! One fresh database per test: a temp-file SQLite database always, and a PostgreSQL schema of its own when
//! `ORIGO_TEST_DATABASE_URL` names a server (created, migrated, dropped).

use std::future::Future;

use origo_store::{Actor, Store};
use sqlx::{AnyConnection, AssertSqlSafe, Connection, Executor};
use time::OffsetDateTime;
use time::macros::datetime;

/// The fixed instant tests act at.
pub const T0: OffsetDateTime = datetime!(2026-05-01 09:00:00 UTC);

pub fn system() -> Actor {
    Actor::system(T0)
}

/// A test's database: the store under test and its URL, for raw SQL behind the store's back (tampering).
pub struct TestDb {
    pub store: Store,
    pub url: String,
}

impl TestDb {
    /// Runs raw SQL on a connection of its own, as an intruder with database access would.
    pub async fn tamper(&self, sql: &str) {
        let mut conn = AnyConnection::connect(&self.url).await.expect("raw connection");
        conn.execute(AssertSqlSafe(sql.to_owned())).await.expect("raw SQL");
        conn.close().await.expect("close raw connection");
    }
}

/// Runs `test` on a fresh, migrated SQLite file.
pub async fn on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    sqlx::any::install_default_drivers();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("origo.db").display());
    let store = Store::open(&url).await.expect("open sqlite");
    test(TestDb { store: store.clone(), url }).await;
    store.close().await;
}

/// Runs `test` in a fresh, migrated PostgreSQL schema of its own (created and dropped here: much faster than a
/// database per test), or says it was skipped when no server is configured.
pub async fn on_postgres<F, Fut>(name: &str, test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    let Ok(server) = std::env::var("ORIGO_TEST_DATABASE_URL") else {
        eprintln!("{name}: skipped on PostgreSQL (ORIGO_TEST_DATABASE_URL is not set)");
        return;
    };
    sqlx::any::install_default_drivers();
    let schema = format!("origo_test_{}", uuid::Uuid::now_v7().simple());
    let mut admin = AnyConnection::connect(&server).await.expect("connect to the test server");
    admin.execute(AssertSqlSafe(format!("CREATE SCHEMA {schema}"))).await.expect("create test schema");
    let separator = if server.contains('?') { '&' } else { '?' };
    let url = format!("{server}{separator}options[search_path]={schema}");
    let store = Store::open(&url).await.expect("open postgres");
    test(TestDb { store: store.clone(), url }).await;
    store.close().await;
    admin.execute(AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE"))).await.expect("drop test schema");
    admin.close().await.expect("close admin connection");
}

/// Declares each test once and runs it on both backends: `sqlite::name` and `postgres::name`.
macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    crate::common::on_sqlite(super::$name).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    crate::common::on_postgres(stringify!($name), super::$name).await;
                }
            )*
        }
    };
}
pub(crate) use conformance;
