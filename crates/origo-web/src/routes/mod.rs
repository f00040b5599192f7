//! The handlers, one module per resource. Each handler authenticates (where the route is not public), turns the
//! request into the service's terms, calls one workflow and maps the answer to the API's shapes; authorization
//! is the service's.

pub mod applications;
pub mod attachments;
pub mod audit;
pub mod certificate_pdf;
pub mod certificates;
pub mod control_cases;
pub mod cooperation;
pub mod docs;
pub mod document_requests;
pub mod exchange_rates;
pub mod flags;
pub mod meta;
pub mod proposals;
pub mod registry;
pub mod risk;
pub mod session;
pub mod statements;
pub mod statistics;
pub mod users;
pub mod utilisation;
