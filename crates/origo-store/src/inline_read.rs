//! Short reads of a SQLite file on the calling thread, with a connection of that thread (rusqlite), for the one
//! hot read of the public certificate check (`crate::public_check`).
//!
//! Why: every sqlx SQLite statement is sent to the thread that owns the connection and its rows are sent back, two
//! thread wake-ups per query. Under load the public check spent about a third of its time in those hand-overs
//! (docs/PERFORMANCE.md). The read here is one indexed SELECT of a few small columns in WAL mode, where readers
//! never wait for the writer; it takes microseconds, so it runs in place on the async worker rather than being
//! handed to another thread. A busy database (a checkpoint, another process recovering the WAL) waits at most
//! [`BUSY_MS`] and the caller falls back to the pooled connections.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{Connection, OpenFlags};

use crate::error::StoreError;

/// How long an inline read waits for a locked database before giving up (the caller then reads the usual way).
pub(crate) const BUSY_MS: u64 = 50;

/// Connections kept per thread: one per store in use on that thread (tests open many stores; old ones fall out).
const PER_THREAD: usize = 4;

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

thread_local! {
    static CONNECTIONS: RefCell<Vec<(u64, Connection)>> = const { RefCell::new(Vec::new()) };
}

/// One SQLite file, read inline.
#[derive(Debug)]
pub(crate) struct InlineReader {
    /// Tells this store's connections apart from another store's on the same thread, even for the same path
    /// (a file deleted and made again is another database).
    id: u64,
    path: String,
}

impl InlineReader {
    /// A reader of the file named in a prepared `sqlite://path?...` URL.
    pub(crate) fn new(url: &str) -> InlineReader {
        let rest = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
        let path = rest.split_once('?').map_or(rest, |(path, _)| path).to_owned();
        InlineReader { id: NEXT_ID.fetch_add(1, Ordering::Relaxed), path }
    }

    /// Runs `read` on this thread's connection to the file (opened on first use). `Ok(None)`: the database was
    /// busy or the connection could not be made; read it another way.
    /// The file read.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    pub(crate) fn read<T>(
        &self,
        read: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<Option<T>, StoreError> {
        CONNECTIONS.with(|cell| {
            let mut kept = cell.borrow_mut();
            let index = match kept.iter().position(|(id, _)| *id == self.id) {
                Some(index) => index,
                None => {
                    let Ok(conn) = self.open() else { return Ok(None) };
                    if kept.len() >= PER_THREAD {
                        kept.remove(0);
                    }
                    kept.push((self.id, conn));
                    kept.len() - 1
                }
            };
            match read(&kept[index].1) {
                Ok(value) => Ok(Some(value)),
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if matches!(e.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) =>
                {
                    Ok(None)
                }
                Err(e) => Err(StoreError::Database(format!("inline read: {e}"))),
            }
        })
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        // Read-write without create: a read-only handle cannot set up the WAL index if it is the first one open.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags)?;
        conn.busy_timeout(std::time::Duration::from_millis(BUSY_MS))?;
        // Nothing is ever written through these connections.
        conn.pragma_update(None, "query_only", true)?;
        Ok(conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_comes_from_the_prepared_url() {
        assert_eq!(InlineReader::new("sqlite:///tmp/a b/origo.db?mode=rwc").path, "/tmp/a b/origo.db");
        assert_eq!(InlineReader::new("sqlite://origo.db").path, "origo.db");
    }

    #[test]
    fn a_missing_file_is_read_another_way_and_nothing_is_written() {
        let dir = std::env::temp_dir().join(format!("origo-inline-{}", std::process::id()));
        let reader = InlineReader::new(&format!("sqlite://{}/none.db", dir.display()));
        assert!(reader.read(|c| c.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))).unwrap().is_none());
        assert!(!dir.join("none.db").exists());
    }

    #[test]
    fn reads_see_the_file_and_cannot_write() {
        let path = std::env::temp_dir().join(format!("origo-inline-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let setup = Connection::open(&path).unwrap();
        setup
            .execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7);")
            .unwrap();
        let reader = InlineReader::new(&format!("sqlite://{}?mode=rwc", path.display()));
        let x = reader.read(|c| c.query_row("SELECT x FROM t", [], |r| r.get::<_, i64>(0))).unwrap();
        assert_eq!(x, Some(7));
        setup.execute("UPDATE t SET x = 8", []).unwrap();
        let x = reader.read(|c| c.query_row("SELECT x FROM t", [], |r| r.get::<_, i64>(0))).unwrap();
        assert_eq!(x, Some(8), "a later commit is seen");
        assert!(reader.read(|c| c.execute("DELETE FROM t", [])).is_err(), "query_only");
        drop(setup);
        let _ = std::fs::remove_file(&path);
    }
}
