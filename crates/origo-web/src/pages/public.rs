//! The public pages besides `/verify`: the start page `/` (what Origo is) and the REX number lookup `/rex`
//! (the public registry lookup of the API: a published name and address only with the exporter's consent).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::registry::RegistryError;
use serde::Deserialize;

use super::context::PageCtx;
use super::error::PageResult;
use super::extract::PageQuery;
use super::render;
use crate::state::AppState;

/// The start page.
#[derive(Template)]
#[template(path = "index.html")]
pub struct IndexPage {
    pub ctx: PageCtx,
}

/// `GET /`.
pub async fn index(ctx: PageCtx) -> Response {
    render::ok(&IndexPage { ctx })
}

#[derive(Debug, Deserialize)]
pub struct RexQuery {
    #[serde(default)]
    pub number: String,
}

/// The REX lookup page.
#[derive(Template)]
#[template(path = "rex.html")]
pub struct RexPage {
    pub ctx: PageCtx,
    pub number: String,
    pub not_found: bool,
    pub found: Option<RegistrationView>,
}

/// A registration as the public sees it.
#[derive(Debug)]
pub struct RegistrationView {
    pub rex_number: String,
    pub in_force: bool,
    pub valid_from: Option<String>,
    pub revoked_on: Option<String>,
    /// Published only with the exporter's consent.
    pub name: Option<String>,
    pub address: Option<String>,
    pub goods: Option<String>,
}

/// `GET /rex`: the form, and with `?number=` the registration of that REX number.
pub async fn rex(
    State(state): State<AppState>,
    ctx: PageCtx,
    PageQuery(query): PageQuery<RexQuery>,
) -> PageResult<Response> {
    let number = query.number.trim().to_owned();
    let mut page = RexPage { ctx, number, not_found: false, found: None };
    if page.number.is_empty() {
        return Ok(render::ok(&page));
    }
    match state.service.public_registration(&page.number).await {
        Ok(found) => {
            let today = state.service.clock().today();
            let in_force = found.valid_from.is_some_and(|from| from <= today)
                && found.revoked_on.is_none_or(|revoked| revoked > today);
            page.found = Some(RegistrationView {
                rex_number: found.rex_number,
                in_force,
                valid_from: found.valid_from.map(|d| page.ctx.date(d)),
                revoked_on: found.revoked_on.map(|d| page.ctx.date(d)),
                name: found.name,
                address: found.address,
                goods: found.goods_description,
            });
            Ok(render::ok(&page))
        }
        Err(RegistryError::NotFound) => {
            page.not_found = true;
            Ok(render::html(StatusCode::NOT_FOUND, &page))
        }
        Err(other) => Err(other.into()),
    }
}
