//! SQLite connections for single reads ([`crate::Conn`]), kept by the store itself rather than sqlx's pool.
//!
//! sqlx's pool pings every connection on its way back (a task spawned, and a round trip to the thread that owns
//! the SQLite connection): under load that was about a quarter of the CPU time of a public certificate check.
//! A SQLite connection is a file handle that does not break like a socket, and a read whose future was dropped
//! half-way leaves nothing open (the connection's thread stops when nobody takes the rows), so these connections
//! go back as they are. Snapshots and write transactions keep sqlx's pool; PostgreSQL keeps it for everything.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::{AnyConnection, Connection};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::backend::redact;
use crate::error::StoreError;

/// Up to `max` connections to one SQLite file, opened on demand and kept open.
pub(crate) struct ReadPool {
    url: String,
    busy_ms: u128,
    idle: Mutex<Vec<AnyConnection>>,
    permits: Arc<Semaphore>,
    acquire_timeout: Duration,
}

impl std::fmt::Debug for ReadPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadPool").field("url", &redact(&self.url)).finish_non_exhaustive()
    }
}

/// A connection taken from a [`ReadPool`]; it goes back when dropped.
pub(crate) struct Kept {
    conn: Option<AnyConnection>,
    pool: Arc<ReadPool>,
    _permit: OwnedSemaphorePermit,
}

impl Kept {
    pub(crate) fn conn(&mut self) -> &mut AnyConnection {
        self.conn.as_mut().expect("a kept connection is there until dropped")
    }
}

impl Drop for Kept {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.pool.idle.lock().unwrap_or_else(|e| e.into_inner()).push(conn);
        }
    }
}

impl ReadPool {
    pub(crate) fn new(url: &str, max: u32, busy_ms: u128, acquire_timeout: Duration) -> Arc<ReadPool> {
        Arc::new(ReadPool {
            url: url.to_owned(),
            busy_ms,
            idle: Mutex::new(Vec::new()),
            permits: Arc::new(Semaphore::new(max.max(1) as usize)),
            acquire_timeout,
        })
    }

    /// An idle connection, or a new one while fewer than `max` are open; waits up to the acquire timeout.
    pub(crate) async fn acquire(self: &Arc<ReadPool>) -> Result<Kept, StoreError> {
        let permit = tokio::time::timeout(self.acquire_timeout, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| StoreError::Database("timed out waiting for a database connection".into()))?
            .map_err(|_| StoreError::Database("the database is closed".into()))?;
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => {
                let mut conn = AnyConnection::connect(&self.url)
                    .await
                    .map_err(|e| StoreError::Database(format!("cannot connect to {}: {e}", redact(&self.url))))?;
                crate::store::sqlite_setup(&mut conn, self.busy_ms).await?;
                conn
            }
        };
        Ok(Kept { conn: Some(conn), pool: self.clone(), _permit: permit })
    }

    /// Closes the idle connections and refuses new acquisitions (those in use close when dropped).
    pub(crate) async fn close(&self) {
        self.permits.close();
        let idle = std::mem::take(&mut *self.idle.lock().unwrap_or_else(|e| e.into_inner()));
        for conn in idle {
            let _ = conn.close().await;
        }
    }
}
