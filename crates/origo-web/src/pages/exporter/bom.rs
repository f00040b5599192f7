//! A bill of materials as the exporter's forms hold it: rows typed into the form (a submit button adds a row, so
//! no script is needed) or loaded from a CSV file with the header `hs,description,country,value,originating`
//! (and optionally `weight_kg`), each row checked field by field. A bad row keeps what was typed and gets its
//! message next to the field; a bad CSV row is also listed by its spreadsheet row number ("Row 3, value: not a
//! number", the header being row 1), so the file can be fixed too.
//!
//! Field names: `<prefix>m<j>_<field>` with `<prefix>rows` holding the number of rows shown, so one form can carry
//! several bills (`i0_m2_value` is item 1's third material).

use rust_decimal::Decimal;

use super::fields::Fields;
use super::input::{self, Message};
use crate::pages::context::PageCtx;

/// The most rows one bill of materials may have.
pub const MAX_ROWS: usize = 200;

/// The CSV columns, in the order of the template file.
pub const CSV_HEADER: &str = "hs,description,country,value,originating,weight_kg";

/// One material as typed, with its messages.
#[derive(Debug, Clone, Default)]
pub struct MaterialRow {
    /// The field names' stem (`m0`, `i1_m3`).
    pub id: String,
    /// 1, 2, 3 ... as shown.
    pub number: usize,
    pub hs: String,
    pub description: String,
    pub country: String,
    pub value: String,
    pub weight: String,
    /// `yes`, `no` or empty.
    pub originating: String,
    pub errors: RowErrors,
}

/// The messages of one row, per field.
#[derive(Debug, Clone, Default)]
pub struct RowErrors {
    pub hs: Option<Message>,
    pub country: Option<Message>,
    pub value: Option<Message>,
    pub weight: Option<Message>,
    pub originating: Option<Message>,
}

impl RowErrors {
    pub fn any(&self) -> bool {
        self.hs.is_some()
            || self.country.is_some()
            || self.value.is_some()
            || self.weight.is_some()
            || self.originating.is_some()
    }
}

/// A material, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Material {
    pub hs: Option<String>,
    pub description: Option<String>,
    pub country: Option<String>,
    pub value: Option<Decimal>,
    pub weight: Option<Decimal>,
    pub originating: Option<bool>,
}

/// A bill of materials in a form.
#[derive(Debug, Clone, Default)]
pub struct Bill {
    /// The field names' prefix (`""`, `i0_`).
    pub prefix: String,
    pub rows: Vec<MaterialRow>,
    /// Problems of the uploaded CSV file, each naming its row and field.
    pub csv_errors: Vec<Message>,
    /// "3 rows were read from the file", after an upload.
    pub csv_notice: Option<Message>,
}

impl MaterialRow {
    fn blank(prefix: &str, index: usize) -> MaterialRow {
        MaterialRow { id: format!("{prefix}m{index}"), number: index + 1, ..MaterialRow::default() }
    }

    /// Nothing typed in this row: it is left out.
    pub fn is_blank(&self) -> bool {
        [&self.hs, &self.description, &self.country, &self.value, &self.weight, &self.originating]
            .iter()
            .all(|f| f.trim().is_empty())
    }

    /// Checks the row, noting a message per bad field; the material when every field is good.
    fn check(&mut self, ctx: &PageCtx) -> Option<Material> {
        let mut errors = RowErrors::default();
        let hs = input::material_hs(ctx, &self.hs).map_err(|e| errors.hs = Some(e)).ok().flatten();
        let country = input::country(ctx, &self.country).map_err(|e| errors.country = Some(e)).ok().flatten();
        let value = input::decimal(ctx, &self.value).map_err(|e| errors.value = Some(e)).ok().flatten();
        let weight = input::decimal(ctx, &self.weight).map_err(|e| errors.weight = Some(e)).ok().flatten();
        let originating =
            input::yes_no(ctx, &self.originating).map_err(|e| errors.originating = Some(e)).ok().flatten();
        let failed = errors.any();
        self.errors = errors;
        if let Some(code) = &country {
            self.country = code.clone();
        }
        let description = Some(self.description.trim().to_owned()).filter(|d| !d.is_empty());
        (!failed).then_some(Material { hs, description, country, value, weight, originating })
    }

