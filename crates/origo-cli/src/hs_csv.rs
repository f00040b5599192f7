//! Reading a nomenclature CSV in the shape of shared/data/hs/harmonized-system*.csv (columns `section, hscode,
//! description, parent, level`) into the project's derived TSV (`code<TAB>description`, see data/SOURCES.md).
//!
//! The reader is strict because the TSV is bundled into the engine and decides which codes exist: every row is
//! checked (a real section, a code of its level, a description, the right parent already seen, no code twice)
//! and the first problem is reported with its line and column. The rows of section `TOTAL` (the grand total and
//! the pseudo-codes 99, 9999, 999999) are dropped, a row of empty fields is skipped, descriptions have their
//! whitespace collapsed.

use std::collections::HashMap;
use std::fmt;

/// The columns, in order, of the nomenclature CSV.
pub const COLUMNS: [&str; 5] = ["section", "hscode", "description", "parent", "level"];

const SECTIONS: [&str; 21] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
    "XVIII", "XIX", "XX", "XXI",
];

/// A problem in the CSV: the line (1-based) and, when one column is at fault, its number (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    pub line: usize,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) => write!(f, "line {}, column {} ({}): {}", self.line, c, COLUMNS[c - 1], self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

impl std::error::Error for CsvError {}

fn at(line: usize, column: usize, message: impl Into<String>) -> CsvError {
    CsvError { line, column: Some(column), message: message.into() }
}

/// One code of the nomenclature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub code: String,
    pub description: String,
}

/// The codes read, in file order, and what was left out.
#[derive(Debug, Default)]
pub struct Imported {
    pub entries: Vec<Entry>,
    /// Rows of section TOTAL dropped.
    pub dropped: usize,
}

impl Imported {
    /// Chapters, headings and subheadings.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |len: usize| self.entries.iter().filter(|e| e.code.len() == len).count();
        (count(2), count(4), count(6))
    }

    /// The TSV text, with the header comment naming the edition.
    pub fn to_tsv(&self, edition: &str) -> String {
        let mut out = format!(
            "# HS {edition} nomenclature: code<TAB>description (chapters, headings, subheadings). See data/SOURCES.md\n"
        );
        for entry in &self.entries {
            out.push_str(&entry.code);
            out.push('\t');
            out.push_str(&entry.description);
            out.push('\n');
        }
        out
    }
}

/// CSV records (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF).
struct Records<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl<'a> Records<'a> {
    fn new(text: &'a str) -> Records<'a> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Records { text, pos: 0, line: 1 }
    }

    /// The next record with the line it starts on, or `None` at the end.
    fn next_record(&mut self) -> Option<Result<(usize, Vec<String>), CsvError>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start_line = self.line;
        let mut fields = Vec::with_capacity(COLUMNS.len());
        let mut field = String::new();
        let (mut in_quotes, mut quoted) = (false, false);
        let mut chars = self.text[self.pos..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let column = fields.len() + 1;
            if in_quotes {
                match c {
                    '"' if chars.peek().is_some_and(|&(_, n)| n == '"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => in_quotes = false,
                    '\n' => {
                        self.line += 1;
                        field.push(c);
                    }
                    _ => field.push(c),
                }
                continue;
            }
            match c {
                ',' => {
                    fields.push(std::mem::take(&mut field));
                    quoted = false;
                }
                '\n' => {
                    self.pos += i + 1;
                    self.line += 1;
                    fields.push(field);
                    return Some(Ok((start_line, fields)));
                }
                '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {}
                '"' if field.is_empty() && !quoted => (in_quotes, quoted) = (true, true),
                '"' => return Some(Err(at(self.line, column, "a quote inside an unquoted field"))),
                _ if quoted => return Some(Err(at(self.line, column, "text after the closing quote"))),
                _ => field.push(c),
            }
        }
        if in_quotes {
            return Some(Err(at(start_line, fields.len() + 1, "quoted field not closed before the end of the file")));
        }
        self.pos = self.text.len();
        fields.push(field);
        Some(Ok((start_line, fields)))
    }
}

/// Reads and checks the whole CSV; `progress` is told how many bytes have been read so far.
pub fn read(text: &str, mut progress: impl FnMut(usize)) -> Result<Imported, CsvError> {
    let mut records = Records::new(text);
    let header = match records.next_record() {
        None => return Err(CsvError { line: 1, column: None, message: "the file is empty".into() }),
        Some(record) => record?.1,
    };
    if header != COLUMNS {
        return Err(CsvError {
            line: 1,
            column: None,
            message: format!("expected the header '{}', found '{}'", COLUMNS.join(","), header.join(",")),
        });
    }
    let mut imported = Imported::default();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    while let Some(record) = records.next_record() {
        let (line, fields) = record?;
        if imported.entries.len() % 512 == 0 {
            progress(records.pos);
        }
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if fields.len() != COLUMNS.len() {
            let message = format!("expected {} columns ({}), found {}", COLUMNS.len(), COLUMNS.join(","), fields.len());
            return Err(CsvError { line, column: None, message });
        }
        if fields[0] == "TOTAL" {
            imported.dropped += 1;
            continue;
        }
        let entry = check_row(line, &fields, &first_seen)?;
        first_seen.insert(entry.code.clone(), line);
        imported.entries.push(entry);
    }
    progress(text.len());
    if imported.entries.is_empty() {
        return Err(CsvError { line: records.line, column: None, message: "no codes in the file".into() });
    }
    Ok(imported)
}

