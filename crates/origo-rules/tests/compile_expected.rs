//! Hand-written rules for a sample of rule sets of both packs, each written by reading the legal text of the
//! list, against what the compiler produced. `{F}` stands for the twelve finishing operations of the printing
//! rule: "printing accompanied by at least two preparatory or finishing operations (such as scouring, ...)".

mod compile_common;

use compile_common::*;
use serde_json::Value;

const F: &str = "ATLEAST 2 (scouring, bleaching, mercerising, heat_setting, raising, calendering, \
                 shrink_resistance_processing, permanent_finishing, decatising, impregnating, mending, burling)";

/// (rule set id, branch, rule as read from the legal text)
const EU_GSP: &[(&str, &str, &str)] = &[
    ("ch01", "all", "WO"),
    ("ch02", "all", "WO[ch02]"),
    ("0304", "all", "WO[ch03]"),
    ("ch04", "all", "WO[ch04] & MAXWT 40%[@sugar]"),
    ("ch11-products_milling_industry", "all", "WO[ch10,ch11,0701,2303,071010]"),
    ("1106-leguminous_flour", "all", "P(drying) & P(milling) & FROM[0708]"),
    ("ch13", "all", "MAXWT 40%[@sugar]"),
    ("ch15-animal_vegetable_fats", "all", "CTSH"),
    ("1506_1520", "all", "ANY"),
    ("1509", "all", "WO[@vegetable_materials]"),
    ("1516", "all", "CTH & MAXWT 40%[ch04]"),
    ("ch16", "all", "ANY EXCEPT[ch02,1601-1603] & WO[ch03,1603-1605]"),
    ("1702-other_sugars", "all", "CTH & MAXWT 30%[1101-1108,1701,1703]"),
    ("1702-maltose_fructose", "all", "ANY"),
    ("1704", "all", "CTH & MAXWT 40%[@sugar] & MAXWT 40%[ch04] & MAXWT 60%[@sugar,ch04]"),
    (
        "ch19",
        "all",
        "CTH & MAXWT 20%[ch02,ch03,ch16] & MAXWT 20%[1006,1101-1108] & MAXWT 40%[@sugar] & MAXWT 40%[ch04] & MAXWT 60%[@sugar,ch04]",
    ),
    ("2103-sauces_condiments", "all", "CTH ALLOW[210330]"),
    (
        "ch22",
        "all",
        "CTH EXCEPT[2207,2208] & WO[080610,200961,200969] & MAXWT 40%[@sugar] & MAXWT 40%[ch04] & MAXWT 60%[@sugar,ch04]",
    ),
    ("ch24-tobacco_manufactured_tobacco", "all", "MAXWT 30%[ch24] OF[ch24]"),
    ("2402", "all", "CTH EXCEPT[2403] & MAXWT 50%[2401] OF[2401]"),
    ("2710", "all", "P(refining) | P(petroleum_specific_process) | CTH SAME<=50%"),
    ("ch28-inorganic_chemicals", "ldc", "CTH SAME<=20% | MAXNOM 70%"),
    ("ch28-inorganic_chemicals", "other", "CTH SAME<=20% | MAXNOM 50%"),
    ("2811-sulphur_trioxide", "ldc", "FROM[281129] | MAXNOM 70%"),
    ("290544", "other", "CTSH SAME<=20% | MAXNOM 50%"),
    ("2915", "other", "MAXNOM 20%[2915,2916] | MAXNOM 50%"),
    ("ch35", "ldc", "CTH & MAXNOM 70%"),
    ("382460", "other", "CTSH EXCEPT[290544] SAME<=20% | MAXNOM 50%"),
    ("ch39-plastics_articles", "other", "CTH | MAXNOM 50%"),
    ("3907-polyester", "other", "CTH | FROM[390740] | MAXNOM 50%"),
    ("4012-other", "all", "ANY EXCEPT[4011,4012] | MAXNOM 70%"),
    ("4107", "all", "CTH EXCEPT[410441,410449,410530,410622,410632,410692] | CTH & P(retanning)"),
    ("4418-builders_joinery", "all", "CTH ALLOW[441850,441892]"),
    ("5204-5207", "all", "P(spinning) | P(extrusion) & P(spinning)"),
    ("5208-5212", "ldc", "P(weaving) | P(printing) & {F} & MAXNOM 47.5%[@fabric]"),
    (
        "5208-5212",
        "other",
        "(P(spinning) | P(extrusion)) & P(weaving) | P(weaving) & (P(dyeing) | P(coating)) | P(yarn_dyeing) & P(weaving) | P(printing) & {F} & MAXNOM 47.5%[@fabric]",
    ),
    (
        "5602-needleloom_felt",
        "all",
        "P(extrusion) & P(fabric_formation) & MAXNOM 40%[@polypropylene_fibres] | P(fabric_formation) & ANY EXCEPT[5501-5507]",
    ),
    (
        "ch57",
        "all",
        "(P(spinning) | P(extrusion)) & P(weaving) | FROM[5307,530810,530890] | P(flocking) & (P(dyeing) | P(printing)) | P(tufting) & (P(dyeing) | P(printing)) | P(extrusion) & P(nonwoven) & MAXNOM 40%[@polypropylene_fibres]",
    ),
    ("ch61-assembled_from_pieces", "ldc", "FROM[@fabric]"),
    ("ch61-assembled_from_pieces", "other", "P(knitting) & P(making_up)"),
    ("ch61-knitted_to_shape", "all", "(P(spinning) | P(extrusion)) & P(knitting) | P(yarn_dyeing) & P(knitting)"),
    (
        "ch62-articles_apparel_clothing",
        "other",
        "P(weaving) & P(making_up) | P(making_up) & P(printing) & {F} & MAXNOM 47.5%[@fabric]",
    ),
    ("6202-embroidered", "ldc", "FROM[@fabric]"),
    (
        "6202-embroidered",
        "other",
        "P(weaving) & P(making_up) | FROM[@unembroidered_fabric] & MAXNOM 40%[@unembroidered_fabric]",
    ),
    ("6217-other", "ldc", "FROM[@fabric]"),
    ("6305", "other", "(P(extrusion) | P(spinning)) & (P(weaving) | P(knitting)) & P(making_up)"),
    ("6308", "ldc", "MAXNOM 25%"),
    ("6308", "other", "MAXNOM 15%"),
    ("7010", "all", "CTH | P(cutting_glassware) & MAXNOM 50%[7010,7013]"),
    (
        "7106-unwrought",
        "all",
        "ANY EXCEPT[7106,7108,7110] | P(electrolytic_separation) & FROM[7106,7108,7110] | P(fusion_or_alloying) & FROM[7106,7108,7110,ch72-ch81]",
    ),
    ("7223", "all", "FROM[721891,721899]"),
    ("7308", "all", "CTH EXCEPT[730120]"),
    ("8206", "all", "MAXNOM 15%[8202-8205]"),
    ("8302-mountings", "all", "CTH SAME<=20%"),
    ("8501", "other", "CTH EXCEPT[8503] | MAXNOM 50%"),
    ("854231-854233", "all", "MAXNOM 50% | P(diffusion)"),
    ("ch87-vehicles", "other", "MAXNOM 50%"),
    ("9606", "all", "CTH & MAXNOM 70%"),
    ("961320", "all", "MAXNOM 30%[9613]"),
];

