//! The registry of exporters for the certifying body: `/officer/registry` (the applications waiting for a
//! decision first, or the registrations in another status) and `/officer/registry/{id}` (the Annex 22-06 data,
//! every version, and for certifiers the decision: register from a date, or refuse with reasons; and revocation
//! with date and grounds).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::registry::{RegistrationDecision, RegistryError};
use origo_service::roles::Role;
use origo_store::exporters::{Activity, Exporter, ExporterStatus};
use serde::Deserialize;
use time::Date;
use uuid::Uuid;

use super::labels::registration_key;
use super::queue::Choice;
use super::{PagePath, query_string, see_other, when};
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::{Failure, PageError, PageResult};
use crate::pages::extract::{DoneQuery, PageForm, PageQuery};
use crate::pages::render;
use crate::state::AppState;

/// Registrations per page.
pub const PER_PAGE: u32 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    /// `applied` (the default), `registered`, `refused`, `revoked` or `all`.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub after: String,
}

/// One registration in the list.
#[derive(Debug)]
pub struct RegistrationRow {
    pub href: String,
    pub name: String,
    pub tin: String,
    pub country: String,
    pub status: &'static str,
    pub rex: String,
    pub applied: String,
}

/// The registry list.
#[derive(Template)]
#[template(path = "officer/registry.html")]
pub struct RegistryPage {
    pub ctx: PageCtx,
    pub statuses: Vec<Choice>,
    pub rows: Vec<RegistrationRow>,
    pub position: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

fn parse_status(text: &str) -> Result<Option<ExporterStatus>, PageError> {
    match text {
        "" => Ok(Some(ExporterStatus::Applied)),
        "all" => Ok(None),
        other => other.parse().map(Some).map_err(|_| PageError::new(Failure::BadRequest)),
    }
}

/// `GET /officer/registry`.
pub async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(params): PageQuery<ListParams>,
) -> PageResult<Response> {
    let status = parse_status(&params.status)?;
    let after = match params.after.as_str() {
        "" => None,
        text => Some(text.parse::<Uuid>().map_err(|_| PageError::new(Failure::BadRequest))?),
    };
    let mut found = state.service.registrations(&user.caller, status, after, PER_PAGE + 1).await?;
    let more = found.len() > PER_PAGE as usize;
    found.truncate(PER_PAGE as usize);
    let status_value = status.map_or("all", ExporterStatus::as_str);
    let mut statuses: Vec<Choice> = ExporterStatus::ALL
        .iter()
        .map(|s| Choice { value: s.as_str(), label: ctx.t(registration_key(*s)), selected: status == Some(*s) })
        .collect();
    statuses.push(Choice { value: "all", label: ctx.t("officer.registry.all"), selected: status.is_none() });
    let next = match (more, found.last()) {
        (true, Some(last)) => Some(format!(
            "/officer/registry{}",
            query_string(&[("status", status_value), ("after", &last.id.to_string())])
        )),
        _ => None,
    };
    let previous = after.map(|_| format!("/officer/registry{}", query_string(&[("status", status_value)])));
    let rows = found
        .iter()
        .map(|e| RegistrationRow {
            href: format!("/officer/registry/{}", e.id),
            name: e.data.name.clone(),
            tin: e.data.tin.clone(),
            country: e.data.country.clone(),
            status: ctx.t(registration_key(e.status)),
            rex: e.rex_number.clone().unwrap_or_default(),
            applied: when(&ctx, e.created_at),
        })
        .collect();
    let page = RegistryPage { statuses, rows, position: String::new(), previous, next, ctx };
    Ok(render::ok(&page))
}

/// One version of the registration.
#[derive(Debug)]
pub struct VersionRow {
    pub version: i64,
    pub change: String,
    pub status: &'static str,
    pub when: String,
    pub reason: String,
}

/// The state of the page's forms when shown again.
#[derive(Debug, Default)]
pub struct RegistryForms {
    pub decision: String,
    pub valid_from: String,
    pub reasons: String,
    pub decision_error: Option<&'static str>,
    pub valid_from_error: Option<&'static str>,
    pub reasons_error: Option<&'static str>,
    pub revoked_on: String,
    pub grounds: String,
    pub revoked_on_error: Option<&'static str>,
    pub grounds_error: Option<&'static str>,
}

