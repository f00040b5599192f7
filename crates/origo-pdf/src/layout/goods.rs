//! The goods table, boxes 7 to 13: a heading row (repeated on every page the table continues on) and one row per
//! item, each as tall as its tallest cell.

use origo_documents::certificate::GoodsItem;

use super::block::{Block, Cell, row};
use crate::Language;
use crate::fonts::Face;
use crate::format;
use crate::labels::Label;
use crate::page::{BLACK, CONTENT_WIDTH, Rgb, Style};

const CELL: Style = Style::new(Face::Regular, 7.3, BLACK);
const CELL_BOLD: Style = Style::new(Face::Bold, 7.3, BLACK);
const SHADE: Rgb = Rgb(238, 238, 238);

/// Column widths in points; the description takes what the others leave.
const NO: f32 = 22.0;
const MARKS: f32 = 78.0;
const HS: f32 = 50.0;
const CRITERION: f32 = 42.0;
const QUANTITY: f32 = 82.0;
const INVOICE: f32 = 78.0;
const DESCRIPTION: f32 = CONTENT_WIDTH - NO - MARKS - HS - CRITERION - QUANTITY - INVOICE;

const COLUMNS: [(u8, Label, f32); 7] = [
    (7, Label::ItemNo, NO),
    (8, Label::MarksPackages, MARKS),
    (9, Label::Description, DESCRIPTION),
    (10, Label::HsCode, HS),
    (11, Label::Criterion, CRITERION),
    (12, Label::QuantityWeight, QUANTITY),
    (13, Label::InvoiceValue, INVOICE),
];

/// The heading row of the table.
pub(crate) fn heading(language: Language) -> Block {
    let cells: Vec<_> = COLUMNS
        .iter()
        .map(|&(number, label, width)| (Cell::headed(Some(number), label.bi(language)).column_heading(SHADE), width))
        .collect();
    row(&cells)
}

/// The row of one item.
pub(crate) fn item(item: &GoodsItem, language: Language) -> Block {
    let criterion = item.origin_criterion.as_ref().map_or_else(|| "—".to_owned(), ToString::to_string);
    let texts = [
        (item.item_number.to_string(), CELL),
        (format!("{}\n{}", item.marks, format::packages(&item.packages)), CELL),
        (item.description.clone(), CELL),
        (item.hs_code.to_string(), CELL_BOLD),
        (criterion, CELL),
        (format::quantity(item, language), CELL),
        (format::invoice(item, language), CELL),
    ];
    let cells: Vec<_> = texts
        .into_iter()
        .zip(COLUMNS)
        .map(|((text, style), (_, _, width))| (Cell::default().line(text, style), width))
        .collect();
    row(&cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_columns_fill_the_width_and_the_description_is_the_widest() {
        let total: f32 = COLUMNS.iter().map(|c| c.2).sum();
        assert!((total - CONTENT_WIDTH).abs() < 1e-3);
        assert!(COLUMNS.iter().all(|c| c.2 <= DESCRIPTION));
        const { assert!(DESCRIPTION > 170.0) };
    }
}
