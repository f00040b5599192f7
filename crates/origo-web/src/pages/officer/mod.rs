//! The pages of the certifying body and of the roles that only read: the work queue, an application's dossier
//! with the engine's explanation and the decisions on it, the registry of exporters, certificates (revocation,
//! replacement), the audit trail, and the administration pages (users, signing keys, rule packs in force).
//!
//! As everywhere in the pages, authorization is the service's: a page shows a form only to the role that can use
//! it, but a forged request still meets the service's refusal (the 403 page). Every form carries the CSRF token
//! and works without JavaScript; a form with a wrong field is shown again with the error next to the field (422);
//! a change that worked answers `303 See Other` to the page it concerns, which then says what was done.

pub mod admin_keys;
pub mod admin_rates;
pub mod admin_rules;
pub mod admin_users;
pub mod application;
pub mod audit;
pub mod capacity;
pub mod certificates;
pub mod decisions;
pub mod evidence;
pub mod explain;
pub mod labels;
pub mod queue;
pub mod registry;
pub mod risk;

use axum::Router;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::de::DeserializeOwned;
use time::OffsetDateTime;

use super::context::PageCtx;
use super::error::PageError;
use crate::state::AppState;

/// The routes of these pages (merged into `pages::router`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/officer/queue", get(queue::page))
        .route("/officer/applications/{id}", get(application::page))
        .route("/officer/applications/{id}/risk", post(decisions::risk))
        .route("/officer/applications/{id}/examination", post(decisions::examine))
        .route("/officer/applications/{id}/second-signature", post(decisions::second_sign))
        .route("/officer/applications/{id}/certificate", post(decisions::issue))
        .route("/officer/applications/{id}/evidence/{file}", get(evidence::download))
        .route("/officer/registry", get(registry::list))
        .route("/officer/registry/{id}", get(registry::page))
        .route("/officer/registry/{id}/decision", post(registry::decide))
        .route("/officer/registry/{id}/revocation", post(registry::revoke))
        .route("/officer/certificates", get(certificates::list))
        .route("/officer/certificates/{id}", get(certificates::page))
        .route("/officer/certificates/{id}/certificate.pdf", get(crate::pages::certificate_pdf::download))
        .route("/officer/certificates/{id}/revocation", post(certificates::revoke))
        .route("/officer/certificates/{id}/replacement", post(certificates::replace))
        .route("/officer/audit", get(audit::page))
        .route("/admin/users", get(admin_users::list).post(admin_users::create))
        .route("/admin/users/{id}", get(admin_users::page))
        .route("/admin/users/{id}/disabled", post(admin_users::set_disabled))
        .route("/admin/users/{id}/password", post(admin_users::reset_password))
        .route("/admin/keys", get(admin_keys::page))
        .route("/admin/keys/rotation", post(admin_keys::rotate))
        .route("/admin/rules", get(admin_rules::page))
        .route("/admin/exchange-rates", get(admin_rates::page).post(admin_rates::add))
        .route("/admin/exchange-rates/upload", post(admin_rates::upload))
}

/// A moment as the page's language writes the day, with the time of day in UTC.
pub fn when(ctx: &PageCtx, at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!("{} {:02}:{:02} UTC", ctx.date(at.date()), at.hour(), at.minute())
}

/// The answer to a form that worked: on to `href` (`303 See Other`, so a reload does not post again).
pub fn see_other(href: &str) -> Response {
    Redirect::to(href).into_response()
}

/// A short reference for an application: the last eight hex digits of its id (the random part of a v7 id),
/// which the queue's search also finds.
pub fn reference(id: uuid::Uuid) -> String {
    let simple = id.simple().to_string();
    simple[simple.len() - 8..].to_ascii_uppercase()
}

/// A query string of the non-empty pairs, `?`-prefixed (empty when there are none).
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs.iter().filter(|(_, value)| !value.is_empty()) {
        query.append_pair(name, value);
    }
    let query = query.finish();
    if query.is_empty() { String::new() } else { format!("?{query}") }
}

/// A fresh random key for a form that must not act twice (issuing, replacing): sent back as the request's
/// idempotency key, so a repeated post answers with what the first one did.
pub fn form_key() -> String {
    use rand::Rng;
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Path parameters read into `T`; a malformed one (an id that is not a uuid) is the "not found" page, as an id
/// that names nothing is.
#[derive(Debug)]
pub struct PagePath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for PagePath<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PageError> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(PagePath(value)),
            Err(_) => Err(PageError::not_found()),
        }
    }
}
