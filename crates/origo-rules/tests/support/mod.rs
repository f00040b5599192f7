//! Helpers shared by the engine tests: the mini pack, a case builder and one `check` assertion.
#![allow(dead_code)]

use origo_rules::engine::{Determination, Engine, Outcome};
use origo_rules::pack::RulePack;
use serde_json::{Value, json};

pub const MINI: &str = include_str!("../fixtures/mini-gsp.json");

pub fn engine() -> Engine {
    Engine::new([RulePack::from_json(MINI).expect("mini pack loads")])
}

/// A case under the mini pack from Uzbekistan, with the given product and materials.
pub fn case(hs: &str, price: Value, materials: Value, processes: &[&str]) -> Value {
    json!({
        "scheme": "mini-gsp",
        "exporting_country": "UZ",
        "date": "2026-05-11",
        "product": {"hs": hs, "ex_works_price": price},
        "materials": materials,
        "processes": processes,
    })
}

pub fn determine(engine: &Engine, case: &Value) -> Determination {
    let case = engine.parse_case(&case.to_string()).unwrap_or_else(|e| panic!("case is valid: {e}"));
    engine.determine(&case)
}

#[track_caller]
pub fn check(case: &Value, expected: Outcome) -> Determination {
    let d = determine(&engine(), case);
    assert_eq!(d.outcome, expected, "trace:\n{}\nmissing: {:?}", d.trace.join("\n"), d.missing);
    d
}
