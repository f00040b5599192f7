//! `/exporter/assess`: the self-assessment. The exporter describes a product (scheme, countries, HS code, price,
//! processes) and its bill of materials (typed in rows or uploaded as CSV) and sees the engine's determination
//! explained rule by rule, before applying for anything. The form keeps its values, so a what-if is one edit and
//! one press of "Assess" (with htmx the result is swapped in place; without it the page comes back whole).
//! Nothing is stored.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use origo_rules::case::{CaseInput, MaterialInput, ProductInput};

use super::bom::Bill;
use super::explain::{Explanation, explain};
use super::fields::Fields;
use super::input::{self, Message};
use crate::pages::context::{PageCtx, Signed};
use crate::pages::error::{PageError, PageResult};
use crate::pages::render;
use crate::state::AppState;

/// The schemes of the bundled packs, in the order offered.
pub const SCHEMES: [&str; 4] = ["eu-gsp", "uk-dcts", "cis-fta", "non-preferential"];

/// A scheme's name in the page's language.
pub fn scheme_label(ctx: &PageCtx, scheme: &str) -> &'static str {
    match scheme {
        "eu-gsp" => ctx.t("exporter.scheme.eu_gsp"),
        "uk-dcts" => ctx.t("exporter.scheme.uk_dcts"),
        "cis-fta" => ctx.t("exporter.scheme.cis_fta"),
        _ => ctx.t("exporter.scheme.non_preferential"),
    }
}

/// An option of a select.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The product part of the form, as typed.
#[derive(Debug, Clone, Default)]
pub struct ProductForm {
    pub scheme: String,
    pub exporting_country: String,
    pub importing_country: String,
    pub hs: String,
    pub description: String,
    pub ex_works_price: String,
    pub fob_value: String,
    pub weight: String,
    pub wholly_obtained: String,
    pub processes: String,
    pub variant: String,
}

/// The messages of the product fields.
#[derive(Debug, Clone, Default)]
pub struct ProductErrors {
    pub scheme: Option<Message>,
    pub exporting_country: Option<Message>,
    pub importing_country: Option<Message>,
    pub hs: Option<Message>,
    pub ex_works_price: Option<Message>,
    pub fob_value: Option<Message>,
    pub weight: Option<Message>,
    pub wholly_obtained: Option<Message>,
    pub processes: Option<Message>,
    pub variant: Option<Message>,
    /// A problem the engine found that no single field above explains.
    pub other: Option<Message>,
}

impl ProductErrors {
    fn any(&self) -> bool {
        [
            &self.scheme,
            &self.exporting_country,
            &self.importing_country,
            &self.hs,
            &self.ex_works_price,
            &self.fob_value,
            &self.weight,
            &self.wholly_obtained,
            &self.processes,
            &self.variant,
            &self.other,
        ]
        .iter()
        .any(|e| e.is_some())
    }
}

/// The self-assessment page.
#[derive(Template)]
#[template(path = "exporter/assess.html")]
pub struct AssessPage {
    pub ctx: PageCtx,
    pub form: ProductForm,
    pub errors: ProductErrors,
    pub bill: Bill,
    pub schemes: Vec<Choice>,
    /// The variants to choose from, once a determination has named them.
    pub variants: Vec<Choice>,
    pub working: Vec<String>,
    pub insufficient: Vec<String>,
    pub explanation: Option<Explanation>,
    /// The scheme's name and the date the assessment was made for.
    pub assessed_under: Option<String>,
}

impl AssessPage {
    fn new(ctx: PageCtx, form: ProductForm, bill: Bill) -> AssessPage {
        let schemes = SCHEMES
            .iter()
            .map(|s| Choice {
                value: (*s).to_owned(),
                label: scheme_label(&ctx, s).to_owned(),
                selected: form.scheme == *s,
            })
            .collect();
        let (working, insufficient) = input::vocabulary();
        AssessPage {
            ctx,
            form,
            errors: ProductErrors::default(),
            bill,
            schemes,
            variants: Vec::new(),
            working,
            insufficient,
            explanation: None,
            assessed_under: None,
        }
    }

    fn set_variants(&mut self, variants: &[String]) {
        let mut choices = vec![Choice {
            value: String::new(),
            label: self.ctx.t("exporter.assess.variant.any").to_owned(),
            selected: self.form.variant.is_empty(),
        }];
        choices.extend(variants.iter().map(|v| Choice {
            value: v.clone(),
            label: v.replace('_', " "),
            selected: &self.form.variant == v,
        }));
        self.variants = choices;
    }
}

/// `GET /exporter/assess`: an empty form with three material rows.
pub async fn form(ctx: PageCtx, Signed(_user): Signed) -> Response {
    let form = ProductForm { scheme: "eu-gsp".into(), exporting_country: "UZ".into(), ..ProductForm::default() };
    render::ok(&AssessPage::new(ctx, form, Bill::empty("", 3)))
}

