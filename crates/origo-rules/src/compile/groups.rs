//! Named material groups of the packs (`@sugar`, `@fabric`, ...): materials the lists name in words, with the HS
//! 2022 selection that classifies them and the basis of that reading. A pack carries the groups its rules use,
//! each with its note in `groups_notes`.

use std::collections::{BTreeMap, BTreeSet};

use crate::rule::Rule;
use crate::selection::SelItem;

/// Name, selection, basis.
const GROUPS: &[(&str, &str, &str)] = &[
    (
        "sugar",
        "1701,1702",
        "Sugar in the weight limits: sugars of headings 1701 and 1702 (UK DCTS Schedule 1 Part 1 Note 2.2; the \
         EU list uses the word in the same sense). The Note also counts sugar used to make the non-originating \
         materials, which a bill of materials must declare as sugar to be counted.",
    ),
    (
        "fabric",
        "5007,5111-5113,5208-5212,5309-5311,5407,5408,5512-5516,5602,5603,5801-5804,5806,5809-5811,5901,5903,5906,\
         5907,ch60",
        "Fabric in \"manufacture from fabric\", \"unprinted fabric\", \"uncoated fabric\": woven fabrics of chapters \
         50-55, felt and nonwovens (5602, 5603), the fabrics of chapter 58 (pile, terry, gauze, lace, narrow woven, \
         metal-thread, embroidery and quilted fabrics in the piece; not tapestries 5805, labels 5807 or braids \
         5808), the coated, impregnated or rubberised fabrics of 5901, 5903, 5906 and 5907 and the knitted fabrics \
         of chapter 60. Yarn and fibres (an earlier stage) are not in the group, so a rule FROM[@fabric] reads \
         \"from fabric\" strictly; materials outside chapters 50-63 (buttons, zips) are free under the textile \
         note (UK DCTS Note 5.2; the introductory notes of the EU annex say the same), which the engine applies.",
    ),
    (
        "unembroidered_fabric",
        "5007,5111-5113,5208-5212,5309-5311,5407,5408,5512-5516,5602,5603,5801-5804,5806,5809,5811,5901,5903,5906,\
         5907,ch60",
        "Unembroidered fabric: the group fabric without embroidery in the piece, in strips or in motifs (5810), \
         where HS 2022 classifies embroidered fabric.",
    ),
    (
        "yarn",
        "5004-5006,5106-5110,5204-5207,5306-5308,5401-5406,5508-5511",
        "Yarn, for \"the value of the non-twisted/non-textured yarns used\": the yarn headings of chapters 50-55. \
         Whether a yarn was twisted or textured is not in its HS code, so every non-originating yarn counts \
         (conservative).",
    ),
    (
        "natural_fibres",
        "5002,5003,5101-5105,5201-5203,5301-5305",
        "Natural fibres (UK DCTS Note 3.1; the EU annex's notes define the term alike): silk of 5002-5003, wool and animal hair of \
         5101-5105, cotton of 5201-5203, other vegetable fibres of 5301-5305. Horsehair of 0511 is left out: \
         subheading 051199 holds many other animal products, so it cannot stand for horsehair (conservative).",
    ),
    (
        "vegetable_materials",
        "ch06-ch14",
        "Vegetable materials (\"all the vegetable materials used are wholly obtained\", olive oil): the vegetable \
         products of HS Section II, chapters 6 to 14.",
    ),
    (
        "polypropylene_fibres",
        "540234,540248,540253,540263,550140,550340,550640",
        "\"Polypropylene filament of heading 5402, polypropylene fibres of heading 5503 or 5506, or polypropylene \
         filament tow of heading 5501\": the polypropylene subheadings of those headings in HS 2022. The further \
         condition \"of which the denomination of a single filament or fibre is less than 9 decitex\" is not in \
         the HS code and is not checked.",
    ),
    (
        "yarn_or_fibres",
        "5001-5006,5101-5110,5201-5207,5301-5308,5401-5406,5501-5511",
        "\"Manufacture from yarn\" (uk-roo lists): non-originating yarn, or fibres at an earlier stage (the lists' \
         notes allow materials at an earlier stage of manufacture): the fibre and yarn headings of chapters 50-55. \
         Chemical materials and textile pulp, also earlier stages, are not in the group (conservative).",
    ),
    (
        "single_yarn_or_fibres",
        "5001-5003,5101-5105,5201-5203,5301-5305,5501-5507,520511-520528,520611-520628,530610,530710,540244-540259,\
         540331-540339,550911,550921,550931,550941,551011",
        "\"Manufacture from single yarn\": fibres (an earlier stage) and the yarns HS 2022 classifies as single: cotton \
         (5205 and 5206, single), flax and jute (530610, 530710), synthetic and artificial filament yarn, single \
         (540244-540259, 540331-540339), staple fibre yarn, single (550911, 550921, 550931, 550941, 551011). Yarns \
         whose code does not say single or multiple (silk, wool, animal hair, mixed staple yarn) are left out \
         (conservative).",
    ),
    (
        "unembroidered_woven_fabric",
        "5007,5111-5113,5208-5212,5309-5311,5407,5408,5512-5516,5602,5603,5801-5804,5806,5809,5811,5901,5903,5906,\
         5907",
        "Unembroidered fabric \"other than knitted or crocheted\": the group unembroidered_fabric without the knitted \
         and crocheted fabrics of chapter 60.",
    ),
    (
        "fibres",
        "5001-5003,5101-5105,5201-5203,5301-5305,5501-5507",
        "Textile fibres: the natural fibres (silk, wool and animal hair, cotton, vegetable fibres) and the man-made \
         filament tow and staple fibres of 5501-5507, before spinning.",
    ),
    (
        "natural_fibres_uncarded",
        "5001-5003,5101-5104,5201,5202,5301-5305",
        "Natural fibres \"not carded or combed or otherwise prepared for spinning\": the natural fibre headings \
         without carded or combed wool and hair (5105) and cotton (5203). The vegetable fibres of 5301-5305 may be \
         hackled or otherwise processed within their heading, which the HS code does not show (loose for them).",
    ),
    (
        "chemical_materials",
        "ch28-ch40",
        "\"Chemical materials\" in the textile rules (the starting materials of extrusion): the products of the \
         chemical and allied industries, plastics and rubber, HS Sections VI and VII (chapters 28-40).",
    ),
];

