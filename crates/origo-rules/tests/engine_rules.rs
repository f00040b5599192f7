//! Each rule kind of the language, decided by the engine on the mini pack, at and around its boundaries.

mod support;

use origo_rules::engine::Outcome::{NotOriginating, Originating, Undetermined};
use serde_json::json;
use support::{case, check};

#[test]
fn change_of_heading_is_met_by_materials_of_other_headings() {
    let c = case("392310", json!(1000), json!([{"hs": "390110", "origin": "SA", "value": 700}]), &["moulding"]);
    let d = check(&c, Originating);
    assert_eq!(d.criterion.as_deref(), Some("W 39.23"));
    assert_eq!(d.rule_set.as_deref(), Some("ex Chapter 39"));
}

#[test]
fn change_of_heading_fails_for_same_heading_materials_above_tolerance_unless_an_alternative_is_met() {
    // 3923 from 3923 fails CTH; 700 of 1000 = 70% > 50% fails MAXNOM.
    let c = case("392310", json!(1000), json!([{"hs": "392390", "origin": "SA", "value": 700}]), &["moulding"]);
    check(&c, NotOriginating);
    // 500 of 1000 = 50.00% meets "does not exceed 50%" exactly.
    let c = case("392310", json!(1000), json!([{"hs": "392390", "origin": "SA", "value": "500.00"}]), &["moulding"]);
    check(&c, Originating);
    let c = case("392310", json!(1000), json!([{"hs": "392390", "origin": "SA", "value": "500.01"}]), &["moulding"]);
    check(&c, NotOriginating);
}

#[test]
fn tolerance_admits_forbidden_materials_up_to_fifteen_percent_of_the_price() {
    let materials = |angles: &str| json!([{"hs": "720851", "origin": "RU", "value": 9000}, {"hs": "730120", "origin": "CN", "value": angles}]);
    check(&case("730890", json!(20000), materials("3000"), &["welding"]), Originating);
    let d = check(&case("730890", json!(20000), materials("3000.01"), &["welding"]), NotOriginating);
    assert!(d.trace.iter().any(|t| t.contains("general tolerance") && t.contains("not allowed")), "{:?}", d.trace);
}

#[test]
fn tolerance_never_applies_to_textiles_of_chapters_50_to_63() {
    // 5205 yarn needs spinning; a forbidden-material rule in chapter 62 (FROM, LDC branch) gets no tolerance.
    let mut c = case(
        "620520",
        json!(1000),
        json!([{"hs": "520842", "origin": "CN", "value": 500}, {"hs": "960621", "origin": "CN", "value": 10}]),
        &["making_up"],
    );
    c["exporting_country"] = json!("BD");
    let d = check(&c, NotOriginating);
    assert!(d.trace.iter().any(|t| t.contains("does not apply to products of Chapter 62")), "{:?}", d.trace);
}

#[test]
fn tolerance_by_weight_for_food_chapters() {
    // ex Chapter 17 needs CTH; sugar of 1701 in 1704 changes heading, but 1704 from 1704 is forbidden: 10 kg of
    // 100 kg is within 15% of the weight even though its value is 90% of the price.
    let mut c = case(
        "170490",
        json!(100),
        json!([{"hs": "170490", "origin": "BR", "value": 90, "weight_kg": 10}]),
        &["cooking"],
    );
    c["product"]["weight_kg"] = json!(100);
    check(&c, Originating);
    c["materials"][0]["weight_kg"] = json!(16);
    check(&c, NotOriginating);
    // Without the weights the tolerance cannot be checked.
    c["materials"][0].as_object_mut().unwrap().remove("weight_kg");
    let d = check(&c, Undetermined);
    assert_eq!(d.missing, vec!["materials[0].weight_kg"]);
}

#[test]
fn same_heading_allowance_is_a_written_percentage_that_tolerance_does_not_lift() {
    let c = |value: i64| {
        case("281511", json!(1000), json!([{"hs": "281512", "origin": "CN", "value": value}]), &["chemical_reaction"])
    };
    check(&c(200), Originating);
    // 210 > 20% of 1000 fails the allowance; MAXNOM 50% is still met by 21%.
    check(&c(210), Originating);
    let d = check(&c(510), NotOriginating);
    assert!(d.trace.iter().any(|t| t.contains("51% of the ex-works price > 20%")), "{:?}", d.trace);
}

