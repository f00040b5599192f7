//! The laid-out page as a list of drawing elements in points, origin at the top left of an A4 page. Layout fills
//! it; `draw` turns it into PDF. Keeping the two apart lets the layout be tested without reading a PDF back.

use std::sync::Arc;

use crate::fonts::Face;
use crate::qr_code::QrSymbol;

/// A4 in points.
pub(crate) const PAGE_WIDTH: f32 = 595.28;
/// A4 in points.
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// 10 mm on every side.
pub(crate) const MARGIN: f32 = 28.35;
/// Width between the margins.
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

/// An RGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rgb(pub(crate) u8, pub(crate) u8, pub(crate) u8);

pub(crate) const BLACK: Rgb = Rgb(0, 0, 0);
/// English beneath a label, and labels themselves.
pub(crate) const GREY: Rgb = Rgb(90, 90, 90);
/// Frames of the boxes.
pub(crate) const RULE: Rgb = Rgb(120, 120, 120);
/// Status banners and the watermark of a certificate that is not valid.
pub(crate) const RED: Rgb = Rgb(200, 0, 0);

/// How a run of text is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Style {
    pub(crate) face: Face,
    pub(crate) size: f32,
    pub(crate) color: Rgb,
}

impl Style {
    pub(crate) const fn new(face: Face, size: f32, color: Rgb) -> Style {
        Style { face, size, color }
    }

    /// Distance from one baseline to the next.
    pub(crate) fn line_height(self) -> f32 {
        self.size * 1.22
    }

    /// Distance from the top of a line to its baseline (DejaVu's ascender is 0.93 em).
    pub(crate) fn ascent(self) -> f32 {
        self.size * 0.95
    }
}

/// A rectangle: top-left corner and size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rect {
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) w: f32,
    pub(crate) h: f32,
}

/// One thing drawn on a page.
#[derive(Clone, Debug)]
pub(crate) enum Element {
    /// One line of text; `y` is its baseline.
    Text { x: f32, y: f32, text: String, style: Style },
    /// A frame stroked around a rectangle.
    Frame { rect: Rect, width: f32, color: Rgb },
    /// A filled rectangle.
    Fill { rect: Rect, color: Rgb },
    /// A QR symbol with its quiet zone, top-left at (`x`, `y`), each module `module` points wide.
    Qr { x: f32, y: f32, module: f32, symbol: Arc<QrSymbol> },
    /// A large translucent word across the page at an angle, drawn first so that it lies beneath the rest.
    Watermark { text: String },
}

/// A page of elements.
#[derive(Clone, Debug, Default)]
pub(crate) struct Page {
    pub(crate) elements: Vec<Element>,
}

impl Page {
    /// The text of the page, line by line in drawing order (for tests of the layout).
    #[cfg(test)]
    pub(crate) fn text(&self) -> String {
        self.elements
            .iter()
            .filter_map(|e| match e {
                Element::Text { text, .. } | Element::Watermark { text } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}
