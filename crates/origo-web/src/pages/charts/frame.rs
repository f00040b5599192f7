//! What vertical ([`super::bar`]) and horizontal ([`super::hbar`]) bars share, written once: the scale laid along
//! the plot's length, the opening of the `<svg>` with its title, description and labelled gridlines, each bar's
//! stacked parts and its `<title>`, and the closing baseline with the legend. The two charts only place these
//! along their own direction.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::axis::Axis;
use super::{Chart, Fmt, Group, coord, esc, share};

/// The chart's round scale laid along `length` units of the plot.
pub(super) struct Scale {
    axis: Axis,
    length: f64,
}

impl Scale {
    /// The scale for `chart`'s largest total over `length` units.
    pub fn new(chart: &Chart, length: f64) -> Scale {
        Scale { axis: Axis::new(chart.max(), chart.whole), length }
    }

    /// How far `value` reaches from the plot's start.
    pub fn extent(&self, value: Decimal) -> f64 {
        share(value, self.axis.top) * self.length
    }
}

/// Where a gridline goes and where its label is written.
pub(super) struct Gridline {
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub label_at: (f64, f64),
    /// The label's placement attributes (`dy="4" text-anchor="end"`).
    pub label_attrs: &'static str,
}

/// Opens the chart: the `<svg>` of `kind` (a CSS class) and `width` × `height` units with its `<title>` and
/// `<desc>`, the gridlines at each tick of `scale` (`place` turns a tick's extent into its line and label), and the
/// group the bars go in.
pub(super) fn open(
    chart: &Chart,
    kind: &str,
    (width, height): (u32, u32),
    fmt: Fmt<'_>,
    scale: &Scale,
    place: impl Fn(f64) -> Gridline,
) -> String {
    let id = esc(chart.id);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart {kind}\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title>\
         <desc id=\"{id}-desc\">{}</desc>",
        esc(&chart.title),
        esc(&chart.description(fmt)),
    );
    out.push_str("<g class=\"chart-axis\" aria-hidden=\"true\">");
    for tick in scale.axis.ticks() {
        let line = place(scale.extent(tick));
        let _ = write!(
            out,
            "<line class=\"chart-grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\
             <text class=\"chart-tick\" x=\"{}\" y=\"{}\" {}>{}</text>",
            coord(line.from.0),
            coord(line.from.1),
            coord(line.to.0),
            coord(line.to.1),
            coord(line.label_at.0),
            coord(line.label_at.1),
            line.label_attrs,
            esc(&fmt(tick)),
        );
    }
    out.push_str("</g><g class=\"chart-data\">");
    out
}

/// Opens one bar's group with its `<title>` ("March 2026: 5"), the tooltip of the whole bar.
pub(super) fn open_bar(out: &mut String, group: &Group, fmt: Fmt<'_>) {
    let _ = write!(out, "<g><title>{}: {}</title>", esc(&group.name), esc(&fmt(group.total())));
}

/// One series' part of a stacked bar: where it starts and how far it reaches along the scale.
pub(super) struct Part {
    pub class: &'static str,
    pub start: f64,
    pub extent: f64,
}

/// The parts of `group`, one per series with a positive value, each starting where the previous ended.
pub(super) fn stack(chart: &Chart, group: &Group, scale: &Scale) -> Vec<Part> {
    let mut start = 0.0;
    let mut parts = Vec::new();
    for (series, value) in chart.series.iter().zip(&group.values) {
        if *value <= Decimal::ZERO {
            continue;
        }
        let extent = scale.extent(*value);
        parts.push(Part { class: series.class, start, extent });
        start += extent;
    }
    parts
}

/// A rectangle of a series' colour.
pub(super) fn rect(out: &mut String, class: &str, (x, y): (f64, f64), (width, height): (f64, f64)) {
    let _ = write!(
        out,
        "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
        esc(class),
        coord(x),
        coord(y),
        coord(width),
        coord(height),
    );
}

/// Closes the bars' group and the `<svg>` after the baseline from `from` to `to`, and adds the HTML legend of a
/// chart with several series.
pub(super) fn close(mut out: String, chart: &Chart, from: (f64, f64), to: (f64, f64)) -> String {
    let _ = write!(
        out,
        "</g><line class=\"chart-baseline\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" aria-hidden=\"true\"/></svg>",
        coord(from.0),
        coord(from.1),
        coord(to.0),
        coord(to.1),
    );
    if chart.series.len() > 1 {
        out.push_str("<ul class=\"chart-legend\">");
        for series in &chart.series {
            let _ = write!(
                out,
                "<li><span class=\"swatch {}\" aria-hidden=\"true\"></span>{}</li>",
                esc(series.class),
                esc(&series.name)
            );
        }
        out.push_str("</ul>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{chart, plain};
    use super::*;

    #[test]
    fn parts_are_stacked_end_to_start_and_zeros_left_out() {
        let data = chart(&["a", "b", "c"], &[("Mar", &[2, 0, 6])]);
        let scale = Scale::new(&data, 100.0);
        let parts = stack(&data, &data.groups[0], &scale);
        let placed: Vec<(&str, f64, f64)> = parts.iter().map(|p| (p.class, p.start, p.extent)).collect();
        // The scale of 8 (step 2) over 100 units: 2 is 25 units, 6 is 75, starting where the first ended.
        assert_eq!(placed, [("c1", 0.0, 25.0), ("c3", 25.0, 75.0)]);
    }

    #[test]
    fn the_frame_opens_with_title_description_and_labelled_gridlines_and_closes_with_the_legend() {
        let data = chart(&["a", "b"], &[("Mar", &[1, 1])]);
        let scale = Scale::new(&data, 10.0);
        let place = |at: f64| Gridline { from: (at, 0.0), to: (at, 5.0), label_at: (at, 9.0), label_attrs: "dy=\"1\"" };
        let out = open(&data, "chart-test", (100, 50), &plain, &scale, place);
        assert!(out.contains("viewBox=\"0 0 100 50\"") && out.contains("class=\"chart chart-test\""), "{out}");
        assert!(out.contains("<desc id=\"test-chart-desc\">Mar in full: 2 (a 1, b 1)</desc>"), "{out}");
        assert!(out.contains("x1=\"5.0\" y1=\"0.0\" x2=\"5.0\" y2=\"5.0\"/><text class=\"chart-tick\" x=\"5.0\" y=\"9.0\" dy=\"1\">1</text>"), "{out}");
        let svg = close(out, &data, (0.0, 5.0), (10.0, 5.0));
        assert!(svg.ends_with("<li><span class=\"swatch c2\" aria-hidden=\"true\"></span>b</li></ul>"), "{svg}");
        let svg = &svg[..svg.find("<ul").unwrap()];
        super::super::xml_check::well_formed(svg).unwrap();
    }
}
