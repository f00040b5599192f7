//! `origo rules build` (being written).
use std::path::Path;

pub fn build_packs(_data_dir: &Path, _out_dir: &Path) -> anyhow::Result<()> {
    anyhow::bail!("not yet")
}