/// One registration.
#[derive(Template)]
#[template(path = "officer/registration.html")]
pub struct RegistrationPage {
    pub ctx: PageCtx,
    pub id: String,
    pub name: String,
    pub status: &'static str,
    /// Facts of the registration: (label, value), in the order of Annex 22-06.
    pub facts: Vec<(&'static str, String)>,
    pub versions: Vec<VersionRow>,
    pub done: Option<&'static str>,
    pub can_decide: bool,
    pub can_revoke: bool,
    pub forms: RegistryForms,
    /// The declared annual production capacity (a producer's).
    pub capacity: super::capacity::CapacityBlock,
}

fn build(
    ctx: PageCtx,
    user: &SignedIn,
    exporter: &Exporter,
    versions: Vec<VersionRow>,
    done: Option<&'static str>,
    mut forms: RegistryForms,
    today: Date,
) -> RegistrationPage {
    let data = &exporter.data;
    let today = today.to_string();
    if forms.valid_from.is_empty() {
        forms.valid_from = today.clone();
    }
    if forms.revoked_on.is_empty() {
        forms.revoked_on = today;
    }
    let activity = match data.activity {
        Activity::Production => ctx.t("officer.registry.activity.production"),
        Activity::Trading => ctx.t("officer.registry.activity.trading"),
    };
    let optional = |value: &Option<String>| value.clone().unwrap_or_default();
    let mut facts = vec![
        (ctx.t("officer.registry.field.name"), data.name.clone()),
        (ctx.t("officer.registry.field.address"), data.address.clone()),
        (ctx.t("officer.registry.field.country"), data.country.clone()),
        (ctx.t("officer.tin"), data.tin.clone()),
        (ctx.t("officer.registry.field.eori"), optional(&data.eori)),
        (ctx.t("officer.registry.field.contact"), optional(&data.contact_person)),
        (ctx.t("officer.registry.field.email"), optional(&data.email)),
        (ctx.t("officer.registry.field.phone"), optional(&data.phone)),
        (ctx.t("officer.registry.field.activity"), activity.to_owned()),
        (ctx.t("officer.registry.field.goods"), data.goods_description.clone()),
        (ctx.t("officer.registry.field.headings"), data.hs_headings.join(", ")),
        (
            ctx.t("officer.registry.field.consent"),
            ctx.t(super::labels::yes_no_key(Some(data.consent_to_publication))).to_owned(),
        ),
        (ctx.t("officer.registry.field.rex"), exporter.rex_number.clone().unwrap_or_default()),
        (ctx.t("officer.registry.field.valid_from"), exporter.valid_from.map(|d| ctx.date(d)).unwrap_or_default()),
        (ctx.t("officer.registry.field.revoked_on"), exporter.revoked_on.map(|d| ctx.date(d)).unwrap_or_default()),
        (ctx.t("officer.registry.field.grounds"), optional(&exporter.revocation_grounds)),
        (ctx.t("officer.registry.field.reason"), optional(&exporter.decision_reason)),
        (ctx.t("officer.registry.field.applied"), when(&ctx, exporter.created_at)),
    ];
    facts.retain(|(_, value)| !value.is_empty());
    let certifier = user.caller.role() == Role::Certifier;
    RegistrationPage {
        id: exporter.id.to_string(),
        name: data.name.clone(),
        status: ctx.t(registration_key(exporter.status)),
        facts,
        versions,
        done,
        can_decide: certifier && exporter.status == ExporterStatus::Applied,
        can_revoke: certifier && exporter.status == ExporterStatus::Registered,
        forms,
        capacity: super::capacity::block(&ctx, data, None),
        ctx,
    }
}

async fn show(
    state: &AppState,
    ctx: PageCtx,
    user: &SignedIn,
    id: Uuid,
    status: StatusCode,
    done: Option<&'static str>,
    forms: RegistryForms,
) -> PageResult<Response> {
    let exporter = state.service.registration(&user.caller, id).await?;
    let versions = state
        .service
        .registration_history(&user.caller, id)
        .await?
        .into_iter()
        .rev()
        .map(|v| VersionRow {
            version: v.version,
            change: v.change,
            status: ctx.t(registration_key(v.status)),
            when: when(&ctx, v.changed_at),
            reason: v.reason.or(v.revocation_grounds).unwrap_or_default(),
        })
        .collect();
    let today = state.service.clock().today();
    Ok(render::html(status, &build(ctx, user, &exporter, versions, done, forms, today)))
}

/// `GET /officer/registry/{id}`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageQuery(query): PageQuery<DoneQuery>,
) -> PageResult<Response> {
    let done = match query.done.as_str() {
        "registered" => Some("officer.registry.done.registered"),
        "refused" => Some("officer.registry.done.refused"),
        "revoked" => Some("officer.registry.done.revoked"),
        _ => None,
    };
    show(&state, ctx, &user, id, StatusCode::OK, done, RegistryForms::default()).await
}

