//! Loading the rule packs a command works with: the ones built into the binary or those of a folder, with the
//! overrides of local configuration (`--pack-overrides FILE`, `ORIGO_PACK_OVERRIDES`) applied and validated.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow};
use origo_rules::pack::{PackError, PackOverrides, RulePack};

/// The packs of `dir`, or the built-in ones, with the overrides of the file `overrides` applied.
pub fn load(dir: Option<&Path>, overrides: Option<&Path>) -> anyhow::Result<Vec<RulePack>> {
    let overrides = overrides.map(read_overrides).transpose()?;
    let packs = match dir {
        None => origo_rules::bundled::packs_with(overrides.as_ref())
            .map_err(|e| pack_error(e, overrides.as_ref(), "a built-in rule pack"))?,
        Some(dir) => from_dir(dir, overrides.as_ref())?,
    };
    if let Some(o) = &overrides {
        // An override for a scheme that is not loaded would silently change nothing.
        o.check_schemes(packs.iter().map(|p| p.scheme.as_str()))
            .map_err(|e| anyhow!("pack overrides {}, {e}", o.source))?;
    }
    Ok(packs)
}

/// A pack that does not load: an override's own error speaks for itself; any other names the pack, and the
/// overrides when they may be the cause.
fn pack_error(error: PackError, overrides: Option<&PackOverrides>, pack: &str) -> anyhow::Error {
    match (&error, overrides) {
        (PackError::Override { .. }, _) => anyhow!(error),
        (_, Some(o)) => anyhow!(error).context(format!("{pack}, with the pack overrides of {}", o.source)),
        (_, None) => anyhow!(error).context(format!("{pack} is invalid")),
    }
}

fn read_overrides(path: &Path) -> anyhow::Result<PackOverrides> {
    let text = fs::read_to_string(path).with_context(|| format!("cannot read pack overrides {}", path.display()))?;
    let source = path.display().to_string();
    PackOverrides::parse(&text, &source).map_err(|e| anyhow!("pack overrides {source}, {e}"))
}

/// Every `*.json` of `dir`, in name order.
fn from_dir(dir: &Path, overrides: Option<&PackOverrides>) -> anyhow::Result<Vec<RulePack>> {
    let entries = fs::read_dir(dir).with_context(|| format!("cannot read rule packs from {}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut packs = Vec::new();
    for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let text = fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let pack = RulePack::from_json_with(&text, overrides);
        packs.push(pack.map_err(|e| pack_error(e, overrides, &format!("rule pack {}", path.display())))?);
    }
    anyhow::ensure!(!packs.is_empty(), "no rule packs (*.json) in {}", dir.display());
    Ok(packs)
}
