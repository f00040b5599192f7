//! Risk-based examination: at submission (and at each resubmission after a request for information) the
//! application is scored by the pure risk engine (`origo-risk`, docs/RISK.md) from what the store knows, the
//! assessment is stored and audited in the submission's transaction, and its route is applied: inspection sets the
//! application's `high_risk` flag (a supervisor's second signature is then needed); a documentary check is
//! recorded and shown; automatic approval only tells the certifier that approval may be given without a
//! documentary check: nothing is ever issued automatically.
//!
//! - [`config`]: the configuration in force (`origo serve --risk-config FILE`) and its fingerprint.
//! - [`facts`]: the engine's facts for each goods item, from the registration, the bill of materials, the
//!   determination, the exporter's verification record and flags, and the supplier declarations relied on.
//! - [`trace`]: the MaxNOM margin read back from a stored determination's trace.
//! - [`history`]: earlier exports (issued proofs of the last two years) as the engine's history.
//! - [`assess`]: the assessment of a whole application, one per item merged into one, stored and routed.
//! - [`read`]: the officers' reading of an application's assessments; the exporter never sees them.

pub mod assess;
pub mod config;
pub mod facts;
pub mod history;
pub mod read;
pub mod trace;

pub use config::RiskSettings;
pub use read::RiskReport;
