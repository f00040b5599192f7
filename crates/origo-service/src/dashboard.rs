//! The dashboard's figures for a period of calendar months (the last twelve unless chosen): applications
//! submitted per month and the risk distribution; certificates issued per month by kind, revoked and replaced per
//! month, and the HS subheadings most certified (by items, and by value per currency); verification requests per
//! partner country with replies in time and the median turnaround (`cooperation::statistics`).
//!
//! Each part is given to the roles the policy lets read it, and is `None` for the others: the aggregate figures
//! to `Action::ReadStatistics` (officers and the administrator), every partner country's cooperation figures to
//! `Action::ReadCooperationStatistics`, and a foreign authority its own country's only (the requests it may read
//! one by one, `Action::ReadVerificationRequest`). A caller who may read no part is refused. All parts are read
//! in one snapshot, so that they agree with each other.

use origo_store::StoreError;
use origo_store::cooperation;
use origo_store::statistics::{
    self, IssuedInMonth, Month, MonthRange, RiskDistribution, StatusChangesInMonth, SubmittedInMonth, TopHsCodes,
};
use time::Date;

use crate::access::Caller;
use crate::cooperation::statistics::{CountryStatistics, by_country};
use crate::policy::{Action, Denied, Resource};
use crate::service::Service;

/// The longest period shown: five years of monthly bars stay legible.
pub const MAX_MONTHS: u32 = 60;

/// How many HS subheadings the top lists hold.
pub const TOP_HS_CODES: usize = 10;

/// The period as typed (`?from=YYYY-MM&to=YYYY-MM`); empty or absent for the default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeriodQuery {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// What is wrong with a period's field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodProblem {
    /// Not `YYYY-MM`.
    NotAMonth,
    /// `from` is after `to`.
    FromAfterTo,
    /// More than [`MAX_MONTHS`] months.
    TooLong,
}

/// Why the dashboard cannot be shown.
#[derive(Debug, thiserror::Error)]
pub enum DashboardError {
    #[error(transparent)]
    Denied(#[from] Denied),
    /// `field` is `from` or `to`.
    #[error("{field}: {}", problem_text(*.problem))]
    Invalid { field: &'static str, problem: PeriodProblem },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn problem_text(problem: PeriodProblem) -> String {
    match problem {
        PeriodProblem::NotAMonth => "expected a month as YYYY-MM".into(),
        PeriodProblem::FromAfterTo => "the first month is after the last".into(),
        PeriodProblem::TooLong => format!("a period is at most {MAX_MONTHS} months"),
    }
}

/// The months of `query`: `to` defaults to the month of `today`, `from` to eleven months before `to`.
pub fn period(query: &PeriodQuery, today: Date) -> Result<MonthRange, DashboardError> {
    let month = |field: &'static str, text: &Option<String>| -> Result<Option<Month>, DashboardError> {
        match text.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => {
                Month::parse(text).map(Some).ok_or(DashboardError::Invalid { field, problem: PeriodProblem::NotAMonth })
            }
        }
    };
    let from = month("from", &query.from)?;
    let to = month("to", &query.to)?.unwrap_or_else(|| Month::of(today));
    let range = match from {
        None => MonthRange::year_to(to),
        Some(from) => MonthRange::new(from, to)
            .ok_or(DashboardError::Invalid { field: "from", problem: PeriodProblem::FromAfterTo })?,
    };
    if range.len() > MAX_MONTHS {
        return Err(DashboardError::Invalid { field: "from", problem: PeriodProblem::TooLong });
    }
    Ok(range)
}

/// Certificates over time and the goods they certified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateFigures {
    pub issued: Vec<IssuedInMonth>,
    pub status_changes: Vec<StatusChangesInMonth>,
    pub hs_codes: TopHsCodes,
}

/// The dashboard: each part the caller may read, for one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    pub period: MonthRange,
    pub applications: Option<Vec<SubmittedInMonth>>,
    pub risk: Option<RiskDistribution>,
    pub certificates: Option<CertificateFigures>,
    /// Verification requests received in the period, per partner country (a foreign authority: its own only).
    pub cooperation: Option<Vec<CountryStatistics>>,
}

/// Whose verification figures the caller may read.
enum CooperationScope {
    None,
    Every,
    Country(String),
}

