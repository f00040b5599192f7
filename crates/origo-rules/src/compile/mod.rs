//! The rule-list compiler: the two real legal lists (EU GSP Annex 22-03, UK DCTS Schedule 1 as scraped by the
//! trade tariff) into Origo rule packs, by patterns plus a reviewed override file per scheme.
//!
//! Pure: every function takes the input texts and returns values; reading and writing files is the CLI's job
//! (`origo rules build`). The compile fails, naming the rule set and the field, when a rule line is neither
//! matched by a pattern nor overridden, when an override is unused, or when the scraped data contradicts itself
//! (a range that disagrees with its label); nothing is silently dropped or guessed.
//!
//! The stages: `source` reads a list; `coverage` derives each rule set's `hs`; `lines` splits branches and
//! compiles each line (`text` normalises, `phrase`, `conditions` and `textile` are the patterns, `overrides` the
//! reviewed decisions); `build` resolves "Chapter rule applies"; `variant` keys variants and ids; `metadata`,
//! `groups` and `output` write the pack, which is loaded back with `RulePack::from_json` before it is returned.
//!
//! `roo` compiles every rule list of the UK trade tariff's data (`compile_uk_roo`): there a line no pattern reads
//! makes its rule set `manual` with the reason instead of stopping the compile. Its lines go through `general`,
//! which prepares them (`fold`) and tries the patterns above and those of the other agreements' wording: `fta`
//! (changes of classification), `value` (MaxNOM, RVC, QVC), `named` and `fixed` (named materials, fixed process
//! sentences), `however` (exceptions and allowances of named materials), `joined` (lines joining two rules).

mod build;
mod codes;
mod conditions;
mod coverage;
mod error;
mod eu_gsp;
mod expr;
mod fixed;
mod fold;
mod fta;
mod general;
mod groups;
mod however;
mod joined;
mod lines;
mod metadata;
mod named;
mod output;
mod overrides;
mod phrase;
mod report;
mod roo;
mod source;
mod text;
mod textile;
mod uk_dcts;
mod value;
mod variant;

pub use error::CompileError;
pub use report::CompileReport;
pub use roo::{RooCompiled, SchemeCoverage, compile_uk_roo, scheme_codes};

use build::Draft;
use output::Header;
use overrides::Overrides;

/// A compiled pack and what the compile did.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The pack JSON: pretty-printed, stable order, final newline.
    pub pack_json: String,
    pub report: CompileReport,
}

/// Compiles EU GSP Annex 22-03 (`annex-22-03.json`) with the scheme data (`roo_schemes_uk.json`, for the
/// stand-in LDC list) and `rules/overrides/eu-gsp.json`.
pub fn compile_eu_gsp(annex_json: &str, schemes_json: &str, overrides_json: &str) -> Result<Compiled, CompileError> {
    eu_gsp::compile(annex_json, schemes_json, overrides_json)
}

/// Compiles the UK DCTS lists (`dcts-general-enhanced.json`, `dcts-ldcs.json`) with `roo_schemes_uk.json` and
/// `rules/overrides/uk-dcts.json` into one pack with the branches `ldc` and `other`.
pub fn compile_uk_dcts(
    general_json: &str,
    ldcs_json: &str,
    schemes_json: &str,
    overrides_json: &str,
) -> Result<Compiled, CompileError> {
    uk_dcts::compile(general_json, ldcs_json, schemes_json, overrides_json)
}

/// The stages after the lines are compiled, shared by both schemes.
fn finish(
    header: &Header,
    mut drafts: Vec<Draft>,
    overrides: &Overrides,
    mut report: CompileReport,
) -> Result<Compiled, CompileError> {
    build::resolve_chapter_rules(&mut drafts)?;
    variant::assign(&mut drafts, &mut report)?;
    overrides.check_all_used()?;
    (report.phrase_overrides_used, report.rule_set_overrides_used) = overrides.used();
    report.rule_sets = drafts.len();
    let pack_json = output::pack_json(header, &drafts)?;
    Ok(Compiled { pack_json, report })
}
