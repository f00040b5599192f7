//! The rule packs shipped with Origo, built into the binary so that `origo check` works anywhere.

use crate::pack::{PackError, RulePack};

/// EU GSP (Annex 22-03), compiled by `origo rules build`.
pub const EU_GSP: &str = include_str!("../../../rules/eu-gsp.json");
/// UK DCTS (both lists), compiled by `origo rules build`.
pub const UK_DCTS: &str = include_str!("../../../rules/uk-dcts.json");

/// Every shipped pack, compiled.
pub fn packs() -> Result<Vec<RulePack>, PackError> {
    [EU_GSP, UK_DCTS].into_iter().map(RulePack::from_json).collect()
}
