//! `assess`: one application through every indicator, the score, the route and random selection.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::config::RiskConfig;
use crate::facts::ApplicationFacts;
use crate::history::HistoryView;
use crate::indicators::{self, Finding};
use crate::routing::{Route, randomly_selected};
use crate::score;

/// The outcome for one application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assessment {
    /// 0.00 to 1.00 (docs/RISK.md, "Score").
    pub score: Decimal,
    /// The indicators that fired, each with its points and sentence.
    pub findings: Vec<Finding>,
    /// The route of the score, raised to a documentary check at least when randomly selected.
    pub route: Route,
    pub randomly_selected: bool,
}

impl Assessment {
    pub fn second_signature_required(&self) -> bool {
        self.route.second_signature_required()
    }

    /// The findings' sentences, in indicator order.
    pub fn reasons(&self) -> impl Iterator<Item = &str> {
        self.findings.iter().map(|f| f.reason.as_str())
    }
}

/// Assesses an application against the history before it.
pub fn assess(facts: &ApplicationFacts, history: &HistoryView<'_>, config: &RiskConfig) -> Assessment {
    let findings = indicators::evaluate(facts, history, config);
    let score = score::combine(&findings);
    let selected = randomly_selected(&facts.id, &config.random_selection);
    let route = Route::for_score(score, &config.thresholds).with_random_selection(selected);
    Assessment { score, findings, route, randomly_selected: selected }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::config::RandomSelection;
    use crate::facts::{ExporterRole, VerificationRecord};
    use crate::indicators::Indicator;
    use crate::indicators::test_support::*;

    fn no_random() -> RiskConfig {
        RiskConfig { random_selection: RandomSelection { share: d("0"), seed: 0 }, ..RiskConfig::default() }
    }

    /// Exporter A with one export of 10 kg for 100 USD a month from 2024-06 to 2025-03: not new, steady.
    fn established() -> crate::history::History {
        let earlier: Vec<_> = (0..10)
            .map(|m| {
                let date = date!(2024 - 06 - 15).replace_month(time::Month::June.nth_next(m)).unwrap();
                let date = if m >= 7 { date.replace_year(2025).unwrap() } else { date };
                export("A", date, "940360", "10", "100")
            })
            .collect();
        history(&no_random(), &earlier)
    }

    #[test]
    fn nothing_found_is_automatic_approval() {
        let h = established();
        let f = facts(export("A", date!(2025 - 06 - 01), "940360", "10", "100"));
        let a = assess(&f, &h.view("A", f.export.hs), &no_random());
        assert_eq!((a.score, a.route, a.randomly_selected), (d("0.00"), Route::AutomaticApproval, false));
        assert!(a.findings.is_empty());
    }

    #[test]
    fn findings_raise_the_route_to_documentary_check_then_inspection() {
        let h = established();
        let mut f = facts(export("A", date!(2025 - 06 - 01), "940360", "10", "100"));
        f.role = Some(ExporterRole::Trader);
        f.verifications = VerificationRecord { failed: 1, unanswered: 0 };
        // 1 - 0.8 * 0.7 = 0.44
        let a = assess(&f, &h.view("A", f.export.hs), &no_random());
        assert_eq!((a.score, a.route), (d("0.44"), Route::DocumentaryCheck));
        assert!(!a.second_signature_required());
        assert_eq!(
            a.findings.iter().map(|f| f.indicator).collect::<Vec<_>>(),
            [Indicator::Trader, Indicator::VerificationRecord]
        );
        f.declared_annual_capacity = Some(d("5"));
        // 1 - 0.8 * 0.7 * 0.7 = 0.608
        let a = assess(&f, &h.view("A", f.export.hs), &no_random());
        assert_eq!((a.score, a.route), (d("0.61"), Route::Inspection));
        assert!(a.second_signature_required());
        assert_eq!(a.reasons().count(), 3);
    }

    #[test]
    fn a_randomly_selected_application_is_marked_and_checked() {
        let config =
            RiskConfig { random_selection: RandomSelection { share: d("1"), seed: 3 }, ..RiskConfig::default() };
        let h = established();
        let f = facts(export("A", date!(2025 - 06 - 01), "940360", "10", "100"));
        let a = assess(&f, &h.view("A", f.export.hs), &config);
        assert_eq!((a.score, a.route, a.randomly_selected), (d("0.00"), Route::DocumentaryCheck, true));
    }
}
