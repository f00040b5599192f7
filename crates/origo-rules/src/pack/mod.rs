//! Rule packs: one scheme's metadata (branches, cumulation, tolerance, groups) and its product-specific rule
//! sets, read from the JSON file under `rules/` and compiled once for fast evaluation.

mod caveats;
mod codes;
mod diff;
mod file;
mod lookup;
mod overrides;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::countries::CountrySet;
use crate::date::Date;
use crate::hs::Edition;
use crate::process;
use crate::rule::Rule;
use crate::selection::{Ranges, Selection, SelectionError};

pub use caveats::{Scope, Unconfirmed};
pub use diff::{BranchChange, ChangeKind, PackDiff, RuleSetChange};
pub use file::UnconfirmedFile;
pub use file::{BranchFile, CumulationFile, PackFile, ProofFile, RuleSetFile, ToleranceFile};
pub use lookup::{Candidate, Candidates};
pub use overrides::{AppliedOverride, OverrideError, PackOverrides, Target};

/// Why a pack cannot be loaded. Every variant names where the problem is.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("pack is not valid JSON for a rule pack: {0}")]
    Json(#[from] serde_json::Error),
    #[error("rule set '{rule_set}', field '{field}': {message}")]
    Field { rule_set: String, field: String, message: String },
    #[error("field '{field}': {message}")]
    Pack { field: String, message: String },
    #[error("pack overrides {file}, {field}: {message}")]
    Override { file: String, field: String, message: String },
}

/// A cumulation partner group: materials originating there count as originating.
#[derive(Debug, Clone)]
pub struct Cumulation {
    pub kind: String,
    pub label: String,
    pub reference: Option<String>,
    /// Branches whose exporters may use it; empty for every branch.
    pub branches: Vec<String>,
    pub countries: CountrySet,
}

/// The general tolerance of a scheme.
#[derive(Debug, Clone)]
pub struct Tolerance {
    pub value_percent: Decimal,
    /// Products of these codes use the weight of the product as basis instead of the ex-works price.
    pub weight_chapters: Ranges,
    /// Exceptions to `weight_chapters` (use the value basis).
    pub weight_excluded: Ranges,
    /// Products of these codes have no general tolerance.
    pub excluded: Ranges,
}

/// A rule as written and as compiled for evaluation.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    pub rule: Rule,
    pub text: String,
    /// Ways to satisfy the rule, each a list of atoms with their selections resolved.
    pub alternatives: Vec<Vec<Atom>>,
}

/// An atom of a rule with its selections resolved to code ranges.
#[derive(Debug, Clone)]
pub struct Atom {
    pub rule: Rule,
    /// The atom in the rule language, for the trace's steps.
    pub text: String,
    pub words: String,
    pub ranges: Vec<Ranges>,
}

/// One rule set of the list.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub id: String,
    pub hs: Ranges,
    pub hs_text: String,
    pub label: String,
    pub ex: bool,
    pub description: String,
    pub variant: Option<String>,
    pub reference: String,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// Rules by branch key; `all` applies to every branch. A manual rule set has one empty rule under `all`, so
    /// that lookup finds it like any other.
    /// Rules are shared between rule sets of the same text (a list repeats a few hundred texts thousands of times).
    pub rules: BTreeMap<String, Arc<CompiledRule>>,
    /// Why the rule set needs a manual examination (it has no evaluable rule).
    pub manual: Option<String>,
    /// Why the rule set's rule is not confirmed (a warning whenever it is tried).
    pub unconfirmed: Option<String>,
}

/// A compiled rule pack.
#[derive(Debug, Clone)]
pub struct RulePack {
    pub scheme: String,
    pub title: String,
    pub legal_basis: String,
    pub hs_edition: String,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// Branch key and label for each branch with a country list.
    pub branches: Vec<(String, String, CountrySet)>,
    /// The branch of countries in no list, usually `other`; `None` when every branch lists its countries, so
    /// that a country in no list is no beneficiary.
    pub default_branch: Option<(String, String)>,
    pub cumulation: Vec<Cumulation>,
    pub tolerance: Option<Tolerance>,
    pub proofs: Vec<ProofFile>,
    pub rule_sets: Vec<RuleSet>,
    /// `false` for non-preferential origin.
    pub preferential: bool,
    /// Figures not confirmed against the legal text.
    pub unconfirmed: Vec<Unconfirmed>,
    /// The scheme's own insufficient operations; `None` for the vocabulary's list.
    pub insufficient_operations: Option<Vec<String>>,
    /// Overrides applied by configuration, for the trace.
    pub overrides: Vec<AppliedOverride>,
    /// Rule-set indices by chapter, so that a lookup scans only the chapter's rule sets.
    by_chapter: HashMap<u32, Vec<usize>>,
}

