//! Lines that join two rules, or a rule and a proviso, and the sentences with a reading of their own: "CTH ...
//! and Standard QVC", "... or manufacture in which ...", "..., provided that the value of the unembroidered fabric
//! used does not exceed 40% ...", "However, ..." sentences after any rule, "Jute fabric may be used as a backing",
//! "Printing (as standalone operation)", the sets rule, the diffusion of integrated circuits.

use super::expr::{all_of, any_of};
use super::fta;
use super::general::{line, option_in};
use super::named;
use super::phrase::Context;
use super::textile;
use super::value;
use crate::rule::Rule;

/// Sentences with a reading of their own (see also `named` for fixed process sentences):
/// - "the operation of diffusion, in which integrated circuits are formed on a semi-conductor substrate ...":
///   `P(diffusion)`, whatever the list then says about assembly and testing elsewhere;
/// - the sets rule, "each item in the set must satisfy the rule which would apply to it if it were not included in
///   the set. however, non-originating articles may be incorporated, provided that their total value does not
///   exceed 15% of the ex-works price of the set": the items are the materials, `MAXNOM 15%`;
/// - "manufacture in which at least 70% by weight of the unmanufactured tobacco or tobacco refuse of heading 2401
///   used is originating": at most 30% of that weight non-originating, `MAXWT 30%[2401] OF[2401]`;
/// - "manufacture from materials of any heading, including other materials of heading 3002. however, materials of
///   the same description as the product may be used, provided that their total value does not exceed 20% ...":
///   the description is not in the HS code, so the heading stands for it, `CTH SAME<=20%` (stricter than the law
///   for materials of the heading with another description).
pub(super) fn special(text: &str, cx: &Context) -> Option<Rule> {
    if text == "process rule" {
        return cx.process_rule.clone();
    }
    const DIFFUSION: [&str; 3] = [
        "the operation of diffusion, in which integrated circuits are formed on a semi-conductor substrate",
        "non-originating materials undergo a diffusion",
        "non-originating materials used undergo a diffusion",
    ];
    if DIFFUSION.iter().any(|d| text.starts_with(d)) {
        return Some(super::expr::process("diffusion"));
    }
    // "including other materials of heading 2905. however, metal alcoholates of this heading may be used, ...":
    // as for "the same description" below, the heading stands for what the words name.
    if let Some(rest) =
        text.strip_prefix("manufacture from materials of any heading, including other materials of heading ")
        && let Some((_, tail)) =
            rest.split_once(" of this heading may be used, provided that their total value does not exceed ")
    {
        return Some(super::expr::change(crate::rule::Level::Heading, None, None, Some(fta::value_limit(tail)?)));
    }
    for lead in [
        "each item in the set must satisfy the rule which would apply to it if it were not included in the set. however, ",
        "each item in the set must satisfy the rule, which would apply to it if it were not included in the set. however, ",
        "each item in the set shall satisfy the rule which would apply to it if it were not included in the set, provided that ",
    ] {
        let Some(rest) = text.strip_prefix(lead) else { continue };
        for proviso in [
            "non-originating articles may be incorporated, provided that their total value does not exceed ",
            "non-originating articles may be incorporated provided their total value does not exceed ",
            "non-originating articles may be incorporated, provided their total value does not exceed ",
        ] {
            if let Some(limit) = rest.strip_prefix(proviso) {
                let (number, tail) = limit.split_once('%')?;
                (tail == " of the ex-works price of the set").then_some(())?;
                return Some(super::expr::maxnom(super::expr::percent(number)?, None));
            }
        }
    }
    if let Some(rest) = text.strip_prefix("manufacture in which at least ") {
        let (number, rest) = rest.split_once("% by weight of the ")?;
        let (_, rest) = rest.split_once(" of ")?;
        let codes = rest
            .strip_suffix(" used is originating")
            .or_else(|| rest.strip_suffix(" used must already be originating"))
            .or_else(|| rest.strip_suffix(" used are originating"))?;
        let sel = super::codes::prose_selection(codes)?;
        let max = rust_decimal::Decimal::ONE_HUNDRED - super::expr::percent(number)?;
        return Some(super::expr::maxwt(max, sel.clone(), Some(sel)));
    }
    if let Some(rest) = text.strip_prefix("manufacture from materials of any heading, including materials of a different ")
        && let Some((_, tail)) = rest.split_once(". however, materials of the same group as the product may be used, provided that their total value does not exceed ")
    {
        // A "group" is a part of the heading between semicolons, which the codes do not show: the heading
        // stands for it (the EU GSP overrides read it alike).
        let tail = tail.split(". a ").next().unwrap_or(tail);
        return Some(super::expr::change(crate::rule::Level::Heading, None, None, Some(fta::value_limit(tail)?)));
    }
    if let Some(rest) = text.strip_prefix(
        "manufacture in which the value of all the materials used, except natural rubber, does not exceed ",
    ) {
        // Natural rubber is heading 4001: the ceiling is on every other material.
        let sel = crate::selection::Selection::parse("ch01-ch39,4002-4017,ch41-ch97").expect("codes parse");
        return Some(super::expr::maxnom(fta::value_limit(rest)?, Some(sel)));
    }
    let rest = text.strip_prefix("manufacture from materials of any heading, including other materials of heading ")?;
    let (_, limit) = rest.split_once(
        ". however, materials of the same description as the product may be used, provided that their total value does not exceed ",
    )?;
    let max = fta::value_limit(limit)?;
    Some(super::expr::change(crate::rule::Level::Heading, None, None, Some(max)))
}

