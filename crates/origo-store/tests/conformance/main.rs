//! The store's conformance suite: every test runs on SQLite, and on PostgreSQL when `ORIGO_TEST_DATABASE_URL`
//! is set (CI sets it). Each test gets a database of its own.

mod common;
mod fixtures;

mod applications;
mod audit;
mod certificates;
mod concurrency;
mod control;
mod cooperation;
mod idempotency;
mod identity;
mod migrations;
mod registry;
mod risk;
mod statistics;
mod transactions;