const UK_DCTS: &[(&str, &str, &str)] = &[
    ("ch01", "ldc", "WO"),
    ("ch01", "other", "WO"),
    ("ch03", "ldc", "CC"),
    ("ch03", "other", "WO[ch03]"),
    ("0603", "ldc", "CTSH"),
    ("0603", "other", "WO[ch06]"),
    ("ch08", "other", "WO[ch08] & MAXWT 40%[@sugar]"),
    ("ch09", "ldc", "CTSH | P(blending) | P(crushing) | P(grinding)"),
    ("ch09", "other", "ANY"),
    ("1501-1510-animal_vegetable_fats", "ldc", "CTSH | P(refining)"),
    ("ch16", "ldc", "CC EXCEPT[ch02,ch03]"),
    ("1702", "other", "CTH & MAXWT 30%[1101-1108,1701,1703]"),
    ("ch25", "ldc", "CTH | MAXNOM 75%"),
    ("ch25", "other", "CTH | MAXNOM 70%"),
    (
        "ch28",
        "ldc",
        "CTSH | MAXNOM 75% | P(chemical_reaction) | P(purification) | P(mixing_and_blending) | P(standard_materials_production) | P(particle_size_change) | P(isomer_separation) | P(biotechnological_processing)",
    ),
    ("ch35", "other", "CTH & MAXNOM 50%"),
    ("ch50", "ldc", "CTH | MAXNOM 75% | P(spinning) | P(extrusion) & P(spinning) | P(twisting)"),
    ("ch52", "other", "CTH"),
    ("5309", "ldc", "CTH | P(weaving) | P(printing) & {F}"),
    (
        "5309",
        "other",
        "(P(spinning) | P(extrusion)) & P(weaving) | P(weaving) & (P(dyeing) | P(coating)) | P(yarn_dyeing) & P(weaving) | P(printing) & {F} & MAXNOM 47.5%[@fabric]",
    ),
    (
        "5407",
        "other",
        "(P(spinning) | P(extrusion)) & P(weaving) | P(weaving) & (P(dyeing) | P(coating)) | (P(twisting) | P(texturing)) & P(weaving) & MAXNOM 47.5%[@yarn] | P(printing) & {F} & MAXNOM 47.5%[@fabric]",
    ),
    ("5603", "other", "(P(extrusion) | ANY EXCEPT[5501-5507]) & P(nonwoven)"),
    ("590699", "other", "P(weaving) & (P(dyeing) | P(coating)) | P(yarn_dyeing) & P(weaving)"),
    ("6101-6117-assembled_from_pieces", "ldc", "FROM[@fabric]"),
    ("6101-6117-assembled_from_pieces", "other", "P(knitting) & P(making_up)"),
    (
        "6101-6117-knitted_to_shape",
        "ldc",
        "CC | MAXNOM 75% | (P(spinning) | P(extrusion)) & P(knitting) | P(yarn_dyeing) & P(knitting)",
    ),
    (
        "6201-6212-articles_apparel_clothing",
        "ldc",
        "FROM[@fabric] | P(weaving) & P(making_up) | FROM[@unembroidered_fabric] | P(making_up) & P(printing) & {F}",
    ),
    (
        "6213",
        "other",
        "P(weaving) & P(making_up) | FROM[@unembroidered_fabric] & MAXNOM 40%[@unembroidered_fabric] | P(making_up) & P(printing) & {F} & MAXNOM 47.5%[@fabric]",
    ),
    ("ch64", "other", "ANY EXCEPT[640610]"),
    ("7106", "ldc", "CTSH"),
    ("8302", "other", "CTH SAME<=20%"),
    ("ch87", "other", "MAXNOM 50%"),
    ("9305", "ldc", "CTH"),
    ("9305", "other", "MAXNOM 50%"),
];

fn check(pack: &str, expected: &[(&str, &str, &str)]) -> usize {
    let pack = json(pack);
    let sets: Vec<&Value> = pack["rule_sets"].as_array().unwrap().iter().collect();
    let mut ids = std::collections::BTreeSet::new();
    for (id, branch, rule) in expected {
        let set = sets.iter().find(|s| s["id"] == *id).unwrap_or_else(|| panic!("no rule set '{id}'"));
        let want = rule.replace("{F}", &F.split_whitespace().collect::<Vec<_>>().join(" "));
        assert_eq!(set["rules"][branch].as_str(), Some(want.as_str()), "{id} ({branch})");
        ids.insert(*id);
    }
    ids.len()
}

#[test]
fn hand_written_rules_match_the_compiled_packs() {
    let n = check(EU_PACK, EU_GSP) + check(UK_PACK, UK_DCTS);
    assert!(n >= 60, "{n} rule sets checked");
}
