//! The pages' languages: Uzbek (Latin script, the default), Russian and English. The texts live in one catalogue
//! per language under `crates/origo-web/i18n/` (`<lang>.txt` for the shell and public pages, `<lang>-exporter.txt`
//! and `<lang>-officer.txt` for those areas; built into the binary); a text is looked up by key
//! and may carry named placeholders (`{seconds}`) filled in by [`fill`]. Tests check that the three catalogues
//! have the same keys with the same placeholders, no empty text, and every key the templates and page code use.
//!
//! Catalogue format, one text per line: `key = text`; blank lines and lines starting with `#` are ignored. Keys are
//! `a-z 0-9 . _`; a text is one line (the templates decide the markup: no HTML in texts, they are escaped).

#[cfg(test)]
mod catalogue_tests;
pub mod format;
pub mod negotiate;

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

/// A language of the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Uzbek, Latin script: the default.
    Uz,
    Ru,
    En,
}

impl Lang {
    /// Every language, in the order the switcher shows them.
    pub const ALL: [Lang; 3] = [Lang::Uz, Lang::Ru, Lang::En];

    /// The code used in `?lang=`, the cookie and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Uz => "uz",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// `uz`, `ru` or `en` (any case); anything else is `None`.
    pub fn parse(text: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| text.trim().eq_ignore_ascii_case(lang.code()))
    }

    fn index(self) -> usize {
        match self {
            Lang::Uz => 0,
            Lang::Ru => 1,
            Lang::En => 2,
        }
    }

    /// The catalogue's text: the language's files one after the other (one file per area of the pages, so that
    /// areas are written side by side; a key defined in two of them is still a duplicate).
    pub fn source(self) -> &'static str {
        macro_rules! catalogue {
            ($lang:literal) => {
                concat!(
                    include_str!(concat!("../../../i18n/", $lang, ".txt")),
                    "\n",
                    include_str!(concat!("../../../i18n/", $lang, "-exporter.txt")),
                    "\n",
                    include_str!(concat!("../../../i18n/", $lang, "-officer.txt")),
                    "\n",
                    include_str!(concat!("../../../i18n/", $lang, "-cooperation.txt")),
                    "\n",
                    include_str!(concat!("../../../i18n/", $lang, "-control.txt")),
                    "\n",
                    include_str!(concat!("../../../i18n/", $lang, "-risk.txt")),
                    "\n",
                    include_str!(concat!("../../../i18n/", $lang, "-dashboard.txt")),
                    "\n",
                    include_str!(concat!("../../../i18n/", $lang, "-trace.txt")),
                )
            };
        }
        match self {
            Lang::Uz => catalogue!("uz"),
            Lang::Ru => catalogue!("ru"),
            Lang::En => catalogue!("en"),
        }
    }
}

/// Why a catalogue file cannot be read (tests report these; at run time a bad line is skipped).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    #[error("line {line}: expected `key = text`")]
    Malformed { line: usize },
    #[error("line {line}: key {key:?} is not made of a-z 0-9 . _")]
    BadKey { line: usize, key: String },
    #[error("line {line}: key {key:?} is defined twice")]
    Duplicate { line: usize, key: String },
}

/// Reads a catalogue strictly: every error is reported.
pub fn parse(source: &'static str) -> Result<Vec<(&'static str, &'static str)>, CatalogueError> {
    let mut entries = Vec::new();
    let mut seen = BTreeSet::new();
    for (index, raw) in source.lines().enumerate() {
        let line = index + 1;
        let text = raw.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let (key, value) = text.split_once('=').ok_or(CatalogueError::Malformed { line })?;
        let (key, value) = (key.trim(), value.trim());
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._".contains(&b)) {
            return Err(CatalogueError::BadKey { line, key: key.to_owned() });
        }
        if !seen.insert(key) {
            return Err(CatalogueError::Duplicate { line, key: key.to_owned() });
        }
        entries.push((key, value));
    }
    Ok(entries)
}

/// The lenient reading used at run time: good lines only (the strict one is tested).
fn load(source: &'static str) -> HashMap<&'static str, &'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(key, value)| (key.trim(), value.trim()))
        .collect()
}

static CATALOGUES: LazyLock<[HashMap<&'static str, &'static str>; 3]> =
    LazyLock::new(|| Lang::ALL.map(|lang| load(lang.source())));

/// The text of `key` in `lang`, if the catalogue has it.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    CATALOGUES[lang.index()].get(key).copied()
}

/// The text of `key` in `lang`; a missing key (which the tests rule out) shows as the key itself, logged.
pub fn text(lang: Lang, key: &'static str) -> &'static str {
    lookup(lang, key).unwrap_or_else(|| {
        tracing::warn!(key, lang = lang.code(), "missing translation");
        key
    })
}

/// Replaces each `{name}` in `template` with its value from `args`; unknown placeholders stay as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if args.iter().any(|(name, _)| *name == &after[..close]) => {
                let name = &after[..close];
                let value = args.iter().find(|(n, _)| *n == name).map(|(_, v)| *v).unwrap_or_default();
                out.push_str(value);
                rest = &after[close + 1..];
                // A value ending in an abbreviation's full stop (a Russian date: "1 мая 2026 г.") ends the sentence
                // too: the text's own full stop after it would be a second one.
                if value.ends_with('.') && rest.starts_with('.') {
                    rest = &rest[1..];
                }
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder names of a text (`{name}`).
pub fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.insert(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_by_name_and_unknown_ones_stay() {
        assert_eq!(fill("try again in {seconds} s", &[("seconds", "12")]), "try again in 12 s");
        assert_eq!(fill("{a} and {b}", &[("b", "2"), ("a", "1")]), "1 and 2");
        assert_eq!(fill("{missing} {", &[("a", "1")]), "{missing} {");
        assert_eq!(placeholders("{a} x {b} {a}").into_iter().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(fill("на {date}.", &[("date", "1 мая 2026 г.")]), "на 1 мая 2026 г.");
        assert_eq!(fill("{n}.", &[("n", "12")]), "12.");
    }

    #[test]
    fn a_catalogue_with_a_bad_line_is_refused_with_its_line() {
        assert_eq!(parse("a.b = x\n\n# c\nnothing here"), Err(CatalogueError::Malformed { line: 4 }));
        assert!(matches!(parse("A = x"), Err(CatalogueError::BadKey { line: 1, .. })));
        assert!(matches!(parse("a = x\na = y"), Err(CatalogueError::Duplicate { line: 2, .. })));
        assert_eq!(parse("a = x = y").unwrap(), [("a", "x = y")]);
    }

    #[test]
    fn languages_are_read_from_their_codes_only() {
        assert_eq!(Lang::parse("RU"), Some(Lang::Ru));
        assert_eq!(Lang::parse("uz"), Some(Lang::Uz));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::parse("uz-Cyrl"), None);
    }
}
