//! The committed packs are exactly what the compiler makes from the legal lists and the reviewed overrides, they
//! load, every rule in them parses and prints back as written, and the compiler refuses to guess: a line nobody
//! understood or an override nobody used stops the build, naming where.

mod compile_common;

use compile_common::*;
use origo_rules::pack::RulePack;
use origo_rules::process::{self, ProcessKind};
use origo_rules::rule::Rule;

#[test]
fn committed_eu_pack_equals_a_fresh_compile() {
    let fresh = eu();
    assert!(fresh.pack_json == EU_PACK, "rules/eu-gsp.json is stale: run `origo rules build`");
}

#[test]
fn committed_uk_pack_equals_a_fresh_compile() {
    let fresh = uk();
    assert!(fresh.pack_json == UK_PACK, "rules/uk-dcts.json is stale: run `origo rules build`");
}

#[test]
fn reports_count_every_line() {
    for compiled in [eu(), uk()] {
        let r = &compiled.report;
        assert_eq!(r.lines, r.from_patterns + r.from_overrides + r.chapter_rule_refs, "{r}");
        assert!(r.from_patterns > r.from_overrides, "{r}");
    }
    let eu = eu().report;
    assert_eq!((eu.rule_sets, eu.chapter_rule_refs, eu.lines_split), (315, 7, 1));
    let uk = uk().report;
    assert_eq!((uk.rule_sets, uk.blank_lines), (186, 1));
}

#[test]
fn every_rule_parses_round_trips_and_names_known_processes() {
    for text in [EU_PACK, UK_PACK] {
        let pack = RulePack::from_json(text).unwrap_or_else(|e| panic!("{e}"));
        let raw = json(text);
        let groups = raw["groups"].as_object().unwrap();
        for set in raw["rule_sets"].as_array().unwrap() {
            for (branch, rule) in set["rules"].as_object().unwrap() {
                let written = rule.as_str().unwrap();
                let parsed = Rule::parse(written).unwrap_or_else(|e| panic!("{} {branch}: {e}", set["id"]));
                assert_eq!(parsed.to_string(), written, "{} {branch} is not in canonical form", set["id"]);
                assert_eq!(Rule::parse(&parsed.to_string()).unwrap(), parsed);
                for id in parsed.processes() {
                    assert_eq!(process::kind(id), Some(ProcessKind::Working), "{}: {id}", set["id"]);
                }
                for selection in parsed.selections() {
                    for item in &selection.0 {
                        if let origo_rules::selection::SelItem::Group(name) = item {
                            assert!(groups.contains_key(name), "{}: @{name} undefined", set["id"]);
                            assert!(raw["groups_notes"][name].is_string(), "@{name} has no note");
                        }
                    }
                }
            }
        }
        assert_eq!(pack.rule_sets.len(), raw["rule_sets"].as_array().unwrap().len());
    }
}

