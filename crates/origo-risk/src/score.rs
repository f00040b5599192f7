//! Combining findings into one score between 0 and 1.
//!
//! Each finding carries points `p` (its indicator's weight, 0..=1). The score is
//!
//! ```text
//! score = 1 - (1 - p1) * (1 - p2) * ... * (1 - pn)      rounded half away from zero to 2 places
//! ```
//!
//! the chance that at least one of independent signals is right, if each weight were that chance. It is 0 with
//! no finding, equals the weight with one, grows with every further finding, and never passes 1 however many
//! fire; one finding with weight 1 makes it 1. Routing compares the rounded score, so the figure shown is the
//! figure that decided.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::indicators::Finding;

/// The score of these findings, to 2 decimal places.
pub fn combine(findings: &[Finding]) -> Decimal {
    let untouched: Decimal =
        findings.iter().map(|f| Decimal::ONE - f.points.clamp(Decimal::ZERO, Decimal::ONE)).product();
    let mut score = (Decimal::ONE - untouched).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    score.rescale(2);
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::{Finding, Indicator};

    fn with_points(points: &[&str]) -> Vec<Finding> {
        points
            .iter()
            .map(|p| Finding { indicator: Indicator::Trader, points: p.parse().unwrap(), reason: String::new() })
            .collect()
    }

    #[test]
    fn no_findings_score_zero_and_one_scores_its_weight() {
        assert_eq!(combine(&[]).to_string(), "0.00");
        assert_eq!(combine(&with_points(&["0.3"])).to_string(), "0.30");
    }

    #[test]
    fn findings_combine_without_passing_one() {
        // 1 - 0.7 * 0.8 = 0.44
        assert_eq!(combine(&with_points(&["0.3", "0.2"])).to_string(), "0.44");
        // 1 - 0.7^10 = 0.9717...
        assert_eq!(combine(&with_points(&["0.3"; 10])).to_string(), "0.97");
        assert_eq!(combine(&with_points(&["1", "0.2"])).to_string(), "1.00");
        // 1 - 0.85 * 0.9 = 0.235 -> 0.24 (half away from zero)
        assert_eq!(combine(&with_points(&["0.15", "0.1"])).to_string(), "0.24");
    }
}
