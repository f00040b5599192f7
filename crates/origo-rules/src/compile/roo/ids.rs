//! Variant keys and ids of a uk-roo pack. Rule sets with the same `hs` are variants told apart by a key from their
//! description (see `variant::derive_key`); "Any other product from heading 2403" is the residual rule, key
//! `other`. An `ex` rule set always gets a key. Where two descriptions give the same key (or there is no
//! description, as in the CPTPP list), the later ones get `_2`, `_3`, ..., reported, unless the overrides set a
//! key. Ids are the `hs` (commas as `_`) plus the key, unique per pack.

use std::collections::{BTreeMap, BTreeSet};

use super::super::error::CompileError;
use super::super::variant::derive_key;

/// What `assign` needs of a rule set.
#[derive(Debug, Clone)]
pub struct Keyed {
    pub label: String,
    pub hs: String,
    pub ex: bool,
    pub description: String,
    /// A key from the overrides.
    pub fixed: Option<String>,
}

fn key_for(description: &str) -> String {
    let lower = description.trim().trim_start_matches('-').trim().to_lowercase();
    if lower.starts_with("any other") || lower == "other" || lower == "others" {
        return "other".into();
    }
    if lower.is_empty() { "variant".into() } else { derive_key(description) }
}

/// The variant key (if any) and id of each rule set, and notes on the keys made unique.
#[allow(clippy::type_complexity)]
pub fn assign(sets: &[Keyed]) -> Result<(Vec<(Option<String>, String)>, Vec<String>), CompileError> {
    let mut per_hs: BTreeMap<&str, usize> = BTreeMap::new();
    for s in sets {
        *per_hs.entry(&s.hs).or_default() += 1;
    }
    let mut notes = Vec::new();
    let mut taken: BTreeSet<(String, String)> = BTreeSet::new();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::with_capacity(sets.len());
    for s in sets {
        let shared = per_hs[s.hs.as_str()] > 1;
        let key = match &s.fixed {
            Some(key) => {
                let valid =
                    !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                if !valid {
                    return Err(CompileError::new(
                        &s.label,
                        "variant (override)",
                        format!("'{key}' is not snake_case"),
                    ));
                }
                Some(key.clone())
            }
            None if shared || s.ex => Some(key_for(&s.description)),
            None => None,
        };
        let key = key.map(|base| {
            let mut key = base.clone();
            let mut n = 1;
            while taken.contains(&(s.hs.clone(), key.clone())) {
                n += 1;
                key = format!("{base}_{n}");
            }
            if n > 1 {
                notes.push(format!("'{}' ({}): variant key '{base}' taken, '{key}' used", s.label, s.hs));
            }
            key
        });
        if !taken.insert((s.hs.clone(), key.clone().unwrap_or_default())) {
            return Err(CompileError::new(&s.label, "variant", format!("a second rule set for {} has no key", s.hs)));
        }
        let base = s.hs.replace(',', "_");
        let id = key.as_ref().map_or_else(|| base.clone(), |k| format!("{base}-{k}"));
        if !ids.insert(id.clone()) {
            return Err(CompileError::new(&s.label, "id", format!("id '{id}' is not unique")));
        }
        out.push((key, id));
    }
    Ok((out, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyed(hs: &str, ex: bool, description: &str) -> Keyed {
        Keyed { label: hs.into(), hs: hs.into(), ex, description: description.into(), fixed: None }
    }

    #[test]
    fn keys_are_unique_per_hs() {
        let sets = [
            keyed("2403", true, "Smoking tobacco"),
            keyed("2403", true, "Any other product from heading 2403"),
            keyed("0101", false, ""),
            keyed("0301", false, ""),
            keyed("0301", false, ""),
        ];
        let (out, notes) = assign(&sets).unwrap();
        let ids: Vec<&str> = out.iter().map(|(_, id)| id.as_str()).collect();
        assert_eq!(ids, ["2403-smoking_tobacco", "2403-other", "0101", "0301-variant", "0301-variant_2"]);
        assert_eq!(notes.len(), 1);
    }
}
