//! Calendar months and ranges of them: the unit the dashboards count in. A month is written `YYYY-MM`, which is
//! also the first seven characters of every stored timestamp (`codec.rs`), so a month is grouped in SQL with
//! `substr(column, 1, 7)` on both backends and a range is two timestamp bounds compared as text.

use std::fmt;

use time::{Date, Month as CalendarMonth, OffsetDateTime};

use crate::codec::ts;

/// The earliest and latest years a month may have: four digits, and a month after the last one still exists.
const YEARS: std::ops::RangeInclusive<i32> = 1000..=9998;

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    /// 1 to 12.
    month: u8,
}

impl Month {
    /// The month, if `year` has four digits and `month` is 1 to 12.
    pub fn new(year: i32, month: u8) -> Option<Month> {
        (YEARS.contains(&year) && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    /// The month `day` falls in.
    pub fn of(day: Date) -> Month {
        Month { year: day.year().clamp(*YEARS.start(), *YEARS.end()), month: u8::from(day.month()) }
    }

    /// Exactly `YYYY-MM` (as an `<input type="month">` sends it); anything else is `None`.
    pub fn parse(text: &str) -> Option<Month> {
        let bytes = text.as_bytes();
        if bytes.len() != 7 || bytes[4] != b'-' || !bytes.iter().enumerate().all(|(i, b)| i == 4 || b.is_ascii_digit())
        {
            return None;
        }
        Month::new(text[..4].parse().ok()?, text[5..].parse().ok()?)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 to 12.
    pub fn number(self) -> u8 {
        self.month
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        if self.month == 12 { Month { year: self.year + 1, month: 1 } } else { Month { month: self.month + 1, ..self } }
    }

    /// `count` months earlier (never before the earliest month).
    pub fn minus(self, count: u32) -> Month {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) - i64::from(count);
        let earliest = i64::from(*YEARS.start()) * 12;
        let index = index.max(earliest);
        Month { year: i32::try_from(index / 12).unwrap_or(*YEARS.start()), month: (index % 12) as u8 + 1 }
    }

    /// How many months from `self` to `later`, both counted (`0` when `later` is earlier).
    pub fn count_to(self, later: Month) -> u32 {
        let index = |m: Month| i64::from(m.year) * 12 + i64::from(m.month);
        u32::try_from(index(later) - index(self) + 1).unwrap_or(0)
    }

    /// Its first day.
    pub fn first_day(self) -> Date {
        let month = CalendarMonth::try_from(self.month).expect("1 to 12");
        Date::from_calendar_date(self.year, month, 1).expect("a four-digit year's month has a first day")
    }

    /// Midnight UTC at its start, as stored (the lower bound of a range).
    fn start(self) -> String {
        ts(OffsetDateTime::new_utc(self.first_day(), time::Time::MIDNIGHT))
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The months from `from` to `to`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthRange {
    from: Month,
    to: Month,
}

impl MonthRange {
    /// The range, if `from` is not after `to`.
    pub fn new(from: Month, to: Month) -> Option<MonthRange> {
        (from <= to).then_some(MonthRange { from, to })
    }

    /// The twelve months ending with `last`.
    pub fn year_to(last: Month) -> MonthRange {
        MonthRange { from: last.minus(11), to: last }
    }

    pub fn from(self) -> Month {
        self.from
    }

    pub fn to(self) -> Month {
        self.to
    }

    /// How many months it holds.
    pub fn len(self) -> u32 {
        self.from.count_to(self.to)
    }

    /// Never empty: a range holds at least its one month.
    pub fn is_empty(self) -> bool {
        false
    }

    /// Every month, in order.
    pub fn months(self) -> Vec<Month> {
        std::iter::successors(Some(self.from), |m| (*m < self.to).then(|| m.next())).collect()
    }

    /// Whether the instant falls in one of its months.
    pub fn contains(self, at: OffsetDateTime) -> bool {
        let month = Month::of(at.to_offset(time::UtcOffset::UTC).date());
        self.from <= month && month <= self.to
    }

    /// The stored-timestamp bounds: `start <= column < end`.
    pub(crate) fn bounds(self) -> (String, String) {
        (self.from.start(), self.to.next().start())
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    fn m(text: &str) -> Month {
        Month::parse(text).unwrap()
    }

    #[test]
    fn only_yyyy_mm_is_a_month() {
        assert_eq!(m("2026-03"), Month::new(2026, 3).unwrap());
        assert_eq!(m("2026-03").to_string(), "2026-03");
        for bad in ["2026-3", "2026-13", "2026-00", "26-03", "2026/03", "2026-03-01", "", "２０２６-03", "+026-03"]
        {
            assert_eq!(Month::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Month::parse("9999-01"), None, "a month after the last must exist");
    }

    #[test]
    fn months_step_over_years() {
        assert_eq!(m("2026-12").next(), m("2027-01"));
        assert_eq!(m("2026-03").minus(11), m("2025-04"));
        assert_eq!(m("2026-01").minus(1), m("2025-12"));
        assert_eq!(m("2026-01").minus(24), m("2024-01"));
        assert_eq!(m("2025-04").count_to(m("2026-03")), 12);
        assert_eq!(m("2026-04").count_to(m("2026-03")), 0);
        assert_eq!(Month::of(date!(2026 - 11 - 28)), m("2026-11"));
        assert_eq!(m("2024-02").first_day(), date!(2024 - 02 - 01));
    }

    #[test]
    fn a_range_lists_its_months_and_bounds_timestamps_as_stored() {
        let range = MonthRange::year_to(m("2026-02"));
        assert_eq!(range.from(), m("2025-03"));
        assert_eq!(range.len(), 12);
        let months = range.months();
        assert_eq!((months.len(), months[0], months[11]), (12, m("2025-03"), m("2026-02")));
        assert_eq!(
            range.bounds(),
            ("2025-03-01T00:00:00.000000Z".to_owned(), "2026-03-01T00:00:00.000000Z".to_owned())
        );
        assert!(range.contains(datetime!(2026-02-28 23:59:59.999999 UTC)));
        assert!(!range.contains(datetime!(2026-03-01 00:00 UTC)));
        // An instant is placed by its UTC month, as it is stored.
        assert!(range.contains(datetime!(2026-03-01 01:00 +02:00)));
        assert_eq!(MonthRange::new(m("2026-03"), m("2026-02")), None);
        assert_eq!(MonthRange::new(m("2026-03"), m("2026-03")).unwrap().months(), [m("2026-03")]);
    }
}
