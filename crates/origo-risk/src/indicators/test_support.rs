//! Facts, histories and figures for the indicator tests.

use rust_decimal::Decimal;
use time::Date;

use crate::config::RiskConfig;
use crate::facts::{ApplicationFacts, Country, ExportRecord, Hs6};
use crate::history::History;

pub fn d(text: &str) -> Decimal {
    text.parse().expect("test decimal")
}

/// An export of `quantity` kg worth `value` USD.
pub fn export(exporter: &str, date: Date, hs: &str, quantity: &str, value: &str) -> ExportRecord {
    ExportRecord {
        exporter: exporter.to_owned(),
        date,
        hs: Hs6::parse(hs).expect("test HS code"),
        quantity: d(quantity),
        value: d(value),
        destination: Country::parse("DE").expect("test country"),
    }
}

pub fn facts(export: ExportRecord) -> ApplicationFacts {
    ApplicationFacts::from_export("app-1", export)
}

/// A history holding these exports.
pub fn history(config: &RiskConfig, exports: &[ExportRecord]) -> History {
    let mut history = History::new(config);
    for export in exports {
        history.record(export);
    }
    history
}
