//! [`Store`]: the connection pool, chosen by a database URL, and the three ways in: a write transaction
//! ([`Tx`]), a read-only snapshot ([`Snapshot`]) and a plain connection for single reads ([`Conn`]).

use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, Executor};
use tokio::sync::Mutex;

use crate::backend::{Backend, prepare_sqlite_url, redact};
use crate::error::StoreError;
use crate::head_cache::HeadCache;
use crate::inline_read::InlineReader;
use crate::read_pool::ReadPool;
use crate::tx::{Conn, Snapshot, Tx};

/// How to connect.
#[derive(Clone, Debug)]
pub struct StoreOptions {
    /// Connections in the pool (one for an in-memory SQLite database, whatever is set).
    pub max_connections: u32,
    /// How long to wait for a free connection.
    pub acquire_timeout: Duration,
    /// SQLite: how long a statement waits for another process's write lock before failing.
    pub busy_timeout: Duration,
    /// SQLite files: how long the public check may answer from a head it read (see [`crate::head_cache`]); zero
    /// reads the database on every check. PostgreSQL always reads.
    pub public_head_ttl: Duration,
}

impl Default for StoreOptions {
    fn default() -> StoreOptions {
        StoreOptions {
            max_connections: 8,
            acquire_timeout: Duration::from_secs(30),
            busy_timeout: Duration::from_secs(10),
            public_head_ttl: Duration::from_secs(1),
        }
    }
}

/// The database: a pool of connections to SQLite or PostgreSQL. Cheap to clone (clones share the pool).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    /// Where write transactions run: on SQLite a pool of its own with one connection, on PostgreSQL `pool`.
    /// SQLite has one writer at a time anyway; always the same connection keeps its page cache valid from one
    /// write to the next (a connection must re-read every page another connection changed since its last use):
    /// with the checkpoint interval of [`sqlite_setup`], about 1.5 times the issuance throughput (docs/PERFORMANCE.md).
    writer: AnyPool,
    /// SQLite files: the connections of [`Store::conn`], outside sqlx's pool (see [`crate::read_pool`]).
    readers: Option<Arc<ReadPool>>,
    /// SQLite files: the public check's read on the calling thread (see [`crate::inline_read`]).
    inline: Option<Arc<InlineReader>>,
    /// SQLite files: the public check's heads (see [`crate::head_cache`]).
    heads: Option<Arc<HeadCache>>,
    backend: Backend,
    /// SQLite allows one writer at a time. Queueing writers here, in order, is faster and fairer than letting them
    /// spin in SQLite's busy handler; `BEGIN IMMEDIATE` still guards against other processes.
    write_gate: Option<Arc<Mutex<()>>>,
}

