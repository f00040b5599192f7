//! How the applications assessed in a range were scored and routed: the count per score band of a tenth
//! (0.0-0.1 ... 0.9-1.0), per route, and how many were selected at random. Each application counts once, with its
//! latest assessment, in the month that assessment was made.
//!
//! Scores are stored with two decimal places (`0.46`, `1.00`), so the band is the score's first three characters
//! (`0.4`), grouped in SQL; a score of exactly 1.00 belongs to the top band.

use std::collections::BTreeMap;

use super::month::MonthRange;
use crate::codec::RowExt;
use crate::error::StoreError;
use crate::risk_assessments::RiskRoute;
use crate::tx::Db;

/// Score bands of a tenth each.
pub const BANDS: usize = 10;

/// The applications routed one way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RouteCount {
    pub route: RiskRoute,
    pub applications: u64,
    /// Of those, how many were sent there by the random selection rather than by their score.
    pub randomly_selected: u64,
}

/// The distribution of a range's assessments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RiskDistribution {
    /// Applications assessed.
    pub assessed: u64,
    /// Applications per band: `bands[0]` scored below 0.10, `bands[9]` 0.90 to 1.00.
    pub bands: [u64; BANDS],
    /// Every route, in the order of [`RiskRoute::ALL`], with zero counts included.
    pub routes: Vec<RouteCount>,
}

/// The band of a score's first three characters (`0.4` -> 4, `1.0` -> 9).
fn band(prefix: &str) -> Option<usize> {
    match prefix.as_bytes() {
        [b'0', b'.', digit] if digit.is_ascii_digit() => Some(usize::from(digit - b'0')),
        b"1.0" => Some(BANDS - 1),
        _ => None,
    }
}

/// The distribution of the latest assessments made in `range`.
pub async fn risk_distribution(db: &mut impl Db, range: MonthRange) -> Result<RiskDistribution, StoreError> {
    let (start, end) = range.bounds();
    let rows = sqlx::query(
        "SELECT substr(score, 1, 3) AS band, route, randomly_selected, COUNT(*) AS n FROM risk_assessments \
         WHERE latest = 1 AND assessed_at >= $1 AND assessed_at < $2 \
         GROUP BY substr(score, 1, 3), route, randomly_selected",
    )
    .bind(start)
    .bind(end)
    .fetch_all(db.conn())
    .await?;
    let mut bands = [0; BANDS];
    let mut routes: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    let mut assessed = 0;
    for row in &rows {
        let n = u64::try_from(row.int("n")?).map_err(|e| StoreError::corrupt("n", e))?;
        let prefix = row.text("band")?;
        let index = band(&prefix).ok_or_else(|| StoreError::corrupt("score", format!("`{prefix}` is not 0 to 1")))?;
        bands[index] += n;
        let route: RiskRoute = row.parsed("route")?;
        let entry = routes.entry(route.as_str()).or_default();
        entry.0 += n;
        if row.flag("randomly_selected")? {
            entry.1 += n;
        }
        assessed += n;
    }
    let routes = RiskRoute::ALL
        .iter()
        .map(|&route| {
            let (applications, randomly_selected) = routes.get(route.as_str()).copied().unwrap_or_default();
            RouteCount { route, applications, randomly_selected }
        })
        .collect();
    Ok(RiskDistribution { assessed, bands, routes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_tenths_with_one_in_the_top_band() {
        assert_eq!(band("0.0"), Some(0));
        assert_eq!(band("0.4"), Some(4));
        assert_eq!(band("0.9"), Some(9));
        assert_eq!(band("1.0"), Some(9));
        assert_eq!(band("1.1"), None);
        assert_eq!(band("0.x"), None);
    }
}
