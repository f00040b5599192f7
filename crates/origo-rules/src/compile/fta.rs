//! Change-of-classification rules in the wording of the newer agreements (canonical text, see `text`):
//! - CPTPP / NAFTA style: "a change to a product of heading 0101 to heading 0106 from any other chapter[, except
//!   from heading 0201 to heading 0210 or subheading 071332 through 071339]": the "to" part only restates the rule
//!   set's scope; "from any other chapter | heading | sub-heading" is `CC` / `CTH` / `CTSH`, the exception list
//!   `EXCEPT[...]`;
//! - CETA style: "a change from any other heading", "a change from within this heading or any other heading"
//!   (`ANY`), "a change from within this heading, whether or not there is also a change from any other heading,
//!   provided that the value of non-originating materials of this heading does not exceed 50% of the transaction
//!   value or ex-works price of the product" (`CTH SAME<=50%`), "a change from any heading outside this group"
//!   (`ANY EXCEPT[<the rule set's headings>]`);
//! - the UK tariff's forms "CTH: All non-originating materials ... 4-digit level (tariff heading)" with a tail:
//!   "except from [non-originating materials of] heading 7206", ", however, non-originating materials of the same
//!   heading as the product may be used, provided that their total value does not exceed 20% ...", ", provided
//!   that: <conditions>", "and <a value rule>".
//!
//! Anything after the change that is not one of these (a species, a quota, a process in words) makes the whole
//! line unmatched: it goes to the overrides or makes the rule set manual, never half-read.

use super::codes::prose_selection;
use super::conditions::conditions;
use super::expr::{all_of, change, maxnom, percent};
use super::phrase::Context;
use crate::rule::{Level, Rule};
use crate::selection::Selection;

const BODY: &str = "all non-originating materials used in the production of the product have undergone a change in tariff \
     classification at the ";

/// The UK tariff's change forms, with their tails.
const UK_FORMS: [(&str, Level, &[&str]); 3] = [
    ("cc: ", Level::Chapter, &["2-digit level (chapter)"]),
    ("cth: ", Level::Heading, &["4-digit level (tariff heading)", "4-digit level (heading)"]),
    ("ctsh: ", Level::Subheading, &["6-digit level (sub-heading)", "6-digit level (tariff sub-heading)"]),
];

/// Splits "CTH: ..." into its level and the tail after the form.
pub fn uk_form(canon: &str) -> Option<(Level, &str)> {
    // The bare abbreviations of the TCA list ("CTSH, however, ...", "CTSH except from ...").
    for (abbr, level) in [("ctsh", Level::Subheading), ("cth", Level::Heading), ("cc", Level::Chapter)] {
        if let Some(rest) = canon.strip_prefix(abbr)
            && (rest.is_empty() || rest.starts_with(' ') || rest.starts_with(','))
            && !rest.starts_with(": ")
        {
            return Some((level, rest));
        }
    }
    for (abbr, level, tails) in UK_FORMS {
        let Some(rest) = canon.strip_prefix(abbr).and_then(|r| r.strip_prefix(BODY)) else { continue };
        for tail in tails {
            if let Some(after) = rest.strip_prefix(tail) {
                return Some((level, after));
            }
        }
    }
    None
}

fn level_word(word: &str) -> Option<Level> {
    match word {
        "chapter" => Some(Level::Chapter),
        "heading" => Some(Level::Heading),
        "sub-heading" => Some(Level::Subheading),
        _ => None,
    }
}

/// Markers where a code list ends and a further clause begins.
const CLAUSE_MARKERS: [&str; 6] =
    [". however, ", ", however, ", ", provided that", " provided that", ", in which ", ", and "];

