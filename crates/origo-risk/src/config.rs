//! `RiskConfig`: each indicator's weight and parameters, the route thresholds, random selection, and the wording
//! units; read from JSON, every field optional (a missing one keeps its default), unknown fields refused.
//!
//! The defaults (docs/RISK.md) are a starting point for a certifying body to tune, not legal figures: in
//! particular the trade-defence list is an example to replace with the measures in force.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::facts::{Country, Hs6};

/// Why a configuration was refused: the JSON path of the field and what is wrong with it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("risk configuration, {path}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub message: String,
}

fn dec(text: &str) -> Decimal {
    text.parse().expect("default decimal literal")
}

/// The whole configuration. Each part's `Default` says its figures; `RiskConfig::default()` is all of them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RiskConfig {
    pub thresholds: Thresholds,
    pub random_selection: RandomSelection,
    pub new_exporter: NewExporter,
    pub trader: Trader,
    pub preference_margin: PreferenceMargin,
    pub origin_near_limit: OriginNearLimit,
    pub unit_value: UnitValue,
    pub export_surge: ExportSurge,
    pub capacity: Capacity,
    pub trade_defence: TradeDefence,
    pub verification_record: VerificationRecordRule,
    pub supplier_declarations: SupplierDeclarations,
    pub control_flags: ControlFlags,
    pub display: Display,
}

/// Scores from `medium` up route to a documentary check, from `high` up to inspection and a second signature.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    pub medium: Decimal,
    pub high: Decimal,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { medium: dec("0.30"), high: dec("0.60") }
    }
}

/// The share of applications selected at random (0.05 = 5%), drawn reproducibly from `seed` and each
/// application's id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RandomSelection {
    pub share: Decimal,
    pub seed: u64,
}

impl Default for RandomSelection {
    fn default() -> Self {
        RandomSelection { share: dec("0.05"), seed: 0 }
    }
}

/// Fewer than `min_earlier_exports` on record, or registered (first export) less than `min_age_days` ago.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NewExporter {
    pub weight: Decimal,
    pub min_earlier_exports: u32,
    pub min_age_days: u32,
}

impl Default for NewExporter {
    fn default() -> Self {
        NewExporter { weight: dec("0.20"), min_earlier_exports: 5, min_age_days: 180 }
    }
}

/// The exporter trades the goods rather than producing them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Trader {
    pub weight: Decimal,
}

impl Default for Trader {
    fn default() -> Self {
        Trader { weight: dec("0.20") }
    }
}

/// Goods of these chapters under these schemes (or, when the scheme is not known, to these destinations) carry a
/// high preference margin: GSP+ textiles, chapters 50-63, by default.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PreferenceMargin {
    pub weight: Decimal,
    pub chapters: Vec<ChapterRange>,
    pub schemes: Vec<String>,
    pub destinations: Vec<String>,
}

/// The EU-27, where an EU GSP preference is claimed.
const EU27: [&str; 27] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

impl Default for PreferenceMargin {
    fn default() -> Self {
        PreferenceMargin {
            weight: dec("0.15"),
            chapters: vec![ChapterRange { from: 50, to: 63 }],
            schemes: vec!["eu-gsp".to_owned()],
            destinations: EU27.iter().map(|c| (*c).to_owned()).collect(),
        }
    }
}

/// A chapter or a range of chapters, written `"61"` or `"50-63"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ChapterRange {
    pub from: u32,
    pub to: u32,
}

impl ChapterRange {
    pub fn contains(&self, chapter: u32) -> bool {
        (self.from..=self.to).contains(&chapter)
    }
}

impl TryFrom<String> for ChapterRange {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let chapter = |part: &str| {
            part.trim().parse::<u32>().ok().filter(|c| (1..=97).contains(c)).ok_or_else(|| {
                format!("{text:?} is not a chapter or range of chapters (\"61\", \"50-63\", chapters 1 to 97)")
            })
        };
        let (from, to) = match text.split_once('-') {
            Some((from, to)) => (chapter(from)?, chapter(to)?),
            None => (chapter(&text)?, chapter(&text)?),
        };
        if from > to {
            return Err(format!("{text:?}: the range runs backwards"));
        }
        Ok(ChapterRange { from, to })
    }
}

