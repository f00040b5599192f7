//! A uk-roo rule set's coverage (`hs`) from its 10-digit commodity range `min..=max`.
//!
//! The trade tariff states each rule set's scope as an inclusive range of 10-digit commodity codes, already split
//! into the residual ranges of "ex" entries, so the range decides and the column-1 label is kept for display
//! only. A range falls on chapter, heading, 5-digit (one-dash subheading) or subheading boundaries; a 5-digit
//! range becomes the HS 2022 subheadings inside it ("0402 1" is 040210). A range finer than a subheading cannot be
//! told apart by a six-digit case, and is reported so the rule set can be made manual.
//!
//! A bound that is not ten digits, or a range that runs backwards, is bad input: the compile stops naming the
//! rule set and the field.

use std::sync::OnceLock;

use super::super::error::CompileError;
use crate::hs::Nomenclature;
use crate::selection::{SelItem, Selection};

/// The coverage of one rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// `None` when the range holds no HS 2022 code (the codes of an older edition only).
    pub hs: Option<Selection>,
    /// Why the range cannot be matched exactly at six digits, when so.
    pub finer_than_subheading: Option<String>,
    /// The range as written, for reports.
    pub range: String,
}

fn digits(text: &str) -> bool {
    text.len() == 10 && text.bytes().all(|b| b.is_ascii_digit())
}

/// The coverage of `min..=max`; `label` names the rule set in errors.
pub fn scope(label: &str, min: &str, max: &str) -> Result<Scope, CompileError> {
    let (min, max) = (min.trim(), max.trim());
    for (field, value) in [("min", min), ("max", max)] {
        if !digits(value) {
            return Err(CompileError::new(label, field, format!("'{value}' is not a 10-digit commodity code")));
        }
    }
    if min > max {
        return Err(CompileError::new(label, "min/max", format!("range {min}..{max} runs backwards")));
    }
    let on = |len: usize| min[len..].bytes().all(|b| b == b'0') && max[len..].bytes().all(|b| b == b'9');
    let number = |s: &str| s.parse::<u32>().expect("checked digits");
    // The range at the coarsest level it falls on, as six-digit bounds and the level of its ends.
    let (level, a, b, finer) = if on(2) && min[2..4] == *"00" {
        (2, number(&min[..2]) * 10_000, number(&max[..2]) * 10_000 + 9_999, None)
    } else if on(4) {
        (4, number(&min[..4]) * 100, number(&max[..4]) * 100 + 99, None)
    } else if on(5) {
        (6, number(&min[..5]) * 10, number(&max[..5]) * 10 + 9, None)
    } else {
        let finer = (!on(6)).then(|| format!("the range {min}..{max} divides a subheading"));
        (6, number(&min[..6]), number(&max[..6]), finer)
    };
    // Ends are moved inwards to the first and last HS 2022 codes of their level in the range: the tariff's
    // ranges may end on codes of another edition ("0901 11 - 0901 99").
    let Some((x, y)) = existing(level, a, b) else {
        return Ok(Scope { hs: None, finer_than_subheading: finer, range: format!("{min}..{max}") });
    };
    let item = match level {
        2 => SelItem::Chapters(x / 10_000, y / 10_000),
        4 => SelItem::Headings(x / 100, y / 100),
        _ => SelItem::Subheadings(x, y),
    };
    Ok(Scope { hs: Some(Selection(vec![item])), finer_than_subheading: finer, range: format!("{min}..{max}") })
}

/// The HS 2022 codes of each level (2, 4, 6 digits) as sorted six-digit range starts, built once: every rule set
/// asks.
fn codes(level: u8) -> &'static [u32] {
    static CODES: OnceLock<[Vec<u32>; 3]> = OnceLock::new();
    let all = CODES.get_or_init(|| {
        let mut by_level: [Vec<u32>; 3] = Default::default();
        let nomenclature = Nomenclature::hs2022();
        for chapter in 1..=99u32 {
            for heading in 0..=99u32 {
                let code = chapter * 100 + heading;
                let text = if heading == 0 { format!("{chapter:02}") } else { format!("{code:04}") };
                if let Ok(c) = crate::hs::HsCode::parse(&text)
                    && nomenclature.contains(c)
                {
                    by_level[if heading == 0 { 0 } else { 1 }].push(c.range().0);
                }
            }
        }
        by_level[2] = nomenclature.subheadings().iter().filter_map(|c| c.subheading()).collect();
        by_level
    });
    &all[match level {
        2 => 0,
        4 => 1,
        _ => 2,
    }]
}

/// The first and last HS 2022 codes of `level` whose ranges start within `a..=b`, as six-digit range starts.
fn existing(level: u8, a: u32, b: u32) -> Option<(u32, u32)> {
    let codes = codes(level);
    let start = codes.partition_point(|&c| c < a);
    let end = codes.partition_point(|&c| c <= b);
    (start < end).then(|| (codes[start], codes[end - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hs(min: &str, max: &str) -> String {
        scope("x", min, max).map(|s| s.hs.map(|h| h.to_string()).unwrap_or_default()).unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn ranges_at_each_level() {
        assert_eq!(hs("0100000000", "0199999999"), "ch01");
        assert_eq!(hs("0101000000", "0106999999"), "0101-0106");
        assert_eq!(hs("0402100000", "0402199999"), "040210");
        assert_eq!(hs("0710100000", "0710899999"), "071010-071080");
        assert_eq!(hs("2009610000", "2009619999"), "200961");
        assert_eq!(hs("0901110000", "0901999999"), "090111-090190");
        assert_eq!(hs("1518000000", "1519999999"), "1518");
        assert_eq!(hs("1509100000", "1509199999"), "");
        let fine = scope("x", "0402101000", "0402101999").unwrap();
        assert!(fine.finer_than_subheading.is_some());
    }

    #[test]
    fn bad_bounds_name_the_field() {
        let error = scope("0101", "01010000", "0101999999").unwrap_err();
        assert_eq!((error.rule_set.as_str(), error.field.as_str()), ("0101", "min"));
        assert!(scope("0101", "0102000000", "0101999999").is_err());
    }
}