#[test]
fn metadata_of_the_packs() {
    let eu = json(EU_PACK);
    assert_eq!(eu["legal_basis"], "Annex 22-03 to Commission Delegated Regulation (EU) 2015/2446");
    assert_eq!(eu["hs_edition"], "2022");
    assert_eq!(eu["branches"]["ldc"]["countries"].as_array().unwrap().len(), 46);
    assert!(eu["branches"]["other"]["countries"].is_null(), "the EU other branch is the default");
    assert_eq!(eu["cumulation"][0]["countries"].as_array().unwrap().len(), 27);
    assert_eq!(eu["cumulation"][0]["label"], "EU cumulation");
    let partner = |i: usize| (eu["cumulation"][i]["label"].clone(), eu["cumulation"][i]["countries"].clone());
    assert_eq!(partner(1), (serde_json::json!("Norway cumulation"), serde_json::json!(["NO"])));
    assert_eq!(partner(2), (serde_json::json!("Switzerland cumulation"), serde_json::json!(["CH"])));
    assert_eq!(partner(3), (serde_json::json!("Turkey cumulation"), serde_json::json!(["TR"])));
    assert_eq!(eu["tolerance"]["excluded"], "ch50-ch63");
    let uk = json(UK_PACK);
    assert_eq!(uk["valid_from"], "2023-06-19");
    assert_eq!(uk["branches"]["ldc"]["countries"].as_array().unwrap().len(), 46);
    assert_eq!(uk["branches"]["other"]["countries"].as_array().unwrap().len(), 18);
    assert!(uk["branches"]["other"]["countries"].as_array().unwrap().contains(&"UZ".into()));
    assert_eq!(uk["tolerance"]["value_percent"], "15");
    // The two DCTS bilateral lists differ by Viet Nam, so each branch keeps its own list.
    let bilateral: Vec<&serde_json::Value> =
        uk["cumulation"].as_array().unwrap().iter().filter(|c| c["kind"] == "bilateral").collect();
    assert_eq!(bilateral.len(), 2);
    assert_eq!(bilateral[0]["branches"], serde_json::json!(["ldc"]));
    assert!(!bilateral[0]["countries"].as_array().unwrap().contains(&"VN".into()));
    assert_eq!(bilateral[1]["branches"], serde_json::json!(["other"]));
    assert!(bilateral[1]["countries"].as_array().unwrap().contains(&"VN".into()));
    for pack in [&eu, &uk] {
        assert_eq!(pack["groups"]["sugar"], "1701,1702");
        for set in pack["rule_sets"].as_array().unwrap() {
            let shared = pack["rule_sets"].as_array().unwrap().iter().filter(|s| s["hs"] == set["hs"]).count();
            if shared > 1 || set["ex"] == true {
                assert!(set["variant"].is_string(), "{} needs a variant key", set["id"]);
            }
        }
    }
}

fn without(overrides: &str, list: &str, text_field: &str, text: &str) -> String {
    let mut file = json(overrides);
    let entries = file[list].as_array_mut().unwrap();
    let before = entries.len();
    entries.retain(|e| e[text_field] != text);
    assert_eq!(entries.len() + 1, before, "no entry '{text}'");
    file.to_string()
}

#[test]
fn a_line_without_pattern_or_override_fails_naming_the_rule_set() {
    let overrides = without(EU_OVERRIDES, "phrases", "text", "Manufacture from sulphur dioxide");
    let error = eu_with(&overrides).unwrap_err();
    assert_eq!(error.rule_set, "ex 2811");
    assert!(error.field.starts_with("rules[0]"), "{error}");
    assert!(error.message.contains("Manufacture from sulphur dioxide"), "{error}");
}

#[test]
fn an_unused_override_fails() {
    let mut file = json(UK_OVERRIDES);
    file["phrases"].as_array_mut().unwrap().push(serde_json::json!({
        "text": "Manufacture from moon dust", "rule": "ANY", "note": "no such line"
    }));
    let error = uk_with(&file.to_string()).unwrap_err();
    assert_eq!(error.rule_set, "(overrides)");
    assert!(error.message.contains("unused"), "{error}");
}

#[test]
fn a_redundant_override_fails() {
    let mut file = json(EU_OVERRIDES);
    file["phrases"].as_array_mut().unwrap().push(serde_json::json!({
        "text": "Manufacture from materials of any heading, except that of the product", "rule": "CTH", "note": "x"
    }));
    let error = eu_with(&file.to_string()).unwrap_err();
    assert!(error.message.contains("only repeats the pattern"), "{error}");
}

#[test]
fn a_broken_range_without_repair_fails() {
    let overrides = without(EU_OVERRIDES, "rule_sets", "label", "1506 and 1520");
    let error = eu_with(&overrides).unwrap_err();
    assert_eq!((error.rule_set.as_str(), error.field.as_str()), ("1506 and 1520", "min/max"));
}

#[test]
fn disagreeing_uk_labels_need_a_fix() {
    let overrides = without(UK_OVERRIDES, "rule_sets", "label", "Chapter 21");
    let error = uk_with(&overrides).unwrap_err();
    assert_eq!((error.rule_set.as_str(), error.field.as_str()), ("Chapter 21", "heading"));
}