impl From<ChapterRange> for String {
    fn from(range: ChapterRange) -> String {
        range.to_string()
    }
}

impl fmt::Display for ChapterRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to { write!(f, "{:02}", self.from) } else { write!(f, "{:02}-{:02}", self.from, self.to) }
    }
}

/// MaxNOM used within `within_points` percentage points of its ceiling (48% against 50% with 5 points).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OriginNearLimit {
    pub weight: Decimal,
    pub within_points: Decimal,
}

impl Default for OriginNearLimit {
    fn default() -> Self {
        OriginNearLimit { weight: dec("0.20"), within_points: dec("5") }
    }
}

/// The unit value lies more than `max_mads` median absolute deviations from the median of the exporter's recent
/// unit values for the subheading (with at least `min_exporter_history` of them) or of everyone's for the
/// subheading (at least `min_hs_history`). Each key keeps its last `window` unit values. When the deviations'
/// median is zero (most earlier values equal), a relative difference above `equal_history_tolerance` fires.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UnitValue {
    pub weight: Decimal,
    pub max_mads: Decimal,
    pub min_exporter_history: u32,
    pub min_hs_history: u32,
    pub window: u32,
    pub equal_history_tolerance: Decimal,
}

impl Default for UnitValue {
    fn default() -> Self {
        UnitValue {
            weight: dec("0.30"),
            max_mads: dec("5"),
            min_exporter_history: 8,
            min_hs_history: 20,
            window: 64,
            equal_history_tolerance: dec("0.25"),
        }
    }
}

/// The exporter's monthly average value over the last `recent_months` (this month and this export included) is
/// more than `factor` times the monthly average of the `baseline_months` before them (counted from the first
/// export when it is later; at least `min_baseline_months` of them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExportSurge {
    pub weight: Decimal,
    pub recent_months: u32,
    pub baseline_months: u32,
    pub min_baseline_months: u32,
    pub factor: Decimal,
}

impl Default for ExportSurge {
    fn default() -> Self {
        ExportSurge {
            weight: dec("0.20"),
            recent_months: 3,
            baseline_months: 12,
            min_baseline_months: 3,
            factor: dec("3"),
        }
    }
}

/// The quantity of the subheading exported in the last 12 months (this export included) exceeds the producer's
/// declared annual capacity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Capacity {
    pub weight: Decimal,
}

impl Default for Capacity {
    fn default() -> Self {
        Capacity { weight: dec("0.30") }
    }
}

/// Inputs of a subheading (by prefix) from a country under trade-defence measures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TradeDefence {
    pub weight: Decimal,
    pub measures: Vec<TradeDefenceMeasure>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TradeDefenceMeasure {
    /// 2 to 6 digits: "7607" covers 760711.
    pub hs_prefix: String,
    pub country: String,
    /// Shown in the explanation (what the measure is).
    #[serde(default)]
    pub note: Option<String>,
}

impl Default for TradeDefence {
    fn default() -> Self {
        let measure = |hs_prefix: &str, country: &str, note: &str| TradeDefenceMeasure {
            hs_prefix: hs_prefix.to_owned(),
            country: country.to_owned(),
            note: Some(note.to_owned()),
        };
        TradeDefence {
            weight: dec("0.25"),
            // Examples of the kinds of goods in DOMAIN.md section 5; replace with the measures in force.
            measures: vec![
                measure("8712", "CN", "anti-dumping duty on bicycles"),
                measure("7607", "CN", "anti-dumping duty on aluminium foil"),
                measure("7208", "CN", "anti-dumping duty on hot-rolled flat steel"),
            ],
        }
    }
}

