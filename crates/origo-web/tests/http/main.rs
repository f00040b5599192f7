//! The HTTP API end to end, in process (`oneshot`) on SQLite always and PostgreSQL when
//! `ORIGO_TEST_DATABASE_URL` is set, each test on a fresh database; and once over a real socket.

mod bad_input;
mod common;
mod flows;
mod matrix;
mod socket;
mod world;
