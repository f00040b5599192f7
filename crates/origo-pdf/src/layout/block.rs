//! The building blocks of the form: paragraphs that wrap, framed boxes with a numbered bilingual heading, and
//! rows of boxes of equal height. Each lays out into a [`Block`]: elements relative to its top-left corner and the
//! height it takes, so that pagination can measure before it places.

use crate::fonts::Face;
use crate::labels::Bilingual;
use crate::page::{BLACK, Element, GREY, RULE, Rect, Rgb, Style};
use crate::wrap::wrap;

/// Inner margin of a box, left and right.
pub(crate) const PAD_X: f32 = 3.0;
/// Inner margin of a box, top and bottom.
pub(crate) const PAD_Y: f32 = 2.5;
/// Width of the frames.
const FRAME: f32 = 0.5;

/// A box heading in the chosen language.
pub(crate) const HEADING: Style = Style::new(Face::Regular, 6.3, GREY);
/// The English beneath a heading.
pub(crate) const HEADING_EN: Style = Style::new(Face::Regular, 5.6, GREY);
/// A table column's heading, smaller to fit narrow columns.
const HEADING_SMALL: Style = Style::new(Face::Regular, 5.8, GREY);
const HEADING_SMALL_EN: Style = Style::new(Face::Regular, 5.2, GREY);
/// A value.
pub(crate) const VALUE: Style = Style::new(Face::Regular, 8.0, BLACK);
/// A name or a number that matters.
pub(crate) const VALUE_BOLD: Style = Style::new(Face::Bold, 8.0, BLACK);
/// Statements in the chosen language.
pub(crate) const STATEMENT: Style = Style::new(Face::Regular, 6.8, BLACK);
/// Statements in English beneath.
pub(crate) const STATEMENT_EN: Style = Style::new(Face::Regular, 6.3, GREY);

/// Elements laid out relative to a top-left corner, and the height they take.
#[derive(Clone, Debug, Default)]
pub(crate) struct Block {
    pub(crate) elements: Vec<Element>,
    pub(crate) height: f32,
}

impl Block {
    /// The elements moved to (`x`, `y`).
    pub(crate) fn placed(&self, x: f32, y: f32) -> impl Iterator<Item = Element> + '_ {
        self.elements.iter().map(move |e| translate(e.clone(), x, y))
    }

    /// Appends `other` beneath this block.
    pub(crate) fn stack(&mut self, other: &Block) {
        let y = self.height;
        self.elements.extend(other.placed(0.0, y));
        self.height += other.height;
    }
}

fn translate(element: Element, dx: f32, dy: f32) -> Element {
    match element {
        Element::Text { x, y, text, style } => Element::Text { x: x + dx, y: y + dy, text, style },
        Element::Frame { rect, width, color } => Element::Frame { rect: moved(rect, dx, dy), width, color },
        Element::Fill { rect, color } => Element::Fill { rect: moved(rect, dx, dy), color },
        Element::Qr { x, y, module, symbol } => Element::Qr { x: x + dx, y: y + dy, module, symbol },
        Element::Watermark { text } => Element::Watermark { text },
    }
}

fn moved(rect: Rect, dx: f32, dy: f32) -> Rect {
    Rect { x: rect.x + dx, y: rect.y + dy, ..rect }
}

/// Lines of `text` wrapped to `width`, one after the other from the top of a block.
pub(crate) fn paragraph(text: &str, style: Style, width: f32) -> Block {
    let mut block = Block::default();
    for line in wrap(text, style.face, style.size, width) {
        block.elements.push(Element::Text { x: 0.0, y: block.height + style.ascent(), text: line, style });
        block.height += style.line_height();
    }
    block
}

/// A text in the chosen language, and its English beneath in `english_style` (or nothing more for English).
pub(crate) fn bilingual(text: Bilingual, style: Style, english_style: Style, width: f32) -> Block {
    let mut block = paragraph(text.primary, style, width);
    if let Some(english) = text.english {
        block.stack(&paragraph(english, english_style, width));
    }
    block
}

/// A box of the form: an optional numbered heading, then paragraphs.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cell {
    heading: Option<(Option<u8>, Bilingual)>,
    body: Vec<(String, Style)>,
    shade: Option<Rgb>,
    compact: bool,
}

