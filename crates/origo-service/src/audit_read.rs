//! Reading the audit trail (supervisors, auditors, administrators): records in chain order a page at a time,
//! optionally those about one entity, and the check of the chain against its hashes and head: of every record
//! ([`Service::verify_audit`]), or of the records appended since the last check passed
//! ([`Service::check_audit`], what the audit page shows on each visit).

use origo_store::StoreError;
use origo_store::audit::{self, AuditFilter, AuditRecord, ChainReport, CheckOutcome};

use crate::access::Caller;
use crate::policy::{Action, Denied, Resource};
use crate::service::Service;

/// Which records to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Records after this sequence number (0 for the start of the trail).
    pub after: i64,
    /// At most this many.
    pub limit: u32,
    /// Only the records about this entity: its type (`certificate`) and id.
    pub entity: Option<(String, String)>,
}

/// Why the trail could not be read.
#[derive(Debug, thiserror::Error)]
pub enum AuditReadError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Service {
    /// A page of the audit trail, in chain order.
    pub async fn audit_records(&self, caller: &Caller, query: &AuditQuery) -> Result<Vec<AuditRecord>, AuditReadError> {
        caller.may(Action::ReadAudit, &Resource::default())?;
        let mut conn = self.store.conn().await?;
        let records = match &query.entity {
            Some((kind, id)) => audit::list_for_entity(&mut conn, kind, id, query.after, query.limit).await?,
            None => audit::list(&mut conn, query.after, query.limit).await?,
        };
        Ok(records)
    }

    /// A page of the trail newest first, narrowed by `filter`: up to `limit` records below sequence `before`.
    pub async fn audit_search(
        &self,
        caller: &Caller,
        filter: &AuditFilter,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, AuditReadError> {
        caller.may(Action::ReadAudit, &Resource::default())?;
        let mut conn = self.store.conn().await?;
        Ok(audit::search(&mut conn, filter, before, limit).await?)
    }

    /// Recomputes the whole chain (in a snapshot) and reports the first record that is not what was written. The
    /// outcome moves (or, for a broken chain, removes) the checkpoint of [`Service::check_audit`].
    pub async fn verify_audit(&self, caller: &Caller) -> Result<ChainReport, AuditReadError> {
        Ok(self.check_audit(caller, true).await?.report)
    }

    /// Checks the chain: every record when `full`, else the records appended since the last check that passed
    /// (every record when none has).
    pub async fn check_audit(&self, caller: &Caller, full: bool) -> Result<CheckOutcome, AuditReadError> {
        caller.may(Action::ReadAudit, &Resource::default())?;
        let now = self.clock.now();
        Ok(if full {
            audit::verify_full(&self.store, now).await?
        } else {
            audit::verify_incremental(&self.store, now).await?
        })
    }
}
