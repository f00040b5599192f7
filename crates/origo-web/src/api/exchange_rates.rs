//! Reference exchange rates: units of the configured currency per 1 unit of a currency, from a day on.

use origo_service::exchange_rates::RateInput;
use origo_store::exchange_rates::ExchangeRate;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::common::date_text;

/// `POST /api/v1/exchange-rates`: one rate.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExchangeRateIn {
    /// ISO 4217 (`EUR`), not the configured currency.
    pub currency: String,
    /// YYYY-MM-DD: the rate holds from this day until the currency's next rate.
    pub date: String,
    /// A decimal string greater than 0: units of the configured currency per 1 unit of `currency` (`"1.0850"`).
    pub rate: String,
    /// Where the figure comes from.
    pub source: String,
}

impl From<ExchangeRateIn> for RateInput {
    fn from(r: ExchangeRateIn) -> RateInput {
        RateInput { currency: r.currency, date: r.date, rate: r.rate, source: r.source }
    }
}

/// A recorded rate.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExchangeRateOut {
    pub id: Uuid,
    pub currency: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// Decimal string.
    pub rate: String,
    pub source: String,
    pub created_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
}

impl From<ExchangeRate> for ExchangeRateOut {
    fn from(r: ExchangeRate) -> ExchangeRateOut {
        ExchangeRateOut {
            id: r.id,
            currency: r.currency,
            date: date_text(r.day),
            rate: r.rate.to_string(),
            source: r.source,
            created_by: r.created_by,
            created_at: r.created_at,
        }
    }
}

/// `GET /api/v1/exchange-rates`: the newest 1000 rates (of one currency with `?currency=`), newest day first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExchangeRateList {
    /// The currency the rates convert into (`display.currency` of the risk configuration).
    pub configured_currency: String,
    pub items: Vec<ExchangeRateOut>,
}

/// `?currency=` of the list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ExchangeRateQuery {
    /// ISO 4217.
    pub currency: Option<String>,
}
