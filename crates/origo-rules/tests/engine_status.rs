//! Originating status of materials (claims, cumulation, void claims), the insufficient-operations gate,
//! variants, and missing facts.

mod support;

use origo_rules::engine::Outcome::{NotOriginating, Originating, Undetermined};
use serde_json::json;
use support::{case, check};

fn plastic_from(origin: &str, originating: bool) -> serde_json::Value {
    // 3923 from 3923 (no change of heading) worth 60%: originates only if the material counts as originating.
    case(
        "392310",
        json!(1000),
        json!([{"hs": "392390", "origin": origin, "value": 600, "originating": originating}]),
        &["moulding"],
    )
}

#[test]
fn originating_claims_count_from_the_exporting_country() {
    let d = check(&plastic_from("UZ", true), Originating);
    assert!(d.cumulation.is_empty());
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn originating_claims_count_from_cumulation_partners_and_are_named() {
    let d = check(&plastic_from("DE", true), Originating);
    assert_eq!(d.cumulation, vec!["EU cumulation"]);
    let d = check(&plastic_from("NO", true), Originating);
    assert_eq!(d.cumulation, vec!["Norway cumulation"]);
}

#[test]
fn a_claim_from_a_country_that_is_no_partner_is_void_and_warned() {
    let d = check(&plastic_from("CN", true), NotOriginating);
    assert!(
        d.warnings.iter().any(|w| w.starts_with("materials[0]: the claim of originating status is void")),
        "{:?}",
        d.warnings
    );
    let mut unknown_origin = plastic_from("CN", true);
    unknown_origin["materials"][0].as_object_mut().unwrap().remove("origin");
    let d = check(&unknown_origin, NotOriginating);
    assert!(d.warnings[0].contains("an unstated country"));
}

#[test]
fn a_material_from_the_exporting_country_without_a_claim_is_non_originating() {
    check(&plastic_from("UZ", false), NotOriginating);
}

#[test]
fn insufficient_operations_alone_never_confer_origin() {
    // Materials of another heading meet CTH, but packing and labelling are all that was done.
    let c =
        case("392310", json!(1000), json!([{"hs": "390110", "origin": "SA", "value": 100}]), &["packing", "labelling"]);
    let d = check(&c, NotOriginating);
    assert!(d.trace.iter().any(|t| t.contains("insufficient operation")), "{:?}", d.trace);
    // One real operation besides them is enough for the gate.
    let c =
        case("392310", json!(1000), json!([{"hs": "390110", "origin": "SA", "value": 100}]), &["packing", "moulding"]);
    check(&c, Originating);
    // Cumulated materials still need more than insufficient operations.
    let c = case(
        "392310",
        json!(1000),
        json!([{"hs": "392390", "origin": "DE", "value": 600, "originating": true}]),
        &["simple_assembly"],
    );
    check(&c, NotOriginating);
}

#[test]
fn nothing_done_or_not_said() {
    let c = case("392310", json!(1000), json!([{"hs": "390110", "origin": "SA", "value": 100}]), &[]);
    check(&c, NotOriginating);
    let mut c = case("392310", json!(1000), json!([{"hs": "390110", "origin": "SA", "value": 100}]), &[]);
    c.as_object_mut().unwrap().remove("processes");
    let d = check(&c, Undetermined);
    assert_eq!(d.missing, vec!["processes"]);
}

#[test]
fn unknown_process_ids_count_as_manufacturing_with_a_warning() {
    let c =
        case("392310", json!(1000), json!([{"hs": "390110", "origin": "SA", "value": 100}]), &["printing_of_labels"]);
    let d = check(&c, Originating);
    assert_eq!(
        d.warnings,
        vec!["processes[0]: 'printing_of_labels' is not in the process vocabulary; counted as ordinary manufacturing"]
    );
}

#[test]
fn variants_that_disagree_leave_the_outcome_undetermined_with_their_keys() {
    let c = case(
        "610910",
        json!(1000),
        json!([{"hs": "600622", "origin": "CN", "value": 300}]),
        &["knitting", "making_up"],
    );
    let d = check(&c, Undetermined);
    assert_eq!(d.missing, vec!["product.variant"]);
    assert_eq!(d.variants, vec!["assembled_from_pieces", "knitted_to_shape"]);
    let mut c = c.clone();
    c["product"]["variant"] = json!("assembled_from_pieces");
    check(&c, Originating);
    c["product"]["variant"] = json!("knitted_to_shape");
    check(&c, NotOriginating);
}

#[test]
fn variants_that_agree_decide_without_a_variant() {
    let c = case(
        "610910",
        json!(1000),
        json!([{"hs": "520100", "origin": "CN", "value": 300}]),
        &["spinning", "knitting", "making_up"],
    );
    let d = check(&c, Originating);
    assert_eq!(d.variants.len(), 2);
}

#[test]
fn an_ex_rule_set_keeps_the_broader_rule_as_variant_other() {
    // ex 1702 has two variants; ex Chapter 17 (CTH) stays as `other` because 1702 is only partly covered.
    let c = case(
        "170230",
        json!(1000),
        json!([{"hs": "170230", "origin": "BR", "value": 600, "weight_kg": 10}]),
        &["cooking"],
    );
    let d = check(&c, Undetermined);
    assert_eq!(d.variants, vec!["maltose", "other_sugars", "other"]);
    let mut c = c.clone();
    c["product"]["variant"] = json!("maltose");
    check(&c, Originating);
}

#[test]
fn missing_material_facts_are_named_by_path() {
    let c = case("392310", json!(1000), json!([{"origin": "SA", "value": 600}]), &["moulding"]);
    let d = check(&c, Undetermined);
    assert_eq!(d.missing, vec!["materials[0].hs"]);
    let mut c = case("392310", json!(1000), json!([{"hs": "392390", "origin": "SA"}]), &["moulding"]);
    let d = check(&c, Undetermined);
    assert_eq!(d.missing, vec!["materials[0].value"]);
    c["product"].as_object_mut().unwrap().remove("ex_works_price");
    let d = check(&c, Undetermined);
    assert_eq!(d.missing, vec!["materials[0].value", "product.ex_works_price"]);
}

#[test]
fn least_developed_countries_follow_their_branch() {
    // ex Chapter 87: LDCs MAXNOM 70%, others 50%; 60% is enough for Bangladesh only.
    let mut c =
        case("871200", json!(200), json!([{"hs": "871491", "origin": "CN", "value": 120}]), &["welding", "assembly"]);
    check(&c, NotOriginating);
    c["exporting_country"] = json!("BD");
    let d = check(&c, Originating);
    assert_eq!(d.branch, "ldc");
    assert_eq!(d.rule.as_deref(), Some("MAXNOM 70%"));
}

#[test]
fn a_country_in_no_list_is_no_beneficiary_when_every_branch_lists_its_countries() {
    let mut pack: serde_json::Value = serde_json::from_str(support::MINI).unwrap();
    pack["branches"]["other"]["countries"] = json!(["UZ", "KG"]);
    let engine = origo_rules::engine::Engine::new([origo_rules::pack::RulePack::from_json(&pack.to_string()).unwrap()]);
    let mut c = case("392310", json!(1000), json!([{"hs": "390110", "origin": "SA", "value": 100}]), &["moulding"]);
    assert_eq!(support::determine(&engine, &c).outcome, Originating);
    c["exporting_country"] = json!("CN");
    let d = support::determine(&engine, &c);
    assert_eq!(d.outcome, NotOriginating);
    assert_eq!(d.warnings, vec!["exporting_country: CN is not a beneficiary of mini-gsp"]);
}
