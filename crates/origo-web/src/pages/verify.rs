//! `/verify`: the public check of a certificate by number and security code, the page a certificate's QR code
//! opens (`/verify?number=N&code=C`). The answer comes from the same service call as the public API
//! (`Service::verify_public`), under the same per-IP rate limit; a wrong code and an unknown number give the same
//! "not found" answer. Prices, invoices and suppliers are not in the public view and are never shown.

use std::time::Instant;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_service::verification::{CertificateError, PublicCertificate};
use origo_store::certificates::CertificateStatus;
use serde::Deserialize;
use serde_json::Value;

use super::context::PageCtx;
use super::error::{PageError, PageResult};
use super::extract::PageQuery;
use super::render;
use crate::routes::certificates::ClientIp;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct VerifyQuery {
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub code: String,
}

/// The verify page: the form, and the answer when one was asked for.
#[derive(Template)]
#[template(path = "verify.html")]
pub struct VerifyPage {
    pub ctx: PageCtx,
    pub number: String,
    pub code: String,
    pub number_error: Option<&'static str>,
    pub code_error: Option<&'static str>,
    /// Asked, and no certificate has this number and code.
    pub not_found: bool,
    pub found: Option<CertificateView>,
}

/// A certificate as the public sees it.
#[derive(Debug)]
pub struct CertificateView {
    pub number: String,
    pub kind: &'static str,
    /// `valid`, `revoked` or `replaced` (the CSS class of the answer).
    pub status: &'static str,
    /// "Valid", "Revoked on 2 May 2026" ...
    pub status_heading: String,
    /// What the status means.
    pub status_text: &'static str,
    /// Why it was revoked or replaced.
    pub reason: Option<String>,
    pub replaced_by: Option<String>,
    /// The verify page of the replacement (its number filled in; its code is on the new certificate).
    pub replaced_by_href: Option<String>,
    pub replaces: Option<String>,
    pub issuing_body: Option<String>,
    pub exporter: Option<String>,
    pub country_of_origin: Option<String>,
    pub importing_country: Option<String>,
    pub issued_on: String,
    pub certified_on: Option<String>,
    pub items: Vec<ItemView>,
}

/// One item of a certificate: no value, invoice or supplier.
#[derive(Debug)]
pub struct ItemView {
    pub number: String,
    pub hs_code: String,
    pub description: String,
    pub criterion: Option<String>,
    pub quantity: Option<String>,
    pub gross_weight: Option<String>,
}

