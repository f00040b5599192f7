//! The compiler for every rule list of the UK trade tariff's rules-of-origin data (`uk-roo`): one pack per
//! scheme (`rule_sets/<code>.json` -> pack `uk-<code>`), with the scheme's metadata from `roo_schemes_uk.json`
//! and the reviewed overrides of `rules/overrides/uk/<code>.json`.
//!
//! Unlike the EU GSP / UK DCTS compilers, which stop at a line nobody understood, this compiler marks such a rule
//! set `manual` with the reason, so that the pack is complete and says what it cannot decide; the coverage counts
//! how many rule sets are evaluable. Bad input (a malformed file, a missing field, a broken range) and
//! inconsistent overrides still stop the compile, naming the file, rule set and field.

mod header;
mod ids;
mod lines;
mod manual;
mod output;
mod range;
mod source;

use serde::Serialize;

use super::build::headings;
use super::coverage::Coverage;
use super::error::CompileError;
use super::lines::apply_splits;
use super::overrides::Overrides;
use super::phrase::Context;
use super::report::CompileReport;
use super::text::clean;
use crate::rule::Rule;

pub use header::scheme_codes;

/// A compiled uk-roo pack, what the compile did, and its coverage.
#[derive(Debug, Clone)]
pub struct RooCompiled {
    /// The pack JSON: pretty-printed, stable order, final newline.
    pub pack_json: String,
    pub report: CompileReport,
    pub coverage: SchemeCoverage,
}

/// How many rule sets of a scheme are evaluable, and why the others are manual.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SchemeCoverage {
    /// The uk-roo scheme code (`eu`, `japan`).
    pub scheme: String,
    pub rule_sets: usize,
    pub evaluable: usize,
    pub manual: usize,
    /// `(rule set id, label, reason)` of each manual rule set.
    #[serde(skip)]
    pub manual_sets: Vec<(String, String, String)>,
    /// The normalised rule lines no pattern understood, for the reviewer (not written into packs).
    #[serde(skip)]
    pub unmatched_lines: Vec<String>,
}

/// The processes a "process rule" footnote lists as "## <Name> Rule" sections, as alternatives of vocabulary ids.
/// Sections that name no process of the vocabulary (further rules for particular subheadings) are reported and
/// left out, which only makes the rule stricter where they apply.
fn footnote_processes(text: &str, notes: &mut Vec<String>) -> Option<Rule> {
    const NAMES: [(&str, &str); 8] = [
        ("biotechnological processing", "biotechnological_processing"),
        ("change in particle size", "particle_size_change"),
        ("chemical reaction", "chemical_reaction"),
        ("distillation", "distillation"),
        ("isomer separation", "isomer_separation"),
        ("mixing and blending", "mixing_and_blending"),
        ("production of standard materials", "standard_materials_production"),
        ("purification", "purification"),
    ];
    let mut processes = Vec::new();
    for heading in text.lines().filter_map(|l| l.trim().strip_prefix("## ")) {
        let name = heading.trim().to_lowercase();
        match NAMES.iter().find(|(n, _)| name.strip_suffix(" rule") == Some(n)) {
            Some((_, id)) => processes.push(Rule::Process(id.to_string())),
            None => notes.push(format!("footnote 'process rule': section '{}' is not read (stricter)", heading.trim())),
        }
    }
    (!processes.is_empty()).then(|| super::expr::any_of(processes))
}

