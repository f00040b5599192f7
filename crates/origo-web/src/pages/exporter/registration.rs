//! `/exporter/registration`: the company's application for registration as an exporter (REX), with the data of
//! Annex 22-06, and its status once filed: applied, registered (with the REX number and the day it is valid from),
//! refused with the certifier's reasons, or revoked. A refused or revoked company may apply again. A producer
//! declares its annual production capacity in the application and changes it later ([`super::capacity`]).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use origo_service::registry::RegistryError;
use origo_store::exporters::{Activity, Exporter, ExporterData, ExporterStatus};

use super::capacity::{self, CapacityRow};
use super::fields::Fields;
use super::input::Message;
use crate::pages::context::{PageCtx, Signed};
use crate::pages::error::PageResult;
use crate::pages::render;
use crate::state::AppState;

/// The registration form, as typed.
#[derive(Debug, Clone, Default)]
pub struct RegistrationForm {
    pub name: String,
    pub address: String,
    pub country: String,
    pub tin: String,
    pub eori: String,
    pub contact_person: String,
    pub email: String,
    pub phone: String,
    /// `production` or `trading`.
    pub activity: String,
    pub goods_description: String,
    pub hs_headings: String,
    pub undertakings_accepted: bool,
    pub consent_to_publication: bool,
}

/// The messages of the registration form's fields.
#[derive(Debug, Clone, Default)]
pub struct RegistrationErrors {
    pub name: Option<Message>,
    pub address: Option<Message>,
    pub country: Option<Message>,
    pub tin: Option<Message>,
    pub goods_description: Option<Message>,
    pub hs_headings: Option<Message>,
    pub undertakings_accepted: Option<Message>,
    /// Not about one field (already registered ...).
    pub form: Option<Message>,
}

/// The registration as the exporter sees it.
#[derive(Debug, Clone)]
pub struct RegistrationView {
    /// `applied`, `registered`, `refused`, `revoked` (the CSS class).
    pub status: &'static str,
    pub status_label: &'static str,
    pub status_text: &'static str,
    pub rex_number: Option<String>,
    pub valid_from: Option<String>,
    pub revoked_on: Option<String>,
    pub reasons: Option<String>,
    pub name: String,
    pub tin: String,
    pub applied_on: String,
}

/// The registration page.
#[derive(Template)]
#[template(path = "exporter/registration.html")]
pub struct RegistrationPage {
    pub ctx: PageCtx,
    pub registration: Option<RegistrationView>,
    /// The form is shown when there is no live registration.
    pub show_form: bool,
    pub form: RegistrationForm,
    pub errors: RegistrationErrors,
    /// The capacity rows of the application form or of the capacity form.
    pub capacity_rows: Vec<CapacityRow>,
    /// A live producer's registration: the capacity form is shown, against this version.
    pub capacity_form: bool,
    pub version: i64,
    /// A message about the capacity lines as a whole.
    pub capacity_message: Option<Message>,
    /// The capacity was just saved.
    pub capacity_saved: bool,
}

/// A registration status in words: (CSS class, label, what it means).
pub fn status_words(ctx: &PageCtx, status: ExporterStatus) -> (&'static str, &'static str, &'static str) {
    match status {
        ExporterStatus::Applied => {
            ("applied", ctx.t("exporter.registration.status.applied"), ctx.t("exporter.registration.applied.text"))
        }
        ExporterStatus::Registered => (
            "registered",
            ctx.t("exporter.registration.status.registered"),
            ctx.t("exporter.registration.registered.text"),
        ),
        ExporterStatus::Refused => {
            ("refused", ctx.t("exporter.registration.status.refused"), ctx.t("exporter.registration.refused.text"))
        }
        ExporterStatus::Revoked => {
            ("revoked", ctx.t("exporter.registration.status.revoked"), ctx.t("exporter.registration.revoked.text"))
        }
    }
}

