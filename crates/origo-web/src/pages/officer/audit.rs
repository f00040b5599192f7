//! `/officer/audit`: the audit trail for supervisors, auditors and administrators. At the top, whether the chain
//! is intact: each visit checks the records appended since the last check that passed (the checkpoint of
//! `origo_store::audit::verify_incremental`), so the page costs the same with a hundred thousand records as with a
//! hundred; `?full=1` (the "check every record" button) recomputes every record, as `/audit/check`, the API and
//! `origo audit verify` do. Below, the records newest first, a page at a time, narrowed by entity, action and
//! role.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use origo_service::roles::Role;
use origo_store::audit::AuditFilter;
use serde::Deserialize;

use super::queue::Choice;
use super::{query_string, when};
use crate::pages::context::{PageCtx, Signed};
use crate::pages::error::{Failure, PageError, PageResult};
use crate::pages::extract::PageQuery;
use crate::pages::nav::role_key;
use crate::pages::render;
use crate::state::AppState;

/// Records per page.
pub const PER_PAGE: u32 = 50;

/// The entity types the trail records, offered as the filter's choices (another type typed into the address,
/// of lower-case letters and underscores, is filtered on too).
pub const ENTITY_TYPES: [&str; 14] = [
    "application",
    "goods_item",
    "material",
    "determination",
    "evidence_file",
    "supplier_declaration",
    "certificate",
    "statement",
    "exporter",
    "user",
    "api_token",
    "signing_key",
    "issuer",
    "login",
];

#[derive(Debug, Default, Deserialize)]
pub struct AuditParams {
    #[serde(default)]
    pub entity_type: String,
    #[serde(default)]
    pub entity_id: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub before: String,
    /// `1`: check every record of the chain, not only those since the last check.
    #[serde(default)]
    pub full: String,
}

/// One record as shown.
#[derive(Debug)]
pub struct RecordRow {
    pub seq: String,
    pub when: String,
    pub role: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    /// Link to the entity's page, for the entities that have one.
    pub entity_href: Option<String>,
    pub reason: String,
    pub hash: String,
}

/// The audit page.
#[derive(Template)]
#[template(path = "officer/audit.html")]
pub struct AuditPage {
    pub ctx: PageCtx,
    pub intact: bool,
    pub records: String,
    pub head_hash: String,
    pub first_bad: Option<String>,
    /// What this visit's check covered, in words.
    pub checked: String,
    /// When every record was last checked and found intact, or the text for "not yet".
    pub last_full: String,
    pub entity_types: Vec<Choice>,
    pub roles: Vec<Choice>,
    pub entity_id: String,
    pub action: String,
    pub rows: Vec<RecordRow>,
    pub position: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

fn entity_href(entity_type: &str, id: &str) -> Option<String> {
    match entity_type {
        "application" => Some(format!("/officer/applications/{id}")),
        "certificate" => Some(format!("/officer/certificates/{id}")),
        "exporter" => Some(format!("/officer/registry/{id}")),
        "user" => Some(format!("/admin/users/{id}")),
        _ => None,
    }
}

/// `GET /officer/audit`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(params): PageQuery<AuditParams>,
) -> PageResult<Response> {
    let bad = || PageError::new(Failure::BadRequest);
    let type_ok =
        params.entity_type.len() <= 40 && params.entity_type.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    if !type_ok {
        return Err(bad());
    }
    let role_ok = params.role.is_empty() || params.role == "system" || params.role.parse::<Role>().is_ok();
    if !role_ok || params.entity_id.len() > 100 || params.action.len() > 100 {
        return Err(bad());
    }
    let before = match params.before.as_str() {
        "" => None,
        text => Some(text.parse::<i64>().map_err(|_| bad())?),
    };
    let full = match params.full.as_str() {
        "" | "0" => false,
        "1" => true,
        _ => return Err(bad()),
    };
    let outcome = state.service.check_audit(&user.caller, full).await?;
    let checked = match &outcome.from {
        None => ctx.t("officer.audit.scope.full").to_owned(),
        Some(from) => ctx.t_with(
            "officer.audit.scope.since",
            &[("seq", &ctx.integer(from.head.seq.max(0) as u64)), ("date", &when(&ctx, from.verified_at))],
        ),
    };
    let last_full = match (&outcome.from, outcome.report.is_intact()) {
        (None, true) => ctx.t("officer.audit.last_full.now").to_owned(),
        (Some(from), _) => {
            from.full_verified_at.map_or_else(|| ctx.t("officer.audit.last_full.never").to_owned(), |at| when(&ctx, at))
        }
        (None, false) => ctx.t("officer.audit.last_full.failed").to_owned(),
    };
    let report = outcome.report;
    let filter = AuditFilter {
        entity_type: params.entity_type.clone(),
        entity_id: params.entity_id.trim().to_owned(),
        action: params.action.trim().to_owned(),
        actor_role: params.role.clone(),
    };
    let mut found = state.service.audit_search(&user.caller, &filter, before, PER_PAGE + 1).await?;
    let more = found.len() > PER_PAGE as usize;
    found.truncate(PER_PAGE as usize);
    let pairs = |before: &str| {
        query_string(&[
            ("entity_type", filter.entity_type.as_str()),
            ("entity_id", filter.entity_id.as_str()),
            ("action", filter.action.as_str()),
            ("role", filter.actor_role.as_str()),
            ("before", before),
        ])
    };
    let next = match (more, found.last()) {
        (true, Some(last)) => Some(format!("/officer/audit{}", pairs(&last.seq.to_string()))),
        _ => None,
    };
    let previous = before.map(|_| format!("/officer/audit{}", pairs("")));
    let mut entity_types =
        vec![Choice { value: "", label: ctx.t("officer.audit.any"), selected: filter.entity_type.is_empty() }];
    entity_types.extend(ENTITY_TYPES.iter().map(|t| Choice { value: t, label: t, selected: filter.entity_type == *t }));
    let mut roles =
        vec![Choice { value: "", label: ctx.t("officer.audit.any"), selected: filter.actor_role.is_empty() }];
    roles.extend(Role::ALL.iter().map(|r| Choice {
        value: r.as_str(),
        label: ctx.t(role_key(*r)),
        selected: filter.actor_role == r.as_str(),
    }));
    roles.push(Choice {
        value: "system",
        label: ctx.t("officer.role.system"),
        selected: filter.actor_role == "system",
    });
    let rows = found
        .iter()
        .map(|r| RecordRow {
            seq: r.seq.to_string(),
            when: when(&ctx, r.at),
            role: r
                .actor_role
                .parse::<Role>()
                .map_or_else(|_| r.actor_role.clone(), |role| ctx.t(role_key(role)).to_owned()),
            actor: r.actor_id.clone().unwrap_or_default(),
            action: r.action.clone(),
            entity: r.entity_type.clone(),
            entity_href: entity_href(&r.entity_type, &r.entity_id),
            entity_id: r.entity_id.clone(),
            reason: r.reason.clone().unwrap_or_default(),
            hash: r.hash.chars().take(16).collect(),
        })
        .collect();
    let page = AuditPage {
        intact: report.is_intact(),
        records: ctx.integer(report.head.seq.max(0) as u64),
        checked,
        last_full,
        head_hash: report.head.hash.clone(),
        first_bad: report.first_bad.map(|fault| fault.seq.to_string()),
        entity_types,
        roles,
        entity_id: filter.entity_id.clone(),
        action: filter.action.clone(),
        rows,
        position: String::new(),
        previous,
        next,
        ctx,
    };
    Ok(render::ok(&page))
}
