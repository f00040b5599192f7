//! `/officer/queue`: the work queue. Filters (state, risk flag, risk route or random selection), a search and the
//! order (by submission, exporter, last change or risk score) are a GET form, so a
//! filtered page is a link that can be kept; the store does the filtering, sorting, counting and paging in SQL
//! (`Service::application_queue`), so the page costs the same with ten thousand applications as with ten.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use origo_service::examination::workflow_state;
use origo_service::queue::QueueQuery;
use origo_store::queue::{QueueFilter, QueueRow, QueueSort, QueueState};
use serde::Deserialize;
use serde_json::Value;

use super::labels::{queue_state_key, sort_key};
use super::{query_string, reference};
use crate::pages::context::{PageCtx, Signed};
use crate::pages::error::{Failure, PageError, PageResult};
use crate::pages::extract::PageQuery;
use crate::pages::render;
use crate::pages::verify::kind_key;
use crate::state::AppState;

/// Rows per page.
pub const PER_PAGE: u32 = 50;

/// The query of the queue page, as typed (checked in [`parse`]).
#[derive(Debug, Default, Deserialize)]
pub struct QueueParams {
    #[serde(default)]
    pub state: String,
    /// `high`, `normal` or empty.
    #[serde(default)]
    pub risk: String,
    /// A risk route (`automatic_approval`, `documentary_check`, `inspection`), `random` (selected at random) or
    /// empty.
    #[serde(default)]
    pub route: String,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub page: String,
}

/// A choice of a select.
#[derive(Debug)]
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

/// One row as shown.
#[derive(Debug)]
pub struct Row {
    pub href: String,
    pub reference: String,
    pub exporter: String,
    pub tin: String,
    pub kind: &'static str,
    pub importing_country: String,
    pub items: String,
    pub first_hs: String,
    pub submitted: String,
    pub state: &'static str,
    pub high_risk: bool,
    /// The latest risk assessment, when the application has one.
    pub risk: Option<super::risk::RiskCell>,
}

