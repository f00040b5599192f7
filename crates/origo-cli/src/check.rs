//! `origo check`: reads cases, validates them, determines origin and prints JSON or text. Exit code 0 for any
//! determination, 2 for invalid input (with a one-line message naming the field), 1 for other failures.

use std::fs;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use origo_rules::engine::{Determination, Engine};

const INVALID_INPUT: u8 = 2;

/// Loads the packs: from `dir` when given, otherwise the packs built into the binary; with the overrides of the
/// file `overrides` applied.
pub fn engine(dir: Option<&Path>, overrides: Option<&Path>) -> anyhow::Result<Engine> {
    Ok(Engine::new(crate::packs::load(dir, overrides)?))
}

fn read_input(path: &Path) -> anyhow::Result<String> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        io::stdin().read_to_string(&mut text).context("cannot read standard input")?;
        return Ok(text);
    }
    fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

pub fn run(
    case: Option<PathBuf>,
    batch: Option<PathBuf>,
    text: bool,
    rules: Option<PathBuf>,
    overrides: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let engine = engine(rules.as_deref(), overrides.as_deref())?;
    if let Some(batch) = batch {
        return run_batch(&engine, &batch, text);
    }
    let path = case.context("give a case file, - for standard input, or --batch FILE")?;
    let input = read_input(&path)?;
    let case = match engine.parse_case(&input) {
        Ok(case) => case,
        Err(error) => {
            eprintln!("origo: invalid input: {error}");
            return Ok(ExitCode::from(INVALID_INPUT));
        }
    };
    let determination = engine.determine(&case);
    let mut out = io::stdout().lock();
    if text {
        write!(out, "{}", render_text(&determination))?;
    } else {
        serde_json::to_writer_pretty(&mut out, &determination)?;
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One result per line; an invalid line gets `{"line": n, "error": {"field", "message"}}` and the exit code is 2
/// once every line has been answered.
fn run_batch(engine: &Engine, path: &Path, text: bool) -> anyhow::Result<ExitCode> {
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        let file = fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        Box::new(io::BufReader::with_capacity(1 << 20, file))
    };
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let mut invalid = 0usize;
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("cannot read line {}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        match engine.parse_case(&line) {
            Ok(case) => {
                let determination = engine.determine(&case);
                if text {
                    writeln!(out, "# line {}", n + 1)?;
                    write!(out, "{}", render_text(&determination))?;
                } else {
                    serde_json::to_writer(&mut out, &determination)?;
                    writeln!(out)?;
                }
            }
            Err(error) => {
                invalid += 1;
                let line_error = serde_json::json!({
                    "line": n + 1,
                    "error": {"code": "invalid_input", "field": error.field, "message": error.message}
                });
                serde_json::to_writer(&mut out, &line_error)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    if invalid > 0 {
        eprintln!("origo: {invalid} line(s) of invalid input");
        return Ok(ExitCode::from(INVALID_INPUT));
    }
    Ok(ExitCode::SUCCESS)
}

/// The explanation for people.
pub fn render_text(d: &Determination) -> String {
    let mut text = format!("Outcome: {}", d.outcome.as_str().replace('_', " "));
    if let Some(criterion) = &d.criterion {
        text.push_str(&format!(" (criterion {criterion})"));
    }
    text.push('\n');
    text.push_str(&format!("Scheme: {} (branch {})\n", d.scheme, d.branch));
    if let Some(rule_set) = &d.rule_set {
        text.push_str(&format!("Rule set: {rule_set}\n"));
    }
    if let Some(rule) = &d.rule {
        text.push_str(&format!("Rule: {rule}\n"));
    }
    if !d.cumulation.is_empty() {
        text.push_str(&format!("Cumulation: {}\n", d.cumulation.join(", ")));
    }
    if !d.variants.is_empty() {
        text.push_str(&format!("Variants: {}\n", d.variants.join(", ")));
    }
    text.push_str("Why:\n");
    for (i, line) in d.trace.iter().enumerate() {
        text.push_str(&format!("  {:>2}. {line}\n", i + 1));
    }
    if !d.missing.is_empty() {
        text.push_str(&format!("Missing facts: {}\n", d.missing.join(", ")));
    }
    for warning in &d.warnings {
        text.push_str(&format!("Warning: {warning}\n"));
    }
    text
}
