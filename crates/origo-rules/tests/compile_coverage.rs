//! HS coverage: for every HS 2022 subheading, the rule sets whose `hs` covers it in a pack are exactly the rule
//! sets whose legal range covers it in the list (the 10-digit min/max, or the reviewed repair where the scraped
//! range is broken), and every subheading of every chapter a list covers has a rule for each branch.

mod compile_common;

use std::collections::{BTreeMap, BTreeSet};

use compile_common::*;
use origo_rules::hs::Nomenclature;
use origo_rules::selection::{Ranges, Selection};
use serde_json::Value;

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The legal range of each rule set of a raw list, in order: the override's repair for its label if there is
/// one, else its min/max.
fn legal_ranges(raw: &str, overrides: &str) -> Vec<Ranges> {
    let overrides = json(overrides);
    let repairs: BTreeMap<String, String> = overrides["rule_sets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| Some((collapse(e["label"].as_str()?), e["hs"].as_str()?.to_string())))
        .collect();
    json(raw)["rule_sets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|set| match repairs.get(&collapse(set["heading"].as_str().unwrap())) {
            Some(hs) => Selection::parse(hs).unwrap().resolve(&BTreeMap::new()).unwrap(),
            None => {
                let bound = |key: &str| set[key].as_str().unwrap().trim()[..6].parse::<u32>().unwrap();
                Ranges::new(vec![(bound("min"), bound("max"))])
            }
        })
        .collect()
}

/// Each pack rule set's coverage and branches.
fn pack_sets(pack: &str) -> Vec<(Ranges, BTreeSet<String>)> {
    let pack = json(pack);
    let groups: BTreeMap<String, Selection> = pack["groups"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), Selection::parse(v.as_str().unwrap()).unwrap()))
        .collect();
    pack["rule_sets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|set: &Value| {
            let hs = Selection::parse(set["hs"].as_str().unwrap()).unwrap().resolve(&groups).unwrap();
            (hs, set["rules"].as_object().unwrap().keys().cloned().collect())
        })
        .collect()
}

fn covers(ranges: &Ranges, code: u32) -> bool {
    ranges.ranges().iter().any(|&(a, b)| a <= code && code <= b)
}

fn check(pack: &str, raw: &str, overrides: &str) {
    let legal = legal_ranges(raw, overrides);
    let sets = pack_sets(pack);
    assert_eq!(legal.len(), sets.len(), "one pack rule set per legal rule set, in order");
    let subheadings: Vec<u32> = Nomenclature::hs2022().subheadings().iter().map(|c| c.subheading().unwrap()).collect();
    let mut chapters = BTreeSet::new();
    for &code in &subheadings {
        let by_list: BTreeSet<usize> = (0..legal.len()).filter(|&i| covers(&legal[i], code)).collect();
        let by_pack: BTreeSet<usize> = (0..sets.len()).filter(|&i| covers(&sets[i].0, code)).collect();
        assert_eq!(by_list, by_pack, "subheading {code:06}");
        if !by_list.is_empty() {
            chapters.insert(code / 10_000);
        }
    }
    for &code in subheadings.iter().filter(|c| chapters.contains(&(*c / 10_000))) {
        for branch in ["ldc", "other"] {
            let ruled =
                sets.iter().any(|(hs, rules)| covers(hs, code) && (rules.contains(branch) || rules.contains("all")));
            assert!(ruled, "subheading {code:06} has no rule for branch {branch}");
        }
    }
}

#[test]
fn eu_gsp_coverage_matches_the_annex() {
    check(EU_PACK, &annex(), EU_OVERRIDES);
}

#[test]
fn uk_dcts_coverage_matches_both_lists() {
    check(UK_PACK, &dcts_ldcs(), UK_OVERRIDES);
    // The other list has the same rows.
    let ldcs = json(&dcts_ldcs());
    let general = json(&dcts_general());
    let rows = |v: &Value| -> Vec<(String, String)> {
        v["rule_sets"].as_array().unwrap().iter().map(|s| (s["min"].to_string(), s["max"].to_string())).collect()
    };
    assert_eq!(rows(&ldcs), rows(&general));
}

#[test]
fn eu_chapters_without_rules_are_only_those_the_annex_omits() {
    let sets = pack_sets(EU_PACK);
    let uncovered: BTreeSet<u32> = Nomenclature::hs2022()
        .subheadings()
        .iter()
        .map(|c| c.subheading().unwrap())
        .filter(|&code| !sets.iter().any(|(hs, _)| covers(hs, code)))
        .map(|code| code / 10_000)
        .collect();
    assert!(uncovered.is_empty(), "chapters without any rule set: {uncovered:?}");
}
