//! The pages of administrative cooperation (DOMAIN.md section 5):
//!
//! - a foreign authority: its country's verification requests (`/cooperation/requests`), the form to file one on
//!   a certificate number or a statement's hash with documents (`/cooperation/requests/new`), and each request
//!   with its status, deadline and reply, whose signed JSON it downloads (`.../reply.json`);
//! - the certifying body (and customs and auditors, who read): every request in work order, unanswered ones by
//!   deadline with those due soon and overdue marked, each with its documents, investigation steps and alerts,
//!   the forms to record a step and to reply (certifiers), and the statistics per partner country
//!   (`/cooperation/statistics`);
//! - anyone: the public check of a statement on origin by its text or hash (`/verify/statement`), which shows a
//!   statement answered "not confirmed" as not confirmed.
//!
//! Authorization is the service's; the pages show a form only to the role that can use it. A form with a wrong
//! field is shown again with the error next to the field (422); a change that worked answers `303` to its page.

pub mod detail;
pub mod filing;
pub mod labels;
pub mod list;
pub mod statement_check;
pub mod statistics;

use axum::Router;
use axum::routing::{get, post};
use origo_service::cooperation::CooperationError;

use crate::pages::context::PageCtx;
use crate::state::AppState;

/// The routes of these pages (merged into `pages::router`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cooperation/requests", get(list::page).post(filing::submit))
        .route("/cooperation/requests/new", get(filing::form))
        .route("/cooperation/requests/{id}", get(detail::page))
        .route("/cooperation/requests/{id}/steps", post(detail::add_step))
        .route("/cooperation/requests/{id}/reply", post(detail::reply))
        .route("/cooperation/requests/{id}/reply.json", get(detail::reply_json))
        .route("/cooperation/requests/{id}/documents/{document}", get(detail::document))
        .route("/cooperation/statistics", get(statistics::page))
        .route("/verify/statement", get(statement_check::page))
}

/// The field a service refusal names (as the form calls it), with its message in the page's language; `None` for
/// refusals that are not about one field (they become the error page).
pub fn field_error(ctx: &PageCtx, error: &CooperationError) -> Option<(&'static str, &'static str)> {
    match error {
        CooperationError::Invalid { field, .. } => Some(match field.as_str() {
            "certificate_number" => ("certificate_number", ctx.t("cooperation.error.certificate_number")),
            "statement_hash" => ("statement_hash", ctx.t("cooperation.error.statement_hash")),
            "reasons" => ("reasons", ctx.t("cooperation.error.reasons")),
            "description" => ("description", ctx.t("cooperation.error.description")),
            "date" => ("date", ctx.t("cooperation.error.date")),
            "findings" => ("findings", ctx.t("cooperation.error.findings")),
            "asked" => ("asked", ctx.t("cooperation.error.asked")),
            "due_date" => ("due_date", ctx.t("cooperation.error.due_date")),
            "note" => ("note", ctx.t("cooperation.error.note")),
            _ => ("documents", ctx.t("cooperation.error.documents")),
        }),
        CooperationError::FileTooLarge { .. } => Some(("documents", ctx.t("cooperation.error.file_too_large"))),
        CooperationError::UnsupportedFileType(_) => Some(("documents", ctx.t("cooperation.error.file_type"))),
        CooperationError::DuplicateFile => Some(("documents", ctx.t("cooperation.error.file_duplicate"))),
        _ => None,
    }
}

/// A field's error for a template: the message when `field` is the one at fault.
pub fn error_for(error: Option<(&'static str, &'static str)>, field: &str) -> Option<&'static str> {
    error.filter(|(f, _)| *f == field).map(|(_, message)| message)
}
