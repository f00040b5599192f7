//! The rates file the administrator uploads: a header `currency,date,rate`, then one rate per line; every row is
//! checked before anything is written, and a file with any bad row writes nothing. A byte-order mark, spaces
//! around values, Windows line ends and blank lines are tolerated.

use origo_store::exchange_rates::NewExchangeRate;

use super::parse::{RateInput, parse};

/// A row that cannot be read: rows are counted from 1 after the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// 0 for the header.
    pub row: usize,
    /// `header`, `currency`, `date`, `rate` or `source`.
    pub field: &'static str,
    pub message: String,
}

/// Reads every row of `text`, each with `source`; all the rows or the errors of every bad one.
pub fn read(text: &str, source: &str, configured: &str) -> Result<Vec<NewExchangeRate>, Vec<RowError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty());
    let header: Vec<String> = lines
        .next()
        .map(|(_, line)| line.split(',').map(|h| h.trim().to_ascii_lowercase()).collect())
        .unwrap_or_default();
    if header != ["currency", "date", "rate"] {
        return Err(vec![RowError {
            row: 0,
            field: "header",
            message: "the first line must be exactly currency,date,rate".into(),
        }]);
    }
    let mut rates: Vec<NewExchangeRate> = Vec::new();
    let mut errors = Vec::new();
    for (row, (_, line)) in lines.enumerate().map(|(i, l)| (i + 1, l)) {
        let cells: Vec<&str> = line.split(',').collect();
        let [currency, date, rate] = cells.as_slice() else {
            errors.push(RowError {
                row,
                field: "row",
                message: format!("expected 3 values (currency,date,rate), found {}", cells.len()),
            });
            continue;
        };
        let input = RateInput {
            currency: (*currency).into(),
            date: (*date).into(),
            rate: (*rate).into(),
            source: source.into(),
        };
        match parse(&input, configured) {
            Ok(rate) if rates.iter().any(|r| r.currency == rate.currency && r.day == rate.day) => {
                errors.push(RowError {
                    row,
                    field: "date",
                    message: format!("a second rate of {} on {} in the file", rate.currency, rate.day),
                });
            }
            Ok(rate) => rates.push(rate),
            Err(wrong) => errors.push(RowError { row, field: wrong.field, message: wrong.message }),
        }
    }
    if rates.is_empty() && errors.is_empty() {
        errors.push(RowError { row: 0, field: "file", message: "the file has no rates".into() });
    }
    if errors.is_empty() { Ok(rates) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_file_gives_every_rate() {
        let text = "\u{feff}currency, date ,rate\r\nEUR,2026-05-04,1.085\r\n\r\nUZS,2026-05-04,0.0000787\r\n";
        let rates = read(text, "CBU", "USD").unwrap();
        assert_eq!(rates.len(), 2);
        assert_eq!(rates[1].currency, "UZS");
        assert_eq!(rates[1].source, "CBU");
    }

    #[test]
    fn every_bad_row_is_reported_with_its_field() {
        let text = "currency,date,rate\nEUR,2026-05-04,1.085\nEUX,2026-05-04,1\nGBP,2026-05-04,0\nEUR,2026-05-04,1.09\n\
                    RUB,2026-05-04\n";
        let errors = read(text, "CBU", "USD").unwrap_err();
        let found: Vec<(usize, &str)> = errors.iter().map(|e| (e.row, e.field)).collect();
        assert_eq!(found, [(2, "currency"), (3, "rate"), (4, "date"), (5, "row")]);
    }

    #[test]
    fn a_wrong_header_or_an_empty_file_is_refused() {
        assert_eq!(read("cur,day,rate\nEUR,2026-05-04,1\n", "CBU", "USD").unwrap_err()[0].field, "header");
        assert_eq!(read("", "CBU", "USD").unwrap_err()[0].field, "header");
        assert_eq!(read("currency,date,rate\n", "CBU", "USD").unwrap_err()[0].field, "file");
        assert_eq!(read("currency,date,rate\nEUR,2026-05-04,1\n", " ", "USD").unwrap_err()[0].field, "source");
    }
}