/// "Manufacture: from materials of any heading, except that of the product. However, <allowance>, and in which
/// <conditions>": the allowance belongs to the change, the conditions are joined to it.
pub(super) fn however_then_conditions(text: &str, cx: &Context) -> Option<Rule> {
    let at = text.find(". however, ")?;
    let (before, after) = text.split_at(at);
    for joint in [", and in which ", " and in which ", " the value of all the materials used "] {
        if let Some((allowance, conds)) = after.split_once(joint) {
            let conds = if joint.starts_with(" the value") {
                format!("the value of all the materials used {conds}")
            } else {
                conds.to_string()
            };
            let rule = line(&format!("{before}{allowance}"), cx)?;
            let mut all = vec![rule];
            all.extend(super::conditions::conditions(&conds)?);
            return Some(all_of(all));
        }
    }
    None
}

/// Any rule followed by "However, <materials> may [not] be used ..." (see `however`); after wholly-obtained
/// conditions, "However, materials of heading 1507 ... may be used" is read only where those codes lie outside the
/// wholly-obtained selections (so it changes nothing).
pub(super) fn however_after(text: &str, cx: &Context) -> Option<Rule> {
    let (main, sentence) = text.split_once(". however, ")?;
    let rule = line(main, cx)?;
    if matches!(rule, Rule::Change { .. }) {
        return super::however::apply(rule, sentence);
    }
    let codes = sentence.strip_prefix("materials of ")?.strip_suffix(" may be used")?;
    let freed = super::codes::prose_selection(codes)?;
    let atoms = match &rule {
        Rule::AllOf(list) => list.clone(),
        other => vec![other.clone()],
    };
    let groups = std::collections::BTreeMap::new();
    let freed = freed.resolve(&groups).ok()?;
    for atom in &atoms {
        let Rule::MaterialsWhollyObtained(sel) = atom else { continue };
        let sel = super::groups::resolve(sel)?;
        if freed.ranges().iter().any(|&(a, b)| sel.ranges().iter().any(|&(c, d)| a <= d && c <= b)) {
            return None;
        }
    }
    atoms.iter().any(|a| matches!(a, Rule::MaterialsWhollyObtained(_))).then_some(rule)
}

/// A line that is only conditions ("All the materials of chapter 3 used must be wholly obtained").
pub(super) fn bare_conditions(text: &str) -> Option<Rule> {
    ["all the ", "all ", "the value of ", "the weight of "].iter().any(|s| text.starts_with(s)).then_some(())?;
    Some(all_of(super::conditions::conditions(text)?))
}

/// The rule without "Jute fabric may be used as a backing" and its spellings.
pub(super) fn jute_backing(text: &str) -> Option<&str> {
    const TAILS: [&str; 8] = [
        ". non-originating jute fabric may be used as a backing",
        ". jute fabric may be used as a backing",
        " jute fabric may be used as a backing",
        ". however, jute fabric may be used as a backing",
        ". however, jute fabric may be used as backing",
        ". however jute fabric may be used as backing",
        " however jute fabric may be used as backing",
        ". how ever jute fabric may be used as backing",
    ];
    TAILS.iter().find_map(|t| text.strip_suffix(t)).map(|r| r.trim_end_matches([' ', ':', '.']))
}

/// "Jute fabric may be used as a backing": jute fabric (5310) joins the materials a `FROM` allows; a rule of
/// processes places no condition on the backing, so it stays as it is (the UK DCTS overrides read it alike).
pub(super) fn with_jute_backing(rule: Rule) -> Rule {
    let jute = crate::selection::Selection::parse("5310").expect("code parses");
    match rule {
        Rule::From(sel) => Rule::From(super::expr::join(&sel, &jute)),
        Rule::AllOf(list) => Rule::AllOf(list.into_iter().map(with_jute_backing).collect()),
        other => other,
    }
}

