//! Utilisation at import. `/control/utilisation`: a foreign authority records the use of a certificate by its
//! number (with the security code from the paper for a certificate bound for another country), and anyone who may
//! read utilisation looks a certificate up by number. `/control/certificates/{id}/utilisation`: the certificate's
//! items with what was certified, used and what remains, the uses (an authority sees its own country's) and, for
//! officers, the flags; the destination's authority records a use there.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::control::ControlError;
use origo_service::control::utilisation::{NewUse, UtilisationView};
use origo_service::roles::Role;
use origo_store::certificates::CertificateStatus;
use rust_decimal::Decimal;
use serde::Deserialize;
use uuid::Uuid;

use super::labels::flag_kind_key;
use super::{error_for, field_error};
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::PageResult;
use crate::pages::extract::{PageForm, PageQuery};
use crate::pages::officer::labels::certificate_status_key;
use crate::pages::officer::{PagePath, see_other, when};
use crate::pages::render;
use crate::state::AppState;

/// The record form as filled in.
#[derive(Debug, Default, Deserialize)]
pub struct UseForm {
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub security_code: String,
    #[serde(default)]
    pub item_no: String,
    #[serde(default)]
    pub quantity: String,
    #[serde(default)]
    pub declaration_ref: String,
}

/// Reads the form into a use; a field that is not a number names itself.
fn new_use(ctx: &PageCtx, form: &UseForm) -> Result<NewUse, (&'static str, &'static str)> {
    let item_no = form.item_no.trim().parse::<i64>().map_err(|_| ("item_no", ctx.t("control.error.item_no")))?;
    let quantity = form
        .quantity
        .trim()
        .replace(',', ".")
        .parse::<Decimal>()
        .map_err(|_| ("quantity", ctx.t("control.error.quantity")))?;
    let code = form.security_code.trim();
    Ok(NewUse {
        item_no,
        quantity,
        declaration_ref: form.declaration_ref.clone(),
        security_code: (!code.is_empty()).then(|| code.to_owned()),
    })
}

/// The lookup and record form.
#[derive(Template)]
#[template(path = "control/utilisation.html")]
pub struct LookupPage {
    pub ctx: PageCtx,
    pub records: bool,
    pub form: UseForm,
    pub error: Option<(&'static str, &'static str)>,
    pub done: Option<String>,
}

impl LookupPage {
    pub fn error_for(&self, field: &str) -> Option<&'static str> {
        error_for(self.error, field)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct LookupParams {
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub done: String,
    #[serde(default)]
    pub flags: Option<u32>,
}

fn lookup_page(
    ctx: PageCtx,
    user: &SignedIn,
    form: UseForm,
    error: Option<(&'static str, &'static str)>,
) -> LookupPage {
    let records = user.caller.role() == Role::ForeignAuthority;
    LookupPage { records, form, error, done: None, ctx }
}

/// `GET /control/utilisation`: the form; with `?number=`, on to that certificate's utilisation.
pub async fn lookup(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(params): PageQuery<LookupParams>,
) -> PageResult<Response> {
    state.service.utilisation_desk(&user.caller)?;
    let number = params.number.trim();
    if !number.is_empty() {
        match state.service.utilisation_by_number(&user.caller, number).await {
            Ok(view) => return Ok(see_other(&format!("/control/certificates/{}/utilisation", view.certificate.id))),
            Err(ControlError::NotFound) => {
                let form = UseForm { number: number.to_owned(), ..UseForm::default() };
                let error = Some(("lookup", ctx.t("control.error.certificate_unknown")));
                let page = lookup_page(ctx, &user, form, error);
                return Ok(render::html(StatusCode::NOT_FOUND, &page));
            }
            Err(other) => return Err(other.into()),
        }
    }
    let mut page = lookup_page(ctx, &user, UseForm::default(), None);
    if params.done == "recorded" {
        let flags = params.flags.unwrap_or_default().to_string();
        page.done = Some(page.ctx.t_with("control.utilisation.done", &[("flags", &flags)]));
    }
    Ok(render::ok(&page))
}

/// `POST /control/utilisation`: records a use by certificate number.
pub async fn record_by_number(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageForm(form): PageForm<UseForm>,
) -> PageResult<Response> {
    let refused = |ctx: PageCtx, form: UseForm, error: (&'static str, &'static str)| {
        let page = lookup_page(ctx, &user, form, Some(error));
        Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page))
    };
    if form.number.trim().is_empty() {
        let error = ("number", ctx.t("control.error.certificate_unknown"));
        return refused(ctx, form, error);
    }
    let new = match new_use(&ctx, &form) {
        Ok(new) => new,
        Err(error) => return refused(ctx, form, error),
    };
    let by_code = new.security_code.is_some();
    match state.service.record_utilisation_by_number(&user.caller, &form.number, new).await {
        // Without a code only a certificate bound for the authority's country is recorded: its page shows it.
        Ok(recorded) if !by_code => Ok(see_other(&format!(
            "/control/certificates/{}/utilisation?done=recorded&flags={}",
            recorded.utilisation.certificate_id,
            recorded.flags.len()
        ))),
        Ok(recorded) => Ok(see_other(&format!("/control/utilisation?done=recorded&flags={}", recorded.flags.len()))),
        Err(ControlError::NotFound) => {
            let error = ("number", ctx.t("control.error.certificate_unknown"));
            refused(ctx, form, error)
        }
        Err(error) => match field_error(&ctx, &error) {
            Some(found) => refused(ctx, form, found),
            None => Err(error.into()),
        },
    }
}

