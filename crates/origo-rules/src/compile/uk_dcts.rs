//! UK DCTS: two lists with the same rows, `dcts-ldcs.json` (Comprehensive Preferences, branch `ldc`) and
//! `dcts-general-enhanced.json` (Standard and Enhanced Preferences, branch `other`), compiled into one pack.
//!
//! Row i of one list is row i of the other: same commodity range, same description (up to spacing and case).
//! Where the two lists label a row differently ("Chapter 15" / "ex Chapter 15") the override file says which
//! label is right. The commodity range is the coverage (see `coverage`).

use super::build::{self, Draft};
use super::coverage;
use super::error::CompileError;
use super::metadata;
use super::overrides::Overrides;
use super::phrase::Context;
use super::report::CompileReport;
use super::source::parse_list;
use super::text::clean;
use super::{Compiled, finish};

pub fn compile(
    general_json: &str,
    ldcs_json: &str,
    schemes_json: &str,
    overrides_json: &str,
) -> Result<Compiled, CompileError> {
    let header = metadata::uk_dcts(schemes_json)?;
    let general = parse_list(general_json, "dcts-general-enhanced.json")?;
    let ldcs = parse_list(ldcs_json, "dcts-ldcs.json")?;
    if general.rule_sets.len() != ldcs.rule_sets.len() {
        return Err(CompileError::input("rule_sets", "the two DCTS lists have different numbers of rule sets"));
    }
    let mut overrides = Overrides::parse(overrides_json, "uk-dcts")?;
    let mut report = CompileReport::new("uk-dcts");
    let mut drafts = Vec::with_capacity(ldcs.rule_sets.len());
    for (l, g) in ldcs.rule_sets.iter().zip(&general.rule_sets) {
        let (ldc_label, general_label) = (clean(&l.heading), clean(&g.heading));
        let description = clean(&l.subdivision);
        if (l.min.trim(), l.max.trim()) != (g.min.trim(), g.max.trim()) {
            return Err(CompileError::new(
                &ldc_label,
                "min/max",
                "the two DCTS lists give different ranges for this row",
            ));
        }
        if description.to_lowercase() != clean(&g.subdivision).to_lowercase() {
            return Err(CompileError::new(
                &ldc_label,
                "subdivision",
                "the two DCTS lists describe this row differently",
            ));
        }
        let corrections = overrides.rule_set(&ldc_label, &description, &l.min);
        if corrections.iter().any(|c| c.hs.is_some()) {
            return Err(CompileError::new(&ldc_label, "hs (override)", "UK ranges are exact; fix the label instead"));
        }
        let label = match corrections.iter().find_map(|c| c.label_fix.as_ref().map(|f| (f, &c.note))) {
            Some((fixed, note)) if ldc_label != general_label => {
                report
                    .corrections
                    .push(format!("'{ldc_label}' / '{general_label}' ({}): label '{fixed}' ({note})", l.min.trim()));
                fixed.clone()
            }
            Some(_) => return Err(CompileError::new(&ldc_label, "label_fix (override)", "unused: both lists agree")),
            None if ldc_label == general_label => ldc_label,
            None => {
                let message =
                    format!("'{ldc_label}' (dcts-ldcs) vs '{general_label}' (dcts-general-enhanced); add a label_fix");
                return Err(CompileError::new(&ldc_label, "heading", message));
            }
        };
        let coverage = coverage::uk(&label, &l.min, &l.max)?;
        let lines = |set: &super::source::RawRuleSet| set.rules.iter().map(|r| r.rule.clone()).collect::<Vec<_>>();
        let branches = vec![("ldc".to_string(), lines(l)), ("other".to_string(), lines(g))];
        let cx = Context { headings: build::headings(&coverage), ..Context::default() };
        let branches = build::compile_branches(&label, branches, &corrections, &mut overrides, &cx, &mut report)?;
        drafts.push(Draft {
            reference: format!("DCTS rules of origin, Schedule 1 Parts 2 (ldc) and 3 (other), {label}"),
            variant: corrections.iter().find_map(|c| c.variant.clone()),
            label,
            description,
            chapter: l.chapter,
            coverage,
            id: String::new(),
            branches,
        });
    }
    finish(&header, drafts, &overrides, report)
}
