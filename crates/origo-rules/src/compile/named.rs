//! Materials the lists name in words, with the HS 2022 codes they stand for (the fixed process sentences are in
//! `fixed`).
//!
//! "Manufacture from X, Y or Z" is `FROM[...]` over the named materials: every non-originating material must be
//! one of them (the lists' notes let materials at an earlier stage be used too, which the fibre groups include;
//! materials that by their nature cannot meet the rule, such as buttons, are not read into it: conservative).
//! Each reading is one line of the tables below, stated once for every agreement that uses the words; a name that
//! is not in the tables leaves the line unmatched. Where the EU GSP overrides already decided a reading
//! (rules/overrides/eu-gsp.json), the same codes are used here.

use super::codes::prose_selection;
use super::expr::{all_of, change, group, join, maxnom};
use super::phrase::Context;
use crate::rule::{Level, Rule};
use crate::selection::Selection;

/// Material names (canonical wording, after `general::prepare`) and their selections (`@group` for the pack
/// groups of `groups.rs`).
const MATERIALS: &[(&str, &str)] = &[
    // Textile stages (fibres, pulp and chemicals are earlier stages than yarn).
    ("yarn", "@yarn_or_fibres"),
    ("yarn or textile fibres", "@yarn_or_fibres"),
    ("textile fibres", "@fibres"),
    ("natural fibres", "@natural_fibres"),
    ("other natural fibres", "@natural_fibres"),
    ("natural fibres not carded or combed or otherwise prepared for spinning", "@natural_fibres_uncarded"),
    ("natural fibres not carded or combed or otherwise processed for spinning", "@natural_fibres_uncarded"),
    ("other natural fibres not carded or combed or otherwise prepared for spinning", "@natural_fibres_uncarded"),
    ("man-made staple fibres", "5501-5507"),
    ("man-made staple fibres not carded or combed or otherwise prepared for spinning", "5501-5505"),
    ("man-made staple fibres not carded or combed or otherwise processed for spinning", "5501-5505"),
    (
        "natural fibres, man-made staple fibres not carded or combed or otherwise prepared for spinning",
        "@natural_fibres_uncarded,5501-5505",
    ),
    (
        "natural fibres, man-made staple fibres not carded or combed or otherwise processed for spinning",
        "@natural_fibres_uncarded,5501-5505",
    ),
    (
        "natural fibres man-made staple fibres not carded or combed or otherwise processed for spinning",
        "@natural_fibres_uncarded,5501-5505",
    ),
    ("raw silk or silk waste carded or combed or otherwise prepared for spinning", "5002,5003"),
    ("casein fibres", "5504"),
    ("single yarn", "@single_yarn_or_fibres"),
    ("chemical materials or textile pulp", "@chemical_materials,4701-4706"),
    ("chemical materials", "@chemical_materials"),
    ("textile pulp", "4701-4706"),
    ("paper-making materials", "ch47"),
    ("paper-making materials of chapter 47", "ch47"),
    ("paper", "ch47,ch48"),
    ("coir yarn", "530810"),
    ("jute yarn", "5307"),
    ("sisal yarn", "530890"),
    ("coir yarn or jute yarn", "530810,5307"),
    ("coir yarn or sisal yarn or jute yarn", "5307,530810,530890"),
    ("synthetic or artificial filament yarn", "5401-5406"),
    ("nylon yarn or elastomeric yarns from heading 5402 and heading 5404", "5402,5404"),
    ("fabric", "@fabric"),
    ("uncoloured slivers, rovings, yarn or chopped strands, or glass wool", "701911,701912,701913,701980"),
    ("tubular knitted gas-mantle fabric", "590800"),
    ("rubber thread or cord, not textile covered", "400700"),
    ("yarn or waste fabrics or rags of heading 6310", "@yarn_or_fibres,6310"),
    // Metals and stones.
    ("unwrought precious metals", "710691,710812,711011,711021,711031,711041"),
    ("non-originating unwrought precious metals", "710691,710812,711011,711021,711031,711041"),
    ("metals clad with precious metals, unwrought", "7107,7109,7111"),
    ("unworked precious or semi-precious stones", "710210,710221,710231,710310"),
    ("refined copper, unwrought, or waste and scrap of copper", "740311-740319,7404"),
    ("'bullion' or 'work' lead", "7801"),
    ("ingots or other primary forms of heading 7206", "7206"),
    ("ingots or other primary forms of heading 7218", "721810"),
    ("ingots or other primary forms of heading 7224", "722410"),
    ("ingots or other primary forms of heading 7206, heading 7218 or heading 7224", "7206,721810,722410"),
    ("semi-finished materials of heading 7207", "7207"),
    ("semi-finished materials of heading 7218", "721891,721899"),
    ("semi-finished materials of heading 7224", "722490"),
    ("ingots or other primary forms or semi-finished materials of heading 7218", "7218"),
    ("ingots or other primary forms or semi-finished materials of heading 7206 or heading 7207", "7206,7207"),
    (
        "ingots or other primary forms or semi-finished materials of heading 7206, heading 7207, heading 7218 or heading 7224",
        "7206,7207,7218,7224",
    ),
    // Wood, cork, plants, animals.
    ("boards not cut to size", "4407"),
    ("wood in the rough, whether or not stripped of its bark or merely roughed down", "4403"),
    ("wood of any heading, except drawn wood of heading 4409", "4401-4408,4410-4421"),
    ("wood of any heading except drawn wood of heading 4409", "4401-4408,4410-4421"),
    ("cork of heading 4501", "4501"),
    ("cereals of chapter 10", "ch10"),
    ("animals of chapter 1", "ch01"),
    ("non-modified mucilages and thickeners", "130231-130239"),
    ("crude wool grease of heading 1505", "1505"),
    ("other materials of heading 1507 to heading 1515", "1507-1515"),
    (
        "meat or edible offal of swine of heading 0203 or heading 0206 or of meat and edible offal of poultry of heading 0207",
        "0203,020630-020649,0207",
    ),
    ("roughly-shaped blocks", "9614"),
    ("roughly shaped blocks", "9614"),
    // Minerals, chemicals, plastics, rubber, glass.
    ("worked slate", "6803"),
    ("worked mica (including agglomerated or reconstituted mica)", "6814"),
    ("asbestos concentrate", "2524"),
    ("sulphur dioxide", "281129"),
    ("disodium tetraborate pentahydrate", "284019"),
    ("resin acids", "380610"),
    ("tanning extracts of vegetable origin", "3201"),
    ("hard rubber", "401700"),
    ("fibres", "@fibres"),
    ("elastomeric yarns from heading 5402 and 5404", "5402,5404"),
    ("elastomeric yarns from heading 5402 and heading 5404", "5402,5404"),
    (
        "high tenacity filament yarn classified in subheading 540211, subheading 540219 or subheading 540220",
        "540211,540219,540220",
    ),
    (
        "high tenacity filament yarn classified in sub-heading 540211, sub-heading 540219 or sub-heading 540220",
        "540211,540219,540220",
    ),
    ("cereals of chapter 10, other than rice of heading 1006", "1001-1005,1007,1008"),
    ("polycarbonate of tetrabromo-(bisphenol a)", "390740"),
    (
        "a thermoplastic partial salt which is a copolymer of ethylene and metacrylic acid partly neutralised with metal ions, mainly zinc and sodium",
        "390190",
    ),
    ("highly-transparent polyester-foils with a thickness of less than 23 micron", "392062,392069"),
    ("highly transparent polyester foils with a thickness of less than 23 micron", "392062,392069"),
    ("non-coated glass-plate substrate of heading 7006", "700600"),
    ("non-assembled, tanned or dressed furskins", "430211,430219,430220"),
    ("non-assembled tanned or dressed furskins of heading 4302", "430211,430219,430220"),
];

