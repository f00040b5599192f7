//! `origo`: the one binary. `check` determines origin for a case (fixed interface, other tools rely on it);
//! `rules build` compiles the legal lists into the rule packs under `rules/`; `verify` checks signed documents offline;
//! `serve`, `demo`, `migrate`, `audit verify` and `keys rotate` work on the database (`--database-url`); `keys
//! init-kek` makes the key-encryption key that seals the signing keys in it; `risk score` scores an export history
//! (fixed interface, src/risk_cmd.rs).
#![forbid(unsafe_code)]

mod audit_cmd;
mod check;
mod cooperation_args;
mod deadline_sweep;
mod demo_cmd;
mod demo_data;
mod hs_csv;
mod import_cmd;
mod keys_cmd;
mod packs;
mod risk_args;
mod risk_cmd;
mod rules_cmd;
mod rules_compile_cmd;
mod rules_coverage_cmd;
mod rules_diff_cmd;
mod rules_editions_cmd;
mod server_cmd;
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
        /// Local configuration replacing rules or figures of the packs (docs/CHECK.md, "Pack overrides").
        #[arg(long, env = "ORIGO_PACK_OVERRIDES", value_name = "FILE")]
        pack_overrides: Option<PathBuf>,
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
    /// Import reference data into the project's derived form (data/).
    Import {
        #[command(subcommand)]
        command: import_cmd::ImportCommand,
    },
    /// Rule packs.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Serve the API (migrates the database first).
    Serve(server_cmd::ServeArgs),
    /// Bring the database schema up to date.
    Migrate(server_cmd::DatabaseArgs),
    /// Create a fresh SQLite database with demo data, serve it and print the logins.
    Demo(demo_cmd::DemoArgs),
    /// The audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Signing keys.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Risk scoring.
    Risk {
        #[command(subcommand)]
        command: risk_cmd::RiskCommand,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the hash chain: exit 0 when intact, 1 naming the first bad record.
    Verify(server_cmd::DatabaseArgs),
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Make a new signing key valid from today; old keys stay published.
    Rotate(keys_cmd::RotateArgs),
    /// Write a new key-encryption key (32 random bytes, base64) to PATH with mode 0600; never overwrites.
    InitKek(keys_cmd::InitKekArgs),
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Per pack, the subheadings its rule sets cover that differ between HS 2017 and HS 2022.
    Editions(rules_editions_cmd::Args),
    /// The rule sets whose rules changed between two packs and, given cases, the products that change outcome.
    Diff(rules_diff_cmd::Args),
    /// Compile every rule list of a uk-roo folder into OUT/uk/<scheme>.json, with OUT/overrides/uk/.
    Compile(rules_compile_cmd::CompileArgs),
    /// Per scheme of a uk-roo folder and in total, the rule sets and how many are evaluable.
    Coverage(rules_coverage_cmd::CoverageArgs),
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
        Command::Check { case, batch, format, rules, pack_overrides } => {
            check::run(case, batch, matches!(format, Format::Text), rules, pack_overrides)
        }
        Command::Import { command } => import_cmd::run(command),
        Command::Rules { command: RulesCommand::Editions(args) } => rules_editions_cmd::run(&args),
        Command::Rules { command: RulesCommand::Diff(args) } => rules_diff_cmd::run(&args),
        Command::Rules { command: RulesCommand::Compile(args) } => rules_compile_cmd::run(&args),
        Command::Rules { command: RulesCommand::Coverage(args) } => rules_coverage_cmd::run(&args),
        Command::Verify { file, keys, status } => verify_cmd::run(&file, keys.as_deref(), status.as_deref()),
        Command::Serve(args) => server_cmd::serve(args),
        Command::Migrate(args) => server_cmd::migrate(args),
        Command::Demo(args) => demo_cmd::run(args),
        Command::Audit { command: AuditCommand::Verify(args) } => audit_cmd::verify(args),
        Command::Keys { command: KeysCommand::Rotate(args) } => keys_cmd::rotate(args),
        Command::Keys { command: KeysCommand::InitKek(args) } => keys_cmd::init_kek(&args),
        Command::Risk { command } => risk_cmd::run(command),
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
