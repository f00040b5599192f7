//! The configuration in force, for the people who answer for it: the rule packs the engine decides with (with the
//! version stored beside every determination, their validity and size) and the issuing body's signing keys (with
//! their validity, whether the private key is sealed, and which one signs today). Officers and administrators
//! read it; rotating keys is `keys.rs`.

use origo_store::applications::ProofKind;
use origo_store::{StoreError, signing_keys};
use time::{Date, OffsetDateTime};

use crate::access::Caller;
use crate::examination::scheme_for;
use crate::policy::{Action, Denied, Resource};
use crate::service::Service;

/// Why the configuration could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigurationError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A rule pack the engine holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulePackInfo {
    pub scheme: String,
    pub title: String,
    pub legal_basis: String,
    /// `scheme:sha256-prefix` of the pack's file, as stored with each determination made under it.
    pub version: String,
    pub hs_edition: String,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// Whether it is in force today.
    pub in_force: bool,
    pub preferential: bool,
    pub rule_sets: usize,
    /// Rule sets the compiler could not read faithfully: the engine answers `undetermined` for them.
    pub manual_rule_sets: usize,
    /// Rule sets whose figures are not confirmed against the legal text.
    pub unconfirmed_rule_sets: usize,
    /// The kinds of application decided under it.
    pub used_for: Vec<ProofKind>,
}

/// A signing key of the issuing body (public part and validity only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub key_id: String,
    /// Ed25519 public key, unpadded base64url, as published.
    pub public_key: String,
    pub not_before: Date,
    pub not_after: Option<Date>,
    /// Whether the private key is sealed with the key-encryption key (or kept in plain).
    pub sealed: bool,
    /// Whether it is the key that signs today.
    pub current: bool,
    pub created_at: OffsetDateTime,
}

/// A pack's date as a calendar day (the engine keeps dates of its own: it knows no clock).
fn calendar_day(day: origo_rules::date::Date) -> Option<Date> {
    Date::parse(&day.to_string(), time::macros::format_description!("[year]-[month]-[day]")).ok()
}

impl Service {
    /// The rule packs the engine holds, by scheme.
    pub async fn rule_packs(&self, caller: &Caller) -> Result<Vec<RulePackInfo>, ConfigurationError> {
        caller.may(Action::ReadConfiguration, &Resource::default())?;
        let today = origo_rules::date::Date::parse(&self.clock.today().to_string());
        let packs = self.engine.schemes().filter_map(|scheme| self.engine.pack(scheme));
        Ok(packs
            .map(|pack| RulePackInfo {
                scheme: pack.scheme.clone(),
                title: pack.title.clone(),
                legal_basis: pack.legal_basis.clone(),
                version: self.pack_versions.get(&pack.scheme).cloned().unwrap_or_else(|| pack.scheme.clone()),
                hs_edition: pack.hs_edition.clone(),
                valid_from: pack.valid_from.and_then(calendar_day),
                valid_to: pack.valid_to.and_then(calendar_day),
                in_force: today.is_some_and(|day| pack.in_force(day)),
                preferential: pack.preferential,
                rule_sets: pack.rule_sets.len(),
                manual_rule_sets: pack.rule_sets.iter().filter(|r| r.manual.is_some()).count(),
                unconfirmed_rule_sets: pack.rule_sets.iter().filter(|r| r.unconfirmed.is_some()).count(),
                used_for: ProofKind::ALL.iter().copied().filter(|k| scheme_for(*k) == pack.scheme).collect(),
            })
            .collect())
    }

    /// The issuing body's signing keys, oldest first.
    pub async fn signing_keys(&self, caller: &Caller) -> Result<Vec<KeyInfo>, ConfigurationError> {
        caller.may(Action::ReadConfiguration, &Resource::default())?;
        let mut snapshot = self.store.snapshot().await?;
        let issuer = &self.config.issuer_code;
        let keys = signing_keys::list_for_issuer(&mut snapshot, issuer).await?;
        let current = signing_keys::active(&mut snapshot, issuer, self.clock.today()).await?.map(|k| k.key_id);
        snapshot.finish().await?;
        Ok(keys
            .into_iter()
            .map(|key| KeyInfo {
                current: current.as_deref() == Some(key.key_id.as_str()),
                sealed: key.private_key_encrypted,
                key_id: key.key_id,
                public_key: key.public_key,
                not_before: key.not_before,
                not_after: key.not_after,
                created_at: key.created_at,
            })
            .collect())
    }
}