fn selection_of(name: &str) -> Option<Selection> {
    let (_, codes) = MATERIALS.iter().find(|(n, _)| *n == name)?;
    Some(Selection::parse(codes).expect("the material table parses"))
}

/// The materials of a "manufacture from" list: one named material, or several separated by ", " and "or".
fn materials(list: &str) -> Option<Selection> {
    if let Some(sel) = selection_of(list) {
        return Some(sel);
    }
    // Items are separated by ", " or ", or " / " or "; a name may itself hold commas, so the longest names win.
    let mut rest = list.trim();
    let mut out = Selection(Vec::new());
    while !rest.is_empty() {
        let rest_trimmed = rest.trim_start_matches(", ").trim_start_matches("or ").trim_start();
        rest = rest_trimmed;
        let (name, len) = MATERIALS
            .iter()
            .filter(|(n, _)| rest.starts_with(n) && boundary(&rest[n.len()..]))
            .map(|(n, _)| (*n, n.len()))
            .max_by_key(|&(_, len)| len)?;
        out = join(&out, &selection_of(name)?);
        rest = rest[len..].trim_start_matches(',').trim_start();
    }
    (!out.0.is_empty()).then_some(out)
}

fn boundary(after: &str) -> bool {
    // A space alone separates items in lists scraped without their commas ("coir yarn natural fibres ...").
    after.is_empty() || after.starts_with(' ') || after.starts_with(',')
}

