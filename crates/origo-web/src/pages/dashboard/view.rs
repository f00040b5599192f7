//! The dashboard's figures as the page shows them: each part of [`Dashboard`] the caller may read becomes a
//! section of charts, every text in the page's language and every number in its format.

use origo_service::cooperation::statistics::CountryStatistics;
use origo_service::dashboard::{CertificateFigures, Dashboard};
use origo_store::risk_assessments::RiskRoute;
use origo_store::statistics::{BANDS, CurrencyTop, Month, RiskDistribution, SubmittedInMonth};
use rust_decimal::{Decimal, RoundingStrategy};

use super::blocks::{ChartBlock, Section, TableRow, block};
use super::months;
use crate::pages::charts::{Chart, Group, Series, bar, hbar};
use crate::pages::context::PageCtx;

/// The colour classes of the series (assets/origo.css).
const BLUE: &str = "c1";
const TEAL: &str = "c2";
const AMBER: &str = "c3";
const RED: &str = "c4";
const PURPLE: &str = "c5";

fn count(value: u64) -> Decimal {
    Decimal::from(value)
}

/// The columns of the partner countries' table.
const PARTNER_COLUMNS: [&str; 8] = [
    "dashboard.column.country",
    "dashboard.column.requests",
    "dashboard.column.answered",
    "dashboard.partners.in_time",
    "dashboard.column.share_in_time",
    "dashboard.partners.open",
    "dashboard.column.overdue",
    "dashboard.column.median",
];

/// The columns of the HS codes' table by items.
const HS_COLUMNS: [&str; 3] =
    ["dashboard.column.hs_code", "dashboard.hs.items.series", "dashboard.column.certificates"];

/// A figure as the language writes it, without trailing zeros (`5`, `34.5`).
fn figure(ctx: &PageCtx, value: Decimal) -> String {
    ctx.decimal(&value.normalize())
}

/// "9403.60" for the stored "940360".
pub fn hs_label(code: &str) -> String {
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}.{}", &code[..4], &code[4..])
    } else {
        code.to_owned()
    }
}

/// One bar per month: the short name on the axis, the year under January and under the first month.
fn month_groups(ctx: &PageCtx, months: Vec<(Month, Vec<Decimal>)>) -> Vec<Group> {
    months
        .into_iter()
        .enumerate()
        .map(|(index, (month, values))| Group {
            label: months::short(ctx.lang, month).to_owned(),
            sublabel: (index == 0 || month.number() == 1).then(|| month.year().to_string()),
            name: months::full(ctx.lang, month),
            values,
        })
        .collect()
}

fn series(class: &'static str, name: &str) -> Series {
    Series { class, name: name.to_owned() }
}

fn no_data(ctx: &PageCtx) -> String {
    ctx.t("dashboard.no_data").to_owned()
}

/// A chart of monthly bars with its table.
fn monthly(ctx: &PageCtx, chart: Chart) -> ChartBlock {
    let fmt = |v: Decimal| figure(ctx, v);
    let svg = bar::render(&chart, &fmt);
    let caption = chart.title.clone();
    block(&chart, svg, ctx.t("dashboard.column.month"), ctx.t("dashboard.column.total"), caption, &fmt)
}

fn applications_block(ctx: &PageCtx, submitted: &[SubmittedInMonth]) -> ChartBlock {
    let months = submitted.iter().map(|m| (m.month, vec![count(m.submitted)])).collect();
    monthly(
        ctx,
        Chart {
            id: "chart-applications",
            title: ctx.t("dashboard.applications.title").to_owned(),
            series: vec![series(BLUE, ctx.t("dashboard.applications.series"))],
            groups: month_groups(ctx, months),
            no_data: no_data(ctx),
            whole: true,
            zero_is_data: false,
        },
    )
}

