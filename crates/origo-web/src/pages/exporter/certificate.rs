//! `/exporter/certificates/{id}`: an issued certificate as its exporter sees it, with its downloads: the signed
//! JSON exactly as signed (`signed.json`, which anyone verifies against the published key set), and the copy for
//! a buyer (`buyer-copy`), signed again in selectively disclosable form with the fields the exporter ticked
//! (prices, invoices ...) hidden, which still verifies; and the certificate as its PDF (`certificate.pdf`, served
//! by `crate::pages::certificate_pdf`).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use origo_documents::signing::SignedDocument;
use serde_json::Value;

use super::dashboard::certificate_status;
use super::fields::Fields;
use super::wizard::page_id;
use crate::pages::certificate_pdf::PdfLink;
use crate::pages::context::{PageCtx, Signed};
use crate::pages::error::{PageError, PageResult};
use crate::pages::render;
use crate::pages::verify::kind_key;
use crate::state::AppState;

/// The fields a buyer's copy may hide: (form value, path pattern in the certificate).
pub const HIDEABLE: [(&str, &str); 6] = [
    ("prices", "items/*/value"),
    ("invoices", "items/*/invoice"),
    ("suppliers", "items/*/supplier"),
    ("consignee", "consignee"),
    ("exporter_tin", "exporter/tin"),
    ("remarks", "remarks"),
];

/// A hideable field as the form offers it.
#[derive(Debug, Clone)]
pub struct HideChoice {
    pub value: &'static str,
    pub label: &'static str,
    /// Ticked unless the exporter chooses otherwise: commercial data a buyer's buyer need not see.
    pub checked: bool,
}

fn hide_label(ctx: &PageCtx, value: &str) -> &'static str {
    match value {
        "prices" => ctx.t("exporter.certificate.hide.prices"),
        "invoices" => ctx.t("exporter.certificate.hide.invoices"),
        "suppliers" => ctx.t("exporter.certificate.hide.suppliers"),
        "consignee" => ctx.t("exporter.certificate.hide.consignee"),
        "exporter_tin" => ctx.t("exporter.certificate.hide.exporter_tin"),
        _ => ctx.t("exporter.certificate.hide.remarks"),
    }
}

/// An item of the certificate.
#[derive(Debug, Clone)]
pub struct CertificateItem {
    pub number: String,
    pub hs: String,
    pub description: String,
    pub criterion: String,
    pub quantity: String,
}

/// The certificate page.
#[derive(Template)]
#[template(path = "exporter/certificate.html")]
pub struct CertificatePage {
    pub ctx: PageCtx,
    pub id: String,
    pub number: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub status_label: &'static str,
    pub status_reason: Option<String>,
    pub issued: String,
    pub importing_country: String,
    pub items: Vec<CertificateItem>,
    pub hide: Vec<HideChoice>,
    pub verify_href: String,
    /// The PDF's link, or why there is none.
    pub pdf: PdfLink,
}

fn text(value: &Value, path: &[&str]) -> String {
    path.iter().try_fold(value, |v, k| v.get(k)).and_then(Value::as_str).unwrap_or_default().to_owned()
}

/// `GET /exporter/certificates/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    Path(path): Path<String>,
) -> PageResult<Response> {
    let id = page_id(&path)?;
    let certificate = state.service.certificate(&user.caller, id).await?;
    let signed = SignedDocument::from_json(certificate.document.as_bytes()).map_err(PageError::internal)?;
    let document = &signed.document;
    let items = document
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|item| {
            let quantity = match (item.pointer("/quantity/value"), item.pointer("/quantity/unit")) {
                (Some(v), Some(u)) => format!(
                    "{} {}",
                    v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()),
                    u.as_str().unwrap_or_default()
                ),
                _ => String::new(),
            };
            CertificateItem {
                number: item.get("item_number").map(|n| n.to_string()).unwrap_or_default(),
                hs: text(item, &["hs_code"]),
                description: text(item, &["description"]),
                criterion: text(item, &["origin_criterion"]),
                quantity,
            }
        })
        .collect();
    let (status, status_label) = certificate_status(&ctx, certificate.status);
    let offer = state.service.certificate_pdf_offer(&user.caller, &certificate).await?;
    let page = CertificatePage {
        pdf: PdfLink::new(offer, &format!("/exporter/certificates/{id}")),
        id: id.to_string(),
        number: certificate.number.clone(),
        kind: ctx.t(kind_key(certificate.kind.as_str())),
        status,
        status_label,
        status_reason: certificate.status_reason.clone(),
        issued: ctx.date(certificate.issued_at.date()),
        importing_country: text(document, &["importing_country"]),
        items,
        hide: HIDEABLE
            .iter()
            .map(|(value, _)| HideChoice {
                value,
                label: hide_label(&ctx, value),
                checked: matches!(*value, "prices" | "invoices" | "suppliers"),
            })
            .collect(),
        verify_href: format!("/verify?number={}", certificate.number),
        ctx,
    };
    Ok(render::ok(&page))
}

/// A JSON file to download, named `name`.
fn download(name: &str, body: String) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// A certificate number made safe for a file name (it already is: `UZ-2026-000001`).
fn file_stem(number: &str) -> String {
    number.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect()
}

/// `GET /exporter/certificates/{id}/signed.json`: the signed document, byte for byte as stored.
pub async fn signed_json(
    State(state): State<AppState>,
    Signed(user): Signed,
    Path(path): Path<String>,
) -> PageResult<Response> {
    let id = page_id(&path)?;
    let certificate = state.service.certificate(&user.caller, id).await?;
    Ok(download(&format!("{}.json", file_stem(&certificate.number)), certificate.document))
}

/// `POST /exporter/certificates/{id}/buyer-copy`: the selectively disclosable copy with the ticked fields hidden.
pub async fn buyer_copy(
    State(state): State<AppState>,
    Signed(user): Signed,
    Path(path): Path<String>,
    fields: Fields,
) -> PageResult<Response> {
    let id = page_id(&path)?;
    let ticked = fields.all("hide");
    let patterns: Vec<String> =
        HIDEABLE.iter().filter(|(value, _)| ticked.contains(value)).map(|(_, pattern)| (*pattern).to_owned()).collect();
    let certificate = state.service.certificate(&user.caller, id).await?;
    let copy = state.service.buyer_copy(&user.caller, id, &patterns).await?;
    let body = serde_json::to_string_pretty(&copy).map_err(PageError::internal)?;
    Ok(download(&format!("{}-buyer-copy.json", file_stem(&certificate.number)), body))
}
