//! The difference between two versions of a pack: the rule sets added, removed, or whose rules changed, branch by
//! branch with both rule texts. Rule sets are matched by id, which the compiler keeps stable across versions of a
//! legal list.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{RulePack, RuleSet};

/// What happened to a rule set between the two packs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One branch's rule before and after (`None` where the branch has no rule of its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BranchChange {
    pub branch: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A rule set that differs between the two packs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleSetChange {
    pub id: String,
    pub label: String,
    pub hs: String,
    pub change: ChangeKind,
    /// Rules by branch; for a changed rule set only the branches whose rule differs.
    pub branches: Vec<BranchChange>,
    /// Other fields that differ (coverage, validity), as `field: 'old' -> 'new'`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

/// Every rule set that differs, in the order of the new pack, then the removed ones in the order of the old.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackDiff {
    pub old_scheme: String,
    pub new_scheme: String,
    pub unchanged: usize,
    pub rule_sets: Vec<RuleSetChange>,
}

/// A rule set's rules as text by branch; a manual rule set's only "rule" is its reason.
fn rules(set: &RuleSet) -> BTreeMap<&str, String> {
    if let Some(reason) = &set.manual {
        return BTreeMap::from([("all", format!("manual: {reason}"))]);
    }
    set.rules.iter().map(|(branch, rule)| (branch.as_str(), rule.text.clone())).collect()
}

fn date(value: Option<crate::date::Date>) -> String {
    value.map(|d| d.to_string()).unwrap_or_else(|| "none".to_string())
}

fn compare(old: &RuleSet, new: &RuleSet) -> Option<RuleSetChange> {
    let (old_rules, new_rules) = (rules(old), rules(new));
    let keys: BTreeSet<&str> = old_rules.keys().chain(new_rules.keys()).copied().collect();
    let branches: Vec<BranchChange> = keys
        .into_iter()
        .filter(|k| old_rules.get(k) != new_rules.get(k))
        .map(|k| BranchChange { branch: k.to_string(), old: old_rules.get(k).cloned(), new: new_rules.get(k).cloned() })
        .collect();
    let mut fields = Vec::new();
    let mut field = |name: &str, a: String, b: String| {
        if a != b {
            fields.push(format!("{name}: '{a}' -> '{b}'"));
        }
    };
    field("hs", old.hs_text.clone(), new.hs_text.clone());
    field("variant", old.variant.clone().unwrap_or_default(), new.variant.clone().unwrap_or_default());
    field("valid_from", date(old.valid_from), date(new.valid_from));
    field("valid_to", date(old.valid_to), date(new.valid_to));
    if branches.is_empty() && fields.is_empty() {
        return None;
    }
    Some(RuleSetChange {
        id: new.id.clone(),
        label: new.label.clone(),
        hs: new.hs_text.clone(),
        change: ChangeKind::Changed,
        branches,
        fields,
    })
}

fn whole(set: &RuleSet, change: ChangeKind) -> RuleSetChange {
    let branches = rules(set)
        .into_iter()
        .map(|(branch, text)| {
            let (old, new) = if change == ChangeKind::Added { (None, Some(text)) } else { (Some(text), None) };
            BranchChange { branch: branch.to_string(), old, new }
        })
        .collect();
    RuleSetChange {
        id: set.id.clone(),
        label: set.label.clone(),
        hs: set.hs_text.clone(),
        change,
        branches,
        fields: Vec::new(),
    }
}

impl RulePack {
    /// What changed from `self` (the old pack) to `new`.
    pub fn diff(&self, new: &RulePack) -> PackDiff {
        let old_by_id: BTreeMap<&str, &RuleSet> = self.rule_sets.iter().rev().map(|s| (s.id.as_str(), s)).collect();
        let new_ids: BTreeSet<&str> = new.rule_sets.iter().map(|s| s.id.as_str()).collect();
        let mut changes = Vec::new();
        let mut unchanged = 0;
        let mut seen = BTreeSet::new();
        for set in &new.rule_sets {
            if !seen.insert(set.id.as_str()) {
                continue;
            }
            match old_by_id.get(set.id.as_str()) {
                None => changes.push(whole(set, ChangeKind::Added)),
                Some(old) => match compare(old, set) {
                    Some(change) => changes.push(change),
                    None => unchanged += 1,
                },
            }
        }
        let mut removed_seen = BTreeSet::new();
        for set in &self.rule_sets {
            if !new_ids.contains(set.id.as_str()) && removed_seen.insert(set.id.as_str()) {
                changes.push(whole(set, ChangeKind::Removed));
            }
        }
        PackDiff { old_scheme: self.scheme.clone(), new_scheme: new.scheme.clone(), unchanged, rule_sets: changes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(rule_sets: serde_json::Value) -> RulePack {
        let json = serde_json::json!({
            "scheme": "demo", "title": "Demo", "legal_basis": "test", "hs_edition": "2022",
            "branches": {"ldc": {"label": "LDC", "countries": ["BD"]}, "other": {"label": "Other"}},
            "rule_sets": rule_sets,
        });
        RulePack::from_json(&json.to_string()).unwrap()
    }

    #[test]
    fn added_removed_and_changed_per_branch() {
        let old = pack(serde_json::json!([
            {"id": "ch61", "hs": "ch61", "label": "Chapter 61", "rules": {"ldc": "FROM[ch50-ch60]", "other": "CTH"}},
            {"id": "ch62", "hs": "ch62", "label": "Chapter 62", "rules": {"all": "CTH"}},
            {"id": "ch64", "hs": "ch64", "label": "Chapter 64", "rules": {"all": "CTH"}},
        ]));
        let new = pack(serde_json::json!([
            {"id": "ch61", "hs": "ch61", "label": "Chapter 61", "rules": {"ldc": "FROM[ch50-ch60]", "other": "CC"}},
            {"id": "ch62", "hs": "ch62", "label": "Chapter 62", "rules": {"all": "CTH"}},
            {"id": "ch63", "hs": "ch63", "label": "Chapter 63", "rules": {"all": "CC"}},
        ]));
        let diff = old.diff(&new);
        assert_eq!(diff.unchanged, 1);
        let kinds: Vec<(&str, ChangeKind)> = diff.rule_sets.iter().map(|c| (c.id.as_str(), c.change)).collect();
        assert_eq!(kinds, [("ch61", ChangeKind::Changed), ("ch63", ChangeKind::Added), ("ch64", ChangeKind::Removed)]);
        assert_eq!(
            diff.rule_sets[0].branches,
            [BranchChange { branch: "other".into(), old: Some("CTH".into()), new: Some("CC".into()) }]
        );
        assert_eq!(diff.rule_sets[1].branches[0].old, None);
        assert_eq!(diff.rule_sets[2].branches[0].new, None);
        assert!(old.diff(&old).rule_sets.is_empty());
    }
}
