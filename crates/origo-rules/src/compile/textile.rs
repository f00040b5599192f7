//! Process rules: "Spinning of natural and/or man-made staple fibres or extrusion of man-made filament yarn, in
//! each case accompanied by weaving", "Weaving accompanied by dyeing or by coating", "Making-up preceded by printing
//! accompanied by at least two preparatory or finishing operations (...) provided that the value of the unprinted
//! fabric used does not exceed 47.5% ...", "Planing, sanding or end-jointing".
//!
//! A sentence is a chain of segments joined by "accompanied by", "preceded by", "and"; each segment is a list of
//! alternative processes joined by "or". The chain means every segment is carried out (`&`), a segment means any
//! of its processes (`|`). Two readings of "A or B accompanied by C" exist in the lists; the grammar takes the
//! legal one from the wording:
//! - "in each case accompanied by" / ", accompanied by": C goes with every alternative, `(A | B) & C`;
//! - "spinning of natural fibres or extrusion of man-made fibres accompanied by spinning": when the alternatives
//!   name their materials ("of ..."), the first ones stand alone and only the last is accompanied, `A | B & C`;
//! - "weaving or knitting accompanied by making-up": bare processes share the accompaniment, `(A | B) & C`.
//!
//! "Accompanied by spinning or spinning of natural fibres": a named-material alternative at the end starts a new
//! alternative of its own. Anything else (an unknown phrase, a named-material alternative in the middle of a
//! chain) is not guessed: the line goes to the override file.

use super::expr::{all_of, any_of, group, maxnom, percent, process};
use crate::process as vocabulary;
use crate::rule::Rule;

/// Processes written as phrases in the lists, with the vocabulary id each one names.
const PHRASES: &[(&str, &str)] = &[
    ("spinning", "spinning"),
    ("spinning of natural fibres", "spinning"),
    ("spinning of natural+man-made staple fibres", "spinning"),
    ("extrusion of man-made fibres", "extrusion"),
    ("extrusion of man-made filament yarn", "extrusion"),
    ("twisting", "twisting"),
    ("texturing", "texturing"),
    ("weaving", "weaving"),
    ("knitting", "knitting"),
    ("crocheting", "crocheting"),
    ("flocking", "flocking"),
    ("tufting", "tufting"),
    ("dyeing", "dyeing"),
    ("printing", "printing"),
    ("coating", "coating"),
    ("laminating", "laminating"),
    ("yarn dyeing", "yarn_dyeing"),
    ("dyeing of yarn of natural fibres", "yarn_dyeing"),
    ("making-up (including cutting)", "making_up"),
    ("making up (including cutting)", "making_up"),
    ("making-up", "making_up"),
    ("fabric formation", "fabric_formation"),
    ("non-woven techniques including needle punching", "nonwoven"),
    ("nonwoven techniques including needle punching", "nonwoven"),
    ("non-woven process including needle punching", "nonwoven"),
    ("any non-woven process including needle punching", "nonwoven"),
    ("any non-woven techniques including needle punching", "nonwoven"),
    ("a non-woven process", "nonwoven"),
    ("embroidering", "embroidering"),
    ("metalising", "metalising"),
    ("metalizing", "metalising"),
    ("rubberising", "rubberising"),
    ("gimping", "gimping"),
    ("finger-jointing", "finger_jointing"),
    ("non-woven process", "nonwoven"),
    ("refining", "refining"),
    ("blending", "blending"),
    ("crushing", "crushing"),
    ("grinding", "grinding"),
    ("planing", "planing"),
    ("sanding", "sanding"),
    ("end-jointing", "end_jointing"),
    ("endjointing", "end_jointing"),
    ("splicing", "splicing"),
];

/// Materials named in value provisos, with the pack group that classifies them.
const PROVISO_MATERIALS: &[(&str, &str)] = &[
    ("unprinted fabric", "fabric"),
    ("uncoated fabric", "fabric"),
    ("unembroidered fabric", "unembroidered_fabric"),
    ("non-twisted/non-textured yarns", "yarn"),
    ("uncoated or unlaminated fabric", "fabric"),
];

