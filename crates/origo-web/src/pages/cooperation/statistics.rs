//! `/cooperation/statistics`: per partner country, the requests received, answered, answered in time, still
//! open and overdue, the outcomes and the median turnaround, for the certifying body, customs and auditors.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use crate::pages::context::{PageCtx, Signed};
use crate::pages::error::PageResult;
use crate::pages::render;
use crate::state::AppState;

/// One country's line, formatted.
#[derive(Debug)]
pub struct CountryRow {
    pub country: String,
    pub requests: String,
    pub answered: String,
    pub in_time: String,
    pub open: String,
    pub overdue: String,
    pub confirmed: String,
    pub not_confirmed: String,
    pub undetermined: String,
    pub median: String,
}

/// The page.
#[derive(Template)]
#[template(path = "cooperation/statistics.html")]
pub struct StatisticsPage {
    pub ctx: PageCtx,
    pub rows: Vec<CountryRow>,
}

/// `GET /cooperation/statistics`.
pub async fn page(State(state): State<AppState>, ctx: PageCtx, Signed(user): Signed) -> PageResult<Response> {
    let countries = state.service.cooperation_statistics(&user.caller).await?;
    let rows = countries
        .iter()
        .map(|c| CountryRow {
            country: c.country.clone(),
            requests: ctx.integer(c.requests),
            answered: ctx.integer(c.answered),
            in_time: ctx.integer(c.answered_in_time),
            open: ctx.integer(c.open),
            overdue: ctx.integer(c.overdue),
            confirmed: ctx.integer(c.confirmed),
            not_confirmed: ctx.integer(c.not_confirmed),
            undetermined: ctx.integer(c.undetermined),
            median: c.median_turnaround_days.map_or_else(
                || ctx.t("cooperation.statistics.no_median").to_owned(),
                |days| ctx.t_with("cooperation.statistics.days", &[("days", &ctx.decimal(&days.normalize()))]),
            ),
        })
        .collect();
    Ok(render::ok(&StatisticsPage { rows, ctx }))
}
