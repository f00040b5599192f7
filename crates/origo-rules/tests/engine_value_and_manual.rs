//! The value atoms of the newer agreements (`RVC`, `MINOM`, `NOM<=OM`, the FOB basis) and manual rule sets, decided
//! by the engine on a small pack in the uk-roo shape.

use origo_rules::engine::{Determination, Engine, MANUAL_EXAMINATION, Outcome};
use origo_rules::pack::RulePack;
use serde_json::{Value, json};

const PACK: &str = r#"{
  "scheme": "uk-demo", "title": "Demo agreement", "legal_basis": "Demo ORD", "hs_edition": "2022",
  "valid_from": "2021-01-01", "valid_to": null,
  "branches": {"partners": {"label": "Parties", "countries": ["GB", "JP"]}},
  "cumulation": [{"kind": "bilateral", "label": "Bilateral cumulation", "countries": ["GB", "JP"]}],
  "proofs": [{"kind": "origin-declaration", "label": "Statement on origin"}],
  "rule_sets": [
    {"id": "8703", "hs": "8703", "label": "8703", "rules": {"all": "RVC 40% | MINOM 35% FOB"}},
    {"id": "8711", "hs": "8711", "label": "8711", "rules": {"all": "MAXNOM 40% & NOM<=OM"}},
    {"id": "8712", "hs": "8712", "label": "8712", "rules": {"all": "RVC 60%[8714]"}},
    {"id": "3002", "hs": "3002", "label": "ex 3002", "ex": true, "description": "Blood", "variant": "blood",
     "manual": "a rule that depends on the kind or composition of the product (rule line 1)"}
  ]
}"#;

fn engine() -> Engine {
    Engine::new([RulePack::from_json(PACK).expect("pack loads")])
}

fn determine(case: Value) -> Determination {
    let engine = engine();
    let case = engine.parse_case(&case.to_string()).unwrap_or_else(|e| panic!("{e}"));
    engine.determine(&case)
}

fn case(hs: &str, product: Value, materials: Value, processes: &[&str]) -> Value {
    let mut p = json!({"hs": hs});
    p.as_object_mut().unwrap().extend(product.as_object().unwrap().clone());
    json!({"scheme": "uk-demo", "exporting_country": "JP", "date": "2025-01-10", "product": p,
           "materials": materials, "processes": processes})
}

#[test]
fn regional_value_content_is_the_price_less_the_non_originating_value() {
    // 1000 - 600 = 400 = 40.00%: met exactly.
    let d = determine(case(
        "870323",
        json!({"ex_works_price": 1000}),
        json!([{"hs": "840734", "value": "600.00", "origin": "CN"}]),
        &["assembly"],
    ));
    assert_eq!(d.outcome, Outcome::Originating, "{:?}", d.trace);
    assert!(
        d.trace.iter().any(|t| t.contains("regional value content 400.00 of ex-works price 1000 = 40.00% >= 40%")),
        "{:?}",
        d.trace
    );
    // 600.01 leaves 39.999%: the build-down fails, and the build-up on the FOB value needs that value.
    let d = determine(case(
        "870323",
        json!({"ex_works_price": 1000}),
        json!([{"hs": "840734", "value": "600.01", "origin": "CN"}]),
        &["assembly"],
    ));
    assert_eq!(d.outcome, Outcome::Undetermined);
    assert_eq!(d.missing, vec!["product.fob_value"]);
}

#[test]
fn build_up_counts_the_originating_materials_on_the_fob_value() {
    let materials = json!([{"hs": "840734", "value": 700, "origin": "CN"}, {"hs": "870899", "value": 385, "origin": "GB", "originating": true}]);
    let d =
        determine(case("870323", json!({"ex_works_price": 1000, "fob_value": 1100}), materials.clone(), &["assembly"]));
    assert_eq!(d.outcome, Outcome::Originating, "{:?}", d.trace);
    assert!(
        d.trace.iter().any(|t| t.contains("originating materials 385 of FOB value 1100 = 35% >= 35%")),
        "{:?}",
        d.trace
    );
    let d =
        determine(case("870323", json!({"ex_works_price": 1000, "fob_value": "1100.01"}), materials, &["assembly"]));
    assert_eq!(d.outcome, Outcome::NotOriginating, "{:?}", d.trace);
}

#[test]
fn non_originating_value_within_originating_value() {
    let materials = |non: &str| json!([{"hs": "840731", "value": non, "origin": "CN"}, {"hs": "871410", "value": 300, "origin": "JP", "originating": true}]);
    let d = determine(case("871120", json!({"ex_works_price": 1000}), materials("300"), &["assembly"]));
    assert_eq!(d.outcome, Outcome::Originating, "{:?}", d.trace);
    let d = determine(case("871120", json!({"ex_works_price": 1000}), materials("300.01"), &["assembly"]));
    assert_eq!(d.outcome, Outcome::NotOriginating);
    assert!(
        d.trace.iter().any(|t| t.contains("non-originating materials 300.01 > originating materials 300")),
        "{:?}",
        d.trace
    );
}

#[test]
fn focused_value_counts_only_the_named_materials() {
    // Only the 8714 parts count: 1000 - 400 = 60%.
    let materials =
        json!([{"hs": "871491", "value": 400, "origin": "CN"}, {"hs": "400110", "value": 500, "origin": "CN"}]);
    let d = determine(case("871200", json!({"ex_works_price": 1000}), materials, &["assembly"]));
    assert_eq!(d.outcome, Outcome::Originating, "{:?}", d.trace);
}

#[test]
fn a_manual_rule_set_is_undetermined_with_its_reason() {
    let d = determine(case("300212", json!({"ex_works_price": 1000}), json!([]), &["mixing_and_blending"]));
    assert_eq!(d.outcome, Outcome::Undetermined);
    assert_eq!(d.missing, vec![MANUAL_EXAMINATION]);
    assert_eq!(d.rule, None, "a manual rule set has no rule to name");
    assert_eq!(d.rule_set.as_deref(), Some("ex 3002"));
    let line = d.trace.iter().find(|t| t.contains("cannot be evaluated")).expect("a trace line says why");
    assert!(
        line.contains("depends on the kind or composition of the product") && line.contains("manual examination"),
        "{line}"
    );
    // Insufficient operations still exclude origin.
    let mut c = case("300212", json!({"ex_works_price": 1000}), json!([]), &["packing"]);
    c["wholly_obtained"] = json!(false);
    let d = determine(c);
    assert_eq!(d.outcome, Outcome::NotOriginating, "{:?}", d.trace);
    // Without the processes, both facts are missing.
    let mut c = case("300212", json!({"ex_works_price": 1000}), json!([]), &[]);
    c.as_object_mut().unwrap().remove("processes");
    assert_eq!(determine(c).missing, vec![MANUAL_EXAMINATION, "processes"]);
}

#[test]
fn a_manual_rule_set_with_rules_does_not_load() {
    let bad = PACK.replace(r#""variant": "blood","#, r#""variant": "blood", "rules": {"all": "CTH"},"#);
    let error = RulePack::from_json(&bad).unwrap_err().to_string();
    assert!(error.contains("manual"), "{error}");
}
