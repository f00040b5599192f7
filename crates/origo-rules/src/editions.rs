//! HS editions side by side: the subheadings that differ between HS 2017 and HS 2022 (gone in 2022, new in 2022),
//! and, for a pack, those among them that its rule sets cover, so that a reviewer sees which rule sets an edition
//! change touches. The shared data is no correlation table: a code is "gone" or "new" by its presence alone.

use std::sync::OnceLock;

use serde::Serialize;

use crate::hs::{Edition, HsCode};
use crate::pack::RulePack;

/// The subheadings of HS 2017 not in HS 2022, and those of HS 2022 not in HS 2017, in code order.
#[derive(Debug)]
pub struct EditionChanges {
    pub gone: Vec<HsCode>,
    pub new: Vec<HsCode>,
}

/// Computed once from the bundled nomenclatures.
pub fn changes() -> &'static EditionChanges {
    static CHANGES: OnceLock<EditionChanges> = OnceLock::new();
    CHANGES.get_or_init(|| {
        let (old, new) = (Edition::Hs2017.nomenclature(), Edition::Hs2022.nomenclature());
        EditionChanges {
            gone: old.subheadings().into_iter().filter(|c| !new.contains(*c)).collect(),
            new: new.subheadings().into_iter().filter(|c| !old.contains(*c)).collect(),
        }
    })
}

/// A subheading that differs between the editions and the pack's most specific rule sets covering it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Covered {
    pub subheading: String,
    pub description: String,
    pub rule_sets: Vec<String>,
}

/// A pack's share of the differences between the editions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackEditions {
    pub scheme: String,
    pub hs_edition: String,
    /// Subheadings of HS 2017 gone in HS 2022 that the pack's rule sets cover.
    pub gone_in_2022: Vec<Covered>,
    /// Subheadings new in HS 2022 that the pack's rule sets cover.
    pub new_in_2022: Vec<Covered>,
}

/// The ids of the most specific rule sets covering `code`, empty when none does.
fn covering(pack: &RulePack, code: HsCode) -> Vec<String> {
    let mut best: Option<u32> = None;
    let mut ids = Vec::new();
    for set in &pack.rule_sets {
        let Some(width) = set.hs.specificity(code) else { continue };
        match best {
            Some(b) if width > b => continue,
            Some(b) if width == b => {}
            _ => {
                best = Some(width);
                ids.clear();
            }
        }
        if !ids.contains(&set.id) {
            ids.push(set.id.clone());
        }
    }
    ids
}

fn covered(pack: &RulePack, codes: &[HsCode], edition: Edition) -> Vec<Covered> {
    codes
        .iter()
        .filter_map(|&code| {
            let rule_sets = covering(pack, code);
            (!rule_sets.is_empty()).then(|| Covered {
                subheading: code.to_string(),
                description: edition.nomenclature().description(code).unwrap_or_default().to_string(),
                rule_sets,
            })
        })
        .collect()
}

/// The subheadings the pack's rule sets cover that differ between HS 2017 and HS 2022.
pub fn report(pack: &RulePack) -> PackEditions {
    let changes = changes();
    PackEditions {
        scheme: pack.scheme.clone(),
        hs_edition: pack.hs_edition.clone(),
        gone_in_2022: covered(pack, &changes.gone, Edition::Hs2017),
        new_in_2022: covered(pack, &changes.new, Edition::Hs2022),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editions_differ_as_the_data_says() {
        // PROVENANCE.md: 145 subheadings of 2017 are gone in 2022 and 370 are new.
        let changes = changes();
        assert_eq!((changes.gone.len(), changes.new.len()), (145, 370));
    }

    #[test]
    fn a_pack_sees_the_differences_it_covers() {
        let json = serde_json::json!({
            "scheme": "demo", "title": "Demo", "legal_basis": "test", "hs_edition": "2017", "branches": {},
            "rule_sets": [{"id": "ch85", "hs": "ch85", "label": "Chapter 85", "rules": {"all": "CTH"}},
                          {"id": "ch01", "hs": "ch01", "label": "Chapter 1", "rules": {"all": "WO"}}]
        });
        let pack = RulePack::from_json(&json.to_string()).unwrap();
        let report = report(&pack);
        assert!(report.new_in_2022.iter().any(|c| c.subheading == "852411" && c.rule_sets == ["ch85"]));
        assert!(report.gone_in_2022.iter().all(|c| c.subheading.starts_with("85") || c.subheading.starts_with("01")));
        assert!(report.new_in_2022.iter().all(|c| !c.subheading.starts_with("02")));
    }
}
