//! `--risk-config FILE` of `origo serve` and `origo demo`: the risk engine's configuration (weights, thresholds,
//! random share and seed; docs/RISK.md) as JSON, the defaults without it. A production deployment gives a file with
//! a seed of its own: with the public default seed, anyone could compute which applications will be selected at
//! random.

use std::path::PathBuf;

use anyhow::Context;
use origo_service::risk::RiskSettings;

/// The flag.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct RiskArgs {
    /// The risk engine's configuration (JSON, every field optional; docs/RISK.md, "Configuration").
    #[arg(long, env = "ORIGO_RISK_CONFIG", value_name = "FILE")]
    pub risk_config: Option<PathBuf>,
}

impl RiskArgs {
    /// The settings of the file, or the defaults; a file that cannot be read or a field that is wrong stops the
    /// start, naming the file and the field.
    pub fn settings(&self) -> anyhow::Result<RiskSettings> {
        let Some(path) = &self.risk_config else { return Ok(RiskSettings::default()) };
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        RiskSettings::from_json(&text).with_context(|| format!("{} is not a risk configuration", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_and_a_bad_field_is_named() {
        assert_eq!(RiskArgs::default().settings().unwrap(), RiskSettings::default());
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("risk.json");
        std::fs::write(&good, r#"{"random_selection": {"share": 0.1, "seed": 424242}}"#).unwrap();
        let settings = RiskArgs { risk_config: Some(good) }.settings().unwrap();
        assert_eq!(settings.config().random_selection.seed, 424242);
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, r#"{"trader": {"weight": 3}}"#).unwrap();
        let error = format!("{:#}", RiskArgs { risk_config: Some(bad) }.settings().unwrap_err());
        assert!(error.contains("bad.json") && error.contains("trader.weight"), "{error}");
        let missing = RiskArgs { risk_config: Some(dir.path().join("none.json")) }.settings().unwrap_err();
        assert!(format!("{missing:#}").contains("cannot read"), "{missing:#}");
    }
}
