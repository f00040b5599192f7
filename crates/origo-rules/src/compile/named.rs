//! Materials and processes the lists name in words, with the HS 2022 codes or vocabulary ids they stand for, and
//! the fixed process sentences of the pan-Euro-Mediterranean style lists ("Retreading of used tyres").
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

/// Fixed process sentences (canonical wording) and their rules, in the vocabulary of `process.rs`.
const PROCESSES: &[(&str, &str)] = &[
    ("beading or moulding", "P(beading_or_moulding)"),
    ("operations of refining and/or one or more specific process(es)", "P(refining) | P(petroleum_specific_process)"),
    ("operations of refining or one or more specific process(es)", "P(refining) | P(petroleum_specific_process)"),
    ("specific process(es)", "P(petroleum_specific_process)"),
    ("retreading of used tyres", "P(retreading)"),
    ("carding or combing of silk waste", "(P(carding) | P(combing)) & FROM[5003]"),
    ("refining of crude tall oil", "P(refining) & FROM[3803]"),
    ("distillation of wood tar", "P(distillation) & FROM[3807]"),
    (
        "purification by distillation or refining of raw spirits of sulphate turpentine",
        "P(purification) & (P(distillation) | P(refining)) & FROM[380510]",
    ),
    ("drying and milling of leguminous vegetables of heading 0708", "P(drying) & P(milling) & FROM[0708]"),
    (
        "electrolytic, thermal or chemical separation of precious metals of heading 7106, heading 7108 or heading 7110",
        "P(electrolytic_separation) & FROM[7106,7108,7110]",
    ),
    (
        "electrolytic, thermal or chemical separation of non-originating precious metals of heading 7106, heading 7108 and heading 7110",
        "P(electrolytic_separation) & FROM[7106,7108,7110]",
    ),
    (
        "electrolytic, thermal or chemical separation of precious metals of heading 7106, heading 7108 and heading 7110",
        "P(electrolytic_separation) & FROM[7106,7108,7110]",
    ),
    (
        "alloying of precious metals of heading 7106, heading 7108 or heading 7110 with each other or with base metals",
        "P(fusion_or_alloying) & FROM[7106,7108,7110,ch72-ch81]",
    ),
    (
        "fusion or alloying of precious metals of heading 7106, heading 7108 or heading 7110 with each other or with base metals",
        "P(fusion_or_alloying) & FROM[7106,7108,7110,ch72-ch81]",
    ),
    (
        "a chemical reaction, purification, mixing and blending, production of standard materials, a change in particle size, isomer separation, or biotechnological processing is undergone",
        "P(chemical_reaction) | P(purification) | P(mixing_and_blending) | P(standard_materials_production) | P(particle_size_change) | P(isomer_separation) | P(biotechnological_processing)",
    ),
    (
        "a chemical reaction, purification, a change in particle size, production of standard materials, isomer separation or biotechnological processing is undergone",
        "P(chemical_reaction) | P(purification) | P(particle_size_change) | P(standard_materials_production) | P(isomer_separation) | P(biotechnological_processing)",
    ),
    (
        "a chemical reaction, purification, production of standard materials, isomer separation or biotechnological processing is undergone",
        "P(chemical_reaction) | P(purification) | P(standard_materials_production) | P(isomer_separation) | P(biotechnological_processing)",
    ),
    (
        "a chemical reaction, purification, mixing and blending, a change in particle size, production of standard materials, isomer separation or biotechnological processing is undergone",
        "P(chemical_reaction) | P(purification) | P(mixing_and_blending) | P(particle_size_change) | P(standard_materials_production) | P(isomer_separation) | P(biotechnological_processing)",
    ),
    (
        "a chemical reaction, purification, production of standard materials or isomer separation is undergone",
        "P(chemical_reaction) | P(purification) | P(standard_materials_production) | P(isomer_separation)",
    ),
    (
        "a chemical reaction, production of standard materials or isomer separation is undergone",
        "P(chemical_reaction) | P(standard_materials_production) | P(isomer_separation)",
    ),
    (
        "a chemical reaction or biotechnological processing is undergone",
        "P(chemical_reaction) | P(biotechnological_processing)",
    ),
    ("a chemical reaction or mixing and blending is undergone", "P(chemical_reaction) | P(mixing_and_blending)"),
    ("a chemical reaction is undergone", "P(chemical_reaction)"),
    ("chemical reaction", "P(chemical_reaction)"),
    ("mixing and blending", "P(mixing_and_blending)"),
    ("blending", "P(blending)"),
    ("refining", "P(refining)"),
    ("crushing / grinding", "P(crushing) | P(grinding)"),
    ("retanning of tanned leather", "P(retanning) & FROM[4104-4106]"),
    // "... with each other or with base metals or purification": purification of the same precious metals is a
    // third process.
    (
        "fusion or alloying of non-originating precious metals of heading 7106, heading 7108 and heading 7110 with each other or with base metals or purification",
        "(P(fusion_or_alloying) | P(purification)) & FROM[7106,7108,7110,ch72-ch81]",
    ),
    (
        "fusion or alloying of precious metals of heading 7106, heading 7108 and heading 7110 with each other or with base metals or purification",
        "(P(fusion_or_alloying) | P(purification)) & FROM[7106,7108,7110,ch72-ch81]",
    ),
    (
        "fusion and/or alloying of precious metals of heading 7106, heading 7108 or heading 7110 with each other or with base metals or purification",
        "(P(fusion_or_alloying) | P(purification)) & FROM[7106,7108,7110,ch72-ch81]",
    ),
    ("retanning of pre-tanned leather", "P(retanning) & FROM[4104-4106]"),
    (
        "manufacture from materials of any heading, except meat and edible meat offal of chapter 2 and materials of chapter 16 obtained from meat and edible meat offal of chapter 2, and in which all the materials of chapter 3 and materials of chapter 16 obtained from fish and crustaceans, molluscs and other aquatic invertebrates of chapter 3 used are wholly obtained",
        "ANY EXCEPT[ch02,1601-1603] & WO[ch03,1603-1605]",
    ),
    (
        "bleaching or dyeing, in addition to cutting and assembly of non-assembled tanned or dressed furskins",
        "(P(bleaching) | P(dyeing)) & P(cutting) & P(assembly) & ANY EXCEPT[430230]",
    ),
    (
        "the operation of diffusion, in which integrated circuits are formed on a semi-conductor substrate by the selective introduction of an appropriate dopant, whether or not assembled and/or tested in a non-party",
        "P(diffusion)",
    ),
    (
        "the operation of diffusion, in which integrated circuits are formed on a semi-conductor substrate by the selective introduction of an appropriate dopant, whether or not assembled and/or tested in a country other than those specified in articles 3 and 4",
        "P(diffusion)",
    ),
    (
        "cutting of glassware, provided that the total value of the uncut glassware used does not exceed 50% of the ex-works price of the product",
        "P(cutting_glassware) & MAXNOM 50%[7010,7013]",
    ),
    (
        "cutting of glassware, provided the value of the uncut glassware does not exceed 50% of the ex-works price of the product",
        "P(cutting_glassware) & MAXNOM 50%[7010,7013]",
    ),
    (
        "cutting of glassware, provided the value of the uncut glassware does not exceed 40% of the ex-works price of the product",
        "P(cutting_glassware) & MAXNOM 40%[7010,7013]",
    ),
    (
        "hand-decoration (except silk-screen printing) of hand-blown glassware, provided that the total value of the hand-blown glassware used does not exceed 50% of the ex-works price of the product",
        "P(hand_decoration) & MAXNOM 50%[7013]",
    ),
    (
        "hand-decoration (except silk-screen printing) of hand-blown glassware, provided that the total value of the hand-blown glassware used does not exceed 40% of the ex-works price of the product",
        "P(hand_decoration) & MAXNOM 40%[7013]",
    ),
    (
        "turning, drilling, reaming, threading, deburring and sandblasting of forged blanks, provided that the total value of the forged blanks used does not exceed 35% of the ex-works price of the product",
        "P(machining) & MAXNOM 35%[7307,732619]",
    ),
    (
        "turning, drilling, reaming, threading, deburring and sandblasting of forged blanks the value of which does not exceed 35% of the ex-works price of the product",
        "P(machining) & MAXNOM 35%[7307,732619]",
    ),
    ("planing, sanding or end-jointing", "P(planing) | P(sanding) | P(end_jointing)"),
    (
        "fusion and/or alloying of precious metals of heading 7106, heading 7108 or heading 7110 with each other or with base metals",
        "P(fusion_or_alloying) & FROM[7106,7108,7110,ch72-ch81]",
    ),
    (
        "electrolytic, thermal or chemical separation of precious metals of heading 7106, 7108 or 7110",
        "P(electrolytic_separation) & FROM[7106,7108,7110]",
    ),
    (
        "cutting of glassware or hand decoration (except silk-screen printing)",
        "P(cutting_glassware) | P(hand_decoration)",
    ),
    ("knitting and making-up in one operation", "P(knitting) & P(making_up)"),
    (
        "fabric formation alone in the case of felt made from natural fibres",
        "P(fabric_formation) & ANY EXCEPT[5501-5507]",
    ),
    (
        "fabric formation alone in the case of other felt made from natural fibres",
        "P(fabric_formation) & ANY EXCEPT[5501-5507]",
    ),
    (
        "non-woven techniques including needle punching alone in the case of felt made from natural fibres",
        "P(nonwoven) & ANY EXCEPT[5501-5507]",
    ),
    (
        "non-woven techniques including needle punching alone in the case of other felt made from natural fibres",
        "P(nonwoven) & ANY EXCEPT[5501-5507]",
    ),
    ("manufacture from materials of any other chapter, except that of the product", "CC"),
    (
        "extrusion of man-made fibres, or use of natural fibres, accompanied by nonwoven techniques including needle punching",
        "(P(extrusion) | ANY EXCEPT[5501-5507]) & P(nonwoven)",
    ),
    (
        "extrusion of man-made fibres or natural fibres in each case accompanied by any non-woven techniques including needle punching",
        "(P(extrusion) | ANY EXCEPT[5501-5507]) & P(nonwoven)",
    ),
    (
        "extrusion of man-made fibres or use of natural fibres, accompanied by nonwoven techniques including needle punching",
        "(P(extrusion) | ANY EXCEPT[5501-5507]) & P(nonwoven)",
    ),
    (
        "extrusion of man-made fibres or use of natural fibres, in each case accompanied by any non-woven techniques including needle punching",
        "(P(extrusion) | ANY EXCEPT[5501-5507]) & P(nonwoven)",
    ),
    (
        "extrusion of man-made fibres or use of natural fibres in each case accompanied by non-woven process including needle punching and making-up (including cutting)",
        "(P(extrusion) | ANY EXCEPT[5501-5507]) & P(nonwoven) & P(making_up)",
    ),
    ("none if all the animals of chapter 1 are wholly obtained", "WO"),
    (
        "manufacture in which all the meat and edible meat offal in the products of this chapter is wholly obtained",
        "WO[ch02]",
    ),
    (
        "manufacture from leather of heading 4104 to heading 4107 provided its value does not exceed 50% of the ex-works price of the product",
        "FROM[4104-4107] & MAXNOM 50%[4104-4107]",
    ),
    (
        "manufacture from leather of heading 4104 to heading 4107 provided its value does not exceed 40% of the ex-works price of the product",
        "FROM[4104-4107] & MAXNOM 40%[4104-4107]",
    ),
    ("grinding of mica or mica waste", "P(grinding) & FROM[2525]"),
    (
        "manufacture by thermal or electrolytic treatment from unalloyed aluminium or waste and scrap of aluminium",
        "P(thermal_or_electrolytic_treatment) & FROM[760110,7602]",
    ),
    (
        "manufacture by electrolytic or thermal treatment in which the value of all the materials used does not exceed 50% of the ex-works price of the product",
        "P(thermal_or_electrolytic_treatment) & MAXNOM 50%",
    ),
    ("removal of wool from sheep or lamb skins, with wool on", "P(wool_removal) & FROM[410210]"),
    ("calcination or grinding of earth colours", "(P(calcination) | P(grinding)) & FROM[253090]"),
    ("calcination of dolomite not calcined", "P(calcination) & FROM[251810]"),
    ("lamination of sheets of natural rubber", "P(laminating) & FROM[4001]"),
    (
        "manufacture from materials of any heading, except from assemblies of uppers affixed to inner soles or to other sole components of heading 6406",
        "ANY EXCEPT[640610]",
    ),
    (
        "manufacture from materials of any heading, except assemblies of uppers affixed to inner soles or to other sole components of heading 6406",
        "ANY EXCEPT[640610]",
    ),
    (
        "a change from any other heading, except from assemblies of uppers affixed to inner soles or to other sole components of heading 6406",
        "CTH EXCEPT[640610]",
    ),
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
    if let Some((_, rule)) = PROCESSES.iter().find(|(p, _)| *p == canon) {
        return Some(Rule::parse(rule).expect("the process table parses"));
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
        for (sentence, rule) in PROCESSES {
            let rule = Rule::parse(rule).unwrap_or_else(|e| panic!("{sentence}: {e}"));
            for id in rule.processes() {
                assert!(crate::process::kind(id).is_some(), "{sentence}: {id}");
            }
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
