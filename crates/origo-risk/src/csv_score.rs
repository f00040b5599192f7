//! Scoring a history of exports streaming: CSV `exporter,date,hs,quantity,value,destination` in, one JSON line per
//! record out (`{"row": 1, "score": 0.42, "reasons": ["..."]}`), rows counted from 1 after the header.
//!
//! Each record is scored against the history of the records before it and then added to it, so the scores of a
//! file are those its records would have had on arrival. A bad record gives `{"row": N, "field": "...", "error":
//! "..."}` naming the row and the field, is left out of the history, and the file goes on; a wrong header stops
//! before anything is written. Memory stays flat: one record is held at a time, and the history is bounded per key
//! ([`crate::history`]). The score is that of the indicators alone: random selection is drawn for applications
//! ([`crate::assess`]), not for a history.

use std::io::{self, Read, Write};

use csv::ByteRecord;
use rust_decimal::Decimal;
use time::{Date, Month};

use crate::config::RiskConfig;
use crate::facts::{ApplicationFacts, Country, ExportRecord, Hs6};
use crate::history::History;
use crate::indicators;
use crate::score;

/// The fixed header, in order.
pub const HEADER: [&str; 6] = ["exporter", "date", "hs", "quantity", "value", "destination"];

/// What stops a file from being scored (a bad record does not: it gets an error line).
#[derive(Debug, thiserror::Error)]
pub enum CsvScoreError {
    #[error("the file is empty: expected the header {}", HEADER.join(","))]
    Empty,
    #[error("wrong header {found:?}: expected {}", HEADER.join(","))]
    Header { found: String },
    #[error("reading the CSV: {0}")]
    Read(#[source] csv::Error),
    #[error("writing the scores: {0}")]
    Write(#[source] io::Error),
}

/// Counts of a finished file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CsvSummary {
    /// Data records read (the last row number).
    pub rows: u64,
    /// Records refused with an error line.
    pub errors: u64,
    /// Records with at least one finding.
    pub flagged: u64,
}

/// A record that could not be read: the field and what is wrong with it.
#[derive(Debug, PartialEq, Eq)]
struct FieldError {
    field: &'static str,
    message: String,
}

/// Scores every record of `input` and writes one line per record to `output`, then flushes it.
pub fn score_csv<R: Read, W: Write>(input: R, mut output: W, config: &RiskConfig) -> Result<CsvSummary, CsvScoreError> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).buffer_capacity(64 * 1024).from_reader(input);
    let mut record = ByteRecord::new();
    if !reader.read_byte_record(&mut record).map_err(CsvScoreError::Read)? {
        return Err(CsvScoreError::Empty);
    }
    check_header(&record)?;
    let mut history = History::new(config);
    let mut summary = CsvSummary::default();
    while reader.read_byte_record(&mut record).map_err(CsvScoreError::Read)? {
        summary.rows += 1;
        let row = summary.rows;
        let written = match parse(&record) {
            Ok(export) => {
                // No id: a history's records are scored, not selected at random.
                let facts = ApplicationFacts::from_export(String::new(), export);
                let findings =
                    indicators::evaluate(&facts, &history.view(&facts.export.exporter, facts.export.hs), config);
                history.record(&facts.export);
                summary.flagged += u64::from(!findings.is_empty());
                write_score(&mut output, row, score::combine(&findings), findings.iter().map(|f| f.reason.as_str()))
            }
            Err(error) => {
                summary.errors += 1;
                write_error(&mut output, row, &error)
            }
        };
        written.map_err(CsvScoreError::Write)?;
    }
    output.flush().map_err(CsvScoreError::Write)?;
    Ok(summary)
}

fn check_header(record: &ByteRecord) -> Result<(), CsvScoreError> {
    let fields: Vec<String> = record
        .iter()
        .enumerate()
        .map(|(i, field)| {
            // A spreadsheet's byte-order mark before the first name is not part of it.
            let field = if i == 0 { field.strip_prefix(b"\xef\xbb\xbf").unwrap_or(field) } else { field };
            String::from_utf8_lossy(field).trim().to_owned()
        })
        .collect();
    if fields.iter().map(String::as_str).eq(HEADER) {
        Ok(())
    } else {
        Err(CsvScoreError::Header { found: fields.join(",") })
    }
}

/// One record as an export, or the first field that is wrong.
fn parse(record: &ByteRecord) -> Result<ExportRecord, FieldError> {
    if record.len() != HEADER.len() {
        let field = HEADER.get(record.len()).copied().unwrap_or("record");
        let message = format!("{} fields, expected {} ({})", record.len(), HEADER.len(), HEADER.join(","));
        return Err(FieldError { field, message });
    }
    let text = |i: usize| {
        std::str::from_utf8(&record[i])
            .map(str::trim)
            .map_err(|_| FieldError { field: HEADER[i], message: "not UTF-8 text".to_owned() })
    };
    let bad = |i: usize, what: &str, found: &str| FieldError {
        field: HEADER[i],
        message: format!("{what}, found {found:?}"),
    };
    let exporter = text(0)?;
    if exporter.is_empty() || exporter.chars().count() > 200 {
        return Err(bad(0, "expected an exporter identifier of 1 to 200 characters", exporter));
    }
    let date = text(1)?;
    let date = parse_date(date).ok_or_else(|| bad(1, "expected a date YYYY-MM-DD", date))?;
    let hs = text(2)?;
    let hs = Hs6::parse(hs).ok_or_else(|| bad(2, "expected an HS code of 6 to 10 digits", hs))?;
    let quantity = text(3)?;
    let quantity = quantity
        .parse::<Decimal>()
        .ok()
        .filter(|q| *q > Decimal::ZERO)
        .ok_or_else(|| bad(3, "expected a decimal number greater than 0", quantity))?;
    let value = text(4)?;
    let value = value
        .parse::<Decimal>()
        .ok()
        .filter(|v| *v >= Decimal::ZERO)
        .ok_or_else(|| bad(4, "expected a decimal number, 0 or more", value))?;
    let destination = text(5)?;
    let destination =
        Country::parse(destination).ok_or_else(|| bad(5, "expected a two-letter country code", destination))?;
    Ok(ExportRecord { exporter: exporter.to_owned(), date, hs, quantity, value, destination })
}