/// The exporter's registration in words.
pub fn view(ctx: &PageCtx, exporter: &Exporter) -> RegistrationView {
    let (status, status_label, status_text) = status_words(ctx, exporter.status);
    let reasons = match exporter.status {
        ExporterStatus::Revoked => exporter.revocation_grounds.clone(),
        _ => exporter.decision_reason.clone(),
    };
    RegistrationView {
        status,
        status_label,
        status_text,
        rex_number: exporter.rex_number.clone(),
        valid_from: exporter.valid_from.map(|d| ctx.date(d)),
        revoked_on: exporter.revoked_on.map(|d| ctx.date(d)),
        reasons: reasons.filter(|r| !r.trim().is_empty()),
        name: exporter.data.name.clone(),
        tin: exporter.data.tin.clone(),
        applied_on: ctx.date(exporter.created_at.date()),
    }
}

fn form_of(data: &ExporterData) -> RegistrationForm {
    RegistrationForm {
        name: data.name.clone(),
        address: data.address.clone(),
        country: data.country.clone(),
        tin: data.tin.clone(),
        eori: data.eori.clone().unwrap_or_default(),
        contact_person: data.contact_person.clone().unwrap_or_default(),
        email: data.email.clone().unwrap_or_default(),
        phone: data.phone.clone().unwrap_or_default(),
        activity: data.activity.as_str().to_owned(),
        goods_description: data.goods_description.clone(),
        hs_headings: data.hs_headings.join(", "),
        undertakings_accepted: false,
        consent_to_publication: data.consent_to_publication,
    }
}

pub(crate) async fn page(
    state: &AppState,
    ctx: PageCtx,
    user: &crate::pages::context::SignedIn,
) -> PageResult<RegistrationPage> {
    let current = match user.caller.exporter_id() {
        Some(id) => Some(state.service.registration(&user.caller, id).await?),
        None => None,
    };
    let show_form =
        current.as_ref().is_none_or(|e| matches!(e.status, ExporterStatus::Refused | ExporterStatus::Revoked));
    let form = match &current {
        Some(exporter) => form_of(&exporter.data),
        None => RegistrationForm { country: "UZ".into(), activity: "production".into(), ..RegistrationForm::default() },
    };
    let capacity_form = current.as_ref().is_some_and(|e| {
        matches!(e.status, ExporterStatus::Applied | ExporterStatus::Registered)
            && e.data.activity == Activity::Production
    });
    // A refused or revoked company applying again finds its earlier lines, as it finds the rest of its data.
    let lines = current.as_ref().map(|e| e.data.capacity.as_slice());
    Ok(RegistrationPage {
        registration: current.as_ref().map(|e| view(&ctx, e)),
        capacity_rows: capacity::rows_of(&ctx, lines.unwrap_or_default()),
        capacity_form,
        version: current.as_ref().map_or(0, |e| e.version),
        capacity_message: None,
        capacity_saved: false,
        ctx,
        show_form,
        form,
        errors: RegistrationErrors::default(),
    })
}

/// `GET /exporter/registration`.
pub async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    query: axum::extract::RawQuery,
) -> PageResult<Response> {
    super::exporter_only(&user)?;
    let mut page = page(&state, ctx, &user).await?;
    page.capacity_saved = query.0.is_some_and(|q| q.split('&').any(|p| p == "capacity=saved"));
    Ok(render::ok(&page))
}

fn optional(text: String) -> Option<String> {
    Some(text).filter(|t| !t.is_empty())
}

/// The HS headings typed (`9403, 4418`): two or four digits each.
fn headings(ctx: &PageCtx, text: &str) -> Result<Vec<String>, Message> {
    let list: Vec<String> =
        text.split([',', ';', ' ', '\n']).map(|h| h.trim().replace('.', "")).filter(|h| !h.is_empty()).collect();
    if list.iter().any(|h| !(h.len() == 2 || h.len() == 4) || !h.bytes().all(|b| b.is_ascii_digit())) {
        return Err(ctx.t("exporter.registration.hs_headings.invalid").to_owned());
    }
    Ok(list)
}

