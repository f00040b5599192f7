//! The rule packs shipped with Origo, built into the binary so that `origo check` works anywhere.

use crate::pack::{PackError, PackOverrides, RulePack};

/// EU GSP (Annex 22-03), compiled by `origo rules build`.
pub const EU_GSP: &str = include_str!("../../../rules/eu-gsp.json");
/// UK DCTS (both lists), compiled by `origo rules build`.
pub const UK_DCTS: &str = include_str!("../../../rules/uk-dcts.json");

/// CIS free trade area (certificate CT-1): the 2009 Agreement's general criteria, written by hand; its doubtful
/// figures are marked `unconfirmed` in the pack.
pub const CIS_FTA: &str = include_str!("../../../rules/cis-fta.json");
/// Non-preferential origin: wholly obtained, change of heading, Kyoto Specific Annex K minimal operations.
pub const NON_PREFERENTIAL: &str = include_str!("../../../rules/non-preferential.json");

/// The text of every shipped pack.
pub const ALL: [&str; 4] = [EU_GSP, UK_DCTS, CIS_FTA, NON_PREFERENTIAL];

/// Every shipped pack, compiled.
pub fn packs() -> Result<Vec<RulePack>, PackError> {
    packs_with(None)
}

/// Every shipped pack, compiled with the overrides of local configuration.
pub fn packs_with(overrides: Option<&PackOverrides>) -> Result<Vec<RulePack>, PackError> {
    ALL.into_iter().map(|text| RulePack::from_json_with(text, overrides)).collect()
}
