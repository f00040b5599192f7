//! Horizontal bars: one row per group (an HS subheading, a partner country), largest first as given, stacked by
//! series, each with its label on the left and its total written at the end of the bar, on a scale with round
//! steps whose gridlines are labelled under the rows. The label column is as wide as the longest label needs
//! (within bounds), so that short codes leave the bars room and longer names are not cut.

use std::fmt::Write;

use super::frame::{self, Gridline, Scale};
use super::{Chart, Fmt, coord, empty, esc};

const WIDTH: u32 = 480;
/// The narrowest and the widest label column.
const LABEL_MIN: f64 = 40.0;
const LABEL_MAX: f64 = 200.0;
/// About the width of one character of a label (`.chart text` is 12 units high).
const CHAR: f64 = 7.0;
/// Room for the totals after the longest bar.
const RIGHT: f64 = 88.0;
const ROW: f64 = 26.0;
const BAR: f64 = 16.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 22.0;

/// The width of the label column for `chart`'s labels.
fn label_width(chart: &Chart) -> f64 {
    let longest = chart.groups.iter().map(|g| g.label.chars().count()).max().unwrap_or(0);
    (longest as f64 * CHAR + 12.0).clamp(LABEL_MIN, LABEL_MAX)
}

fn plot_width(label: f64) -> f64 {
    f64::from(WIDTH) - label - RIGHT
}

/// The chart as inline SVG with its legend, or the "no data" sentence.
pub fn render(chart: &Chart, fmt: Fmt<'_>) -> String {
    if chart.is_empty() {
        return empty(chart);
    }
    let label = label_width(chart);
    let scale = Scale::new(chart, plot_width(label));
    let rows_bottom = TOP + ROW * chart.groups.len() as f64;
    // Whole units: the height of the viewBox is an integer like its width.
    let height = (rows_bottom + BOTTOM).ceil() as u32;
    let gridline = |extent: f64| Gridline {
        from: (label + extent, TOP),
        to: (label + extent, rows_bottom),
        label_at: (label + extent, rows_bottom + 15.0),
        label_attrs: "text-anchor=\"middle\"",
    };
    let mut out = frame::open(chart, "chart-hbars", (WIDTH, height), fmt, &scale, gridline);
    for (index, group) in chart.groups.iter().enumerate() {
        let row_top = TOP + ROW * index as f64;
        let middle = coord(row_top + ROW / 2.0);
        frame::open_bar(&mut out, group, fmt);
        let _ = write!(
            out,
            "<text class=\"chart-label\" x=\"{}\" y=\"{middle}\" dy=\"4\" text-anchor=\"end\">{}</text>",
            coord(label - 6.0),
            esc(&group.label),
        );
        let mut right = label;
        for part in frame::stack(chart, group, &scale) {
            frame::rect(&mut out, part.class, (label + part.start, row_top + (ROW - BAR) / 2.0), (part.extent, BAR));
            right = label + part.start + part.extent;
        }
        let _ = write!(
            out,
            "<text class=\"chart-value\" x=\"{}\" y=\"{middle}\" dy=\"4\">{}</text></g>",
            coord(right + 6.0),
            esc(&fmt(group.total())),
        );
    }
    frame::close(out, chart, (label, TOP), (label, rows_bottom))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{chart, plain};
    use super::super::xml_check::well_formed;
    use super::*;

    fn widths(svg: &str) -> Vec<f64> {
        svg.split("<rect ")
            .skip(1)
            .map(|rect| {
                let at = rect.find("width=\"").unwrap() + 7;
                rect[at..at + rect[at..].find('"').unwrap()].parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn bar_lengths_are_proportional_and_every_row_says_its_total() {
        let svg = render(&chart(&["items"], &[("9403.60", &[10]), ("6109.10", &[5]), ("0806.20", &[1])]), &plain);
        let w = widths(&svg);
        // Scale 0-10 (step 5): 10 fills the plot, 5 half of it, 1 a tenth. Labels of 7 characters: 61 units.
        assert!((w[0] - plot_width(61.0)).abs() < 0.1, "{w:?}");
        assert!((w[1] * 2.0 - w[0]).abs() < 0.3 && (w[2] * 10.0 - w[0]).abs() < 0.5, "{w:?}");
        assert!(svg.contains("text-anchor=\"end\">9403.60</text>"), "{svg}");
        for total in ["10", "5", "1"] {
            assert!(svg.contains(&format!("dy=\"4\">{total}</text></g>")), "{total}: {svg}");
        }
        // Three rows: the viewBox grows with them.
        assert!(svg.contains("viewBox=\"0 0 480 108\""), "{svg}");
        well_formed(&svg).unwrap();
    }

    #[test]
    fn stacked_rows_continue_where_the_previous_series_ended() {
        let svg = render(&chart(&["in time", "late", "open"], &[("DE", &[2, 1, 1]), ("FR", &[0, 0, 2])]), &plain);
        let w = widths(&svg);
        assert_eq!(w.len(), 4, "zero parts are not drawn: {svg}");
        assert!((w[0] - 2.0 * w[1]).abs() < 0.3 && (w[2] - w[1]).abs() < 0.1 && (w[3] - 2.0 * w[1]).abs() < 0.3);
        let x_of = |n: usize| -> f64 {
            let rect = svg.split("<rect ").nth(n + 1).unwrap();
            let at = rect.find(" x=\"").unwrap() + 4;
            rect[at..at + rect[at..].find('"').unwrap()].parse().unwrap()
        };
        assert!((x_of(0) - LABEL_MIN).abs() < 0.1, "two-letter labels: the narrowest column");
        assert!((x_of(1) - (LABEL_MIN + w[0])).abs() < 0.2, "the second part starts at the end of the first");
        assert!(svg.contains("<li><span class=\"swatch c3\" aria-hidden=\"true\"></span>open</li>"), "{svg}");
        well_formed(&svg).unwrap();
    }

    #[test]
    fn the_label_column_fits_the_longest_label_within_bounds() {
        let short = chart(&["x"], &[("DE", &[1])]);
        assert_eq!(label_width(&short), LABEL_MIN);
        let long = chart(&["x"], &[("DE", &[1]), ("Automatic approval", &[2])]);
        assert_eq!(label_width(&long), 18.0 * CHAR + 12.0);
        let huge = chart(&["x"], &[(&"x".repeat(100), &[1])]);
        assert_eq!(label_width(&huge), LABEL_MAX);
    }

    #[test]
    fn labels_are_escaped_and_empty_data_is_a_sentence() {
        let svg = render(&chart(&["x"], &[("<script>", &[3])]), &plain);
        assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script>"), "{svg}");
        well_formed(&svg).unwrap();
        assert_eq!(render(&chart(&["x"], &[]), &plain), "<p class=\"chart-empty\">No data for this period</p>");
    }
}