/// "CTH: ... and Standard QVC", "CTH: ... and a maximum of 50% ... (maxnom)".
pub(super) fn conjunction(text: &str, cx: &Context) -> Option<Rule> {
    let (level, tail) = fta::uk_form(text)?;
    let rest = tail.strip_prefix(" and ")?;
    // "and a QVC of not less than: a) ..." is an opening of options, handled with its pieces.
    let rest_rule = line(rest, cx)?;
    Some(all_of(vec![super::expr::change(level, None, None, None), rest_rule]))
}

/// "no change in tariff classification required ..., provided there is a regional value content of not less
/// than 45% under the build-down method": an opening with its only option on the same line.
pub(super) fn single_option(text: &str, cx: &Context) -> Option<Rule> {
    let at = text.rfind("of not less than ")?;
    let (intro, piece) = text.split_at(at + "of not less than".len());
    option_in(piece.trim(), intro, cx)
}

/// Two alternatives written on one line: "... except that of the product or manufacture in which ...".
pub(super) fn two_alternatives(text: &str, cx: &Context) -> Option<Rule> {
    for joint in [" or manufacture ", ", or: ", " and/or manufacture ", ", and/or in which ", " and/or in which "] {
        if let Some((a, b)) = text.split_once(joint) {
            // "A and/or B" is met when either is.
            let b = match joint {
                " or manufacture " | " and/or manufacture " => format!("manufacture {b}"),
                ", and/or in which " | " and/or in which " => format!("manufacture in which {b}"),
                _ => b.to_string(),
            };
            let a =
                a.strip_prefix("manufacture: ").map(|r| format!("manufacture {r}")).unwrap_or_else(|| a.to_string());
            let a = a.as_str();
            return Some(any_of(vec![line(a, cx)?, line(&b, cx)?]));
        }
    }
    None
}

/// A rule followed by a value proviso on the materials: "making-up (including cutting), provided that the value
/// of non-originating materials used does not exceed 50% of the ex-works price (exw) or 45% of the free on board
/// (fob) cost of the product", "manufacture from unembroidered fabric, provided that the value of non-originating
/// unembroidered fabric used does not exceed 40% of the ex-works price (exw) of the product".
pub(super) fn proviso(text: &str, cx: &Context) -> Option<Rule> {
    for opener in [
        ", provided that the value of ",
        " provided that the value of ",
        " provided the value of ",
        " where the value of ",
    ] {
        let Some((head, clause)) = text.split_once(opener) else { continue };
        let (material, limit) =
            clause.split_once(" used does not exceed ").or_else(|| clause.split_once(" does not exceed "))?;
        let material = material.strip_prefix("the ").unwrap_or(material);
        let of = match material {
            "non-originating materials" | "all the non-originating materials" | "all the materials" => None,
            other => match named::fabric_group(other) {
                Some(group) => Some(group),
                // "all the unprinted goods of heading 6213 and heading 6214": the codes named.
                None => Some(super::codes::prose_selection(other.split_once(" of ")?.1)?),
            },
        };
        let ceiling = match value::exw_or_fob(limit, of.clone()) {
            Some(rule) => rule,
            None => super::expr::maxnom(fta::value_limit(limit)?, of),
        };
        let head_rule = line(head, cx).or_else(|| {
            let from = head.strip_prefix("manufacture from ")?;
            Some(Rule::From(named::fabric_group(from)?))
        })?;
        return Some(all_of(vec![head_rule, ceiling]));
    }
    None
}

/// "Printing (as standalone operation)": printing with at least two preparatory or finishing operations and the
/// value ceiling of the lists' definition (EU and Turkey notes: 50% of the ex-works price; Japan: 50% of the
/// ex-works price or 45% of the FOB value).
pub(super) fn printing_standalone(text: &str, cx: &Context) -> Option<Rule> {
    const STANDALONE: &str = "printing (as standalone operation)";
    text.contains(STANDALONE).then_some(())?;
    let long = "printing accompanied by at least two preparatory or finishing operations (such as scouring, \
                bleaching, mercerising, heat setting, raising, calendering, shrink resistance processing, \
                permanent finishing, decatising, impregnating, mending and burling)";
    let rule = textile::compile(&text.replace(STANDALONE, long))?;
    // The ceiling belongs to the printing; a line with other alternatives cannot carry it on all of them.
    if matches!(rule, Rule::AnyOf(_)) {
        return None;
    }
    let ceiling = if cx.scheme == "japan" {
        value::exw_or_fob(
            "50% of the ex-works price (exw) or 45% of the free on board (fob) cost of the product",
            None,
        )?
    } else {
        super::expr::maxnom(rust_decimal::Decimal::from(50), None)
    };
    Some(all_of(vec![rule, ceiling]))
}