/// Stands for "printing accompanied by at least two preparatory or finishing operations (such as ...)".
const PRINTING_TOKEN: &str = "printing+finishing";

/// Connectors between segments, longest first so that ", in each case accompanied by" wins over its tail.
const CONNECTORS: &[&str] = &[
    ", in each case accompanied by ",
    " in each case accompanied by ",
    ", accompanied by ",
    " accompanied by ",
    " accompanied with ",
    " preceded by ",
    " and ",
];

/// Removes value provisos ("provided that the value of the unprinted fabric used does not exceed 47.5% of the
/// ex-works price of the product") and returns them as `MAXNOM` atoms on the material's group.
pub fn take_provisos(text: &str) -> Option<(String, Vec<Rule>)> {
    let mut text = text.to_string();
    let mut rules = Vec::new();
    for opener in [", provided that the value of the ", " provided that the value of the ", " where the value of the "]
    {
        while let Some(start) = text.find(opener) {
            let tail = " of the ex-works price of the product";
            let end = text[start..].find(tail)? + start + tail.len();
            let clause = &text[start + opener.len()..end - tail.len()];
            let (material, limit) = clause.split_once(" used does not exceed ")?;
            let group_name = PROVISO_MATERIALS.iter().find(|(m, _)| *m == material)?.1;
            rules.push(maxnom(percent(limit)?, Some(group(group_name))));
            text.replace_range(start..end, "");
        }
    }
    Some((text.trim().to_string(), rules))
}

/// Replaces the printing idiom by [`PRINTING_TOKEN`], returning the operations of its "such as" list.
fn take_printing(text: &str) -> Option<(String, Option<Vec<String>>)> {
    let openers = [
        "printing accompanied by at least two preparatory or finishing operations (such as ",
        "printing accompanied by at least two preparatory finishing operations (such as ",
    ];
    let Some((start, opener)) = openers.iter().find_map(|o| text.find(o).map(|i| (i, *o))) else {
        return Some((text.to_string(), None));
    };
    let list_start = start + opener.len();
    let list_end = text[list_start..].find(')')? + list_start;
    let mut ids = Vec::new();
    for name in text[list_start..list_end].split(", ").flat_map(|part| part.split(" and ")) {
        let id = name.trim().replace(' ', "_").replace("calendaring", "calendering");
        vocabulary::kind(&id)?;
        ids.push(id);
    }
    let rest = format!("{}{}{}", &text[..start], PRINTING_TOKEN, &text[list_end + 1..]);
    Some((rest, Some(ids)))
}

/// One alternative of a segment.
fn phrase(text: &str, finishing: &Option<Vec<String>>) -> Option<Rule> {
    let text = text.trim();
    let text = text.strip_prefix("by ").or_else(|| text.strip_prefix("with ")).unwrap_or(text);
    if text == PRINTING_TOKEN {
        let processes = finishing.clone()?;
        return Some(all_of(vec![process("printing"), Rule::AtLeast { count: 2, processes }]));
    }
    PHRASES.iter().find(|(p, _)| *p == text).map(|(_, id)| process(id))
}