/// The queue page.
#[derive(Template)]
#[template(path = "officer/queue.html")]
pub struct QueuePage {
    pub ctx: PageCtx,
    pub states: Vec<Choice>,
    pub risks: Vec<Choice>,
    pub routes: Vec<Choice>,
    pub sorts: Vec<Choice>,
    pub q: String,
    pub rows: Vec<Row>,
    /// "12 applications"
    pub total: String,
    /// "Page 2 of 5"
    pub position: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// The query in the service's terms; a value that is none of the choices is a bad request.
fn parse(params: &QueueParams) -> Result<QueueQuery, PageError> {
    let bad = |_| PageError::new(Failure::BadRequest);
    let state = match params.state.as_str() {
        "" => QueueState::Submitted,
        text => text.parse().map_err(bad)?,
    };
    let high_risk = match params.risk.as_str() {
        "" => None,
        "high" => Some(true),
        "normal" => Some(false),
        _ => return Err(PageError::new(Failure::BadRequest)),
    };
    let (route, randomly_selected) = super::risk::parse_route_filter(&params.route)?;
    let sort = match params.sort.as_str() {
        "" => QueueSort::SubmittedAsc,
        text => text.parse().map_err(bad)?,
    };
    let page = match params.page.as_str() {
        "" => 1,
        text => text.parse::<u64>().ok().filter(|p| *p >= 1).ok_or(PageError::new(Failure::BadRequest))?,
    };
    let search: String = params.q.trim().chars().take(100).collect();
    let filter = QueueFilter { state, high_risk, route, randomly_selected, search };
    Ok(QueueQuery { filter, sort, page, per_page: PER_PAGE })
}

fn row(ctx: &PageCtx, found: &QueueRow) -> Row {
    let state = workflow_state(found.state, found.high_risk, found.second_signer_id.is_some());
    Row {
        href: format!("/officer/applications/{}", found.id),
        reference: reference(found.id),
        exporter: found.exporter_name.clone(),
        tin: found.exporter_tin.clone(),
        kind: ctx.t(kind_key(found.kind.as_str())),
        importing_country: found.consignment.get("importing_country").and_then(Value::as_str).unwrap_or("").to_owned(),
        items: ctx.t_with("officer.queue.items", &[("count", &ctx.integer(u64::try_from(found.items).unwrap_or(0)))]),
        first_hs: found.first_hs_code.clone().unwrap_or_default(),
        submitted: found.submitted_at.map(|at| super::when(ctx, at)).unwrap_or_default(),
        state: ctx.t(super::labels::state_key(state)),
        high_risk: found.high_risk,
        risk: super::risk::cell(ctx, found),
    }
}

/// `GET /officer/queue`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(params): PageQuery<QueueParams>,
) -> PageResult<Response> {
    let query = parse(&params)?;
    let found = state.service.application_queue(&user.caller, &query).await?;
    let filter = &query.filter;
    let risk = match filter.high_risk {
        Some(true) => "high",
        Some(false) => "normal",
        None => "",
    };
    let link = |page: u64| {
        let page = page.to_string();
        let route = super::risk::route_filter_value(filter);
        let pairs = [
            ("state", filter.state.as_str()),
            ("risk", risk),
            ("route", route),
            ("q", filter.search.as_str()),
            ("sort", query.sort.as_str()),
            ("page", page.as_str()),
        ];
        format!("/officer/queue{}", query_string(&pairs))
    };
    let states = QueueState::ALL
        .iter()
        .map(|s| Choice { value: s.as_str(), label: ctx.t(queue_state_key(*s)), selected: *s == filter.state })
        .collect();
    let risks =
        [("", "officer.queue.risk.any"), ("high", "officer.queue.risk.high"), ("normal", "officer.queue.risk.normal")]
            .into_iter()
            .map(|(value, key)| Choice { value, label: ctx.t(key), selected: value == risk })
            .collect();
    let routes = super::risk::route_choices(&ctx, filter);
    let sorts = QueueSort::ALL
        .iter()
        .map(|s| Choice { value: s.as_str(), label: ctx.t(sort_key(*s)), selected: *s == query.sort })
        .collect();
    let total = ctx.t_with("officer.queue.total", &[("count", &ctx.integer(found.total))]);
    let position = ctx
        .t_with("officer.pager.position", &[("page", &ctx.integer(found.page)), ("pages", &ctx.integer(found.pages))]);
    let page = QueuePage {
        states,
        risks,
        routes,
        sorts,
        q: filter.search.clone(),
        rows: found.rows.iter().map(|r| row(&ctx, r)).collect(),
        total,
        position,
        previous: (found.page > 1).then(|| link(found.page - 1)),
        next: (found.page < found.pages).then(|| link(found.page + 1)),
        ctx,
    };
    Ok(render::ok(&page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_defaults_to_submitted_oldest_first_and_refuses_unknown_values() {
        let query = parse(&QueueParams::default()).unwrap();
        assert_eq!((query.filter.state, query.sort, query.page), (QueueState::Submitted, QueueSort::SubmittedAsc, 1));
        let typed = QueueParams {
            state: "awaiting_second_signature".into(),
            risk: "high".into(),
            route: "inspection".into(),
            q: "  Furniture ".into(),
            sort: "-exporter".into(),
            page: "3".into(),
        };
        let query = parse(&typed).unwrap();
        assert_eq!(query.filter.high_risk, Some(true));
        assert_eq!(query.filter.route, Some(origo_store::risk_assessments::RiskRoute::Inspection));
        let random = parse(&QueueParams { route: "random".into(), ..QueueParams::default() }).unwrap();
        assert_eq!((random.filter.route, random.filter.randomly_selected), (None, Some(true)));
        assert_eq!((query.filter.search.as_str(), query.sort, query.page), ("Furniture", QueueSort::ExporterDesc, 3));
        for bad in [
            QueueParams { state: "draft".into(), ..QueueParams::default() },
            QueueParams { risk: "maybe".into(), ..QueueParams::default() },
            QueueParams { route: "audit".into(), ..QueueParams::default() },
            QueueParams { sort: "id".into(), ..QueueParams::default() },
            QueueParams { page: "0".into(), ..QueueParams::default() },
        ] {
            assert_eq!(parse(&bad).unwrap_err().failure, Failure::BadRequest, "{bad:?}");
        }
    }
}
