//! Robust statistics over a bounded window of recent values: the median and the median absolute deviation (MAD),
//! exact in decimals, with no square root and no floating point.
//!
//! The window keeps its values twice: in arrival order (to drop the oldest when full) and sorted (so the median
//! is read in place and the MAD found by walking outwards from it, without sorting per query). Values are held as
//! integers of millionths (unit values are rounded to 6 places when recorded): the same decimals, compared and
//! subtracted as machine integers, which is what makes a million records a few seconds' work.

use rust_decimal::Decimal;

/// Decimal places the window keeps.
const SCALE: u32 = 6;

/// The median and MAD of `count` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RobustStats {
    pub count: u32,
    pub median: Decimal,
    pub mad: Decimal,
}

/// The last `capacity` values pushed.
#[derive(Clone, Debug)]
pub struct Window {
    /// Arrival order; `next` is where the next value goes once the ring is full.
    ring: Vec<i64>,
    next: usize,
    capacity: usize,
    sorted: Vec<i64>,
}

/// `value` in millionths, rounded half away from zero; beyond ±9.2 trillion it saturates (no unit value is).
fn to_micros(value: Decimal) -> i64 {
    let mut value = value.round_dp_with_strategy(SCALE, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    value.rescale(SCALE);
    i64::try_from(value.mantissa()).unwrap_or(if value.is_sign_negative() { i64::MIN } else { i64::MAX })
}

impl Window {
    /// A window of `capacity` values, allocated in full now: a key's memory is fixed from its first record.
    pub fn new(capacity: usize) -> Window {
        let capacity = capacity.max(1);
        Window { ring: Vec::with_capacity(capacity), next: 0, capacity, sorted: Vec::with_capacity(capacity) }
    }

    /// How many values the window holds.
    pub fn count(&self) -> u32 {
        self.sorted.len() as u32
    }

    /// Adds a value (rounded to 6 places), dropping the oldest when the window is full.
    pub fn push(&mut self, value: Decimal) {
        let value = to_micros(value);
        if self.ring.len() < self.capacity {
            self.ring.push(value);
        } else {
            let oldest = std::mem::replace(&mut self.ring[self.next], value);
            self.next = (self.next + 1) % self.capacity;
            // Any one of several equal values may go: they are the same number.
            if let Ok(at) = self.sorted.binary_search(&oldest) {
                self.sorted.remove(at);
            }
        }
        let at = self.sorted.partition_point(|v| *v <= value);
        self.sorted.insert(at, value);
    }

    /// The median and MAD, or `None` for an empty window.
    pub fn stats(&self) -> Option<RobustStats> {
        let sorted = &self.sorted;
        let n = sorted.len();
        if n == 0 {
            return None;
        }
        // Twice the median, in millionths: an integer even when it falls between two values.
        let median2 = if n % 2 == 1 {
            2 * i128::from(sorted[n / 2])
        } else {
            i128::from(sorted[n / 2 - 1]) + i128::from(sorted[n / 2])
        };
        // Twice the MAD in half-millionths (deviations are taken from doubled values).
        let (below, middle) = Deviations::new(sorted, median2).middle_pair(n / 2);
        let mad2 = if n % 2 == 1 { 2 * middle } else { below + middle };
        Some(RobustStats {
            count: n as u32,
            median: Decimal::from_i128_with_scale(median2 * 5, SCALE + 1).normalize(),
            mad: Decimal::from_i128_with_scale(mad2 * 25, SCALE + 2).normalize(),
        })
    }
}

/// |2x - 2m| over a sorted slice, as two sorted runs: leftwards from the median and rightwards.
struct Deviations<'a> {
    sorted: &'a [i64],
    median2: i128,
    /// The first index whose doubled value is >= twice the median.
    split: usize,
}

impl<'a> Deviations<'a> {
    fn new(sorted: &'a [i64], median2: i128) -> Self {
        Deviations { sorted, median2, split: sorted.partition_point(|v| 2 * i128::from(*v) < median2) }
    }

    /// The (k-1)-th and k-th smallest deviations (0-based; the first is 0 when k is 0), by merging the two runs
    /// up to k: k + 1 steps.
    fn middle_pair(&self, k: usize) -> (i128, i128) {
        let (mut left, mut right) = (self.split, self.split);
        let (mut previous, mut last) = (0, 0);
        for _ in 0..=k {
            let from_left = (left > 0).then(|| self.median2 - 2 * i128::from(self.sorted[left - 1]));
            let from_right = (right < self.sorted.len()).then(|| 2 * i128::from(self.sorted[right]) - self.median2);
            previous = last;
            last = match (from_left, from_right) {
                (Some(l), Some(r)) if l <= r => {
                    left -= 1;
                    l
                }
                (_, Some(r)) => {
                    right += 1;
                    r
                }
                (Some(l), None) => {
                    left -= 1;
                    l
                }
                (None, None) => break,
            };
        }
        (previous, last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn window(values: &[&str], capacity: usize) -> Window {
        let mut w = Window::new(capacity);
        for v in values {
            w.push(d(v));
        }
        w
    }

    /// The definition, by sorting: the reference the window's walk is checked against.
    fn naive(values: &[Decimal]) -> (Decimal, Decimal) {
        let med = |v: &mut Vec<Decimal>| {
            v.sort();
            let n = v.len();
            if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / Decimal::TWO }
        };
        let m = med(&mut values.to_vec());
        let mut devs: Vec<Decimal> = values.iter().map(|v| (*v - m).abs()).collect();
        (m, med(&mut devs))
    }

    #[test]
    fn median_and_mad_of_odd_and_even_counts() {
        let s = window(&["1", "2", "3", "4", "100"], 64).stats().unwrap();
        assert_eq!((s.count, s.median, s.mad), (5, d("3"), d("1")));
        let s = window(&["1", "2", "3", "4"], 64).stats().unwrap();
        assert_eq!((s.median, s.mad), (d("2.5"), d("1")));
        assert_eq!(Window::new(4).stats(), None);
    }

    #[test]
    fn all_equal_values_have_zero_mad() {
        let s = window(&["4.10", "4.10", "4.10", "4.10"], 64).stats().unwrap();
        assert_eq!((s.median, s.mad), (d("4.10"), Decimal::ZERO));
    }

    #[test]
    fn the_window_keeps_the_most_recent_values() {
        let w = window(&["100", "100", "1", "2", "3"], 3);
        assert_eq!(w.count(), 3);
        assert_eq!(w.stats().unwrap().median, d("2"));
    }

    #[test]
    fn agrees_with_sorting_on_pseudo_random_windows() {
        let mut state = 42u64;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            Decimal::new((state >> 33) as i64 % 1000, 2)
        };
        for capacity in [1, 2, 5, 8, 64] {
            let mut w = Window::new(capacity);
            let mut all = Vec::new();
            for _ in 0..300 {
                let v = next();
                w.push(v);
                all.push(v);
                let recent = &all[all.len().saturating_sub(capacity)..];
                let s = w.stats().unwrap();
                assert_eq!((s.median, s.mad), naive(recent), "capacity {capacity}");
            }
        }
    }
}
