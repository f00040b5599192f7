//! `origo rules coverage DIR [--format json|text] [--overrides DIR | --no-overrides]` (fixed interface): per scheme
//! of a uk-roo style folder and in total, the number of rule sets and how many are fully evaluable:
//!
//! ```json
//! {"schemes": [{"scheme": "eu", "rule_sets": 352, "evaluable": 340, "manual": 12}],
//!  "total": {"rule_sets": 28535, "evaluable": 27100, "manual": 1435}}
//! ```
//!
//! The figures count the rule sets of the legal lists, with the reviewed overrides of `rules/overrides/uk/` (or
//! `--overrides DIR`) applied when that folder exists; `--no-overrides` counts what the patterns alone make. The
//! text format shows both, and the manual rule sets with their reasons when `--manual` is given. Exit codes as
//! for `origo rules compile`.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use origo_rules::compile::SchemeCoverage;
use serde::Serialize;

use crate::Format;
use crate::rules_compile_cmd::compile_all;

#[derive(clap::Args)]
pub struct CoverageArgs {
    /// The uk-roo folder: roo_schemes_uk.json and rule_sets/*.json.
    dir: PathBuf,
    /// json for tools, text (default) for people.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The folder of override files.
    #[arg(long, value_name = "DIR", default_value = "rules/overrides/uk", conflicts_with = "no_overrides")]
    overrides: PathBuf,
    /// Count without the overrides: what the patterns alone make evaluable.
    #[arg(long)]
    no_overrides: bool,
    /// Text format: also list every manual rule set with its reason.
    #[arg(long)]
    manual: bool,
}

#[derive(Serialize)]
struct Total {
    rule_sets: usize,
    evaluable: usize,
    manual: usize,
}

#[derive(Serialize)]
struct Report<'a> {
    schemes: &'a [SchemeCoverage],
    total: Total,
}

fn total(schemes: &[SchemeCoverage]) -> Total {
    Total {
        rule_sets: schemes.iter().map(|s| s.rule_sets).sum(),
        evaluable: schemes.iter().map(|s| s.evaluable).sum(),
        manual: schemes.iter().map(|s| s.manual).sum(),
    }
}

fn coverage(
    args: &CoverageArgs,
    with_overrides: bool,
) -> Result<Vec<SchemeCoverage>, crate::rules_compile_cmd::Failure> {
    let overrides = (with_overrides && args.overrides.is_dir()).then_some(args.overrides.as_path());
    Ok(compile_all(&args.dir, overrides)?.into_iter().map(|c| c.coverage).collect())
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "-".into();
    }
    // Integer arithmetic, two decimals, rounded half up.
    let basis_points = (part * 100_000 / whole + 5) / 10;
    format!("{}.{:02}%", basis_points / 100, basis_points % 100)
}

pub fn run(args: &CoverageArgs) -> anyhow::Result<ExitCode> {
    let with = match coverage(args, !args.no_overrides) {
        Ok(c) => c,
        Err(failure) => return failure.report(),
    };
    let mut out = io::stdout().lock();
    if matches!(args.format, Format::Json) {
        serde_json::to_writer_pretty(&mut out, &Report { total: total(&with), schemes: &with })?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let without = if args.no_overrides {
        with.clone()
    } else {
        match coverage(args, false) {
            Ok(c) => c,
            Err(failure) => return failure.report(),
        }
    };
    let label = if args.no_overrides { "(no overrides)" } else { "with overrides" };
    writeln!(
        out,
        "{:<26} {:>9} {:>9} {:>7} {:>9}   {:>9} {:>9}",
        "scheme", "rule sets", "evaluable", "manual", "evaluable", "without", "overrides"
    )?;
    writeln!(out, "{:<26} {:>9} {:>9} {:>7} {:>9}   {:>9} {:>9}", "", "", label, "", "%", "evaluable", "%")?;
    for (w, wo) in with.iter().zip(&without) {
        writeln!(
            out,
            "{:<26} {:>9} {:>9} {:>7} {:>9}   {:>9} {:>9}",
            w.scheme,
            w.rule_sets,
            w.evaluable,
            w.manual,
            percent(w.evaluable, w.rule_sets),
            wo.evaluable,
            percent(wo.evaluable, wo.rule_sets)
        )?;
    }
    let (t, t0) = (total(&with), total(&without));
    writeln!(
        out,
        "{:<26} {:>9} {:>9} {:>7} {:>9}   {:>9} {:>9}",
        "total",
        t.rule_sets,
        t.evaluable,
        t.manual,
        percent(t.evaluable, t.rule_sets),
        t0.evaluable,
        percent(t0.evaluable, t0.rule_sets)
    )?;
    if args.manual {
        let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
        for s in &with {
            for (id, label, reason) in &s.manual_sets {
                writeln!(out, "{}\t{}\t{}\t{}", s.scheme, if id.is_empty() { "-" } else { id }, label, reason)?;
                *by_reason.entry(kind(reason)).or_default() += 1;
            }
        }
        writeln!(out, "manual rule sets by kind of reason:")?;
        for (reason, n) in by_reason {
            writeln!(out, "{n:>6}  {reason}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The kind of a manual reason: its words before the parenthesis naming the rule lines or the range.
fn kind(reason: &str) -> &str {
    reason.split(" (").next().unwrap_or(reason)
}
