//! `/verify/statement`: the public check of a statement on origin or origin declaration, by its text as printed
//! on the commercial document (pasted) or the SHA-256 of that text, with the same service call and per-IP rate
//! limit as the public API (`Service::check_statement`). A statement whose verification was answered "not
//! confirmed" is shown as not confirmed, not valid, with what that means for the importer; an unknown text is "not
//! found". A plain `GET` form: the check changes nothing.

use std::time::Instant;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::statements::{PublicStatement, StatementError, StatementLookup};
use origo_store::statements::StatementKind;
use serde::Deserialize;

use crate::pages::context::PageCtx;
use crate::pages::error::{PageError, PageResult};
use crate::pages::extract::PageQuery;
use crate::pages::render;
use crate::routes::certificates::ClientIp;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct CheckQuery {
    /// The statement's text, as pasted.
    #[serde(default)]
    pub text: String,
    /// Or the SHA-256 of its text.
    #[serde(default)]
    pub hash: String,
}

/// A registered statement as the public sees it.
#[derive(Debug)]
pub struct StatementView {
    /// `valid` or `revoked` (the CSS class of the answer).
    pub class: &'static str,
    pub heading: String,
    pub meaning: &'static str,
    pub kind: &'static str,
    pub made_out_on: String,
    pub rex_number: Option<String>,
    pub criterion: Option<String>,
    pub exporter: Option<String>,
    pub sha256: String,
}

/// The page.
#[derive(Template)]
#[template(path = "cooperation/statement_check.html")]
pub struct StatementCheckPage {
    pub ctx: PageCtx,
    pub text: String,
    pub hash: String,
    pub error: Option<&'static str>,
    pub not_found: bool,
    pub found: Option<StatementView>,
}

fn view(ctx: &PageCtx, found: PublicStatement) -> StatementView {
    let (class, heading, meaning) = match found.not_confirmed_on {
        Some(day) => (
            "revoked",
            ctx.t_with("cooperation.check.not_confirmed", &[("date", &ctx.date(day))]),
            ctx.t("cooperation.check.not_confirmed.meaning"),
        ),
        None => {
            ("valid", ctx.t("cooperation.check.registered").to_owned(), ctx.t("cooperation.check.registered.meaning"))
        }
    };
    StatementView {
        class,
        heading,
        meaning,
        kind: match found.kind {
            StatementKind::StatementOnOrigin => ctx.t("kind.statement_on_origin"),
            StatementKind::OriginDeclaration => ctx.t("kind.origin_declaration"),
        },
        made_out_on: ctx.date(found.made_out_on),
        rex_number: found.rex_number,
        criterion: found.criterion,
        exporter: found.exporter_name,
        sha256: found.text_hash,
    }
}

/// `GET /verify/statement`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    PageQuery(query): PageQuery<CheckQuery>,
) -> PageResult<Response> {
    let hash = query.hash.trim().to_owned();
    let mut page = StatementCheckPage { ctx, text: query.text, hash, error: None, not_found: false, found: None };
    if page.text.trim().is_empty() && page.hash.is_empty() {
        return Ok(render::ok(&page));
    }
    if let Err(wait) = state.limiter.take(ip, Instant::now()) {
        return Err(PageError::rate_limited(wait.as_secs_f64().ceil() as u64));
    }
    let lookup =
        if page.hash.is_empty() { StatementLookup::Text(&page.text) } else { StatementLookup::Sha256(&page.hash) };
    match state.service.check_statement(lookup).await {
        Ok(found) => {
            page.found = Some(view(&page.ctx, found));
            Ok(render::ok(&page))
        }
        Err(StatementError::NotFound) => {
            page.not_found = true;
            Ok(render::html(StatusCode::NOT_FOUND, &page))
        }
        Err(StatementError::Invalid { .. }) => {
            page.error = Some(page.ctx.t("cooperation.check.error.hash"));
            Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}