impl Store {
    /// Connects with default options. SQLite files (and their folder) are created on first use.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        Store::connect_with(url, StoreOptions::default()).await
    }

    /// Connects and runs the migrations: what a server does at start-up.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        Store::open_with(url, StoreOptions::default()).await
    }

    /// Connects with `options` and runs the migrations.
    pub async fn open_with(url: &str, options: StoreOptions) -> Result<Store, StoreError> {
        let store = Store::connect_with(url, options).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Connects with `options`.
    pub async fn connect_with(url: &str, options: StoreOptions) -> Result<Store, StoreError> {
        install_default_drivers();
        let backend = Backend::of_url(url)?;
        let (url, max_connections) = match backend {
            Backend::Sqlite => {
                let (url, memory) = prepare_sqlite_url(url)?;
                // Each connection to `sqlite::memory:` is a database of its own.
                (url, if memory { 1 } else { options.max_connections })
            }
            Backend::Postgres => (url.to_owned(), options.max_connections),
        };
        let busy_ms = options.busy_timeout.as_millis();
        let pool_options = || {
            AnyPoolOptions::new()
                .acquire_timeout(options.acquire_timeout)
                // A SQLite connection is a file handle that cannot drop like a socket: no ping round trip on each
                // acquire. PostgreSQL connections are tested (a restarted server is then no failed request).
                .test_before_acquire(backend == Backend::Postgres)
                .after_connect(move |conn, _| {
                    Box::pin(async move {
                        if backend == Backend::Sqlite {
                            sqlite_setup(conn, busy_ms).await?;
                        }
                        Ok(())
                    })
                })
        };
        let connect_error = |e: sqlx::Error| StoreError::Database(format!("cannot connect to {}: {e}", redact(&url)));
        let pool = pool_options().max_connections(max_connections.max(1)).connect(&url).await.map_err(connect_error)?;
        let writer = if backend == Backend::Sqlite && max_connections > 1 {
            pool_options().max_connections(1).connect(&url).await.map_err(connect_error)?
        } else {
            // PostgreSQL writes run side by side; an in-memory SQLite database has one connection only.
            pool.clone()
        };
        let readers = (backend == Backend::Sqlite && max_connections > 1)
            .then(|| ReadPool::new(&url, max_connections, busy_ms, options.acquire_timeout));
        let inline = readers.is_some().then(|| Arc::new(InlineReader::new(&url)));
        let heads = inline.as_ref().and_then(|reader| HeadCache::for_file(reader.path(), options.public_head_ttl));
        let write_gate = (backend == Backend::Sqlite).then(|| Arc::new(Mutex::new(())));
        Ok(Store { pool, writer, readers, inline, heads, backend, write_gate })
    }

    /// Brings the schema up to date (see [`crate::migrate()`]).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        crate::migrate::migrate(self).await
    }

    /// The inline reader of a SQLite file (none for PostgreSQL and in-memory databases).
    pub(crate) fn inline_reader(&self) -> Option<&InlineReader> {
        self.inline.as_deref()
    }

    /// The public check's heads of a SQLite file (none for PostgreSQL, in-memory databases, or a zero time to live).
    pub(crate) fn head_cache(&self) -> Option<&HeadCache> {
        self.heads.as_deref()
    }

    /// SQLite or PostgreSQL.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Opens a write transaction. Nothing is written unless [`Tx::commit`] succeeds; dropping the transaction
    /// rolls it back. On SQLite write transactions take turns: hold at most one per task.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let gate = match &self.write_gate {
            Some(gate) => Some(gate.clone().lock_owned().await),
            None => None,
        };
        let inner = self.writer.begin_with(self.backend.begin_write()).await?;
        Ok(Tx::new(inner, self.backend, self.heads.clone(), gate))
    }

    /// Opens a read-only transaction that sees one consistent state of the database throughout.
    pub async fn snapshot(&self) -> Result<Snapshot, StoreError> {
        Ok(Snapshot::new(self.pool.begin_with(self.backend.begin_snapshot()).await?))
    }

    /// A connection for reads that need no snapshot (each statement sees the latest committed state).
    pub async fn conn(&self) -> Result<Conn, StoreError> {
        match &self.readers {
            Some(readers) => Ok(Conn::kept(readers.acquire().await?)),
            None => Ok(Conn::new(self.pool.acquire().await?)),
        }
    }

    /// Closes every connection (waits for those in use to come back).
    pub async fn close(&self) {
        if let Some(readers) = &self.readers {
            readers.close().await;
        }
        self.writer.close().await;
        self.pool.close().await;
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// What every SQLite connection is set to when it opens.
pub(crate) async fn sqlite_setup(conn: &mut AnyConnection, busy_ms: u128) -> Result<(), sqlx::Error> {
    conn.execute(AssertSqlSafe(format!("PRAGMA busy_timeout = {busy_ms}"))).await?;
    conn.execute("PRAGMA foreign_keys = ON").await?;
    conn.execute("PRAGMA journal_mode = WAL").await?;
    // In WAL mode NORMAL loses no committed transaction when the process dies (kill -9); only a power cut can
    // take the last ones. FULL would sync the WAL on every commit.
    conn.execute("PRAGMA synchronous = NORMAL").await?;
    // The committing writer copies the WAL back into the database every N pages, while every other writer waits.
    // 1 000 pages (the default) is every 40 issuances; 10 000 (40 MB of WAL) writes hot pages back less often and
    // cut the p99 of issuance about in half (docs/PERFORMANCE.md). Durability is the same either way.
    conn.execute("PRAGMA wal_autocheckpoint = 10000").await?;
    Ok(())
}
