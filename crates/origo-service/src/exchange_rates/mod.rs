//! Reference exchange rates for the risk engine (docs/RISK.md, "Exchange rates"): the administrator adds a rate or
//! uploads a CSV file of them (every row checked first, nothing written when one is wrong), officers and the
//! read-only roles read them; each rate is audited. The risk history and facts convert values into the configured
//! currency with [`RateTable`].
//!
//! - [`currencies`]: the active ISO 4217 codes.
//! - [`parse`]: one rate from text, with the wrong field named.
//! - [`csv`]: the uploaded file, with per-row errors.
//! - [`table`]: the conversion (most recent rate on or before the day; rounding to cents).

pub mod csv;
pub mod currencies;
pub mod parse;
pub mod table;

use origo_store::exchange_rates::{self, ExchangeRate, NewExchangeRate};
use origo_store::{StoreError, Tx};

pub use csv::RowError;
pub use parse::{FieldError, RateInput};
pub use table::RateTable;

use crate::access::Caller;
use crate::policy::{Action, Denied, Resource};
use crate::service::Service;

/// At most this many rates in one list.
pub const LIST_LIMIT: u32 = 1000;

/// Why an exchange-rate operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeRateError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("{}: {}", .0.field, .0.message)]
    Invalid(FieldError),
    /// Rows of an uploaded file that cannot be read (nothing was written).
    #[error("{} row(s) of the file cannot be read; nothing was written", .0.len())]
    Rows(Vec<RowError>),
    /// A rate of this currency on this day is already recorded.
    #[error("a rate of {currency} on {day} is already recorded")]
    Duplicate { currency: String, day: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

const UNIQUE: &str = "exchange_rates_currency_day_key";

impl Service {
    /// The configured currency rates convert into (`display.currency` of the risk configuration).
    pub fn configured_currency(&self) -> &str {
        &self.config.risk.config().display.currency
    }

    /// Rates, newest first, optionally of one currency.
    pub async fn exchange_rates(
        &self,
        caller: &Caller,
        currency: Option<&str>,
    ) -> Result<Vec<ExchangeRate>, ExchangeRateError> {
        caller.may(Action::ReadExchangeRates, &Resource::default())?;
        let mut conn = self.store.conn().await?;
        let currency = currency.map(str::trim).filter(|c| !c.is_empty()).map(str::to_ascii_uppercase);
        Ok(exchange_rates::list(&mut conn, currency.as_deref(), LIST_LIMIT).await?)
    }

    /// The administrator adds one rate.
    pub async fn add_exchange_rate(
        &self,
        caller: &Caller,
        input: &RateInput,
    ) -> Result<ExchangeRate, ExchangeRateError> {
        caller.may(Action::ManageExchangeRates, &Resource::default())?;
        let new = parse::parse(input, self.configured_currency()).map_err(ExchangeRateError::Invalid)?;
        let mut tx = self.store.begin().await?;
        let actor = caller.audit_actor(self.clock.now());
        let added = exchange_rates::add(&mut tx, &actor, &new).await.map_err(|e| duplicate(e, &new))?;
        tx.commit().await?;
        Ok(added)
    }

    /// The administrator uploads a CSV file `currency,date,rate` whose rates all carry `source`: every rate or
    /// none, in one transaction.
    pub async fn import_exchange_rates(
        &self,
        caller: &Caller,
        text: &str,
        source: &str,
    ) -> Result<Vec<ExchangeRate>, ExchangeRateError> {
        caller.may(Action::ManageExchangeRates, &Resource::default())?;
        let rates = csv::read(text, source, self.configured_currency()).map_err(ExchangeRateError::Rows)?;
        let mut tx = self.store.begin().await?;
        check_not_recorded(&mut tx, &rates).await?;
        let actor = caller.audit_actor(self.clock.now());
        let mut added = Vec::with_capacity(rates.len());
        for new in &rates {
            added.push(exchange_rates::add(&mut tx, &actor, new).await.map_err(|e| duplicate(e, new))?);
        }
        tx.commit().await?;
        Ok(added)
    }
}

/// Every row whose currency and day are already recorded, as row errors (rows counted from 1 after the header).
async fn check_not_recorded(tx: &mut Tx, rates: &[NewExchangeRate]) -> Result<(), ExchangeRateError> {
    let mut currencies: Vec<String> = rates.iter().map(|r| r.currency.clone()).collect();
    currencies.sort();
    currencies.dedup();
    let Some(last) = rates.iter().map(|r| r.day).max() else { return Ok(()) };
    let recorded = exchange_rates::up_to(tx, &currencies, last).await?;
    let errors: Vec<RowError> = rates
        .iter()
        .enumerate()
        .filter(|(_, new)| recorded.iter().any(|r| r.currency == new.currency && r.day == new.day))
        .map(|(i, new)| RowError {
            row: i + 1,
            field: "date",
            message: format!("a rate of {} on {} is already recorded", new.currency, new.day),
        })
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(ExchangeRateError::Rows(errors)) }
}

fn duplicate(error: StoreError, new: &NewExchangeRate) -> ExchangeRateError {
    if error.is_unique(UNIQUE) {
        ExchangeRateError::Duplicate { currency: new.currency.clone(), day: new.day.to_string() }
    } else {
        ExchangeRateError::Store(error)
    }
}
