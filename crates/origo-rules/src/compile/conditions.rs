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
use super::expr::{change, group, join, maxnom, maxwt, percent};
use crate::rule::{Level, Rule};
use crate::selection::Selection;

const EXW: &str = " of the ex-works price of the product";
const FINAL_WEIGHT: [&str; 2] = [" of the weight of the final product", " of the weight of final product"];

/// Words that open a new condition after "and", so that "sugar and the materials of Chapter 4" is not split.
const STARTERS: [&str; 12] = [
    "within the above limit",
    "the net weight",
    "the total weight",
    "any ",
    "the materials classified within",
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
    rest.split_once(" used does not exceed ").or_else(|| rest.split_once(" used must not exceed "))
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

/// "the materials classified within heading 8541 or heading 8542, taken together, are only used up to a value of
/// 10% of the ex-works price of the product" (a value ceiling in other words).
fn only_used_up_to(text: &str) -> Option<Rule> {
    let rest = text.strip_prefix("the materials classified within ")?;
    let (codes, limit_text) = rest.split_once(" are only used up to a value of ")?;
    let max = limit(limit_text, &[EXW])?;
    let codes = codes.trim_end_matches(',').trim_end_matches(", taken together");
    if codes == "the same heading as the product" {
        return Some(change(Level::Heading, None, None, Some(max)));
    }
    Some(maxnom(max, Some(sel(codes)?)))
}

/// Goods named in words in "all the X used are originating" / "... wholly obtained" conditions, with their HS
/// 2022 reading. Qualifiers the codes cannot show ("except durum wheat") are not read, which only makes the
/// condition stricter.
const NAMED_GOODS: &[(&str, &str)] = &[
    ("materials", "ch01-ch97"),
    ("cereals", "ch10"),
    ("cereals and derivatives (except durum wheat and its derivatives)", "ch10,ch11"),
    ("cereals and their derivatives (except durum wheat and its derivatives)", "ch10,ch11"),
    ("cereals, sugar or molasses, meat or milk", "ch02,0401,0402,ch10,1701,1703"),
    ("cereals and flour (except durum wheat and zea indurata maize, and their derivatives)", "ch10,ch11"),
    ("cereals and flour (except durum wheat and its derivatives)", "ch10,ch11"),
    ("vegetables, fruit or nuts", "ch07,ch08"),
    ("meat and edible meat offal", "ch02"),
    ("fruit juice (except that of pineapple, lime or grapefruit) of heading 2009", "2009"),
    ("fruit juice (except those of pineapple, lime or grapefruit) of heading 2009", "2009"),
    ("fruit juice (except for pineapple, lime and grapefruit juices)", "2009"),
    ("fruit juice (except that of pineapple, lime or grapefruit)", "2009"),
    ("uppers of footwear of heading 6406", "640610"),
];

/// "all the cereals used are originating" (`ANY EXCEPT[ch10]`: none of them may be non-originating), "any fruit
/// juice used must already be originating", "all the vegetables, fruit or nuts used are wholly obtained"
/// (`WO[ch07,ch08]`); the goods from `NAMED_GOODS`, or the codes the words name (a product named within a code
/// stands for the whole code, stricter than the law).
fn named_goods(text: &str) -> Option<Rule> {
    let rest =
        text.strip_prefix("all the ").or_else(|| text.strip_prefix("all ")).or_else(|| text.strip_prefix("any "))?;
    let (goods, verb) = rest.split_once(" used")?;
    let (goods, verb) = match verb.split_once(") ") {
        // "any fruit juice used (except ...) must already be originating": the parenthesis belongs to the goods.
        Some((paren, verb)) if verb.contains("originating") => (format!("{goods}{paren})"), format!(" {verb}")),
        _ => (goods.to_string(), verb.to_string()),
    };
    let goods = goods.replace(" used (", " (");
    let wholly = matches!(verb.trim(), "are wholly obtained" | "is wholly obtained");
    let originating = matches!(
        verb.trim(),
        "are originating"
            | "is originating"
            | "must already be originating"
            | "must be originating"
            | "are already originating"
    );
    if !wholly && !originating {
        return None;
    }
    if goods.starts_with("materials of ") && wholly {
        return None;
    }
    let selection = match NAMED_GOODS.iter().find(|(n, _)| *n == goods) {
        Some((_, codes)) => Selection::parse(codes).expect("the table parses"),
        None => super::however::exception(&goods)?,
    };
    Some(if wholly {
        Rule::MaterialsWhollyObtained(selection)
    } else {
        change(Level::None, Some(selection), None, None)
    })
}

/// "the net weight of non-originating sugar used in production does not exceed 40% of the net weight of the
/// product", "... of non-originating material of heading 1006 or heading 1101 to heading 1108 used in production
/// ...", "the total weight of non-originating materials of chapter 10 used does not exceed 20% of the weight of
/// the product": weight ceilings on the product's weight.
fn net_weight(text: &str) -> Option<Rule> {
    // "the value of [non-originating] sugar used [in production] does not exceed 30% of the ex-works price ...".
    if let Some(rest) =
        text.strip_prefix("the value of non-originating sugar ").or_else(|| text.strip_prefix("the value of sugar "))
    {
        let limit_text = rest.trim_start_matches("used in production ").trim_start_matches("used ");
        let limit_text = limit_text.strip_prefix("does not exceed ")?;
        return Some(maxnom(limit(limit_text, &[EXW])?, Some(group("sugar"))));
    }
    let rest = text
        .strip_prefix("the net weight of non-originating ")
        .or_else(|| text.strip_prefix("the total weight of non-originating "))
        .or_else(|| text.strip_prefix("the weight of non-originating "))?;
    let (goods, limit_text) = rest.split_once(" does not exceed ")?;
    let goods = goods.trim_end_matches(" used in production").trim_end_matches(" used");
    let of = match goods {
        "sugar" => group("sugar"),
        other => sel(other.strip_prefix("material of ").or_else(|| other.strip_prefix("materials of "))?)?,
    };
    let basis_text = limit_text
        .split_once("% of the weight of materials of ")
        .and_then(|(_, b)| b.strip_suffix(" used"))
        .or_else(|| {
            limit_text
                .split_once("% of the net weight of all the material of ")
                .and_then(|(_, b)| b.strip_suffix(" used in the production of the product"))
        });
    if let Some(basis) = basis_text {
        let (number, _) = limit_text.split_once('%')?;
        return Some(maxwt(percent(number)?, of, Some(sel(basis)?)));
    }
    let max = limit(limit_text, &[" of the net weight of the product", " of the weight of the product"])?;
    Some(maxwt(max, of, None))
}

/// One condition.
fn condition(text: &str) -> Option<Vec<Rule>> {
    let text = text.strip_prefix("in which").map(|t| t.trim_start_matches(':').trim()).unwrap_or(text);
    // "within the above limit" only recalls that the overall ceiling also holds, which is its own conjunct.
    let text = text.strip_prefix("within the above limit, ").unwrap_or(text);
    if text == "all the materials used are classified within a heading other than that of the product" {
        return Some(vec![change(Level::Heading, None, None, None)]);
    }
    const NOM_OM: [&str; 2] = [
        "the value of all the non-originating materials used does not exceed the value of all the originating materials used",
        "the value of all the non-originating materials used does not exceed the value of the originating materials used",
    ];
    if NOM_OM.contains(&text) {
        return Some(vec![Rule::NonOriginatingWithinOriginating]);
    }
    if let Some(rule) = only_used_up_to(text) {
        return Some(vec![rule]);
    }
    if let Some(rule) = net_weight(text) {
        return Some(vec![rule]);
    }
    if let Some(rule) = named_goods(text) {
        return Some(vec![rule]);
    }
    if let Some(codes) = text.strip_prefix("all the materials used are classified within a chapter other than ") {
        return Some(vec![change(Level::None, Some(sel(codes)?), None, None)]);
    }
    if let Some(codes) = text.strip_prefix("all the materials used are classified within a heading other than ") {
        return Some(vec![change(Level::None, Some(sel(codes)?), None, None)]);
    }
    for prefix in [
        "the value of any materials classified in the same heading as the product does not exceed ",
        "the value of any materials classified within the same heading as the product does not exceed ",
    ] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return Some(vec![change(Level::Heading, None, None, Some(limit(rest, &[EXW])?))]);
        }
    }
    if let Some(rest) =
        text.strip_prefix("the value of all the materials of the same heading as the product used does not exceed ")
    {
        return Some(vec![change(Level::Heading, None, None, Some(limit(rest, &[EXW])?))]);
    }
    if let Some(rest) = text.strip_prefix("the value of all the materials used does not exceed ") {
        return Some(vec![maxnom(limit(rest, &[EXW])?, None)]);
    }
    for prefix in
        ["the value of all the materials of ", "the total value of the materials of ", "the value of any materials of "]
    {
        if let Some((codes, rest)) = ceiling(text, prefix) {
            return Some(vec![maxnom(limit(rest, &[EXW])?, Some(sel(codes)?))]);
        }
    }
    if let Some(codes) = text
        .strip_prefix("all the materials of ")
        .and_then(|r| r.strip_suffix(" used are wholly obtained").or_else(|| r.strip_suffix(" are wholly obtained")))
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

