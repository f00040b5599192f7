//! Bad input to the uk-roo compiler: a malformed or unexpected rule file stops the compile with an error naming the
//! file, the rule set and the field; inconsistent overrides stop it too. A line no pattern reads is not an error:
//! its rule set is manual, with the reason.

use origo_rules::compile::{CompileError, RooCompiled, compile_uk_roo};
use origo_rules::pack::RulePack;

const SCHEMES: &str = r#"{"schemes": [
  {"scheme_code": "demo", "title": "Demo agreement", "validity_start_date": "2021-01-01", "validity_end_date": null,
   "countries": ["EU", "XS", "demo-group"], "cumulation_methods": {"bilateral": {"countries": ["GB", "JP", "AN"]}},
   "proofs": [{"summary": "Origin declaration", "proof_class": "origin-declaration"}],
   "ord": {"ord_title": "Demo Origin Reference Document", "ord_version": "1.0"}}
]}"#;

fn list(sets: &str) -> String {
    format!(r#"{{"rule_sets": [{sets}]}}"#)
}

const CTH: &str = r#"{"heading": "0101", "subdivision": "", "min": "0101000000", "max": "0101999999",
  "rules": [{"rule": "Manufacture from materials of any heading, except that of the product."}], "valid": true}"#;

const ODD: &str = r#"{"heading": "ex 0102", "subdivision": "Unicorns", "min": "0102000000", "max": "0102999999",
  "rules": [{"rule": "Manufacture from moon dust."}], "valid": true}"#;

fn compile(sets: &str, overrides: Option<&str>) -> Result<RooCompiled, CompileError> {
    compile_uk_roo(SCHEMES, "demo", &list(sets), "demo.json", overrides)
}

#[test]
fn a_pack_with_its_metadata_and_a_manual_rule_set() {
    let compiled = compile(&format!("{CTH},{ODD}"), None).unwrap();
    let pack: serde_json::Value = serde_json::from_str(&compiled.pack_json).unwrap();
    assert_eq!(pack["scheme"], "uk-demo");
    assert_eq!(pack["legal_basis"], "Demo Origin Reference Document (version 1.0)");
    let partners = pack["branches"]["partners"]["countries"].as_array().unwrap();
    assert_eq!(partners.len(), 29, "27 member states, RS for XS, GB: {partners:?}");
    assert_eq!(pack["cumulation"][0]["countries"], serde_json::json!(["GB", "JP"]));
    assert_eq!(pack["rule_sets"][0]["rules"]["all"], "CTH");
    let odd = &pack["rule_sets"][1];
    assert_eq!(odd["manual"], "starting materials named in words with no HS reading (rule line 1)");
    assert!(odd["rules"].is_null(), "a manual rule set has no rules");
    assert_eq!(odd["description"], "Unicorns", "an ex rule set keeps its description to tell it apart");
    assert_eq!((compiled.coverage.rule_sets, compiled.coverage.evaluable, compiled.coverage.manual), (2, 1, 1));
    assert!(compiled.report.corrections.iter().any(|c| c.contains("XS")), "{:?}", compiled.report.corrections);
    assert!(compiled.report.corrections.iter().any(|c| c.contains("'AN'")));
    RulePack::from_json(&compiled.pack_json).unwrap();
}

