//! Scheme metadata of the two packs: branches (which countries take the LDC rules), cumulation partners, the
//! general tolerance and the validity, read from the UK scheme data (roo_schemes_uk.json) where it has them.
//!
//! - Branches: the UK DCTS Comprehensive Preferences list (`dcts-ldcs`, 46 countries) is the `ldc` branch of both
//!   packs; DOMAIN.md allows it as the stand-in for the EU's Everything-But-Arms list until checked. The EU `other`
//!   branch has no list and is the default; the UK `other` branch is the Standard and Enhanced Preferences list.
//! - Tolerance: EU DA 2015/2446 Art. 48 and UK DCTS regulation 11 say the same: 15% of the ex-works price, by
//!   weight (15% of the product's net weight) for Chapters 2 and 4-24 except the processed fishery products of
//!   Chapter 16 (1604, 1605); not for Chapters 50-63, where the textile notes apply instead.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::error::CompileError;
use super::output::{Branch, Cumulation, Header, Tolerance};

/// The 27 member states of the EU (ISO 3166-1 alpha-2; Greece is GR, not the EU's own EL).
pub const EU_MEMBER_STATES: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
    "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

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
    ord: Option<Ord>,
}

#[derive(Debug, Deserialize)]
struct Method {
    #[serde(default)]
    countries: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Ord {
    ord_title: String,
    ord_version: String,
}

fn scheme<'a>(schemes: &'a Schemes, code: &str) -> Result<&'a Scheme, CompileError> {
    schemes
        .schemes
        .iter()
        .find(|s| s.scheme_code == code)
        .ok_or_else(|| CompileError::input("schemes", format!("no scheme '{code}' in roo_schemes_uk.json")))
}

fn parse(json: &str) -> Result<Schemes, CompileError> {
    serde_json::from_str(json).map_err(|e| CompileError::input("schemes", format!("not roo_schemes_uk.json: {e}")))
}

fn tolerance() -> Tolerance {
    Tolerance {
        value_percent: "15".into(),
        weight_chapters: "ch02,ch04-ch24".into(),
        weight_excluded: "1604,1605".into(),
        excluded: "ch50-ch63".into(),
    }
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Sorted country codes, "EU" expanded into the member states (the engine matches ISO codes).
fn countries(list: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for code in list {
        if code == "EU" {
            out.extend(strings(&EU_MEMBER_STATES));
        } else {
            out.push(code.clone());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The EU GSP header.
pub fn eu_gsp(schemes_json: &str) -> Result<Header, CompileError> {
    let schemes = parse(schemes_json)?;
    let ldcs = scheme(&schemes, "dcts-ldcs")?;
    let mut branches = BTreeMap::new();
    let ldc_label = "Least developed countries (stand-in list: UK DCTS Comprehensive Preferences countries)";
    branches.insert("ldc".into(), Branch { label: ldc_label.into(), countries: countries(&ldcs.countries) });
    branches.insert("other".into(), Branch { label: "Other beneficiary countries".into(), countries: Vec::new() });
    // Labels are the words of the statement on origin (Annex 22-07); one entry per partner where the wording
    // differs.
    let cumulation_entry = |kind: &str, label: &str, reference: &str, countries: Vec<String>| Cumulation {
        kind: kind.into(),
        label: label.into(),
        reference: reference.into(),
        branches: Vec::new(),
        countries,
    };
    let mut cumulation = vec![
        cumulation_entry("bilateral", "EU cumulation", "DA 2015/2446 Art. 53", strings(&EU_MEMBER_STATES)),
        cumulation_entry("norway_switzerland_turkey", "Norway cumulation", "DA 2015/2446 Art. 54", strings(&["NO"])),
        cumulation_entry(
            "norway_switzerland_turkey",
            "Switzerland cumulation",
            "DA 2015/2446 Art. 54",
            strings(&["CH"]),
        ),
        cumulation_entry("norway_switzerland_turkey", "Turkey cumulation", "DA 2015/2446 Art. 54", strings(&["TR"])),
    ];
    for group in ["I", "II", "III", "IV"] {
        // Members of the regional groups are to be entered when checked; Uzbekistan belongs to none.
        cumulation.push(cumulation_entry(
            "regional",
            "regional cumulation",
            &format!("DA 2015/2446 Art. 55, group {group}"),
            Vec::new(),
        ));
    }
    Ok(Header {
        scheme: "eu-gsp".into(),
        title: "EU Generalised Scheme of Preferences (GSP): product-specific rules of origin".into(),
        legal_basis: "Annex 22-03 to Commission Delegated Regulation (EU) 2015/2446".into(),
        // Annex 22-03 applies with the Delegated Regulation from 1 May 2016; the GSP Regulation (EU) 978/2012,
        // extended by Regulation (EU) 2023/2663, applies until 31 December 2027.
        valid_from: Some("2016-05-01".into()),
        valid_to: Some("2027-12-31".into()),
        branches,
        cumulation,
        tolerance: tolerance(),
    })
}

/// The UK DCTS header, from the two DCTS schemes of roo_schemes_uk.json.
pub fn uk_dcts(schemes_json: &str) -> Result<Header, CompileError> {
    let schemes = parse(schemes_json)?;
    let ldcs = scheme(&schemes, "dcts-ldcs")?;
    let general = scheme(&schemes, "dcts-general-enhanced")?;
    if (&ldcs.validity_start_date, &ldcs.validity_end_date)
        != (&general.validity_start_date, &general.validity_end_date)
    {
        return Err(CompileError::input("schemes", "the two DCTS schemes have different validity dates"));
    }
    let ord =
        ldcs.ord.as_ref().ok_or_else(|| CompileError::input("schemes", "dcts-ldcs has no legal instrument (ord)"))?;
    let mut branches = BTreeMap::new();
    branches.insert("ldc".into(), Branch { label: ldcs.title.clone(), countries: countries(&ldcs.countries) });
    branches.insert("other".into(), Branch { label: general.title.clone(), countries: countries(&general.countries) });
    let mut cumulation = Vec::new();
    let kinds: std::collections::BTreeSet<&String> =
        ldcs.cumulation_methods.keys().chain(general.cumulation_methods.keys()).collect();
    for kind in kinds {
        let of = |s: &Scheme| s.cumulation_methods.get(kind).map(|m| countries(&m.countries)).unwrap_or_default();
        let (a, b) = (of(ldcs), of(general));
        let name = format!("{}{} cumulation", kind[..1].to_uppercase(), &kind[1..]);
        let reference = "DCTS rules of origin, regs. 7 and 8";
        if a == b {
            cumulation.push(Cumulation {
                kind: kind.clone(),
                label: name,
                reference: reference.into(),
                branches: Vec::new(),
                countries: a,
            });
        } else {
            // The two lists differ (VN is a partner of the standard/enhanced list only): each branch keeps its own.
            for (branch, list) in [("ldc", a), ("other", b)] {
                cumulation.push(Cumulation {
                    kind: kind.clone(),
                    label: name.clone(),
                    reference: reference.into(),
                    branches: vec![branch.to_string()],
                    countries: list,
                });
            }
        }
    }
    Ok(Header {
        scheme: "uk-dcts".into(),
        title: "UK Developing Countries Trading Scheme (DCTS): product-specific rules of origin".into(),
        legal_basis: format!("{} ({}), Schedule 1", ord.ord_title, ord.ord_version),
        valid_from: ldcs.validity_start_date.clone(),
        valid_to: ldcs.validity_end_date.clone(),
        branches,
        cumulation,
        tolerance: tolerance(),
    })
}
