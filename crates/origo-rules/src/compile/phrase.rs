//! The phrase compiler: one legal rule line (canonical text, see `text::canonical`) to one rule, by patterns.
//!
//! Patterns cover the recurring sentences of both lists:
//! - "Manufacture from materials of any heading[, except that of the product][ and of heading 8503][, in which
//!   ...]" and the sub-heading form: `ANY`, `CTH`, `CTSH` with `EXCEPT[...]` and the conditions of `conditions`;
//! - "..., except those of headings 7106, 7108 and 7110": `ANY EXCEPT[7106,7108,7110]`;
//! - "However, materials of the same heading as the product may be used, provided that their total value does not
//!   exceed 20% ...": `SAME<=20%`; "However, the value of all the materials of heading 2909 used shall not exceed
//!   20% ...": `& MAXNOM 20%[2909]`;
//! - "Manufacture in which ...", "Manufacture from materials of heading 7206", "Manufacture from fabric";
//! - the UK forms "CTH: All non-originating materials ... 4-digit level (tariff heading)" and "The maximum value of
//!   non-originating materials (MaxNOM) cannot exceed 75% ...";
//! - "All the animals of Chapter 1 are wholly obtained" (the product itself: `WO`);
//! - process sentences (see `textile`).
//!
//! A pattern matches the whole line or not at all; `None` sends the line to the override file.

use super::codes::prose_selection;
use super::conditions::conditions;
use super::expr::{all_of, change, group, maxnom, percent};
use super::textile;
use crate::rule::{Level, Rule};
use crate::selection::Selection;

/// What a line may depend on besides its own words: the headings of the rule set ("other materials of heading
/// 8302" means the product's own heading only when 8302 is the rule set's heading).
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub headings: Vec<u32>,
    /// The price an agreement's value percentages are of when a line does not say ("40% under the build-down
    /// method"): the ex-works price, or the FOB value where the agreement defines "the value of the good" so.
    pub value_basis: crate::rule::Basis,
    /// The uk-roo scheme code, for the few definitions that differ by agreement (empty for EU GSP / UK DCTS).
    pub scheme: String,
    /// The rule set's own codes ("a change from any heading outside this group").
    pub scope: Option<crate::selection::Selection>,
    /// What the list's own footnotes define "Process Rule" as (the New Zealand list), if they do.
    pub process_rule: Option<Rule>,
}

/// Compiles one canonical line, or `None` when no pattern matches the whole of it.
pub fn compile(canon: &str, cx: &Context) -> Option<Rule> {
    uk_change(canon)
        .or_else(|| uk_maxnom(canon))
        .or_else(|| product_wholly_obtained(canon))
        .or_else(|| manufacture(canon, cx))
        .or_else(|| textile::compile(canon))
}

/// "CTH: All non-originating materials used in the production of the good have undergone a change in tariff
/// classification at the 4-digit level (tariff heading)", and the CC / CTSH forms, with "except chapter 2 ...".
fn uk_change(canon: &str) -> Option<Rule> {
    const BODY: &str = "all non-originating materials used in the production of the product have undergone a change \
                        in tariff classification at the ";
    for (abbr, level, tail) in [
        ("cc: ", Level::Chapter, "2-digit level (chapter)"),
        ("cth: ", Level::Heading, "4-digit level (tariff heading)"),
        ("ctsh: ", Level::Subheading, "6-digit level (sub-heading)"),
    ] {
        let Some(rest) = canon.strip_prefix(abbr).and_then(|r| r.strip_prefix(BODY)) else { continue };
        let rest = rest.strip_prefix(tail)?;
        if rest.is_empty() {
            return Some(change(level, None, None, None));
        }
        let except = prose_selection(rest.strip_prefix(" except ")?)?;
        return Some(change(level, Some(except), None, None));
    }
    None
}

/// "The maximum value of non-originating materials (MaxNOM) cannot exceed 75% of the ex-works price (EXW) of the
/// good[ or processing rule]" and its shortened forms.
fn uk_maxnom(canon: &str) -> Option<Rule> {
    let rest = canon.strip_prefix("the maximum value of non-originating materials (maxnom) cannot exceed ")?;
    let (number, tail) = rest.split_once('%')?;
    let tails = [
        "",
        " of the ex-works price (exw) of the product",
        " of the ex-works price (exw) of the product or processing rule",
        " of the ex-works price of the product",
        " of the ex-works price of the product or processing rule",
        " ex-works price (exw)",
    ];
    tails.contains(&tail).then_some(())?;
    Some(maxnom(percent(number)?, None))
}

