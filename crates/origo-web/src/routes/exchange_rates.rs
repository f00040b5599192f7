//! Reference exchange rates: officers and the administrator read them, the administrator adds them (a CSV file
//! is uploaded on the admin page, `/admin/exchange-rates`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::api::exchange_rates::{ExchangeRateIn, ExchangeRateList, ExchangeRateOut, ExchangeRateQuery};
use crate::error::{ApiResult, ErrorEnvelope};
use crate::extract::{ApiJson, ApiQuery, Auth};
use crate::state::AppState;

/// The rates, newest day first (at most 1000), optionally of one currency (officers, auditors, administrator).
#[utoipa::path(get, path = "/api/v1/exchange-rates", tag = "risk", params(ExchangeRateQuery),
    responses((status = 200, body = ExchangeRateList), (status = "4XX", body = ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<ExchangeRateQuery>,
) -> ApiResult<Json<ExchangeRateList>> {
    let rates = state.service.exchange_rates(&caller, query.currency.as_deref()).await?;
    Ok(Json(ExchangeRateList {
        configured_currency: state.service.configured_currency().to_owned(),
        items: rates.into_iter().map(ExchangeRateOut::from).collect(),
    }))
}

/// The administrator adds one rate (audited); a second rate of the currency on the same day is
/// `409 duplicate_exchange_rate`.
#[utoipa::path(post, path = "/api/v1/exchange-rates", tag = "risk", request_body = ExchangeRateIn,
    responses((status = 201, body = ExchangeRateOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn add(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(request): ApiJson<ExchangeRateIn>,
) -> ApiResult<(StatusCode, Json<ExchangeRateOut>)> {
    let added = state.service.add_exchange_rate(&caller, &request.into()).await?;
    Ok((StatusCode::CREATED, Json(added.into())))
}
