//! Which HS codes a rule set covers (its `hs` field) and whether it is an `ex` entry, from the column-1 label,
//! cross-checked with the scraped 10-digit `min`/`max` range.
//!
//! - EU GSP: the label is the legal text ("5204 - 5207", "ex 0511 91", "1506 and 1520"); the range must say the
//!   same. Where the range is broken ("1506and1520", "441399999", "8542 31000") the override file gives the
//!   repaired `hs` with a note, and the repair is reported.
//! - UK DCTS: the trade tariff splits "ex Chapter 7" into its residual ranges (0701-0710, 0714); there the range
//!   is the more precise statement and must lie within the label's chapter or heading. A label that does not
//!   start with "ex" must match its range exactly.

use super::codes::{commodity_range, label_selection, within};
use super::error::CompileError;
use crate::selection::Selection;

/// A rule set's coverage, and the repair made to get it, if any.
#[derive(Debug, Clone)]
pub struct Coverage {
    pub hs: Selection,
    pub ex: bool,
    pub repair: Option<String>,
}

fn same(a: &Selection, b: &Selection) -> bool {
    within(a, b) && within(b, a)
}

fn parse_override(hs: &str, label: &str) -> Result<Selection, CompileError> {
    Selection::parse(hs).map_err(|e| CompileError::new(label, "hs (override)", e.to_string()))
}

/// EU GSP: the label decides, the range must agree or be repaired by an override.
pub fn eu(label: &str, min: &str, max: &str, repaired: Option<&str>) -> Result<Coverage, CompileError> {
    let (from_label, ex) = label_selection(label)
        .ok_or_else(|| CompileError::new(label, "heading", "the label is not a chapter, heading or subheading list"))?;
    let from_range = commodity_range(min, max);
    match (repaired, from_range) {
        (None, Some(range)) if same(&range, &from_label) => Ok(Coverage { hs: from_label, ex, repair: None }),
        (None, Some(range)) => Err(CompileError::new(
            label,
            "min/max",
            format!("range {range} disagrees with the label ({from_label}); add an hs repair to the overrides"),
        )),
        (None, None) => Err(CompileError::new(
            label,
            "min/max",
            format!("'{min}'/'{max}' is not a 10-digit range; add an hs repair to the overrides"),
        )),
        (Some(hs), range) => {
            let hs = parse_override(hs, label)?;
            if !same(&hs, &from_label) {
                return Err(CompileError::new(
                    label,
                    "hs (override)",
                    format!("{hs} disagrees with the label ({from_label})"),
                ));
            }
            if range.is_some_and(|r| same(&r, &from_label)) {
                return Err(CompileError::new(label, "hs (override)", "unused: min/max already agree with the label"));
            }
            let repair = format!("'{label}': min/max '{}'/'{}' broken, hs {hs} from the label", min.trim(), max.trim());
            Ok(Coverage { hs, ex, repair: Some(repair) })
        }
    }
}

/// UK DCTS: the range decides, within the label's scope.
pub fn uk(label: &str, min: &str, max: &str) -> Result<Coverage, CompileError> {
    let (from_label, ex) = label_selection(label)
        .ok_or_else(|| CompileError::new(label, "heading", "the label is not a chapter, heading or subheading list"))?;
    let range = commodity_range(min, max)
        .ok_or_else(|| CompileError::new(label, "min/max", format!("'{min}'/'{max}' is not a 10-digit range")))?;
    let fits = if ex { within(&range, &from_label) } else { same(&range, &from_label) };
    if !fits {
        let how = if ex { "outside" } else { "different from" };
        return Err(CompileError::new(label, "min/max", format!("range {range} is {how} the label's {from_label}")));
    }
    Ok(Coverage { hs: range, ex, repair: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eu_labels_and_repairs() {
        let c = eu("5204 - 5207", "5204000000", "5207999999", None).unwrap();
        assert_eq!((c.hs.to_string(), c.ex), ("5204-5207".to_string(), false));
        assert!(eu("1506 and 1520", "1506and1520", "1506and1520", None).is_err());
        let c = eu("1506 and 1520", "1506and1520", "1506and1520", Some("1506,1520")).unwrap();
        assert_eq!(c.hs.to_string(), "1506,1520");
        assert!(c.repair.is_some());
        assert!(eu("0304", "0304000000", "0304999999", Some("0304")).is_err(), "needless repair");
        assert!(eu("0304", "0305000000", "0305999999", None).is_err(), "disagreeing range");
    }

    #[test]
    fn uk_residual_ranges() {
        let c = uk("ex Chapter 7", "0701000000", "0710999999").unwrap();
        assert_eq!((c.hs.to_string(), c.ex), ("0701-0710".to_string(), true));
        assert!(uk("Chapter 21", "2101000000", "2104999999").is_err());
        assert!(uk("ex Chapter 21", "2201000000", "2204999999").is_err());
    }
}
