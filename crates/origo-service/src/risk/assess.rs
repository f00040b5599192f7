//! The assessment of a whole application, in the submission's transaction: each goods item is scored by the
//! engine against the history, the items' findings are merged into one assessment, which is stored (audited) and
//! routed.
//!
//! Merging: an indicator counts once per application whatever the number of items it fired for (its points are
//! its weight), with the distinct sentences of its items joined; the score is the engine's formula over the
//! merged findings, the route the engine's for that score, raised to a documentary check at least when the
//! application is selected at random (drawn from the seed and the application's id, so a resubmission is
//! selected, or not, again). Each item is compared with the exports issued before this application, not with the
//! application's other items.
//!
//! An item whose value is in a currency without an exchange rate on or before its day stays out of the
//! comparisons (as an item without a weight does); the assessment then carries a note with 0 points under
//! `unit_value`, "Value in EUR could not be compared: no exchange rate", so the certifier knows the indicator could
//! not speak. It changes neither the score nor the route.
//!
//! Routing: an inspection sets the application's `high_risk` flag, so its approval needs a supervisor's second
//! signature; a lower route never clears a flag already set (an officer may have set it). The assessment and the
//! flag are the system's doing, audited as such.

use origo_risk::indicators::Finding;
use origo_risk::routing::randomly_selected;
use origo_risk::{Indicator, Route, score};
use origo_store::applications::{self, Application};
use origo_store::cooperation::record as verification_record;
use origo_store::risk_assessments::{self, NewRiskAssessment, RiskAssessment, RiskFinding, RiskRoute};
use origo_store::supplier_declarations;
use origo_store::{
    Actor, StoreError, Tx, bom, determinations, exchange_rates, export_history, exporters, flags, goods,
};
use rust_decimal::Decimal;
use time::Date;

use super::facts::{Known, KnownItem, exporter_label, item_facts};
use super::history;
use crate::exchange_rates::RateTable;
use crate::service::Service;

/// The notes for values that could not be compared for want of a rate: one per currency, 0 points.
pub fn no_rate_notes(currencies: &[String]) -> Vec<RiskFinding> {
    let mut seen: Vec<&str> = Vec::new();
    for currency in currencies {
        if !seen.contains(&currency.as_str()) {
            seen.push(currency);
        }
    }
    seen.iter()
        .map(|currency| RiskFinding {
            indicator: Indicator::UnitValue.as_str().to_owned(),
            points: Decimal::ZERO,
            reason: format!("Value in {currency} could not be compared: no exchange rate"),
        })
        .collect()
}

fn stored_route(route: Route) -> RiskRoute {
    match route {
        Route::AutomaticApproval => RiskRoute::AutomaticApproval,
        Route::DocumentaryCheck => RiskRoute::DocumentaryCheck,
        Route::Inspection => RiskRoute::Inspection,
    }
}

/// One finding per indicator, in the engine's order, the distinct sentences of the items joined.
pub fn merge(per_item: &[Vec<Finding>]) -> Vec<Finding> {
    let mut merged: Vec<Finding> = Vec::new();
    for indicator in Indicator::ALL {
        let mut reasons: Vec<&str> = Vec::new();
        let mut points = None;
        for finding in per_item.iter().flatten().filter(|f| f.indicator == indicator) {
            points.get_or_insert(finding.points);
            if !reasons.contains(&finding.reason.as_str()) {
                reasons.push(&finding.reason);
            }
        }
        if let Some(points) = points {
            merged.push(Finding { indicator, points, reason: reasons.join("; ") });
        }
    }
    merged
}

impl Service {
    /// Reads what the store knows of a submitted application, in `tx` (its determinations of this submission
    /// included).
    async fn risk_known(&self, tx: &mut Tx, application: &Application) -> Result<Known, StoreError> {
        let exporter = exporters::get(tx, application.exporter_id).await?;
        let mut items = Vec::new();
        let mut declarations: Vec<supplier_declarations::SupplierDeclaration> = Vec::new();
        for item in goods::list(tx, application.id).await? {
            let materials = bom::list(tx, item.id).await?;
            for id in materials.iter().filter_map(|m| m.supplier_declaration_id) {
                if !declarations.iter().any(|d| d.id == id) {
                    match supplier_declarations::get(tx, id).await {
                        Ok(declaration) => declarations.push(declaration),
                        Err(StoreError::NotFound { .. }) => {}
                        Err(other) => return Err(other),
                    }
                }
            }
            let determination = determinations::latest_for_item(tx, item.id).await?;
            items.push(KnownItem { item, materials, determination });
        }
        let today = self.clock.today();
        // Read in the transaction rather than through `Service::exporter_verification_record` and
        // `Service::exporter_flags` (the same store functions): the assessment sees exactly what the submission sees.
        let verification = verification_record::for_exporter(tx, application.exporter_id, today).await?;
        let flags = flags::counts_for_exporter(tx, application.exporter_id).await?;
        let configured = &self.config.risk.config().display.currency;
        Ok(Known {
            application: application.clone(),
            exporter,
            items,
            declarations,
            verification,
            flags,
            today,
            rates: RateTable::empty(configured),
        })
    }