    /// The row for a stored material.
    pub fn of(prefix: &str, index: usize, material: &Material) -> MaterialRow {
        MaterialRow {
            hs: material.hs.clone().unwrap_or_default(),
            description: material.description.clone().unwrap_or_default(),
            country: material.country.clone().unwrap_or_default(),
            value: input::amount_text(material.value),
            weight: input::amount_text(material.weight),
            originating: input::yes_no_text(material.originating),
            ..MaterialRow::blank(prefix, index)
        }
    }
}

impl Bill {
    /// An empty bill with `rows` blank rows.
    pub fn empty(prefix: &str, rows: usize) -> Bill {
        Bill {
            prefix: prefix.to_owned(),
            rows: (0..rows).map(|j| MaterialRow::blank(prefix, j)).collect(),
            ..Bill::default()
        }
    }

    /// A bill of stored materials, with one blank row to add to.
    pub fn of(prefix: &str, materials: &[Material]) -> Bill {
        let mut bill = Bill { prefix: prefix.to_owned(), ..Bill::default() };
        bill.rows = materials.iter().enumerate().map(|(j, m)| MaterialRow::of(prefix, j, m)).collect();
        bill.add_row();
        bill
    }

    /// The rows of the form, then those of an uploaded CSV file (which replace the blank ones).
    pub fn read(ctx: &PageCtx, fields: &Fields, prefix: &str) -> Bill {
        let count = fields.count(&format!("{prefix}rows"), 0, MAX_ROWS);
        let mut bill = Bill { prefix: prefix.to_owned(), ..Bill::default() };
        for j in 0..count {
            let name = |field: &str| format!("{prefix}m{j}_{field}");
            bill.rows.push(MaterialRow {
                hs: fields.text(&name("hs")),
                description: fields.text(&name("description")),
                country: fields.text(&name("country")),
                value: fields.text(&name("value")),
                weight: fields.text(&name("weight")),
                originating: fields.text(&name("originating")),
                ..MaterialRow::blank(prefix, j)
            });
        }
        if let Some(file) = fields.upload(&format!("{prefix}csv")) {
            bill.rows.retain(|row| !row.is_blank());
            bill.load_csv(ctx, &file.bytes);
        }
        bill.renumber();
        bill
    }

    fn renumber(&mut self) {
        for (j, row) in self.rows.iter_mut().enumerate() {
            row.id = format!("{}m{j}", self.prefix);
            row.number = j + 1;
        }
    }

    /// Adds a blank row (the "add row" button), up to [`MAX_ROWS`].
    pub fn add_row(&mut self) {
        if self.rows.len() < MAX_ROWS {
            let row = MaterialRow::blank(&self.prefix, self.rows.len());
            self.rows.push(row);
        }
    }

    /// Whether any row or the CSV file has a problem.
    pub fn has_errors(&self) -> bool {
        !self.csv_errors.is_empty() || self.rows.iter().any(|r| r.errors.any())
    }

    /// Checks every row that is not blank; the materials when all are good.
    pub fn check(&mut self, ctx: &PageCtx) -> Option<Vec<Material>> {
        let mut materials = Vec::new();
        let mut good = self.csv_errors.is_empty();
        for row in self.rows.iter_mut().filter(|r| !r.is_blank()) {
            match row.check(ctx) {
                Some(material) => materials.push(material),
                None => good = false,
            }
        }
        good.then_some(materials)
    }

