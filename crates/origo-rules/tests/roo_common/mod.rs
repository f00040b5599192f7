//! Inputs of the uk-roo compile tests: the rule lists of the shared data folder (`../shared/data/uk-roo`), the
//! committed packs (`rules/uk/`) and overrides (`rules/overrides/uk/`), and the whole corpus compiled once per
//! test binary (with and without the overrides).
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use origo_rules::compile::{CompileError, RooCompiled, compile_uk_roo};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn roo_dir() -> PathBuf {
    repo().join("../shared/data/uk-roo")
}

pub fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

pub fn schemes() -> String {
    read(roo_dir().join("roo_schemes_uk.json"))
}

/// The scheme codes of the rule lists, in file order.
pub fn codes() -> Vec<String> {
    let mut codes: Vec<String> = std::fs::read_dir(roo_dir().join("rule_sets"))
        .expect("rule lists")
        .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(String::from))
        .collect();
    codes.sort();
    codes
}

pub fn list(code: &str) -> String {
    read(roo_dir().join(format!("rule_sets/{code}.json")))
}

pub fn overrides(code: &str) -> Option<String> {
    let path = repo().join(format!("rules/overrides/uk/{code}.json"));
    path.exists().then(|| read(path))
}

pub fn committed(code: &str) -> String {
    read(repo().join(format!("rules/uk/{code}.json")))
}

pub fn compile(code: &str, overrides: Option<&str>) -> Result<RooCompiled, CompileError> {
    compile_uk_roo(&schemes(), code, &list(code), &format!("{code}.json"), overrides)
}

/// Every scheme compiled with its committed overrides.
pub fn with_overrides() -> &'static Vec<RooCompiled> {
    static ALL: OnceLock<Vec<RooCompiled>> = OnceLock::new();
    ALL.get_or_init(|| {
        codes().iter().map(|c| compile(c, overrides(c).as_deref()).unwrap_or_else(|e| panic!("{c}: {e}"))).collect()
    })
}

/// Every scheme compiled by the patterns alone.
pub fn without_overrides() -> &'static Vec<RooCompiled> {
    static ALL: OnceLock<Vec<RooCompiled>> = OnceLock::new();
    ALL.get_or_init(|| codes().iter().map(|c| compile(c, None).unwrap_or_else(|e| panic!("{c}: {e}"))).collect())
}

pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("valid JSON")
}
