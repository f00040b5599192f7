//! A scale with round steps: the step is 1, 2 or 5 times a power of ten, chosen so that about four steps reach the
//! largest value, and the top of the scale is the first step at or above it. Exact decimals throughout, so the
//! tick labels are the numbers they say (no 0.30000000000000004).

use rust_decimal::Decimal;

/// How many steps the scale aims at.
const STEPS: i64 = 4;

/// A scale from zero to [`Axis::top`] in steps of [`Axis::step`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Axis {
    pub step: Decimal,
    pub top: Decimal,
}

impl Axis {
    /// The scale for values up to `max` (at least 1 when `max` is not positive). With `whole`, the values are
    /// counts and the step is never less than one.
    pub fn new(max: Decimal, whole: bool) -> Axis {
        let max = if max > Decimal::ZERO { max } else { Decimal::ONE };
        let raw = max / Decimal::from(STEPS);
        // The power of ten at or below `raw`.
        let ten = Decimal::TEN;
        let mut magnitude = Decimal::ONE;
        while magnitude > raw && magnitude.scale() < 20 {
            magnitude /= ten;
        }
        while magnitude * ten <= raw {
            magnitude *= ten;
        }
        let mut step = [1, 2, 5, 10]
            .into_iter()
            .map(|m| Decimal::from(m) * magnitude)
            .find(|candidate| *candidate >= raw)
            .unwrap_or(magnitude * ten);
        if whole && step < Decimal::ONE {
            step = Decimal::ONE;
        }
        let top = (max / step).ceil() * step;
        Axis { step: step.normalize(), top: top.normalize() }
    }

    /// The ticks from zero to the top, both included.
    pub fn ticks(&self) -> Vec<Decimal> {
        let mut ticks = vec![Decimal::ZERO];
        let mut at = Decimal::ZERO;
        while at < self.top {
            at += self.step;
            ticks.push(at);
        }
        ticks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis(max: &str, whole: bool) -> (String, String, Vec<String>) {
        let axis = Axis::new(max.parse().unwrap(), whole);
        (axis.step.to_string(), axis.top.to_string(), axis.ticks().iter().map(|t| t.to_string()).collect())
    }

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(
            axis("7", true),
            ("2".into(), "8".into(), vec!["0", "2", "4", "6", "8"].into_iter().map(String::from).collect())
        );
        assert_eq!(axis("100", true).0, "50");
        assert_eq!(axis("100", true).1, "100");
        assert_eq!(
            axis("101", true),
            ("50".into(), "150".into(), ["0", "50", "100", "150"].map(String::from).to_vec())
        );
        assert_eq!(axis("21001.00", false).0, "10000");
        assert_eq!(axis("21001.00", false).1, "30000");
        assert_eq!(axis("12", true).0, "5");
        assert_eq!(axis("12", true).1, "15");
    }

    #[test]
    fn counts_never_step_by_less_than_one_but_values_may() {
        assert_eq!(axis("1", true), ("1".into(), "1".into(), vec!["0".to_owned(), "1".to_owned()]));
        assert_eq!(axis("3", true).0, "1");
        assert_eq!(
            axis("0.3", false),
            ("0.1".into(), "0.3".into(), ["0", "0.1", "0.2", "0.3"].map(String::from).to_vec())
        );
        assert_eq!(axis("0", true).1, "1", "an empty scale still has a top");
    }

    #[test]
    fn the_top_is_never_below_the_largest_value() {
        for max in 1..=2000 {
            let axis = Axis::new(Decimal::from(max), true);
            assert!(axis.top >= Decimal::from(max), "{max}");
            assert!(axis.ticks().len() <= 6, "{max}: {:?}", axis.ticks());
            assert!(axis.ticks().len() >= 2, "{max}");
        }
    }
}
