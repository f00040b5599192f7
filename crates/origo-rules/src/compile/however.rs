//! Exceptions and allowances written with named materials, for the pan-Euro-Mediterranean style lists:
//! "Manufacture from materials of any heading, except potato starch of heading 1108", "... except that of the
//! product. However, handles of base metal may be used", "... However, waste and scrap of heading 7802 may not be
//! used", "... except heading 3203, heading 3204 and heading 3205. However, materials of heading 3205 may be used,
//! provided that their total value does not exceed 20% of the ex-works price of the product".
//!
//! - An exception forbids the codes it names. Where it names a product within a code ("potato starch of heading
//!   1108") and the table below has no narrower reading, the whole code is forbidden: stricter than the law, never
//!   looser.
//! - An allowance lets in only what the table or the codes of "materials of heading ..." say; a named material with
//!   no reading leaves the line unmatched, since allowing a whole heading would be looser than the law.
//! - An allowance with a ceiling ("may be used, provided that their total value does not exceed 20%") lets the
//!   materials in and caps their value: `ALLOW[3205] & MAXNOM 20%[3205]`.

use super::codes::prose_selection;
use super::expr::{all_of, change, join, maxnom};
use super::fta::value_limit;
use crate::rule::{Level, Rule};
use crate::selection::Selection;

/// Named materials of allowances and exceptions, with their HS 2022 reading (the EU GSP overrides' where they
/// decided the same words).
const NAMED: &[(&str, &str)] = &[
    ("handles of base metal", "821195"),
    ("knife blades and handles of base metal", "821194,821195"),
    ("cellular wood panels, shingles and shakes", "441850,441892"),
    ("natural magnesium carbonate (magnesite)", "251910"),
    ("mustard flour or meal or prepared mustard", "210330"),
    ("non-originating mustard flour or meal or prepared mustard", "210330"),
    ("nibs or nib-points of the same heading as the product", "960891"),
    ("nibs or nib-points classified within the same heading", "960891"),
    ("roughly shaped blocks for making golf club heads", "NO_OP"),
    ("welded angles, shapes and sections of heading 7301", "730120"),
    ("potato starch of heading 1108", "110813"),
    ("assemblies of uppers affixed to inner soles or to other sole components of heading 6406", "640610"),
    ("uppers of heading 6406", "640610"),
    ("tools of heading 8202 to heading 8205", "8202-8205"),
];

/// An allowance that only repeats what the change already allows, read as no allowance (the EU GSP overrides'
/// decision for the golf-club blocks, which the change of heading already lets in).
const NO_OP: &[&str] = &["roughly-shaped blocks for making golf-club heads"];

fn named(text: &str) -> Option<Selection> {
    let (_, codes) = NAMED.iter().find(|(n, c)| *n == text && *c != "NO_OP")?;
    Some(Selection::parse(codes).expect("the table parses"))
}