/// `POST /exporter/registration`: files the application, then shows its status.
pub async fn apply(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    fields: Fields,
) -> PageResult<Response> {
    let mut page = page(&state, ctx.clone(), &user).await?;
    page.form = RegistrationForm {
        name: fields.text("name"),
        address: fields.text("address"),
        country: fields.text("country").to_ascii_uppercase(),
        tin: fields.text("tin"),
        eori: fields.text("eori"),
        contact_person: fields.text("contact_person"),
        email: fields.text("email"),
        phone: fields.text("phone"),
        activity: fields.text("activity"),
        goods_description: fields.text("goods_description"),
        hs_headings: fields.text("hs_headings"),
        undertakings_accepted: fields.has("undertakings_accepted"),
        consent_to_publication: fields.has("consent_to_publication"),
    };
    page.show_form = true;
    page.capacity_form = false;
    // A trader declares no capacity: the rows hidden by the form are dropped.
    page.capacity_rows =
        if page.form.activity == "trading" { capacity::rows_of(&ctx, &[]) } else { capacity::rows_sent(&fields) };
    let capacity_lines = capacity::lines(&ctx, &mut page.capacity_rows);
    let form = page.form.clone();
    // Every field at once, before the service's own check (which stops at the first).
    let required = || Some(ctx.t("exporter.error.required").to_owned());
    let errors = &mut page.errors;
    if form.name.is_empty() {
        errors.name = required();
    }
    if form.address.is_empty() {
        errors.address = required();
    }
    if !origo_rules::countries::is_iso_alpha2(&form.country) {
        errors.country = Some(ctx.t("exporter.error.country").to_owned());
    }
    if form.tin.is_empty() {
        errors.tin = required();
    }
    if form.goods_description.is_empty() {
        errors.goods_description = required();
    }
    if !form.undertakings_accepted {
        errors.undertakings_accepted = Some(ctx.t("exporter.registration.undertakings.missing").to_owned());
    }
    let hs_headings = headings(&ctx, &form.hs_headings).map_err(|e| errors.hs_headings = Some(e));
    let failed = [&errors.name, &errors.address, &errors.country, &errors.tin, &errors.goods_description]
        .iter()
        .any(|e| e.is_some())
        || errors.undertakings_accepted.is_some();
    let Ok(hs_headings) = hs_headings else {
        return Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    let Some(capacity_lines) = capacity_lines.filter(|_| !failed) else {
        return Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    let data = ExporterData {
        name: form.name,
        address: form.address,
        country: form.country,
        tin: form.tin,
        eori: optional(form.eori),
        contact_person: optional(form.contact_person),
        email: optional(form.email),
        phone: optional(form.phone),
        activity: if form.activity == "trading" { Activity::Trading } else { Activity::Production },
        goods_description: form.goods_description,
        hs_headings,
        undertakings_accepted: form.undertakings_accepted,
        consent_to_publication: form.consent_to_publication,
        capacity: capacity_lines,
    };
    let errors = &mut page.errors;
    match state.service.apply_for_registration(&user.caller, data).await {
        Ok(_) => return Ok(Redirect::to("/exporter/registration").into_response()),
        Err(RegistryError::Invalid { field, .. }) => match field {
            "name" => errors.name = Some(ctx.t("exporter.error.required").to_owned()),
            "address" => errors.address = Some(ctx.t("exporter.error.required").to_owned()),
            "country" => errors.country = Some(ctx.t("exporter.error.country").to_owned()),
            "goods_description" => errors.goods_description = Some(ctx.t("exporter.error.required").to_owned()),
            "undertakings_accepted" => {
                errors.undertakings_accepted = Some(ctx.t("exporter.registration.undertakings.missing").to_owned())
            }
            _ => errors.tin = Some(ctx.t("exporter.registration.tin.invalid").to_owned()),
        },
        Err(RegistryError::InvalidCapacity { field, .. }) => {
            if !capacity::place_error(&ctx, &mut page.capacity_rows, &field) {
                page.capacity_message = Some(ctx.t("risk.capacity.error.trader").to_owned());
            }
        }
        Err(RegistryError::Rex(_)) => errors.tin = Some(ctx.t("exporter.registration.tin.invalid").to_owned()),
        Err(RegistryError::AlreadyRegistered) => {
            errors.form = Some(ctx.t("exporter.registration.already").to_owned());
            return Ok(render::html(StatusCode::CONFLICT, &page));
        }
        Err(other) => return Err(other.into()),
    }
    Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page))
}
