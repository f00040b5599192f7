//! The JSON shapes of the API, separate from the domain types: requests refuse unknown fields, responses carry
//! only what a client needs, and every type has an OpenAPI schema. Conversions from the service's and the
//! store's types live beside each shape.

pub mod applications;
pub mod audit;
pub mod certificates;
pub mod common;
pub mod control_cases;
pub mod cooperation;
pub mod document_requests;
pub mod exchange_rates;
pub mod flags;
pub mod proposals;
pub mod registry;
pub mod risk;
pub mod session;
pub mod statements;
pub mod statistics;
pub mod users;
pub mod utilisation;
