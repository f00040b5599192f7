//! Flags for officers: over-use and use in two countries of a certificate, revoked supplier declarations relied
//! on. Officers list them and resolve them with a note (the certifying body); the risk engine reads an exporter's
//! counts through [`Service::exporter_flags`].

use origo_store::flags::{self, Flag, FlagCounts};
use uuid::Uuid;

use super::{ControlError, required_text};
use crate::access::Caller;
use crate::policy::{Action, Resource};
use crate::service::Service;

impl Service {
    /// Flags, oldest first: the open ones only, or all.
    pub async fn flags(
        &self,
        caller: &Caller,
        open_only: bool,
        after: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<Flag>, ControlError> {
        caller.may(Action::ReadFlags, &Resource::default())?;
        let mut conn = self.store.conn().await?;
        Ok(flags::list(&mut conn, open_only, after, limit).await?)
    }

    /// One flag.
    pub async fn flag(&self, caller: &Caller, id: Uuid) -> Result<Flag, ControlError> {
        caller.may(Action::ReadFlags, &Resource::default())?;
        let mut conn = self.store.conn().await?;
        Ok(flags::get(&mut conn, id).await?)
    }

    /// The certifying body resolves an open flag with a note.
    pub async fn resolve_flag(&self, caller: &Caller, id: Uuid, resolution: &str) -> Result<Flag, ControlError> {
        caller.may(Action::ResolveFlag, &Resource::default())?;
        let resolution = required_text("resolution", resolution, true)?;
        let mut tx = self.store.begin().await?;
        let current = flags::get(&mut tx, id).await?;
        if current.resolved_at.is_some() {
            return Err(ControlError::InvalidState("the flag is resolved already".into()));
        }
        let resolved = flags::resolve(&mut tx, &caller.audit_actor(self.clock.now()), id, &resolution).await?;
        tx.commit().await?;
        Ok(resolved)
    }

    /// An exporter's flags for the risk engine: how many over-use, double-use and revoked-supplier-declaration
    /// flags it has had (resolved ones included), and how many are open. Internal: no caller, no authorization.
    pub async fn exporter_flags(&self, exporter_id: Uuid) -> Result<FlagCounts, ControlError> {
        let mut conn = self.store.conn().await?;
        Ok(flags::counts_for_exporter(&mut conn, exporter_id).await?)
    }
}