/// Joints between conditions written without "and" or with "where", folded onto ", and".
const JOINTS: [(&str, &str); 20] = [
    ("obtained, all the ", "obtained and all the "),
    ("originating, all the ", "originating and all the "),
    (", the net weight of ", " and the net weight of "),
    (", and the net weight of ", " and the net weight of "),
    ("obtained all the ", "obtained and all the "),
    ("obtained any ", "obtained and any "),
    ("obtained the value of ", "obtained and the value of "),
    ("originating all the ", "originating and all the "),
    ("originating the value of ", "originating and the value of "),
    ("of the product all the ", "of the product and all the "),
    ("of the product, all the ", "of the product and all the "),
    ("of the product any ", "of the product and any "),
    (" and where, within the above limit, ", " and within the above limit, "),
    (", where, within the above limit, ", " and within the above limit, "),
    (" where, within the above limit, ", " and within the above limit, "),
    (", and within the above limit, ", " and within the above limit, "),
    (", where the value of ", " and the value of "),
    (" where the value of ", " and the value of "),
    ("of the product the value of ", "of the product and the value of "),
    ("of the product, the value of ", "of the product and the value of "),
];

/// All the conditions of an "in which" clause, or `None` when any of them is not understood.
pub fn conditions(text: &str) -> Option<Vec<Rule>> {
    let mut text = text.to_string();
    for (from, to) in JOINTS {
        text = text.replace(from, to);
    }
    let mut rules = Vec::new();
    for part in conjuncts(&text) {
        rules.extend(either(part)?);
    }
    Some(rules)
}