/// A `YYYY-MM-DD` date from a form.
pub fn form_date(text: &str) -> Option<Date> {
    Date::parse(text.trim(), time::macros::format_description!("[year]-[month]-[day]")).ok()
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub valid_from: String,
    #[serde(default)]
    pub reasons: String,
}

/// `POST /officer/registry/{id}/decision`.
pub async fn decide(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<DecisionForm>,
) -> PageResult<Response> {
    let mut forms = RegistryForms {
        decision: form.decision.clone(),
        valid_from: form.valid_from.clone(),
        reasons: form.reasons.clone(),
        ..RegistryForms::default()
    };
    let reasons = form.reasons.trim().to_owned();
    let (decision, done) = match form.decision.as_str() {
        "register" => match form_date(&form.valid_from) {
            Some(valid_from) => (RegistrationDecision::Register { valid_from, reasons }, "registered"),
            None => {
                forms.valid_from_error = Some(ctx.t("officer.form.date.invalid"));
                return show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, None, forms).await;
            }
        },
        "refuse" if reasons.is_empty() => {
            forms.reasons_error = Some(ctx.t("officer.decision.reasons.missing"));
            return show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, None, forms).await;
        }
        "refuse" => (RegistrationDecision::Refuse { reasons }, "refused"),
        _ => {
            forms.decision_error = Some(ctx.t("officer.decision.missing"));
            return show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, None, forms).await;
        }
    };
    match state.service.decide_registration(&user.caller, id, decision).await {
        Ok(_) => Ok(see_other(&format!("/officer/registry/{id}?done={done}"))),
        Err(RegistryError::ReasonsRequired) => {
            forms.reasons_error = Some(ctx.t("officer.decision.reasons.missing"));
            show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, None, forms).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct RevocationForm {
    #[serde(default)]
    pub revoked_on: String,
    #[serde(default)]
    pub grounds: String,
}

/// `POST /officer/registry/{id}/revocation`.
pub async fn revoke(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<RevocationForm>,
) -> PageResult<Response> {
    let mut forms = RegistryForms {
        revoked_on: form.revoked_on.clone(),
        grounds: form.grounds.clone(),
        ..RegistryForms::default()
    };
    let revoked_on = form_date(&form.revoked_on);
    if revoked_on.is_none() {
        forms.revoked_on_error = Some(ctx.t("officer.form.date.invalid"));
    }
    if form.grounds.trim().is_empty() {
        forms.grounds_error = Some(ctx.t("officer.registry.grounds.missing"));
    }
    let Some(revoked_on) = revoked_on.filter(|_| forms.grounds_error.is_none()) else {
        return show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, None, forms).await;
    };
    match state.service.revoke_registration(&user.caller, id, revoked_on, form.grounds.trim()).await {
        Ok(_) => Ok(see_other(&format!("/officer/registry/{id}?done=revoked"))),
        Err(RegistryError::ReasonsRequired) => {
            forms.grounds_error = Some(ctx.t("officer.registry.grounds.missing"));
            show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, None, forms).await
        }
        Err(other) => Err(other.into()),
    }
}
