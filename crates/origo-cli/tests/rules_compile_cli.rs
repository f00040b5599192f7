//! `origo rules compile` and `origo rules coverage` as a user runs them: on a small uk-roo style folder, on the
//! real corpus, and on bad input (exit 2, a message naming file, rule set and field, no pack written).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn origo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_origo")).args(args).output().unwrap()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

const SCHEMES: &str = r#"{"schemes": [{"scheme_code": "demo", "title": "Demo agreement",
  "validity_start_date": "2021-01-01", "validity_end_date": null, "countries": ["JP"],
  "cumulation_methods": {"bilateral": {"countries": ["GB", "JP"]}},
  "proofs": [{"summary": "Statement on origin", "proof_class": "origin-declaration"}],
  "ord": {"ord_title": "Demo ORD", "ord_version": "1.0"}}]}"#;

const LIST: &str = r#"{"rule_sets": [
  {"heading": "0101", "min": "0101000000", "max": "0101999999",
   "rules": [{"rule": "CTH: All non-originating materials used in the production of the good have undergone a change in tariff classification at the 4-digit level (tariff heading)."}]},
  {"heading": "0102", "min": "0102000000", "max": "0102999999", "rules": [{"rule": "Manufacture from moon dust."}]}
]}"#;

/// A uk-roo style folder with the demo scheme, and a rules folder beside it.
fn folder(list: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let roo = dir.path().join("uk-roo");
    fs::create_dir_all(roo.join("rule_sets")).unwrap();
    fs::write(roo.join("roo_schemes_uk.json"), SCHEMES).unwrap();
    fs::write(roo.join("rule_sets/demo.json"), list).unwrap();
    let rules = dir.path().join("rules");
    (dir, roo, rules)
}

#[test]
fn compile_writes_one_pack_per_scheme_and_reports() {
    let (_dir, roo, rules) = folder(LIST);
    let out = origo(&["rules", "compile", path(&roo), "--out", path(&rules)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("uk-demo: 2 rule sets, 1 evaluable, 1 manual"), "{stdout}");
    let pack: Value = serde_json::from_str(&fs::read_to_string(rules.join("uk/demo.json")).unwrap()).unwrap();
    assert_eq!(pack["scheme"], "uk-demo");
    assert_eq!(pack["rule_sets"][0]["rules"]["all"], "CTH");
    assert!(pack["rule_sets"][1]["manual"].is_string());
    // The pack is usable at once.
    let case = rules.join("case.json");
    fs::write(
        &case,
        r#"{"scheme": "uk-demo", "exporting_country": "JP", "date": "2024-01-01",
        "product": {"hs": "010290"}, "wholly_obtained": false, "materials": [], "processes": ["fattening"]}"#,
    )
    .unwrap();
    let out = origo(&["check", path(&case), "--rules", path(&rules.join("uk"))]);
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((d["outcome"].as_str(), d["missing"][0].as_str()), (Some("undetermined"), Some("manual_examination")));
}

#[test]
fn bad_input_exits_2_naming_file_rule_set_and_field_and_writes_nothing() {
    let (_dir, roo, rules) = folder(&LIST.replace(r#""max": "0102999999""#, r#""max": "01029""#));
    let out = origo(&["rules", "compile", path(&roo), "--out", path(&rules)]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("demo.json") && stderr.contains("'0102'") && stderr.contains("'max'"), "{stderr}");
    assert!(!rules.join("uk/demo.json").exists(), "no half-written pack");
    // A pack written before stays as it was.
    fs::create_dir_all(rules.join("uk")).unwrap();
    fs::write(rules.join("uk/demo.json"), "old").unwrap();
    fs::write(roo.join("rule_sets/demo.json"), "{\"rule_sets\": [").unwrap();
    let out = origo(&["rules", "compile", path(&roo), "--out", path(&rules)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(rules.join("uk/demo.json")).unwrap(), "old");
    // A list of a scheme the schemes file does not know is bad input too.
    fs::write(roo.join("rule_sets/elsewhere.json"), LIST).unwrap();
    let out = origo(&["rules", "coverage", path(&roo), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    // A folder that is not there cannot be read: exit 1.
    let out = origo(&["rules", "coverage", "/no/such/folder"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn coverage_json_has_the_fixed_shape() {
    let (_dir, roo, _rules) = folder(LIST);
    let out = origo(&["rules", "coverage", path(&roo), "--format", "json", "--no-overrides"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report,
        serde_json::json!({"schemes": [{"scheme": "demo", "rule_sets": 2, "evaluable": 1, "manual": 1}],
                           "total": {"rule_sets": 2, "evaluable": 1, "manual": 1}})
    );
}

#[test]
fn coverage_of_the_real_corpus_with_and_without_overrides() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let roo = repo.join("../shared/data/uk-roo");
    let overrides = repo.join("rules/overrides/uk");
    let run = |extra: &[&str]| -> Value {
        let mut args = vec!["rules", "coverage", path(&roo), "--format", "json"];
        args.extend_from_slice(extra);
        let out = origo(&args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let with = run(&["--overrides", path(&overrides)]);
    assert_eq!(with["schemes"].as_array().unwrap().len(), 43);
    assert_eq!(with["total"]["rule_sets"], 28_535);
    assert_eq!(with["total"]["evaluable"], 27_126);
    let without = run(&["--no-overrides"]);
    assert_eq!(without["total"]["evaluable"], 27_125);
    let dcts = with["schemes"].as_array().unwrap().iter().filter(|s| s["scheme"].as_str().unwrap().starts_with("dcts"));
    for scheme in dcts {
        assert_eq!(scheme["manual"], 0, "{scheme}");
    }
}
