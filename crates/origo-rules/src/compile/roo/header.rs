//! Scheme metadata of a uk-roo pack, from `roo_schemes_uk.json`: title and legal instrument, validity, the
//! countries that may export under the scheme, cumulation kinds with their partner lists, and the proofs of
//! origin.
//!
//! - Exporters: the scheme's `countries`; for a reciprocal agreement (every scheme not marked `unilateral`) the
//!   United Kingdom (`GB`) as well, since the same product-specific rules apply to UK exports. They form one
//!   branch, `partners` (`beneficiaries` for a unilateral scheme), so that a country in no list is no beneficiary.
//! - Country codes: `EU` stands for the 27 member states; the tariff's `XS` is Serbia (ISO `RS`); group names
//!   such as `andean` sit beside their members and are dropped, and so are the few codes that are no ISO code
//!   (`AN`, `UR`, `ZF`, `ZU`), which no case can name. Each of these readings is reported; any other unknown code
//!   is bad input.
//! - Tolerance: the general tolerances differ by agreement (10% or 15%, by value or weight, with textile notes)
//!   and are not in the scheme data, so the header carries none unless the reviewed overrides give one: without
//!   it the engine lets no forbidden material pass, which can only err towards `not_originating`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::super::error::CompileError;
use super::super::metadata::EU_MEMBER_STATES;
use super::super::output::{Branch, Cumulation};
use crate::countries::is_iso_alpha2;
use crate::pack::ProofFile;
use crate::rule::Basis;

#[derive(Debug, Deserialize)]
struct Schemes {
    schemes: Vec<Scheme>,
}

