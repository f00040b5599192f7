//! Charts drawn on the server as inline SVG, small enough to write by hand (no chart crate: what is drawn here is
//! rectangles, lines and text, and every text must be the page's language and number format).
//!
//! - [`bar`]: vertical bars, one per month (or band), stacked when there are several series;
//! - [`hbar`]: horizontal bars, one per row (HS codes, partner countries), stacked likewise;
//! - [`axis`]: the "nice" scale both use (0, 2, 4, 6, 8 rather than 0, 1.75, 3.5 ...);
//! - `frame`: what both draw alike (the scale along the plot, the `<svg>` with its title, description and
//!   gridlines, the stacked parts of a bar, the baseline and the legend), so that they differ only in direction.
//!
//! What every chart is: an `<svg role="img">` whose `<title>` is the chart's title and whose `<desc>` says every
//! figure in words ("March 2026: 5 (general form 3, CT-1 2)"), so a screen reader gets the data, not a picture;
//! sized by `viewBox` only, so it scales to the width of a phone; coloured by CSS classes (`c1` ... `c6` in
//! `assets/origo.css`), never `style` attributes, which the pages' CSP forbids; every text escaped here. A legend
//! follows in HTML (it wraps on a phone, an SVG legend would not). With nothing to draw (no rows, or every value
//! zero) a chart is one paragraph saying so, never an empty frame. The page puts a table of the same figures under
//! each chart (`templates/dashboard.html`).

pub mod axis;
pub mod bar;
mod frame;
pub mod hbar;
#[cfg(test)]
mod xml_check;

use std::fmt::Write;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Formats a value as the page's language writes it (`ctx.decimal`).
pub type Fmt<'a> = &'a dyn Fn(Decimal) -> String;

/// One series: the CSS class of its colour (`c1` ... `c6`) and its name in the legend.
#[derive(Debug, Clone)]
pub struct Series {
    pub class: &'static str,
    pub name: String,
}

/// One bar (a month, a band, an HS code ...): its label, the value of each series in the order of
/// [`Chart::series`], and the text of its total.
#[derive(Debug, Clone)]
pub struct Group {
    /// Drawn on the axis ("Mar", "9403.60").
    pub label: String,
    /// A second line under the label (the year under January and the first month), if any.
    pub sublabel: Option<String>,
    /// The label in full for the description ("March 2026").
    pub name: String,
    pub values: Vec<Decimal>,
}

impl Group {
    /// The bar's total.
    pub fn total(&self) -> Decimal {
        self.values.iter().copied().sum()
    }
}

/// A chart's data and texts, already in the page's language.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Unique on the page: the ids of the title and description start with it.
    pub id: &'static str,
    pub title: String,
    pub series: Vec<Series>,
    pub groups: Vec<Group>,
    /// Said instead of the chart when there is nothing to draw.
    pub no_data: String,
    /// Whether the values are whole numbers (counts): the scale then never steps by less than one.
    pub whole: bool,
    /// Whether a zero is a figure to draw (a median of 0 days: answered the day it came) rather than nothing
    /// having happened; then only a chart without bars is empty.
    pub zero_is_data: bool,
}

impl Chart {
    /// Whether there is nothing to draw: no bar, or every value zero (or less) unless zeros are figures.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() || (!self.zero_is_data && self.groups.iter().all(|g| g.total() <= Decimal::ZERO))
    }

    /// The largest total.
    fn max(&self) -> Decimal {
        self.groups.iter().map(Group::total).max().unwrap_or_default()
    }

    /// Every figure in words: "March 2026: 5 (general form 3, CT-1 2); April 2026: 0".
    pub fn description(&self, fmt: Fmt<'_>) -> String {
        let mut out = String::new();
        for (index, group) in self.groups.iter().enumerate() {
            if index > 0 {
                out.push_str("; ");
            }
            let _ = write!(out, "{}: {}", group.name, fmt(group.total()));
            if self.series.len() > 1 {
                let parts: Vec<String> = self
                    .series
                    .iter()
                    .zip(&group.values)
                    .map(|(series, value)| format!("{} {}", series.name, fmt(*value)))
                    .collect();
                let _ = write!(out, " ({})", parts.join(", "));
            }
        }
        out
    }
}

/// `text` escaped for XML text and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate, with one decimal place.
fn coord(value: f64) -> String {
    format!("{value:.1}")
}

/// `value` as a share of `top` (0 to 1), for geometry only: figures are never read back from it.
fn share(value: Decimal, top: Decimal) -> f64 {
    if top <= Decimal::ZERO {
        return 0.0;
    }
    (value / top).to_f64().unwrap_or(0.0).clamp(0.0, 1.0)
}

/// What a chart with nothing to draw is.
fn empty(chart: &Chart) -> String {
    format!("<p class=\"chart-empty\">{}</p>", esc(&chart.no_data))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Plain figures, for tests.
    pub fn plain(value: Decimal) -> String {
        value.normalize().to_string()
    }

    pub fn chart(series: &[&str], groups: &[(&str, &[i64])]) -> Chart {
        Chart {
            id: "test-chart",
            title: "Certificates <issued> & \"revoked\"".into(),
            series: series
                .iter()
                .zip(["c1", "c2", "c3"])
                .map(|(name, class)| Series { class, name: (*name).into() })
                .collect(),
            groups: groups
                .iter()
                .map(|(label, values)| Group {
                    label: (*label).into(),
                    sublabel: None,
                    name: format!("{label} in full"),
                    values: values.iter().map(|v| Decimal::from(*v)).collect(),
                })
                .collect(),
            no_data: "No data for this period".into(),
            whole: true,
            zero_is_data: false,
        }
    }

    #[test]
    fn the_description_says_every_figure_and_each_series_when_stacked() {
        let one = chart(&["issued"], &[("Mar", &[5]), ("Apr", &[0])]);
        assert_eq!(one.description(&plain), "Mar in full: 5; Apr in full: 0");
        let two = chart(&["general", "CT-1"], &[("Mar", &[3, 2])]);
        assert_eq!(two.description(&plain), "Mar in full: 5 (general 3, CT-1 2)");
    }

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(esc(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn nothing_to_draw_is_a_sentence() {
        assert!(chart(&["x"], &[]).is_empty());
        assert!(chart(&["x"], &[("Mar", &[0]), ("Apr", &[0])]).is_empty());
        assert!(!chart(&["x"], &[("Mar", &[0]), ("Apr", &[1])]).is_empty());
        let mut same_day = chart(&["days"], &[("DE", &[0])]);
        same_day.zero_is_data = true;
        assert!(!same_day.is_empty(), "a median of zero days is a figure");
        same_day.groups.clear();
        assert!(same_day.is_empty());
        assert_eq!(empty(&chart(&["x"], &[])), "<p class=\"chart-empty\">No data for this period</p>");
    }
}