/// "manufacture from <materials>[, provided that ...]", "manufacture from materials not classified within
/// <codes>", and the fixed process sentences.
pub fn compile(canon: &str, cx: &Context) -> Option<Rule> {
    if let Some(rule) = super::fixed::rule(canon) {
        return Some(rule);
    }
    let rest = canon.strip_prefix("manufacture from")?;
    let rest = rest.trim_start_matches([':', ' ']);
    for opener in ["materials not classified within ", "materials not classified in "] {
        if let Some(codes) = rest.strip_prefix(opener) {
            return Some(change(Level::None, Some(prose_selection(codes)?), None, None));
        }
    }
    if rest == "materials from any heading" {
        return Some(change(Level::None, None, None, None));
    }
    if let Some(own) = rest
        .strip_prefix("'worked' carving materials of the same heading")
        .or_else(|| rest.strip_prefix("\"worked\" carving materials of the same heading"))
    {
        (own.is_empty() || own == " as the product").then_some(())?;
        let [heading] = cx.headings[..] else { return None };
        return Some(Rule::From(Selection(vec![crate::selection::SelItem::Headings(heading, heading)])));
    }
    // "materials of heading 4104 to heading 4106 ..., provided that their total value does not exceed 50% ..."
    if let Some((codes, limit)) = rest
        .strip_prefix("materials of ")
        .and_then(|r| r.split_once(", provided that their total value does not exceed "))
    {
        let sel = prose_selection(codes)?;
        let max = super::fta::value_limit(limit)?;
        return Some(all_of(vec![Rule::From(sel.clone()), maxnom(max, Some(sel))]));
    }
    if let Some((names, limit)) =
        rest.split_once(", provided that the value of all the materials used does not exceed ")
    {
        let from = base_metal_parts(names)?;
        return Some(all_of(vec![from, maxnom(super::fta::value_limit(limit)?, None)]));
    }
    Some(Rule::From(materials(rest)?))
}

fn base_metal_parts(names: &str) -> Option<Rule> {
    (names == "base metal parts, not plated or covered with precious metals").then_some(())?;
    Some(Rule::From(Selection::parse("ch72-ch83,711711,711719").expect("codes parse")))
}

/// The group a fabric proviso names ("the value of the uncoated fabric used"), for `general`.
pub fn fabric_group(name: &str) -> Option<Selection> {
    match name {
        "unembroidered fabric" | "non-originating unembroidered fabric" | "embroidered fabric" => {
            Some(group("unembroidered_fabric"))
        }
        "unembroidered fabric (other than knitted or crocheted)" => Some(group("unembroidered_woven_fabric")),
        "uncoated fabric"
        | "unprinted fabric"
        | "uncoated or unlaminated fabric"
        | "non-originating uncoated or unlaminated fabric"
        | "non-originating fabric" => Some(group("fabric")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str) -> String {
        compile(text, &Context { headings: vec![9602], ..Context::default() })
            .map(|r| r.to_string())
            .unwrap_or("NONE".into())
    }

    #[test]
    fn tables_parse() {
        for (name, codes) in MATERIALS {
            Selection::parse(codes).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn named_materials() {
        assert_eq!(c("manufacture from yarn"), "FROM[@yarn_or_fibres]");
        assert_eq!(
            c(
                "manufacture from: natural fibres, man-made staple fibres not carded or combed or otherwise processed for spinning, or chemical materials or textile pulp"
            ),
            "FROM[@natural_fibres_uncarded,5501-5505,@chemical_materials,4701-4706]"
        );
        assert_eq!(
            c("manufacture from materials not classified within heading 7106, heading 7108 or heading 7110"),
            "ANY EXCEPT[7106,7108,7110]"
        );
        assert_eq!(c("manufacture from 'worked' carving materials of the same heading as the product"), "FROM[9602]");
        assert_eq!(c("manufacture from moon dust"), "NONE");
        assert_eq!(c("retreading of used tyres"), "P(retreading)");
    }
}
