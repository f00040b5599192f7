//! Rule-set codes checked against the pack's HS edition: a rule set written for HS 2017 names HS 2017 codes, and
//! a code its edition does not have is a mistake in the pack (a typo, or a code of the other edition).
//!
//! Only the written ends of each item are checked: a range `4410-4413` may span codes that do not exist, as the
//! legal lists' ranges do, but its ends must exist.

use std::collections::BTreeMap;

use crate::hs::{Edition, HsCode};
use crate::selection::{SelItem, Selection};

/// The first code of a rule set's `hs` (or of a group it uses) that does not exist in `edition`, as a message.
pub fn check(text: &str, groups: &BTreeMap<String, Selection>, edition: Edition) -> Result<(), String> {
    let selection = Selection::parse(text).map_err(|e| e.to_string())?;
    check_selection(&selection, groups, edition, &mut Vec::new())
}

fn check_selection<'a>(
    selection: &'a Selection,
    groups: &'a BTreeMap<String, Selection>,
    edition: Edition,
    seen: &mut Vec<&'a str>,
) -> Result<(), String> {
    let nomenclature = edition.nomenclature();
    for item in &selection.0 {
        let ends = match *item {
            SelItem::Chapters(a, b) => [format!("{a:02}"), format!("{b:02}")],
            SelItem::Headings(a, b) => [format!("{a:04}"), format!("{b:04}")],
            SelItem::Subheadings(a, b) => [format!("{a:06}"), format!("{b:06}")],
            SelItem::Group(ref name) => {
                // Groups were resolved before, so they exist and have no cycle; each is checked once.
                if !seen.contains(&name.as_str()) {
                    seen.push(name);
                    if let Some(group) = groups.get(name) {
                        check_selection(group, groups, edition, seen)?;
                    }
                }
                continue;
            }
        };
        for end in ends {
            let exists = HsCode::parse(&end).is_ok_and(|code| nomenclature.contains(code));
            if !exists {
                return Err(format!("'{end}' (in '{item}') does not exist in {edition}"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_checked_in_the_pack_edition() {
        let mut groups = BTreeMap::new();
        groups.insert("displays".to_string(), Selection::parse("852411-852419").unwrap());
        assert!(check("ch01-ch97,4410-4413,610910", &groups, Edition::Hs2022).is_ok());
        assert!(check("@displays", &groups, Edition::Hs2022).is_ok());
        let error = check("@displays", &groups, Edition::Hs2017).unwrap_err();
        assert_eq!(error, "'852411' (in '852411-852419') does not exist in HS 2017");
        assert!(check("ch77", &groups, Edition::Hs2022).unwrap_err().contains("'77'"));
        assert!(check("610999", &groups, Edition::Hs2022).is_err());
    }
}
