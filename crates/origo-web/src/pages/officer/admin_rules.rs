//! `/admin/rules`: the rule packs in force, for officers and administrators: each scheme with the version stored
//! beside every determination made under it (so a determination can be traced to the exact pack), the legal
//! basis, validity, HS edition, and how many rule sets it has (and how many the engine cannot decide alone).

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use crate::pages::context::{PageCtx, Signed};
use crate::pages::error::PageResult;
use crate::pages::render;
use crate::pages::verify::kind_key;
use crate::state::AppState;

/// One pack as shown.
#[derive(Debug)]
pub struct PackRow {
    pub scheme: String,
    pub title: String,
    pub legal_basis: String,
    pub version: String,
    pub hs_edition: String,
    pub valid_from: String,
    pub valid_to: String,
    pub in_force: bool,
    pub preferential: bool,
    pub rule_sets: String,
    pub manual: String,
    pub unconfirmed: String,
    pub used_for: String,
}

/// The rule packs page.
#[derive(Template)]
#[template(path = "officer/rules.html")]
pub struct RulesPage {
    pub ctx: PageCtx,
    pub packs: Vec<PackRow>,
}

/// `GET /admin/rules`.
pub async fn page(State(state): State<AppState>, ctx: PageCtx, Signed(user): Signed) -> PageResult<Response> {
    let packs = state
        .service
        .rule_packs(&user.caller)
        .await?
        .into_iter()
        .map(|pack| PackRow {
            valid_from: pack.valid_from.map(|d| ctx.date(d)).unwrap_or_default(),
            valid_to: pack.valid_to.map(|d| ctx.date(d)).unwrap_or_default(),
            rule_sets: ctx.integer(pack.rule_sets as u64),
            manual: ctx.integer(pack.manual_rule_sets as u64),
            unconfirmed: ctx.integer(pack.unconfirmed_rule_sets as u64),
            used_for: pack.used_for.iter().map(|k| ctx.t(kind_key(k.as_str()))).collect::<Vec<_>>().join(", "),
            scheme: pack.scheme,
            title: pack.title,
            legal_basis: pack.legal_basis,
            version: pack.version,
            hs_edition: pack.hs_edition,
            in_force: pack.in_force,
            preferential: pack.preferential,
        })
        .collect();
    Ok(render::ok(&RulesPage { packs, ctx }))
}
