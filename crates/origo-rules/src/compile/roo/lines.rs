//! From the rule lines of one uk-roo rule set to its rule, or to the reason it needs a manual examination.
//!
//! The trade tariff shows a rule set's alternatives one per line (the `operator` field is unreliable, see
//! PROVENANCE.md), so lines are alternatives, except where the wording says otherwise:
//! - a line that opens with "However," or "Provided that" qualifies the line before it and is joined to it;
//! - a line that is a bare condition ("The total weight of non-originating materials of ... does not exceed ...")
//!   after another line is a further condition of that line (the scraper split a list of conditions), joined with
//!   "and";
//! - the second half of a split alternative ("..., in each case accompanied by weaving") is joined with "or";
//! - lettered pieces "a) 40% under the build-up method", "b) 50% under the build-down method" are the options of
//!   the sentence that opened with "a)", each an alternative read in that sentence's context.
//!
//! A line is taken from the phrase overrides if listed there, else from the patterns. When any alternative is not
//! understood the whole rule set is manual, since dropping an alternative would make the rule stricter than the
//! law and keeping only some would make it looser.

use super::super::error::CompileError;
use super::super::expr::any_of;
use super::super::general::{self, Piece};
use super::super::overrides::Overrides;
use super::super::phrase::Context;
use super::super::report::CompileReport;
use super::super::text::{canonical, normalise};
use super::manual;
use crate::rule::Rule;

/// One alternative before compiling: its normalised text and the sentence that opened its lettered piece.
struct Alternative {
    line: usize,
    text: String,
    intro: Option<String>,
}

/// Whether a canonical line is the second half of a split alternative.
fn is_continuation(canon: &str) -> bool {
    canon.split_once(", in each case ").is_some_and(|(head, _)| !head.contains(" or "))
}

fn qualifies_previous(canon: &str) -> bool {
    ["however", "provided that", "provided "].iter().any(|p| canon.starts_with(p))
}

/// A further condition of the line before, scraped onto a line of its own ("CTH" / "The total weight of
/// non-originating materials of heading 1101 to heading 1108 ... does not exceed 20% ..."): read as "and", since a
/// bare condition is no way of making a product on its own.
fn adds_condition(canon: &str) -> bool {
    [
        "the value of",
        "the weight of",
        "the total weight",
        "the total value",
        "the individual weight",
        "the total combined weight",
        "within the above limit",
    ]
    .iter()
    .any(|p| canon.starts_with(p))
}

/// Groups the normalised lines into alternatives.
fn alternatives(lines: &[String], report: &mut CompileReport) -> Vec<Alternative> {
    let mut out: Vec<Alternative> = Vec::new();
    let mut intro: Option<String> = None;
    for (i, line) in lines.iter().enumerate() {
        let n = normalise(line);
        if n.text.is_empty() {
            report.blank_lines += 1;
            continue;
        }
        report.notes_dropped += n.notes.len();
        report.text_repairs += n.repairs.len();
        let canon = canonical(&n.text);
        if let Some(previous) = out.last_mut()
            && (is_continuation(&canon) || qualifies_previous(&canon) || adds_condition(&canon))
        {
            let joiner = if qualifies_previous(&canon) {
                ". "
            } else if adds_condition(&canon) {
                let earlier = previous.text.to_lowercase();
                if earlier.contains(" in which") || earlier.contains("provided that") {
                    ", and "
                } else {
                    ", provided that "
                }
            } else {
                " or "
            };
            let mut chars = n.text.chars();
            let first = chars.next().map(|c| c.to_lowercase().to_string()).unwrap_or_default();
            previous.text = format!("{}{joiner}{first}{}", previous.text, chars.as_str());
            report.continuations_joined += 1;
            continue;
        }
        match general::split_piece(&n.text) {
            Piece::Opening { intro: opening, piece } => {
                intro = Some(opening);
                out.push(Alternative { line: i, text: piece, intro: intro.clone() });
            }
            Piece::Next(piece) if intro.is_some() => {
                out.push(Alternative { line: i, text: piece, intro: intro.clone() });
            }
            _ => {
                intro = None;
                out.push(Alternative { line: i, text: n.text, intro: None });
            }
        }
    }
    out
}

/// Two alternatives scraped into one line, joined by " or " before a capital letter ("... of the product or
/// The operation of diffusion ..."): each part must compile on its own.
fn joined_alternatives(text: &str, cx: &Context) -> Option<Vec<Rule>> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices(" or ") {
        if text[at + 4..].chars().next().is_some_and(|c| c.is_uppercase()) && !text[at + 4..].starts_with("EXW") {
            parts.push(&text[start..at]);
            start = at + 4;
        }
    }
    if parts.is_empty() {
        return None;
    }
    parts.push(&text[start..]);
    parts.iter().map(|part| general::compile(&canonical(part), None, cx)).collect()
}

/// The rule of a rule set (`Ok(Err(reason))` when it needs a manual examination), or an error in the
/// overrides: a phrase override that only repeats what the patterns make.
pub fn rule_of(
    label: &str,
    lines: &[String],
    overrides: &mut Overrides,
    cx: &Context,
    report: &mut CompileReport,
    unmatched: &mut Vec<String>,
) -> Result<Result<Rule, String>, CompileError> {
    let alternatives = alternatives(lines, report);
    if alternatives.is_empty() {
        return Ok(Err(manual::NO_RULE.to_string()));
    }
    let mut rules = Vec::with_capacity(alternatives.len());
    let mut failures = Vec::new();
    for alt in &alternatives {
        report.lines += 1;
        let intro = alt.intro.as_deref().map(canonical);
        let from_pattern = general::compile(&canonical(&alt.text), intro.as_deref(), cx);
        if let Some(hit) = overrides.phrase(&alt.text) {
            if from_pattern.as_ref() == Some(&hit.rule) {
                let message = format!(
                    "phrase override '{}' only repeats the pattern's {}",
                    overrides.phrase_text(hit.index),
                    hit.rule
                );
                return Err(CompileError::new(label, format!("rules[{}]", alt.line), message));
            }
            report.from_overrides += 1;
            rules.push(hit.rule);
            continue;
        }
        match from_pattern.map(|rule| vec![rule]).or_else(|| joined_alternatives(&alt.text, cx)) {
            Some(found) => {
                report.from_patterns += 1;
                rules.extend(found);
            }
            None => failures.push((alt.line, alt.text.as_str())),
        }
    }
    if failures.is_empty() {
        return Ok(Ok(any_of(rules)));
    }
    unmatched.extend(failures.iter().map(|(_, text)| text.to_string()));
    Ok(Err(manual::reason(&failures)))
}