/// `YYYY-MM-DD`, a real calendar date.
fn parse_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number =
        |digits: &[u8]| digits.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')));
    let (year, month, day) = (number(&b[0..4])?, number(&b[5..7])?, number(&b[8..10])?);
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()
}

fn write_score<'a>(
    out: &mut impl Write,
    row: u64,
    score: Decimal,
    reasons: impl Iterator<Item = &'a str>,
) -> io::Result<()> {
    write!(out, "{{\"row\": {row}, \"score\": {score}, \"reasons\": [")?;
    for (i, reason) in reasons.enumerate() {
        if i > 0 {
            out.write_all(b", ")?;
        }
        serde_json::to_writer(&mut *out, reason)?;
    }
    out.write_all(b"]}\n")
}

fn write_error(out: &mut impl Write, row: u64, error: &FieldError) -> io::Result<()> {
    write!(out, "{{\"row\": {row}, \"field\": \"{}\", \"error\": ", error.field)?;
    serde_json::to_writer(&mut *out, &format!("row {row}, field {}: {}", error.field, error.message))?;
    out.write_all(b"}\n")
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    fn run(csv: &str) -> Result<Vec<Value>, CsvScoreError> {
        let mut out = Vec::new();
        score_csv(csv.as_bytes(), &mut out, &RiskConfig::default())?;
        Ok(String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect())
    }

    const HEAD: &str = "exporter,date,hs,quantity,value,destination\n";

    #[test]
    fn one_line_per_record_in_the_fixed_shape() {
        let mut out = Vec::new();
        let csv = format!("{HEAD}A,2025-01-02,940360,10,100,KZ\n");
        let summary = score_csv(csv.as_bytes(), &mut out, &RiskConfig::default()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"row\": 1, \"score\": 0.20, \"reasons\": [\"This is the first export on record of exporter A\"]}\n"
        );
        assert_eq!(summary, CsvSummary { rows: 1, errors: 0, flagged: 1 });
    }

    #[test]
    fn bad_records_name_row_and_field_and_stay_out_of_the_history() {
        let csv = format!(
            "{HEAD}A,2025-01-02,940360,10,100,KZ\nA,2025-02-30,940360,10,100,KZ\nA,2025-01-02,94036,10,100,KZ\n\
             A,2025-01-02,940360,0,100,KZ\nA,2025-01-02,940360,10,-1,KZ\nA,2025-01-02,940360,10,100,KAZ\n\
             A,2025-01-02,940360,10\n,2025-01-02,940360,10,100,KZ\nA,2025-01-03,940360,10,100,KZ\n"
        );
        let lines = run(&csv).unwrap();
        let fields: Vec<_> = lines.iter().map(|l| l["field"].as_str().unwrap_or("-")).collect();
        assert_eq!(fields, ["-", "date", "hs", "quantity", "value", "destination", "value", "exporter", "-"]);
        assert_eq!(lines[1]["error"], "row 2, field date: expected a date YYYY-MM-DD, found \"2025-02-30\"");
        assert_eq!(
            lines[6]["error"],
            "row 7, field value: 4 fields, expected 6 (exporter,date,hs,quantity,value,destination)"
        );
        // The last record sees one earlier export: the bad ones were not recorded.
        assert_eq!(
            lines[8]["reasons"][0],
            "Exporter A has 1 earlier export on record, fewer than 5; exporter A has exported since 2025-01-02, 1 day \
             before this export (less than 180 days)"
        );
        assert_eq!(lines[8]["row"], 9);
    }

    #[test]
    fn a_wrong_or_missing_header_is_refused() {
        let err = run("exporter,date,hs,qty,value,destination\nA,2025-01-02,940360,10,100,KZ\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "wrong header \"exporter,date,hs,qty,value,destination\": expected \
             exporter,date,hs,quantity,value,destination"
        );
        assert!(matches!(run("").unwrap_err(), CsvScoreError::Empty));
        // A byte-order mark and spaces around names are tolerated.
        assert_eq!(run("\u{feff}exporter, date,hs,quantity,value,destination\n").unwrap().len(), 0);
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(parse_date("2024-02-29"), Some(time::macros::date!(2024 - 02 - 29)));
        for bad in ["2023-02-29", "2024-2-29", "2024/02/29", "24-02-290", "2024-13-01", "2024-00-10", "abcd-01-01"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
