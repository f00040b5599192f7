//! The data and pack-maintenance commands as a user runs them: `origo import hs`, `origo rules editions`,
//! `origo rules diff`, and the validation of `--pack-overrides` / `ORIGO_PACK_OVERRIDES`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn origo() -> Command {
    Command::new(env!("CARGO_BIN_EXE_origo"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared_hs() -> PathBuf {
    repo().join("../shared/data/hs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout_json(output: &Output) -> Value {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn import_reproduces_the_committed_nomenclatures() {
    let out = tempfile::tempdir().unwrap();
    for (csv, edition) in [("harmonized-system-hs2017.csv", "2017"), ("harmonized-system.csv", "2022")] {
        let output = origo()
            .args(["import", "hs"])
            .arg(shared_hs().join(csv))
            .args(["--edition", edition, "--out"])
            .arg(out.path())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let name = format!("hs{edition}.tsv");
        let written = fs::read_to_string(out.path().join(&name)).unwrap();
        assert!(written == fs::read_to_string(repo().join("data").join(&name)).unwrap(), "data/{name} is stale");
        assert!(String::from_utf8_lossy(&output.stdout).contains("dropped"), "a summary is printed");
    }
}

#[test]
fn a_bad_csv_names_line_and_column_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let previous = "# the previous nomenclature\n";
    fs::write(out.path().join("hs2017.tsv"), previous).unwrap();
    let csv = out.path().join("bad.csv");
    fs::write(
        &csv,
        "section,hscode,description,parent,level\nI,01,Animals,TOTAL,2\nI,0101,Horses,01,4\nI,01012,Horses,0101,6\n",
    )
    .unwrap();
    let output =
        origo().args(["import", "hs"]).arg(&csv).args(["--edition", "2017", "--out"]).arg(out.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("line 4, column 2 (hscode): '01012' is not a code of 6 digits"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(out.path().join("hs2017.tsv")).unwrap(), previous, "the old file is untouched");
    let left: Vec<_> = fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 2, "no temporary file is left: {left:?}");
}

#[test]
fn editions_report_the_differing_subheadings_of_every_pack() {
    let output = origo().args(["rules", "editions", "--format", "json"]).output().unwrap();
    let report = stdout_json(&output);
    let packs = report["packs"].as_array().unwrap();
    let schemes: Vec<&str> = packs.iter().map(|p| p["scheme"].as_str().unwrap()).collect();
    assert!(["eu-gsp", "uk-dcts", "cis-fta", "non-preferential"].iter().all(|s| schemes.contains(s)), "{schemes:?}");
    // The residual rule of the CIS pack covers every chapter, so it sees every difference of the data.
    let cis = packs.iter().find(|p| p["scheme"] == "cis-fta").unwrap();
    assert_eq!(cis["gone_in_2022"].as_array().unwrap().len(), 145);
    assert_eq!(cis["new_in_2022"].as_array().unwrap().len(), 370);
    let smartphones = cis["new_in_2022"].as_array().unwrap().iter().find(|c| c["subheading"] == "851713").unwrap();
    assert_eq!(smartphones["rule_sets"], json!(["cis-residual"]));
    let text = origo().args(["rules", "editions"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("cis-fta (rules written for HS 2022): 145 subheadings gone")
    );
}

fn pack(edition: &str, hs: &str) -> Value {
    json!({"scheme": "demo", "title": "Demo", "legal_basis": "test", "hs_edition": edition, "branches": {},
           "rule_sets": [{"id": "phones", "hs": hs, "label": "Telephones", "rules": {"all": "CTH"}}]})
}

#[test]
fn a_2017_pack_is_checked_against_hs_2017() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("demo.json"), pack("2017", "851712").to_string()).unwrap();
    let output = origo().args(["rules", "editions", "--format", "json", "--rules"]).arg(dir.path()).output().unwrap();
    let report = stdout_json(&output);
    let gone = report["packs"][0]["gone_in_2022"].as_array().unwrap();
    assert_eq!(gone.len(), 1);
    assert_eq!(gone[0]["subheading"], "851712");
    fs::write(dir.path().join("demo.json"), pack("2017", "851713").to_string()).unwrap();
    let output = origo().args(["rules", "editions", "--rules"]).arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("demo.json") && message.contains("rule set 'phones', field 'hs'"), "{message}");
    assert!(message.contains("'851713' (in '851713') does not exist in HS 2017"), "{message}");
}

