//! The HTTP API end to end, in process (`oneshot`) on SQLite always and PostgreSQL when
//! `ORIGO_TEST_DATABASE_URL` is set, each test on a fresh database; and once over a real socket.

mod audit;
mod bad_input;
mod common;
mod docs;
mod flows;
mod matrix;
mod pages_auth;
mod pages_client;
mod pages_exporter;
mod pages_officer;
mod pages_public;
mod replacement;
mod socket;
mod statements;
mod users;
mod world;
