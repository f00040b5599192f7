//! The pages of post-clearance control and of what follows certificates after clearance:
//!
//! - customs: control cases (`/control/cases`: the list and the form to open one on a certificate number or a REX
//!   number; `/control/cases/{id}`: grounds, findings with their documents, the forms to record a finding with a
//!   document, to propose a revocation and to close the case);
//! - the certifying body: revocation proposals to decide with reasons (`/control/proposals`), flags to resolve with
//!   a note (`/control/flags`), supplier declarations to revoke (`/control/supplier-declarations`);
//! - foreign authorities: recording the use of a certificate at import (`/control/utilisation`, and
//!   `/control/certificates/{id}/utilisation` with the items' balances, which officers read too).
//!
//! Authorization is the service's; the pages show a form only to the role that can use it. A form with a wrong
//! field is shown again with the error next to the field (422); a change that worked answers `303` to its page.

pub mod cases;
pub mod declarations;
pub mod flags;
pub mod labels;
pub mod proposals;
pub mod utilisation;

use axum::Router;
use axum::routing::{get, post};
use origo_service::control::ControlError;

use crate::pages::context::PageCtx;
use crate::state::AppState;

/// The routes of these pages (merged into `pages::router`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/control/cases", get(cases::list).post(cases::open))
        .route("/control/cases/{id}", get(cases::page))
        .route("/control/cases/{id}/findings", post(cases::add_finding))
        .route("/control/cases/{id}/proposals", post(cases::propose))
        .route("/control/cases/{id}/close", post(cases::close))
        .route("/control/cases/{id}/documents/{document}", get(cases::document))
        .route("/control/proposals", get(proposals::list))
        .route("/control/proposals/{id}/decision", post(proposals::decide))
        .route("/control/flags", get(flags::list))
        .route("/control/flags/{id}/resolution", post(flags::resolve))
        .route("/control/supplier-declarations", get(declarations::list))
        .route("/control/supplier-declarations/{id}/revocation", post(declarations::revoke))
        .route("/control/utilisation", get(utilisation::lookup).post(utilisation::record_by_number))
        .route("/control/certificates/{id}/utilisation", get(utilisation::page).post(utilisation::record))
}

/// The field a service refusal names, with its message in the page's language; `None` for refusals that are not
/// about one field (they become the error page).
pub fn field_error(ctx: &PageCtx, error: &ControlError) -> Option<(&'static str, &'static str)> {
    match error {
        ControlError::ReasonsRequired { field } => Some((field, ctx.t("officer.decision.reasons.missing"))),
        ControlError::Invalid { field: "certificate_number", .. } => {
            Some(("certificate_number", ctx.t("control.error.certificate_number")))
        }
        ControlError::Invalid { field: "rex_number", .. } => Some(("rex_number", ctx.t("control.error.rex_number"))),
        ControlError::Invalid { field: "quantity", .. } => Some(("quantity", ctx.t("control.error.quantity"))),
        ControlError::Invalid { field: "item_no", .. } => Some(("item_no", ctx.t("control.error.item_no"))),
        ControlError::Invalid { field: "target", .. } => Some(("target", ctx.t("control.error.target"))),
        ControlError::Invalid { field: "file_name", .. } => Some(("file", ctx.t("control.error.file"))),
        ControlError::Invalid { field, .. } => Some((field, ctx.t("officer.form.required"))),
        ControlError::FileTooLarge { .. } => Some(("file", ctx.t("control.error.file_too_large"))),
        ControlError::UnsupportedFileType(_) => Some(("file", ctx.t("control.error.file_type"))),
        ControlError::DuplicateFile => Some(("file", ctx.t("control.error.file_duplicate"))),
        ControlError::DuplicateUtilisation => Some(("declaration_ref", ctx.t("control.error.declaration_duplicate"))),
        ControlError::AlreadyProposed => Some(("grounds", ctx.t("control.error.already_proposed"))),
        _ => None,
    }
}

/// A field's error for a template: the message when `field` is the one at fault.
pub fn error_for(error: Option<(&'static str, &'static str)>, field: &str) -> Option<&'static str> {
    error.filter(|(f, _)| *f == field).map(|(_, message)| message)
}