#[test]
fn diff_lists_changed_rules_and_the_cases_that_change_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let old_path = repo().join("rules/cis-fta.json");
    let mut new: Value = serde_json::from_str(&fs::read_to_string(&old_path).unwrap()).unwrap();
    let sets = new["rule_sets"].as_array_mut().unwrap();
    let heterocyclic = sets.iter_mut().find(|s| s["id"] == "cis-2933").unwrap();
    heterocyclic["rules"]["all"] = json!("ANY & MAXNOM 40%[2932-2933]");
    sets.retain(|s| s["id"] != "cis-2934");
    let new_path = dir.path().join("cis-fta-new.json");
    fs::write(&new_path, new.to_string()).unwrap();
    let output = origo()
        .args(["rules", "diff", "--format", "json"])
        .arg(&old_path)
        .arg(&new_path)
        .arg("--cases")
        .arg(repo().join("cases"))
        .output()
        .unwrap();
    let report = stdout_json(&output);
    let changes = report["rules"]["rule_sets"].as_array().unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0]["change"], "changed");
    assert_eq!(
        changes[0]["branches"],
        json!([{"branch": "all", "old": "ANY & MAXNOM 50%[2932-2933]", "new": "ANY & MAXNOM 40%[2932-2933]"}])
    );
    assert_eq!((changes[1]["id"].as_str(), changes[1]["change"].as_str()), (Some("cis-2934"), Some("removed")));
    let changed: Vec<&str> =
        report["cases"]["changed"].as_array().unwrap().iter().map(|c| c["case"].as_str().unwrap()).collect();
    // At 50%, at 49.99% and at 45% (the case that an override lowers to 40%) the old rule is met, the new is not.
    assert_eq!(changed.len(), 3, "{changed:?}");
    assert!(changed.iter().all(|c| c.contains("cis-fta-heterocyclic-")), "{changed:?}");
    assert!(report["cases"]["checked"].as_u64().unwrap() >= 12);
    let text = origo().args(["rules", "diff"]).arg(&old_path).arg(&new_path).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("1 rule sets changed, 0 added, 1 removed"), "{text}");
    assert!(text.contains("all: 'ANY & MAXNOM 50%[2932-2933]' -> 'ANY & MAXNOM 40%[2932-2933]'"), "{text}");
}

fn check_with_overrides(overrides: &Value) -> Output {
    let file = tempfile::NamedTempFile::new().unwrap();
    fs::write(file.path(), overrides.to_string()).unwrap();
    origo()
        .arg("check")
        .arg(repo().join("cases/cis-fta-heterocyclic-at-50pct.json"))
        .env("ORIGO_PACK_OVERRIDES", file.path())
        .output()
        .unwrap()
}

#[test]
fn overrides_from_the_environment_are_applied_and_validated() {
    let rule =
        json!({"schemes": {"cis-fta": {"rule_sets": {"cis-2933": {"rules": {"all": "ANY & MAXNOM 45%[2932-2933]"}}}}}});
    let result = stdout_json(&check_with_overrides(&rule));
    assert_eq!(result["outcome"], "not_originating");
    assert_eq!(result["rule"], "ANY & MAXNOM 45%[2932-2933]");
    let warnings = result["warnings"].as_array().unwrap();
    assert!(!warnings.iter().any(|w| w.as_str().unwrap().contains("cis-2933")), "the override settles the doubt");
    for (bad, field) in [
        (json!({"schemes": {"cis-ftaa": {}}}), "schemes.cis-ftaa: no such scheme"),
        (
            json!({"schemes": {"cis-fta": {"rule_sets": {"cis-2935": {"rules": {"all": "CTH"}}}}}}),
            "schemes.cis-fta.rule_sets.cis-2935",
        ),
        (json!({"schemes": {"cis-fta": {"figures": {"tolerance.value_percent": "ten"}}}}), "'ten' is not a decimal"),
        (json!({"schemes": {"cis-fta": {"figures": {"branches.parties.countries": ["UZ", "XX"]}}}}), "countries[1]"),
    ] {
        let output = check_with_overrides(&bad);
        assert_eq!(output.status.code(), Some(1), "{bad}");
        let message = stderr(&output);
        assert!(message.starts_with("origo: pack overrides ") && message.contains(field), "{bad}: {message}");
    }
}