fn parse_date(value: &Option<String>, field: &str, rule_set: &str) -> Result<Option<Date>, PackError> {
    match value {
        None => Ok(None),
        Some(text) => Date::parse(text).map(Some).ok_or_else(|| PackError::Field {
            rule_set: rule_set.to_string(),
            field: field.to_string(),
            message: format!("'{text}' is not a date (YYYY-MM-DD)"),
        }),
    }
}

fn resolve(text: &str, groups: &BTreeMap<String, Selection>, rule_set: &str, field: &str) -> Result<Ranges, PackError> {
    let error = |e: SelectionError| PackError::Field {
        rule_set: rule_set.to_string(),
        field: field.to_string(),
        message: e.to_string(),
    };
    Selection::parse(text).map_err(error)?.resolve(groups).map_err(error)
}

fn compile_rule(
    text: &str,
    groups: &BTreeMap<String, Selection>,
    rule_set: &str,
    field: &str,
) -> Result<CompiledRule, PackError> {
    let field_error =
        |message: String| PackError::Field { rule_set: rule_set.to_string(), field: field.to_string(), message };
    let rule = Rule::parse(text).map_err(|e| field_error(e.to_string()))?;
    if let Some(unknown) = rule.processes().into_iter().find(|p| process::kind(p).is_none()) {
        return Err(field_error(format!("unknown process id '{unknown}'")));
    }
    let mut alternatives = Vec::new();
    for conjunction in rule.alternatives() {
        let mut atoms = Vec::new();
        for atom in conjunction {
            let ranges = atom.selections().into_iter().map(|s| s.resolve(groups)).collect::<Result<Vec<_>, _>>();
            let ranges = ranges.map_err(|e| field_error(e.to_string()))?;
            atoms.push(Atom { text: atom.to_string(), words: atom.words(), ranges, rule: atom });
        }
        alternatives.push(atoms);
    }
    Ok(CompiledRule { text: rule.to_string(), rule, alternatives })
}

impl RulePack {
    /// Reads and compiles a pack from its JSON text.
    pub fn from_json(text: &str) -> Result<RulePack, PackError> {
        let file: PackFile = serde_json::from_str(text)?;
        RulePack::compile(file)
    }

