//! The handlers, one module per resource. Each handler authenticates (where the route is not public), turns the
//! request into the service's terms, calls one workflow and maps the answer to the API's shapes; authorization
//! is the service's.

pub mod applications;
pub mod audit;
pub mod certificates;
pub mod docs;
pub mod meta;
pub mod registry;
pub mod session;
pub mod statements;
pub mod users;
