//! HS codes written in prose ("headings 1101 to 1108, 1701 and 1703", "Chapters 10 and 11, headings 0701 and
//! 2303, and sub-heading 0710 10") and in the column-1 labels of the lists ("5204 - 5207", "ex 0511 91",
//! "1506 and 1520", "6101 to 6117"), turned into selections of the rule language.
//!
//! Every code is checked against HS 2022 (data/hs2022.tsv): a code that does not exist there means the text was
//! not understood, and the line falls through to the override file instead of being guessed.

use crate::hs::Nomenclature;
use crate::selection::{SelItem, Selection};

/// The level a code word announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Chapter,
    Heading,
    Subheading,
}

fn level_word(word: &str) -> Option<Level> {
    match word {
        "chapter" | "chapters" => Some(Level::Chapter),
        "heading" | "headings" => Some(Level::Heading),
        "sub-heading" | "sub-headings" | "subheading" | "subheadings" => Some(Level::Subheading),
        _ => None,
    }
}

fn digits(token: &str, len: usize) -> bool {
    token.len() == len && token.bytes().all(|b| b.is_ascii_digit())
}

/// One code of the given level from the token stream, joining the EU spelling "0710 10" of a subheading.
fn take_code(tokens: &[&str], i: &mut usize, level: Level) -> Option<u32> {
    let token = *tokens.get(*i)?;
    *i += 1;
    let text = match level {
        Level::Chapter if (1..=2).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{:0>2}", token)
        }
        Level::Heading if digits(token, 4) => token.to_string(),
        Level::Subheading if digits(token, 6) => token.to_string(),
        Level::Subheading if digits(token, 4) && tokens.get(*i).is_some_and(|t| digits(t, 2)) => {
            *i += 1;
            format!("{token}{}", tokens[*i - 1])
        }
        _ => return None,
    };
    let code = Nomenclature::hs2022().parse_existing(&text).ok()?;
    Some(match level {
        Level::Chapter => code.chapter(),
        Level::Heading => code.heading()?,
        Level::Subheading => code.subheading()?,
    })
}

fn item(level: Level, from: u32, to: u32) -> Option<SelItem> {
    (from <= to).then_some(match level {
        Level::Chapter => SelItem::Chapters(from, to),
        Level::Heading => SelItem::Headings(from, to),
        Level::Subheading => SelItem::Subheadings(from, to),
    })
}

/// Parses a list of codes in prose. `None` when any word is not part of a code list.
pub fn prose_selection(text: &str) -> Option<Selection> {
    let spaced = text.replace(',', " , ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut items = Vec::new();
    let mut level = None;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        if let Some(l) = level_word(token) {
            level = Some(l);
            i += 1;
            continue;
        }
        if matches!(token, "," | "and" | "or") {
            i += 1;
            continue;
        }
        let l = level?;
        let from = take_code(&tokens, &mut i, l)?;
        let to = if matches!(tokens.get(i), Some(&"to") | Some(&"through")) {
            i += 1;
            if tokens.get(i).and_then(|t| level_word(t)) == Some(l) {
                i += 1;
            }
            take_code(&tokens, &mut i, l)?
        } else {
            from
        };
        items.push(item(l, from, to)?);
    }
    (!items.is_empty()).then_some(Selection(items))
}

/// Parses a column-1 label into its selection and whether it is an `ex` entry.
/// Accepts "Chapter 61", "ex Chapter 3", "0304", "ex 0511 91", "290543", "5204 - 5207", "8542 31 - 8542 33",
/// "1506 and 1520", "ex 6209 and  6211", "6101 to 6117".
pub fn label_selection(label: &str) -> Option<(Selection, bool)> {
    let lower = label.trim().to_lowercase();
    let (ex, rest) = match lower.strip_prefix("ex ") {
        Some(rest) => (true, rest.trim()),
        None => (false, lower.as_str()),
    };
    if let Some(number) = rest.strip_prefix("chapter ") {
        let chapter = Nomenclature::hs2022().parse_existing(&format!("{:0>2}", number.trim())).ok()?;
        let n = chapter.chapter();
        return Some((Selection(vec![SelItem::Chapters(n, n)]), ex));
    }
    let spaced = rest.replace('-', " - ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut items = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == "and" {
            i += 1;
            continue;
        }
        let (level, from) = label_code(&tokens, &mut i)?;
        let to = if matches!(tokens.get(i), Some(&"-") | Some(&"to")) {
            i += 1;
            let (to_level, to) = label_code(&tokens, &mut i)?;
            if to_level != level {
                return None;
            }
            to
        } else {
            from
        };
        items.push(item(level, from, to)?);
    }
    (!items.is_empty()).then_some((Selection(items), ex))
}

/// One code of a label: 4 digits, 6 digits, or 4 + 2 digits separated by a space.
fn label_code(tokens: &[&str], i: &mut usize) -> Option<(Level, u32)> {
    let token = *tokens.get(*i)?;
    let level = if digits(token, 6) || (digits(token, 4) && tokens.get(*i + 1).is_some_and(|t| digits(t, 2))) {
        Level::Subheading
    } else if digits(token, 4) {
        Level::Heading
    } else {
        return None;
    };
    Some((level, take_code(tokens, i, level)?))
}

