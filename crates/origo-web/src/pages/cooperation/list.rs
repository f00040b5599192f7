//! `/cooperation/requests`: verification requests in the certifying body's work order (unanswered first, by
//! deadline, those due soon and overdue marked in words and colour; answered ones after), by status, a page at a
//! time. A foreign authority sees its own country's, with the link to file a new one.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use origo_service::cooperation::requests::{RequestView, SubjectView};
use origo_service::roles::Role;
use origo_store::cooperation::{ListFilter, ListOrder, RequestStatus};
use serde::Deserialize;

use super::labels::{outcome_key, reason_key, status_key};
use crate::pages::context::{PageCtx, Signed};
use crate::pages::error::{Failure, PageError, PageResult};
use crate::pages::extract::PageQuery;
use crate::pages::officer::query_string;
use crate::pages::officer::queue::Choice;
use crate::pages::render;
use crate::state::AppState;

/// Requests per page.
pub const PER_PAGE: u32 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub page: String,
}

/// One request in the list.
#[derive(Debug)]
pub struct RequestRow {
    pub href: String,
    pub reference: String,
    pub country: String,
    pub subject: String,
    pub reason: &'static str,
    pub received: String,
    pub deadline: String,
    /// Where it stands against the deadline, in words.
    pub standing: String,
    pub status: &'static str,
    /// `row-bad` (overdue), `row-warn` (due soon) or empty.
    pub class: &'static str,
}

/// The list.
#[derive(Template)]
#[template(path = "cooperation/requests.html")]
pub struct RequestsPage {
    pub ctx: PageCtx,
    pub statuses: Vec<Choice>,
    pub rows: Vec<RequestRow>,
    pub total: String,
    pub can_file: bool,
    pub reads_statistics: bool,
    pub position: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// What a request is about, shortly: the certificate number, or the start of the statement's hash.
pub fn subject_text(ctx: &PageCtx, subject: &SubjectView) -> String {
    match subject {
        SubjectView::Certificate { number, .. } => number.clone(),
        SubjectView::Statement { text_hash, .. } => {
            ctx.t_with("cooperation.subject.statement_short", &[("hash", &text_hash[..12.min(text_hash.len())])])
        }
    }
}

/// Where a request stands against its deadline, in words.
pub fn standing(ctx: &PageCtx, view: &RequestView) -> String {
    match (view.request.outcome, view.days_left) {
        (Some(outcome), _) => ctx.t(outcome_key(outcome)).to_owned(),
        (None, Some(days)) if days < 0 => {
            ctx.t_with("cooperation.standing.overdue", &[("days", &ctx.integer(days.unsigned_abs()))])
        }
        (None, Some(0)) => ctx.t("cooperation.standing.today").to_owned(),
        (None, Some(days)) => ctx.t_with("cooperation.standing.due_in", &[("days", &ctx.integer(days.unsigned_abs()))]),
        (None, None) => String::new(),
    }
}

/// The CSS class of a request's row: overdue and due soon are also said in words.
pub fn row_class(view: &RequestView) -> &'static str {
    if view.overdue {
        "row-bad"
    } else if view.due_soon {
        "row-warn"
    } else {
        ""
    }
}

/// `GET /cooperation/requests`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(params): PageQuery<ListParams>,
) -> PageResult<Response> {
    let bad = || PageError::new(Failure::BadRequest);
    let status = match params.status.as_str() {
        "" => None,
        text => Some(text.parse::<RequestStatus>().map_err(|_| bad())?),
    };
    let page_number = match params.page.as_str() {
        "" => 1,
        text => text.parse::<u32>().ok().filter(|n| (1..=10_000).contains(n)).ok_or_else(bad)?,
    };
    let filter = ListFilter {
        status,
        order: ListOrder::Deadline { offset: (page_number - 1) * PER_PAGE },
        limit: PER_PAGE,
        ..ListFilter::default()
    };
    let found = state.service.verification_requests(&user.caller, filter, None).await?;
    let status_value = status.map_or("", RequestStatus::as_str);
    let mut statuses = vec![Choice { value: "", label: ctx.t("cooperation.list.any"), selected: status.is_none() }];
    statuses.extend(RequestStatus::ALL.iter().map(|s| Choice {
        value: s.as_str(),
        label: ctx.t(status_key(*s)),
        selected: status == Some(*s),
    }));
    let href = |n: u32| {
        let n = n.to_string();
        format!("/cooperation/requests{}", query_string(&[("status", status_value), ("page", &n)]))
    };
    let shown = u64::from(page_number - 1) * u64::from(PER_PAGE) + found.items.len() as u64;
    let total = u64::try_from(found.total).unwrap_or(0);
    let rows = found
        .items
        .iter()
        .map(|view| RequestRow {
            href: format!("/cooperation/requests/{}", view.request.id),
            reference: view.request.reference.clone(),
            country: view.request.requesting_country.clone(),
            subject: subject_text(&ctx, &view.subject),
            reason: ctx.t(reason_key(view.request.reason_kind)),
            received: ctx.date(view.request.received_at.date()),
            deadline: ctx.date(view.request.deadline),
            standing: standing(&ctx, view),
            status: ctx.t(status_key(view.request.status)),
            class: row_class(view),
        })
        .collect();
    let role = user.caller.role();
    let page = RequestsPage {
        statuses,
        rows,
        total: ctx.t_with("cooperation.list.total", &[("count", &ctx.integer(total))]),
        can_file: role == Role::ForeignAuthority,
        reads_statistics: matches!(role, Role::Certifier | Role::Supervisor | Role::Customs | Role::Auditor),
        position: if total > u64::from(PER_PAGE) {
            ctx.t_with("cooperation.list.page", &[("page", &ctx.integer(u64::from(page_number)))])
        } else {
            String::new()
        },
        previous: (page_number > 1).then(|| href(page_number - 1)),
        next: (shown < total).then(|| href(page_number + 1)),
        ctx,
    };
    Ok(render::ok(&page))
}