/// A selection's code ranges with the groups of this table resolved; `None` for an unknown group.
pub fn resolve(selection: &crate::selection::Selection) -> Option<crate::selection::Ranges> {
    let groups: BTreeMap<String, crate::selection::Selection> = GROUPS
        .iter()
        .map(|(name, codes, _)| {
            let text: String = codes.split_whitespace().collect();
            (name.to_string(), crate::selection::Selection::parse(&text).expect("groups parse"))
        })
        .collect();
    selection.resolve(&groups).ok()
}

/// Collects the group names a rule mentions.
pub fn used_by(rule: &Rule, out: &mut BTreeSet<String>) {
    for selection in rule.selections() {
        for item in &selection.0 {
            if let SelItem::Group(name) = item {
                out.insert(name.clone());
            }
        }
    }
}

/// The groups and notes for the given names; `Err(name)` for a name no group defines.
#[allow(clippy::type_complexity)]
pub fn select(names: &BTreeSet<String>) -> Result<(BTreeMap<String, String>, BTreeMap<String, String>), String> {
    let mut groups = BTreeMap::new();
    let mut notes = BTreeMap::new();
    for name in names {
        let (_, selection, note) = GROUPS.iter().find(|(n, _, _)| n == name).ok_or_else(|| name.clone())?;
        groups.insert(name.clone(), selection.split_whitespace().collect::<String>());
        notes.insert(name.clone(), note.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    Ok((groups, notes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::selection::Selection;

    #[test]
    fn every_group_parses_and_names_existing_codes() {
        for (name, selection, _) in GROUPS {
            let text: String = selection.split_whitespace().collect();
            let parsed = Selection::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            for item in &parsed.0 {
                let code = match item {
                    SelItem::Chapters(a, _) => format!("{a:02}"),
                    SelItem::Headings(a, _) => format!("{a:04}"),
                    SelItem::Subheadings(a, _) => format!("{a:06}"),
                    SelItem::Group(_) => continue,
                };
                let known = crate::hs::Nomenclature::hs2022().parse_existing(&code).is_ok();
                assert!(known, "{name}: {code}");
            }
        }
    }
}