/// A code list at the start of `text` and the rest after it.
fn take_codes(text: &str) -> Option<(Selection, &str)> {
    let end = CLAUSE_MARKERS.iter().filter_map(|m| text.find(m)).min().unwrap_or(text.len());
    let codes = text[..end].trim().trim_end_matches(',');
    let codes = codes.strip_prefix("non-originating materials of ").unwrap_or(codes);
    let codes = codes.strip_prefix("materials of ").unwrap_or(codes);
    let codes = codes
        .strip_prefix("non-originating materials from ")
        .or_else(|| codes.strip_prefix("materials from "))
        .unwrap_or(codes);
    // "fabric of heading 5007, ...": a product named within codes stands for the codes (stricter, see `however`).
    let selection = prose_selection(codes).or_else(|| super::however::exception(codes))?;
    Some((selection, &text[end..]))
}

/// The tail after a change of classification: exceptions, a "however" allowance, conditions.
pub fn change_tail(level: Level, tail: &str, cx: &Context) -> Option<Rule> {
    let mut rest = tail.trim_end_matches(['.', ' ']);
    let mut except = None;
    for opener in [" except from ", " except ", ", except from ", ", except ", ", excluding ", " excluding "] {
        if let Some(after) = rest.strip_prefix(opener) {
            let (codes, after) = take_codes(after)?;
            except = Some(codes);
            rest = after;
            break;
        }
    }
    let mut rule = change(level, except, None, None);
    let mut extra = Vec::new();
    if let Some(text) = rest.strip_prefix(". however, ").or_else(|| rest.strip_prefix(", however, ")) {
        let (allowance, after) = match text.split_once(", and in which ") {
            Some((a, b)) => (a, Some(b)),
            None => (text, None),
        };
        rule = match however(rule.clone(), allowance, cx) {
            Some(rule) => rule,
            None => super::however::apply(rule, allowance)?,
        };
        rest = "";
        if let Some(conds) = after {
            extra.extend(conditions(conds)?);
        }
    }
    for opener in [
        ", provided that: ",
        ", provided that ",
        " provided that: ",
        " provided that ",
        ", provided ",
        " provided ",
        ", in which ",
        ", and in which ",
    ] {
        if let Some(conds) = rest.strip_prefix(opener) {
            extra.extend(proviso(conds)?);
            rest = "";
            break;
        }
    }
    if !rest.is_empty() {
        return None;
    }
    extra.insert(0, rule);
    Some(all_of(extra))
}

/// What follows "provided that" after a change: the garment processes of the CPTPP and CETA lists ("the good is
/// cut or knit to shape, or both, and sewn or otherwise assembled in the territory ...": cutting or knitting, and
/// sewing or assembly, carried out), a ceiling on the non-originating fabric, or conditions.
fn proviso(text: &str) -> Option<Vec<Rule>> {
    const GARMENT: [&str; 3] = [
        "the product is cut or knit to shape, or both, and sewn or otherwise assembled in the territory of one or more of the parties",
        "the product is both cut (or knit to shape) and sewn or otherwise assembled in the territory of a party",
        "the product is cut or knit to shape, or both, and sewn or otherwise assembled in the territory of one or more of the parties.",
    ];
    if GARMENT.contains(&text) {
        let shaped = super::expr::any_of(vec![super::expr::process("cutting"), super::expr::process("knitting")]);
        let assembled = super::expr::any_of(vec![super::expr::process("sewing"), super::expr::process("assembly")]);
        return Some(vec![shaped, assembled]);
    }
    if let Some(limit) = text.strip_prefix("the value of the non-originating fabric does not exceed ") {
        return Some(vec![maxnom(value_limit(limit)?, Some(super::expr::group("fabric")))]);
    }
    conditions(text)
}

