//! Origin met close to the limit: non-originating materials within a few points of the MaxNOM ceiling, where a
//! small error in a price or a supplier's claim would change the outcome.

use super::{Finding, Indicator, finding, plain};
use crate::config::RiskConfig;
use crate::facts::ApplicationFacts;
use crate::history::HistoryView;

pub fn check(facts: &ApplicationFacts, _history: &HistoryView<'_>, config: &RiskConfig) -> Option<Finding> {
    let rule = &config.origin_near_limit;
    let max_nom = facts.max_nom?;
    let headroom = max_nom.ceiling_percent - max_nom.used_percent;
    // Above the ceiling the product is not originating: that is the engine's verdict, not a risk.
    if headroom.is_sign_negative() && !headroom.is_zero() || headroom > rule.within_points {
        return None;
    }
    let reason = format!(
        "Non-originating materials are {}% of the price, {} points below the MaxNOM ceiling of {}% (within {} points)",
        plain(max_nom.used_percent),
        plain(headroom),
        plain(max_nom.ceiling_percent),
        plain(rule.within_points)
    );
    finding(Indicator::OriginNearLimit, rule.weight, reason)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::facts::MaxNomUse;
    use crate::indicators::test_support::*;

    fn with_max_nom(used: &str, ceiling: &str) -> ApplicationFacts {
        let mut f = facts(export("A", date!(2025 - 06 - 01), "730890", "100", "400"));
        f.max_nom = Some(MaxNomUse { used_percent: d(used), ceiling_percent: d(ceiling) });
        f
    }

    #[test]
    fn fires_within_the_points_and_says_by_how_much() {
        let config = RiskConfig::default();
        let found = check(&with_max_nom("48.5", "50"), &HistoryView::empty(), &config).unwrap();
        assert_eq!(
            found.reason,
            "Non-originating materials are 48.5% of the price, 1.5 points below the MaxNOM ceiling of 50% \
             (within 5 points)"
        );
        assert!(check(&with_max_nom("45", "50"), &HistoryView::empty(), &config).is_some());
        assert!(check(&with_max_nom("50.00", "50"), &HistoryView::empty(), &config).is_some());
    }

    #[test]
    fn silent_with_more_headroom_above_the_ceiling_or_without_maxnom() {
        let config = RiskConfig::default();
        assert_eq!(check(&with_max_nom("44.99", "50"), &HistoryView::empty(), &config), None);
        assert_eq!(check(&with_max_nom("50.01", "50"), &HistoryView::empty(), &config), None);
        let f = facts(export("A", date!(2025 - 06 - 01), "730890", "100", "400"));
        assert_eq!(check(&f, &HistoryView::empty(), &config), None);
    }
}
