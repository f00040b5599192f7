//! Where an application goes: the route by score, and random selection on top of it.
//!
//! Random selection is reproducible: the draw for an application is a ChaCha8 stream keyed by the configured seed
//! and a stable hash of the application's id, so the same seed and id give the same answer in any order, in any
//! process, on any machine; another seed gives an independent selection. A selected application goes at least to a
//! documentary check and is marked as randomly selected.

use std::fmt;

use chacha20::ChaCha8Rng;
use rand_core::{Rng as _, SeedableRng as _};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;
use serde::Serialize;

use crate::config::{RandomSelection, Thresholds};

/// The treatment an application gets, from the lightest to the heaviest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Low risk: the application may be approved without an officer's check.
    AutomaticApproval,
    /// Medium risk: an officer checks the documents.
    DocumentaryCheck,
    /// High risk: an inspection, and a second officer signs the decision.
    Inspection,
}

impl Route {
    /// The route a score calls for: `high` and above inspection, `medium` and above a documentary check.
    pub fn for_score(score: Decimal, thresholds: &Thresholds) -> Route {
        if score >= thresholds.high {
            Route::Inspection
        } else if score >= thresholds.medium {
            Route::DocumentaryCheck
        } else {
            Route::AutomaticApproval
        }
    }

    /// Whether a second officer must sign the decision (four-eyes principle for high risk).
    pub fn second_signature_required(self) -> bool {
        self == Route::Inspection
    }

    /// Whether the application may be approved without an officer looking at it.
    pub fn allows_automatic_approval(self) -> bool {
        self == Route::AutomaticApproval
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Route::AutomaticApproval => "automatic_approval",
            Route::DocumentaryCheck => "documentary_check",
            Route::Inspection => "inspection",
        }
    }

    /// The route after random selection: at least a documentary check when selected.
    pub fn with_random_selection(self, selected: bool) -> Route {
        if selected { self.max(Route::DocumentaryCheck) } else { self }
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// FNV-1a, 64 bits: a hash fixed by its definition, unlike std's, so selections survive a new Rust version.
fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// Whether the application `id` is among the `share` selected at random under `seed`.
pub fn randomly_selected(id: &str, selection: &RandomSelection) -> bool {
    if selection.share <= Decimal::ZERO {
        return false;
    }
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&selection.seed.to_le_bytes());
    key[8..16].copy_from_slice(&stable_hash(id.as_bytes()).to_le_bytes());
    key[16..24].copy_from_slice(&(id.len() as u64).to_le_bytes());
    let draw = ChaCha8Rng::from_seed(key).next_u64();
    // Selected when the draw falls in the first `share` of the 2^64 possible draws; exact, no floating point.
    let span = Decimal::from(u64::MAX) + Decimal::ONE;
    let limit = (selection.share.min(Decimal::ONE) * span).floor().to_u128().unwrap_or(0);
    u128::from(draw) < limit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn routes_follow_the_thresholds() {
        let t = Thresholds::default(); // 0.30, 0.60
        assert_eq!(Route::for_score(d("0.00"), &t), Route::AutomaticApproval);
        assert_eq!(Route::for_score(d("0.29"), &t), Route::AutomaticApproval);
        assert_eq!(Route::for_score(d("0.30"), &t), Route::DocumentaryCheck);
        assert_eq!(Route::for_score(d("0.59"), &t), Route::DocumentaryCheck);
        assert_eq!(Route::for_score(d("0.60"), &t), Route::Inspection);
        assert_eq!(Route::for_score(d("1.00"), &t), Route::Inspection);
        assert!(Route::Inspection.second_signature_required());
        assert!(!Route::DocumentaryCheck.second_signature_required());
        assert!(!Route::AutomaticApproval.second_signature_required());
        assert!(Route::AutomaticApproval.allows_automatic_approval());
        assert!(!Route::DocumentaryCheck.allows_automatic_approval());
    }

    #[test]
    fn random_selection_raises_the_route_to_a_documentary_check_at_least() {
        assert_eq!(Route::AutomaticApproval.with_random_selection(true), Route::DocumentaryCheck);
        assert_eq!(Route::AutomaticApproval.with_random_selection(false), Route::AutomaticApproval);
        assert_eq!(Route::Inspection.with_random_selection(true), Route::Inspection);
    }

    fn selected(seed: u64, share: &str) -> Vec<usize> {
        let selection = RandomSelection { share: d(share), seed };
        (0..10_000).filter(|i| randomly_selected(&format!("APP-2025-{i:06}"), &selection)).collect()
    }

    #[test]
    fn the_same_seed_selects_the_same_applications_in_any_order() {
        let first = selected(7, "0.05");
        assert_eq!(first, selected(7, "0.05"));
        let selection = RandomSelection { share: d("0.05"), seed: 7 };
        let backwards: Vec<usize> =
            (0..10_000).rev().filter(|i| randomly_selected(&format!("APP-2025-{i:06}"), &selection)).collect();
        assert_eq!(backwards.into_iter().rev().collect::<Vec<_>>(), first);
    }

    #[test]
    fn another_seed_selects_other_applications() {
        let (a, b) = (selected(7, "0.05"), selected(8, "0.05"));
        let common = a.iter().filter(|i| b.contains(i)).count();
        // Independent 5% selections share about 5% of their members.
        assert!(common < a.len() / 4, "{common} of {} in common", a.len());
    }

    #[test]
    fn the_share_selected_is_the_configured_share() {
        // 10 000 draws at 5%: 500 expected, standard deviation about 22.
        let n = selected(1, "0.05").len();
        assert!((430..=570).contains(&n), "{n} selected");
        let n = selected(1, "0.20").len();
        assert!((1850..=2150).contains(&n), "{n} selected");
        assert_eq!(selected(1, "0").len(), 0);
        assert_eq!(selected(1, "1").len(), 10_000);
    }

    #[test]
    fn the_hash_is_fixed() {
        // FNV-1a test vectors: changing the hash would change every past selection.
        assert_eq!(stable_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
