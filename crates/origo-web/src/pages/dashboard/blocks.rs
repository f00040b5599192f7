//! What the dashboard's template shows for each chart: its heading, the SVG, and the same figures as a table
//! (first column the row's name, then one column per figure), with an optional note under it.

use crate::pages::charts::{Chart, Fmt};

/// A row of a figures table.
#[derive(Debug, Clone)]
pub struct TableRow {
    pub head: String,
    pub cells: Vec<String>,
}

/// One chart with its table.
#[derive(Debug, Clone)]
pub struct ChartBlock {
    /// Unique on the page (the chart's id).
    pub id: &'static str,
    pub heading: String,
    /// The chart's markup, escaped by the chart module (shown with `|safe`).
    pub svg: String,
    pub caption: String,
    /// Every column's heading, the row names' column first.
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
    pub note: Option<String>,
}

/// A part of the dashboard: a heading and its charts.
#[derive(Debug, Clone)]
pub struct Section {
    pub id: &'static str,
    pub heading: &'static str,
    pub blocks: Vec<ChartBlock>,
}

/// The table of a chart's own figures: each series' value, and the total when there are several series.
pub fn table_of(chart: &Chart, first_column: &str, total: &str, fmt: Fmt<'_>) -> (Vec<String>, Vec<TableRow>) {
    let stacked = chart.series.len() > 1;
    let mut columns = vec![first_column.to_owned()];
    columns.extend(chart.series.iter().map(|s| s.name.clone()));
    if stacked {
        columns.push(total.to_owned());
    }
    let rows = chart
        .groups
        .iter()
        .map(|group| {
            let mut cells: Vec<String> = group.values.iter().map(|v| fmt(*v)).collect();
            if stacked {
                cells.push(fmt(group.total()));
            }
            TableRow { head: group.name.clone(), cells }
        })
        .collect();
    (columns, rows)
}

/// A block of `chart` with its own figures as the table.
pub fn block(chart: &Chart, svg: String, first_column: &str, total: &str, caption: String, fmt: Fmt<'_>) -> ChartBlock {
    let (columns, rows) = table_of(chart, first_column, total, fmt);
    ChartBlock { id: chart.id, heading: chart.title.clone(), svg, caption, columns, rows, note: None }
}
