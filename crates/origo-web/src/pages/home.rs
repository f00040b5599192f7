//! Pages for signed-in people: the landing page `/home` (name, role, the pages the role can use) and the audit
//! trail check `/audit/check` (supervisors, auditors, administrators: the service refuses other roles, and the
//! page layer shows its translated 403 page).

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::context::{NavLink, PageCtx, Signed};
use super::error::PageResult;
use super::render;
use crate::state::AppState;

/// The signed-in landing page.
#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub ctx: PageCtx,
    /// The role's pages, besides this one.
    pub links: Vec<NavLink>,
}

/// `GET /home`.
pub async fn home(ctx: PageCtx, Signed(_user): Signed) -> Response {
    let role = ctx.role();
    let extra = super::nav::HOME_LINKS.iter().filter(|entry| entry.audience.admits(role)).map(|entry| NavLink {
        href: entry.href,
        label: ctx.t(entry.key),
        current: false,
    });
    let links = ctx.nav().into_iter().filter(|link| link.href != "/home").chain(extra).collect();
    render::ok(&HomePage { ctx, links })
}

/// The audit trail check.
#[derive(Template)]
#[template(path = "audit_check.html")]
pub struct AuditCheckPage {
    pub ctx: PageCtx,
    pub intact: bool,
    pub records: String,
    pub head_hash: String,
    /// The first record that is not what was written.
    pub first_bad: Option<String>,
}

/// `GET /audit/check`: recomputes the audit trail's chain.
pub async fn audit_check(State(state): State<AppState>, ctx: PageCtx, Signed(user): Signed) -> PageResult<Response> {
    let report = state.service.verify_audit(&user.caller).await?;
    let page = AuditCheckPage {
        intact: report.is_intact(),
        records: ctx.integer(report.records),
        head_hash: report.head.hash.clone(),
        first_bad: report.first_bad.map(|fault| fault.seq.to_string()),
        ctx,
    };
    Ok(render::ok(&page))
}