/// Splits a segment into its alternatives ("dyeing or by coating", "blending, crushing or grinding").
fn alternatives(segment: &str) -> Vec<&str> {
    segment.split(" or ").flat_map(|part| part.split(", ")).map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// Splits a chain at its connectors, remembering whether any said "in each case" or had a comma.
fn segments(text: &str) -> (Vec<&str>, bool) {
    let mut out = Vec::new();
    let mut shared = false;
    let mut rest = text;
    loop {
        let next = CONNECTORS.iter().filter_map(|c| rest.find(c).map(|i| (i, *c))).min_by_key(|&(i, c)| (i, !c.len()));
        match next {
            Some((i, connector)) => {
                shared |= connector.starts_with(',') || connector.contains("in each case");
                out.push(&rest[..i]);
                rest = &rest[i + connector.len()..];
            }
            None => {
                out.push(rest);
                return (out, shared);
            }
        }
    }
}

/// Compiles a process sentence, or `None` when any part of it is not understood.
pub fn compile(text: &str) -> Option<Rule> {
    let text = text
        .replace("natural and/or man-made staple fibres", "natural+man-made staple fibres")
        .replace("natural and/or of man-made staple fibres", "natural+man-made staple fibres")
        .replace("natural or man-made staple fibres", "natural+man-made staple fibres")
        .replace(" (knitted to shape products)", "")
        .replace(", or ", " or ");
    let (text, provisos) = take_provisos(&text)?;
    let (text, finishing) = take_printing(&text)?;
    let (segments, shared) = segments(&text);
    // Alternatives that stand alone, before and after the chain, in the order of the text.
    let (mut before, mut after) = (Vec::new(), Vec::new());
    let mut chain = Vec::new();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let texts = alternatives(segment);
        let named = |t: &&str| t.contains(" of ");
        let mut rules = Vec::new();
        for (j, alt) in texts.iter().enumerate() {
            let rule = phrase(alt, &finishing)?;
            if i == 0 && last > 0 && !shared && texts.iter().any(named) && j + 1 < texts.len() {
                before.push(rule);
            } else if i > 0 && named(alt) {
                if i < last || texts.len() == 1 {
                    return None;
                }
                after.push(rule);
            } else {
                rules.push(rule);
            }
        }
        chain.push(any_of(rules));
    }
    chain.extend(provisos);
    before.push(all_of(chain));
    before.extend(after);
    Some(any_of(before))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str) -> String {
        compile(text).map(|r| r.to_string()).unwrap_or_else(|| "NONE".into())
    }

    #[test]
    fn chains_and_alternatives() {
        assert_eq!(c("weaving"), "P(weaving)");
        assert_eq!(c("weaving accompanied by dyeing or by coating"), "P(weaving) & (P(dyeing) | P(coating))");
        assert_eq!(
            c(
                "spinning of natural and/or man-made staple fibres or extrusion of man-made filament yarn, in each case accompanied by weaving"
            ),
            "(P(spinning) | P(extrusion)) & P(weaving)"
        );
        assert_eq!(
            c("spinning of natural fibres or extrusion of man-made fibres accompanied by spinning or twisting"),
            "P(spinning) | P(extrusion) & (P(spinning) | P(twisting))"
        );
        assert_eq!(
            c("extrusion of man-made fibres accompanied by spinning or spinning of natural fibres"),
            "P(extrusion) & P(spinning) | P(spinning)"
        );
        assert_eq!(
            c("weaving or knitting and making-up (including cutting)"),
            "(P(weaving) | P(knitting)) & P(making_up)"
        );
        assert_eq!(c("blending, crushing or grinding"), "P(blending) | P(crushing) | P(grinding)");
        assert_eq!(
            c("weaving accompanied by dyeing or by coating or dyeing of yarn of natural fibres accompanied by weaving"),
            "NONE"
        );
        assert_eq!(c("drying and milling of leguminous vegetables of heading 0708"), "NONE");
    }

    #[test]
    fn printing_with_finishing_and_provisos() {
        let text = "making-up preceded by printing accompanied by at least two preparatory or finishing operations \
                    (such as scouring, bleaching, calendaring, mending and burling), provided that the value of the \
                    unprinted fabric used does not exceed 47.5% of the ex-works price of the product";
        assert_eq!(
            c(text),
            "P(making_up) & P(printing) & ATLEAST 2 (scouring, bleaching, calendering, mending, burling) & MAXNOM 47.5%[@fabric]"
        );
        let text = "coating provided that the value of the uncoated fabric used does not exceed 40% of the ex-works \
                    price of the product accompanied by making-up (including cutting)";
        assert_eq!(c(text), "P(coating) & P(making_up) & MAXNOM 40%[@fabric]");
        assert_eq!(
            c(
                "weaving or printing accompanied by at least two preparatory or finishing operations (such as scouring, bleaching)"
            ),
            "P(weaving) | P(printing) & ATLEAST 2 (scouring, bleaching)"
        );
    }
}