/// `GET /verify`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    PageQuery(query): PageQuery<VerifyQuery>,
) -> PageResult<Response> {
    let (number, code) = (query.number.trim().to_owned(), query.code.trim().to_owned());
    let asked = !number.is_empty() || !code.is_empty();
    let mut page =
        VerifyPage { ctx, number, code, number_error: None, code_error: None, not_found: false, found: None };
    if !asked {
        return Ok(render::ok(&page));
    }
    if page.number.is_empty() || page.code.is_empty() {
        page.number_error = page.number.is_empty().then(|| page.ctx.t("verify.number.missing"));
        page.code_error = page.code.is_empty().then(|| page.ctx.t("verify.code.missing"));
        return Ok(render::html(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    if let Err(wait) = state.limiter.take(ip, Instant::now()) {
        return Err(PageError::rate_limited(wait.as_secs_f64().ceil() as u64));
    }
    match state.service.verify_public(&page.number, &page.code).await {
        Ok(found) => {
            page.found = Some(view(&page.ctx, found));
            Ok(render::ok(&page))
        }
        Err(CertificateError::NotFound) => {
            page.not_found = true;
            Ok(render::html(StatusCode::NOT_FOUND, &page))
        }
        Err(other) => Err(other.into()),
    }
}

fn text_at(value: &Value, path: &[&str]) -> Option<String> {
    path.iter().try_fold(value, |v, key| v.get(key)).and_then(Value::as_str).map(str::to_owned)
}

/// A `YYYY-MM-DD` of the document in the page's language (as written when it is not a date).
fn doc_date(ctx: &PageCtx, text: Option<String>) -> Option<String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    text.map(|t| time::Date::parse(&t, &format).map(|d| ctx.date(d)).unwrap_or(t))
}

/// A decimal string of the document in the page's language.
fn doc_decimal(ctx: &PageCtx, text: Option<String>) -> Option<String> {
    text.map(|t| t.parse::<rust_decimal::Decimal>().map(|d| ctx.decimal(&d)).unwrap_or(t))
}

/// The document kinds of FORMATS.md section 2.
pub const KINDS: [&str; 5] = ["non_preferential", "ct1", "ct_uz", "statement_on_origin", "origin_declaration"];

/// The catalogue key of a document kind's name.
pub fn kind_key(kind: &str) -> &'static str {
    match kind {
        "non_preferential" => "kind.non_preferential",
        "ct1" => "kind.ct1",
        "ct_uz" => "kind.ct_uz",
        "statement_on_origin" => "kind.statement_on_origin",
        "origin_declaration" => "kind.origin_declaration",
        _ => "kind.other",
    }
}

fn view(ctx: &PageCtx, found: PublicCertificate) -> CertificateView {
    let doc = &found.certificate;
    let items = doc
        .get("items")
        .and_then(Value::as_array)
        .map(|items| items.iter().enumerate().map(|(index, item)| item_view(ctx, index, item)).collect())
        .unwrap_or_default();
    let exporter = text_at(doc, &["exporter", "name"]).map(|name| match text_at(doc, &["exporter", "country"]) {
        Some(country) => format!("{name} ({country})"),
        None => name,
    });
    let replaced_by_href = found.replaced_by.as_ref().map(|number| {
        let query: String = form_urlencoded::Serializer::new(String::new()).append_pair("number", number).finish();
        format!("/verify?{query}")
    });
    let on = found.status_changed_at.map(|at| ctx.date(at.date())).unwrap_or_default();
    let (status, status_heading, status_text) = match found.status {
        CertificateStatus::Valid => {
            ("valid", ctx.t("verify.status.valid").to_owned(), ctx.t("verify.status.valid.text"))
        }
        CertificateStatus::Revoked => {
            ("revoked", ctx.t_with("verify.status.revoked", &[("date", &on)]), ctx.t("verify.status.revoked.text"))
        }
        CertificateStatus::Replaced => {
            ("replaced", ctx.t_with("verify.status.replaced", &[("date", &on)]), ctx.t("verify.status.replaced.text"))
        }
    };
    CertificateView {
        kind: ctx.t(kind_key(doc.get("kind").and_then(Value::as_str).unwrap_or(""))),
        status,
        status_heading,
        status_text,
        reason: found.status_reason.filter(|r| !r.trim().is_empty()),
        replaced_by: found.replaced_by,
        replaced_by_href,
        replaces: found.replaces,
        issuing_body: text_at(doc, &["issuing_body", "name"]),
        exporter,
        country_of_origin: text_at(doc, &["country_of_origin"]),
        importing_country: text_at(doc, &["importing_country"]),
        issued_on: ctx.date(found.issued_at.date()),
        certified_on: doc_date(ctx, text_at(doc, &["certification", "date"])),
        items,
        number: found.number,
    }
}

fn item_view(ctx: &PageCtx, index: usize, item: &Value) -> ItemView {
    let number = item.get("item_number").and_then(Value::as_u64).unwrap_or(index as u64 + 1);
    let quantity = doc_decimal(ctx, text_at(item, &["quantity", "value"]))
        .map(|value| format!("{value} {}", text_at(item, &["quantity", "unit"]).unwrap_or_default()).trim().to_owned());
    let kg = ctx.t("unit.kg");
    ItemView {
        number: number.to_string(),
        hs_code: text_at(item, &["hs_code"]).unwrap_or_default(),
        description: text_at(item, &["description"]).unwrap_or_default(),
        criterion: text_at(item, &["origin_criterion"]),
        quantity,
        gross_weight: doc_decimal(ctx, text_at(item, &["gross_weight_kg"])).map(|w| format!("{w} {kg}")),
    }
}
