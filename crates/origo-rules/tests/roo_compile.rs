//! The uk-roo corpus compiled into packs: the committed packs are exactly what the compiler and the reviewed
//! overrides make, hand-written rules for a sample of 215 rule sets across all 43 schemes match what the patterns
//! make, every rule round-trips through its text, the coverage is what docs/RULES-COVERAGE.md reports, and the
//! scheme metadata is carried over.

mod roo_common;

use origo_rules::pack::RulePack;
use origo_rules::rule::Rule;
use roo_common::*;

#[test]
fn committed_packs_equal_a_fresh_compile() {
    for (code, compiled) in codes().iter().zip(with_overrides()) {
        assert!(compiled.pack_json == committed(code), "rules/uk/{code}.json is stale: run `origo rules compile`");
    }
}

/// (scheme, rule set id, rule as read from the legal text of the list).
const EXPECTED: &str = include_str!("fixtures/roo_expected.json");

#[test]
fn hand_written_rules_match_the_patterns() {
    let expected: Vec<(String, String, String)> = serde_json::from_str(EXPECTED).expect("table parses");
    assert!(expected.len() >= 200, "{} rule sets", expected.len());
    let schemes: std::collections::BTreeSet<&str> = expected.iter().map(|(s, _, _)| s.as_str()).collect();
    assert_eq!(schemes.len(), 43, "every scheme is sampled");
    let codes = codes();
    for (scheme, id, rule) in &expected {
        let i = codes.iter().position(|c| c == scheme).unwrap_or_else(|| panic!("no scheme {scheme}"));
        let pack = json(&without_overrides()[i].pack_json);
        let set = pack["rule_sets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id.as_str())
            .unwrap_or_else(|| panic!("{scheme}: no rule set {id}"));
        assert_eq!(set["rules"]["all"].as_str(), Some(rule.as_str()), "{scheme} {id}");
    }
}

#[test]
fn coverage_of_the_corpus() {
    let count = |all: &Vec<origo_rules::compile::RooCompiled>| {
        let sets: usize = all.iter().map(|c| c.coverage.rule_sets).sum();
        let evaluable: usize = all.iter().map(|c| c.coverage.evaluable).sum();
        let manual: usize = all.iter().map(|c| c.coverage.manual).sum();
        assert_eq!(sets, evaluable + manual);
        (sets, evaluable)
    };
    let (sets, evaluable) = count(without_overrides());
    assert_eq!(sets, 28_535, "every rule set of the 43 lists is counted");
    // The goal: at least 95% evaluable by the patterns alone (docs/RULES-COVERAGE.md gives the figures).
    assert!(evaluable * 100 >= sets * 95, "{evaluable} of {sets} evaluable without overrides");
    assert_eq!(evaluable, 27_125);
    let (_, with) = count(with_overrides());
    assert_eq!(with, 27_126);
    for compiled in with_overrides().iter().filter(|c| c.coverage.scheme.starts_with("dcts-")) {
        assert_eq!(compiled.coverage.manual, 0, "{} is complete with its overrides", compiled.coverage.scheme);
    }
}

#[test]
fn every_rule_round_trips_through_its_text() {
    for compiled in with_overrides() {
        let pack = RulePack::from_json(&compiled.pack_json).unwrap_or_else(|e| panic!("{e}"));
        let raw = json(&compiled.pack_json);
        for (set, loaded) in raw["rule_sets"].as_array().unwrap().iter().zip(&pack.rule_sets) {
            match set["rules"]["all"].as_str() {
                Some(text) => {
                    let rule = Rule::parse(text).unwrap_or_else(|e| panic!("{}: {e}", set["id"]));
                    assert_eq!(rule.to_string(), text, "{} is not in canonical form", set["id"]);
                    assert_eq!(Rule::parse(&rule.to_string()).unwrap(), rule);
                    assert_eq!(loaded.rules["all"].rule, rule, "{}: the loaded rule differs", set["id"]);
                    assert!(loaded.manual.is_none());
                }
                None => {
                    let reason = set["manual"].as_str().unwrap_or_else(|| panic!("{} has neither", set["id"]));
                    assert_eq!(loaded.manual.as_deref(), Some(reason));
                }
            }
        }
    }
}

#[test]
fn metadata_of_the_packs() {
    let all = with_overrides();
    let pack = |code: &str| json(&all[codes().iter().position(|c| c == code).unwrap()].pack_json);
    let eu = pack("eu");
    assert_eq!(eu["scheme"], "uk-eu");
    assert_eq!(eu["valid_from"], "2021-01-01");
    let partners = eu["branches"]["partners"]["countries"].as_array().unwrap();
    assert!(partners.contains(&"GB".into()) && partners.contains(&"FR".into()) && partners.contains(&"SM".into()));
    assert_eq!(eu["cumulation"][0]["kind"], "bilateral");
    assert_eq!(eu["proofs"][0]["kind"], "origin-declaration");
    let gsp = pack("gsp");
    assert_eq!((gsp["valid_to"].as_str(), gsp["branches"]["beneficiaries"].is_object()), (Some("2023-06-18"), true));
    assert!(!gsp["branches"]["beneficiaries"]["countries"].as_array().unwrap().contains(&"GB".into()));
    let serbia = pack("serbia");
    assert!(serbia["branches"]["partners"]["countries"].as_array().unwrap().contains(&"RS".into()));
    // CPTPP values its RVC on the FOB value.
    let cptpp = pack("cptpp");
    let fob = cptpp["rule_sets"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["rules"]["all"].as_str().is_some_and(|r| r.contains("FOB")));
    assert!(fob);
    // Descriptions are written only to tell variants apart.
    for set in eu["rule_sets"].as_array().unwrap() {
        assert!(!set["description"].is_string() || set["variant"].is_string(), "{}", set["id"]);
    }
}
