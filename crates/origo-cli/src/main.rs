//! `origo`: the one binary. `check` determines origin for a case (fixed interface, other tools rely on it);
//! `rules build` compiles the legal lists into the rule packs under `rules/`; `verify` checks signed documents offline.
#![forbid(unsafe_code)]

mod check;
mod rules_cmd;
mod verify_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "origo", version, about = "Origo: electronic rules-of-origin platform")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Text,
}

#[derive(Subcommand)]
enum Command {
    /// Determine origin for a case (CASE.json, or - for standard input) and print the determination.
    Check {
        /// The case file, or - for standard input. Omit with --batch.
        #[arg(required_unless_present = "batch")]
        case: Option<PathBuf>,
        /// Read one case per line from FILE (- for standard input) and write one result per line.
        #[arg(long, value_name = "FILE", conflicts_with = "case")]
        batch: Option<PathBuf>,
        /// json (default) for tools, text for people.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Load rule packs from this folder instead of the packs built into the binary.
        #[arg(long, env = "ORIGO_RULES_DIR", value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Verify a signed certificate, a selective-disclosure copy, a QR payload or an OpenAttestation document
    /// offline: exit 0 valid, 1 invalid (with the reason), 2 unreadable.
    Verify {
        /// The document, or - for standard input.
        file: PathBuf,
        /// The published key set (origo-keys.json). Without it only OpenAttestation integrity can be checked.
        #[arg(long, value_name = "FILE")]
        keys: Option<PathBuf>,
        /// A status list of revoked and replaced certificates.
        #[arg(long, value_name = "FILE")]
        status: Option<PathBuf>,
    },
    /// Rule packs.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Compile the EU GSP and UK DCTS legal lists into rules/eu-gsp.json and rules/uk-dcts.json.
    Build {
        /// The shared data folder holding eu-gsp/ and uk-roo/.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Where the packs go; the overrides are read from OUT/overrides/.
        #[arg(long, default_value = "rules")]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check { case, batch, format, rules } => check::run(case, batch, matches!(format, Format::Text), rules),
        Command::Verify { file, keys, status } => verify_cmd::run(&file, keys.as_deref(), status.as_deref()),
        Command::Rules { command: RulesCommand::Build { data, out } } => {
            rules_cmd::build_packs(&data, &out).map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        // A reader that stops early (`origo check ... | head`) is not a failure to report.
        Err(error) if broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("origo: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|cause| cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}
