//! The risk assessment on the officers' pages: the queue's risk column, route filter and choices, and the
//! dossier's section (score, route with what it means, "selected at random", each finding's indicator in the
//! reader's language beside the engine's English sentence). Texts in `i18n/<lang>-risk.txt`.

use origo_store::queue::{QueueFilter, QueueRow};
use origo_store::risk_assessments::{RiskAssessment, RiskRoute};

use super::queue::Choice;
use super::when;
use crate::pages::context::PageCtx;
use crate::pages::error::{Failure, PageError};

/// A route's name.
pub fn route_key(route: RiskRoute) -> &'static str {
    match route {
        RiskRoute::AutomaticApproval => "risk.route.automatic_approval",
        RiskRoute::DocumentaryCheck => "risk.route.documentary_check",
        RiskRoute::Inspection => "risk.route.inspection",
    }
}

/// What a route means for the certifier.
pub fn route_explanation_key(route: RiskRoute) -> &'static str {
    match route {
        RiskRoute::AutomaticApproval => "risk.route.explain.automatic_approval",
        RiskRoute::DocumentaryCheck => "risk.route.explain.documentary_check",
        RiskRoute::Inspection => "risk.route.explain.inspection",
    }
}

/// An indicator's name, from its stable name in the assessment; `None` for a name this version does not know
/// (shown as stored).
pub fn indicator_key(indicator: &str) -> Option<&'static str> {
    Some(match indicator {
        "new_exporter" => "risk.indicator.new_exporter",
        "trader" => "risk.indicator.trader",
        "preference_margin" => "risk.indicator.preference_margin",
        "origin_near_limit" => "risk.indicator.origin_near_limit",
        "unit_value" => "risk.indicator.unit_value",
        "export_surge" => "risk.indicator.export_surge",
        "capacity" => "risk.indicator.capacity",
        "trade_defence" => "risk.indicator.trade_defence",
        "verification_record" => "risk.indicator.verification_record",
        "supplier_declarations" => "risk.indicator.supplier_declarations",
        "control_flags" => "risk.indicator.control_flags",
        _ => return None,
    })
}

/// CSS class of a route's badge: the queue and the dossier mark inspection like the high-risk flag.
fn route_class(route: RiskRoute) -> &'static str {
    match route {
        RiskRoute::AutomaticApproval => "risk-low",
        RiskRoute::DocumentaryCheck => "risk-medium",
        RiskRoute::Inspection => "risk-high",
    }
}

/// The queue's `route` parameter: a route, `random`, or empty for any.
pub fn parse_route_filter(text: &str) -> Result<(Option<RiskRoute>, Option<bool>), PageError> {
    match text {
        "" => Ok((None, None)),
        "random" => Ok((None, Some(true))),
        text => text.parse().map(|route| (Some(route), None)).map_err(|_| PageError::new(Failure::BadRequest)),
    }
}

/// The `route` parameter that gives `filter` back.
pub fn route_filter_value(filter: &QueueFilter) -> &'static str {
    match (filter.route, filter.randomly_selected) {
        (Some(route), _) => route.as_str(),
        (None, Some(true)) => "random",
        _ => "",
    }
}

/// The choices of the queue's route filter.
pub fn route_choices(ctx: &PageCtx, filter: &QueueFilter) -> Vec<Choice> {
    let selected = route_filter_value(filter);
    let mut choices = vec![("", "risk.queue.route.any")];
    choices.extend(RiskRoute::ALL.iter().map(|r| (r.as_str(), route_key(*r))));
    choices.push(("random", "risk.queue.route.random"));
    choices.into_iter().map(|(value, key)| Choice { value, label: ctx.t(key), selected: value == selected }).collect()
}

/// The queue's risk column for one row.
#[derive(Debug)]
pub struct RiskCell {
    pub score: String,
    pub route: &'static str,
    pub class: &'static str,
    pub random: bool,
}

/// The risk column of a queue row; `None` when the application was never assessed.
pub fn cell(ctx: &PageCtx, row: &QueueRow) -> Option<RiskCell> {
    let (score, route) = (row.risk_score?, row.risk_route?);
    Some(RiskCell {
        score: ctx.decimal(&score),
        route: ctx.t(route_key(route)),
        class: route_class(route),
        random: row.randomly_selected == Some(true),
    })
}

/// One finding as shown.
#[derive(Debug)]
pub struct FindingView {
    pub indicator: String,
    pub points: String,
    /// The engine's sentence, in English (`lang="en"` in the page).
    pub reason: String,
}

/// The dossier's risk section.
#[derive(Debug)]
pub struct RiskSection {
    pub score: String,
    pub route: &'static str,
    pub route_text: &'static str,
    pub class: &'static str,
    pub random: bool,
    pub findings: Vec<FindingView>,
    pub assessed: String,
    pub fingerprint: String,
}

/// The section of the latest assessment.
pub fn section(ctx: &PageCtx, assessment: &RiskAssessment) -> RiskSection {
    RiskSection {
        score: ctx.decimal(&assessment.score),
        route: ctx.t(route_key(assessment.route)),
        route_text: ctx.t(route_explanation_key(assessment.route)),
        class: route_class(assessment.route),
        random: assessment.randomly_selected,
        findings: assessment
            .findings
            .iter()
            .map(|f| FindingView {
                indicator: indicator_key(&f.indicator).map_or_else(|| f.indicator.clone(), |k| ctx.t(k).to_owned()),
                points: ctx.decimal(&f.points),
                reason: f.reason.clone(),
            })
            .collect(),
        assessed: when(ctx, assessment.assessed_at),
        fingerprint: assessment.config_fingerprint.chars().take(16).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::i18n::{Lang, lookup};

    #[test]
    fn every_route_and_indicator_has_words_in_every_catalogue() {
        let mut keys: Vec<&str> =
            RiskRoute::ALL.iter().flat_map(|r| [route_key(*r), route_explanation_key(*r)]).collect();
        keys.extend(
            origo_risk::Indicator::ALL.iter().map(|i| indicator_key(i.as_str()).unwrap_or_else(|| panic!("{i:?}"))),
        );
        for key in keys {
            for lang in Lang::ALL {
                assert!(lookup(lang, key).is_some(), "{key} is missing from {}", lang.code());
            }
        }
        assert_eq!(indicator_key("astrology"), None);
    }

    #[test]
    fn the_route_filter_reads_routes_and_random_selection() {
        assert_eq!(parse_route_filter("").unwrap(), (None, None));
        assert_eq!(parse_route_filter("random").unwrap(), (None, Some(true)));
        assert_eq!(parse_route_filter("documentary_check").unwrap(), (Some(RiskRoute::DocumentaryCheck), None));
        assert!(parse_route_filter("high").is_err());
        let filter = QueueFilter { randomly_selected: Some(true), ..QueueFilter::default() };
        assert_eq!(route_filter_value(&filter), "random");
    }
}