/// The codes an exception names: a table reading, or every code mentioned (products named within a code stand
/// for the whole code, which is stricter).
pub fn exception(text: &str) -> Option<Selection> {
    if let Some(sel) = named(text.trim()) {
        return Some(sel);
    }
    // A list that runs into a condition ("... and in which all the materials ... are wholly obtained") is not a
    // list of exceptions only.
    if [" in which", "provided", " used ", " may ", " wholly obtained"].iter().any(|w| text.contains(w)) {
        return None;
    }
    let kept: Vec<&str> = text
        .split(' ')
        .filter(|w| {
            let w = w.trim_end_matches(',');
            matches!(
                w,
                "chapter"
                    | "chapters"
                    | "heading"
                    | "headings"
                    | "sub-heading"
                    | "sub-headings"
                    | "to"
                    | "through"
                    | "and"
                    | "or"
            ) || (!w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect();
    let codes = kept.join(" ").replace(" ,", ",");
    let codes = codes.trim_start_matches(['a', 'n', 'd', 'o', 'r', ' ']).trim();
    prose_selection(codes)
}

/// What an allowance lets in; `Some(None)` when it adds nothing.
fn allowance(text: &str) -> Option<Option<Selection>> {
    let text = text.strip_prefix("non-originating ").unwrap_or(text);
    if NO_OP.contains(&text) || NAMED.iter().any(|(n, c)| *n == text && *c == "NO_OP") {
        return Some(None);
    }
    if let Some(sel) = named(text) {
        return Some(Some(sel));
    }
    let codes = text.strip_prefix("materials of ").or_else(|| text.strip_prefix("materials from "))?;
    Some(Some(prose_selection(codes)?))
}

fn without(except: Option<Selection>, removed: &Selection) -> Option<Selection> {
    let kept: Vec<_> = except?.0.into_iter().filter(|item| !removed.0.contains(item)).collect();
    (!kept.is_empty()).then_some(Selection(kept))
}

/// A change (`CTH`, `ANY EXCEPT[...]`) followed by a "However, ..." sentence.
pub fn apply(rule: Rule, sentence: &str) -> Option<Rule> {
    let Rule::Change { level, except, allow, same_max_percent } = rule else { return None };
    if let Some(materials) = sentence.strip_suffix(" may not be used") {
        let sel = exception(materials)?;
        let except = Some(match except {
            Some(e) => join(&e, &sel),
            None => sel,
        });
        return Some(change(level, except, allow, same_max_percent));
    }
    if let Some(materials) = sentence.strip_suffix(" may be used") {
        let Some(sel) = allowance(materials)? else {
            return Some(change(level, except, allow, same_max_percent));
        };
        allow.is_none().then_some(())?;
        return Some(change(level, except, Some(sel), same_max_percent));
    }
    if let Some(limit) =
        sentence.strip_prefix("these materials may be used, provided that their total value does not exceed ")
    {
        // The exceptions themselves, let in up to a ceiling.
        let sel = except.clone()?;
        let max = value_limit(limit)?;
        return Some(all_of(vec![change(level, None, allow, same_max_percent), maxnom(max, Some(sel))]));
    }
    for verb in [
        " may be used, provided that their total value does not exceed ",
        " may be used provided their value does not exceed ",
        " may be incorporated into the set, provided that their total value does not exceed ",
    ] {
        let Some((materials, limit)) = sentence.split_once(verb) else { continue };
        let sel = allowance(materials)??;
        let limit = limit.replace(" of the set", " of the product");
        let max = value_limit(&limit)?;
        let except = without(except, &sel);
        let allowed = if level == Level::None { None } else { Some(sel.clone()) };
        return Some(all_of(vec![change(level, except, allowed, same_max_percent), maxnom(max, Some(sel))]));
    }
    None
}

/// "manufacture from materials of any heading, except <exceptions>[. however, <allowance>]".
pub fn compile(canon: &str) -> Option<Rule> {
    let (main, however) = match canon.split_once(". however, ") {
        Some((m, h)) => (m, Some(h)),
        None => (canon, None),
    };
    let rest = main.strip_prefix("manufacture from materials of any heading")?;
    let rule = if let Some(own) = rest.strip_prefix(", except that of the product") {
        let except = match own.strip_prefix(" and ") {
            Some(more) => Some(exception(more)?),
            None if own.is_empty() => None,
            None => return None,
        };
        change(Level::Heading, except, None, None)
    } else if rest.is_empty() {
        change(Level::None, None, None, None)
    } else {
        let list = rest.strip_prefix(", except: ").or_else(|| rest.strip_prefix(", except "))?;
        let list = list.strip_prefix("those of ").unwrap_or(list);
        change(Level::None, Some(exception(list)?), None, None)
    };
    match however {
        Some(sentence) => apply(rule, sentence),
        None => Some(rule),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str) -> String {
        compile(text).map(|r| r.to_string()).unwrap_or_else(|| "NONE".into())
    }

    #[test]
    fn exceptions_and_allowances() {
        assert_eq!(
            c("manufacture from materials of any heading, except potato starch of heading 1108"),
            "ANY EXCEPT[110813]"
        );
        assert_eq!(
            c(
                "manufacture from materials of any heading, except those of heading 0201, heading 0202, heading 0204 or heading 0206 or bones of heading 0506"
            ),
            "ANY EXCEPT[0201,0202,0204,0206,0506]"
        );
        assert_eq!(
            c(
                "manufacture from materials of any heading, except that of the product. however, handles of base metal may be used"
            ),
            "CTH ALLOW[821195]"
        );
        assert_eq!(
            c(
                "manufacture from materials of any heading, except that of the product. however, waste and scrap of heading 7802 may not be used"
            ),
            "CTH EXCEPT[7802]"
        );
        assert_eq!(
            c(
                "manufacture from materials of any heading, except those of heading 3203, heading 3204 and heading 3205. however, materials of heading 3205 may be used, provided that their total value does not exceed 20% of the ex-works price of the product"
            ),
            "ANY EXCEPT[3203,3204] & MAXNOM 20%[3205]"
        );
        assert_eq!(
            c(
                "manufacture from materials of any heading, except that of the product. however, gauze of aluminium wire may be used"
            ),
            "NONE"
        );
        assert_eq!(
            c("manufacture from materials of any heading, except that of the product and uppers of heading 6406"),
            "CTH EXCEPT[640610]"
        );
        assert_eq!(
            c(
                "manufacture from materials of any heading, except meat of chapter 2, and in which all the materials of chapter 3 used are wholly obtained"
            ),
            "NONE"
        );
    }
}
