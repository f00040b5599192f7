//! The server-rendered pages, beside the JSON API: askama templates (`crates/origo-web/templates/`, escaped
//! automatically), texts in Uzbek, Russian and English ([`i18n`]), static files under `/assets/` ([`assets`]).
//! How to add a page, a text or a form: docs/WEB.md.
//!
//! Every page passes the page layer ([`context::layer`]: language, signed-in user, CSRF check of every form,
//! error pages, security headers). Handlers stay thin: they call the [`origo_service::Service`] as the API's
//! handlers do, and authorization stays there; a refusal comes back as a [`error::PageError`] and is shown as a
//! translated page.

pub mod assets;
pub mod attachments;
pub mod auth;
pub mod certificate_pdf;
pub mod charts;
pub mod context;
pub mod control;
pub mod cooperation;
pub mod csrf;
pub mod dashboard;
pub mod error;
pub mod exporter;
pub mod extract;
pub mod home;
pub mod i18n;
pub mod nav;
pub mod officer;
pub mod public;
pub mod render;
pub mod trace;
pub mod verify;
pub mod views;

use axum::Router;
use axum::routing::get;

pub use context::{fallback, layer};

use crate::state::AppState;

/// The page routes (the layer and the fallback are added by `crate::router` around the whole application).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(public::index))
        .route("/verify", get(verify::page))
        .route("/rex", get(public::rex))
        .route("/login", get(auth::form).post(auth::submit))
        .route("/logout", axum::routing::post(auth::logout))
        .route("/home", get(home::home))
        .route("/audit/check", get(home::audit_check))
        .route("/assets/{file}", get(assets::serve))
        .merge(exporter::router())
        .merge(officer::router())
        .merge(control::router())
        .merge(cooperation::router())
        .merge(dashboard::router())
}
