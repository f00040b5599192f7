//! Shapes shared by several resources: pagination and calendar dates.

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::format_description;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{AppError, Code};

/// Default and largest page sizes.
pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

/// `?limit=&cursor=`: up to `limit` records after the one whose id is `cursor` (the previous page's
/// `next_cursor`).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    /// 1 to 200; 50 when absent.
    pub limit: Option<u32>,
    /// The previous page's `next_cursor`.
    pub cursor: Option<Uuid>,
}

impl PageQuery {
    /// The page size, checked.
    pub fn limit(&self) -> Result<u32, AppError> {
        page_limit(self.limit)
    }
}

/// `?limit=` checked: 1 to 200, 50 when absent.
pub fn page_limit(limit: Option<u32>) -> Result<u32, AppError> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(AppError::field(Code::InvalidParameter, "limit", format!("limit must be 1 to {MAX_LIMIT}"))),
    }
}

/// A page of records, and the cursor of the next page when there is one.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<Uuid>,
}

impl<T> Page<T> {
    /// A page from `fetched`, which was asked for `limit + 1` records: the extra one only says there is more.
    pub fn from_fetched<R>(mut fetched: Vec<R>, limit: u32, id: impl Fn(&R) -> Uuid, map: impl Fn(R) -> T) -> Page<T> {
        let more = fetched.len() > limit as usize;
        fetched.truncate(limit as usize);
        let next_cursor = if more { fetched.last().map(&id) } else { None };
        Page { items: fetched.into_iter().map(map).collect(), next_cursor }
    }
}

/// Reads a `YYYY-MM-DD` date of field `field`.
pub fn parse_date(field: &str, text: &str) -> Result<Date, AppError> {
    Date::parse(text, format_description!("[year]-[month]-[day]"))
        .map_err(|_| AppError::field(Code::ValidationFailed, field, format!("{field}: expected a date YYYY-MM-DD")))
}

/// A date as `YYYY-MM-DD`.
pub fn date_text(date: Date) -> String {
    date.to_string()
}