/// Earlier failed verifications or unanswered requests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VerificationRecordRule {
    pub weight: Decimal,
}

impl Default for VerificationRecordRule {
    fn default() -> Self {
        VerificationRecordRule { weight: dec("0.30") }
    }
}

/// A supplier declaration expired, or expiring within `within_days` of the export date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SupplierDeclarations {
    pub weight: Decimal,
    pub within_days: u32,
}

impl Default for SupplierDeclarations {
    fn default() -> Self {
        SupplierDeclarations { weight: dec("0.10"), within_days: 30 }
    }
}

/// Flags raised by post-clearance control (over-use, use in two countries) and revoked supplier declarations
/// relied on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ControlFlags {
    pub weight: Decimal,
}

impl Default for ControlFlags {
    fn default() -> Self {
        ControlFlags { weight: dec("0.25") }
    }
}

/// Units named in the explanations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Display {
    pub currency: String,
    pub quantity_unit: String,
}

impl Default for Display {
    fn default() -> Self {
        Display { currency: "USD".to_owned(), quantity_unit: "kg".to_owned() }
    }
}

impl RiskConfig {
    /// Reads a configuration from JSON and checks it; the error names the field.
    pub fn from_json(text: &str) -> Result<RiskConfig, ConfigError> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let config: RiskConfig = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let path = error.path().to_string();
            ConfigError {
                path: if path == "." { "(root)".to_owned() } else { path },
                message: error.into_inner().to_string(),
            }
        })?;
        config.validate()?;
        Ok(config)
    }

    /// Checks the figures that serde cannot: weights, shares and thresholds between 0 and 1, windows and periods
    /// within bounds, codes well formed.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let fail = |path: &str, message: String| Err(ConfigError { path: path.to_owned(), message });
        let unit = |path: &str, value: Decimal| {
            if value < Decimal::ZERO || value > Decimal::ONE {
                fail(path, format!("{value} is not between 0 and 1"))
            } else {
                Ok(())
            }
        };
        let positive = |path: &str, value: Decimal| {
            if value <= Decimal::ZERO { fail(path, format!("{value} must be greater than 0")) } else { Ok(()) }
        };
        unit("thresholds.medium", self.thresholds.medium)?;
        unit("thresholds.high", self.thresholds.high)?;
        if self.thresholds.medium > self.thresholds.high {
            return fail("thresholds.medium", "must not be above thresholds.high".to_owned());
        }
        unit("random_selection.share", self.random_selection.share)?;
        for (path, weight) in [
            ("new_exporter.weight", self.new_exporter.weight),
            ("trader.weight", self.trader.weight),
            ("preference_margin.weight", self.preference_margin.weight),
            ("origin_near_limit.weight", self.origin_near_limit.weight),
            ("unit_value.weight", self.unit_value.weight),
            ("export_surge.weight", self.export_surge.weight),
            ("capacity.weight", self.capacity.weight),
            ("trade_defence.weight", self.trade_defence.weight),
            ("verification_record.weight", self.verification_record.weight),
            ("supplier_declarations.weight", self.supplier_declarations.weight),
            ("control_flags.weight", self.control_flags.weight),
        ] {
            unit(path, weight)?;
        }
        if self.origin_near_limit.within_points < Decimal::ZERO {
            return fail("origin_near_limit.within_points", "must not be negative".to_owned());
        }
        positive("unit_value.max_mads", self.unit_value.max_mads)?;
        positive("unit_value.equal_history_tolerance", self.unit_value.equal_history_tolerance)?;
        if !(1..=1024).contains(&self.unit_value.window) {
            return fail("unit_value.window", format!("{} is not between 1 and 1024", self.unit_value.window));
        }
        let surge = &self.export_surge;
        if !(1..=24).contains(&surge.recent_months) {
            return fail("export_surge.recent_months", format!("{} is not between 1 and 24", surge.recent_months));
        }
        if !(1..=60).contains(&surge.baseline_months) {
            return fail("export_surge.baseline_months", format!("{} is not between 1 and 60", surge.baseline_months));
        }
        if !(1..=surge.baseline_months).contains(&surge.min_baseline_months) {
            return fail("export_surge.min_baseline_months", "must be between 1 and baseline_months".to_owned());
        }
        positive("export_surge.factor", surge.factor)?;
        for (i, destination) in self.preference_margin.destinations.iter().enumerate() {
            if Country::parse(destination).is_none() {
                return fail(
                    &format!("preference_margin.destinations[{i}]"),
                    format!("{destination:?} is not a country code"),
                );
            }
        }
        for (i, measure) in self.trade_defence.measures.iter().enumerate() {
            let prefix = &measure.hs_prefix;
            let digits = prefix.len() >= 2 && prefix.len() <= 6 && prefix.bytes().all(|b| b.is_ascii_digit());
            if !digits || Hs6::parse(&format!("{prefix:0<6}")).is_none() {
                return fail(
                    &format!("trade_defence.measures[{i}].hs_prefix"),
                    format!("{prefix:?} is not 2 to 6 digits of an HS code"),
                );
            }
            if Country::parse(&measure.country).is_none() {
                return fail(
                    &format!("trade_defence.measures[{i}].country"),
                    format!("{:?} is not a country code", measure.country),
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_object_is_the_default() {
        assert_eq!(RiskConfig::from_json("{}").unwrap(), RiskConfig::default());
        assert!(RiskConfig::default().validate().is_ok());
    }

    #[test]
    fn the_defaults_in_docs_risk_md_are_the_defaults() {
        let doc = include_str!("../../../docs/RISK.md");
        let start = doc.find("```json\n").expect("docs/RISK.md has the defaults") + "```json\n".len();
        let end = start + doc[start..].find("```").expect("closed block");
        assert_eq!(RiskConfig::from_json(&doc[start..end]).unwrap(), RiskConfig::default());
    }

    #[test]
    fn fields_override_defaults_and_decimals_read_exactly() {
        let config = RiskConfig::from_json(
            r#"{"thresholds": {"medium": 0.25}, "random_selection": {"share": "0.1", "seed": 7},
                "preference_margin": {"chapters": ["61", "50-55"]}}"#,
        )
        .unwrap();
        assert_eq!(config.thresholds.medium, dec("0.25"));
        assert_eq!(config.thresholds.high, dec("0.60"));
        assert_eq!(config.random_selection, RandomSelection { share: dec("0.1"), seed: 7 });
        assert_eq!(
            config.preference_margin.chapters,
            [ChapterRange { from: 61, to: 61 }, ChapterRange { from: 50, to: 55 }]
        );
    }

    #[test]
    fn errors_name_the_field() {
        let err = RiskConfig::from_json(r#"{"unit_value": {"max_madz": 3}}"#).unwrap_err();
        assert_eq!(err.path, "unit_value.max_madz");
        assert!(err.message.contains("max_madz"), "{err}");
        let err = RiskConfig::from_json(r#"{"trader": {"weight": 1.5}}"#).unwrap_err();
        assert_eq!(err.path, "trader.weight");
        let err = RiskConfig::from_json(r#"{"thresholds": {"medium": 0.7, "high": 0.6}}"#).unwrap_err();
        assert_eq!(err.path, "thresholds.medium");
        let err = RiskConfig::from_json(r#"{"preference_margin": {"chapters": ["63-50"]}}"#).unwrap_err();
        assert_eq!(err.path, "preference_margin.chapters[0]");
        let err = RiskConfig::from_json(r#"{"trade_defence": {"measures": [{"hs_prefix": "76a7", "country": "CN"}]}}"#)
            .unwrap_err();
        assert_eq!(err.path, "trade_defence.measures[0].hs_prefix");
        let err = RiskConfig::from_json(r#"{"unit_value": {"window": 0}}"#).unwrap_err();
        assert_eq!(err.path, "unit_value.window");
    }
}
