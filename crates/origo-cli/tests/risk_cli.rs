//! `origo risk score FILE.csv` as a user runs it: one JSON line per record with rows counted from 1, a bad record
//! answered with its row and field while the file goes on, an anomalous unit value flagged with its figures, the
//! configuration applied, and exit code 2 for a wrong header, a missing file or a bad configuration.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const HEADER: &str = "exporter,date,hs,quantity,value,destination\n";

fn origo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_origo")).args(args).output().unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// 30 exports of furniture (940360) by 10 exporters at 4.00, 4.20 and 4.40 USD/kg, then one at 1.00 USD/kg, one
/// bad date, and one more ordinary export.
fn history() -> String {
    let mut csv = HEADER.to_owned();
    for i in 0..30 {
        let value = ["4000", "4200", "4400"][i % 3];
        csv.push_str(&format!("UZ{:03},2025-01-{:02},940360,1000,{value},KZ\n", i % 10, i % 28 + 1));
    }
    csv.push_str("UZ001,2025-02-01,940360,1000,1000.00,KZ\n");
    csv.push_str("UZ002,2025-02-30,940360,1000,4200,KZ\n");
    csv.push_str("UZ002,2025-02-03,940360,1000,4200,KZ\n");
    csv
}

#[test]
fn scores_every_record_in_order_and_flags_an_anomalous_unit_value() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "history.csv", &history());
    let output = origo(&["risk", "score", &file]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let raw = String::from_utf8(output.stdout.clone()).unwrap();
    // The fixed shape, byte for byte, on the first line: the first export of UZ000 is a new exporter's.
    assert_eq!(
        raw.lines().next().unwrap(),
        r#"{"row": 1, "score": 0.20, "reasons": ["This is the first export on record of exporter UZ000"]}"#
    );
    let lines = lines(&output);
    assert_eq!(lines.len(), 33);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["row"], i + 1);
    }
    let anomaly = &lines[30];
    let reasons: Vec<&str> = anomaly["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    let expected = "Unit value 1.00 USD/kg is 16.0 MADs below the median 4.20 of the last 30 exports of 940360";
    assert!(reasons.contains(&expected), "{reasons:?}");
    assert!(anomaly["score"].as_f64().unwrap() >= 0.30, "{anomaly}");
    // The bad record names its row and field; the next record is scored as usual.
    assert_eq!(lines[31]["field"], "date");
    assert_eq!(lines[31]["error"], "row 32, field date: expected a date YYYY-MM-DD, found \"2025-02-30\"");
    assert!(lines[31].get("score").is_none());
    // UZ002's fourth export: still a new exporter, nothing else.
    assert_eq!(lines[32]["score"].as_f64(), Some(0.2));
    assert_eq!(lines[32]["reasons"].as_array().unwrap().len(), 1);
    assert!(String::from_utf8_lossy(&output.stderr).contains("scored 33 records"));
}

#[test]
fn the_configuration_changes_weights_and_a_bad_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "history.csv", &history());
    let config = write(dir.path(), "risk.json", r#"{"new_exporter": {"weight": 0}, "unit_value": {"weight": 0.5}}"#);
    let output = origo(&["risk", "score", &file, "--config", &config]);
    assert!(output.status.success());
    let lines = lines(&output);
    assert_eq!(lines[0]["reasons"].as_array().unwrap().len(), 0);
    assert_eq!(lines[30]["score"].as_f64(), Some(0.5));

    let bad = write(dir.path(), "bad.json", r#"{"unit_value": {"weight": 2}}"#);
    let output = origo(&["risk", "score", &file, "--config", &bad]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("unit_value.weight"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn a_wrong_header_or_a_missing_file_exits_2_with_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "wrong.csv", "exporter,date,hs,qty,value,destination\nA,2025-01-01,940360,1,1,KZ\n");
    let output = origo(&["risk", "score", &file]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("wrong header") && stderr.contains("exporter,date,hs,quantity,value,destination"),
        "{stderr}"
    );

    let output = origo(&["risk", "score", dir.path().join("missing.csv").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read"));
}

#[test]
fn reads_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_origo"))
        .args(["risk", "score", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(format!("{HEADER}A,2025-01-01,940360,1,1,KZ\n").as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(lines(&output).len(), 1);
}