/// "All the animals of Chapter 1 are wholly obtained", "All goods must be wholly obtained": the product itself.
fn product_wholly_obtained(canon: &str) -> Option<Rule> {
    let wholly = canon.ends_with(" are wholly obtained")
        || canon.ends_with(" is wholly obtained")
        || canon == "all products must be wholly obtained";
    (canon.starts_with("all ") && wholly && !canon.contains(" used ")).then_some(Rule::WhollyObtained)
}

/// Splits off the "However, ..." sentence.
fn however(canon: &str) -> (&str, Option<&str>) {
    match canon.split_once(". however, ") {
        Some((main, rest)) => (main, Some(rest)),
        None => (canon, None),
    }
}

fn manufacture(canon: &str, cx: &Context) -> Option<Rule> {
    let (main, extra) = however(canon);
    let rule = main_clause(main)?;
    match extra {
        None => Some(rule),
        Some(text) => apply_however(rule, text, cx),
    }
}

fn main_clause(main: &str) -> Option<Rule> {
    if let Some(rest) = main.strip_prefix("manufacture from materials of any heading") {
        return change_clause(Level::Heading, rest);
    }
    if let Some(rest) = main.strip_prefix("manufacture from materials of any sub-heading") {
        return change_clause(Level::Subheading, rest);
    }
    if main == "production from non-originating materials of any heading" {
        return Some(change(Level::None, None, None, None));
    }
    if main
        == "other operations in which all the materials used are classified within a heading other than that of the product"
    {
        return Some(change(Level::Heading, None, None, None));
    }
    if let Some(rest) = main.strip_prefix("manufacture in which") {
        return Some(all_of(conditions(rest.trim_start_matches(':').trim())?));
    }
    if let Some(codes) = main.strip_prefix("manufacture from materials of ") {
        return Some(Rule::From(prose_selection(codes)?));
    }
    let (rest, provisos) = textile::take_provisos(main)?;
    let material = match rest.as_str() {
        "manufacture from fabric" => "fabric",
        "manufacture from unembroidered fabric" => "unembroidered_fabric",
        _ => return None,
    };
    let mut rules = vec![Rule::From(group(material))];
    rules.extend(provisos);
    Some(all_of(rules))
}

/// Where the exceptions end and the conditions begin.
const CONDITION_OPENERS: [&str; 4] = [", and in which", ", in which", " in which", " and in which"];

fn split_conditions(text: &str) -> (&str, Option<&str>) {
    match CONDITION_OPENERS.iter().filter_map(|o| text.find(o).map(|i| (i, *o))).min_by_key(|&(i, _)| i) {
        Some((i, opener)) => (&text[..i], Some(text[i + opener.len()..].trim_start_matches(':').trim())),
        None => (text, None),
    }
}

/// The rest of "Manufacture from materials of any heading|sub-heading ...".
fn change_clause(level: Level, rest: &str) -> Option<Rule> {
    let (head, conds) = split_conditions(rest);
    let except_own =
        head.strip_prefix(", except that of the product").or_else(|| head.strip_prefix(" except that of the product"));
    let (level, except) = if let Some(after) = except_own {
        let except = match after {
            "" | "," => None,
            _ => {
                let codes = after
                    .strip_prefix(" and except materials of ")
                    .or_else(|| after.strip_prefix(" and of "))
                    .or_else(|| after.strip_prefix(" and "))?;
                Some(prose_selection(codes.trim_end_matches(','))?)
            }
        };
        (level, except)
    } else if let Some(codes) = head.strip_prefix(", except those of ") {
        (Level::None, Some(prose_selection(codes)?))
    } else {
        let including = head.strip_prefix(",").unwrap_or(head).trim();
        let ok = including.is_empty()
            || including
                .strip_prefix("including other materials of heading ")
                .is_some_and(|h| prose_selection(&format!("heading {h}")).is_some());
        ok.then_some(())?;
        (Level::None, None)
    };
    let mut rules = vec![change(level, except, None, None)];
    if let Some(conds) = conds {
        rules.extend(conditions(conds)?);
    }
    Some(all_of(rules))
}

