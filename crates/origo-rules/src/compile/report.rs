//! What a compile did, for the reviewer: how many lines the patterns understood, how many the override file
//! decided, and every correction of the scraped data with its reason.

use std::fmt;

/// Counts and corrections of one compile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompileReport {
    pub scheme: String,
    /// Rule sets in the pack.
    pub rule_sets: usize,
    /// Rule lines compiled (after splitting merged lines and joining continuations).
    pub lines: usize,
    /// Lines compiled by the patterns.
    pub from_patterns: usize,
    /// Lines whose rule comes from a phrase override.
    pub from_overrides: usize,
    /// Branches whose whole rule comes from a rule-set override.
    pub branches_from_overrides: usize,
    /// "Chapter rule applies" lines resolved to the chapter's rule.
    pub chapter_rule_refs: usize,
    /// Empty lines of the source skipped.
    pub blank_lines: usize,
    /// Lines that were the second half of a split alternative, joined to the line before.
    pub continuations_joined: usize,
    /// Lines added by splitting merged lines (override `split_lines`).
    pub lines_split: usize,
    /// Editorial notes dropped from the text ("(see Note 4 in Part 1 of this Schedule)").
    pub notes_dropped: usize,
    /// Mechanical text repairs (a stray ')').
    pub text_repairs: usize,
    /// Distinct phrase-override entries used.
    pub phrase_overrides_used: usize,
    /// Distinct rule-set-override entries used.
    pub rule_set_overrides_used: usize,
    /// Variant keys derived from the description, and set by the override file.
    pub variants_derived: usize,
    pub variants_from_overrides: usize,
    /// Every correction of the scraped data applied (hs repairs, label fixes, split lines, replaced rules),
    /// one line each with the override's note.
    pub corrections: Vec<String>,
}

impl CompileReport {
    pub fn new(scheme: &str) -> CompileReport {
        CompileReport { scheme: scheme.to_string(), ..CompileReport::default() }
    }
}

impl fmt::Display for CompileReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {} rule sets, {} rule lines", self.scheme, self.rule_sets, self.lines)?;
        writeln!(
            f,
            "  lines from patterns: {}, from phrase overrides: {}, chapter-rule references: {}",
            self.from_patterns, self.from_overrides, self.chapter_rule_refs
        )?;
        writeln!(f, "  branches replaced by rule-set overrides: {}", self.branches_from_overrides)?;
        writeln!(
            f,
            "  override entries used: {} phrases, {} rule sets",
            self.phrase_overrides_used, self.rule_set_overrides_used
        )?;
        writeln!(
            f,
            "  lines split: {}, continuations joined: {}, blank lines skipped: {}",
            self.lines_split, self.continuations_joined, self.blank_lines
        )?;
        writeln!(f, "  editorial notes dropped: {}, text repairs: {}", self.notes_dropped, self.text_repairs)?;
        writeln!(
            f,
            "  variant keys: {} derived from descriptions, {} from overrides",
            self.variants_derived, self.variants_from_overrides
        )?;
        writeln!(f, "  corrections applied: {}", self.corrections.len())?;
        for correction in &self.corrections {
            writeln!(f, "    - {correction}")?;
        }
        Ok(())
    }
}
