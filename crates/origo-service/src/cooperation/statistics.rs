//! Statistics per partner country (the requesting authority's country): requests, answered, answered in time,
//! still open and overdue today, outcomes, and the median turnaround (days from receipt to reply) of the answered
//! ones. Computed in Rust from one read of every request's dates and outcome.

use std::collections::BTreeMap;

use origo_store::cooperation::{self, ReplyOutcome, RequestStatus, StatisticsRow};
use rust_decimal::Decimal;
use time::Date;

use super::CooperationError;
use crate::access::Caller;
use crate::policy::{Action, Resource};
use crate::service::Service;

/// One partner country's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountryStatistics {
    /// ISO alpha-2.
    pub country: String,
    pub requests: u64,
    pub answered: u64,
    /// Answered on or before the deadline.
    pub answered_in_time: u64,
    /// Unanswered today.
    pub open: u64,
    /// Unanswered after the deadline today.
    pub overdue: u64,
    pub confirmed: u64,
    pub not_confirmed: u64,
    pub undetermined: u64,
    /// Median days from receipt to reply of the answered requests (a half day when the middle two differ by an
    /// odd number); `None` when none is answered.
    pub median_turnaround_days: Option<Decimal>,
}

/// The median of `values` (sorted here), as a decimal.
pub fn median(values: &mut [i64]) -> Option<Decimal> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(Decimal::from(values[n / 2])),
        _ => Some((Decimal::from(values[n / 2 - 1]) + Decimal::from(values[n / 2])) / Decimal::TWO),
    }
}

/// The figures of each country in `rows` on `today`, by country code.
pub fn by_country(rows: &[StatisticsRow], today: Date) -> Vec<CountryStatistics> {
    let mut countries: BTreeMap<&str, (CountryStatistics, Vec<i64>)> = BTreeMap::new();
    for row in rows {
        let (stats, turnarounds) = countries.entry(&row.requesting_country).or_default();
        stats.requests += 1;
        match (row.status, row.answered_at) {
            (RequestStatus::Answered, Some(answered_at)) => {
                stats.answered += 1;
                if answered_at.date() <= row.deadline {
                    stats.answered_in_time += 1;
                }
                turnarounds.push((answered_at.date() - row.received_at.date()).whole_days());
            }
            _ => {
                stats.open += 1;
                if today > row.deadline {
                    stats.overdue += 1;
                }
            }
        }
        match row.outcome {
            Some(ReplyOutcome::Confirmed) => stats.confirmed += 1,
            Some(ReplyOutcome::NotConfirmed) => stats.not_confirmed += 1,
            Some(ReplyOutcome::Undetermined) => stats.undetermined += 1,
            None => {}
        }
    }
    countries
        .into_iter()
        .map(|(country, (mut stats, mut turnarounds))| {
            stats.country = country.to_owned();
            stats.median_turnaround_days = median(&mut turnarounds);
            stats
        })
        .collect()
}

impl Service {
    /// The statistics per partner country, for the certifying body, customs and auditors.
    pub async fn cooperation_statistics(&self, caller: &Caller) -> Result<Vec<CountryStatistics>, CooperationError> {
        caller.may(Action::ReadCooperationStatistics, &Resource::default())?;
        let mut conn = self.store.conn().await?;
        let rows = cooperation::statistics_rows(&mut conn).await?;
        Ok(by_country(&rows, self.clock.today()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn row(country: &str, received: Date, deadline: Date, answered: Option<(Date, ReplyOutcome)>) -> StatisticsRow {
        StatisticsRow {
            requesting_country: country.into(),
            received_at: received.with_hms(9, 0, 0).unwrap().assume_utc(),
            deadline,
            status: if answered.is_some() { RequestStatus::Answered } else { RequestStatus::Open },
            outcome: answered.map(|(_, o)| o),
            answered_at: answered.map(|(d, _)| d.with_hms(16, 0, 0).unwrap().assume_utc()),
        }
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [40]), Some(Decimal::from(40)));
        assert_eq!(median(&mut [50, 10, 30]), Some(Decimal::from(30)));
        assert_eq!(median(&mut [10, 40, 31, 100]), Some(Decimal::new(355, 1)));
    }

    #[test]
    fn countries_are_counted_apart_with_replies_in_time_and_overdue_ones() {
        let today = datetime!(2026-11-01 12:00 UTC).date();
        let rows = [
            row(
                "DE",
                date!(2026 - 01 - 10),
                date!(2026 - 07 - 10),
                Some((date!(2026 - 02 - 09), ReplyOutcome::Confirmed)),
            ),
            // Answered on the deadline day: in time.
            row(
                "DE",
                date!(2026 - 01 - 31),
                date!(2026 - 07 - 31),
                Some((date!(2026 - 07 - 31), ReplyOutcome::NotConfirmed)),
            ),
            // Answered a day late.
            row(
                "DE",
                date!(2026 - 02 - 01),
                date!(2026 - 08 - 01),
                Some((date!(2026 - 08 - 02), ReplyOutcome::Undetermined)),
            ),
            row("DE", date!(2026 - 03 - 01), date!(2026 - 09 - 01), None),
            row("FR", date!(2026 - 10 - 01), date!(2027 - 04 - 01), None),
        ];
        let stats = by_country(&rows, today);
        assert_eq!(stats.len(), 2);
        let de = &stats[0];
        assert_eq!(
            (de.country.as_str(), de.requests, de.answered, de.answered_in_time, de.open, de.overdue),
            ("DE", 4, 3, 2, 1, 1)
        );
        assert_eq!((de.confirmed, de.not_confirmed, de.undetermined), (1, 1, 1));
        // Turnarounds 30, 181, 182 days.
        assert_eq!(de.median_turnaround_days, Some(Decimal::from(181)));
        let fr = &stats[1];
        assert_eq!((fr.requests, fr.open, fr.overdue, fr.median_turnaround_days), (1, 1, 0, None));
    }
}
