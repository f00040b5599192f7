//! Origo's workflows, shared by the web API and the command line: who may do what (roles and the authorization
//! policy), the life of an application (its state machine and the four-eyes rule) and the registry's REX numbers.
//!
//! Everything here is decided from the data passed in; storage and HTTP live in `origo-store` and `origo-web`.
#![forbid(unsafe_code)]

pub mod application;
pub mod policy;
pub mod rex;
pub mod roles;