fn read(fields: &Fields) -> ProductForm {
    ProductForm {
        scheme: fields.text("scheme"),
        exporting_country: fields.text("exporting_country").to_ascii_uppercase(),
        importing_country: fields.text("importing_country").to_ascii_uppercase(),
        hs: fields.text("hs"),
        description: fields.text("description"),
        ex_works_price: fields.text("ex_works_price"),
        fob_value: fields.text("fob_value"),
        weight: fields.text("weight"),
        wholly_obtained: fields.text("wholly_obtained"),
        processes: fields.text("processes"),
        variant: fields.text("variant"),
    }
}

/// The case the form describes, or the messages of its bad fields.
fn case(page: &mut AssessPage, today: &str) -> Option<CaseInput> {
    let ctx = &page.ctx;
    let form = &page.form;
    let mut errors = ProductErrors::default();
    if !SCHEMES.contains(&form.scheme.as_str()) {
        errors.scheme = Some(ctx.t("exporter.error.scheme").to_owned());
    }
    let exporting =
        input::required_country(ctx, &form.exporting_country).map_err(|e| errors.exporting_country = Some(e));
    let _ = input::country(ctx, &form.importing_country).map_err(|e| errors.importing_country = Some(e));
    let hs = input::product_hs(ctx, &form.hs).map_err(|e| errors.hs = Some(e));
    let price = input::optional_positive(ctx, &form.ex_works_price).map_err(|e| errors.ex_works_price = Some(e));
    let fob = input::optional_positive(ctx, &form.fob_value).map_err(|e| errors.fob_value = Some(e));
    let weight = input::optional_positive(ctx, &form.weight).map_err(|e| errors.weight = Some(e));
    let wholly = input::yes_no(ctx, &form.wholly_obtained).map_err(|e| errors.wholly_obtained = Some(e));
    let processes = input::processes(ctx, &form.processes).map_err(|e| errors.processes = Some(e));
    let materials = page.bill.check(ctx);
    page.errors = errors;
    let (Ok(exporting), Ok(hs), Ok(price), Ok(fob), Ok(weight), Ok(wholly), Ok(processes), Some(materials)) =
        (exporting, hs, price, fob, weight, wholly, processes, materials)
    else {
        return None;
    };
    if page.errors.any() {
        return None;
    }
    Some(CaseInput {
        scheme: page.form.scheme.clone(),
        exporting_country: exporting,
        date: today.to_owned(),
        product: ProductInput {
            hs,
            description: Some(page.form.description.clone()).filter(|d| !d.is_empty()),
            ex_works_price: price,
            fob_value: fob,
            weight_kg: weight,
            variant: Some(page.form.variant.clone()).filter(|v| !v.is_empty()),
        },
        wholly_obtained: wholly,
        materials: materials
            .into_iter()
            .map(|m| MaterialInput {
                hs: m.hs,
                description: m.description,
                value: m.value,
                weight_kg: m.weight,
                origin: m.country,
                originating: m.originating,
                wholly_obtained: None,
            })
            .collect(),
        processes,
    })
}

/// An htmx request is answered 200 even with errors, so that htmx swaps the messages in.
fn status(headers: &HeaderMap, failed: bool) -> StatusCode {
    if failed && !headers.contains_key("hx-request") { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK }
}

/// `POST /exporter/assess`: adds a row, loads a CSV file, or assesses.
pub async fn submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    Signed(_user): Signed,
    headers: HeaderMap,
    fields: Fields,
) -> PageResult<Response> {
    let bill = Bill::read(&ctx, &fields, "");
    let mut page = AssessPage::new(ctx, read(&fields), bill);
    let action = fields.get("action");
    if action.starts_with("add_row") {
        page.bill.add_row();
        return Ok(render::ok(&page));
    }
    let today = state.service.clock().today().to_string();
    let Some(input) = case(&mut page, &today) else {
        return Ok(render::html(status(&headers, true), &page));
    };
    let engine = state.service.engine();
    let case = match engine.validate(input) {
        Ok(case) => case,
        Err(error) => {
            let message = page.ctx.t_with("exporter.error.engine", &[("detail", &error.to_string())]);
            match error.field.as_str() {
                "product.variant" => page.errors.variant = Some(message),
                "product.hs" => page.errors.hs = Some(message),
                _ => page.errors.other = Some(message),
            }
            return Ok(render::html(status(&headers, true), &page));
        }
    };
    let determination = engine.determine(&case);
    let json = serde_json::to_value(&determination).map_err(PageError::internal)?;
    let explanation = explain(&page.ctx, &json);
    let variants = if explanation.variants.is_empty() && !page.form.variant.is_empty() {
        vec![page.form.variant.clone()]
    } else {
        explanation.variants.clone()
    };
    if !variants.is_empty() {
        page.set_variants(&variants);
    }
    let scheme = scheme_label(&page.ctx, &page.form.scheme);
    let day = page.ctx.date(state.service.clock().today());
    page.assessed_under = Some(page.ctx.t_with("exporter.assess.under", &[("scheme", scheme), ("date", &day)]));
    page.explanation = Some(explanation);
    Ok(render::ok(&page))
}
