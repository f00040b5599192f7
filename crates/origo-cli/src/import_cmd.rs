//! `origo import hs FILE.csv [--edition 2017|2022] [--out data/]`: reads a nomenclature CSV, checks every row, and
//! writes `OUT/hs<edition>.tsv`, the derived form the engine bundles. A progress bar runs on a terminal.
//!
//! Nothing is written unless the whole file is valid, and then through a temporary file renamed over the old
//! one, so a failed import never leaves a half-written nomenclature.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use crate::hs_csv;

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Import an HS nomenclature CSV (columns section,hscode,description,parent,level) into OUT/hs<edition>.tsv.
    Hs(HsArgs),
}

#[derive(Args)]
pub struct HsArgs {
    /// The CSV, e.g. ../shared/data/hs/harmonized-system-hs2017.csv.
    file: PathBuf,
    /// The HS edition the file holds.
    #[arg(long, default_value = "2022", value_parser = ["2017", "2022"])]
    edition: String,
    /// The folder the TSV goes to.
    #[arg(long, default_value = "data", value_name = "DIR")]
    out: PathBuf,
}

pub fn run(command: ImportCommand) -> anyhow::Result<ExitCode> {
    match command {
        ImportCommand::Hs(args) => import_hs(&args),
    }
}

fn import_hs(args: &HsArgs) -> anyhow::Result<ExitCode> {
    let text = fs::read_to_string(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    // Drawn on standard error, and only when it is a terminal, so piped output and tests stay clean.
    let bar = ProgressBar::new(text.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes}")
            .context("progress bar template")?
            .progress_chars("=> "),
    );
    bar.set_message(format!("reading {}", args.file.display()));
    let imported = hs_csv::read(&text, |done| bar.set_position(done as u64));
    bar.finish_and_clear();
    let imported = imported.with_context(|| format!("{} is not a valid nomenclature CSV", args.file.display()))?;
    let path = args.out.join(format!("hs{}.tsv", args.edition));
    write_atomic(&path, &imported.to_tsv(&args.edition))?;
    let (chapters, headings, subheadings) = imported.counts();
    println!(
        "wrote {}: HS {}, {chapters} chapters, {headings} headings, {subheadings} subheadings ({} TOTAL rows dropped)",
        path.display(),
        args.edition,
        imported.dropped
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes `text` to `path` through a temporary file in the same folder and a rename.
fn write_atomic(path: &Path, text: &str) -> anyhow::Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).context("output path without a file name")?;
    let temporary = path.with_file_name(format!(".{name}.tmp"));
    if let Err(error) = fs::write(&temporary, text) {
        // A partial temporary file is of no use to anyone.
        let _ = fs::remove_file(&temporary);
        return Err(error).with_context(|| format!("cannot write {}", temporary.display()));
    }
    fs::rename(&temporary, path).with_context(|| format!("cannot replace {}", path.display()))
}
