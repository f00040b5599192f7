//! The exporter's record in verification: earlier verifications that failed, requests left unanswered.

use super::{Finding, Indicator, count, finding};
use crate::config::RiskConfig;
use crate::facts::ApplicationFacts;
use crate::history::HistoryView;

pub fn check(facts: &ApplicationFacts, _history: &HistoryView<'_>, config: &RiskConfig) -> Option<Finding> {
    let record = facts.verifications;
    let mut parts = Vec::new();
    if record.failed > 0 {
        parts.push(format!("failed {}", count(record.failed, "earlier verification", "earlier verifications")));
    }
    if record.unanswered > 0 {
        parts.push(format!(
            "left {} unanswered",
            count(record.unanswered, "verification request", "verification requests")
        ));
    }
    if parts.is_empty() {
        return None;
    }
    let reason = format!("Exporter {} {}", facts.export.exporter, parts.join(" and "));
    finding(Indicator::VerificationRecord, config.verification_record.weight, reason)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::facts::VerificationRecord;
    use crate::indicators::test_support::*;

    fn with_record(failed: u32, unanswered: u32) -> Option<Finding> {
        let mut f = facts(export("A", date!(2025 - 06 - 10), "610910", "10", "100"));
        f.verifications = VerificationRecord { failed, unanswered };
        check(&f, &HistoryView::empty(), &RiskConfig::default())
    }

    #[test]
    fn fires_on_failures_or_silence_with_the_counts() {
        assert_eq!(
            with_record(2, 1).unwrap().reason,
            "Exporter A failed 2 earlier verifications and left 1 verification request unanswered"
        );
        assert_eq!(with_record(1, 0).unwrap().reason, "Exporter A failed 1 earlier verification");
        assert_eq!(with_record(0, 3).unwrap().reason, "Exporter A left 3 verification requests unanswered");
    }

    #[test]
    fn silent_with_a_clean_record() {
        assert_eq!(with_record(0, 0), None);
    }
}
