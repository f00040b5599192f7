//! The suite's database, instant and actor, from origo-testdb: one fresh database per test (a temp-file SQLite
//! database always, and a PostgreSQL schema of its own when `ORIGO_TEST_DATABASE_URL` names a server).

pub use origo_testdb::{T0, TestDb, system};

/// Declares each test once and runs it on both backends: `sqlite::name` and `postgres::name`.
macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        origo_testdb::both_backends!($($name),*);
    };
}
pub(crate) use conformance;
