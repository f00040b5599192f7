//! Finding the rule set that applies to a product: the most specific one wins; rule sets of equal specificity
//! are variants; an `ex` rule set carves a variant out of the broader rule set, which stays as variant `other`.

use super::{CompiledRule, RulePack, RuleSet};
use crate::date::Date;
use crate::hs::HsCode;

/// One rule set that may apply, with the rule for the exporting country's branch.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'p> {
    pub rule_set: &'p RuleSet,
    pub rule: &'p CompiledRule,
    /// The variant key that picks this candidate.
    pub key: &'p str,
}

/// The rule sets that may apply to a product: one, or several variants.
#[derive(Debug, Clone, Default)]
pub struct Candidates<'p> {
    pub list: Vec<Candidate<'p>>,
}

impl RuleSet {
    /// Whether the rule set is in force on `date`.
    pub fn in_force(&self, date: Date) -> bool {
        self.valid_from.is_none_or(|from| from <= date) && self.valid_to.is_none_or(|to| date <= to)
    }

    /// The rule for a branch, falling back to the rule for all branches.
    pub fn rule_for(&self, branch: &str) -> Option<&CompiledRule> {
        self.rules.get(branch).or_else(|| self.rules.get("all")).map(|rule| rule.as_ref())
    }
}

const OTHER: &str = "other";

impl RulePack {
    /// The candidates for `product` under `branch` on `date`, most specific first.
    pub fn candidates(&self, product: HsCode, branch: &str, date: Date) -> Candidates<'_> {
        let Some(indices) = self.by_chapter.get(&product.chapter()) else {
            return Candidates::default();
        };
        let mut matching: Vec<(u32, &RuleSet, &CompiledRule)> = indices
            .iter()
            .map(|&i| &self.rule_sets[i])
            .filter(|set| set.in_force(date))
            .filter_map(|set| Some((set.hs.specificity(product)?, set, set.rule_for(branch)?)))
            .collect();
        matching.sort_by_key(|(width, _, _)| *width);
        let Some(&(narrowest, _, _)) = matching.first() else {
            return Candidates::default();
        };
        let mut list: Vec<Candidate<'_>> = matching
            .iter()
            .take_while(|(width, _, _)| *width == narrowest)
            .map(|&(_, rule_set, rule)| Candidate { rule_set, rule, key: key_of(rule_set) })
            .collect();
        let all_ex = list.iter().all(|c| c.rule_set.ex);
        if all_ex && let Some(&(broader, _, _)) = matching.iter().find(|(width, _, _)| *width > narrowest) {
            let fallback: Vec<_> = matching.iter().filter(|(width, _, _)| *width == broader).collect();
            let single = fallback.len() == 1;
            for &&(_, rule_set, rule) in &fallback {
                let key = if single { OTHER } else { key_of(rule_set) };
                if !list.iter().any(|c| c.key == key) {
                    list.push(Candidate { rule_set, rule, key });
                }
            }
        }
        Candidates { list }
    }
}

fn key_of(rule_set: &RuleSet) -> &str {
    rule_set.variant.as_deref().unwrap_or(&rule_set.id)
}
