//! `origo rules compile DIR [--out rules] [--overrides DIR]`: compiles every rule list of a uk-roo style folder
//! (`DIR/roo_schemes_uk.json` and `DIR/rule_sets/<code>.json`) into one pack per scheme, `OUT/uk/<code>.json`
//! (scheme `uk-<code>`), with the reviewed overrides of `OUT/overrides/uk/<code>.json` where there is one, and
//! prints per scheme how many rule sets are evaluable and what the overrides did.
//!
//! Every pack is compiled before any is written, and each is written to a temporary file renamed over the old
//! pack, so a bad input leaves the committed packs untouched. Exit codes: 0 written, 2 bad input (the message
//! names the file, rule set and field), 1 anything else (a file that cannot be read or written).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use origo_rules::compile::{CompileError, RooCompiled, compile_uk_roo, scheme_codes};

const BAD_INPUT: u8 = 2;

#[derive(clap::Args)]
pub struct CompileArgs {
    /// The uk-roo folder: roo_schemes_uk.json and rule_sets/*.json.
    dir: PathBuf,
    /// The rules folder: packs go to OUT/uk/, overrides are read from OUT/overrides/uk/.
    #[arg(long, default_value = "rules")]
    out: PathBuf,
    /// Read the overrides from this folder instead of OUT/overrides/uk/.
    #[arg(long, value_name = "DIR")]
    overrides: Option<PathBuf>,
    /// Print every correction the compile applied, not only the counts.
    #[arg(long)]
    verbose: bool,
}

/// Why the corpus could not be compiled.
pub enum Failure {
    /// A file could not be read: exit 1.
    Io(anyhow::Error),
    /// The input is malformed or unexpected: exit 2, with the message.
    Input(String),
}

impl Failure {
    /// Prints the failure and gives the exit code.
    pub fn report(self) -> anyhow::Result<ExitCode> {
        match self {
            Failure::Io(error) => Err(error),
            Failure::Input(message) => {
                eprintln!("origo: invalid input: {message}");
                Ok(ExitCode::from(BAD_INPUT))
            }
        }
    }
}

fn read(path: &Path) -> Result<String, Failure> {
    fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display())).map_err(Failure::Io)
}

fn input(file: &Path, error: CompileError) -> Failure {
    Failure::Input(format!("{}: {error}", file.display()))
}

/// Compiles every rule-set file of `dir`, in file-name order; `overrides` is the folder of override files, if any.
pub fn compile_all(dir: &Path, overrides: Option<&Path>) -> Result<Vec<RooCompiled>, Failure> {
    let schemes_path = dir.join("roo_schemes_uk.json");
    let schemes = read(&schemes_path)?;
    let known = scheme_codes(&schemes).map_err(|e| input(&schemes_path, e))?;
    let lists = dir.join("rule_sets");
    let entries = fs::read_dir(&lists)
        .with_context(|| format!("cannot read the rule lists in {}", lists.display()))
        .map_err(Failure::Io)?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Failure::Input(format!("{}: no rule lists (*.json)", lists.display())));
    }
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        let code = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        if !known.contains(&code) {
            return Err(Failure::Input(format!(
                "{}: no scheme '{code}' in {}",
                path.display(),
                schemes_path.display()
            )));
        }
        let list = read(&path)?;
        let override_path = overrides.map(|o| o.join(format!("{code}.json")));
        let override_text = match &override_path {
            Some(p) if p.exists() => Some(read(p)?),
            _ => None,
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let compiled = compile_uk_roo(&schemes, &code, &list, name, override_text.as_deref()).map_err(|e| {
            // An error in the override file names that file.
            let file =
                if e.rule_set == "(overrides)" { override_path.clone().unwrap_or(path.clone()) } else { path.clone() };
            input(&file, e)
        })?;
        out.push(compiled);
    }
    Ok(out)
}

/// Writes `text` to `path` through a temporary file in the same folder and a rename.
fn write_atomic(path: &Path, text: &str) -> anyhow::Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).context("pack path without a file name")?;
    let temporary = path.with_file_name(format!(".{name}.tmp"));
    fs::write(&temporary, text).with_context(|| format!("cannot write {}", temporary.display()))?;
    fs::rename(&temporary, path).with_context(|| format!("cannot replace {}", path.display()))
}

pub fn run(args: &CompileArgs) -> anyhow::Result<ExitCode> {
    let overrides = args.overrides.clone().unwrap_or_else(|| args.out.join("overrides/uk"));
    let compiled = match compile_all(&args.dir, Some(&overrides)) {
        Ok(compiled) => compiled,
        Err(failure) => return failure.report(),
    };
    let target = args.out.join("uk");
    fs::create_dir_all(&target).with_context(|| format!("cannot create {}", target.display()))?;
    for c in &compiled {
        write_atomic(&target.join(format!("{}.json", c.coverage.scheme)), &c.pack_json)?;
    }
    let mut out = io::stdout().lock();
    let (mut sets, mut evaluable) = (0, 0);
    for c in &compiled {
        let (r, cov) = (&c.report, &c.coverage);
        sets += cov.rule_sets;
        evaluable += cov.evaluable;
        writeln!(
            out,
            "{}: {} rule sets, {} evaluable, {} manual; {} lines ({} from phrase overrides), {} rule-set overrides, {} corrections",
            r.scheme,
            cov.rule_sets,
            cov.evaluable,
            cov.manual,
            r.lines,
            r.from_overrides,
            r.rule_set_overrides_used,
            r.corrections.len()
        )?;
        if args.verbose {
            for correction in &r.corrections {
                writeln!(out, "    - {correction}")?;
            }
        }
    }
    writeln!(out, "wrote {} packs to {}: {sets} rule sets, {evaluable} evaluable", compiled.len(), target.display())?;
    Ok(ExitCode::SUCCESS)
}
