//! Turns laid-out pages into a PDF with krilla: text as glyphs of the embedded fonts (subsetted, each glyph mapped
//! to its characters so that the text can be extracted), frames, fills and QR symbols as vector paths.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect as KRect, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;

use crate::fonts::Face;
use crate::page::{Element, PAGE_HEIGHT, PAGE_WIDTH, Page, Rect, Rgb};
use crate::{Language, PdfError};

fn fill(color: Rgb, opacity: f32) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::new(opacity).unwrap_or(NormalizedF32::ONE),
        rule: FillRule::NonZero,
    }
}

/// 1/100 inch in points.
pub(crate) const GRID: f32 = 0.72;

fn snap(v: f32) -> f32 {
    (v / GRID).round() * GRID
}

fn rect_path(rects: impl IntoIterator<Item = Rect>) -> Option<krilla::geom::Path> {
    let mut builder = PathBuilder::new();
    for r in rects {
        builder.push_rect(KRect::from_xywh(r.x, r.y, r.w, r.h)?);
    }
    builder.finish()
}

fn draw(surface: &mut Surface<'_>, element: &Element) {
    match element {
        Element::Text { x, y, text, style } => {
            surface.set_stroke(None);
            surface.set_fill(Some(fill(style.color, 1.0)));
            let glyphs = style.face.glyphs(text);
            surface.draw_glyphs(Point::from_xy(*x, *y), &glyphs, style.face.font(), text, style.size, false);
        }
        Element::Frame { rect, width, color } => {
            if let Some(path) = rect_path([*rect]) {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(color.0, color.1, color.2).into(),
                    width: *width,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
            }
        }
        Element::Fill { rect, color } => {
            if let Some(path) = rect_path([*rect]) {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(*color, 1.0)));
                surface.draw_path(&path);
            }
        }
        Element::Qr { x, y, module, symbol } => {
            // The symbol's corner on the 1/100-inch grid: with modules a multiple of 1/100 inch, every module covers
            // whole device pixels at 100, 200, 300 and 600 dpi, so printers and rasterisers draw them all alike.
            let (x, y) = (snap(*x), snap(*y));
            // Drawn in module units, so that the coordinates are small integers, as the outlines of the dark areas
            // (corners only): the content stream stays small, and so does the time spent writing and compressing it.
            let mut builder = PathBuilder::new();
            for outline in symbol.outlines() {
                let mut points = outline.into_iter().map(|(x, y)| (f32::from(x), f32::from(y)));
                if let Some((x0, y0)) = points.next() {
                    builder.move_to(x0, y0);
                    for (x, y) in points {
                        builder.line_to(x, y);
                    }
                    builder.close();
                }
            }
            if let Some(path) = builder.finish() {
                surface.push_transform(&Transform::from_row(*module, 0.0, 0.0, *module, x, y));
                surface.set_stroke(None);
                surface.set_fill(Some(fill(crate::page::BLACK, 1.0)));
                surface.draw_path(&path);
                surface.pop();
            }
        }
        Element::Watermark { text } => {
            // As large as fits along the diagonal with a margin: 54 pt, smaller for a long word pair.
            let size = (700.0 / Face::Bold.width(text, 1.0)).min(54.0);
            let width = Face::Bold.width(text, size);
            let (cx, cy) = (PAGE_WIDTH / 2.0, PAGE_HEIGHT / 2.0);
            surface.push_transform(&Transform::from_rotate_at(-35.0, cx, cy));
            surface.set_stroke(None);
            surface.set_fill(Some(fill(crate::page::RED, 0.18)));
            let start = Point::from_xy(cx - width / 2.0, cy + size * 0.35);
            surface.draw_glyphs(start, &Face::Bold.glyphs(text), Face::Bold.font(), text, size, false);
            surface.pop();
        }
    }
}

/// The PDF of `pages`, with the document's title and language in its metadata. No creation date is written: the
/// same certificate and options give the same bytes.
pub(crate) fn write(pages: &[Page], title: String, language: Language) -> Result<Vec<u8>, PdfError> {
    let mut document = Document::new();
    document.set_metadata(Metadata::new().title(title).language(language.tag().to_owned()).creator("Origo".to_owned()));
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4 is a valid page size");
    for page in pages {
        let mut pdf_page = document.start_page_with(settings.clone());
        let mut surface = pdf_page.surface();
        for element in &page.elements {
            draw(&mut surface, element);
        }
        surface.finish();
        pdf_page.finish();
    }
    document.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}
