//! The exporter's pages: sign-up and the application for registration (REX), the dashboard, the
//! self-assessment of origin, the application wizard with its bills of materials and evidence, status tracking,
//! the certificate's downloads (signed JSON, the buyer's copy with fields hidden) and statements on origin.
//!
//! Forms are read by name ([`fields::Fields`], urlencoded or multipart), amounts and codes by [`input`], bills of
//! materials by [`bom`]; a determination is explained by [`explain`]. Every form works without JavaScript (rows
//! and items are added by submit buttons); htmx only swaps the self-assessment's result in place.

pub mod application;
pub mod application_form;
pub mod assess;
pub mod bom;
pub mod capacity;
pub mod certificate;
pub mod dashboard;
pub mod document_requests;
pub mod explain;
pub mod fields;
pub mod input;
pub mod registration;
pub mod signup;
pub mod statement;
pub mod wizard;

use axum::Router;
use axum::routing::{get, post};
use origo_service::roles::Role;

use crate::pages::context::SignedIn;
use crate::pages::error::{PageError, PageResult};
use crate::state::AppState;

/// The exporter's own pages that show a form before any service call (registration, a new application, the
/// dashboard) refuse other roles up front with the 403 page, rather than offer a form the service would refuse.
pub fn exporter_only(user: &SignedIn) -> PageResult<()> {
    if user.caller.role() == Role::Exporter { Ok(()) } else { Err(PageError::forbidden()) }
}

/// The exporter's routes, merged into the pages' router.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/signup", get(signup::form).post(signup::submit))
        .route("/exporter", get(dashboard::dashboard))
        .route("/exporter/registration", get(registration::show).post(registration::apply))
        .route("/exporter/registration/capacity", post(capacity::update))
        .route("/exporter/assess", get(assess::form).post(assess::submit))
        .route("/exporter/applications/new", get(wizard::new_form).post(wizard::create))
        .route("/exporter/applications/{id}", get(application::show))
        .route("/exporter/applications/{id}/edit", get(wizard::edit_form).post(wizard::update))
        .route("/exporter/applications/{id}/submit", post(application::submit))
        .route("/exporter/applications/{id}/evidence", post(application::upload_evidence))
        .route("/exporter/applications/{id}/statement", get(statement::show).post(statement::make_out))
        .route("/exporter/document-requests", get(document_requests::page))
        .route("/exporter/document-requests/{id}/answer", post(document_requests::answer))
        .route("/exporter/document-requests/{id}/documents/{document}", get(document_requests::document))
        .route("/exporter/certificates/{id}", get(certificate::show))
        .route("/exporter/certificates/{id}/signed.json", get(certificate::signed_json))
        .route("/exporter/certificates/{id}/certificate.pdf", get(crate::pages::certificate_pdf::download))
        .route("/exporter/certificates/{id}/buyer-copy", post(certificate::buyer_copy))
}
