//! `origo rules diff OLD NEW [--cases FILE.jsonl|DIR] [--format text|json]`: the rule sets whose rules changed
//! between two packs (added, removed, changed, branch by branch with both rule texts) and, given cases, the products
//! whose determination changes: each case is decided under the old pack and under the new one.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use origo_rules::case::Case;
use origo_rules::engine::{Determination, Engine};
use origo_rules::pack::{ChangeKind, PackDiff, RulePack};
use serde::Serialize;

use crate::Format;

#[derive(clap::Args)]
pub struct Args {
    /// The pack before the change.
    old: PathBuf,
    /// The pack after the change.
    new: PathBuf,
    /// Cases to decide under both packs: a .jsonl file (one case per line), a case file, or a folder of case files.
    #[arg(long, value_name = "FILE|DIR")]
    cases: Option<PathBuf>,
    /// text (default) for people, json for tools.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// A case as read: where it comes from and its text.
struct Source {
    name: String,
    text: String,
}

/// One side of a case's comparison.
#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(untagged)]
enum Side {
    Decided { outcome: String, criterion: Option<String>, rule_set: Option<String>, rule: Option<String> },
    Invalid { invalid: String },
}

#[derive(Debug, Serialize)]
struct Change {
    case: String,
    product: String,
    old: Side,
    new: Side,
}

#[derive(Debug, Serialize, Default)]
struct Impact {
    checked: usize,
    /// Cases of another scheme, or not cases at all, with the reason.
    skipped: Vec<String>,
    changed: Vec<Change>,
}

#[derive(Serialize)]
struct Report<'a> {
    old: String,
    new: String,
    rules: &'a PackDiff,
    #[serde(skip_serializing_if = "Option::is_none")]
    cases: Option<Impact>,
}

fn load(path: &Path) -> anyhow::Result<RulePack> {
    let text = fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    RulePack::from_json(&text).with_context(|| format!("rule pack {}", path.display()))
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (old, new) = (load(&args.old)?, load(&args.new)?);
    let diff = old.diff(&new);
    let cases = match &args.cases {
        None => None,
        Some(path) => Some(impact(&old, &new, &read_cases(path)?)),
    };
    let report =
        Report { old: args.old.display().to_string(), new: args.new.display().to_string(), rules: &diff, cases };
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        Format::Text => write!(out, "{}", render_text(&report))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The cases of a .jsonl file (one per line), of a single case file, or of every .json file of a folder.
fn read_cases(path: &Path) -> anyhow::Result<Vec<Source>> {
    if path.is_dir() {
        let entries = fs::read_dir(path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.retain(|p| p.extension().is_some_and(|e| e == "json"));
        paths.sort();
        return paths
            .into_iter()
            .map(|p| {
                let text = fs::read_to_string(&p).with_context(|| format!("cannot read {}", p.display()))?;
                Ok(Source { name: p.display().to_string(), text })
            })
            .collect();
    }
    let text = fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "jsonl") {
        let lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
        return Ok(lines.map(|(n, l)| Source { name: format!("line {}", n + 1), text: l.to_string() }).collect());
    }
    Ok(vec![Source { name: path.display().to_string(), text }])
}

/// Decides a case under one pack; the case's scheme is taken to be the pack's, so that two versions of a scheme
/// under different names can be compared.
fn decide(engine: &Engine, scheme: &str, text: &str) -> Result<Determination, String> {
    let mut input = Case::from_json(text).map_err(|e| e.to_string())?;
    input.scheme = scheme.to_string();
    let case = engine.validate(input).map_err(|e| e.to_string())?;
    Ok(engine.determine(&case))
}

fn side(result: Result<Determination, String>) -> Side {
    match result {
        Ok(d) => Side::Decided {
            outcome: d.outcome.as_str().to_string(),
            criterion: d.criterion,
            rule_set: d.rule_set,
            rule: d.rule,
        },
        Err(invalid) => Side::Invalid { invalid },
    }
}

/// Whether two sides differ in what a certificate would say: the outcome and the criterion, or validity.
fn differs(old: &Side, new: &Side) -> bool {
    match (old, new) {
        (Side::Decided { outcome: a, criterion: c, .. }, Side::Decided { outcome: b, criterion: d, .. }) => {
            a != b || c != d
        }
        (Side::Invalid { .. }, Side::Invalid { .. }) => false,
        _ => true,
    }
}

fn impact(old: &RulePack, new: &RulePack, cases: &[Source]) -> Impact {
    let (old_engine, new_engine) = (Engine::new([old.clone()]), Engine::new([new.clone()]));
    let mut impact = Impact::default();
    for source in cases {
        let input = match Case::from_json(&source.text) {
            Ok(input) => input,
            Err(error) => {
                impact.skipped.push(format!("{}: not a case ({error})", source.name));
                continue;
            }
        };
        if input.scheme != old.scheme && input.scheme != new.scheme {
            impact.skipped.push(format!("{}: scheme {}", source.name, input.scheme));
            continue;
        }
        impact.checked += 1;
        let before = side(decide(&old_engine, &old.scheme, &source.text));
        let after = side(decide(&new_engine, &new.scheme, &source.text));
        if differs(&before, &after) {
            impact.changed.push(Change {
                case: source.name.clone(),
                product: input.product.hs,
                old: before,
                new: after,
            });
        }
    }
    impact
}

fn words(side: &Side) -> String {
    match side {
        Side::Decided { outcome, criterion: Some(c), .. } => format!("{outcome} ({c})"),
        Side::Decided { outcome, .. } => outcome.clone(),
        Side::Invalid { invalid } => format!("invalid ({invalid})"),
    }
}

fn render_text(report: &Report<'_>) -> String {
    let rules = report.rules;
    let count = |kind: ChangeKind| rules.rule_sets.iter().filter(|c| c.change == kind).count();
    let mut text = format!(
        "{} -> {}: {} rule sets changed, {} added, {} removed, {} unchanged\n",
        report.old,
        report.new,
        count(ChangeKind::Changed),
        count(ChangeKind::Added),
        count(ChangeKind::Removed),
        rules.unchanged
    );
    for change in &rules.rule_sets {
        let kind = serde_json::to_value(change.change).ok().and_then(|v| v.as_str().map(str::to_string));
        text.push_str(&format!("{} {} ({}, {})\n", kind.unwrap_or_default(), change.id, change.label, change.hs));
        for branch in &change.branches {
            let rule = |r: &Option<String>| r.as_deref().map(|r| format!("'{r}'")).unwrap_or_else(|| "none".into());
            text.push_str(&format!("  {}: {} -> {}\n", branch.branch, rule(&branch.old), rule(&branch.new)));
        }
        for field in &change.fields {
            text.push_str(&format!("  {field}\n"));
        }
    }
    if let Some(cases) = &report.cases {
        text.push_str(&format!(
            "Cases: {} checked, {} change outcome, {} skipped\n",
            cases.checked,
            cases.changed.len(),
            cases.skipped.len()
        ));
        for change in &cases.changed {
            text.push_str(&format!(
                "  {} (product {}): {} -> {}\n",
                change.case,
                change.product,
                words(&change.old),
                words(&change.new)
            ));
        }
    }
    text
}
