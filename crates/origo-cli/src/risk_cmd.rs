//! `origo risk score FILE.csv [--config risk.json]` (fixed interface): scores an export history streaming, one JSON
//! line per record on standard output (`{"row": 1, "score": 0.42, "reasons": ["..."]}`, rows counted from 1 after
//! the header; a bad record gets `{"row": N, "field": "...", "error": "..."}`), with a progress bar on standard
//! error when it is a terminal. The scoring itself is `origo_risk::csv_score` (docs/RISK.md).
//!
//! Exit codes: 0 scored (bad records included); 2 the file or the configuration cannot be read, or the header is
//! not `exporter,date,hs,quantity,value,destination`; 1 the output cannot be written.

use std::fs::File;
use std::io::{self, BufWriter, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use origo_risk::RiskConfig;
use origo_risk::csv_score::{CsvScoreError, score_csv};

const UNREADABLE: u8 = 2;

#[derive(Subcommand)]
pub enum RiskCommand {
    /// Score an export history (CSV exporter,date,hs,quantity,value,destination; - for standard input): one JSON
    /// line per record on standard output.
    Score(ScoreArgs),
}

#[derive(Args)]
pub struct ScoreArgs {
    /// The history, oldest first; each record is scored against those before it.
    file: PathBuf,
    /// Risk configuration (JSON, docs/RISK.md); without it the defaults.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

pub fn run(command: RiskCommand) -> anyhow::Result<ExitCode> {
    match command {
        RiskCommand::Score(args) => score(&args),
    }
}

fn unreadable(message: String) -> anyhow::Result<ExitCode> {
    eprintln!("origo: {message}");
    Ok(ExitCode::from(UNREADABLE))
}

fn score(args: &ScoreArgs) -> anyhow::Result<ExitCode> {
    let config = match &args.config {
        None => RiskConfig::default(),
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => match RiskConfig::from_json(&text) {
                Ok(config) => config,
                Err(e) => return unreadable(format!("{}: {e}", path.display())),
            },
            Err(e) => return unreadable(format!("cannot read {}: {e}", path.display())),
        },
    };
    let (input, size): (Box<dyn Read>, Option<u64>) = if args.file == Path::new("-") {
        (Box::new(io::stdin().lock()), None)
    } else {
        match File::open(&args.file) {
            Ok(file) => {
                let size = file.metadata().ok().map(|m| m.len());
                (Box::new(file), size)
            }
            Err(e) => return unreadable(format!("cannot read {}: {e}", args.file.display())),
        }
    };
    // Drawn on standard error, and only when it is a terminal, so piped output and tests stay clean. The bar moves
    // with the bytes read, which the CSV reader takes in 64 KiB blocks.
    let bar = match size {
        Some(size) => ProgressBar::new(size).with_style(
            ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} {elapsed}, {eta} left")
                .context("progress bar template")?
                .progress_chars("=> "),
        ),
        None => ProgressBar::new_spinner(),
    };
    bar.set_message(format!("scoring {}", args.file.display()));
    let output = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let result = score_csv(bar.wrap_read(input), output, &config);
    bar.finish_and_clear();
    match result {
        Ok(summary) => {
            eprintln!(
                "origo: scored {} records of {}: {} with findings, {} refused",
                summary.rows,
                args.file.display(),
                summary.flagged,
                summary.errors
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e @ (CsvScoreError::Empty | CsvScoreError::Header { .. } | CsvScoreError::Read(_))) => {
            unreadable(format!("{}: {e}", args.file.display()))
        }
        Err(e @ CsvScoreError::Write(_)) => Err(e.into()),
    }
}
