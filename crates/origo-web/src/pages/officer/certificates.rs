//! Certificates for the certifying body, customs, auditors and foreign authorities: `/officer/certificates` (newest
//! first, by status, searched by number or exporter; a foreign authority sees those bound for its country, as the
//! service decides) and `/officer/certificates/{id}` (the certificate as signed, its status and links to what it
//! replaces or is replaced by; the PDF for the certifying body's roles; for certifiers, revocation with reasons and
//! replacement with reasons and corrections, which shows the new security code).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use origo_documents::signing::SignedDocument;
use origo_service::replacement::{ConsigneeCorrection, Corrections, ReplaceError, ReplacementRequest};
use origo_service::roles::Role;
use origo_service::verification::CertificateError;
use origo_store::certificates::{Certificate, CertificateStatus};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use super::decisions::IssuedPage;
use super::labels::certificate_status_key;
use super::queue::Choice;
use super::{PagePath, form_key, query_string, reference, see_other, when};
use crate::pages::certificate_pdf::PdfLink;
use crate::pages::context::{PageCtx, Signed, SignedIn};
use crate::pages::error::{Failure, PageError, PageResult};
use crate::pages::extract::{DoneQuery, PageForm, PageQuery};
use crate::pages::render;
use crate::pages::verify::kind_key;
use crate::state::AppState;

/// Certificates per page.
pub const PER_PAGE: u32 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub before: String,
}

/// One certificate in the list.
#[derive(Debug)]
pub struct CertificateRow {
    pub href: String,
    pub number: String,
    pub kind: &'static str,
    pub exporter: String,
    pub importing_country: String,
    pub issued: String,
    pub status: &'static str,
}

/// The list.
#[derive(Template)]
#[template(path = "officer/certificates.html")]
pub struct CertificatesPage {
    pub ctx: PageCtx,
    pub statuses: Vec<Choice>,
    pub q: String,
    pub rows: Vec<CertificateRow>,
    pub position: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// `GET /officer/certificates`.
pub async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PageQuery(params): PageQuery<ListParams>,
) -> PageResult<Response> {
    let bad = || PageError::new(Failure::BadRequest);
    let status = match params.status.as_str() {
        "" => None,
        text => Some(text.parse::<CertificateStatus>().map_err(|_| bad())?),
    };
    let before = match params.before.as_str() {
        "" => None,
        text => Some(text.parse::<Uuid>().map_err(|_| bad())?),
    };
    let search: String = params.q.trim().chars().take(100).collect();
    let found = state.service.certificate_list(&user.caller, status, &search, before, PER_PAGE).await?;
    let status_value = status.map_or("", CertificateStatus::as_str);
    let mut statuses = vec![Choice { value: "", label: ctx.t("officer.certificates.any"), selected: status.is_none() }];
    statuses.extend(CertificateStatus::ALL.iter().map(|s| Choice {
        value: s.as_str(),
        label: ctx.t(certificate_status_key(*s)),
        selected: status == Some(*s),
    }));
    let next = found.next.map(|id| {
        let id = id.to_string();
        format!("/officer/certificates{}", query_string(&[("status", status_value), ("q", &search), ("before", &id)]))
    });
    let previous =
        before.map(|_| format!("/officer/certificates{}", query_string(&[("status", status_value), ("q", &search)])));
    let rows = found
        .rows
        .iter()
        .map(|c| CertificateRow {
            href: format!("/officer/certificates/{}", c.id),
            number: c.number.clone(),
            kind: ctx.t(kind_key(c.kind.as_str())),
            exporter: c.exporter_name.clone(),
            importing_country: c.importing_country.clone().unwrap_or_default(),
            issued: ctx.date(c.issued_at.date()),
            status: ctx.t(certificate_status_key(c.status)),
        })
        .collect();
    let page = CertificatesPage { statuses, q: search, rows, position: String::new(), previous, next, ctx };
    Ok(render::ok(&page))
}

/// One goods item of the certificate, as signed (officers see the commercial data too).
#[derive(Debug)]
pub struct ItemRow {
    pub number: String,
    pub hs_code: String,
    pub description: String,
    pub criterion: String,
    pub quantity: String,
    pub gross_weight: String,
    pub invoice: String,
    pub value: String,
}

/// The state of the page's forms when shown again.
#[derive(Debug, Default)]
pub struct CertificateForms {
    pub revoke_reasons: String,
    pub revoke_reasons_error: Option<&'static str>,
    pub replace_reasons: String,
    pub replace_reasons_error: Option<&'static str>,
    pub consignee_name: String,
    pub consignee_name_error: Option<&'static str>,
    pub consignee_address: String,
    pub consignee_address_error: Option<&'static str>,
    pub consignee_country: String,
    pub consignee_country_error: Option<&'static str>,
    pub remarks: String,
}