fn check_row(line: usize, fields: &[String], seen: &HashMap<String, usize>) -> Result<Entry, CsvError> {
    let [section, code, description, parent, level] = [0, 1, 2, 3, 4].map(|i| fields[i].trim());
    if !SECTIONS.contains(&section) {
        return Err(at(line, 1, format!("'{section}' is not a section (I to XXI, or TOTAL)")));
    }
    let level: usize = match level {
        "2" | "4" | "6" => level.parse().unwrap_or_default(),
        _ => return Err(at(line, 5, format!("'{level}' is not a level (2, 4 or 6)"))),
    };
    if code.len() != level || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(at(line, 2, format!("'{code}' is not a code of {level} digits")));
    }
    if let Some(first) = seen.get(code) {
        return Err(at(line, 2, format!("'{code}' appears twice (first on line {first})")));
    }
    let description = description.split_whitespace().collect::<Vec<_>>().join(" ");
    if description.is_empty() {
        return Err(at(line, 3, "the description is empty"));
    }
    let expected = if level == 2 { "TOTAL" } else { &code[..level - 2] };
    if parent != expected {
        return Err(at(line, 4, format!("'{parent}' is not the parent of {code} (expected '{expected}')")));
    }
    if level > 2 && !seen.contains_key(parent) {
        return Err(at(line, 4, format!("the parent '{parent}' has not appeared above")));
    }
    Ok(Entry { code: code.to_string(), description })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "section,hscode,description,parent,level\n";

    fn read_text(body: &str) -> Result<Imported, CsvError> {
        read(&format!("\u{feff}{HEADER}{body}"), |_| {})
    }

    #[test]
    fn reads_quotes_drops_totals_and_collapses_whitespace() {
        let imported = read_text(
            "I,01,Animals; live,TOTAL,2\r\nI,0101,\"Horses, asses;  \"\"live\"\"\",01,4\n\
             I,010121,Horses;   pure-bred ,0101,6\nTOTAL,99,Commodities not specified,TOTAL,2\n,,,,\n",
        )
        .unwrap();
        assert_eq!(imported.counts(), (1, 1, 1));
        assert_eq!(imported.dropped, 1);
        assert_eq!(imported.entries[1].description, "Horses, asses; \"live\"");
        assert_eq!(imported.entries[2].description, "Horses; pure-bred");
        assert!(imported.to_tsv("2017").starts_with("# HS 2017 nomenclature"));
        assert!(imported.to_tsv("2017").ends_with("010121\tHorses; pure-bred\n"));
    }

    #[test]
    fn errors_name_line_and_column() {
        let cases = [
            ("I,01,Animals,TOTAL,2\nI,0101,Horses,01,3\n", "line 3, column 5 (level): '3' is not a level (2, 4 or 6)"),
            (
                "I,01,Animals,TOTAL,2\nI,01a1,Horses,01,4\n",
                "line 3, column 2 (hscode): '01a1' is not a code of 4 digits",
            ),
            (
                "I,01,Animals,TOTAL,2\nI,0201,Meat,01,4\n",
                "line 3, column 4 (parent): '01' is not the parent of 0201 \
              (expected '02')",
            ),
            ("I,0101,Horses,01,4\n", "line 2, column 4 (parent): the parent '01' has not appeared above"),
            (
                "I,01,Animals,TOTAL,2\nI,01,Again,TOTAL,2\n",
                "line 3, column 2 (hscode): '01' appears twice (first on \
              line 2)",
            ),
            ("XXV,01,Animals,TOTAL,2\n", "line 2, column 1 (section): 'XXV' is not a section (I to XXI, or TOTAL)"),
            ("I,01, ,TOTAL,2\n", "line 2, column 3 (description): the description is empty"),
            ("I,01,Animals,TOTAL\n", "line 2: expected 5 columns (section,hscode,description,parent,level), found 4"),
            (
                "I,01,\"Animals,TOTAL,2\n",
                "line 2, column 3 (description): quoted field not closed before the end of \
              the file",
            ),
            ("I,01,Ani\"mals,TOTAL,2\n", "line 2, column 3 (description): a quote inside an unquoted field"),
        ];
        for (body, message) in cases {
            assert_eq!(read_text(body).unwrap_err().to_string(), message, "{body}");
        }
        assert_eq!(read("code,description\n01,x\n", |_| {}).unwrap_err().line, 1);
        assert!(read_text("").unwrap_err().message.contains("no codes"));
    }
}