    /// Reads a CSV file into rows: every row is loaded as written, and each bad field is named with its row.
    fn load_csv(&mut self, ctx: &PageCtx, bytes: &[u8]) {
        let Ok(text) = std::str::from_utf8(bytes) else {
            self.csv_errors.push(ctx.t("exporter.csv.not_utf8").to_owned());
            return;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first_line = text.lines().next().unwrap_or("");
        // Spreadsheets set to a decimal comma write `;` between fields.
        let separator = if first_line.contains(';') && !first_line.contains(',') { ';' } else { ',' };
        let records = parse_csv(text, separator);
        let Some((header, data)) = records.split_first() else {
            self.csv_errors.push(ctx.t("exporter.csv.empty").to_owned());
            return;
        };
        let column = |name: &str| header.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
        let required = ["hs", "description", "country", "value", "originating"];
        let missing: Vec<&str> = required.iter().copied().filter(|name| column(name).is_none()).collect();
        if !missing.is_empty() {
            let columns = missing.join(", ");
            self.csv_errors.push(ctx.t_with("exporter.csv.missing_columns", &[("columns", &columns)]));
            return;
        }
        let weight_column = column("weight_kg").or_else(|| column("weight"));
        let cell = |record: &[String], index: Option<usize>| {
            index.and_then(|i| record.get(i)).map(|v| v.trim().to_owned()).unwrap_or_default()
        };
        let data: Vec<&Vec<String>> = data.iter().collect();
        if self.rows.len() + data.len() > MAX_ROWS {
            let limit = MAX_ROWS.to_string();
            self.csv_errors.push(ctx.t_with("exporter.csv.too_many", &[("limit", &limit)]));
            return;
        }
        let mut loaded = 0;
        for (k, record) in data.into_iter().enumerate() {
            // The spreadsheet's row number: the header is row 1.
            let spreadsheet_row = (k + 2).to_string();
            let mut row = MaterialRow {
                hs: cell(record, column("hs")),
                description: cell(record, column("description")),
                country: cell(record, column("country")),
                value: cell(record, column("value")),
                weight: cell(record, weight_column),
                originating: cell(record, column("originating")),
                ..MaterialRow::blank(&self.prefix, self.rows.len())
            };
            if row.is_blank() {
                continue;
            }
            row.check(ctx);
            let errors = &row.errors;
            for (field, message) in [
                ("hs", &errors.hs),
                ("country", &errors.country),
                ("value", &errors.value),
                ("weight_kg", &errors.weight),
                ("originating", &errors.originating),
            ] {
                if let Some(message) = message {
                    let args = [("row", spreadsheet_row.as_str()), ("field", field), ("message", message.as_str())];
                    self.csv_errors.push(ctx.t_with("exporter.csv.row_error", &args));
                }
            }
            self.rows.push(row);
            loaded += 1;
        }
        let count = loaded.to_string();
        self.csv_notice = Some(ctx.t_with("exporter.csv.loaded", &[("count", &count)]));
    }
}

/// Splits CSV text into records of fields: quoted fields may hold the separator, line breaks and doubled quotes.
pub fn parse_csv(text: &str, separator: char) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, c) if c == separator => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records.retain(|r| !(r.len() == 1 && r[0].trim().is_empty()));
    records
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::exporter::fields::Upload;
    use crate::pages::i18n::Lang;

    #[test]
    fn csv_fields_may_be_quoted() {
        let records = parse_csv("a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",3\n\n", ',');
        assert_eq!(records, vec![vec!["a", "b, c", "say \"hi\""], vec!["1", "two\nlines", "3"]]);
        assert_eq!(parse_csv("x;y\n1,5;2", ';'), vec![vec!["x", "y"], vec!["1,5", "2"]]);
    }

    fn upload(text: &str) -> Fields {
        let mut fields = Fields::from_pairs([("rows", "1"), ("m0_hs", "")]);
        let bytes = text.as_bytes().to_vec();
        fields.uploads.push(Upload {
            name: "csv".into(),
            file_name: "b.csv".into(),
            media_type: "text/csv".into(),
            bytes,
        });
        fields
    }

    #[test]
    fn a_bad_csv_row_is_named_with_its_row_and_field_and_kept() {
        let ctx = PageCtx::for_tests(Lang::En);
        let text = "hs,description,country,value,originating\n871491,frames,CN,60,no\n871493,hubs,CN,forty,no\n";
        let mut bill = Bill::read(&ctx, &upload(text), "");
        assert_eq!(bill.csv_errors, ["Row 3, value: not a number"]);
        assert_eq!(bill.rows.len(), 2, "the blank row gave way to the file's rows");
        assert_eq!(bill.rows[1].value, "forty", "what was written is kept to be fixed");
        assert!(bill.rows[1].errors.value.is_some() && bill.rows[0].errors.value.is_none());
        assert!(bill.check(&ctx).is_none());
        let good = "HS;Description;Country;Value;Originating;weight_kg\n871491;frames;cn;60,5;no;2\n";
        let mut bill = Bill::read(&ctx, &upload(good), "");
        let materials = bill.check(&ctx).unwrap();
        assert_eq!(materials[0].value, Some(Decimal::new(605, 1)));
        assert_eq!((materials[0].country.as_deref(), materials[0].originating), (Some("CN"), Some(false)));
        let missing = Bill::read(&ctx, &upload("hs,value\n1,2\n"), "");
        assert!(missing.csv_errors[0].contains("description, country, originating"), "{:?}", missing.csv_errors);
    }
}
