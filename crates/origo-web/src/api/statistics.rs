//! The dashboard's figures as JSON (`GET /api/v1/statistics/dashboard`): the same parts `/dashboard` charts, for
//! the same period rules, each `null` when the caller's role may not read it (the service's decision). Counts are
//! numbers; money is a decimal string, summed exactly per currency and never across currencies.

use origo_service::dashboard::{CertificateFigures, Dashboard, PeriodQuery};
use origo_store::statistics::{
    BANDS, CurrencyTop, HsItems, HsValue, IssuedInMonth, RiskDistribution, RouteCount, StatusChangesInMonth,
    SubmittedInMonth, TopHsCodes,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::cooperation::CountryStatisticsOut;

/// `?from=YYYY-MM&to=YYYY-MM`: `to` defaults to this month, `from` to eleven months before `to`; at most 60 months.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DashboardQuery {
    /// The first month, `YYYY-MM`.
    pub from: Option<String>,
    /// The last month, `YYYY-MM`.
    pub to: Option<String>,
}

impl From<DashboardQuery> for PeriodQuery {
    fn from(query: DashboardQuery) -> PeriodQuery {
        PeriodQuery { from: query.from, to: query.to }
    }
}

/// Applications submitted in one month.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubmittedOut {
    /// `YYYY-MM`.
    pub month: String,
    pub submitted: u64,
}

/// Certificates issued in one month, per kind (replacements included).
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedOut {
    /// `YYYY-MM`.
    pub month: String,
    pub non_preferential: u64,
    pub ct1: u64,
    pub ct_uz: u64,
    pub total: u64,
}

/// Certificates revoked and replaced in one month.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusChangesOut {
    /// `YYYY-MM`.
    pub month: String,
    pub revoked: u64,
    pub replaced: u64,
}

/// One HS subheading's goods items on the first certificates issued in the period.
#[derive(Debug, Serialize, ToSchema)]
pub struct HsItemsOut {
    /// Six digits.
    pub hs_code: String,
    pub items: u64,
    /// On how many certificates.
    pub certificates: u64,
}

/// One HS subheading's invoiced value in one currency.
#[derive(Debug, Serialize, ToSchema)]
pub struct HsValueOut {
    pub hs_code: String,
    /// The items with a value in this currency.
    pub items: u64,
    /// Exact decimal sum, as a string (`"1001.00"`: the scale of the values is kept).
    pub value: String,
}

/// The subheadings with the largest values in one currency.
#[derive(Debug, Serialize, ToSchema)]
pub struct CurrencyTopOut {
    /// ISO 4217, as the exporters gave it.
    pub currency: String,
    /// Every item with a value in this currency (not only the top ones').
    pub items: u64,
    /// Their exact total, a decimal string.
    pub total: String,
    /// Largest first; ties by HS code; at most 10.
    pub top: Vec<HsValueOut>,
}

/// The HS subheadings most certified (each application's goods once, on its first certificate).
#[derive(Debug, Serialize, ToSchema)]
pub struct HsCodesOut {
    /// Every goods item counted.
    pub items: u64,
    /// Most items first; ties by HS code; at most 10.
    pub by_items: Vec<HsItemsOut>,
    /// One entry per currency, the currency with the most items first.
    pub by_value: Vec<CurrencyTopOut>,
}

/// Certificates over time and the goods they certified.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificatesOut {
    pub issued: Vec<IssuedOut>,
    pub status_changes: Vec<StatusChangesOut>,
    pub hs_codes: HsCodesOut,
}

/// Applications in one band of risk scores.
#[derive(Debug, Serialize, ToSchema)]
pub struct BandOut {
    /// The band's lower bound (`"0.4"`), included.
    pub from: String,
    /// Its upper bound (`"0.5"`), excluded except for the top band, which holds 1.00.
    pub to: String,
    pub applications: u64,
}

/// The applications routed one way.
#[derive(Debug, Serialize, ToSchema)]
pub struct RouteOut {
    /// `automatic_approval`, `documentary_check` or `inspection`.
    pub route: String,
    pub applications: u64,
    /// Of those, sent there by the random selection rather than by their score.
    pub randomly_selected: u64,
}

/// How the applications assessed in the period were scored and routed (each once, its latest assessment).
#[derive(Debug, Serialize, ToSchema)]
pub struct RiskOut {
    pub assessed: u64,
    /// Ten bands of a tenth, lowest first.
    pub bands: Vec<BandOut>,
    /// Every route, zero counts included.
    pub routes: Vec<RouteOut>,
}