impl Cell {
    /// A box headed `number. label` with the English beneath.
    pub(crate) fn headed(number: Option<u8>, label: Bilingual) -> Cell {
        Cell { heading: Some((number, label)), ..Cell::default() }
    }

    /// Adds a paragraph; empty text adds nothing.
    pub(crate) fn line(mut self, text: impl Into<String>, style: Style) -> Cell {
        let text = text.into();
        if !text.trim().is_empty() {
            self.body.push((text, style));
        }
        self
    }

    /// A table column's heading: smaller type, shaded background.
    pub(crate) fn column_heading(mut self, color: Rgb) -> Cell {
        self.shade = Some(color);
        self.compact = true;
        self
    }

    /// The box's content at `width` (frame and shading are added by [`row`]).
    fn lay(&self, width: f32) -> Block {
        let inner = width - 2.0 * PAD_X;
        let mut block = Block { elements: Vec::new(), height: PAD_Y };
        if let Some((number, label)) = self.heading {
            let primary = match number {
                Some(n) => format!("{n}. {}", label.primary),
                None => label.primary.to_owned(),
            };
            let (style, english_style) =
                if self.compact { (HEADING_SMALL, HEADING_SMALL_EN) } else { (HEADING, HEADING_EN) };
            block.stack(&paragraph(&primary, style, inner));
            if let Some(english) = label.english {
                block.stack(&paragraph(english, english_style, inner));
            }
            block.height += 1.5;
        }
        for (text, style) in &self.body {
            block.stack(&paragraph(text, *style, inner));
        }
        block.height += PAD_Y;
        Block { elements: block.placed(PAD_X, 0.0).collect(), height: block.height }
    }
}

/// Boxes side by side, `(cell, width)`, framed, all as tall as the tallest.
pub(crate) fn row(cells: &[(Cell, f32)]) -> Block {
    let laid: Vec<Block> = cells.iter().map(|(cell, width)| cell.lay(*width)).collect();
    let height = laid.iter().map(|b| b.height).fold(0.0, f32::max);
    let mut block = Block { elements: Vec::new(), height };
    let mut x = 0.0;
    for ((cell, width), content) in cells.iter().zip(&laid) {
        let rect = Rect { x, y: 0.0, w: *width, h: height };
        if let Some(color) = cell.shade {
            block.elements.push(Element::Fill { rect, color });
        }
        block.elements.push(Element::Frame { rect, width: FRAME, color: RULE });
        block.elements.extend(content.placed(x, 0.0));
        x += width;
    }
    block
}

/// A frame around a block laid out elsewhere, `width` wide, with the inner margins.
pub(crate) fn framed(content: &Block, width: f32) -> Block {
    let height = content.height + 2.0 * PAD_Y;
    let mut block = Block {
        elements: vec![Element::Frame {
            rect: Rect { x: 0.0, y: 0.0, w: width, h: height },
            width: FRAME,
            color: RULE,
        }],
        height,
    };
    block.elements.extend(content.placed(PAD_X, PAD_Y));
    block
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Language;
    use crate::labels::Label;

    #[test]
    fn a_row_is_as_tall_as_its_tallest_box() {
        let short = Cell::headed(Some(5), Label::CountryOfOrigin.bi(Language::Ru)).line("UZ", VALUE);
        let long = Cell::headed(Some(9), Label::Description.bi(Language::Ru)).line("word ".repeat(60), VALUE);
        let block = row(&[(short.clone(), 100.0), (long.clone(), 100.0)]);
        let tall = long.lay(100.0).height;
        assert!(tall > short.lay(100.0).height);
        assert_eq!(block.height, tall);
        let frames: Vec<_> = block.elements.iter().filter(|e| matches!(e, Element::Frame { .. })).collect();
        assert_eq!(frames.len(), 2);
        for frame in frames {
            let Element::Frame { rect, .. } = frame else { unreachable!() };
            assert_eq!(rect.h, tall);
        }
    }

    #[test]
    fn headings_carry_the_number_and_the_english() {
        let block = row(&[(Cell::headed(Some(1), Label::Exporter.bi(Language::Uz)), 300.0)]);
        let texts: Vec<_> = block
            .elements
            .iter()
            .filter_map(|e| if let Element::Text { text, .. } = e { Some(text.as_str()) } else { None })
            .collect();
        assert_eq!(texts, ["1. Eksportyor (nomi, manzili, mamlakati)", "Exporter (name, address, country)"]);
    }
}