/// An item's balance as shown.
#[derive(Debug)]
pub struct ItemRow {
    pub item_no: String,
    pub description: String,
    pub certified: String,
    pub used: String,
    pub remaining: String,
    pub over: bool,
}

/// A use as shown.
#[derive(Debug)]
pub struct UseRow {
    pub item_no: String,
    pub country: String,
    pub quantity: String,
    pub declaration_ref: String,
    pub recorded: String,
}

/// One certificate's utilisation.
#[derive(Template)]
#[template(path = "control/certificate_utilisation.html")]
pub struct CertificatePage {
    pub ctx: PageCtx,
    pub id: String,
    pub number: String,
    pub status: &'static str,
    pub importing_country: String,
    pub items: Vec<ItemRow>,
    pub uses: Vec<UseRow>,
    pub flags: Vec<(&'static str, String)>,
    pub can_record: bool,
    pub form: UseForm,
    pub error: Option<(&'static str, &'static str)>,
    pub done: Option<String>,
}

impl CertificatePage {
    pub fn error_for(&self, field: &str) -> Option<&'static str> {
        error_for(self.error, field)
    }
}

fn certificate_page(ctx: PageCtx, user: &SignedIn, view: UtilisationView, form: UseForm) -> CertificatePage {
    let unit = |u: &Option<String>| u.clone().unwrap_or_default();
    let items = view
        .items
        .iter()
        .map(|b| ItemRow {
            item_no: b.item.item_no.to_string(),
            description: b.item.description.clone(),
            certified: b
                .item
                .quantity
                .map(|q| format!("{} {}", ctx.decimal(&q), unit(&b.item.unit)))
                .unwrap_or_default(),
            used: format!("{} {}", ctx.decimal(&b.used), unit(&b.item.unit)),
            remaining: b.remaining.map(|r| format!("{} {}", ctx.decimal(&r), unit(&b.item.unit))).unwrap_or_default(),
            over: b.remaining.is_some_and(|r| r < Decimal::ZERO),
        })
        .collect();
    let uses = view
        .uses
        .iter()
        .map(|u| UseRow {
            item_no: u.item_no.to_string(),
            country: u.importing_country.clone(),
            quantity: ctx.decimal(&u.quantity),
            declaration_ref: u.declaration_ref.clone(),
            recorded: when(&ctx, u.recorded_at),
        })
        .collect();
    let flags = view.flags.iter().map(|f| (ctx.t(flag_kind_key(f.kind)), f.details.clone())).collect();
    let can_record = user.caller.role() == Role::ForeignAuthority
        && view.certificate.status == CertificateStatus::Valid
        && view.importing_country.is_some()
        && view.importing_country == user.caller.actor.country;
    CertificatePage {
        id: view.certificate.id.to_string(),
        number: view.certificate.number.clone(),
        status: ctx.t(certificate_status_key(view.certificate.status)),
        importing_country: view.importing_country.clone().unwrap_or_default(),
        items,
        uses,
        flags,
        can_record,
        form,
        error: None,
        done: None,
        ctx,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneParams {
    #[serde(default)]
    pub done: String,
    #[serde(default)]
    pub flags: Option<u32>,
}

/// `GET /control/certificates/{id}/utilisation`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageQuery(params): PageQuery<DoneParams>,
) -> PageResult<Response> {
    let view = state.service.utilisation(&user.caller, id).await?;
    let mut page = certificate_page(ctx, &user, view, UseForm::default());
    if params.done == "recorded" {
        let flags = params.flags.unwrap_or_default().to_string();
        page.done = Some(page.ctx.t_with("control.utilisation.done", &[("flags", &flags)]));
    }
    Ok(render::ok(&page))
}

/// `POST /control/certificates/{id}/utilisation`.
pub async fn record(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<UseForm>,
) -> PageResult<Response> {
    let error = match new_use(&ctx, &form) {
        Err(error) => error,
        Ok(new) => match state.service.record_utilisation(&user.caller, id, new).await {
            Ok(recorded) => {
                let flags = recorded.flags.len();
                return Ok(see_other(&format!("/control/certificates/{id}/utilisation?done=recorded&flags={flags}")));
            }
            Err(error) => match field_error(&ctx, &error) {
                Some(found) => found,
                None => return Err(error.into()),
            },
        },
    };
    let view = state.service.utilisation(&user.caller, id).await?;
    let mut page = certificate_page(ctx, &user, view, form);
    page.error = Some(error);
    Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page))
}
