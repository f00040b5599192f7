//! `/admin/exchange-rates`: the reference exchange rates the risk engine converts values with. Officers and
//! auditors read the list; the administrator adds one rate, or uploads a CSV file `currency,date,rate` (or pastes
//! it) whose rates are written all together or, when any row is wrong, not at all, with each wrong row listed.
//! Forms are read by name ([`Fields`]: urlencoded or multipart, the CSRF token already checked).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::exchange_rates::{ExchangeRateError, RateInput, RowError};
use origo_service::policy::Action;
use origo_store::exchange_rates::ExchangeRate;

use super::{see_other, when};
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::PageResult;
use crate::pages::exporter::fields::Fields;
use crate::pages::render;
use crate::state::AppState;

/// One rate in the list.
#[derive(Debug)]
pub struct RateRow {
    pub currency: String,
    pub date: String,
    pub rate: String,
    pub source: String,
    pub added: String,
}

/// The add-one form as typed, with the message of its wrong field.
#[derive(Debug, Default)]
pub struct RateForm {
    pub currency: String,
    pub date: String,
    pub rate: String,
    pub source: String,
    pub currency_error: Option<&'static str>,
    pub date_error: Option<&'static str>,
    pub rate_error: Option<&'static str>,
    pub source_error: Option<&'static str>,
}

/// The upload form: the source, the text pasted, and each wrong row.
#[derive(Debug, Default)]
pub struct UploadForm {
    pub source: String,
    pub text: String,
    pub rows: Vec<String>,
}

#[derive(Template)]
#[template(path = "officer/exchange_rates.html")]
pub struct RatesPage {
    pub ctx: PageCtx,
    pub configured: String,
    pub rows: Vec<RateRow>,
    pub can_manage: bool,
    pub form: RateForm,
    pub upload: UploadForm,
    pub done: Option<&'static str>,
}

fn row(ctx: &PageCtx, rate: &ExchangeRate) -> RateRow {
    RateRow {
        currency: rate.currency.clone(),
        date: ctx.date(rate.day),
        rate: ctx.decimal(&rate.rate),
        source: rate.source.clone(),
        added: when(ctx, rate.created_at),
    }
}

/// A field's message.
fn field_key(field: &str) -> &'static str {
    match field {
        "currency" => "rates.error.currency",
        "date" => "rates.error.date",
        "rate" => "rates.error.rate",
        "source" => "rates.error.source",
        "header" => "rates.error.header",
        "file" => "rates.error.file",
        _ => "rates.error.row",
    }
}

/// A wrong row in words: `Row 3 (rate): must be a decimal number greater than 0`.
fn row_message(ctx: &PageCtx, error: &RowError) -> String {
    let what = ctx.t(field_key(error.field));
    if error.row == 0 {
        what.to_owned()
    } else if error.message.contains("already recorded") || error.message.contains("a second rate") {
        format!("{} {}: {}", ctx.t("rates.row"), error.row, ctx.t("rates.error.duplicate"))
    } else {
        format!("{} {}: {}", ctx.t("rates.row"), error.row, what)
    }
}

async fn show(
    state: &AppState,
    ctx: PageCtx,
    user: &SignedIn,
    status: StatusCode,
    form: RateForm,
    upload: UploadForm,
    done: Option<&'static str>,
) -> PageResult<Response> {
    let rates = state.service.exchange_rates(&user.caller, None).await?;
    let can_manage = user.caller.may(Action::ManageExchangeRates, &Default::default()).is_ok();
    let page = RatesPage {
        configured: state.service.configured_currency().to_owned(),
        rows: rates.iter().map(|r| row(&ctx, r)).collect(),
        can_manage,
        form,
        upload,
        done,
        ctx,
    };
    Ok(render::html(status, &page))
}

/// `GET /admin/exchange-rates`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    query: axum::extract::RawQuery,
) -> PageResult<Response> {
    let done = match query.0.as_deref() {
        Some("done=added") => Some("rates.done.added"),
        Some("done=uploaded") => Some("rates.done.uploaded"),
        _ => None,
    };
    show(&state, ctx, &user, StatusCode::OK, RateForm::default(), UploadForm::default(), done).await
}

/// `POST /admin/exchange-rates`: adds one rate.
pub async fn add(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    fields: Fields,
) -> PageResult<Response> {
    let input = RateInput {
        currency: fields.text("currency").to_ascii_uppercase(),
        date: fields.text("date"),
        rate: fields.text("rate").replace(',', "."),
        source: fields.text("source"),
    };
    let mut form = RateForm {
        currency: input.currency.clone(),
        date: input.date.clone(),
        rate: input.rate.clone(),
        source: input.source.clone(),
        ..RateForm::default()
    };
    match state.service.add_exchange_rate(&user.caller, &input).await {
        Ok(_) => Ok(see_other("/admin/exchange-rates?done=added")),
        Err(ExchangeRateError::Invalid(wrong)) => {
            let message = Some(ctx.t(field_key(wrong.field)));
            match wrong.field {
                "currency" => form.currency_error = message,
                "date" => form.date_error = message,
                "rate" => form.rate_error = message,
                _ => form.source_error = message,
            }
            show(&state, ctx, &user, StatusCode::UNPROCESSABLE_ENTITY, form, UploadForm::default(), None).await
        }
        Err(ExchangeRateError::Duplicate { .. }) => {
            form.date_error = Some(ctx.t("rates.error.duplicate"));
            show(&state, ctx, &user, StatusCode::CONFLICT, form, UploadForm::default(), None).await
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /admin/exchange-rates/upload`: every rate of the file (or the text pasted), or none.
pub async fn upload(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    fields: Fields,
) -> PageResult<Response> {
    let pasted = fields.get("csv").to_owned();
    let text = match fields.upload("file") {
        Some(file) if !file.bytes.is_empty() => String::from_utf8_lossy(&file.bytes).into_owned(),
        _ => pasted.clone(),
    };
    let source = fields.text("source");
    let mut upload = UploadForm { source: source.clone(), text: pasted, rows: Vec::new() };
    match state.service.import_exchange_rates(&user.caller, &text, &source).await {
        Ok(_) => Ok(see_other("/admin/exchange-rates?done=uploaded")),
        Err(ExchangeRateError::Rows(rows)) => {
            upload.rows = rows.iter().map(|r| row_message(&ctx, r)).collect();
            show(&state, ctx, &user, StatusCode::UNPROCESSABLE_ENTITY, RateForm::default(), upload, None).await
        }
        Err(ExchangeRateError::Duplicate { .. }) => {
            upload.rows = vec![ctx.t("rates.error.duplicate").to_owned()];
            show(&state, ctx, &user, StatusCode::CONFLICT, RateForm::default(), upload, None).await
        }
        Err(other) => Err(other.into()),
    }
}