/// `GET /api/v1/statistics/dashboard`: each part is `null` when the caller's role may not read it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardOut {
    /// The first month of the period, `YYYY-MM`.
    pub from: String,
    /// The last month, `YYYY-MM`.
    pub to: String,
    /// Per month of the period, months without any as zero.
    pub applications: Option<Vec<SubmittedOut>>,
    pub risk: Option<RiskOut>,
    pub certificates: Option<CertificatesOut>,
    /// Verification requests received in the period, per partner country (a foreign authority: its own only).
    pub cooperation: Option<Vec<CountryStatisticsOut>>,
}

fn decimal(value: Decimal) -> String {
    value.to_string()
}

impl From<SubmittedInMonth> for SubmittedOut {
    fn from(m: SubmittedInMonth) -> SubmittedOut {
        SubmittedOut { month: m.month.to_string(), submitted: m.submitted }
    }
}

impl From<IssuedInMonth> for IssuedOut {
    fn from(m: IssuedInMonth) -> IssuedOut {
        let i = m.issued;
        IssuedOut {
            month: m.month.to_string(),
            non_preferential: i.non_preferential,
            ct1: i.ct1,
            ct_uz: i.ct_uz,
            total: i.total(),
        }
    }
}

impl From<StatusChangesInMonth> for StatusChangesOut {
    fn from(m: StatusChangesInMonth) -> StatusChangesOut {
        StatusChangesOut { month: m.month.to_string(), revoked: m.revoked, replaced: m.replaced }
    }
}

impl From<HsItems> for HsItemsOut {
    fn from(h: HsItems) -> HsItemsOut {
        HsItemsOut { hs_code: h.hs_code, items: h.items, certificates: h.certificates }
    }
}

impl From<HsValue> for HsValueOut {
    fn from(h: HsValue) -> HsValueOut {
        HsValueOut { hs_code: h.hs_code, items: h.items, value: decimal(h.value) }
    }
}

impl From<CurrencyTop> for CurrencyTopOut {
    fn from(c: CurrencyTop) -> CurrencyTopOut {
        CurrencyTopOut {
            currency: c.currency,
            items: c.items,
            total: decimal(c.total),
            top: c.top.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<TopHsCodes> for HsCodesOut {
    fn from(t: TopHsCodes) -> HsCodesOut {
        HsCodesOut {
            items: t.items,
            by_items: t.by_items.into_iter().map(Into::into).collect(),
            by_value: t.by_value.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<CertificateFigures> for CertificatesOut {
    fn from(c: CertificateFigures) -> CertificatesOut {
        CertificatesOut {
            issued: c.issued.into_iter().map(Into::into).collect(),
            status_changes: c.status_changes.into_iter().map(Into::into).collect(),
            hs_codes: c.hs_codes.into(),
        }
    }
}

impl From<RouteCount> for RouteOut {
    fn from(r: RouteCount) -> RouteOut {
        RouteOut {
            route: r.route.as_str().to_owned(),
            applications: r.applications,
            randomly_selected: r.randomly_selected,
        }
    }
}

/// The bounds of band `index` (0 to 9) as written: `"0.4"` to `"0.5"`, the last to `"1.0"`.
fn band_bounds(index: usize) -> (String, String) {
    let tenth = |n: usize| Decimal::new(n as i64, 1).to_string();
    (tenth(index), tenth(index + 1))
}

impl From<RiskDistribution> for RiskOut {
    fn from(r: RiskDistribution) -> RiskOut {
        let bands = (0..BANDS)
            .map(|index| {
                let (from, to) = band_bounds(index);
                BandOut { from, to, applications: r.bands[index] }
            })
            .collect();
        RiskOut { assessed: r.assessed, bands, routes: r.routes.into_iter().map(Into::into).collect() }
    }
}

impl From<Dashboard> for DashboardOut {
    fn from(d: Dashboard) -> DashboardOut {
        DashboardOut {
            from: d.period.from().to_string(),
            to: d.period.to().to_string(),
            applications: d.applications.map(|months| months.into_iter().map(Into::into).collect()),
            risk: d.risk.map(Into::into),
            certificates: d.certificates.map(Into::into),
            cooperation: d.cooperation.map(|countries| countries.into_iter().map(Into::into).collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_written_as_tenths() {
        assert_eq!(band_bounds(0), ("0.0".into(), "0.1".into()));
        assert_eq!(band_bounds(4), ("0.4".into(), "0.5".into()));
        assert_eq!(band_bounds(BANDS - 1), ("0.9".into(), "1.0".into()));
    }
}
