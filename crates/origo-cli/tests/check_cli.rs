//! `origo check` as a user runs it: the shared example cases, batch mode, standard input, text output and the
//! exit code 2 with a field-named message for every kind of invalid input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

fn origo() -> Command {
    Command::new(env!("CARGO_BIN_EXE_origo"))
}

fn shared_cases() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/cases")
}

fn run_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child =
        origo().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn project_cases() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../cases")
}

/// Runs every case of a folder against its `expected.json`: outcome, and where given the criterion, the
/// missing facts, the variants, and for errors the field named. An entry may give extra `args` (a value that is
/// not an option is a path in the folder), and substrings that some warning (`warning_contains`) or some trace
/// line (`trace_contains`) must hold.
fn run_case_folder(dir: &Path) -> usize {
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let expected = expected.as_object().unwrap();
    for (name, entry) in expected {
        let mut command = origo();
        command.arg("check").arg(dir.join(format!("{name}.json")));
        for arg in entry["args"].as_array().into_iter().flatten().map(|a| a.as_str().unwrap()) {
            if arg.starts_with('-') {
                command.arg(arg)
            } else {
                command.arg(dir.join(arg))
            };
        }
        let output = command.output().unwrap();
        let want = entry["expected"].as_str().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        if want == "error" {
            assert_eq!(output.status.code(), Some(2), "{name}: exit code");
            assert_eq!(stderr.lines().count(), 1, "{name}: one-line message: {stderr}");
            if let Some(field) = entry["field"].as_str() {
                assert!(stderr.contains(&format!(": {field}: ")), "{name}: names {field}: {stderr}");
            }
            continue;
        }
        assert_eq!(output.status.code(), Some(0), "{name}: {stderr}");
        let result: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(result["outcome"], want, "{name} ({}): {result:#}", entry["why"]);
        for key in ["criterion", "missing", "variants", "cumulation"] {
            if let Some(value) = entry.get(key) {
                assert_eq!(&result[key], value, "{name}: {key}: {result:#}");
            }
        }
        for (key, within) in [("warning_contains", "warnings"), ("trace_contains", "trace")] {
            for wanted in entry[key].as_array().into_iter().flatten().map(|w| w.as_str().unwrap()) {
                let lines = result[within].as_array().unwrap();
                let found = lines.iter().any(|line| line.as_str().unwrap().contains(wanted));
                assert!(found, "{name}: no {within} line holds '{wanted}': {result:#}");
            }
        }
    }
    expected.len()
}

#[test]
fn every_shared_case_gives_its_expected_outcome() {
    let dir = shared_cases();
    assert!(run_case_folder(&dir) >= 10, "the shared cases are there");
    let output = origo().arg("check").arg(dir.join("eu-gsp-unknown-hs-code.json")).output().unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("product.hs: '991234'"));
    let output = origo().arg("check").arg(dir.join("eu-gsp-bicycle-missing-value.json")).output().unwrap();
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["missing"], json!(["materials[0].value"]));
    let output = origo().arg("check").arg(dir.join("eu-gsp-honey.json")).output().unwrap();
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["criterion"], "P");
}

#[test]
fn every_project_case_gives_its_expected_outcome() {
    assert!(run_case_folder(&project_cases()) >= 30);
}

#[test]
fn cis_and_non_preferential_cases_are_there() {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(project_cases().join("expected.json")).unwrap()).unwrap();
    for scheme in ["cis-fta-", "non-preferential-"] {
        let count = expected.as_object().unwrap().keys().filter(|k| k.starts_with(scheme)).count();
        assert!(count >= 8, "{scheme}: {count} cases");
    }
}

#[test]
fn batch_answers_every_line_and_flags_invalid_ones() {
    let dir = shared_cases();
    let mut lines = String::new();
    for name in ["eu-gsp-honey", "eu-gsp-unknown-hs-code", "uk-dcts-cotton-yarn"] {
        let case: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap()).unwrap();
        lines.push_str(&case.to_string());
        lines.push('\n');
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &lines).unwrap();
    let output = origo().args(["check", "--batch"]).arg(file.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let results: Vec<Value> =
        String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["outcome"], "originating");
    assert_eq!(results[1]["line"], 2);
    assert_eq!(results[1]["error"]["field"], "product.hs");
    assert_eq!(results[2]["outcome"], "originating");
}

#[test]
fn case_from_standard_input_and_text_format() {
    let case = std::fs::read_to_string(shared_cases().join("eu-gsp-steel-structure.json")).unwrap();
    let output = run_with_stdin(&["check", "-", "--format", "text"], &case);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("Outcome: originating (criterion W 73.08)"), "{text}");
    assert!(text.contains("Why:"), "{text}");
}

#[track_caller]
fn rejected(case: Value, field: &str) {
    let output = run_with_stdin(&["check", "-"], &case.to_string());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("origo: invalid input: ") && stderr.contains(field), "want {field}: {stderr}");
    assert!(output.stdout.is_empty());
}

fn valid() -> Value {
    json!({"scheme": "eu-gsp", "exporting_country": "UZ", "date": "2026-05-11",
           "product": {"hs": "392310", "ex_works_price": 1000},
           "materials": [{"hs": "390110", "origin": "SA", "value": 700}], "processes": ["moulding"]})
}

#[test]
fn invalid_input_exits_2_naming_the_field() {
    let mut case = valid();
    case["scheme"] = json!("eu-gsp-2099");
    rejected(case, "scheme");
    let mut case = valid();
    case["exporting_country"] = json!("XX");
    rejected(case, "exporting_country");
    let mut case = valid();
    case["materials"][0]["value"] = json!(-5);
    rejected(case, "materials[0].value");
    let mut case = valid();
    case["materials"][0]["value"] = json!("a lot");
    rejected(case, "materials[0].value");
    let mut case = valid();
    case["product"]["ex_works_price"] = json!(0);
    rejected(case, "product.ex_works_price");
    let mut case = valid();
    case["materials"][0]["hs"] = json!("3901");
    case["materials"][0]["origin"] = json!("Saudi");
    rejected(case, "materials[0].origin");
    let mut case = valid();
    case["date"] = json!("2026-02-30");
    rejected(case, "date");
    let mut case = valid();
    case["product"]["variant"] = json!("no_such_variant");
    rejected(case, "product.variant");
    let output = run_with_stdin(&["check", "-"], "{\"scheme\": ");
    assert_eq!(output.status.code(), Some(2));
    let mut case = valid();
    case["product"].as_object_mut().unwrap().remove("hs");
    rejected(case, "product.hs: is required");
    rejected(json!([1, 2]), "case: must be a JSON object");
    let output = origo().arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(2), "a missing argument is a usage error");
}

#[test]
fn valid_case_still_parses() {
    let output = run_with_stdin(&["check", "-"], &valid().to_string());
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
}