/// "non-originating materials of the same heading as the product may be used, provided that their total value
/// does not exceed 20% of the ex-works price (exw) of the product" and "non-originating materials of sub-heading
/// 330210 may be used, provided ..." (allowed, up to the ceiling).
fn however(rule: Rule, text: &str, cx: &Context) -> Option<Rule> {
    let text = text.strip_prefix("non-originating ").unwrap_or(text);
    let (materials, limit) = text
        .split_once(" may be used, provided that their total value does not exceed ")
        .or_else(|| text.split_once(" may be used provided that their value does not exceed "))
        .or_else(|| text.split_once(" may be used, provided that their value does not exceed "))?;
    let max = value_limit(limit)?;
    let Rule::Change { level, except, allow: None, same_max_percent: None } = rule else { return None };
    match materials {
        "materials of the same heading as the product" if level == Level::Heading => {
            Some(change(level, except, None, Some(max)))
        }
        "materials of the same sub-heading as the product" if level == Level::Subheading => {
            Some(change(level, except, None, Some(max)))
        }
        other => {
            let codes = prose_selection(other.strip_prefix("materials of ")?)?;
            let own = cx.headings.len() == 1 && codes.0.iter().all(|i| within_heading(i, cx.headings[0]));
            own.then_some(())?;
            Some(all_of(vec![change(level, except, Some(codes.clone()), None), maxnom(max, Some(codes))]))
        }
    }
}

fn within_heading(item: &crate::selection::SelItem, heading: u32) -> bool {
    item.range().is_some_and(|(a, b)| a / 100 == heading && b / 100 == heading)
}

/// "20% of the ex-works price (exw) of the product", "50% of the transaction value or ex-works price of the
/// product": the percentage of the ex-works price.
pub fn value_limit(text: &str) -> Option<rust_decimal::Decimal> {
    let (number, tail) = text.split_once('%')?;
    const TAILS: [&str; 5] = [
        " of the ex-works price of the product",
        " of the ex-works price (exw) of the product",
        " of the transaction value or ex-works price of the product",
        " of the ex-works price",
        " of the ex-works price (exw)",
    ];
    TAILS.contains(&tail).then_some(())?;
    percent(number)
}

/// "a change to a product of <scope> from any other <level>[<tail>]" (CPTPP) and "a change from ..." (CETA).
pub fn compile(canon: &str, cx: &Context) -> Option<Rule> {
    if let Some((level, tail)) = uk_form(canon) {
        return change_tail(level, tail, cx);
    }
    let rest = if let Some(rest) = canon.strip_prefix("a change to a product of ") {
        // The scope is a code list ending at " from "; a named product ("a change to sardines of ...") is not.
        let (scope, rest) = rest.split_once(" from ")?;
        is_code_list(scope).then_some(())?;
        rest
    } else {
        canon.strip_prefix("a change from ")?
    };
    if let Some(after) = rest.strip_prefix("any other ") {
        let (word, tail) = after.split_once([' ', ',']).map_or((after, ""), |(w, _)| (w, &after[w.len()..]));
        return change_tail(level_word(word)?, tail, cx);
    }
    within(rest, cx)
}

/// Whether a scope is only codes in prose ("heading 0101 to heading 0106", "sub-heading 030110 through
/// 030119"); the codes themselves are not needed (the range of the rule set says them) and may be of HS 2017.
fn is_code_list(text: &str) -> bool {
    text.replace(',', " ").split_whitespace().all(|w| {
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
        ) || w.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    })
}

