//! The steps both schemes share once their lists are read: a draft per rule set, rule-set overrides applied,
//! "Chapter rule applies" resolved, branch rules assembled.

use super::coverage::Coverage;
use super::error::CompileError;
use super::expr::any_of;
use super::lines::{Alt, apply_splits, compile_branch};
use super::overrides::{Overrides, RuleSetOverride};
use super::phrase::Context;
use super::report::CompileReport;
use crate::rule::Rule;
use crate::selection::SelItem;

/// A rule set on its way into the pack.
#[derive(Debug, Clone)]
pub struct Draft {
    pub label: String,
    pub description: String,
    pub chapter: u32,
    pub coverage: Coverage,
    /// Set from the overrides first, then by `variant::assign`.
    pub variant: Option<String>,
    pub id: String,
    pub reference: String,
    /// Branch key and its alternatives, in the order of the list.
    pub branches: Vec<(String, Vec<Alt>)>,
}

/// The headings a selection covers, for the phrase context ("other materials of heading 8302").
pub fn headings(coverage: &Coverage) -> Vec<u32> {
    coverage
        .hs
        .0
        .iter()
        .filter_map(|item| match *item {
            SelItem::Headings(a, b) if a == b => Some(a),
            SelItem::Subheadings(a, b) if a / 100 == b / 100 => Some(a / 100),
            _ => None,
        })
        .collect()
}

/// Compiles the branches of one rule set, applying its rule-set overrides (split lines, replaced rules).
pub fn compile_branches(
    label: &str,
    branches: Vec<(String, Vec<String>)>,
    corrections: &[RuleSetOverride],
    overrides: &mut Overrides,
    cx: &Context,
    report: &mut CompileReport,
) -> Result<Vec<(String, Vec<Alt>)>, CompileError> {
    let splits: Vec<_> = corrections.iter().flat_map(|c| c.split_lines.iter().cloned()).collect();
    let mut split_used = vec![false; splits.len()];
    let mut out = Vec::new();
    for (branch, lines) in branches {
        let replaced = corrections.iter().find_map(|c| c.rules.as_ref()?.get(&branch).map(|r| (r, &c.note)));
        if let Some((text, note)) = replaced {
            let rule = Rule::parse(text)
                .map_err(|e| CompileError::new(label, format!("rules.{branch} (override)"), e.to_string()))?;
            report.branches_from_overrides += 1;
            report.corrections.push(format!("'{label}' {branch}: rule from the overrides ({note})"));
            out.push((branch, vec![Alt::Rule(rule)]));
            continue;
        }
        let before = lines.len();
        let lines = apply_splits(lines, &splits, &mut split_used);
        report.lines_split += lines.len() - before;
        out.push((branch.clone(), compile_branch(label, &branch, &lines, overrides, cx, report)?));
    }
    for c in corrections {
        for (branch, _) in c.rules.iter().flatten() {
            if !out.iter().any(|(b, _)| b == branch) {
                return Err(CompileError::new(
                    label,
                    format!("rules.{branch} (override)"),
                    "no such branch in the list",
                ));
            }
        }
    }
    for (split, used) in splits.iter().zip(&split_used) {
        if !used {
            return Err(CompileError::new(
                label,
                "split_lines (override)",
                format!("unused: no line reads '{}'", split.text),
            ));
        }
        let note =
            corrections.iter().find(|c| c.split_lines.iter().any(|s| s.text == split.text)).map(|c| c.note.as_str());
        report.corrections.push(format!(
            "'{label}': one line split into {} ({})",
            split.into.len(),
            note.unwrap_or("")
        ));
    }
    Ok(out)
}

/// Replaces every "Chapter rule applies" by the same branch's alternatives of the chapter's rule set.
pub fn resolve_chapter_rules(drafts: &mut [Draft]) -> Result<(), CompileError> {
    let snapshot: Vec<Draft> = drafts.to_vec();
    for d in drafts.iter_mut() {
        for (branch, alts) in d.branches.iter_mut() {
            if !alts.contains(&Alt::ChapterRule) {
                continue;
            }
            let names = [format!("chapter {}", d.chapter), format!("ex chapter {}", d.chapter)];
            let chapter = snapshot.iter().find(|c| names.contains(&c.label.to_lowercase())).ok_or_else(|| {
                CompileError::new(
                    &d.label,
                    format!("rules ({branch})"),
                    "chapter rule applies, but the list has no chapter rule set",
                )
            })?;
            let source = chapter
                .branches
                .iter()
                .find(|(b, _)| b == branch)
                .or_else(|| chapter.branches.iter().find(|(b, _)| b == "all"))
                .ok_or_else(|| {
                    CompileError::new(
                        &d.label,
                        format!("rules ({branch})"),
                        format!("'{}' has no rule for this branch", chapter.label),
                    )
                })?;
            if source.1.contains(&Alt::ChapterRule) {
                return Err(CompileError::new(
                    &d.label,
                    format!("rules ({branch})"),
                    "the chapter rule refers to itself",
                ));
            }
            let mut resolved = Vec::new();
            for alt in alts.drain(..) {
                match alt {
                    Alt::ChapterRule => resolved.extend(source.1.iter().cloned()),
                    rule => resolved.push(rule),
                }
            }
            *alts = resolved;
        }
    }
    Ok(())
}

/// The rule of a branch: its alternatives joined with `|`.
pub fn branch_rule(alts: &[Alt]) -> Rule {
    any_of(
        alts.iter()
            .map(|a| match a {
                Alt::Rule(rule) => rule.clone(),
                Alt::ChapterRule => unreachable!("chapter rules are resolved before assembly"),
            })
            .collect(),
    )
}
