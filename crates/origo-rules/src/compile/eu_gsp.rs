//! EU GSP: Annex 22-03 to Delegated Regulation (EU) 2015/2446, one list with both branches. Lines after
//! "(a) LDCs" are the `ldc` branch, lines after "(b) Other beneficiary countries" the `other` branch; a rule set
//! without markers applies to all. The label of column 1 decides the coverage (see `coverage`).

use super::build::{self, Draft};
use super::coverage;
use super::error::CompileError;
use super::lines::eu_branches;
use super::metadata;
use super::overrides::Overrides;
use super::phrase::Context;
use super::report::CompileReport;
use super::source::parse_list;
use super::text::clean;
use super::{Compiled, finish};

pub fn compile(annex_json: &str, schemes_json: &str, overrides_json: &str) -> Result<Compiled, CompileError> {
    let header = metadata::eu_gsp(schemes_json)?;
    let list = parse_list(annex_json, "annex-22-03.json")?;
    let mut overrides = Overrides::parse(overrides_json, "eu-gsp")?;
    let mut report = CompileReport::new("eu-gsp");
    let mut drafts = Vec::with_capacity(list.rule_sets.len());
    for raw in &list.rule_sets {
        let label = clean(&raw.heading);
        let description = clean(&raw.subdivision);
        let corrections = overrides.rule_set(&label, &description, &raw.min);
        let repaired = corrections.iter().find_map(|c| c.hs.as_deref().map(|hs| (hs, c.note.as_str())));
        if corrections.iter().any(|c| c.label_fix.is_some()) {
            return Err(CompileError::new(&label, "label_fix (override)", "the EU list has one label per rule set"));
        }
        let coverage = coverage::eu(&label, &raw.min, &raw.max, repaired.map(|(hs, _)| hs))?;
        if let (Some(repair), Some((_, note))) = (&coverage.repair, repaired) {
            report.corrections.push(format!("{repair} ({note})"));
        }
        let lines: Vec<String> = raw.rules.iter().map(|r| r.rule.clone()).collect();
        let branches = eu_branches(&label, &lines)?;
        let cx = Context { headings: build::headings(&coverage), ..Context::default() };
        let branches = build::compile_branches(&label, branches, &corrections, &mut overrides, &cx, &mut report)?;
        drafts.push(Draft {
            reference: format!("Annex 22-03, {label}"),
            variant: corrections.iter().find_map(|c| c.variant.clone()),
            label,
            description,
            chapter: raw.chapter,
            coverage,
            id: String::new(),
            branches,
        });
    }
    finish(&header, drafts, &overrides, report)
}
