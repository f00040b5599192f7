//! Material selections of the rule language: `[ch39]`, `[5208-5212,@fabric]`, and their resolution into
//! ranges of six-digit codes once the pack's named groups are known.

use std::collections::BTreeMap;
use std::fmt;

use crate::hs::HsCode;

/// One item of a selection, as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SelItem {
    /// Chapters `from..=to` (`ch50-ch63`, or `ch39` when equal).
    Chapters(u32, u32),
    /// Headings `from..=to` (`4410-4413`, or `3901`).
    Headings(u32, u32),
    /// Subheadings `from..=to` (`290543-290545`, or `290544`).
    Subheadings(u32, u32),
    /// A named group of the pack (`@sugar`).
    Group(String),
}

/// A list of items, as written in a rule or in a rule set's `hs` field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Selection(pub Vec<SelItem>);

/// Why a selection does not parse or resolve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    #[error("'{0}' is not a chapter (ch39), heading (3901), subheading (390110), range or @group")]
    BadItem(String),
    #[error("range '{0}' runs backwards or mixes levels")]
    BadRange(String),
    #[error("unknown group '@{0}'")]
    UnknownGroup(String),
    #[error("group '@{0}' refers to itself")]
    CyclicGroup(String),
}

fn parse_code_item(text: &str) -> Result<(u8, u32), SelectionError> {
    if let Some(chapter) = text.strip_prefix("ch") {
        let n: u32 = chapter.parse().map_err(|_| SelectionError::BadItem(text.to_string()))?;
        if !(1..=99).contains(&n) {
            return Err(SelectionError::BadItem(text.to_string()));
        }
        return Ok((2, n));
    }
    let code = HsCode::parse(text).map_err(|_| SelectionError::BadItem(text.to_string()))?;
    if code.digit_count() == 2 {
        return Err(SelectionError::BadItem(text.to_string()));
    }
    Ok((code.digit_count(), code.range().0 / if code.digit_count() == 4 { 100 } else { 1 }))
}

impl SelItem {
    fn parse(text: &str) -> Result<SelItem, SelectionError> {
        let text = text.trim();
        if let Some(name) = text.strip_prefix('@') {
            let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            return if valid {
                Ok(SelItem::Group(name.to_string()))
            } else {
                Err(SelectionError::BadItem(text.to_string()))
            };
        }
        let (from, to) = match text.split_once('-') {
            Some((a, b)) => (parse_code_item(a.trim())?, parse_code_item(b.trim())?),
            None => {
                let one = parse_code_item(text)?;
                (one, one)
            }
        };
        if from.0 != to.0 || from.1 > to.1 {
            return Err(SelectionError::BadRange(text.to_string()));
        }
        Ok(match from.0 {
            2 => SelItem::Chapters(from.1, to.1),
            4 => SelItem::Headings(from.1, to.1),
            _ => SelItem::Subheadings(from.1, to.1),
        })
    }

    /// The six-digit range of a code item; `None` for a group.
    pub fn range(&self) -> Option<(u32, u32)> {
        match *self {
            SelItem::Chapters(a, b) => Some((a * 10_000, b * 10_000 + 9_999)),
            SelItem::Headings(a, b) => Some((a * 100, b * 100 + 99)),
            SelItem::Subheadings(a, b) => Some((a, b)),
            SelItem::Group(_) => None,
        }
    }
}

impl fmt::Display for SelItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SelItem::Chapters(a, b) if a == b => write!(f, "ch{a:02}"),
            SelItem::Chapters(a, b) => write!(f, "ch{a:02}-ch{b:02}"),
            SelItem::Headings(a, b) if a == b => write!(f, "{a:04}"),
            SelItem::Headings(a, b) => write!(f, "{a:04}-{b:04}"),
            SelItem::Subheadings(a, b) if a == b => write!(f, "{a:06}"),
            SelItem::Subheadings(a, b) => write!(f, "{a:06}-{b:06}"),
            SelItem::Group(name) => write!(f, "@{name}"),
        }
    }
}