#[test]
fn malformed_files_name_file_rule_set_and_field() {
    let error = compile_uk_roo(SCHEMES, "demo", "{\"rule_sets\": [", "demo.json", None).unwrap_err();
    assert_eq!((error.rule_set.as_str(), error.field.as_str()), ("demo.json: (file)", "json"));
    let error = compile_uk_roo(SCHEMES, "demo", "{\"sets\": []}", "demo.json", None).unwrap_err();
    assert_eq!(error.field, "rule_sets");
    let missing = CTH.replace(r#""max": "0101999999","#, "");
    let error = compile(&format!("{ODD},{missing}"), None).unwrap_err();
    assert_eq!((error.rule_set.as_str(), error.field.as_str()), ("demo.json: 0101", "rule_sets[1].max"));
    assert!(error.message.contains("missing field"), "{error}");
    let typed = CTH.replace(r#"{"rule": "Manufacture"#, r#"{"rule": 7, "x": "Manufacture"#);
    let error = compile(&typed, None).unwrap_err();
    assert_eq!(error.field, "rule_sets[0].rules[0].rule");
}

#[test]
fn broken_ranges_name_the_rule_set() {
    let error = compile(&CTH.replace("0101999999", "01019999"), None).unwrap_err();
    assert_eq!((error.rule_set.as_str(), error.field.as_str()), ("0101", "max"));
    let error = compile(&CTH.replace("0101999999", "0100999999"), None).unwrap_err();
    assert_eq!(error.field, "min/max");
}

#[test]
fn unknown_schemes_and_countries_are_bad_input() {
    let error = compile_uk_roo(SCHEMES, "nowhere", &list(CTH), "nowhere.json", None).unwrap_err();
    assert!(error.message.contains("no scheme 'nowhere'"), "{error}");
    let bad = SCHEMES.replace("\"JP\"", "\"QQ\"");
    let error = compile_uk_roo(&bad, "demo", &list(CTH), "demo.json", None).unwrap_err();
    assert!(error.message.contains("'QQ'"), "{error}");
}

#[test]
fn overrides_decide_and_are_reported() {
    let overrides = r#"{"scheme": "uk-demo", "phrases": [
        {"text": "Manufacture from moon dust", "rule": "FROM[2530]", "note": "moon dust reads as earths of 2530 (demo)"}]}"#;
    let compiled = compile(&format!("{CTH},{ODD}"), Some(overrides)).unwrap();
    assert_eq!(compiled.coverage.manual, 0);
    assert_eq!((compiled.report.from_overrides, compiled.report.phrase_overrides_used), (1, 1));
    let forced = r#"{"scheme": "uk-demo", "rule_sets": [
        {"label": "0101", "manual": "the change of heading is doubtful here (demo)", "note": "demo"}]}"#;
    let compiled = compile(CTH, Some(forced)).unwrap();
    assert_eq!(compiled.coverage.manual, 1);
    assert!(compiled.report.corrections.iter().any(|c| c.contains("manual by the overrides")));
}

#[test]
fn inconsistent_overrides_stop_the_compile() {
    let unused = r#"{"scheme": "uk-demo", "phrases": [{"text": "Nothing reads so", "rule": "ANY", "note": "x"}]}"#;
    let error = compile(CTH, Some(unused)).unwrap_err();
    assert_eq!(error.rule_set, "(overrides)");
    assert!(error.message.contains("unused"), "{error}");
    let redundant = r#"{"scheme": "uk-demo", "phrases": [
        {"text": "Manufacture from materials of any heading, except that of the product", "rule": "CTH", "note": "x"}]}"#;
    let error = compile(CTH, Some(redundant)).unwrap_err();
    assert!(error.message.contains("only repeats the pattern"), "{error}");
    let other = r#"{"scheme": "uk-japan"}"#;
    assert!(compile(CTH, Some(other)).unwrap_err().message.contains("expected 'uk-demo'"));
    let no_note = r#"{"scheme": "uk-demo", "rule_sets": [{"label": "0101", "manual": "x", "note": " "}]}"#;
    assert!(compile(CTH, Some(no_note)).unwrap_err().message.contains("note"));
}

#[test]
fn lines_and_rows_are_joined_as_the_wording_says() {
    // A bare condition after a line is a further condition of it, not an alternative.
    let set = r#"{"heading": "1702", "min": "1702000000", "max": "1702999999", "rules": [
        {"rule": "CTH: All non-originating materials used in the production of the good have undergone a change in tariff classification at the 4-digit level (tariff heading)."},
        {"rule": "The total weight of non-originating materials of heading 1701 used does not exceed 20% of the weight of the product."}]}"#;
    let pack: serde_json::Value = serde_json::from_str(&compile(set, None).unwrap().pack_json).unwrap();
    assert_eq!(pack["rule_sets"][0]["rules"]["all"], "CTH & MAXWT 20%[1701]");
    // A row with the same label and range and no description continues the row before: one rule set, counted
    // as the two rows of the list.
    let first = r#"{"heading": "2901", "subdivision": "Hydrocarbons", "min": "2901000000", "max": "2901999999",
        "rules": [{"rule": "Manufacture from materials of any heading, except that of the product or."}]}"#;
    let second = r#"{"heading": "2901", "subdivision": "", "min": "2901000000", "max": "2901999999",
        "rules": [{"rule": "Manufacture in which the value of all the materials used does not exceed 40% of the ex-works price of the product."}]}"#;
    let compiled = compile(&format!("{first},{second}"), None).unwrap();
    let pack: serde_json::Value = serde_json::from_str(&compiled.pack_json).unwrap();
    assert_eq!(pack["rule_sets"].as_array().unwrap().len(), 1);
    assert_eq!(pack["rule_sets"][0]["rules"]["all"], "CTH | MAXNOM 40%");
    assert_eq!((compiled.coverage.rule_sets, compiled.coverage.evaluable), (2, 2));
    assert!(compiled.report.corrections.iter().any(|c| c.contains("continues the row before")));
}