    /// Assesses a submitted application, stores the assessment and applies its route, in `tx`.
    pub(crate) async fn assess_risk(
        &self,
        tx: &mut Tx,
        application: &Application,
    ) -> Result<RiskAssessment, StoreError> {
        let settings = &self.config.risk;
        let config = settings.config();
        let mut known = self.risk_known(tx, application).await?;
        let codes: Vec<String> = {
            let mut codes: Vec<String> = known.items.iter().map(|k| k.item.hs_code.clone()).collect();
            codes.sort();
            codes.dedup();
            codes
        };
        let earlier = export_history::earlier_exports(
            tx,
            application.exporter_id,
            &codes,
            history::since(known.today),
            application.id,
            history::HISTORY_LIMIT,
        )
        .await?;
        // The rates of every foreign currency of the items and their history, up to the latest day looked up.
        let currencies = history::foreign_currencies(
            &earlier,
            known.items.iter().filter_map(|k| k.item.currency.as_deref()),
            &known.rates,
        );
        let last_day = known.items.iter().filter_map(|k| k.item.invoice_date).fold(known.today, Date::max);
        let rates = exchange_rates::up_to(tx, &currencies, last_day).await?;
        known.rates = RateTable::new(&config.display.currency, &rates);
        let label = exporter_label(&known.exporter);
        let histories = history::build(&earlier, application.exporter_id, &label, config, &known.rates);
        let items: Vec<_> = (0..known.items.len()).filter_map(|index| item_facts(&known, index)).collect();
        let per_item: Vec<Vec<Finding>> = items
            .iter()
            .map(|item| {
                let facts = &item.facts;
                let history = if item.comparable { &histories.full } else { &histories.presence };
                origo_risk::indicators::evaluate(facts, &history.view(&facts.export.exporter, facts.export.hs), config)
            })
            .collect();
        let no_rate: Vec<String> = items.iter().filter_map(|item| item.no_rate.clone()).collect();
        let findings = merge(&per_item);
        let score = score::combine(&findings);
        let selected = randomly_selected(&application.id.to_string(), &config.random_selection);
        let route = Route::for_score(score, &config.thresholds).with_random_selection(selected);

        let system = Actor::system(self.clock.now());
        let new = NewRiskAssessment {
            application_id: application.id,
            score,
            route: stored_route(route),
            randomly_selected: selected,
            findings: findings
                .iter()
                .map(|f| RiskFinding {
                    indicator: f.indicator.as_str().to_owned(),
                    points: f.points,
                    reason: f.reason.clone(),
                })
                .chain(if config.unit_value.weight > Decimal::ZERO { no_rate_notes(&no_rate) } else { Vec::new() })
                .collect(),
            config_fingerprint: settings.fingerprint().to_owned(),
        };
        let assessment = risk_assessments::record(tx, &system, &new).await?;
        if route.second_signature_required() && !application.high_risk {
            applications::set_high_risk(tx, &system, application.id, true).await?;
        }
        Ok(assessment)
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;

    fn finding(indicator: Indicator, points: &str, reason: &str) -> Finding {
        Finding { indicator, points: points.parse().unwrap(), reason: reason.into() }
    }

    #[test]
    fn an_indicator_counts_once_with_the_sentences_of_its_items() {
        let first = vec![
            finding(Indicator::Trader, "0.20", "A is a trader of 610910"),
            finding(Indicator::PreferenceMargin, "0.15", "HS 610910 ..."),
        ];
        let second = vec![
            finding(Indicator::NewExporter, "0.20", "A is new"),
            finding(Indicator::PreferenceMargin, "0.15", "HS 620520 ..."),
            finding(Indicator::Trader, "0.20", "A is a trader of 610910"),
        ];
        let merged = merge(&[first, second]);
        assert_eq!(
            merged.iter().map(|f| (f.indicator, f.reason.as_str())).collect::<Vec<_>>(),
            [
                (Indicator::NewExporter, "A is new"),
                (Indicator::Trader, "A is a trader of 610910"),
                (Indicator::PreferenceMargin, "HS 610910 ...; HS 620520 ..."),
            ]
        );
        // 1 - 0.8 * 0.8 * 0.85 = 0.456
        assert_eq!(score::combine(&merged), "0.46".parse::<Decimal>().unwrap());
        assert!(merge(&[vec![], vec![]]).is_empty());
    }
}
