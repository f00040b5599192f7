//! Conversions at the store boundary: the portable schema holds only text, bigint and bytes (what the `Any`
//! driver reads on both backends); the row types hold uuids, timestamps, dates, decimals, booleans and JSON.
//!
//! Timestamps are written as RFC 3339 UTC with exactly six fractional digits (`2026-05-01T09:30:00.000000Z`), so
//! that text order is time order and an index on a timestamp column sorts correctly on both backends.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{Date, OffsetDateTime, UtcOffset};
use uuid::Uuid;

use crate::error::StoreError;

const TIMESTAMP: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");
const DATE: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// A fresh time-ordered id.
pub(crate) fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// A timestamp as stored.
pub(crate) fn ts(at: OffsetDateTime) -> String {
    at.to_offset(UtcOffset::UTC).format(TIMESTAMP).expect("a UTC timestamp always formats")
}

/// A date as stored.
pub(crate) fn date(day: Date) -> String {
    day.format(DATE).expect("a date always formats")
}

pub(crate) fn opt_ts(at: Option<OffsetDateTime>) -> Option<String> {
    at.map(ts)
}

pub(crate) fn opt_date(day: Option<Date>) -> Option<String> {
    day.map(date)
}

pub(crate) fn opt_dec(value: Option<Decimal>) -> Option<String> {
    value.map(|v| v.to_string())
}

pub(crate) fn flag(value: bool) -> i64 {
    i64::from(value)
}

pub(crate) fn opt_flag(value: Option<bool>) -> Option<i64> {
    value.map(flag)
}

/// A value as JSON text (row data, consignments, scopes).
pub(crate) fn json<T: Serialize + ?Sized>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Database(format!("cannot encode JSON: {e}")))
}

/// Typed reads from a row; a malformed value is a [`StoreError::Database`] naming the column.
pub(crate) trait RowExt {
    fn text(&self, column: &str) -> Result<String, StoreError>;
    fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError>;
    fn int(&self, column: &str) -> Result<i64, StoreError>;
    fn opt_int(&self, column: &str) -> Result<Option<i64>, StoreError>;
    fn bytes(&self, column: &str) -> Result<Option<Vec<u8>>, StoreError>;

    fn id(&self, column: &str) -> Result<Uuid, StoreError> {
        parse_id(column, &self.text(column)?)
    }

    fn opt_id(&self, column: &str) -> Result<Option<Uuid>, StoreError> {
        self.opt_text(column)?.map(|t| parse_id(column, &t)).transpose()
    }

    fn ts(&self, column: &str) -> Result<OffsetDateTime, StoreError> {
        parse_ts(column, &self.text(column)?)
    }

    fn opt_ts(&self, column: &str) -> Result<Option<OffsetDateTime>, StoreError> {
        self.opt_text(column)?.map(|t| parse_ts(column, &t)).transpose()
    }

    fn date(&self, column: &str) -> Result<Date, StoreError> {
        parse_date(column, &self.text(column)?)
    }

    fn opt_date(&self, column: &str) -> Result<Option<Date>, StoreError> {
        self.opt_text(column)?.map(|t| parse_date(column, &t)).transpose()
    }

    fn dec(&self, column: &str) -> Result<Decimal, StoreError> {
        parse_dec(column, &self.text(column)?)
    }

    fn opt_dec(&self, column: &str) -> Result<Option<Decimal>, StoreError> {
        self.opt_text(column)?.map(|t| parse_dec(column, &t)).transpose()
    }

    fn flag(&self, column: &str) -> Result<bool, StoreError> {
        parse_flag(column, self.int(column)?)
    }

    fn opt_flag(&self, column: &str) -> Result<Option<bool>, StoreError> {
        self.opt_int(column)?.map(|v| parse_flag(column, v)).transpose()
    }

    /// A text column holding one of an enum's names.
    fn parsed<T: FromStr>(&self, column: &str) -> Result<T, StoreError>
    where
        T::Err: std::fmt::Display,
    {
        self.text(column)?.parse().map_err(|e| StoreError::corrupt(column, e))
    }

    fn json<T: DeserializeOwned>(&self, column: &str) -> Result<T, StoreError> {
        serde_json::from_str(&self.text(column)?).map_err(|e| StoreError::corrupt(column, e))
    }

    fn opt_json<T: DeserializeOwned>(&self, column: &str) -> Result<Option<T>, StoreError> {
        self.opt_text(column)?.map(|t| serde_json::from_str(&t).map_err(|e| StoreError::corrupt(column, e))).transpose()
    }
}

impl RowExt for AnyRow {
    fn text(&self, column: &str) -> Result<String, StoreError> {
        self.try_get(column).map_err(|e| StoreError::corrupt(column, e))
    }

    fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError> {
        self.try_get(column).map_err(|e| StoreError::corrupt(column, e))
    }

    fn int(&self, column: &str) -> Result<i64, StoreError> {
        self.try_get(column).map_err(|e| StoreError::corrupt(column, e))
    }

    fn opt_int(&self, column: &str) -> Result<Option<i64>, StoreError> {
        self.try_get(column).map_err(|e| StoreError::corrupt(column, e))
    }

    fn bytes(&self, column: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.try_get(column).map_err(|e| StoreError::corrupt(column, e))
    }
}

fn parse_id(column: &str, text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|e| StoreError::corrupt(column, e))
}

pub(crate) fn parse_ts(column: &str, text: &str) -> Result<OffsetDateTime, StoreError> {
    time::PrimitiveDateTime::parse(text, TIMESTAMP).map(|t| t.assume_utc()).map_err(|e| StoreError::corrupt(column, e))
}

fn parse_date(column: &str, text: &str) -> Result<Date, StoreError> {
    Date::parse(text, DATE).map_err(|e| StoreError::corrupt(column, e))
}

fn parse_dec(column: &str, text: &str) -> Result<Decimal, StoreError> {
    Decimal::from_str_exact(text).or_else(|_| Decimal::from_str(text)).map_err(|e| StoreError::corrupt(column, e))
}

fn parse_flag(column: &str, value: i64) -> Result<bool, StoreError> {
    match value {
        0 => Ok(false),
        1 => Ok(true),
        other => Err(StoreError::corrupt(column, format!("{other} is not 0 or 1"))),
    }
}

/// An enum stored as text: its names in the database, `as_str`, `FromStr`, `Display` and serde, all alike.
macro_rules! text_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),*
        }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The name as stored.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),*
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            fn from_str(text: &str) -> Result<$name, String> {
                match text {
                    $($text => Ok($name::$variant),)*
                    other => Err(format!("`{other}` is not a {}", stringify!($name))),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use text_enum;

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn timestamps_are_fixed_width_utc_and_round_trip() {
        let at = datetime!(2026-05-01 12:30:00.5 +02:00);
        let text = ts(at);
        assert_eq!(text, "2026-05-01T10:30:00.500000Z");
        assert_eq!(parse_ts("at", &text).unwrap(), at);
    }

    #[test]
    fn sub_microsecond_digits_are_cut_not_rounded_into_another_second() {
        let at = datetime!(2026-05-01 23:59:59.9999999 UTC);
        assert_eq!(ts(at), "2026-05-01T23:59:59.999999Z");
    }
}