fn certificate_blocks(ctx: &PageCtx, figures: &CertificateFigures) -> Vec<ChartBlock> {
    let issued = figures
        .issued
        .iter()
        .map(|m| (m.month, vec![count(m.issued.non_preferential), count(m.issued.ct1), count(m.issued.ct_uz)]))
        .collect();
    let changes = figures.status_changes.iter().map(|m| (m.month, vec![count(m.revoked), count(m.replaced)])).collect();
    vec![
        monthly(
            ctx,
            Chart {
                id: "chart-certificates",
                title: ctx.t("dashboard.certificates.title").to_owned(),
                series: vec![
                    series(BLUE, ctx.t("dashboard.kind.non_preferential")),
                    series(TEAL, ctx.t("dashboard.kind.ct1")),
                    series(AMBER, ctx.t("dashboard.kind.ct_uz")),
                ],
                groups: month_groups(ctx, issued),
                no_data: no_data(ctx),
                whole: true,
                zero_is_data: false,
            },
        ),
        monthly(
            ctx,
            Chart {
                id: "chart-status-changes",
                title: ctx.t("dashboard.status_changes.title").to_owned(),
                series: vec![
                    series(RED, ctx.t("dashboard.status.revoked")),
                    series(PURPLE, ctx.t("dashboard.status.replaced")),
                ],
                groups: month_groups(ctx, changes),
                no_data: no_data(ctx),
                whole: true,
                zero_is_data: false,
            },
        ),
    ]
}

fn route_key(route: RiskRoute) -> &'static str {
    match route {
        RiskRoute::AutomaticApproval => "dashboard.route.automatic_approval",
        RiskRoute::DocumentaryCheck => "dashboard.route.documentary_check",
        RiskRoute::Inspection => "dashboard.route.inspection",
    }
}

fn risk_blocks(ctx: &PageCtx, risk: &RiskDistribution) -> Vec<ChartBlock> {
    let fmt = |v: Decimal| figure(ctx, v);
    let tenth = |n: usize| ctx.decimal(&Decimal::new(i64::try_from(n).unwrap_or(0), 1));
    let bands = Chart {
        id: "chart-risk-bands",
        title: ctx.t("dashboard.risk.bands.title").to_owned(),
        series: vec![series(BLUE, ctx.t("dashboard.risk.bands.series"))],
        groups: (0..BANDS)
            .map(|band| Group {
                label: tenth(band),
                sublabel: None,
                name: ctx.t_with("dashboard.risk.band", &[("from", &tenth(band)), ("to", &tenth(band + 1))]),
                values: vec![count(risk.bands[band])],
            })
            .collect(),
        no_data: no_data(ctx),
        whole: true,
        zero_is_data: false,
    };
    let svg = bar::render(&bands, &fmt);
    let caption = bands.title.clone();
    let mut bands_block =
        block(&bands, svg, ctx.t("dashboard.column.score"), ctx.t("dashboard.column.total"), caption, &fmt);
    bands_block.note = Some(ctx.t_with("dashboard.risk.assessed", &[("count", &ctx.integer(risk.assessed))]));

    let routes = Chart {
        id: "chart-risk-routes",
        title: ctx.t("dashboard.risk.routes.title").to_owned(),
        series: vec![series(TEAL, ctx.t("dashboard.risk.by_score")), series(AMBER, ctx.t("dashboard.risk.at_random"))],
        groups: risk
            .routes
            .iter()
            .map(|r| Group {
                label: ctx.t(route_key(r.route)).to_owned(),
                sublabel: None,
                name: ctx.t(route_key(r.route)).to_owned(),
                values: vec![count(r.applications - r.randomly_selected), count(r.randomly_selected)],
            })
            .collect(),
        no_data: no_data(ctx),
        whole: true,
        zero_is_data: false,
    };
    let svg = hbar::render(&routes, &fmt);
    let caption = routes.title.clone();
    let routes_block =
        block(&routes, svg, ctx.t("dashboard.column.route"), ctx.t("dashboard.column.total"), caption, &fmt);
    vec![bands_block, routes_block]
}

/// The share of `part` in `whole` in whole percent, as the language writes it; a dash when `whole` is zero.
fn percent(ctx: &PageCtx, part: u64, whole: u64) -> String {
    if whole == 0 {
        return ctx.t("dashboard.none").to_owned();
    }
    let share = (count(part) * Decimal::ONE_HUNDRED / count(whole))
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    ctx.t_with("dashboard.percent", &[("share", &ctx.decimal(&share))])
}

