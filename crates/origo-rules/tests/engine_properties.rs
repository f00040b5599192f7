//! Properties of the engine over generated cases: it never panics, and adding non-originating value never makes
//! a product originating.

mod support;

use origo_rules::engine::{Engine, Outcome};
use origo_rules::pack::RulePack;
use proptest::prelude::*;
use serde_json::{Value, json};

const PRODUCTS: &[&str] =
    &["392310", "730890", "871200", "620520", "520512", "040510", "170490", "281511", "610910", "950631"];
const MATERIALS: &[&str] = &[
    "390110", "392390", "720851", "730120", "871491", "520842", "520512", "520100", "170199", "040120", "281512",
    "960621", "610910", "950639",
];
const COUNTRIES: &[&str] = &["UZ", "CN", "DE", "NO", "BD", "TR"];
const PROCESSES: &[&str] = &[
    "weaving",
    "making_up",
    "spinning",
    "knitting",
    "packing",
    "labelling",
    "welding",
    "printing",
    "bleaching",
    "scouring",
    "cooking",
];

fn material() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(MATERIALS),
        prop::option::of(0u32..50_000),
        prop::option::of(0u32..200),
        prop::sample::select(COUNTRIES),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(hs, value, weight, origin, originating)| {
            let mut m = json!({"hs": hs, "origin": origin});
            if let Some(v) = value {
                m["value"] = json!(format!("{}.{:02}", v / 100, v % 100));
            }
            if let Some(w) = weight {
                m["weight_kg"] = json!(w);
            }
            if let Some(o) = originating {
                m["originating"] = json!(o);
            }
            m
        })
}

fn case() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(PRODUCTS),
        1u32..100_000,
        prop::option::of(1u32..500),
        prop::sample::select(COUNTRIES),
        prop::collection::vec(material(), 0..6),
        prop::sample::subsequence(PROCESSES, 0..4),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(hs, price, weight, country, materials, processes, wholly_obtained)| {
            let mut c = json!({
                "scheme": "mini-gsp", "exporting_country": country, "date": "2026-05-11",
                "product": {"hs": hs, "ex_works_price": price},
                "materials": materials, "processes": processes,
            });
            if let Some(w) = weight {
                c["product"]["weight_kg"] = json!(w);
            }
            if let Some(wo) = wholly_obtained {
                c["wholly_obtained"] = json!(wo);
            }
            c
        })
}

fn outcome(engine: &Engine, case: &Value) -> Outcome {
    let case = engine.parse_case(&case.to_string()).expect("generated cases are valid");
    engine.determine(&case).outcome
}

fn mini() -> Engine {
    Engine::new([RulePack::from_json(support::MINI).unwrap()])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn adding_a_non_originating_material_never_makes_a_product_originating(
        case in case(),
        extra_hs in prop::sample::select(MATERIALS),
        extra_value in 0u32..10_000,
    ) {
        let engine = mini();
        let before = outcome(&engine, &case);
        let mut after_case = case.clone();
        after_case["materials"].as_array_mut().unwrap().push(json!({"hs": extra_hs, "origin": "CN", "value": extra_value, "weight_kg": 1}));
        let after = outcome(&engine, &after_case);
        prop_assert!(before == Outcome::Originating || after != Outcome::Originating, "{before:?} -> {after:?} for {after_case}");
    }

    #[test]
    fn raising_a_non_originating_value_never_makes_a_product_originating(case in case(), raise in 1u32..10_000) {
        let engine = mini();
        let before = outcome(&engine, &case);
        let mut after_case = case.clone();
        for m in after_case["materials"].as_array_mut().unwrap() {
            if m["originating"] != json!(true) {
                let old = m["value"].as_str().map(|s| s.to_string());
                if let Some(old) = old {
                    let old: rust_decimal::Decimal = old.parse().unwrap();
                    m["value"] = json!((old + rust_decimal::Decimal::from(raise)).to_string());
                }
            }
        }
        let after = outcome(&engine, &after_case);
        prop_assert!(before == Outcome::Originating || after != Outcome::Originating, "{before:?} -> {after:?} for {after_case}");
    }

    #[test]
    fn determination_is_total_and_repeatable(case in case()) {
        let engine = mini();
        let parsed = engine.parse_case(&case.to_string()).unwrap();
        let first = engine.determine(&parsed);
        prop_assert_eq!(&first, &engine.determine(&parsed));
        prop_assert!(first.outcome != Outcome::Undetermined || !first.missing.is_empty());
        prop_assert!(first.criterion.is_some() == (first.outcome == Outcome::Originating));
    }
}

fn shipped() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(origo_rules::bundled::packs().unwrap()))
}

/// Cases over the shipped packs: any HS 2022 subheading as product and materials, both schemes, both branches.
fn real_case() -> impl Strategy<Value = Value> {
    let subheadings: Vec<String> =
        origo_rules::hs::Nomenclature::hs2022().subheadings().iter().map(|c| c.to_string()).collect();
    let codes = prop::sample::select(subheadings);
    (
        prop::sample::select(vec!["eu-gsp", "uk-dcts"]),
        codes.clone(),
        prop::sample::select(vec!["UZ", "BD", "KH", "KG"]),
        prop::collection::vec((codes, 0u32..5_000, prop::sample::select(COUNTRIES), any::<bool>(), 0u32..50), 0..5),
        prop::sample::subsequence(PROCESSES, 0..4),
    )
        .prop_map(|(scheme, hs, country, materials, processes)| {
            let materials: Vec<Value> = materials
                .into_iter()
                .map(|(hs, value, origin, originating, weight)| {
                    json!({"hs": hs, "value": value, "origin": origin, "originating": originating, "weight_kg": weight})
                })
                .collect();
            json!({"scheme": scheme, "exporting_country": country, "date": "2026-05-11",
                   "product": {"hs": hs, "ex_works_price": 10_000, "weight_kg": 100},
                   "materials": materials, "processes": processes})
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn shipped_packs_answer_every_case_and_added_non_originating_value_never_helps(
        case in real_case(),
        extra_hs in prop::sample::select(MATERIALS),
        extra_value in 0u32..5_000,
    ) {
        let engine = shipped();
        let before = outcome(engine, &case);
        let mut after_case = case.clone();
        after_case["materials"].as_array_mut().unwrap()
            .push(json!({"hs": extra_hs, "origin": "CN", "value": extra_value, "weight_kg": 1}));
        let after = outcome(engine, &after_case);
        prop_assert!(before == Outcome::Originating || after != Outcome::Originating, "{before:?} -> {after:?} for {after_case}");
    }
}