#[test]
fn maximum_weight_of_sugar() {
    let mut c = case(
        "040510",
        json!(100),
        json!([{"hs": "040120", "origin": "UZ", "wholly_obtained": true, "weight_kg": 60},
               {"hs": "170199", "origin": "BR", "weight_kg": 40, "value": 10}]),
        &["mixing_and_blending"],
    );
    c["product"]["weight_kg"] = json!(100);
    check(&c, Originating);
    c["materials"][1]["weight_kg"] = json!("40.5");
    check(&c, NotOriginating);
    c["product"].as_object_mut().unwrap().remove("weight_kg");
    let d = check(&c, Undetermined);
    assert_eq!(d.missing, vec!["product.weight_kg"]);
}

#[test]
fn materials_of_a_chapter_must_be_wholly_obtained() {
    let c = case(
        "040510",
        json!(100),
        json!([{"hs": "040120", "origin": "FR", "value": 60, "weight_kg": 60}]),
        &["mixing_and_blending"],
    );
    let d = check(&c, NotOriginating);
    assert!(d.trace.iter().any(|t| t.contains("materials[0] is non-originating")), "{:?}", d.trace);
}

#[test]
fn specific_processes_joined_by_and_with_alternatives() {
    let shirt = |processes: &[&str]| {
        case("620520", json!(5000), json!([{"hs": "520512", "origin": "IN", "value": 1200}]), processes)
    };
    check(&shirt(&["weaving", "making_up"]), Originating);
    check(&shirt(&["making_up"]), NotOriginating);
    check(&shirt(&["printing", "bleaching", "scouring", "making_up"]), Originating);
    check(&shirt(&["printing", "bleaching", "making_up"]), NotOriginating);
}

#[test]
fn most_specific_rule_set_wins() {
    // 5205 is in "5204 - 5207" (spinning) rather than "ex Chapter 52" (CTH).
    let c = case("520512", json!(3000), json!([{"hs": "520100", "origin": "TM", "value": 1800}]), &["spinning"]);
    let d = check(&c, Originating);
    assert_eq!(d.rule_set.as_deref(), Some("5204 - 5207"));
    let c = case("520512", json!(3000), json!([{"hs": "520100", "origin": "TM", "value": 1800}]), &["twisting"]);
    check(&c, NotOriginating);
}

#[test]
fn manufacture_from_specified_materials_for_least_developed_countries() {
    let mut c = case("620520", json!(5000), json!([{"hs": "520842", "origin": "CN", "value": 2000}]), &["making_up"]);
    c["exporting_country"] = json!("KH");
    let d = check(&c, Originating);
    assert_eq!(d.branch, "ldc");
    c["materials"][0]["hs"] = json!("520512");
    check(&c, NotOriginating);
}

#[test]
fn wholly_obtained_product_gets_criterion_p() {
    let mut c = case("010121", json!(800), json!([]), &["packing"]);
    c["wholly_obtained"] = json!(true);
    let d = check(&c, Originating);
    assert_eq!(d.criterion.as_deref(), Some("P"));
    // Without the claim, the chapter 1 rule (WO) is not met.
    c["wholly_obtained"] = json!(false);
    check(&c, NotOriginating);
    // Not saying at all leaves the fact missing.
    c.as_object_mut().unwrap().remove("wholly_obtained");
    let d = check(&c, Undetermined);
    assert!(d.missing.contains(&"wholly_obtained".to_string()));
}

#[test]
fn wholly_obtained_claim_is_void_with_non_originating_materials() {
    let mut c = case(
        "040900",
        json!(800),
        json!([{"hs": "040900", "origin": "CN", "value": 100, "weight_kg": 10}]),
        &["packing"],
    );
    c["wholly_obtained"] = json!(true);
    c["product"]["weight_kg"] = json!(100);
    let d = check(&c, NotOriginating);
    assert!(d.warnings.iter().any(|w| w.contains("wholly_obtained: the claim is void")), "{:?}", d.warnings);
}

#[test]
fn rule_set_validity_dates_are_respected() {
    // 9506 has its own rule (MAXNOM 40%) from 2026; before that the chapter rule (CTH) applies.
    let c = |date: &str| {
        let mut c = case("950631", json!(100), json!([{"hs": "950639", "origin": "CN", "value": 30}]), &["assembly"]);
        c["date"] = json!(date);
        c
    };
    let d = check(&c("2026-01-01"), Originating);
    assert_eq!(d.rule_set.as_deref(), Some("9506"));
    let d = check(&c("2025-12-31"), NotOriginating);
    assert_eq!(d.rule_set.as_deref(), Some("ex Chapter 95"));
}

#[test]
fn scheme_not_in_force_gives_no_preference() {
    let mut c = case("392310", json!(1000), json!([{"hs": "390110", "origin": "SA", "value": 100}]), &["moulding"]);
    c["date"] = json!("2028-01-01");
    let d = check(&c, NotOriginating);
    assert!(d.warnings[0].contains("not in force"));
}
