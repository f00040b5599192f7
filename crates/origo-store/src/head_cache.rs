//! The public check's heads kept for a moment: under a flood of checks (a QR code scanned at every border post,
//! or someone hammering the endpoint) most of a check's cost on a SQLite file is opening and closing the read
//! transaction, not the indexed read itself (docs/PERFORMANCE.md).
//!
//! Why a head cannot be stale in this process: a head changes only when a certificate is revoked or replaced
//! ([`crate::certificates::revoke`], [`crate::certificates::replace`]). Such a transaction marks itself, and when it
//! commits it moves the generation on and empties the cache. A check that read the database before that commit
//! stores its head only if the generation did not move meanwhile (it looks again after storing, so a commit that
//! lands between the read and the store is caught either way). Every store on the same SQLite file in one process
//! shares one cache, so it holds across them too.
//!
//! Another process writing the same SQLite file (a second server) is not seen at once: its revocation shows here
//! within the time to live (one second by default, [`crate::StoreOptions::public_head_ttl`]). PostgreSQL, where
//! several servers share the database by design, gets no cache.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex, Weak};
use std::time::{Duration, Instant};

use crate::public_check::PublicHead;

/// At most this many numbers are kept; the least used go first.
const CAPACITY: usize = 50_000;

/// Heads by certificate number, with the instant they were read.
#[derive(Debug)]
pub(crate) struct HeadCache {
    entries: quick_cache::sync::Cache<String, (Instant, Arc<[PublicHead]>)>,
    generation: AtomicU64,
    ttl: Duration,
}

/// The caches of this process, one per SQLite file.
static BY_FILE: LazyLock<Mutex<HashMap<String, Weak<HeadCache>>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

impl HeadCache {
    /// The cache of the SQLite file at `path` (shared with every other store of this process on that file), or
    /// none when `ttl` is zero.
    pub(crate) fn for_file(path: &str, ttl: Duration) -> Option<Arc<HeadCache>> {
        if ttl.is_zero() {
            return None;
        }
        let key = std::fs::canonicalize(path).map_or_else(|_| path.to_owned(), |p| p.display().to_string());
        let mut files = BY_FILE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        files.retain(|_, cache| cache.strong_count() > 0);
        if let Some(cache) = files.get(&key).and_then(Weak::upgrade) {
            return Some(cache);
        }
        let cache = Arc::new(HeadCache::new(ttl));
        files.insert(key, Arc::downgrade(&cache));
        Some(cache)
    }

    fn new(ttl: Duration) -> HeadCache {
        HeadCache { entries: quick_cache::sync::Cache::new(CAPACITY), generation: AtomicU64::new(0), ttl }
    }

    /// The heads of `number` if read less than the time to live ago.
    pub(crate) fn get(&self, number: &str) -> Option<Arc<[PublicHead]>> {
        let (read_at, heads) = self.entries.get(number)?;
        (read_at.elapsed() < self.ttl).then_some(heads)
    }

    /// Where the cache stands before a read from the database.
    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Keeps heads read from the database when no revocation or replacement committed since `generation`.
    pub(crate) fn keep(&self, number: &str, heads: Arc<[PublicHead]>, read_at: Instant, generation: u64) {
        self.entries.insert(number.to_owned(), (read_at, heads));
        if self.generation() != generation {
            self.entries.remove(number);
        }
    }

    /// A revocation or replacement committed: nothing read before it may be answered from here.
    pub(crate) fn changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certificates::CertificateStatus;

    fn head(status: CertificateStatus) -> Arc<[PublicHead]> {
        Arc::from(vec![PublicHead {
            id: uuid::Uuid::nil(),
            number: "UZ-2026-000001".into(),
            security_code_hash: "h".into(),
            issued_at: time::OffsetDateTime::UNIX_EPOCH,
            status,
            status_reason: None,
            status_changed_at: None,
            replaced_by: None,
            replaces: None,
        }])
    }

    #[test]
    fn a_head_read_before_a_change_is_not_kept() {
        let cache = HeadCache::new(Duration::from_secs(60));
        let before = cache.generation();
        cache.changed();
        cache.keep("UZ-2026-000001", head(CertificateStatus::Valid), Instant::now(), before);
        assert!(cache.get("UZ-2026-000001").is_none());
    }

    #[test]
    fn a_change_empties_the_cache_and_later_reads_are_kept() {
        let cache = HeadCache::new(Duration::from_secs(60));
        cache.keep("UZ-2026-000001", head(CertificateStatus::Valid), Instant::now(), cache.generation());
        assert_eq!(cache.get("UZ-2026-000001").unwrap()[0].status, CertificateStatus::Valid);
        cache.changed();
        assert!(cache.get("UZ-2026-000001").is_none());
        cache.keep("UZ-2026-000001", head(CertificateStatus::Revoked), Instant::now(), cache.generation());
        assert_eq!(cache.get("UZ-2026-000001").unwrap()[0].status, CertificateStatus::Revoked);
    }

    #[test]
    fn heads_older_than_the_time_to_live_are_read_again() {
        let cache = HeadCache::new(Duration::from_millis(100));
        let long_ago = Instant::now() - Duration::from_millis(150);
        cache.keep("UZ-2026-000001", head(CertificateStatus::Valid), long_ago, cache.generation());
        assert!(cache.get("UZ-2026-000001").is_none());
    }

    #[test]
    fn stores_on_one_file_share_a_cache_and_zero_means_none() {
        let path = format!("/nonexistent-origo-{}/a.db", std::process::id());
        let a = HeadCache::for_file(&path, Duration::from_secs(1)).unwrap();
        let b = HeadCache::for_file(&path, Duration::from_secs(1)).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert!(HeadCache::for_file(&path, Duration::ZERO).is_none());
        let other = HeadCache::for_file(&format!("{path}.other"), Duration::from_secs(1)).unwrap();
        assert!(!Arc::ptr_eq(&a, &other));
    }
}
