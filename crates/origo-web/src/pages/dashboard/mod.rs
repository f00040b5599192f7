//! `/dashboard`: charts of the certifying body's work over a period of months (the last twelve unless chosen
//! with `?from=YYYY-MM&to=YYYY-MM`): applications and certificates over time, the risk distribution, verification
//! requests per partner country with replies in time and the median turnaround, and the top HS codes. Each chart
//! is server-side SVG ([`crate::pages::charts`]) with the same figures in a table under it.
//!
//! Which parts a visitor sees is the service's decision (`Service::dashboard`): officers and the administrator
//! the aggregate figures, the roles that read cooperation statistics every partner country, a foreign authority
//! its own country's verification figures only; an exporter is refused (403). A malformed month is shown again
//! in the form with the error at its field (422).

pub mod blocks;
pub mod months;
pub mod view;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use origo_service::dashboard::{DashboardError, PeriodProblem, PeriodQuery};
use serde::Deserialize;

use self::blocks::Section;
use crate::pages::context::{PageCtx, Signed};
use crate::pages::error::PageResult;
use crate::pages::extract::PageQuery;
use crate::pages::render;
use crate::state::AppState;

/// The route of the page (merged into `pages::router`).
pub fn router() -> Router<AppState> {
    Router::new().route("/dashboard", get(page))
}

/// The period as typed.
#[derive(Debug, Default, Deserialize)]
pub struct DashboardParams {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

/// The page.
#[derive(Template)]
#[template(path = "dashboard.html")]
pub struct DashboardPage {
    pub ctx: PageCtx,
    /// The form's values: the period shown, or what was typed when it was wrong.
    pub from: String,
    pub to: String,
    pub from_error: Option<&'static str>,
    pub to_error: Option<&'static str>,
    /// "From March 2025 to February 2026"; empty when the period was wrong.
    pub period: String,
    pub sections: Vec<Section>,
}

fn problem_key(problem: PeriodProblem) -> &'static str {
    match problem {
        PeriodProblem::NotAMonth => "dashboard.error.not_a_month",
        PeriodProblem::FromAfterTo => "dashboard.error.from_after_to",
        PeriodProblem::TooLong => "dashboard.error.too_long",
    }
}

/// `GET /dashboard`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(params): PageQuery<DashboardParams>,
) -> PageResult<Response> {
    let query = PeriodQuery { from: Some(params.from.clone()), to: Some(params.to.clone()) };
    match state.service.dashboard(&user.caller, &query).await {
        Ok(dashboard) => {
            let range = dashboard.period;
            let period = ctx.t_with(
                "dashboard.period",
                &[("from", &months::full(ctx.lang, range.from())), ("to", &months::full(ctx.lang, range.to()))],
            );
            let page = DashboardPage {
                from: range.from().to_string(),
                to: range.to().to_string(),
                from_error: None,
                to_error: None,
                period,
                sections: view::sections(&ctx, &dashboard),
                ctx,
            };
            Ok(render::ok(&page))
        }
        Err(DashboardError::Invalid { field, problem }) => {
            let message = Some(ctx.t(problem_key(problem)));
            let page = DashboardPage {
                from: params.from,
                to: params.to,
                from_error: if field == "from" { message } else { None },
                to_error: if field == "to" { message } else { None },
                period: String::new(),
                sections: Vec::new(),
                ctx,
            };
            Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(error.into()),
    }
}
