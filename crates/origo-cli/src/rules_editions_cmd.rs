//! `origo rules editions [--rules DIR] [--format text|json]`: for each pack, the subheadings its rule sets cover that
//! differ between HS 2017 and HS 2022 (gone in 2022, new in 2022), with the most specific rule sets covering each.
//! A pack written for one edition has rule sets to review for every code of the other.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use origo_rules::editions::{self, Covered, PackEditions};

use crate::Format;

#[derive(clap::Args)]
pub struct Args {
    /// Load rule packs from this folder instead of the packs built into the binary.
    #[arg(long, env = "ORIGO_RULES_DIR", value_name = "DIR")]
    rules: Option<PathBuf>,
    /// text (default) for people, json for tools.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let packs = crate::packs::load(args.rules.as_deref(), None)?;
    let reports: Vec<PackEditions> = packs.iter().map(editions::report).collect();
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "packs": reports }))?;
            writeln!(out)?;
        }
        Format::Text => write!(out, "{}", render_text(&reports))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn render_text(reports: &[PackEditions]) -> String {
    let mut text = String::new();
    for report in reports {
        text.push_str(&format!(
            "{} (rules written for HS {}): {} subheadings gone in HS 2022, {} new in HS 2022 under its rule sets\n",
            report.scheme,
            report.hs_edition,
            report.gone_in_2022.len(),
            report.new_in_2022.len()
        ));
        for (title, list) in [("gone in HS 2022", &report.gone_in_2022), ("new in HS 2022", &report.new_in_2022)] {
            if !list.is_empty() {
                text.push_str(&format!("  {title}:\n"));
                list.iter().for_each(|c| text.push_str(&line(c)));
            }
        }
    }
    text
}

fn line(covered: &Covered) -> String {
    format!("    {} [{}] {}\n", covered.subheading, covered.rule_sets.join(", "), covered.description)
}