/// The "However, ..." sentence, applied to the main rule.
fn apply_however(rule: Rule, text: &str, cx: &Context) -> Option<Rule> {
    const PROVISO: &str = " may be used, provided that their total value does not exceed ";
    if let Some((materials, limit)) = text.split_once(PROVISO) {
        let max = percent(limit.strip_suffix(" of the ex-works price of the product")?.trim_end_matches('%'))?;
        let wanted = match materials {
            "materials of the same heading as the product" => Level::Heading,
            "materials of the same sub-heading as the product" => Level::Subheading,
            other => {
                let codes = other.strip_prefix("other materials of ")?;
                let own = prose_selection(codes)?;
                let own_heading = matches!(own.0.as_slice(), [crate::selection::SelItem::Headings(a, b)] if a == b && cx.headings == [*a]);
                own_heading.then_some(Level::Heading)?
            }
        };
        return match rule {
            Rule::Change { level, except, allow, same_max_percent: None } if level == wanted => {
                Some(change(level, except, allow, Some(max)))
            }
            _ => None,
        };
    }
    for verb in [" used shall not exceed ", " used must not exceed "] {
        if let Some((codes, limit)) =
            text.strip_prefix("the value of all the materials of ").and_then(|t| t.split_once(verb))
        {
            let max = percent(limit.strip_suffix(" of the ex-works price of the product")?.trim_end_matches('%'))?;
            let of: Selection = prose_selection(codes)?;
            return Some(all_of(vec![rule, maxnom(max, Some(of))]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::text::{canonical, normalise};

    fn c(text: &str) -> String {
        c_in(text, &[])
    }

    fn c_in(text: &str, headings: &[u32]) -> String {
        let cx = Context { headings: headings.to_vec(), ..Context::default() };
        compile(&canonical(&normalise(text).text), &cx).map(|r| r.to_string()).unwrap_or_else(|| "NONE".into())
    }

    #[test]
    fn change_of_classification() {
        assert_eq!(c("Manufacture from materials of any heading"), "ANY");
        assert_eq!(c("Manufacture from materials of any heading, except that of the product."), "CTH");
        assert_eq!(
            c("Manufacture from materials of any heading, except that of the product and of heading 8503"),
            "CTH EXCEPT[8503]"
        );
        assert_eq!(
            c("Manufacture from materials of any heading, except those of headings 4011 and 4012"),
            "ANY EXCEPT[4011,4012]"
        );
        assert_eq!(c("Manufacture from materials of any heading including other materials of heading 1702"), "ANY");
        assert_eq!(
            c(
                "Manufacture from materials of any sub-heading, except that of the product and except materials of sub-heading 2905 44. However, materials of the same sub-heading as the product may be used, provided that their total value does not exceed 20% of the ex-works price of the product"
            ),
            "CTSH EXCEPT[290544] SAME<=20%"
        );
        assert_eq!(
            c(
                "Manufacture from materials of any heading, except that of the product and of heading 2403, and in which the weight of materials of heading 2401 used does not exceed 50% of the total weight of materials of heading 2401 used"
            ),
            "CTH EXCEPT[2403] & MAXWT 50%[2401] OF[2401]"
        );
    }

    #[test]
    fn however_sentences() {
        let text = "Manufacture from materials of any heading, except that of the good. However, other materials of [heading&nbsp;8302](/headings/8302) may be used, provided that their total value does not exceed **20%** of the ex-works price of the good.";
        assert_eq!(c_in(text, &[8302]), "CTH SAME<=20%");
        assert_eq!(c_in(text, &[8301]), "NONE");
        assert_eq!(
            c(
                "Manufacture from materials of any heading. However, the value of all the materials of headings 2915 and 2916 used shall not exceed 20% of the ex-works price of the product"
            ),
            "MAXNOM 20%[2915,2916]"
        );
    }

    #[test]
    fn uk_forms() {
        assert_eq!(
            c(
                "<abbr title='Change of tariff chapter'>CC</abbr>: All non-originating materials used in the production of the good have undergone a change in tariff classification at the 2-digit level (chapter) except [chapter&nbsp;2](/chapters/02) and [chapter&nbsp;3](/chapters/03)."
            ),
            "CC EXCEPT[ch02,ch03]"
        );
        assert_eq!(
            c("The maximum value of non-originating materials (MaxNOM) cannot exceed **75%** ex-works price (EXW)."),
            "MAXNOM 75%"
        );
        assert_eq!(c("None if all the animals of chapter 1 are wholly obtained"), "NONE");
        assert_eq!(c("All the animals of Chapter 1 are wholly obtained"), "WO");
    }

    #[test]
    fn manufacture_in_which_and_from() {
        assert_eq!(c("Manufacture in which all the materials of Chapter 3 used are wholly obtained"), "WO[ch03]");
        assert_eq!(c("Manufacture from materials of heading 7206, 7207 or 7224"), "FROM[7206,7207,7224]");
        assert_eq!(
            c(
                "Manufacture from unembroidered fabric, provided that the value of the unembroidered fabric used does not exceed 40% of the ex-works price of the product"
            ),
            "FROM[@unembroidered_fabric] & MAXNOM 40%[@unembroidered_fabric]"
        );
        assert_eq!(c("Manufacture from sulphur dioxide"), "NONE");
        assert_eq!(
            c(
                "Manufacture:\n\n- from materials of any heading, except that of the product, *and* - in which the value of all the materials used does not exceed 70% of the ex-works price of the product"
            ),
            "CTH & MAXNOM 70%"
        );
    }
}