/// The CETA "from within" forms.
fn within(rest: &str, cx: &Context) -> Option<Rule> {
    const ANY: [&str; 6] = [
        "within this heading or any other heading",
        "within any one of these heading or any other heading",
        "within any one of these headings or any other heading",
        "within this sub-heading or any other sub-heading",
        "within any one of these sub-heading or any other sub-heading",
        "within any one of these sub-headings or any other sub-heading",
    ];
    if ANY.contains(&rest) {
        return Some(change(Level::None, None, None, None));
    }
    for any in ANY {
        if let Some(tail) = rest.strip_prefix(any).filter(|t| t.starts_with(", except")) {
            return change_tail(Level::None, tail, cx);
        }
    }
    if rest == "any heading outside this group" {
        return Some(change(Level::None, Some(cx.scope.clone()?), None, None));
    }
    for (head, level) in [
        ("within this heading, whether or not there is also a change from any other heading, ", Level::Heading),
        (
            "within any one of these heading, whether or not there is also a change from any other heading, ",
            Level::Heading,
        ),
        (
            "within any one of these headings, whether or not there is also a change from any other heading, ",
            Level::Heading,
        ),
        (
            "within this sub-heading, whether or not there is also a change from any other sub-heading, ",
            Level::Subheading,
        ),
        (
            "within any one of these sub-heading, whether or not there is also a change from any other sub-heading, ",
            Level::Subheading,
        ),
        (
            "within the same sub-heading, whether or not there is also a change from any other sub-heading, ",
            Level::Subheading,
        ),
    ] {
        let Some(proviso) = rest.strip_prefix(head) else { continue };
        for materials in [
            "provided that the value of non-originating materials of this heading does not exceed ",
            "provided that the value of non-originating materials of this sub-heading does not exceed ",
            "provided that the value of non-originating materials classified in the same heading as the final product does not exceed ",
            "provided that the value of non-originating materials classified in the same sub-heading as the final product does not exceed ",
        ] {
            if let Some(limit) = proviso.strip_prefix(materials) {
                return Some(change(level, None, None, Some(value_limit(limit)?)));
            }
        }
        return None;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::text::{canonical, normalise};

    fn c(text: &str, headings: &[u32]) -> String {
        let scope = headings.iter().map(|h| crate::selection::SelItem::Headings(*h, *h)).collect();
        let cx = Context { headings: headings.to_vec(), scope: Some(Selection(scope)), ..Context::default() };
        compile(&canonical(&normalise(text).text), &cx).map(|r| r.to_string()).unwrap_or_else(|| "NONE".into())
    }

    #[test]
    fn cptpp_changes() {
        assert_eq!(c("A change to a good of heading 0101 to heading 0106 from any other chapter.", &[]), "CC");
        assert_eq!(
            c(
                "A change to a good of subheading 200551 from any other chapter, except from subheading 071332 through 071339.",
                &[]
            ),
            "CC EXCEPT[071332-071339]"
        );
        assert_eq!(c("A change to a good of subheading 030111 through 030119 from any other subheading", &[]), "CTSH");
        assert_eq!(
            c("A change to Engraulis spp. (Anchovies) of subheading 030342 from any other chapter", &[]),
            "NONE"
        );
    }

    #[test]
    fn ceta_changes() {
        assert_eq!(c("A change from any other heading", &[]), "CTH");
        assert_eq!(c("A change from within this heading or any other heading", &[]), "ANY");
        assert_eq!(
            c(
                "A change from within this heading, whether or not there is also a change from any other heading, provided that the value of non-originating materials of this heading does not exceed 50% of the transaction value or ex-works price of the product",
                &[]
            ),
            "CTH SAME<=50%"
        );
        assert_eq!(c("A change from any heading outside this group", &[2801, 2802]), "ANY EXCEPT[2801,2802]");
        assert_eq!(
            c("A change from any other heading, except from heading 8407, heading 8408 or heading 8708", &[]),
            "CTH EXCEPT[8407,8408,8708]"
        );
    }

    #[test]
    fn uk_forms_with_tails() {
        let cth = "CTH: All non-originating materials used in the production of the good have undergone a change in tariff classification at the 4-digit level (tariff heading)";
        assert_eq!(
            c(&format!("{cth} except from non-originating materials of heading 7208 to heading 7217"), &[]),
            "CTH EXCEPT[7208-7217]"
        );
        assert_eq!(
            c(
                &format!(
                    "{cth}, however, non-originating materials of the same heading as the product may be used, provided that their total value does not exceed 20% of the ex-works price (EXW) of the product"
                ),
                &[]
            ),
            "CTH SAME<=20%"
        );
        assert_eq!(
            c(
                &format!(
                    "{cth}, however, non-originating materials of subheading 330210 may be used, provided that their total value does not exceed 20% of the ex-works price (EXW) of the product"
                ),
                &[3302]
            ),
            "CTH ALLOW[330210] & MAXNOM 20%[330210]"
        );
        assert_eq!(c(&format!("{cth} - within the limits of the applicable annual quota"), &[]), "NONE");
    }
}
