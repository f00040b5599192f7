//! The risk indicators, one file each. An indicator looks at the facts, the history before the export and its own
//! part of the configuration, and either stays silent or returns a [`Finding`]: its points (its weight) and one
//! plain English sentence carrying the figures that made it fire. A weight of 0 turns an indicator off.

mod capacity;
mod control_flags;
mod export_surge;
mod new_exporter;
mod origin_near_limit;
mod preference_margin;
mod supplier_declarations;
mod trade_defence;
mod trader;
mod unit_value;
mod verification_record;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::config::RiskConfig;
use crate::facts::ApplicationFacts;
use crate::history::HistoryView;

/// Which indicator fired; `as_str` is the stable name used in configuration and JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    NewExporter,
    Trader,
    PreferenceMargin,
    OriginNearLimit,
    UnitValue,
    ExportSurge,
    Capacity,
    TradeDefence,
    VerificationRecord,
    SupplierDeclarations,
    ControlFlags,
}

impl Indicator {
    pub const ALL: [Indicator; 11] = [
        Indicator::NewExporter,
        Indicator::Trader,
        Indicator::PreferenceMargin,
        Indicator::OriginNearLimit,
        Indicator::UnitValue,
        Indicator::ExportSurge,
        Indicator::Capacity,
        Indicator::TradeDefence,
        Indicator::VerificationRecord,
        Indicator::SupplierDeclarations,
        Indicator::ControlFlags,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Indicator::NewExporter => "new_exporter",
            Indicator::Trader => "trader",
            Indicator::PreferenceMargin => "preference_margin",
            Indicator::OriginNearLimit => "origin_near_limit",
            Indicator::UnitValue => "unit_value",
            Indicator::ExportSurge => "export_surge",
            Indicator::Capacity => "capacity",
            Indicator::TradeDefence => "trade_defence",
            Indicator::VerificationRecord => "verification_record",
            Indicator::SupplierDeclarations => "supplier_declarations",
            Indicator::ControlFlags => "control_flags",
        }
    }
}

/// An indicator that fired: its points towards the score (0..=1) and why, in one sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub indicator: Indicator,
    pub points: Decimal,
    pub reason: String,
}

/// The finding of an indicator with this weight, or nothing when the indicator is turned off.
fn finding(indicator: Indicator, weight: Decimal, reason: String) -> Option<Finding> {
    (weight > Decimal::ZERO).then_some(Finding { indicator, points: weight, reason })
}

/// One indicator's check.
type Check = fn(&ApplicationFacts, &HistoryView<'_>, &RiskConfig) -> Option<Finding>;

/// Every indicator, in the order of [`Indicator::ALL`]; the findings of those that fired.
pub fn evaluate(facts: &ApplicationFacts, history: &HistoryView<'_>, config: &RiskConfig) -> Vec<Finding> {
    let mut findings = Vec::new();
    // Each check is cheap to skip when turned off: most records of a history fire nothing.
    let checks: [Check; 11] = [
        new_exporter::check,
        trader::check,
        preference_margin::check,
        origin_near_limit::check,
        unit_value::check,
        export_surge::check,
        capacity::check,
        trade_defence::check,
        verification_record::check,
        supplier_declarations::check,
        control_flags::check,
    ];
    findings.extend(checks.iter().filter_map(|check| check(facts, history, config)));
    findings
}

/// A decimal with two places, for money and unit values in sentences ("4.10").
fn two_places(value: Decimal) -> Decimal {
    let mut value = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    value.rescale(2);
    value
}

/// A decimal with one place, for ratios ("6.3 MADs", "4.2 times").
fn one_place(value: Decimal) -> Decimal {
    let mut value = value.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    value.rescale(1);
    value
}

/// A quantity or percentage as entered, without trailing zeros ("20000", "48.5").
fn plain(value: Decimal) -> Decimal {
    value.normalize()
}

/// "1 export" / "3 exports".
fn count(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
pub(crate) mod test_support;
