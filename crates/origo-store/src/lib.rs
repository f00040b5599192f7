//! Origo's storage: the only crate that knows SQL.
//!
//! One portable schema (`migrations/`) runs unchanged on SQLite, the embedded default (one file, WAL, created on
//! first run), and on PostgreSQL, for several servers on one database; the database URL chooses
//! (`sqlite://origo.db`, `postgres://...`). Queries go through sqlx's `Any` driver with `$1` placeholders and
//! plain types; uuids, timestamps, dates, decimals and JSON are converted here, at the boundary (`codec.rs`).
//!
//! - [`Store`] holds the pool: [`Store::begin`] opens a write transaction ([`Tx`]), [`Store::snapshot`] a
//!   consistent read ([`Snapshot`]), [`Store::conn`] a connection for single reads ([`Conn`]).
//! - One module per table family holds its row types and repository functions. Reads take any [`Db`]; writes
//!   take a [`Tx`] and an [`Actor`], and record an audit event (with hashes of the row before and after) that is
//!   chained into the [`audit`] trail when the transaction commits.
//! - Errors are [`StoreError`]: `NotFound`, `Conflict { kind, constraint }` with the constraint's name as written
//!   in the migrations (on both backends), or `Database`. No `sqlx::Error` leaves the crate.
#![forbid(unsafe_code)]

mod actor;
pub mod api_tokens;
pub mod applications;
pub mod attachments;
pub mod audit;
mod backend;
pub mod bom;
pub mod certificate_list;
pub mod certificates;
mod codec;
pub mod control_cases;
pub mod cooperation;
pub mod determinations;
mod error;
pub mod evidence;
pub mod exchange_rates;
pub mod export_history;
pub mod exporters;
pub mod flags;
pub mod goods;
mod head_cache;
pub mod idempotency;
mod inline_read;
pub mod issuers;
pub mod login_throttle;
mod migrate;
pub mod proposals;
pub mod public_check;
pub mod queue;
mod read_pool;
pub mod risk_assessments;
pub mod sequences;
pub mod sessions;
pub mod signing_keys;
pub mod statements;
pub mod statistics;
mod store;
pub mod supplier_declarations;
mod tx;
pub mod users;
pub mod utilisation;

pub use actor::{Actor, Role};
pub use backend::Backend;
pub use error::{ConflictKind, StoreError};
pub use migrate::{migrate, schema_version};
pub use store::{Store, StoreOptions};
pub use tx::{Conn, Db, Snapshot, Tx};
