//! The service's workflows end to end on a real store: SQLite always, PostgreSQL when `ORIGO_TEST_DATABASE_URL`
//! is set. Each test gets a database of its own.

mod audit;
mod capacity;
mod common;
mod control;
mod cooperation;
mod document_requests;
mod exporter_desk;
mod flows;
mod guards;
mod key_protection;
mod replacement;
mod risk;
mod security_codes;
mod statements;
mod users;
mod world;
