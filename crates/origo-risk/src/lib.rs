//! Origo's risk engine, pure: configurable indicators, each explaining itself in a sentence with its figures; a
//! score between 0 and 1; the route it calls for; reproducible random selection; and the streaming scorer of an
//! export history in CSV.
//!
//! Like `origo-rules`, nothing here opens files or sockets, reads the clock, draws from the operating system's
//! randomness or runs async code: dates come with the facts, the random seed with the configuration, and the CSV
//! scorer reads any [`std::io::Read`] and writes any [`std::io::Write`].
//!
//! # Using it
//!
//! ```
//! use origo_risk::{ApplicationFacts, ExportRecord, History, RiskConfig, Route, assess};
//! use origo_risk::facts::{Country, ExporterRole, Hs6};
//! use rust_decimal::Decimal;
//!
//! let config = RiskConfig::default(); // or RiskConfig::from_json(text)?
//! let mut history = History::new(&config); // fed with the earlier exports, oldest first
//! let export = ExportRecord {
//!     exporter: "UZ-REX-0001".into(),
//!     date: time::macros::date!(2025 - 06 - 01),
//!     hs: Hs6::parse("610910").unwrap(),
//!     quantity: Decimal::from(2000),
//!     value: Decimal::from(8200),
//!     destination: Country::parse("DE").unwrap(),
//! };
//! let mut facts = ApplicationFacts::from_export("APP-2025-000123", export);
//! facts.scheme = Some("eu-gsp".into());
//! facts.role = Some(ExporterRole::Trader);
//!
//! let assessment = assess(&facts, &history.view(&facts.export.exporter, facts.export.hs), &config);
//! // New exporter (0.20), trader (0.20), GSP+ textile (0.15): 1 - 0.8 * 0.8 * 0.85 = 0.456 -> 0.46.
//! assert_eq!(assessment.score.to_string(), "0.46");
//! assert!(assessment.route >= Route::DocumentaryCheck);
//! assert_eq!(assessment.findings.len(), 3);
//! history.record(&facts.export); // once the export has happened
//! ```
//!
//! - [`RiskConfig`] ([`config`]): weights, parameters, thresholds, random share and seed; JSON with defaults.
//! - [`ApplicationFacts`] ([`facts`]): the export and what the application adds (scheme, role, MaxNOM used,
//!   capacity, inputs, verification record, supplier declarations, control flags); unknown facts leave their
//!   indicator silent.
//! - [`History`] / [`HistoryView`] ([`history`]): what earlier exports say, bounded per key.
//! - [`assess`] -> [`Assessment`] `{ score, findings, route, randomly_selected }`; [`Route`] ([`routing`]) with
//!   `second_signature_required()`.
//! - [`csv_score::score_csv`]: the streaming CSV scorer behind `origo risk score`.
//!
//! The indicators, the formula and the routes are described in docs/RISK.md.
#![forbid(unsafe_code)]

pub mod assess;
pub mod config;
pub mod csv_score;
pub mod facts;
pub mod history;
pub mod indicators;
pub mod routing;
pub mod score;
mod stats;

pub use assess::{Assessment, assess};
pub use config::{ConfigError, RiskConfig};
pub use facts::{ApplicationFacts, ExportRecord};
pub use history::{History, HistoryView};
pub use indicators::{Finding, Indicator};
pub use routing::Route;
pub use stats::RobustStats;
