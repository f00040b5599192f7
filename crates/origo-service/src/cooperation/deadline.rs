//! Deadline arithmetic, pure: a reply period of N months from the day a request was received ends on the same
//! day N months later, or on that month's last day when it is shorter (31 August + 6 months = 28 February, or 29
//! in a leap year). A reply on the deadline day is in time.

use time::{Date, Month};

/// `day` plus `months` calendar months, the day of the month clamped to the last day of the month reached.
/// `None` only past the calendar's end (year 9999).
pub fn add_months(day: Date, months: u32) -> Option<Date> {
    let index = i64::from(day.year()) * 12 + i64::from(u8::from(day.month())) - 1 + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = Month::try_from(u8::try_from(index.rem_euclid(12) + 1).ok()?).ok()?;
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, day.day().min(last)).ok()
}

/// The last day to reply to a request received on `received`, with `months` to reply.
pub fn deadline(received: Date, months: u32) -> Option<Date> {
    add_months(received, months)
}

/// Whole days from `today` to `deadline` (negative once it has passed).
pub fn days_left(today: Date, deadline: Date) -> i64 {
    (deadline - today).whole_days()
}

/// The deadline is `reminder_days` away or fewer and has not passed: time to remind.
pub fn is_due_soon(today: Date, deadline: Date, reminder_days: u32) -> bool {
    (0..=i64::from(reminder_days)).contains(&days_left(today, deadline))
}

/// The deadline has passed.
pub fn is_overdue(today: Date, deadline: Date) -> bool {
    today > deadline
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn six_months_from_the_end_of_august_is_the_end_of_february() {
        assert_eq!(add_months(date!(2025 - 08 - 31), 6), Some(date!(2026 - 02 - 28)));
        // 2028 is a leap year.
        assert_eq!(add_months(date!(2027 - 08 - 31), 6), Some(date!(2028 - 02 - 29)));
        assert_eq!(add_months(date!(2027 - 08 - 30), 6), Some(date!(2028 - 02 - 29)));
        assert_eq!(add_months(date!(2027 - 08 - 28), 6), Some(date!(2028 - 02 - 28)));
    }

    #[test]
    fn a_leap_day_plus_a_year_is_the_last_of_february() {
        assert_eq!(add_months(date!(2028 - 02 - 29), 12), Some(date!(2029 - 02 - 28)));
        assert_eq!(add_months(date!(2028 - 02 - 29), 48), Some(date!(2032 - 02 - 29)));
        assert_eq!(add_months(date!(2028 - 02 - 29), 6), Some(date!(2028 - 08 - 29)));
        // 2100 is not a leap year (divisible by 100, not by 400); 2000 was.
        assert_eq!(add_months(date!(2099 - 08 - 31), 6), Some(date!(2100 - 02 - 28)));
        assert_eq!(add_months(date!(1999 - 08 - 31), 6), Some(date!(2000 - 02 - 29)));
    }

    #[test]
    fn months_cross_years_and_keep_the_day_when_it_exists() {
        assert_eq!(add_months(date!(2026 - 05 - 01), 6), Some(date!(2026 - 11 - 01)));
        assert_eq!(add_months(date!(2026 - 10 - 15), 6), Some(date!(2027 - 04 - 15)));
        assert_eq!(add_months(date!(2026 - 12 - 31), 1), Some(date!(2027 - 01 - 31)));
        assert_eq!(add_months(date!(2026 - 01 - 31), 1), Some(date!(2026 - 02 - 28)));
        assert_eq!(add_months(date!(2026 - 03 - 31), 1), Some(date!(2026 - 04 - 30)));
        assert_eq!(add_months(date!(2026 - 05 - 17), 0), Some(date!(2026 - 05 - 17)));
        assert_eq!(add_months(date!(2026 - 05 - 17), 36), Some(date!(2029 - 05 - 17)));
        assert_eq!(add_months(date!(9999 - 12 - 01), 1), None);
    }

    #[test]
    fn the_deadline_day_is_in_time_and_the_next_is_overdue() {
        let deadline = deadline(date!(2025 - 08 - 31), 6).unwrap();
        assert_eq!(deadline, date!(2026 - 02 - 28));
        assert!(!is_overdue(date!(2026 - 02 - 28), deadline));
        assert!(is_overdue(date!(2026 - 03 - 01), deadline));
        assert_eq!(days_left(date!(2026 - 01 - 29), deadline), 30);
        assert!(is_due_soon(date!(2026 - 01 - 29), deadline, 30));
        assert!(!is_due_soon(date!(2026 - 01 - 28), deadline, 30));
        assert!(is_due_soon(date!(2026 - 02 - 28), deadline, 30));
        assert!(!is_due_soon(date!(2026 - 03 - 01), deadline, 30));
    }
}