#[derive(Debug, Deserialize)]
struct Scheme {
    scheme_code: String,
    title: String,
    validity_start_date: Option<String>,
    validity_end_date: Option<String>,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    cumulation_methods: BTreeMap<String, Method>,
    #[serde(default)]
    proofs: Vec<Proof>,
    ord: Option<Ord>,
    #[serde(default)]
    unilateral: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct Method {
    #[serde(default)]
    countries: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Proof {
    summary: String,
    proof_class: String,
}

#[derive(Debug, Deserialize)]
struct Ord {
    ord_title: String,
    #[serde(default)]
    ord_version: String,
}

/// The metadata of one uk-roo pack.
#[derive(Debug, Clone)]
pub struct RooHeader {
    pub scheme: String,
    pub title: String,
    pub legal_basis: String,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub branches: BTreeMap<String, Branch>,
    pub cumulation: Vec<Cumulation>,
    pub proofs: Vec<ProofFile>,
    /// The price of value rules that name none (see `VALUE_OF_THE_GOOD`).
    pub value_basis: Basis,
    /// Readings of the country lists, for the report.
    pub notes: Vec<String>,
}

/// Scheme codes in the schemes file, in its order.
pub fn scheme_codes(schemes_json: &str) -> Result<Vec<String>, CompileError> {
    Ok(parse(schemes_json)?.schemes.into_iter().map(|s| s.scheme_code).collect())
}

fn parse(json: &str) -> Result<Schemes, CompileError> {
    serde_json::from_str(json)
        .map_err(|e| CompileError::input("roo_schemes_uk.json", format!("not a uk-roo schemes file: {e}")))
}

/// Agreements whose regional value content is a share of "the value of the good" rather than of the ex-works
/// price: CPTPP defines it as the transaction value without the costs of international shipment, that is the FOB
/// value; the New Zealand agreement's RVC is read the same way (to be checked against its Article 4). Value rules
/// of these lists that name no price are taken of the FOB value.
const VALUE_OF_THE_GOOD: [&str; 2] = ["cptpp", "new-zealand"];

/// Codes of the schemes file that are no ISO 3166-1 alpha-2 code: the former Netherlands Antilles (`AN`, whose
/// successors BQ, CW and SX are listed beside it) and tariff area codes (`UR`, `ZF`, `ZU`).
const TARIFF_CODES: [&str; 4] = ["AN", "UR", "ZF", "ZU"];

/// Expands and checks a country list; `field` names it in errors and notes.
fn countries(list: &[String], field: &str, notes: &mut Vec<String>) -> Result<Vec<String>, CompileError> {
    let mut out: Vec<String> = Vec::new();
    for code in list {
        match code.as_str() {
            "EU" => out.extend(EU_MEMBER_STATES.iter().map(|c| c.to_string())),
            "XS" => {
                notes.push(format!("{field}: XS (the tariff's code for Serbia) read as RS"));
                out.push("RS".into());
            }
            pseudo if TARIFF_CODES.contains(&pseudo) => {
                notes.push(format!("{field}: '{pseudo}' is no ISO 3166-1 code, so no case can name it; dropped"));
            }
            group if group.chars().any(|c| c.is_ascii_lowercase()) => {
                notes.push(format!("{field}: group name '{group}' dropped (its members are listed)"));
            }
            iso if is_iso_alpha2(iso) => out.push(iso.to_string()),
            other => {
                return Err(CompileError::input(field, format!("'{other}' is not an ISO 3166-1 alpha-2 country code")));
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The header of scheme `code`.
pub fn header(schemes_json: &str, code: &str) -> Result<RooHeader, CompileError> {
    let schemes = parse(schemes_json)?;
    let scheme = schemes
        .schemes
        .iter()
        .find(|s| s.scheme_code == code)
        .ok_or_else(|| CompileError::input("roo_schemes_uk.json", format!("no scheme '{code}'")))?;
    let mut notes = Vec::new();
    let field = |name: &str| format!("roo_schemes_uk.json {code}.{name}");
    let unilateral = scheme.unilateral == Some(true);
    let mut exporters = countries(&scheme.countries, &field("countries"), &mut notes)?;
    if exporters.is_empty() {
        return Err(CompileError::input(field("countries"), "the scheme lists no country"));
    }
    if !unilateral && !exporters.iter().any(|c| c == "GB") {
        exporters.push("GB".into());
        exporters.sort();
    }
    let (key, label) = if unilateral {
        ("beneficiaries", format!("Beneficiary countries of {}", scheme.title))
    } else {
        ("partners", format!("Parties to {} (GB and partners)", scheme.title))
    };
    let mut branches = BTreeMap::new();
    branches.insert(key.to_string(), Branch { label, countries: exporters });
    let mut cumulation = Vec::new();
    for (kind, method) in &scheme.cumulation_methods {
        let list = countries(&method.countries, &field(&format!("cumulation_methods.{kind}")), &mut notes)?;
        cumulation.push(Cumulation {
            kind: kind.clone(),
            label: format!("{}{} cumulation", kind[..1].to_uppercase(), &kind[1..]),
            reference: format!("{}, cumulation", scheme.title),
            branches: Vec::new(),
            countries: list,
        });
    }
    let legal_basis = match &scheme.ord {
        Some(ord) if !ord.ord_title.trim().is_empty() && !ord.ord_version.trim().is_empty() => {
            format!("{} (version {})", ord.ord_title.trim(), ord.ord_version.trim())
        }
        Some(ord) if !ord.ord_title.trim().is_empty() => ord.ord_title.trim().to_string(),
        _ => scheme.title.clone(),
    };
    let proofs = scheme
        .proofs
        .iter()
        .map(|p| ProofFile { kind: p.proof_class.clone(), label: first_sentence(&p.summary) })
        .collect();
    Ok(RooHeader {
        scheme: format!("uk-{code}"),
        title: scheme.title.clone(),
        legal_basis,
        valid_from: scheme.validity_start_date.clone(),
        valid_to: scheme.validity_end_date.clone(),
        branches,
        cumulation,
        proofs,
        value_basis: if VALUE_OF_THE_GOOD.contains(&code) { Basis::Fob } else { Basis::ExWorks },
        notes,
    })
}

/// The name of a proof without the instructions some summaries carry ("Certificate of origin - Article 15 ...").
fn first_sentence(summary: &str) -> String {
    let name = summary.split(" - ").next().unwrap_or(summary);
    let name = name.split(" under article").next().unwrap_or(name);
    name.replace('’', "'").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proof_names_drop_instructions() {
        assert_eq!(first_sentence("Certificate of origin - Article 15 1 (a) (ii) (ORD) must"), "Certificate of origin");
        assert_eq!(first_sentence("importer’s knowledge under article 15 1 (a) (iii) ORD"), "importer's knowledge");
        assert_eq!(first_sentence("EUR.1 movement certificate"), "EUR.1 movement certificate");
    }

    #[test]
    fn country_lists_are_expanded_and_checked() {
        let mut notes = Vec::new();
        let list = ["EU", "XS", "andean", "CO"].map(String::from);
        let out = countries(&list, "x", &mut notes).unwrap();
        assert_eq!(out.len(), 29);
        assert!(out.contains(&"RS".to_string()) && out.contains(&"CO".to_string()));
        assert_eq!(notes.len(), 2);
        assert!(countries(&["ZZ".to_string()], "x", &mut notes).is_err());
    }
}
