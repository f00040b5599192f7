//! The service's clock: the one place that reads the time, so that a change and its audit record carry the same
//! instant and tests can fix or move the time.

use std::sync::{Arc, Mutex};

use time::{Date, OffsetDateTime};

/// The system clock, or a settable one for tests.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    fixed: Option<Arc<Mutex<OffsetDateTime>>>,
}

impl Clock {
    /// The system's UTC time.
    pub fn system() -> Clock {
        Clock { fixed: None }
    }

    /// A clock that stands at `at` until [`Clock::set`] moves it.
    pub fn fixed(at: OffsetDateTime) -> Clock {
        Clock { fixed: Some(Arc::new(Mutex::new(at))) }
    }

    /// Moves a fixed clock (no effect on the system clock).
    pub fn set(&self, at: OffsetDateTime) {
        if let Some(fixed) = &self.fixed {
            *fixed.lock().unwrap_or_else(|e| e.into_inner()) = at;
        }
    }

    /// Now, in UTC. Truncated to microseconds: stored timestamps keep no more, so a value read back compares equal.
    pub fn now(&self) -> OffsetDateTime {
        let now = match &self.fixed {
            Some(fixed) => *fixed.lock().unwrap_or_else(|e| e.into_inner()),
            None => OffsetDateTime::now_utc(),
        };
        now.replace_nanosecond(now.nanosecond() / 1000 * 1000).unwrap_or(now)
    }

    /// Today, in UTC.
    pub fn today(&self) -> Date {
        self.now().date()
    }
}

/// A `time` date as a documents-layer date.
pub fn doc_date(day: Date) -> origo_documents::Date {
    origo_documents::Date::new(day.year() as u16, u8::from(day.month()), day.day())
        .expect("a calendar date from `time` is a valid date")
}
