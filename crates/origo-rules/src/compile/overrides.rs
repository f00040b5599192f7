//! The reviewed override files (`rules/overrides/<scheme>.json`): what the patterns cannot or must not decide.
//!
//! - `phrases`: a rule line's exact normalised text (as printed in the compiler's error) and the rule it means,
//!   e.g. "Manufacture from sulphur dioxide" -> `FROM[281129]`, each with a `note` saying why.
//! - `rule_sets`: corrections of one rule set, selected by its `label` (plus the start of its `description` and
//!   its raw `min` where the label is not unique): a repaired `hs`, a reconciled `label_fix`, a `variant` key,
//!   `split_lines` for two alternatives scraped into one line, or whole `rules` per branch.
//!
//! Every entry must be used: an entry that matches nothing, or a phrase override that says exactly what the
//! patterns already produce, is an error, so the file never carries stale or redundant decisions.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::error::CompileError;
use super::text::clean;
use crate::rule::Rule;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    scheme: String,
    /// Free text for people reading the file.
    #[serde(default, rename = "_about")]
    _about: Option<String>,
    #[serde(default)]
    phrases: Vec<PhraseOverride>,
    #[serde(default)]
    rule_sets: Vec<RuleSetOverride>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseOverride {
    text: String,
    rule: String,
    note: String,
}

/// Two alternatives scraped into one line, and the lines they really are.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SplitLine {
    pub text: String,
    pub into: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSetOverride {
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub min: Option<String>,
    #[serde(default)]
    pub hs: Option<String>,
    #[serde(default)]
    pub label_fix: Option<String>,
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default)]
    pub split_lines: Vec<SplitLine>,
    #[serde(default)]
    pub rules: Option<BTreeMap<String, String>>,
    /// uk-roo lists: the rule set needs a manual examination, for this reason (the patterns read it wrongly).
    #[serde(default)]
    pub manual: Option<String>,
    pub note: String,
}

/// The override file with a use count per entry.
#[derive(Debug)]
pub struct Overrides {
    phrases: Vec<(PhraseOverride, Rule)>,
    phrase_uses: Vec<usize>,
    rule_sets: Vec<RuleSetOverride>,
    rule_set_uses: Vec<usize>,
}

/// A phrase override found for a line: its rule and its index (for error messages).
pub struct PhraseHit {
    pub rule: Rule,
    pub index: usize,
}

fn parse_rule(text: &str, field: &str) -> Result<Rule, CompileError> {
    let rule = Rule::parse(text).map_err(|e| CompileError::overrides(field, e.to_string()))?;
    if let Some(id) = rule.processes().into_iter().find(|id| crate::process::kind(id).is_none()) {
        return Err(CompileError::overrides(field, format!("unknown process id '{id}'")));
    }
    Ok(rule)
}

impl Overrides {
    /// Reads an override file, checking that it belongs to `scheme`, that every note is written and that every
    /// rule parses.
    pub fn parse(json: &str, scheme: &str) -> Result<Overrides, CompileError> {
        let file: OverrideFile = serde_json::from_str(json)
            .map_err(|e| CompileError::overrides("(file)", format!("not an override file: {e}")))?;
        if file.scheme != scheme {
            return Err(CompileError::overrides("scheme", format!("is '{}', expected '{scheme}'", file.scheme)));
        }
        let mut phrases = Vec::new();
        for (i, p) in file.phrases.into_iter().enumerate() {
            let field = format!("phrases[{i}]");
            if p.note.trim().is_empty() {
                return Err(CompileError::overrides(field, "needs a note saying why"));
            }
            if phrases.iter().any(|(q, _): &(PhraseOverride, Rule)| q.text == p.text) {
                return Err(CompileError::overrides(field, format!("text '{}' is overridden twice", p.text)));
            }
            let rule = parse_rule(&p.rule, &field)?;
            phrases.push((p, rule));
        }
        for (i, r) in file.rule_sets.iter().enumerate() {
            let field = format!("rule_sets[{i}]");
            if r.note.trim().is_empty() {
                return Err(CompileError::overrides(field, "needs a note saying why"));
            }
            for (branch, text) in r.rules.iter().flatten() {
                parse_rule(text, &format!("{field}.rules.{branch}"))?;
            }
        }
        Ok(Overrides {
            phrase_uses: vec![0; phrases.len()],
            phrases,
            rule_set_uses: vec![0; file.rule_sets.len()],
            rule_sets: file.rule_sets,
        })
    }

    /// The override for a normalised line, counting the use.
    pub fn phrase(&mut self, text: &str) -> Option<PhraseHit> {
        let index = self.phrases.iter().position(|(p, _)| p.text == text)?;
        self.phrase_uses[index] += 1;
        Some(PhraseHit { rule: self.phrases[index].1.clone(), index })
    }

    /// The text of a phrase override, for error messages.
    pub fn phrase_text(&self, index: usize) -> &str {
        &self.phrases[index].0.text
    }

    /// The rule-set overrides selecting a rule set (label and description as in the list, raw `min`).
    pub fn rule_set(&mut self, label: &str, description: &str, min: &str) -> Vec<RuleSetOverride> {
        let (label, description) = (clean(label), clean(description));
        let mut found = Vec::new();
        for (i, r) in self.rule_sets.iter().enumerate() {
            let label_ok = clean(&r.label) == label;
            let description_ok = r.description.as_ref().is_none_or(|d| description.starts_with(&clean(d)));
            let min_ok = r.min.as_ref().is_none_or(|m| m.trim() == min.trim());
            if label_ok && description_ok && min_ok {
                self.rule_set_uses[i] += 1;
                found.push(r.clone());
            }
        }
        found
    }

    /// Counts: (phrase entries used, rule-set entries used).
    pub fn used(&self) -> (usize, usize) {
        let count = |uses: &[usize]| uses.iter().filter(|&&n| n > 0).count();
        (count(&self.phrase_uses), count(&self.rule_set_uses))
    }

    /// Fails on the first entry that nothing used.
    pub fn check_all_used(&self) -> Result<(), CompileError> {
        if let Some(i) = self.phrase_uses.iter().position(|&n| n == 0) {
            let text = &self.phrases[i].0.text;
            return Err(CompileError::overrides(
                format!("phrases[{i}]"),
                format!("unused: no rule line reads '{text}'"),
            ));
        }
        if let Some(i) = self.rule_set_uses.iter().position(|&n| n == 0) {
            let label = &self.rule_sets[i].label;
            return Err(CompileError::overrides(
                format!("rule_sets[{i}]"),
                format!("unused: no rule set '{label}' matches"),
            ));
        }
        Ok(())
    }
}