/// One conjunct, which may offer two ceilings: "the net weight of non-originating sugar used in production does not
/// exceed 40% of the net weight of the product, or the value of non-originating sugar used in production does not
/// exceed 30% of the ex-works price of the product" is met by either.
fn either(part: &str) -> Option<Vec<Rule>> {
    for joint in [", or the value of ", ", or the net weight of ", ", or the weight of "] {
        if let Some((a, b)) = part.split_once(joint) {
            let b = format!("the {}{b}", &joint[", or the ".len()..]);
            let (a, b) = (all_of_rules(condition(a)?), all_of_rules(condition(&b)?));
            return Some(vec![super::expr::any_of(vec![a, b])]);
        }
    }
    condition(part)
}

fn all_of_rules(rules: Vec<Rule>) -> Rule {
    super::expr::all_of(rules)
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
        assert_eq!(
            c("the value of all the materials used does not exceed 40% of the ex-works price of the product, and the \
               value of all the non-originating materials used does not exceed the value of all the originating \
               materials used"),
            "MAXNOM 40% & NOM<=OM"
        );
        assert_eq!(
            c("the value of all the materials used does not exceed 40% of the ex-works price of the product where, \
               within the above limit, the materials classified within heading 8541 or heading 8542, taken together, \
               are only used up to a value of 10% of the ex-works price of the product"),
            "MAXNOM 40% & MAXNOM 10%[8541,8542]"
        );
        assert_eq!(
            c("all the materials used are classified within a heading other than that of the product the value of \
               all the materials used does not exceed 40% of the ex-works price of the product"),
            "CTH & MAXNOM 40%"
        );
        assert_eq!(
            c("the value of all the materials used does not exceed 50% of the ex-works price of the product, and \
               within the above limit, the value of all the materials of the same heading as the product used does \
               not exceed 20% of the ex-works price of the product"),
            "MAXNOM 50% & CTH SAME<=20%"
        );
    }
}
