//! The handles repository functions work on. Reads take any [`Db`]; writes take a [`Tx`], because every write
//! appends to the audit trail and the trail is written when the transaction commits.

use std::sync::Arc;

use sqlx::AnyConnection;
use sqlx::pool::PoolConnection;
use sqlx::{Any, Transaction};
use tokio::sync::OwnedMutexGuard;

use crate::audit::PendingRecord;
use crate::backend::Backend;
use crate::error::StoreError;
use crate::head_cache::HeadCache;
use crate::read_pool::Kept;

mod sealed {
    /// Gives this crate (only) the connection behind a handle.
    pub trait Sealed {
        fn conn(&mut self) -> &mut sqlx::AnyConnection;
    }
}

pub(crate) use sealed::Sealed;

/// Something reads can run on: a [`Tx`], a [`Snapshot`] or a [`Conn`].
pub trait Db: sealed::Sealed + Send {}

/// A write transaction. Commit with [`Tx::commit`]; dropped without it, nothing it did is kept. After a
/// [`StoreError`] from a statement inside it, roll it back (see [`Tx::commit`]).
pub struct Tx {
    // Dropped first: the rollback starts before the SQLite write gate opens for the next writer.
    inner: Transaction<'static, Any>,
    backend: Backend,
    pub(crate) audit: Vec<PendingRecord>,
    /// The public check's cache of this database, told when a certificate's status change commits.
    heads: Option<Arc<HeadCache>>,
    certificate_status_changed: bool,
    _gate: Option<OwnedMutexGuard<()>>,
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx").field("backend", &self.backend).field("audit", &self.audit.len()).finish()
    }
}

impl Tx {
    pub(crate) fn new(
        inner: Transaction<'static, Any>,
        backend: Backend,
        heads: Option<Arc<HeadCache>>,
        gate: Option<OwnedMutexGuard<()>>,
    ) -> Tx {
        Tx { inner, backend, audit: Vec::new(), heads, certificate_status_changed: false, _gate: gate }
    }

    /// A certificate was revoked or replaced in this transaction: once it commits, the public check must not answer
    /// from what it read before.
    pub(crate) fn certificate_status_changed(&mut self) {
        self.certificate_status_changed = true;
    }

    /// SQLite or PostgreSQL.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Appends the audit records of this transaction to the chain, then commits. Either everything the
    /// transaction did is kept, audit records included, or nothing is.
    ///
    /// After any error inside the transaction, roll it back: PostgreSQL aborts a transaction at its first failed
    /// statement (SQLite does not), and then `commit` fails rather than report success for work that is gone.
    pub async fn commit(mut self) -> Result<(), StoreError> {
        let records = std::mem::take(&mut self.audit);
        if records.is_empty() && self.backend == Backend::Postgres {
            // PostgreSQL answers COMMIT of an aborted transaction with a silent ROLLBACK; ask it first. (With
            // audit records, appending them is the question.)
            if let Err(error) = sqlx::query("SELECT 1").execute(&mut *self.inner).await {
                let _ = self.inner.rollback().await;
                return Err(error.into());
            }
        }
        if let Err(error) = crate::audit::append_pending(&mut self, records).await {
            // Roll back now rather than on drop: on PostgreSQL the chain head stays locked until then.
            let _ = self.inner.rollback().await;
            return Err(error);
        }
        self.inner.commit().await?;
        if self.certificate_status_changed
            && let Some(heads) = &self.heads
        {
            heads.changed();
        }
        Ok(())
    }

    /// Undoes everything the transaction did.
    pub async fn rollback(self) -> Result<(), StoreError> {
        self.inner.rollback().await?;
        Ok(())
    }
}

impl Sealed for Tx {
    fn conn(&mut self) -> &mut AnyConnection {
        &mut self.inner
    }
}
impl Db for Tx {}

/// A read-only transaction: every read sees the same committed state. End it with [`Snapshot::finish`] (or drop
/// it).
pub struct Snapshot {
    inner: Transaction<'static, Any>,
}

impl Snapshot {
    pub(crate) fn new(inner: Transaction<'static, Any>) -> Snapshot {
        Snapshot { inner }
    }

    /// Ends the snapshot.
    pub async fn finish(self) -> Result<(), StoreError> {
        self.inner.commit().await?;
        Ok(())
    }
}

impl Sealed for Snapshot {
    fn conn(&mut self) -> &mut AnyConnection {
        &mut self.inner
    }
}
impl Db for Snapshot {}

/// A pooled connection outside any transaction, for single reads on hot paths (one round trip each).
pub struct Conn {
    inner: ConnInner,
}

enum ConnInner {
    Pooled(PoolConnection<Any>),
    /// From the store's own SQLite read pool.
    Kept(Kept),
}

impl Conn {
    pub(crate) fn new(inner: PoolConnection<Any>) -> Conn {
        Conn { inner: ConnInner::Pooled(inner) }
    }

    pub(crate) fn kept(inner: Kept) -> Conn {
        Conn { inner: ConnInner::Kept(inner) }
    }
}

impl Sealed for Conn {
    fn conn(&mut self) -> &mut AnyConnection {
        match &mut self.inner {
            ConnInner::Pooled(conn) => conn,
            ConnInner::Kept(kept) => kept.conn(),
        }
    }
}
impl Db for Conn {}