fn cooperation_blocks(ctx: &PageCtx, countries: &[CountryStatistics]) -> Vec<ChartBlock> {
    let fmt = |v: Decimal| figure(ctx, v);
    let requests = Chart {
        id: "chart-partners",
        title: ctx.t("dashboard.partners.title").to_owned(),
        series: vec![
            series(TEAL, ctx.t("dashboard.partners.in_time")),
            series(AMBER, ctx.t("dashboard.partners.late")),
            series(BLUE, ctx.t("dashboard.partners.open")),
        ],
        groups: countries
            .iter()
            .map(|c| Group {
                label: c.country.clone(),
                sublabel: None,
                name: c.country.clone(),
                values: vec![count(c.answered_in_time), count(c.answered - c.answered_in_time), count(c.open)],
            })
            .collect(),
        no_data: no_data(ctx),
        whole: true,
        zero_is_data: false,
    };
    let days = |d: Decimal| ctx.t_with("dashboard.days", &[("days", &figure(ctx, d))]);
    let requests_block = ChartBlock {
        id: requests.id,
        heading: requests.title.clone(),
        svg: hbar::render(&requests, &fmt),
        caption: requests.title.clone(),
        columns: PARTNER_COLUMNS.into_iter().map(|key| ctx.t(key).to_owned()).collect(),
        rows: countries
            .iter()
            .map(|c| TableRow {
                head: c.country.clone(),
                cells: vec![
                    ctx.integer(c.requests),
                    ctx.integer(c.answered),
                    ctx.integer(c.answered_in_time),
                    percent(ctx, c.answered_in_time, c.answered),
                    ctx.integer(c.open),
                    ctx.integer(c.overdue),
                    c.median_turnaround_days.map_or_else(|| ctx.t("dashboard.none").to_owned(), days),
                ],
            })
            .collect(),
        note: None,
    };
    let turnaround = Chart {
        id: "chart-turnaround",
        title: ctx.t("dashboard.turnaround.title").to_owned(),
        series: vec![series(TEAL, ctx.t("dashboard.turnaround.series"))],
        groups: countries
            .iter()
            .filter_map(|c| {
                c.median_turnaround_days.map(|median| Group {
                    label: c.country.clone(),
                    sublabel: None,
                    name: c.country.clone(),
                    values: vec![median],
                })
            })
            .collect(),
        no_data: ctx.t("dashboard.turnaround.none").to_owned(),
        whole: false,
        zero_is_data: true,
    };
    let svg = hbar::render(&turnaround, &fmt);
    let caption = turnaround.title.clone();
    let turnaround_block =
        block(&turnaround, svg, ctx.t("dashboard.column.country"), ctx.t("dashboard.column.total"), caption, &days);
    vec![requests_block, turnaround_block]
}

fn hs_blocks(ctx: &PageCtx, figures: &CertificateFigures) -> Vec<ChartBlock> {
    let fmt = |v: Decimal| figure(ctx, v);
    let top = &figures.hs_codes;
    let items = Chart {
        id: "chart-hs-items",
        title: ctx.t("dashboard.hs.items.title").to_owned(),
        series: vec![series(BLUE, ctx.t("dashboard.hs.items.series"))],
        groups: top
            .by_items
            .iter()
            .map(|h| Group {
                label: hs_label(&h.hs_code),
                sublabel: None,
                name: hs_label(&h.hs_code),
                values: vec![count(h.items)],
            })
            .collect(),
        no_data: no_data(ctx),
        whole: true,
        zero_is_data: false,
    };
    let mut items_block = ChartBlock {
        id: items.id,
        heading: items.title.clone(),
        svg: hbar::render(&items, &fmt),
        caption: items.title.clone(),
        columns: HS_COLUMNS.into_iter().map(|key| ctx.t(key).to_owned()).collect(),
        rows: top
            .by_items
            .iter()
            .map(|h| TableRow {
                head: hs_label(&h.hs_code),
                cells: vec![ctx.integer(h.items), ctx.integer(h.certificates)],
            })
            .collect(),
        note: None,
    };
    items_block.note = Some(ctx.t_with("dashboard.hs.items.note", &[("count", &ctx.integer(top.items))]));
    let mut blocks = vec![items_block];
    let currencies = top.by_value.iter().take(VALUE_CHARTS.len()).enumerate();
    blocks.extend(currencies.map(|(index, currency)| value_block(ctx, index, currency)));
    blocks
}

/// The chart ids of the value charts, one per currency: the page shows the currencies with the most items, at
/// most this many.
const VALUE_CHARTS: [&str; 4] = ["chart-hs-value-1", "chart-hs-value-2", "chart-hs-value-3", "chart-hs-value-4"];

