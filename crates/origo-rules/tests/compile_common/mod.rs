//! Inputs of the compile tests: the committed packs and override files of this repository, and the raw legal
//! lists from the shared data folder beside the clone (`../shared/data`, as in CI).
#![allow(dead_code)]

use std::path::PathBuf;

use origo_rules::compile::{Compiled, compile_eu_gsp, compile_uk_dcts};

pub const EU_PACK: &str = include_str!("../../../../rules/eu-gsp.json");
pub const UK_PACK: &str = include_str!("../../../../rules/uk-dcts.json");
pub const EU_OVERRIDES: &str = include_str!("../../../../rules/overrides/eu-gsp.json");
pub const UK_OVERRIDES: &str = include_str!("../../../../rules/overrides/uk-dcts.json");

/// The shared data folder: `<workspace>/../shared/data`.
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

pub fn read(relative: &str) -> String {
    let path = data_dir().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

pub fn annex() -> String {
    read("eu-gsp/annex-22-03.json")
}

pub fn schemes() -> String {
    read("uk-roo/roo_schemes_uk.json")
}

pub fn dcts_general() -> String {
    read("uk-roo/rule_sets/dcts-general-enhanced.json")
}

pub fn dcts_ldcs() -> String {
    read("uk-roo/rule_sets/dcts-ldcs.json")
}

/// EU GSP compiled with the given override text.
pub fn eu_with(overrides: &str) -> Result<Compiled, origo_rules::compile::CompileError> {
    compile_eu_gsp(&annex(), &schemes(), overrides)
}

/// UK DCTS compiled with the given override text.
pub fn uk_with(overrides: &str) -> Result<Compiled, origo_rules::compile::CompileError> {
    compile_uk_dcts(&dcts_general(), &dcts_ldcs(), &schemes(), overrides)
}

pub fn eu() -> Compiled {
    eu_with(EU_OVERRIDES).unwrap_or_else(|e| panic!("{e}"))
}

pub fn uk() -> Compiled {
    uk_with(UK_OVERRIDES).unwrap_or_else(|e| panic!("{e}"))
}

pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("valid JSON")
}
