//! Origo's workflows, shared by the web API and the command line.
//!
//! The pure part decides from the data passed in: who may do what ([`roles`], [`policy`]), the life of an
//! application ([`application`]) and REX numbers ([`rex`]). The workflows ([`Service`]) are the only place that
//! combines the store, the origin engine and the documents layer: each write is authorized by
//! [`policy::authorize`] first (through [`access::Caller::may`]) and happens in one store transaction, with its
//! audit records. Each workflow module has its own error enum; `origo-web` maps them to stable API codes.
#![forbid(unsafe_code)]

pub mod access;
pub mod application;
pub mod attachments;
pub mod audit_read;
pub mod auth;
pub mod buyer_copy;
pub mod capacity;
pub mod certificate_list;
pub mod certificate_pdf;
pub mod clock;
pub mod configuration;
pub mod control;
pub mod cooperation;
pub mod dashboard;
pub mod dossier;
pub mod examination;
pub mod exchange_rates;
pub mod intake;
pub mod issuance;
pub mod keys;
pub mod login_throttle;
pub mod policy;
pub mod public_views;
pub mod queue;
pub mod registry;
pub mod replacement;
pub mod revision;
pub mod rex;
pub mod risk;
pub mod roles;
mod service;
pub mod signup;
pub mod statements;
pub mod tracking;
pub mod users;
pub mod verification;

pub use access::{Caller, Scope};
pub use clock::Clock;
pub use service::{Config, Service, StartError};

/// Lower-case hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    origo_documents::encoding::hex(bytes)
}
