//! The HTTP API end to end, in process (`oneshot`) on SQLite always and PostgreSQL when
//! `ORIGO_TEST_DATABASE_URL` is set, each test on a fresh database; and once over a real socket.

mod api_dashboard;
mod audit;
mod audit_checkpoint;
mod bad_input;
mod capacity;
mod certificate_pdf;
mod common;
mod control;
mod cooperation;
mod docs;
mod document_requests;
mod flows;
mod login_throttle;
mod matrix;
mod pages_auth;
mod pages_client;
mod pages_control;
mod pages_cooperation;
mod pages_dashboard;
mod pages_dossier_trace;
mod pages_exporter;
mod pages_exporter_assess;
mod pages_officer;
mod pages_public;
mod replacement;
mod risk;
mod socket;
mod statements;
mod users;
mod world;
