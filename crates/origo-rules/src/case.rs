//! The case: a product, its bill of materials and the processing done, under a scheme, as `origo check` reads
//! it. `CaseInput` is the JSON shape; `Case` is the validated form the engine works on ("parse, don't
//! validate"). Amounts are decimals, read exactly from JSON numbers or decimal strings.

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::countries;
use crate::date::Date;
use crate::hs::{HsCode, HsError, Nomenclature};

/// Invalid input: the JSON path of the field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct InputError {
    pub field: String,
    pub message: String,
}

impl InputError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError { field: field.into(), message: message.into() }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct CaseInput {
    pub scheme: String,
    pub exporting_country: String,
    pub date: String,
    pub product: ProductInput,
    #[serde(default)]
    pub wholly_obtained: Option<bool>,
    #[serde(default)]
    pub materials: Vec<MaterialInput>,
    #[serde(default)]
    pub processes: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProductInput {
    pub hs: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub ex_works_price: Option<Decimal>,
    /// The free-on-board value, for rules whose percentages are of the FOB value (`RVC 55% FOB`).
    #[serde(default)]
    pub fob_value: Option<Decimal>,
    #[serde(default)]
    pub weight_kg: Option<Decimal>,
    #[serde(default)]
    pub variant: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MaterialInput {
    #[serde(default)]
    pub hs: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub value: Option<Decimal>,
    #[serde(default)]
    pub weight_kg: Option<Decimal>,
    #[serde(default)]
    pub origin: Option<String>,
    #[serde(default)]
    pub originating: Option<bool>,
    #[serde(default)]
    pub wholly_obtained: Option<bool>,
}

/// A validated case.
#[derive(Debug, Clone)]
pub struct Case {
    pub scheme: String,
    pub exporting_country: String,
    pub date: Date,
    pub product: Product,
    pub wholly_obtained: Option<bool>,
    pub materials: Vec<Material>,
    pub processes: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct Product {
    pub hs: HsCode,
    pub description: Option<String>,
    pub ex_works_price: Option<Decimal>,
    pub fob_value: Option<Decimal>,
    pub weight_kg: Option<Decimal>,
    pub variant: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Material {
    pub hs: Option<HsCode>,
    pub description: Option<String>,
    pub value: Option<Decimal>,
    pub weight_kg: Option<Decimal>,
    pub origin: Option<String>,
    pub originating: Option<bool>,
    pub wholly_obtained: Option<bool>,
}

/// Checks an amount; the field's path is only built for an error (validation runs for every case of a batch).
fn amount(value: Option<Decimal>, field: impl Fn() -> String, positive: bool) -> Result<Option<Decimal>, InputError> {
    match value {
        Some(v) if v.is_sign_negative() && !v.is_zero() => Err(InputError::new(field(), "must not be negative")),
        Some(v) if positive && v.is_zero() => Err(InputError::new(field(), "must be greater than zero")),
        other => Ok(other),
    }
}

fn country(code: &str, field: impl Fn() -> String) -> Result<String, InputError> {
    if countries::is_iso_alpha2(code) {
        Ok(code.to_string())
    } else {
        Err(InputError::new(field(), format!("'{code}' is not an ISO 3166-1 alpha-2 country code")))
    }
}

fn hs_error(error: HsError, field: &str) -> InputError {
    InputError::new(field, error.to_string())
}

impl Case {
    /// Reads a case from JSON, naming the field of any type error.
    pub fn from_json(text: &str) -> Result<CaseInput, InputError> {
        // The plain parser is the fast path; only a failing case is read again to find the field's path.
        if let Ok(input) = serde_json::from_str(text) {
            return Ok(input);
        }
        let deserializer = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(deserializer).map_err(|error| {
            let path = error.path().to_string();
            let message = error.into_inner().to_string();
            if serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| !v.is_object()) {
                return InputError::new("case", "must be a JSON object");
            }
            // serde reports a missing field at its parent; name the field itself.
            if let Some(name) = message.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
                let field = if path == "." { name.to_string() } else { format!("{path}.{name}") };
                return InputError::new(field, "is required");
            }
            let field = if path == "." { "case".to_string() } else { path };
            InputError::new(field, message)
        })
    }

    /// Checks every field against the nomenclature and the country list. The scheme name is checked by the
    /// engine, which knows the packs.
    pub fn validate(input: CaseInput, nomenclature: &Nomenclature) -> Result<Case, InputError> {
        let exporting_country = country(&input.exporting_country, || "exporting_country".into())?;
        let date = Date::parse(&input.date)
            .ok_or_else(|| InputError::new("date", format!("'{}' is not a date (YYYY-MM-DD)", input.date)))?;
        let hs = nomenclature.parse_existing(&input.product.hs).map_err(|e| hs_error(e, "product.hs"))?;
        if !hs.is_subheading() {
            return Err(InputError::new("product.hs", "give the product's six-digit HS subheading"));
        }
        let product = Product {
            hs,
            description: input.product.description,
            ex_works_price: amount(input.product.ex_works_price, || "product.ex_works_price".into(), true)?,
            fob_value: amount(input.product.fob_value, || "product.fob_value".into(), true)?,
            weight_kg: amount(input.product.weight_kg, || "product.weight_kg".into(), true)?,
            variant: input.product.variant,
        };
        let mut materials = Vec::with_capacity(input.materials.len());
        for (i, m) in input.materials.into_iter().enumerate() {
            let field = |name: &str| format!("materials[{i}].{name}");
            let hs = match &m.hs {
                None => None,
                Some(text) => Some(nomenclature.parse_existing(text).map_err(|e| hs_error(e, &field("hs")))?),
            };
            if hs.is_some_and(|code| code.digit_count() == 2) {
                return Err(InputError::new(field("hs"), "give at least the four-digit heading"));
            }
            let origin = match &m.origin {
                None => None,
                Some(code) => Some(country(code, || field("origin"))?),
            };
            materials.push(Material {
                hs,
                description: m.description,
                value: amount(m.value, || field("value"), false)?,
                weight_kg: amount(m.weight_kg, || field("weight_kg"), false)?,
                origin,
                originating: m.originating,
                wholly_obtained: m.wholly_obtained,
            });
        }
        if let Some(processes) = &input.processes
            && let Some(i) = processes.iter().position(|p| p.trim().is_empty())
        {
            return Err(InputError::new(format!("processes[{i}]"), "must not be empty"));
        }
        Ok(Case {
            scheme: input.scheme,
            exporting_country,
            date,
            product,
            wholly_obtained: input.wholly_obtained,
            materials,
            processes: input.processes,
        })
    }
}
