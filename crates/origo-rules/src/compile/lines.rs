//! From the scraped rule lines of one rule set to the alternatives of each branch.
//!
//! - EU GSP: a line opening with "(a) LDCs" / "(a) Least developed countries" starts branch `ldc`, "(b) Other
//!   beneficiary countries" starts branch `other`; a rule set without markers has one branch, `all`. The "or"
//!   between alternatives was lost in scraping, so the lines of a branch are its alternatives.
//! - Continuations: a line that reads "Extrusion of man-made filament yarn, in each case accompanied by weaving"
//!   with no alternative of its own before "in each case" cannot stand alone; it is the second half of the line
//!   before it (UK list: "Spinning of natural or man-made staple fibres." + that line), and is joined with "or".
//! - Each line is then taken from the phrase overrides if listed there, else from the patterns, else the compiler
//!   fails naming the rule set and the line. "Chapter rule applies" is kept as a reference for the driver.

use super::error::CompileError;
use super::overrides::{Overrides, SplitLine};
use super::phrase::{self, Context};
use super::report::CompileReport;
use super::text::{canonical, normalise};
use crate::rule::Rule;

/// One alternative of a branch.
#[derive(Debug, Clone, PartialEq)]
pub enum Alt {
    Rule(Rule),
    /// "Chapter rule applies": the same branch's rule of the chapter's rule set.
    ChapterRule,
}

const LDC_MARKERS: [&str; 2] = ["(a) LDCs", "(a) Least developed countries"];
const OTHER_MARKER: &str = "(b) Other beneficiary countries";

/// Splits EU lines into branches by their markers, keeping the order of the list.
pub fn eu_branches(label: &str, lines: &[String]) -> Result<Vec<(String, Vec<String>)>, CompileError> {
    if !lines.iter().any(|l| is_marker(l)) {
        return Ok(vec![("all".to_string(), lines.to_vec())]);
    }
    let mut branches: Vec<(String, Vec<String>)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if is_marker(trimmed) {
            let key = if trimmed.starts_with(OTHER_MARKER) { "other" } else { "ldc" };
            let (_, text) = trimmed
                .split_once("\n\n")
                .ok_or_else(|| CompileError::new(label, format!("rules[{i}]"), "branch marker without a rule"))?;
            if branches.iter().any(|(k, _)| k == key) {
                return Err(CompileError::new(label, format!("rules[{i}]"), format!("branch '{key}' opened twice")));
            }
            branches.push((key.to_string(), vec![text.to_string()]));
        } else {
            match branches.last_mut() {
                Some((_, list)) => list.push(line.clone()),
                None => {
                    return Err(CompileError::new(label, format!("rules[{i}]"), "line before the first branch marker"));
                }
            }
        }
    }
    Ok(branches)
}

fn is_marker(line: &str) -> bool {
    let t = line.trim_start();
    LDC_MARKERS.iter().any(|m| t.starts_with(m)) || t.starts_with(OTHER_MARKER)
}

/// Replaces lines that hold two alternatives by the lines given in the override.
pub fn apply_splits(lines: Vec<String>, splits: &[SplitLine], used: &mut [bool]) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        let text = normalise(&line).text;
        match splits.iter().position(|s| normalise(&s.text).text == text) {
            Some(i) => {
                used[i] = true;
                out.extend(splits[i].into.iter().cloned());
            }
            None => out.push(line),
        }
    }
    out
}

/// Whether a canonical line is the second half of a split alternative (see the module docs).
fn is_continuation(canon: &str) -> bool {
    canon.split_once(", in each case ").is_some_and(|(head, _)| !head.contains(" or "))
}

/// Compiles the lines of one branch into its alternatives.
pub fn compile_branch(
    label: &str,
    branch: &str,
    lines: &[String],
    overrides: &mut Overrides,
    cx: &Context,
    report: &mut CompileReport,
) -> Result<Vec<Alt>, CompileError> {
    // Normalise, drop blank lines, join continuations.
    let mut texts: Vec<(usize, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let n = normalise(line);
        if n.text.is_empty() {
            report.blank_lines += 1;
            continue;
        }
        report.notes_dropped += n.notes.len();
        report.text_repairs += n.repairs.len();
        if is_continuation(&canonical(&n.text)) && !texts.is_empty() {
            let (_, previous) = texts.last_mut().expect("checked non-empty");
            let mut chars = n.text.chars();
            let first = chars.next().map(|c| c.to_lowercase().to_string()).unwrap_or_default();
            *previous = format!("{previous} or {first}{}", chars.as_str());
            report.continuations_joined += 1;
            continue;
        }
        texts.push((i, n.text));
    }
    if texts.is_empty() {
        return Err(CompileError::new(label, format!("rules ({branch})"), "no rule line"));
    }
    let mut alts = Vec::new();
    for (i, text) in texts {
        let field = format!("rules[{i}] ({branch})");
        let canon = canonical(&text);
        report.lines += 1;
        if canon == "chapter rule applies" {
            report.chapter_rule_refs += 1;
            alts.push(Alt::ChapterRule);
            continue;
        }
        let from_pattern = phrase::compile(&canon, cx);
        if let Some(hit) = overrides.phrase(&text) {
            if from_pattern.as_ref() == Some(&hit.rule) {
                let message = format!(
                    "phrase override '{}' only repeats the pattern's {}",
                    overrides.phrase_text(hit.index),
                    hit.rule
                );
                return Err(CompileError::new(label, field, message));
            }
            report.from_overrides += 1;
            alts.push(Alt::Rule(hit.rule));
            continue;
        }
        match from_pattern {
            Some(rule) => {
                report.from_patterns += 1;
                alts.push(Alt::Rule(rule));
            }
            None => {
                let message = format!("no pattern matches and no phrase override: \"{text}\"");
                return Err(CompileError::new(label, field, message));
            }
        }
    }
    Ok(alts)
}
