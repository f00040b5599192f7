//! The risk configuration in force: weights, parameters, thresholds, and the random-selection share and seed
//! (`origo_risk::RiskConfig`), read from the JSON file given to `origo serve --risk-config FILE`, the defaults
//! otherwise; and its fingerprint, stored with every assessment, so that one can tell which configuration decided.
//!
//! The default seed is 0 and public: a production deployment sets a seed of its own in its file, or exporters
//! could compute which applications will be selected at random.

use std::sync::Arc;

use origo_risk::{ConfigError, RiskConfig};
use sha2::{Digest, Sha256};

/// The configuration and its fingerprint.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskSettings {
    config: Arc<RiskConfig>,
    fingerprint: String,
}

impl RiskSettings {
    /// Settings from a configuration already read.
    pub fn new(config: RiskConfig) -> RiskSettings {
        let fingerprint = fingerprint(&config);
        RiskSettings { config: Arc::new(config), fingerprint }
    }

    /// Reads and checks a configuration file's text; the error names the field.
    pub fn from_json(text: &str) -> Result<RiskSettings, ConfigError> {
        RiskConfig::from_json(text).map(RiskSettings::new)
    }

    pub fn config(&self) -> &RiskConfig {
        &self.config
    }

    /// SHA-256 (lower-case hex) of the configuration as read, serialised whole with its defaults: a file that
    /// leaves a part out and one that states it as in the defaults agree, and any change of a weight, a threshold
    /// or the seed changes it.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}

impl Default for RiskSettings {
    fn default() -> RiskSettings {
        RiskSettings::new(RiskConfig::default())
    }
}

impl crate::Service {
    /// This service with another risk configuration, everything else shared (store, engine, keys). For the
    /// command line, which reads `--risk-config` after the service's start, and for `origo demo`, which draws its
    /// example of a random selection with a seed of its own.
    pub fn with_risk(&self, risk: RiskSettings) -> crate::Service {
        let mut config = (*self.config).clone();
        config.risk = risk;
        crate::Service { config: Arc::new(config), ..self.clone() }
    }
}

fn fingerprint(config: &RiskConfig) -> String {
    // Serialising a configuration of plain fields cannot fail; an empty text would still give a fixed digest.
    let json = serde_json::to_string(config).unwrap_or_default();
    crate::hex(&Sha256::digest(json.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_covers_the_defaults_and_changes_with_the_figures() {
        let defaults = RiskSettings::default();
        assert_eq!(defaults.fingerprint().len(), 64);
        let stated = RiskSettings::from_json(r#"{"trader": {"weight": 0.20}}"#).unwrap();
        assert_eq!(stated.fingerprint(), defaults.fingerprint());
        let seeded = RiskSettings::from_json(r#"{"random_selection": {"seed": 7}}"#).unwrap();
        assert_ne!(seeded.fingerprint(), defaults.fingerprint());
        assert_eq!(seeded.config().random_selection.seed, 7);
    }

    #[test]
    fn a_bad_file_names_the_field() {
        let error = RiskSettings::from_json(r#"{"trader": {"weight": 2}}"#).unwrap_err();
        assert_eq!(error.path, "trader.weight");
    }
}
