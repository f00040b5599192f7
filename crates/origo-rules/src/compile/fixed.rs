//! Fixed sentences of the lists, mostly processes on named materials ("Retreading of used tyres", "Refining of crude
//! tall oil", "Calcination of dolomite not calcined"), each with its rule in the vocabulary of `process.rs`. A
//! sentence is read whole (canonical wording after `fold::prepare`); where the EU GSP overrides already decided the
//! same sentence (rules/overrides/eu-gsp.json), the same rule is used here.

use crate::rule::Rule;

/// Fixed process sentences (canonical wording) and their rules, in the vocabulary of `process.rs`.
const SENTENCES: &[(&str, &str)] = &[
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

/// The rule of a fixed sentence.
pub fn rule(canon: &str) -> Option<Rule> {
    let (_, rule) = SENTENCES.iter().find(|(s, _)| *s == canon)?;
    Some(Rule::parse(rule).expect("the sentence table parses"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sentence_parses_and_names_known_processes() {
        for (sentence, rule) in SENTENCES {
            let rule = Rule::parse(rule).unwrap_or_else(|e| panic!("{sentence}: {e}"));
            for id in rule.processes() {
                assert!(crate::process::kind(id).is_some(), "{sentence}: {id}");
            }
        }
    }
}
