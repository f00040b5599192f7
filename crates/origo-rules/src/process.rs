//! The process vocabulary: the ids a case lists in `processes` and rules name in `P(...)`.
//!
//! Each id is either a working or processing operation (it can satisfy a rule and is ordinary manufacturing
//! otherwise) or an insufficient operation (GSP Art. 47 / DCTS reg. 6(2)): those never confer origin, and a
//! product on which only such operations were carried out is not originating whatever its rule says.
//! An id outside the vocabulary counts as ordinary manufacturing and is reported as a warning.

use std::collections::HashMap;
use std::sync::OnceLock;

/// What kind of operation an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcessKind {
    /// Working or processing that can confer origin.
    Working,
    /// An insufficient operation (never confers origin).
    Insufficient,
}

/// Working and processing operations: the specific processes of the lists and ordinary manufacturing.
pub const WORKING: &[&str] = &[
    // Textiles: fibres, yarn, fabric, finishing, making-up.
    "spinning",
    "extrusion",
    "twisting",
    "texturing",
    "weaving",
    "knitting",
    "crocheting",
    "tufting",
    "flocking",
    "nonwoven",
    "fabric_formation",
    "dyeing",
    "yarn_dyeing",
    "printing",
    "coating",
    "laminating",
    "embroidering",
    "making_up",
    "carding",
    "combing",
    "scouring",
    "bleaching",
    "mercerising",
    "heat_setting",
    "raising",
    "calendering",
    "shrink_resistance_processing",
    "permanent_finishing",
    "decatising",
    "impregnating",
    "mending",
    "burling",
    // Leather, rubber, petroleum, chemistry.
    "tanning",
    "retanning",
    "retreading",
    "refining",
    "petroleum_specific_process",
    "distillation",
    "purification",
    "chemical_reaction",
    "mixing_and_blending",
    "standard_materials_production",
    "particle_size_change",
    "isomer_separation",
    "biotechnological_processing",
    // Food, wood, minerals, metals, electronics, glass.
    "drying",
    "milling",
    "blending",
    "crushing",
    "grinding",
    "planing",
    "sanding",
    "end_jointing",
    "splicing",
    "beading_or_moulding",
    "diffusion",
    "fusion_or_alloying",
    "electrolytic_separation",
    "cutting_glassware",
    "hand_decoration",
    // Named in the other agreements' lists (uk-roo).
    "metalising",
    "rubberising",
    "gimping",
    "finger_jointing",
    "calcination",
    "thermal_or_electrolytic_treatment",
    "wool_removal",
    // Ordinary manufacturing.
    "cutting",
    "assembly",
    "welding",
    "moulding",
    "casting",
    "forging",
    "machining",
    "sewing",
    "fermentation",
    "cooking",
    "roasting",
    "painting",
    "stamping",
    "extruding_plastics",
    "baking",
];

/// Insufficient operations (DOMAIN.md section 4), one id each.
pub const INSUFFICIENT: &[&str] = &[
    "preservation",
    "breaking_up_packages",
    "assembling_packages",
    "washing",
    "cleaning",
    "removing_dust_oxide_oil_paint",
    "ironing_or_pressing",
    "simple_painting",
    "simple_polishing",
    "husking",
    "milling_of_rice_or_cereals",
    "polishing_or_glazing_of_rice_or_cereals",
    "colouring_sugar",
    "forming_sugar_lumps",
    "milling_crystal_sugar",
    "peeling",
    "stoning",
    "shelling",
    "sharpening",
    "simple_grinding",
    "simple_cutting",
    "sifting",
    "screening",
    "sorting",
    "classifying",
    "grading",
    "matching",
    "making_up_sets",
    "packing",
    "labelling",
    "simple_mixing",
    "mixing_sugar",
    "adding_water",
    "dilution",
    "dehydration",
    "denaturation",
    "simple_assembly",
    "disassembly",
    "slaughtering",
];

/// The kind of a process id, or `None` when the id is outside the vocabulary.
pub fn kind(id: &str) -> Option<ProcessKind> {
    // A hash lookup: the engine asks for every process of every case, and a scan of the lists was measurable.
    static KINDS: OnceLock<HashMap<&'static str, ProcessKind>> = OnceLock::new();
    let kinds = KINDS.get_or_init(|| {
        let working = WORKING.iter().map(|&id| (id, ProcessKind::Working));
        working.chain(INSUFFICIENT.iter().map(|&id| (id, ProcessKind::Insufficient))).collect()
    });
    kinds.get(id).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_has_no_id_twice() {
        let mut all: Vec<&str> = WORKING.iter().chain(INSUFFICIENT).copied().collect();
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count);
    }

    #[test]
    fn kinds() {
        assert_eq!(kind("weaving"), Some(ProcessKind::Working));
        assert_eq!(kind("packing"), Some(ProcessKind::Insufficient));
        assert_eq!(kind("printing_of_labels"), None);
    }
}