impl Selection {
    /// Parses comma-separated items without brackets: `ch50-ch63,5901`.
    pub fn parse(text: &str) -> Result<Selection, SelectionError> {
        let items = text.split(',').filter(|s| !s.trim().is_empty()).map(SelItem::parse);
        let items = items.collect::<Result<Vec<_>, _>>()?;
        if items.is_empty() {
            return Err(SelectionError::BadItem(text.to_string()));
        }
        Ok(Selection(items))
    }

    /// Replaces groups by their items, giving sorted, merged six-digit ranges.
    pub fn resolve(&self, groups: &BTreeMap<String, Selection>) -> Result<Ranges, SelectionError> {
        let mut ranges = Vec::new();
        self.collect(groups, &mut ranges, &mut Vec::new())?;
        Ok(Ranges::new(ranges))
    }

    fn collect<'a>(
        &'a self,
        groups: &'a BTreeMap<String, Selection>,
        out: &mut Vec<(u32, u32)>,
        stack: &mut Vec<&'a str>,
    ) -> Result<(), SelectionError> {
        for item in &self.0 {
            match item {
                SelItem::Group(name) => {
                    if stack.contains(&name.as_str()) {
                        return Err(SelectionError::CyclicGroup(name.clone()));
                    }
                    let group = groups.get(name).ok_or_else(|| SelectionError::UnknownGroup(name.clone()))?;
                    stack.push(name);
                    group.collect(groups, out, stack)?;
                    stack.pop();
                }
                code => out.extend(code.range()),
            }
        }
        Ok(())
    }
}

impl fmt::Display for Selection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{item}")?;
        }
        Ok(())
    }
}

/// Resolved, sorted, non-overlapping inclusive ranges of six-digit codes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ranges(Vec<(u32, u32)>);

/// Whether a material's code falls within a set of ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Membership {
    Inside,
    Outside,
    /// The code is too coarse (a heading) to tell: part of it is inside.
    Partly,
}

impl Ranges {
    pub fn new(mut ranges: Vec<(u32, u32)>) -> Ranges {
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (a, b) in ranges {
            match merged.last_mut() {
                Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        Ranges(merged)
    }

    pub fn ranges(&self) -> &[(u32, u32)] {
        &self.0
    }

    /// Where `code` lies relative to these ranges.
    pub fn membership(&self, code: HsCode) -> Membership {
        let (lo, hi) = code.range();
        for &(a, b) in &self.0 {
            if a <= lo && hi <= b {
                return Membership::Inside;
            }
            if a <= hi && lo <= b {
                return Membership::Partly;
            }
            if a > hi {
                break;
            }
        }
        Membership::Outside
    }

    /// The width of the narrowest range containing `code`, used to find the most specific rule set.
    pub fn specificity(&self, code: HsCode) -> Option<u32> {
        let (lo, hi) = code.range();
        self.0.iter().filter(|&&(a, b)| a <= lo && hi <= b).map(|&(a, b)| b - a).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_display_round_trip() {
        for text in ["ch39", "ch50-ch63,5901", "4410-4413,290544,@sugar", "290543-290545"] {
            assert_eq!(Selection::parse(text).unwrap().to_string(), text);
        }
        assert!(Selection::parse("ch63-ch50").is_err());
        assert!(Selection::parse("4410-441099").is_err());
        assert!(Selection::parse("abc").is_err());
    }

    #[test]
    fn groups_resolve_and_membership_is_exact() {
        let mut groups = BTreeMap::new();
        groups.insert("sugar".to_string(), Selection::parse("1701,1702").unwrap());
        let ranges = Selection::parse("ch04,@sugar").unwrap().resolve(&groups).unwrap();
        assert_eq!(ranges.membership(HsCode::parse("170199").unwrap()), Membership::Inside);
        assert_eq!(ranges.membership(HsCode::parse("1703").unwrap()), Membership::Outside);
        let sub = Selection::parse("170112").unwrap().resolve(&groups).unwrap();
        assert_eq!(sub.membership(HsCode::parse("1701").unwrap()), Membership::Partly);
        assert!(Selection::parse("@nope").unwrap().resolve(&groups).is_err());
    }
}