/// One certificate.
#[derive(Template)]
#[template(path = "officer/certificate.html")]
pub struct CertificatePage {
    pub ctx: PageCtx,
    pub id: String,
    pub number: String,
    /// `valid`, `revoked` or `replaced` (the CSS class of the status box).
    pub status: &'static str,
    pub status_label: &'static str,
    pub status_reason: String,
    pub status_changed: String,
    pub facts: Vec<(&'static str, String)>,
    pub items: Vec<ItemRow>,
    pub replaces: Option<(String, String)>,
    pub replaced_by: Option<(String, String)>,
    /// (href, reference) of the application it was issued from, for the roles that read applications.
    pub application: Option<(String, String)>,
    pub done: Option<&'static str>,
    pub can_change: bool,
    pub replace_key: String,
    pub forms: CertificateForms,
    /// The PDF's link (the certifying body's roles), or why there is none.
    pub pdf: PdfLink,
}

fn text(value: &Value, path: &[&str]) -> String {
    path.iter().try_fold(value, |v, key| v.get(key)).and_then(Value::as_str).unwrap_or("").to_owned()
}

fn decimal(ctx: &PageCtx, value: &Value, path: &[&str]) -> String {
    let raw = text(value, path);
    raw.parse::<rust_decimal::Decimal>().map(|d| ctx.decimal(&d)).unwrap_or(raw)
}

fn item_row(ctx: &PageCtx, index: usize, item: &Value) -> ItemRow {
    let quantity = decimal(ctx, item, &["quantity", "value"]);
    let unit = text(item, &["quantity", "unit"]);
    let gross = decimal(ctx, item, &["gross_weight_kg"]);
    let amount = decimal(ctx, item, &["value", "amount"]);
    ItemRow {
        number: item.get("item_number").and_then(Value::as_u64).unwrap_or(index as u64 + 1).to_string(),
        hs_code: text(item, &["hs_code"]),
        description: text(item, &["description"]),
        criterion: text(item, &["origin_criterion"]),
        quantity: format!("{quantity} {unit}").trim().to_owned(),
        gross_weight: if gross.is_empty() { gross } else { format!("{gross} {}", ctx.t("unit.kg")) },
        invoice: [text(item, &["invoice", "number"]), text(item, &["invoice", "date"])]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        value: format!("{amount} {}", text(item, &["value", "currency"])).trim().to_owned(),
    }
}

async fn number_of(state: &AppState, user: &SignedIn, id: Option<Uuid>) -> PageResult<Option<(String, String)>> {
    let Some(id) = id else { return Ok(None) };
    match state.service.certificate(&user.caller, id).await {
        Ok(found) => Ok(Some((format!("/officer/certificates/{id}"), found.number))),
        Err(CertificateError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

async fn show(
    state: &AppState,
    ctx: PageCtx,
    user: &SignedIn,
    id: Uuid,
    status: StatusCode,
    done: Option<&'static str>,
    forms: CertificateForms,
) -> PageResult<Response> {
    let certificate: Certificate = state.service.certificate(&user.caller, id).await?;
    let document =
        serde_json::from_str::<SignedDocument>(&certificate.document).map(|s| s.document).unwrap_or(Value::Null);
    let party = |key: &str| {
        [text(&document, &[key, "name"]), text(&document, &[key, "address"]), text(&document, &[key, "country"])]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut facts = vec![
        (ctx.t("verify.field.kind"), ctx.t(kind_key(certificate.kind.as_str())).to_owned()),
        (ctx.t("verify.field.issuing_body"), text(&document, &["issuing_body", "name"])),
        (ctx.t("verify.field.exporter"), party("exporter")),
        (ctx.t("officer.tin"), text(&document, &["exporter", "tin"])),
        (ctx.t("officer.consignment.consignee"), party("consignee")),
        (ctx.t("verify.field.country_of_origin"), text(&document, &["country_of_origin"])),
        (ctx.t("verify.field.importing_country"), text(&document, &["importing_country"])),
        (ctx.t("verify.field.issued_on"), when(&ctx, certificate.issued_at)),
        (ctx.t("officer.certificate.place"), text(&document, &["certification", "place"])),
        (ctx.t("officer.consignment.remarks"), text(&document, &["remarks"])),
        (ctx.t("officer.certificate.key"), certificate.key_id.clone()),
    ];
    facts.retain(|(_, value)| !value.is_empty());
    let items = document
        .get("items")
        .and_then(Value::as_array)
        .map(|items| items.iter().enumerate().map(|(i, item)| item_row(&ctx, i, item)).collect())
        .unwrap_or_default();
    let role = user.caller.role();
    let reads_applications = matches!(role, Role::Certifier | Role::Supervisor | Role::Customs | Role::Auditor);
    let application = certificate
        .application_id
        .filter(|_| reads_applications)
        .map(|app| (format!("/officer/applications/{app}"), reference(app)));
    let offer = state.service.certificate_pdf_offer(&user.caller, &certificate).await?;
    let page = CertificatePage {
        pdf: PdfLink::new(offer, &format!("/officer/certificates/{id}")),
        id: certificate.id.to_string(),
        number: certificate.number.clone(),
        status: certificate.status.as_str(),
        status_label: ctx.t(certificate_status_key(certificate.status)),
        status_reason: certificate.status_reason.clone().unwrap_or_default(),
        status_changed: certificate.status_changed_at.map(|at| when(&ctx, at)).unwrap_or_default(),
        facts,
        items,
        replaces: number_of(state, user, certificate.replaces_id).await?,
        replaced_by: number_of(state, user, certificate.replaced_by_id).await?,
        application,
        done,
        can_change: role == Role::Certifier && certificate.status == CertificateStatus::Valid,
        replace_key: form_key(),
        forms,
        ctx,
    };
    Ok(render::html(status, &page))
}

/// `GET /officer/certificates/{id}`.
pub async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageQuery(query): PageQuery<DoneQuery>,
) -> PageResult<Response> {
    let done = (query.done == "revoked").then_some("officer.certificate.done.revoked");
    show(&state, ctx, &user, id, StatusCode::OK, done, CertificateForms::default()).await
}

#[derive(Debug, Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    pub reasons: String,
}

/// `POST /officer/certificates/{id}/revocation`.
pub async fn revoke(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<RevokeForm>,
) -> PageResult<Response> {
    let mut forms = CertificateForms { revoke_reasons: form.reasons.clone(), ..CertificateForms::default() };
    if form.reasons.trim().is_empty() {
        forms.revoke_reasons_error = Some(ctx.t("officer.decision.reasons.missing"));
        return show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, None, forms).await;
    }
    match state.service.revoke_certificate(&user.caller, id, form.reasons.trim()).await {
        Ok(_) => Ok(see_other(&format!("/officer/certificates/{id}?done=revoked"))),
        Err(CertificateError::ReasonsRequired) => {
            forms.revoke_reasons_error = Some(ctx.t("officer.decision.reasons.missing"));
            show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, None, forms).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct ReplaceForm {
    #[serde(default)]
    pub reasons: String,
    #[serde(default)]
    pub consignee_name: String,
    #[serde(default)]
    pub consignee_address: String,
    #[serde(default)]
    pub consignee_country: String,
    #[serde(default)]
    pub remarks: String,
    #[serde(default)]
    pub idempotency_key: String,
}

fn given(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// `POST /officer/certificates/{id}/replacement`: a new certificate with the corrections; the old one becomes
/// replaced. Fields left empty keep what the certificate says.
pub async fn replace(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(user): Signed,
    PagePath(id): PagePath<Uuid>,
    PageForm(form): PageForm<ReplaceForm>,
) -> PageResult<Response> {
    let mut forms = CertificateForms {
        replace_reasons: form.reasons.clone(),
        consignee_name: form.consignee_name.clone(),
        consignee_address: form.consignee_address.clone(),
        consignee_country: form.consignee_country.clone(),
        remarks: form.remarks.clone(),
        ..CertificateForms::default()
    };
    if form.reasons.trim().is_empty() {
        forms.replace_reasons_error = Some(ctx.t("officer.decision.reasons.missing"));
        return show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, None, forms).await;
    }
    let consignee = ConsigneeCorrection {
        name: given(&form.consignee_name),
        address: given(&form.consignee_address),
        country: given(&form.consignee_country).map(|c| c.to_ascii_uppercase()),
    };
    let corrected = consignee.name.is_some() || consignee.address.is_some() || consignee.country.is_some();
    let request = ReplacementRequest {
        reasons: form.reasons.trim().to_owned(),
        corrections: Corrections { consignee: corrected.then_some(consignee), remarks: given(&form.remarks) },
    };
    let key = form.idempotency_key.trim();
    let key = (!key.is_empty() && key.len() <= 200).then_some(key);
    match state.service.replace_certificate(&user.caller, id, &request, key).await {
        Ok(replacement) => {
            let back = ctx.t_with("officer.issued.back_certificate", &[("number", &replacement.replaced_number)]);
            let mut page = IssuedPage::new(ctx, &replacement.issued, format!("/officer/certificates/{id}"), back);
            page.replaces = Some(replacement.replaced_number.clone());
            Ok(render::html(StatusCode::CREATED, &page))
        }
        Err(ReplaceError::ReasonsRequired) => {
            forms.replace_reasons_error = Some(ctx.t("officer.decision.reasons.missing"));
            show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, None, forms).await
        }
        Err(ReplaceError::Invalid { field, .. }) => {
            let message = match field.as_str() {
                "consignee.country" => ctx.t("officer.form.country.invalid"),
                _ => ctx.t("officer.form.required"),
            };
            match field.as_str() {
                "consignee.name" => forms.consignee_name_error = Some(message),
                "consignee.address" => forms.consignee_address_error = Some(message),
                _ => forms.consignee_country_error = Some(message),
            }
            show(&state, ctx, &user, id, StatusCode::UNPROCESSABLE_ENTITY, None, forms).await
        }
        Err(other) => Err(other.into()),
    }
}
