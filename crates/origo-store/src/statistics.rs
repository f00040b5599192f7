//! Aggregate figures for the dashboards, each over a range of calendar months: applications submitted and
//! certificates issued, revoked and replaced per month ([`activity`]), the HS subheadings most certified by items
//! and by value ([`hs_codes`]), and how applications were scored and routed by the risk engine ([`risk`]).
//!
//! Counting is done in SQL with portable expressions: a stored timestamp's first seven characters are its month
//! (`YYYY-MM`, see `codec.rs`), and a range is two timestamp bounds compared as text. Only exact sums of money are
//! left to Rust. Nothing here names a person or a company: these are counts and totals.

pub mod activity;
pub(crate) mod certified_goods;
pub mod hs_codes;
pub mod month;
pub mod risk;

pub use activity::{
    IssuedByKind, IssuedInMonth, StatusChangesInMonth, SubmittedInMonth, applications_submitted, certificates_issued,
    status_changes,
};
pub use hs_codes::{CurrencyTop, HsItems, HsValue, TopHsCodes, top_hs_codes};
pub use month::{Month, MonthRange};
pub use risk::{BANDS, RiskDistribution, RouteCount, risk_distribution};