fn cooperation_scope(caller: &Caller) -> CooperationScope {
    if caller.may(Action::ReadCooperationStatistics, &Resource::default()).is_ok() {
        return CooperationScope::Every;
    }
    match caller.actor.country.as_deref() {
        Some(country)
            if caller
                .may(
                    Action::ReadVerificationRequest,
                    &Resource { importing_country: Some(country), ..Resource::default() },
                )
                .is_ok() =>
        {
            CooperationScope::Country(country.to_owned())
        }
        _ => CooperationScope::None,
    }
}

impl Service {
    /// The dashboard for `query`'s period. A caller who may read none of its parts is refused before the period
    /// is looked at; a malformed period is `Invalid` with the field named.
    pub async fn dashboard(&self, caller: &Caller, query: &PeriodQuery) -> Result<Dashboard, DashboardError> {
        let aggregate = caller.may(Action::ReadStatistics, &Resource::default());
        let scope = cooperation_scope(caller);
        if let (Err(denied), CooperationScope::None) = (&aggregate, &scope) {
            return Err(denied.clone().into());
        }
        let today = self.clock.today();
        let range = period(query, today)?;
        let mut snapshot = self.store.snapshot().await?;
        let mut dashboard =
            Dashboard { period: range, applications: None, risk: None, certificates: None, cooperation: None };
        if aggregate.is_ok() {
            dashboard.applications = Some(statistics::applications_submitted(&mut snapshot, range).await?);
            dashboard.risk = Some(statistics::risk_distribution(&mut snapshot, range).await?);
            dashboard.certificates = Some(CertificateFigures {
                issued: statistics::certificates_issued(&mut snapshot, range).await?,
                status_changes: statistics::status_changes(&mut snapshot, range).await?,
                hs_codes: statistics::top_hs_codes(&mut snapshot, range, TOP_HS_CODES).await?,
            });
        }
        let country = match scope {
            CooperationScope::None => None,
            CooperationScope::Every => Some(None),
            CooperationScope::Country(country) => Some(Some(country)),
        };
        if let Some(country) = country {
            let rows: Vec<_> = cooperation::statistics_rows(&mut snapshot)
                .await?
                .into_iter()
                .filter(|row| range.contains(row.received_at))
                .filter(|row| country.as_deref().is_none_or(|c| c == row.requesting_country))
                .collect();
            dashboard.cooperation = Some(by_country(&rows, today));
        }
        Ok(dashboard)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn query(from: &str, to: &str) -> PeriodQuery {
        let text = |t: &str| (!t.is_empty()).then(|| t.to_owned());
        PeriodQuery { from: text(from), to: text(to) }
    }

    fn months(range: MonthRange) -> (String, String) {
        (range.from().to_string(), range.to().to_string())
    }

    #[test]
    fn the_default_period_is_the_twelve_months_up_to_this_one() {
        let today = date!(2026 - 11 - 28);
        assert_eq!(months(period(&query("", ""), today).unwrap()), ("2025-12".into(), "2026-11".into()));
        assert_eq!(months(period(&query("", "2026-03"), today).unwrap()), ("2025-04".into(), "2026-03".into()));
        assert_eq!(months(period(&query("2026-09", ""), today).unwrap()), ("2026-09".into(), "2026-11".into()));
        assert_eq!(
            months(period(&query(" 2026-02 ", "2026-02"), today).unwrap()),
            ("2026-02".into(), "2026-02".into())
        );
    }

    #[test]
    fn a_bad_period_names_its_field() {
        let today = date!(2026 - 11 - 28);
        let problem = |from: &str, to: &str| match period(&query(from, to), today) {
            Err(DashboardError::Invalid { field, problem }) => (field, problem),
            other => panic!("{from}..{to}: {other:?}"),
        };
        assert_eq!(problem("2026-13", ""), ("from", PeriodProblem::NotAMonth));
        assert_eq!(problem("march", ""), ("from", PeriodProblem::NotAMonth));
        assert_eq!(problem("", "2026/03"), ("to", PeriodProblem::NotAMonth));
        assert_eq!(problem("2026-05", "2026-04"), ("from", PeriodProblem::FromAfterTo));
        assert_eq!(problem("2020-01", "2026-01"), ("from", PeriodProblem::TooLong));
        assert!(period(&query("2021-02", "2026-01"), today).is_ok(), "sixty months");
        let error = period(&query("x", ""), today).unwrap_err();
        assert_eq!(error.to_string(), "from: expected a month as YYYY-MM");
    }
}