fn value_block(ctx: &PageCtx, index: usize, currency: &CurrencyTop) -> ChartBlock {
    let fmt = |v: Decimal| figure(ctx, v);
    let money = |v: Decimal| ctx.decimal(&v);
    let chart = Chart {
        id: VALUE_CHARTS[index.min(VALUE_CHARTS.len() - 1)],
        title: ctx.t_with("dashboard.hs.value.title", &[("currency", &currency.currency)]),
        series: vec![series(TEAL, &ctx.t_with("dashboard.hs.value.series", &[("currency", &currency.currency)]))],
        groups: currency
            .top
            .iter()
            .map(|h| Group {
                label: hs_label(&h.hs_code),
                sublabel: None,
                name: hs_label(&h.hs_code),
                values: vec![h.value],
            })
            .collect(),
        no_data: no_data(ctx),
        whole: false,
        zero_is_data: false,
    };
    ChartBlock {
        id: chart.id,
        heading: chart.title.clone(),
        svg: hbar::render(&chart, &fmt),
        caption: chart.title.clone(),
        columns: vec![
            ctx.t("dashboard.column.hs_code").to_owned(),
            chart.series[0].name.clone(),
            ctx.t("dashboard.hs.items.series").to_owned(),
        ],
        rows: currency
            .top
            .iter()
            .map(|h| TableRow { head: hs_label(&h.hs_code), cells: vec![money(h.value), ctx.integer(h.items)] })
            .collect(),
        note: Some(ctx.t_with(
            "dashboard.hs.value.note",
            &[
                ("total", &money(currency.total)),
                ("currency", &currency.currency),
                ("count", &ctx.integer(currency.items)),
            ],
        )),
    }
}

/// The sections the caller may read, in the page's order.
pub fn sections(ctx: &PageCtx, dashboard: &Dashboard) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut activity = Vec::new();
    if let Some(submitted) = &dashboard.applications {
        activity.push(applications_block(ctx, submitted));
    }
    if let Some(certificates) = &dashboard.certificates {
        activity.extend(certificate_blocks(ctx, certificates));
    }
    if !activity.is_empty() {
        sections.push(Section { id: "activity", heading: ctx.t("dashboard.section.activity"), blocks: activity });
    }
    if let Some(risk) = &dashboard.risk {
        sections.push(Section { id: "risk", heading: ctx.t("dashboard.section.risk"), blocks: risk_blocks(ctx, risk) });
    }
    if let Some(countries) = &dashboard.cooperation {
        let blocks = cooperation_blocks(ctx, countries);
        sections.push(Section { id: "cooperation", heading: ctx.t("dashboard.section.cooperation"), blocks });
    }
    if let Some(certificates) = &dashboard.certificates {
        let blocks = hs_blocks(ctx, certificates);
        sections.push(Section { id: "hs-codes", heading: ctx.t("dashboard.section.hs_codes"), blocks });
    }
    sections
}

#[cfg(test)]
mod tests {
    use origo_service::dashboard::PeriodProblem;

    use super::*;
    use crate::pages::i18n::Lang;

    /// The keys chosen at run time: the catalogue test finds only the keys written in calls of `t`.
    #[test]
    fn every_key_of_every_table_is_in_every_catalogue() {
        let mut keys: Vec<&str> = PARTNER_COLUMNS.into_iter().chain(HS_COLUMNS).collect();
        keys.extend(RiskRoute::ALL.iter().map(|r| route_key(*r)));
        keys.extend(
            [PeriodProblem::NotAMonth, PeriodProblem::FromAfterTo, PeriodProblem::TooLong]
                .into_iter()
                .map(super::super::problem_key),
        );
        for key in keys {
            for lang in Lang::ALL {
                assert!(crate::pages::i18n::lookup(lang, key).is_some(), "{key} in {}", lang.code());
            }
        }
    }

    #[test]
    fn hs_codes_are_written_with_a_dot_after_the_heading() {
        assert_eq!(hs_label("940360"), "9403.60");
        assert_eq!(hs_label("9403"), "9403");
    }

    #[test]
    fn shares_are_whole_percent_in_the_languages_format() {
        let en = PageCtx::for_tests(Lang::En);
        assert_eq!(percent(&en, 2, 3), "67%");
        assert_eq!(percent(&en, 0, 0), "—");
        let ru = PageCtx::for_tests(Lang::Ru);
        assert_eq!(percent(&ru, 1, 8), "13\u{a0}%");
    }
}