/// Compiles scheme `code` from its rule-set file (`list_json`, named `file` in errors), the schemes file and, when
/// given, its override file.
pub fn compile_uk_roo(
    schemes_json: &str,
    code: &str,
    list_json: &str,
    file: &str,
    overrides_json: Option<&str>,
) -> Result<RooCompiled, CompileError> {
    let header = header::header(schemes_json, code)?;
    let mut notes_out = Vec::new();
    let raw = source::read(list_json, file)?;
    let mut joined_notes = Vec::new();
    let raw = source::join_continuations(raw, &mut joined_notes);
    let process_rule =
        source::footnotes(list_json).get("process rule").and_then(|text| footnote_processes(text, &mut notes_out));
    let scheme = header.scheme.clone();
    let empty = format!(r#"{{"scheme": "{scheme}"}}"#);
    let mut overrides = Overrides::parse(overrides_json.unwrap_or(&empty), &scheme)?;
    let mut report = CompileReport::new(&scheme);
    report.corrections.extend(header.notes.iter().cloned());
    report.corrections.append(&mut notes_out);
    report.corrections.append(&mut joined_notes);
    let mut unmatched = Vec::new();
    let mut outside = Vec::new();
    let mut drafts = Vec::with_capacity(raw.len());
    for (set, rows) in &raw {
        let rows = *rows;
        let label = clean(&set.heading);
        let description = clean(set.subdivision.as_deref().unwrap_or(""));
        let scope = range::scope(&label, &set.min, &set.max)?;
        let Some(hs) = scope.hs.clone() else {
            // Counted as manual, but not in the pack: no HS 2022 product can fall under it.
            let reason = format!("its range holds no HS 2022 code, so the pack leaves it out ({})", scope.range);
            report.corrections.push(format!("'{label}': {reason}"));
            outside.push((label.clone(), reason, rows));
            continue;
        };
        let corrections = overrides.rule_set(&label, &description, &set.min);
        if corrections.iter().any(|c| c.hs.is_some() || c.label_fix.is_some()) {
            return Err(CompileError::new(&label, "hs / label_fix (override)", "uk-roo ranges decide; not used here"));
        }
        let ex = label.to_lowercase().starts_with("ex ");
        let coverage = Coverage { hs: hs.clone(), ex, repair: None };
        let cx = Context {
            headings: headings(&coverage),
            value_basis: header.value_basis,
            scheme: code.to_string(),
            process_rule: process_rule.clone(),
            scope: Some(hs.clone()),
        };
        let replaced =
            corrections.iter().find_map(|c| c.rules.as_ref()?.get("all").map(|r| (r.clone(), c.note.clone())));
        let forced = corrections.iter().find_map(|c| c.manual.clone());
        let rule = if let Some(reason) = forced {
            report.corrections.push(format!("'{label}' ({}): manual by the overrides: {reason}", set.min.trim()));
            Err(reason)
        } else if let Some((text, note)) = replaced {
            let rule =
                Rule::parse(&text).map_err(|e| CompileError::new(&label, "rules.all (override)", e.to_string()))?;
            report.branches_from_overrides += 1;
            report.corrections.push(format!("'{label}' ({}): rule from the overrides ({note})", set.min.trim()));
            Ok(rule)
        } else if let Some(why) = scope.finer_than_subheading.clone() {
            Err(format!("{why}, which a six-digit product code cannot tell apart"))
        } else if set.valid == Some(false) {
            Err("marked not valid in the list".to_string())
        } else {
            let splits: Vec<_> = corrections.iter().flat_map(|c| c.split_lines.iter().cloned()).collect();
            let mut used = vec![false; splits.len()];
            let lines = apply_splits(set.rules.iter().map(|r| r.rule.clone()).collect(), &splits, &mut used);
            if let Some(i) = used.iter().position(|u| !u) {
                return Err(CompileError::new(&label, "split_lines (override)", format!("unused: {}", splits[i].text)));
            }
            lines::rule_of(&label, &lines, &mut overrides, &cx, &mut report, &mut unmatched)?
        };
        let idle = |c: &&super::overrides::RuleSetOverride| {
            c.rules.is_none() && c.manual.is_none() && c.variant.is_none() && c.split_lines.is_empty()
        };
        if corrections.iter().any(|c| idle(&c)) {
            return Err(CompileError::new(&label, "(override)", "the entry changes nothing"));
        }
        drafts.push((
            ids::Keyed {
                label: label.clone(),
                hs: hs.to_string(),
                ex,
                description,
                fixed: corrections.iter().find_map(|c| c.variant.clone()),
            },
            hs,
            rule,
            rows,
        ));
    }
    overrides.check_all_used()?;
    (report.phrase_overrides_used, report.rule_set_overrides_used) = overrides.used();
    let keyed: Vec<ids::Keyed> = drafts.iter().map(|(k, _, _, _)| k.clone()).collect();
    let (keys, notes) = ids::assign(&keyed)?;
    report.variants_derived = keys.iter().filter(|(k, _)| k.is_some()).count();
    report.corrections.extend(notes);
    let mut coverage = SchemeCoverage {
        scheme: code.to_string(),
        rule_sets: drafts.iter().map(|d| d.3).sum::<usize>() + outside.iter().map(|o| o.2).sum::<usize>(),
        manual: outside.iter().map(|o| o.2).sum(),
        manual_sets: outside.into_iter().map(|(label, reason, _)| (String::new(), label, reason)).collect(),
        unmatched_lines: unmatched,
        ..Default::default()
    };
    let mut entries = Vec::with_capacity(drafts.len());
    for ((keyed, hs, rule, rows), (variant, id)) in drafts.into_iter().zip(keys) {
        // Coverage counts the rows of the list: a rule set joined from two rows counts twice.
        match &rule {
            Ok(_) => coverage.evaluable += rows,
            Err(reason) => {
                coverage.manual += rows;
                coverage.manual_sets.push((id.clone(), keyed.label.clone(), reason.clone()));
            }
        }
        // Descriptions are kept only to tell variants apart.
        let description = if variant.is_some() { keyed.description } else { String::new() };
        entries.push(output::Entry { id, hs, label: keyed.label, ex: keyed.ex, description, variant, rule });
    }
    report.rule_sets = entries.len();
    let pack_json = output::pack_json(&header, &None, &entries)?;
    Ok(RooCompiled { pack_json, report, coverage })
}
