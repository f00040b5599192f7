//! The registry of exporters (REX-style): application with the Annex 22-06 data, decision with reasons, REX
//! number in the national format, validity, modification, revocation with grounds and date, history, and the
//! public lookup.

use origo_store::exporters::{self, Exporter, ExporterData, ExporterStatus, ExporterVersion};
use origo_store::{StoreError, users};
use serde::Serialize;
use time::Date;
use uuid::Uuid;

use crate::access::Caller;
use crate::capacity::{self, CapacityError};
use crate::policy::{Action, Denied, Resource};
use crate::rex::{RexError, RexNumber};
use crate::roles::Role;
use crate::service::Service;

/// Why a registry operation failed.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("invalid registration data: {field}: {message}")]
    Invalid { field: &'static str, message: String },
    /// A declared capacity line is wrong: `field` is its path (`capacity[2].hs`).
    #[error("invalid registration data: {field}: {message}")]
    InvalidCapacity { field: String, message: String },
    #[error(transparent)]
    Rex(#[from] RexError),
    /// The company already has a live registration (applied or registered).
    #[error("this company already has a registration that is applied for or in force")]
    AlreadyRegistered,
    /// The registration is not in a state that allows this (e.g. deciding twice).
    #[error("the registration is {0:?} and cannot be changed this way")]
    WrongStatus(ExporterStatus),
    #[error("reasons are required")]
    ReasonsRequired,
    /// Someone changed the registration in between.
    #[error("the registration was changed meanwhile; reload and try again")]
    Stale,
    #[error("registration not found")]
    NotFound,
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for RegistryError {
    fn from(error: StoreError) -> RegistryError {
        match error {
            StoreError::NotFound { .. } => RegistryError::NotFound,
            e if e.is_unique("exporters_country_tin_key") => RegistryError::AlreadyRegistered,
            StoreError::Conflict { kind: origo_store::ConflictKind::Stale, .. } => RegistryError::Stale,
            e => RegistryError::Store(e),
        }
    }
}

impl From<CapacityError> for RegistryError {
    fn from(error: CapacityError) -> RegistryError {
        RegistryError::InvalidCapacity { field: error.field, message: error.message }
    }
}

/// A certifier's decision on an application for registration.
#[derive(Debug, Clone)]
pub enum RegistrationDecision {
    Register { valid_from: Date, reasons: String },
    Refuse { reasons: String },
}

/// What anyone may see of a registration: number, validity and revocation always; name, address and goods only
/// with the exporter's consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicRegistration {
    pub rex_number: String,
    pub valid_from: Option<Date>,
    pub revoked_on: Option<Date>,
    pub name: Option<String>,
    pub address: Option<String>,
    pub goods_description: Option<String>,
}

fn validate(data: &ExporterData) -> Result<(), RegistryError> {
    let invalid = |field, message: &str| Err(RegistryError::Invalid { field, message: message.to_owned() });
    if data.name.trim().is_empty() {
        return invalid("name", "must not be empty");
    }
    if data.address.trim().is_empty() {
        return invalid("address", "must not be empty");
    }
    if !origo_rules::countries::is_iso_alpha2(&data.country) {
        return invalid("country", "must be an ISO 3166-1 alpha-2 code");
    }
    if data.goods_description.trim().is_empty() {
        return invalid("goods_description", "must not be empty");
    }
    if !data.undertakings_accepted {
        return invalid("undertakings_accepted", "the undertakings of Annex 22-06 box 5 must be accepted");
    }
    Ok(())
}

impl Service {
    /// An exporter applies for registration for its company; the user is tied to the new registration.
    pub async fn apply_for_registration(&self, caller: &Caller, data: ExporterData) -> Result<Exporter, RegistryError> {
        caller.may(Action::ApplyForRegistration, &Resource::default())?;
        validate(&data)?;
        let data = capacity::normalised(data)?;
        // The TIN must make a valid REX number, or the decision could not give one.
        self.config.rex_format.number_for(&data.tin)?;
        let mut tx = self.store.begin().await?;
        if let Some(current) = caller.exporter_id() {
            let status = exporters::get(&mut tx, current).await?.status;
            if matches!(status, ExporterStatus::Applied | ExporterStatus::Registered) {
                return Err(RegistryError::AlreadyRegistered);
            }
        }
        let actor = caller.audit_actor(self.clock.now());
        let exporter = exporters::apply(&mut tx, &actor, &data).await?;
        users::set_exporter(&mut tx, &actor, caller.user_id, exporter.id).await?;
        tx.commit().await?;
        Ok(exporter)
    }

    /// A certifier registers (REX number from the national format) or refuses, with reasons.
    pub async fn decide_registration(
        &self,
        caller: &Caller,
        id: Uuid,
        decision: RegistrationDecision,
    ) -> Result<Exporter, RegistryError> {
        caller.may(Action::DecideRegistration, &Resource::default())?;
        let mut tx = self.store.begin().await?;
        let exporter = exporters::get(&mut tx, id).await?;
        if exporter.status != ExporterStatus::Applied {
            return Err(RegistryError::WrongStatus(exporter.status));
        }
        let actor = caller.audit_actor(self.clock.now());
        let decided = match decision {
            RegistrationDecision::Register { valid_from, reasons } => {
                let rex = self.config.rex_format.number_for(&exporter.data.tin)?;
                exporters::register(&mut tx, &actor, id, rex.as_str(), valid_from, reasons.trim()).await?
            }
            RegistrationDecision::Refuse { reasons } => {
                if reasons.trim().is_empty() {
                    return Err(RegistryError::ReasonsRequired);
                }
                exporters::refuse(&mut tx, &actor, id, reasons.trim()).await?
            }
        };
        tx.commit().await?;
        Ok(decided)
    }

    /// The exporter (its own) or a certifier changes the registration data, against the version it read.
    pub async fn modify_registration(
        &self,
        caller: &Caller,
        id: Uuid,
        expected_version: i64,
        data: ExporterData,
        reason: Option<&str>,
    ) -> Result<Exporter, RegistryError> {
        let id_text = id.to_string();
        let resource = Resource { exporter_id: Some(&id_text), ..Resource::default() };
        let action =
            if caller.role() == Role::Exporter { Action::ApplyForRegistration } else { Action::DecideRegistration };
        caller.may(action, &resource)?;
        validate(&data)?;
        let data = capacity::normalised(data)?;
        self.config.rex_format.number_for(&data.tin)?;
        let mut tx = self.store.begin().await?;
        let current = exporters::get(&mut tx, id).await?;
        if !matches!(current.status, ExporterStatus::Applied | ExporterStatus::Registered) {
            return Err(RegistryError::WrongStatus(current.status));
        }
        // The TIN makes the REX number: a registered exporter cannot change it in place.
        if current.status == ExporterStatus::Registered && current.data.tin != data.tin {
            return Err(RegistryError::Invalid { field: "tin", message: "cannot change once registered".into() });
        }
        let actor = caller.audit_actor(self.clock.now());
        let changed = exporters::modify(&mut tx, &actor, id, expected_version, &data, reason).await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// A certifier revokes a registration on `revoked_on`, with grounds.
    pub async fn revoke_registration(
        &self,
        caller: &Caller,
        id: Uuid,
        revoked_on: Date,
        grounds: &str,
    ) -> Result<Exporter, RegistryError> {
        caller.may(Action::RevokeRegistration, &Resource::default())?;
        if grounds.trim().is_empty() {
            return Err(RegistryError::ReasonsRequired);
        }
        let mut tx = self.store.begin().await?;
        let current = exporters::get(&mut tx, id).await?;
        if current.status != ExporterStatus::Registered {
            return Err(RegistryError::WrongStatus(current.status));
        }
        let revoked =
            exporters::revoke(&mut tx, &caller.audit_actor(self.clock.now()), id, revoked_on, grounds.trim()).await?;
        tx.commit().await?;
        Ok(revoked)
    }

    /// One registration, as the caller may see it.
    pub async fn registration(&self, caller: &Caller, id: Uuid) -> Result<Exporter, RegistryError> {
        let id_text = id.to_string();
        caller.may(Action::ReadRegistration, &Resource { exporter_id: Some(&id_text), ..Resource::default() })?;
        let mut conn = self.store.conn().await?;
        Ok(exporters::get(&mut conn, id).await?)
    }

    /// Every version of a registration.
    pub async fn registration_history(&self, caller: &Caller, id: Uuid) -> Result<Vec<ExporterVersion>, RegistryError> {
        let id_text = id.to_string();
        caller.may(Action::ReadRegistration, &Resource { exporter_id: Some(&id_text), ..Resource::default() })?;
        let mut conn = self.store.conn().await?;
        exporters::get(&mut conn, id).await?;
        Ok(exporters::history(&mut conn, id).await?)
    }

    /// Registrations, a page of `limit` after `after`: an exporter sees only its own.
    pub async fn registrations(
        &self,
        caller: &Caller,
        status: Option<ExporterStatus>,
        after: Option<Uuid>,
        limit: u32,
    ) -> Result<Vec<Exporter>, RegistryError> {
        if caller.role() == Role::Exporter {
            let Some(own) = caller.exporter_id() else { return Ok(Vec::new()) };
            let exporter = self.registration(caller, own).await?;
            let after_ok = after.is_none_or(|a| exporter.id > a);
            let status_ok = status.is_none_or(|s| s == exporter.status);
            return Ok(if after_ok && status_ok && limit > 0 { vec![exporter] } else { Vec::new() });
        }
        caller.may(Action::ReadRegistration, &Resource::default())?;
        let mut conn = self.store.conn().await?;
        Ok(exporters::list(&mut conn, status, after, limit).await?)
    }

    /// The public lookup by REX number (no sign-in).
    pub async fn public_registration(&self, rex_number: &str) -> Result<PublicRegistration, RegistryError> {
        let rex = RexNumber::parse(rex_number).map_err(|_| RegistryError::NotFound)?;
        let mut conn = self.store.conn().await?;
        let exporter = exporters::find_by_rex_number(&mut conn, rex.as_str()).await?.ok_or(RegistryError::NotFound)?;
        let consent = exporter.data.consent_to_publication;
        Ok(PublicRegistration {
            rex_number: rex.to_string(),
            valid_from: exporter.valid_from,
            revoked_on: exporter.revoked_on,
            name: consent.then(|| exporter.data.name.clone()),
            address: consent.then(|| exporter.data.address.clone()),
            goods_description: consent.then(|| exporter.data.goods_description.clone()),
        })
    }
}
