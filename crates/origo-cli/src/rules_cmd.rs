//! `origo rules build`: compiles the EU GSP and UK DCTS legal lists from the shared data folder, with the reviewed
//! overrides in `OUT/overrides/`, into `OUT/eu-gsp.json` and `OUT/uk-dcts.json`, and prints what the compiler did.
//!
//! Both packs are compiled before either is written, and each is written to a temporary file that is then renamed
//! over the old pack, so a failed build leaves the committed packs untouched.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use origo_rules::compile::{compile_eu_gsp, compile_uk_dcts};

fn read(path: PathBuf) -> anyhow::Result<String> {
    fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
}

/// Writes `text` to `path` through a temporary file in the same folder and a rename.
fn write_atomic(path: &Path, text: &str) -> anyhow::Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).context("pack path without a file name")?;
    let temporary = path.with_file_name(format!(".{name}.tmp"));
    fs::write(&temporary, text).with_context(|| format!("cannot write {}", temporary.display()))?;
    fs::rename(&temporary, path).with_context(|| format!("cannot replace {}", path.display()))
}

pub fn build_packs(data_dir: &Path, out_dir: &Path) -> anyhow::Result<()> {
    let schemes = read(data_dir.join("uk-roo/roo_schemes_uk.json"))?;
    let eu = compile_eu_gsp(
        &read(data_dir.join("eu-gsp/annex-22-03.json"))?,
        &schemes,
        &read(out_dir.join("overrides/eu-gsp.json"))?,
    )
    .context("compiling EU GSP")?;
    let uk = compile_uk_dcts(
        &read(data_dir.join("uk-roo/rule_sets/dcts-general-enhanced.json"))?,
        &read(data_dir.join("uk-roo/rule_sets/dcts-ldcs.json"))?,
        &schemes,
        &read(out_dir.join("overrides/uk-dcts.json"))?,
    )
    .context("compiling UK DCTS")?;
    write_atomic(&out_dir.join("eu-gsp.json"), &eu.pack_json)?;
    write_atomic(&out_dir.join("uk-dcts.json"), &uk.pack_json)?;
    print!("{}\n{}", eu.report, uk.report);
    println!("wrote {} and {}", out_dir.join("eu-gsp.json").display(), out_dir.join("uk-dcts.json").display());
    Ok(())
}
