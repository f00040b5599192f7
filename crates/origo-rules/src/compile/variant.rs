//! Variant keys and ids. Rule sets with the same `hs` are variants of one entry, told apart by a short
//! snake_case key from their description ("- Other" gives `other`, "Felt ...:- Needleloom felt" gives
//! `needleloom_felt`); an `ex` rule set always gets one (the broader rule set it carves out of is variant
//! `other` at lookup). The override file sets keys where the words of the description make a poor key.
//!
//! Ids are the `hs` selection (commas as `_`) plus the variant key: `ch61-assembled_from_pieces`, `0304`,
//! `5204-5207`, `1506_1520`. Keys must be unique per `hs`, ids unique per pack.

use std::collections::{BTreeMap, BTreeSet};

use super::build::Draft;
use super::error::CompileError;
use super::report::CompileReport;

/// Words that carry no meaning in a key.
const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "as",
    "by",
    "certain",
    "for",
    "from",
    "in",
    "including",
    "its",
    "kind",
    "like",
    "of",
    "on",
    "or",
    "similar",
    "such",
    "the",
    "their",
    "thereof",
    "to",
    "used",
    "whether",
    "with",
];

/// The key a description suggests: the variant's own words (after the last ":-"), first clause, up to three
/// meaningful words.
pub fn derive_key(description: &str) -> String {
    let own = description.rsplit(":-").next().unwrap_or(description).trim();
    let own = own.trim_start_matches('-').trim();
    let clause = own.split([',', ';', '(', ':', '.']).next().unwrap_or(own);
    // Words after a negation would invert the meaning ("Vehicles other than railway ..."), so they are cut.
    let clause = [" other than ", " not ", " excluding ", " except "]
        .iter()
        .filter_map(|n| clause.to_lowercase().find(n))
        .min()
        .map_or(clause, |i| &clause[..i]);
    let words: Vec<String> = clause
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .map(|w| w.replace('\'', "").to_lowercase())
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(&w.as_str()))
        .collect();
    let meaningful: Vec<&String> = words.iter().filter(|w| w.as_str() != "other").collect();
    let chosen: Vec<&str> = if meaningful.is_empty() {
        words.iter().take(1).map(String::as_str).collect()
    } else {
        meaningful.iter().take(3).map(|w| w.as_str()).collect()
    };
    if chosen.is_empty() { "other".to_string() } else { chosen.join("_") }
}

fn valid_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Sets every draft's variant key and id.
pub fn assign(drafts: &mut [Draft], report: &mut CompileReport) -> Result<(), CompileError> {
    let mut by_hs: BTreeMap<String, usize> = BTreeMap::new();
    for d in drafts.iter() {
        *by_hs.entry(d.coverage.hs.to_string()).or_default() += 1;
    }
    for d in drafts.iter_mut() {
        let shared = by_hs[&d.coverage.hs.to_string()] > 1;
        if let Some(key) = &d.variant {
            if !valid_key(key) {
                return Err(CompileError::new(&d.label, "variant (override)", format!("'{key}' is not snake_case")));
            }
            report.variants_from_overrides += 1;
        } else if shared || d.coverage.ex {
            d.variant = Some(derive_key(&d.description));
            report.variants_derived += 1;
        }
    }
    let mut keys: BTreeSet<(String, String)> = BTreeSet::new();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for d in drafts.iter_mut() {
        let hs = d.coverage.hs.to_string();
        let key = d.variant.clone().unwrap_or_default();
        if !keys.insert((hs.clone(), key.clone())) {
            let message = format!("variant '{key}' is used twice for hs {hs}; set distinct keys in the overrides");
            return Err(CompileError::new(&d.label, "variant", message));
        }
        let base = hs.replace(',', "_");
        d.id = match &d.variant {
            Some(key) => format!("{base}-{key}"),
            None => base,
        };
        if !ids.insert(d.id.clone()) {
            return Err(CompileError::new(&d.label, "id", format!("id '{}' is not unique", d.id)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_from_descriptions() {
        assert_eq!(derive_key("- Other"), "other");
        assert_eq!(
            derive_key("Felt, whether or not impregnated, coated, covered or laminated:- Needleloom felt"),
            "needleloom_felt"
        );
        assert_eq!(derive_key("- Other:- Embroidered"), "embroidered");
        assert_eq!(
            derive_key("Products of animal origin, not elsewhere specified or included,"),
            "products_animal_origin"
        );
        assert_eq!(derive_key("Women's, girls' and babies' clothing"), "womens");
        assert_eq!(derive_key("Vehicles other than railway or tramway rolling-stock"), "vehicles");
        assert_eq!(derive_key("Tyre cord fabric:- Containing not more than 90% by weight"), "containing");
    }
}
