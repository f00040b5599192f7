//! The conditions that follow "in which" in the lists, one conjunct each:
//! - value ceilings: "the value of all the materials used does not exceed 70% of the ex-works price of the
//!   product" (`MAXNOM 70%`), "... of all the materials of heading 7315 used ..." (`MAXNOM 50%[7315]`);
//! - weight ceilings: "the weight of sugar used does not exceed 40% of the weight of the final product"
//!   (`MAXWT 40%[@sugar]`), "the weight of materials of Chapter 24 used does not exceed 30% of the total weight of
//!   materials of Chapter 24 used" (`MAXWT 30%[ch24] OF[ch24]`), the sugar/Chapter 4 pair ("individual weight"
//!   is two ceilings, "total combined weight" one ceiling on both);
//! - wholly obtained materials: "all the materials of Chapters 7 and 8 used are wholly obtained" (`WO[ch07,ch08]`),
//!   "all the vegetable materials used are wholly obtained" (`WO[@vegetable_materials]`).
//!
//! Ceilings concern non-originating materials (the language's atoms say so); "does not exceed" is `<=`.

use super::codes::prose_selection;
use super::expr::{group, join, maxnom, maxwt, percent};
use crate::rule::Rule;
use crate::selection::Selection;

const EXW: &str = " of the ex-works price of the product";
const FINAL_WEIGHT: [&str; 2] = [" of the weight of the final product", " of the weight of final product"];

/// Words that open a new condition after "and", so that "sugar and the materials of Chapter 4" is not split.
const STARTERS: [&str; 7] = [
    "the value of",
    "the total value of",
    "all the ",
    "the weight of",
    "the individual weight",
    "the total combined",
    "in which",
];

/// Splits "A, and B and C" into its conditions.
fn conjuncts(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find(" and ") {
        let at = search + found;
        let next = &text[at + 5..];
        if STARTERS.iter().any(|s| next.starts_with(s)) {
            out.push(text[start..at].trim_end_matches(',').trim());
            start = at + 5;
        }
        search = at + 5;
    }
    out.push(text[start..].trim());
    out
}

/// The text between `prefix` and " used does not exceed ", and the percentage after it with its tail.
fn ceiling<'a>(text: &'a str, prefix: &str) -> Option<(&'a str, &'a str)> {
    let rest = text.strip_prefix(prefix)?;
    rest.split_once(" used does not exceed ")
}

/// "N% <tail>" with one of the allowed tails; gives N.
fn limit(text: &str, tails: &[&str]) -> Option<rust_decimal::Decimal> {
    let (number, tail) = text.split_once('%')?;
    tails.contains(&tail).then_some(())?;
    percent(number)
}

fn sel(text: &str) -> Option<Selection> {
    prose_selection(text)
}

/// One condition.
fn condition(text: &str) -> Option<Vec<Rule>> {
    let text = text.strip_prefix("in which").map(|t| t.trim_start_matches(':').trim()).unwrap_or(text);
    if let Some(rest) = text.strip_prefix("the value of all the materials used does not exceed ") {
        return Some(vec![maxnom(limit(rest, &[EXW])?, None)]);
    }
    for prefix in ["the value of all the materials of ", "the total value of the materials of "] {
        if let Some((codes, rest)) = ceiling(text, prefix) {
            return Some(vec![maxnom(limit(rest, &[EXW])?, Some(sel(codes)?))]);
        }
    }
    if let Some(codes) =
        text.strip_prefix("all the materials of ").and_then(|r| r.strip_suffix(" used are wholly obtained"))
    {
        return Some(vec![Rule::MaterialsWhollyObtained(sel(codes)?)]);
    }
    if text == "all the vegetable materials used are wholly obtained" {
        return Some(vec![Rule::MaterialsWhollyObtained(group("vegetable_materials"))]);
    }
    if let Some(rest) = text.strip_prefix("the weight of sugar used does not exceed ") {
        return Some(vec![maxwt(limit(rest, &FINAL_WEIGHT)?, group("sugar"), None)]);
    }
    if let Some((codes, rest)) = ceiling(text, "the individual weight of sugar and of the materials of ") {
        let max = limit(rest, &FINAL_WEIGHT)?;
        return Some(vec![maxwt(max, group("sugar"), None), maxwt(max, sel(codes)?, None)]);
    }
    if let Some((codes, rest)) = ceiling(text, "the total combined weight of sugar and the materials of ") {
        return Some(vec![maxwt(limit(rest, &FINAL_WEIGHT)?, join(&group("sugar"), &sel(codes)?), None)]);
    }
    for prefix in
        ["the weight of all the materials of ", "the weight of the materials of ", "the weight of materials of "]
    {
        if let Some((codes, rest)) = ceiling(text, prefix) {
            let of = sel(codes)?;
            if let Some(max) = limit(rest, &FINAL_WEIGHT) {
                return Some(vec![maxwt(max, of, None)]);
            }
            // "... does not exceed 30% of the total weight of materials of Chapter 24 used"
            let (number, tail) = rest.split_once('%')?;
            let basis = tail.strip_prefix(" of the total weight of ")?.strip_suffix(" used")?;
            let basis = basis.strip_prefix("the ").unwrap_or(basis).strip_prefix("materials of ")?;
            return Some(vec![maxwt(percent(number)?, of, Some(sel(basis)?))]);
        }
    }
    None
}

/// All the conditions of an "in which" clause, or `None` when any of them is not understood.
pub fn conditions(text: &str) -> Option<Vec<Rule>> {
    let mut rules = Vec::new();
    for part in conjuncts(text) {
        rules.extend(condition(part)?);
    }
    Some(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str) -> String {
        conditions(text).map(|r| r.iter().map(Rule::to_string).collect::<Vec<_>>().join(" & ")).unwrap_or("NONE".into())
    }

    #[test]
    fn sugar_and_chapter_four() {
        assert_eq!(
            c(
                "the individual weight of sugar and of the materials of chapter 4 used does not exceed 40% of the weight \
               of the final product, and the total combined weight of sugar and the materials of chapter 4 used does \
               not exceed 60% of the weight of final product"
            ),
            "MAXWT 40%[@sugar] & MAXWT 40%[ch04] & MAXWT 60%[@sugar,ch04]"
        );
        assert_eq!(
            c("all the materials of chapter 4 used are wholly obtained, and the weight of sugar used does not exceed \
               40% of the weight of the final product"),
            "WO[ch04] & MAXWT 40%[@sugar]"
        );
    }

    #[test]
    fn ceilings() {
        assert_eq!(
            c("the value of all the materials used does not exceed 70% of the ex-works price of the product"),
            "MAXNOM 70%"
        );
        assert_eq!(
            c(
                "the total value of the materials of heading 9613 used does not exceed 30% of the ex-works price of the product"
            ),
            "MAXNOM 30%[9613]"
        );
        assert_eq!(
            c(
                "the weight of materials of chapter 24 used does not exceed 30% of the total weight of materials of chapter 24 used"
            ),
            "MAXWT 30%[ch24] OF[ch24]"
        );
        assert_eq!(c("the weight of sugar used does not exceed 40% of the weight of the whole"), "NONE");
    }
}