/// The selection covering a 10-digit commodity range `min..=max`, at the coarsest level that matches it
/// exactly: a chapter (`0100000000`..`0199999999`), headings or subheadings. `None` when either bound is not
/// ten digits or the range does not fall on such boundaries.
pub fn commodity_range(min: &str, max: &str) -> Option<Selection> {
    let (min, max) = (min.trim(), max.trim());
    if !digits(min, 10) || !digits(max, 10) || min > max {
        return None;
    }
    let level = |len: usize| {
        let zeros = min[len..].bytes().all(|b| b == b'0');
        let nines = max[len..].bytes().all(|b| b == b'9');
        zeros && nines
    };
    let exists = |code: &str| Nomenclature::hs2022().parse_existing(code).ok();
    let number = |s: &str| s.parse::<u32>().ok();
    if level(2) && min[2..4] == *"00" {
        let (a, b) = (exists(&min[..2])?, exists(&max[..2])?);
        return item(Level::Chapter, a.chapter(), b.chapter()).map(|i| Selection(vec![i]));
    }
    if level(4) {
        exists(&min[..4])?;
        exists(&max[..4])?;
        return item(Level::Heading, number(&min[..4])?, number(&max[..4])?).map(|i| Selection(vec![i]));
    }
    if level(6) {
        exists(&min[..6])?;
        exists(&max[..6])?;
        return item(Level::Subheading, number(&min[..6])?, number(&max[..6])?).map(|i| Selection(vec![i]));
    }
    None
}

/// Whether the codes of `inner` all lie within `outer` (both without groups).
pub fn within(inner: &Selection, outer: &Selection) -> bool {
    let ranges = |s: &Selection| s.0.iter().filter_map(SelItem::range).collect::<Vec<_>>();
    let outer = ranges(outer);
    ranges(inner).iter().all(|&(a, b)| outer.iter().any(|&(c, d)| c <= a && b <= d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> String {
        prose_selection(text).map(|s| s.to_string()).unwrap_or_else(|| "NONE".into())
    }

    #[test]
    fn prose_lists() {
        assert_eq!(prose("chapter 4"), "ch04");
        assert_eq!(prose("chapters 2, 3 and 16"), "ch02,ch03,ch16");
        assert_eq!(prose("headings 1101 to 1108, 1701 and 1703"), "1101-1108,1701,1703");
        assert_eq!(prose("heading 1101 to heading 1108, heading 1701 and heading 1703"), "1101-1108,1701,1703");
        assert_eq!(
            prose("chapters 10 and 11, headings 0701 and 2303, and sub-heading 0710 10"),
            "ch10,ch11,0701,2303,071010"
        );
        assert_eq!(prose("sub-headings 0806 10, 2009 61, 2009 69"), "080610,200961,200969");
        assert_eq!(prose("heading 7201, 7202, 7203 or sub-heading 7218 10"), "7201,7202,7203,721810");
        assert_eq!(prose("headings 4011 and 4012"), "4011,4012");
        assert_eq!(prose("subheading 071332 through 071339"), "071332-071339");
        assert_eq!(prose("heading 9999"), "NONE");
        assert_eq!(prose("unwrought precious metals"), "NONE");
    }

    #[test]
    fn labels() {
        let label = |l: &str| label_selection(l).map(|(s, ex)| format!("{s}{}", if ex { " ex" } else { "" }));
        assert_eq!(label("Chapter 61").unwrap(), "ch61");
        assert_eq!(label("ex Chapter 3").unwrap(), "ch03 ex");
        assert_eq!(label("ex 0511 91").unwrap(), "051191 ex");
        assert_eq!(label("5204 - 5207").unwrap(), "5204-5207");
        assert_eq!(label("8542 31 - 8542 33").unwrap(), "854231-854233");
        assert_eq!(label("1506 and 1520").unwrap(), "1506,1520");
        assert_eq!(label("ex 6209 and  6211").unwrap(), "6209,6211 ex");
        assert_eq!(label("6101 to 6117").unwrap(), "6101-6117");
        assert_eq!(label("590691").unwrap(), "590691");
        assert!(label("Chapter 77").is_none());
    }

    #[test]
    fn commodity_ranges() {
        let range = |a: &str, b: &str| commodity_range(a, b).map(|s| s.to_string());
        assert_eq!(range("0300000000", "0399999999").as_deref(), Some("ch03"));
        assert_eq!(range("0701000000", "0710999999").as_deref(), Some("0701-0710"));
        assert_eq!(range("2905430000", "2905439999").as_deref(), Some("290543"));
        assert_eq!(range("4410000000", " 441399999"), None);
        assert_eq!(range("1506and1520", "1506and1520"), None);
        assert_eq!(range("8542 31000", "8542 33999"), None);
    }
}
