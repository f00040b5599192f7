//! Vertical bars: one per group (a month, a score band), stacked by series, on a scale with round steps and
//! gridlines. With more than twelve bars only every second (third ...) label is written and the totals above the
//! bars are left out, so that nothing overlaps on a phone; the description and the table keep every figure.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::frame::{self, Gridline, Scale};
use super::{Chart, Fmt, coord, empty, esc};

const WIDTH: u32 = 480;
const HEIGHT: u32 = 240;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 40.0;
/// Labels written at most.
const LABELS: usize = 12;

fn plot_width() -> f64 {
    f64::from(WIDTH) - LEFT - RIGHT
}

fn plot_height() -> f64 {
    f64::from(HEIGHT) - TOP - BOTTOM
}

/// The chart as inline SVG with its legend, or the "no data" sentence.
pub fn render(chart: &Chart, fmt: Fmt<'_>) -> String {
    if chart.is_empty() {
        return empty(chart);
    }
    let scale = Scale::new(chart, plot_height());
    let baseline = TOP + plot_height();
    let gridline = |extent: f64| Gridline {
        from: (LEFT, baseline - extent),
        to: (LEFT + plot_width(), baseline - extent),
        label_at: (LEFT - 6.0, baseline - extent),
        label_attrs: "dy=\"4\" text-anchor=\"end\"",
    };
    let mut out = frame::open(chart, "chart-bars", (WIDTH, HEIGHT), fmt, &scale, gridline);

    let count = chart.groups.len();
    let slot = plot_width() / count as f64;
    let bar = (slot * 0.7).min(48.0);
    let stride = count.div_ceil(LABELS);
    for (index, group) in chart.groups.iter().enumerate() {
        let left = LEFT + slot * index as f64 + (slot - bar) / 2.0;
        let centre = coord(LEFT + slot * index as f64 + slot / 2.0);
        frame::open_bar(&mut out, group, fmt);
        let mut top = baseline;
        for part in frame::stack(chart, group, &scale) {
            top = baseline - part.start - part.extent;
            frame::rect(&mut out, part.class, (left, top), (bar, part.extent));
        }
        if count <= LABELS && group.total() > Decimal::ZERO {
            let _ = write!(
                out,
                "<text class=\"chart-value\" x=\"{centre}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                coord(top - 4.0),
                esc(&fmt(group.total())),
            );
        }
        out.push_str("</g>");
        if index % stride == 0 {
            let _ = write!(
                out,
                "<text class=\"chart-label\" x=\"{centre}\" y=\"{}\" text-anchor=\"middle\" aria-hidden=\"true\">{}",
                coord(baseline + 16.0),
                esc(&group.label),
            );
            if let Some(sub) = &group.sublabel {
                let _ = write!(out, "<tspan x=\"{centre}\" dy=\"14\">{}</tspan>", esc(sub));
            }
            out.push_str("</text>");
        }
    }
    frame::close(out, chart, (LEFT, baseline), (LEFT + plot_width(), baseline))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{chart, plain};
    use super::super::xml_check::well_formed;
    use super::*;

    /// The `height` attributes of the bars, in order.
    fn heights(svg: &str) -> Vec<f64> {
        svg.split("<rect ")
            .skip(1)
            .map(|rect| {
                let at = rect.find("height=\"").unwrap() + 8;
                rect[at..at + rect[at..].find('"').unwrap()].parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn bar_heights_are_proportional_to_the_values_on_the_rounded_scale() {
        let svg = render(&chart(&["issued"], &[("Jan", &[2]), ("Feb", &[8]), ("Mar", &[4]), ("Apr", &[0])]), &plain);
        // The scale goes to 8: the bar of 8 fills the plot, 4 half of it, 2 a quarter; 0 draws nothing.
        let h = heights(&svg);
        assert_eq!(h.len(), 3, "{svg}");
        assert!((h[1] - plot_height()).abs() < 0.1, "{h:?}");
        assert!((h[0] * 4.0 - h[1]).abs() < 0.3 && (h[2] * 2.0 - h[1]).abs() < 0.3, "{h:?}");
        for tick in ["0", "2", "4", "6", "8"] {
            assert!(svg.contains(&format!("text-anchor=\"end\">{tick}</text>")), "tick {tick}: {svg}");
        }
        well_formed(&svg).unwrap();
    }

    #[test]
    fn stacked_series_add_up_and_get_a_legend() {
        let svg = render(&chart(&["general", "CT-1"], &[("Mar", &[3, 1]), ("Apr", &[0, 2])]), &plain);
        let h = heights(&svg);
        assert_eq!(h.len(), 3);
        assert!((h[0] - 3.0 * h[1]).abs() < 0.3 && (h[2] - 2.0 * h[1]).abs() < 0.3, "{h:?}");
        assert!(svg.contains("<rect class=\"c1\"") && svg.contains("<rect class=\"c2\""), "{svg}");
        assert!(svg.contains("<ul class=\"chart-legend\"><li><span class=\"swatch c1\""), "{svg}");
        assert!(svg.contains("<desc id=\"test-chart-desc\">Mar in full: 4 (general 3, CT-1 1); Apr in full: 2"));
        well_formed(&svg).unwrap();
    }

    #[test]
    fn the_svg_is_accessible_scales_and_escapes_its_texts() {
        let mut data = chart(&["x"], &[("<b>&", &[1])]);
        data.groups[0].sublabel = Some("2026 \"Q1\"".into());
        let svg = render(&data, &plain);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-bars\" viewBox=\"0 0 480 240\" role=\"img\" aria-labelledby=\"test-chart-title test-chart-desc\">"), "{svg}");
        assert!(
            svg.contains(
                "<title id=\"test-chart-title\">Certificates &lt;issued&gt; &amp; &quot;revoked&quot;</title>"
            )
        );
        assert!(svg.contains(">&lt;b&gt;&amp;<tspan"), "{svg}");
        assert!(svg.contains("2026 &quot;Q1&quot;"), "{svg}");
        assert!(!svg.contains("style") && !svg.contains(" width=\"480\""), "no inline style, no fixed size: {svg}");
        well_formed(&svg).unwrap();
    }

    #[test]
    fn many_bars_keep_every_figure_but_fewer_labels() {
        let values: Vec<i64> = (1..=60).collect();
        let groups: Vec<(String, Vec<i64>)> = values.iter().map(|v| (format!("m{v}"), vec![*v])).collect();
        let refs: Vec<(&str, &[i64])> = groups.iter().map(|(l, v)| (l.as_str(), v.as_slice())).collect();
        let svg = render(&chart(&["x"], &refs), &plain);
        assert_eq!(heights(&svg).len(), 60);
        assert_eq!(svg.matches("class=\"chart-label\"").count(), 12);
        assert_eq!(svg.matches("class=\"chart-value\"").count(), 0);
        assert!(svg.contains("m60 in full: 60"));
        well_formed(&svg).unwrap();
    }

    #[test]
    fn no_data_is_a_sentence_not_an_empty_frame() {
        let html = render(&chart(&["x"], &[("Jan", &[0]), ("Feb", &[0])]), &plain);
        assert_eq!(html, "<p class=\"chart-empty\">No data for this period</p>");
    }
}