    /// Compiles a parsed pack file: resolves groups, parses every rule, indexes rule sets by chapter.
    pub fn compile(file: PackFile) -> Result<RulePack, PackError> {
        let edition = Edition::parse(&file.hs_edition).ok_or_else(|| PackError::Pack {
            field: "hs_edition".to_string(),
            message: format!("'{}' is not an HS edition (2017 or 2022)", file.hs_edition),
        })?;
        let insufficient_operations = caveats::insufficient_operations(&file.insufficient_operations)?;
        let mut groups = BTreeMap::new();
        for (name, text) in &file.groups {
            let selection = Selection::parse(text)
                .map_err(|e| PackError::Pack { field: format!("groups.{name}"), message: e.to_string() })?;
            groups.insert(name.clone(), selection);
        }
        let mut branches = Vec::new();
        let mut default_branch = None;
        for (key, branch) in &file.branches {
            if branch.countries.is_empty() {
                default_branch = Some((key.clone(), branch.label.clone()));
            } else {
                branches.push((key.clone(), branch.label.clone(), branch.countries.iter().cloned().collect()));
            }
        }
        if file.branches.is_empty() {
            default_branch = Some(("all".to_string(), "All countries".to_string()));
        }
        let tolerance = match &file.tolerance {
            None => None,
            Some(t) => {
                let ranges = |value: &Option<String>, field: &str| match value {
                    None => Ok(Ranges::default()),
                    Some(text) => resolve(text, &groups, "(pack)", field),
                };
                Some(Tolerance {
                    value_percent: t.value_percent,
                    weight_chapters: ranges(&t.weight_chapters, "tolerance.weight_chapters")?,
                    weight_excluded: ranges(&t.weight_excluded, "tolerance.weight_excluded")?,
                    excluded: ranges(&t.excluded, "tolerance.excluded")?,
                })
            }
        };
        let mut rule_sets = Vec::with_capacity(file.rule_sets.len());
        let mut by_chapter: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut compiled_rules: HashMap<&str, Arc<CompiledRule>> = HashMap::new();
        for (index, set) in file.rule_sets.iter().enumerate() {
            let hs = resolve(&set.hs, &groups, &set.id, "hs")?;
            codes::check(&set.hs, &groups, edition).map_err(|message| PackError::Field {
                rule_set: set.id.clone(),
                field: "hs".to_string(),
                message,
            })?;
            for &(a, b) in hs.ranges() {
                for chapter in a / 10_000..=b / 10_000 {
                    by_chapter.entry(chapter).or_default().push(index);
                }
            }
            let mut rules = BTreeMap::new();
            match &set.manual {
                Some(reason) if reason.trim().is_empty() || !set.rules.is_empty() => {
                    return Err(PackError::Field {
                        rule_set: set.id.clone(),
                        field: "manual".to_string(),
                        message: "a manual rule set needs a reason and has no rules".to_string(),
                    });
                }
                Some(_) => {
                    let empty =
                        CompiledRule { rule: Rule::AnyOf(Vec::new()), text: String::new(), alternatives: Vec::new() };
                    rules.insert("all".to_string(), Arc::new(empty));
                }
                None if set.rules.is_empty() => {
                    return Err(PackError::Field {
                        rule_set: set.id.clone(),
                        field: "rules".to_string(),
                        message: "a rule set needs at least one rule".to_string(),
                    });
                }
                None => {}
            }
            for (branch, text) in &set.rules {
                let known = branch == "all" || file.branches.contains_key(branch);
                if !known {
                    return Err(PackError::Field {
                        rule_set: set.id.clone(),
                        field: format!("rules.{branch}"),
                        message: "no such branch in the pack's branches".to_string(),
                    });
                }
                // The same rule text recurs across a list ("CTH" thousands of times): compile it once.
                let compiled = match compiled_rules.get(text.as_str()) {
                    Some(done) => Arc::clone(done),
                    None => {
                        let done = Arc::new(compile_rule(text, &groups, &set.id, &format!("rules.{branch}"))?);
                        compiled_rules.insert(text.as_str(), Arc::clone(&done));
                        done
                    }
                };
                rules.insert(branch.clone(), compiled);
            }
            rule_sets.push(RuleSet {
                id: set.id.clone(),
                hs,
                hs_text: set.hs.clone(),
                label: set.label.clone(),
                ex: set.ex,
                description: set.description.clone(),
                variant: set.variant.clone(),
                reference: set.reference.clone().unwrap_or_else(|| format!("{}, {}", file.legal_basis, set.label)),
                valid_from: parse_date(&set.valid_from, "valid_from", &set.id)?,
                valid_to: parse_date(&set.valid_to, "valid_to", &set.id)?,
                rules,
                manual: set.manual.clone(),
                unconfirmed: set.unconfirmed.clone(),
            });
        }
        Ok(RulePack {
            valid_from: parse_date(&file.valid_from, "valid_from", "(pack)")?,
            valid_to: parse_date(&file.valid_to, "valid_to", "(pack)")?,
            scheme: file.scheme,
            title: file.title,
            legal_basis: file.legal_basis,
            hs_edition: file.hs_edition,
            branches,
            default_branch,
            cumulation: file
                .cumulation
                .into_iter()
                .map(|c| Cumulation {
                    kind: c.kind,
                    label: c.label,
                    reference: c.reference,
                    branches: c.branches,
                    countries: c.countries.into_iter().collect(),
                })
                .collect(),
            tolerance,
            proofs: file.proofs,
            rule_sets,
            preferential: file.preferential.unwrap_or(true),
            unconfirmed: file.unconfirmed.iter().map(Unconfirmed::from_file).collect(),
            insufficient_operations,
            overrides: Vec::new(),
            by_chapter,
        })
    }

    /// The branch key and label for an exporting country.
    pub fn branch_for(&self, country: &str) -> Option<(&str, &str)> {
        for (key, label, countries) in &self.branches {
            if countries.contains(country) {
                return Some((key, label));
            }
        }
        self.default_branch.as_ref().map(|(key, label)| (key.as_str(), label.as_str()))
    }

    /// The cumulation under which a material from `country` counts as originating for an exporter of
    /// `branch`, if any.
    pub fn cumulation_for(&self, country: &str, branch: &str) -> Option<&Cumulation> {
        let open_to = |c: &&Cumulation| c.branches.is_empty() || c.branches.iter().any(|b| b == branch);
        self.cumulation.iter().filter(open_to).find(|c| c.countries.contains(country))
    }

    /// Whether the scheme is in force on `date`.
    pub fn in_force(&self, date: Date) -> bool {
        self.valid_from.is_none_or(|from| from <= date) && self.valid_to.is_none_or(|to| date <= to)
    }
}
