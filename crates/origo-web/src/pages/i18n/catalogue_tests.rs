//! The catalogues against each other and against their users: the same keys with the same placeholders in the
//! three languages, no empty text, proper Uzbek letters, and every key the templates and page code ask for.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use origo_service::roles::Role;

use super::{Lang, lookup, parse, placeholders};
use crate::pages::error::Failure;
use crate::pages::nav::{NAV, role_key};
use crate::pages::verify::{KINDS, kind_key};

fn catalogue(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    parse(lang.source()).unwrap_or_else(|e| panic!("{}.txt: {e}", lang.code())).into_iter().collect()
}

#[test]
fn every_key_is_in_every_language_with_a_text_and_the_same_placeholders() {
    let english = catalogue(Lang::En);
    assert!(english.len() > 100, "the English catalogue has {} texts", english.len());
    for lang in [Lang::Uz, Lang::Ru] {
        let other = catalogue(lang);
        let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{}: missing {missing:?}, not in en {extra:?}", lang.code());
        for (key, text) in &english {
            assert_eq!(placeholders(text), placeholders(other[key]), "{}: placeholders of {key}", lang.code());
        }
    }
    for lang in Lang::ALL {
        for (key, text) in catalogue(lang) {
            assert!(!text.trim().is_empty(), "{}: {key} is empty", lang.code());
        }
    }
}

#[test]
fn uzbek_uses_the_turned_comma_for_o_and_g() {
    let uzbek = Lang::Uz.source();
    assert!(uzbek.contains("oʻ") && uzbek.contains("gʻ"), "U+02BB is used");
    for wrong in ['\'', '‘', '’', '`', '´'] {
        for letter in ['o', 'O', 'g', 'G'] {
            let spelled = format!("{letter}{wrong}");
            assert!(!uzbek.contains(&spelled), "uz.txt writes {spelled:?}: use U+02BB (ʻ)");
        }
    }
    assert!(!catalogue(Lang::Uz).values().any(|t| t.contains('\'')), "no ASCII apostrophe: U+02BC (ʼ) for the tutuq");
    assert!(catalogue(Lang::Ru).values().any(|t| t.chars().any(|c| ('а'..='я').contains(&c))), "Russian is Cyrillic");
}

fn files(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, extension, found);
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
}

/// The string literals that `function` is called with first (`t`, `t_with`, `asset`), as written in `text`.
fn literal_calls(text: &str, function: &str) -> Vec<String> {
    let needle = format!("{function}{}", "(\"");
    let mut keys = Vec::new();
    for (at, _) in text.match_indices(&needle) {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &text[at + needle.len()..];
        keys.push(rest[..rest.find('"').expect("a closing quote")].to_owned());
    }
    keys
}

fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("templates"), "html", &mut paths);
    files(&root.join("src/pages"), "rs", &mut paths);
    paths.into_iter().map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap())).collect()
}

#[test]
fn every_key_the_templates_and_the_code_use_exists() {
    let mut used = BTreeSet::new();
    for (path, text) in sources() {
        for function in ["t", "t_with"] {
            for key in literal_calls(&text, function) {
                used.insert((key, path.display().to_string()));
            }
        }
    }
    assert!(used.len() > 80, "the scan found only {} keys", used.len());
    let mut tables: Vec<&str> = NAV.iter().map(|e| e.key).collect();
    tables.extend(Role::ALL.map(role_key));
    tables.extend(KINDS.map(kind_key));
    tables.push(kind_key("something else"));
    tables.extend(Failure::ALL.iter().flat_map(|f| [f.keys().0, f.keys().1]));
    tables.push("lang.self");
    let tables = tables.into_iter().map(|k| (k.to_owned(), "a key table".to_owned()));
    for (key, place) in used.into_iter().chain(tables) {
        for lang in Lang::ALL {
            assert!(lookup(lang, &key).is_some(), "{key} (used in {place}) is missing from {}.txt", lang.code());
        }
    }
}

#[test]
fn every_asset_the_templates_name_exists() {
    let mut named = 0;
    for (path, text) in sources() {
        for name in literal_calls(&text, "asset") {
            assert!(crate::pages::assets::exists(&name), "{}: no asset {name}", path.display());
            named += 1;
        }
    }
    assert!(named >= 2, "the layout names its stylesheet and script");
}
