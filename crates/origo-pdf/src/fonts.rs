//! The two embedded faces, DejaVu Sans regular and bold (Latin, Cyrillic and U+02BB for Uzbek `oʻ gʻ`): glyphs and
//! advance widths, for measuring text and for setting it.
//!
//! The font files are compiled into the binary (`include_bytes!`): a certificate never depends on the fonts of the
//! machine it is rendered on. krilla embeds only the glyphs a document uses (subsetting).
//!
//! Text is set one glyph per character with the font's advances, the way it is measured, so a line measured to fit
//! is drawn exactly that wide. Latin and Cyrillic need no more shaping than that; doing it here instead of through
//! krilla's shaper (which parses the font again for every line) made rendering several times faster.

use std::sync::LazyLock;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

static REGULAR_BYTES: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD_BYTES: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Code points below this have their advance in a table; the rest (rare on a certificate) are looked up in the
/// font's character map each time. 0x0530 covers Latin, IPA and spacing modifiers (U+02BB), Greek and Cyrillic.
const TABLE_END: u32 = 0x0530;

/// Which of the two faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Face {
    Regular,
    Bold,
}

struct Embedded {
    font: Font,
    font_ref: FontRef<'static>,
    /// Glyph and advance in ems per code point below [`TABLE_END`]; `None` where the font has no glyph.
    table: Vec<Option<(u32, f32)>>,
}

impl Embedded {
    fn load(bytes: &'static [u8]) -> Embedded {
        let font = Font::new(bytes.into(), 0).expect("the embedded DejaVu font parses");
        let font_ref = FontRef::new(bytes).expect("the embedded DejaVu font parses");
        let mut embedded = Embedded { font, font_ref, table: Vec::new() };
        embedded.table = (0..TABLE_END).map(|cp| char::from_u32(cp).and_then(|c| embedded.lookup(c))).collect();
        embedded
    }

    fn lookup(&self, c: char) -> Option<(u32, f32)> {
        let glyph = self.font_ref.charmap().map(c)?;
        let advance = self.font_ref.glyph_metrics(Size::new(1.0), LocationRef::default()).advance_width(glyph)?;
        Some((glyph.to_u32(), advance))
    }

    fn glyph(&self, c: char) -> Option<(u32, f32)> {
        match self.table.get(c as usize) {
            Some(glyph) => *glyph,
            None => self.lookup(c),
        }
    }
}

/// A character without a glyph would be drawn as the missing-glyph box (glyph 0) this wide; such characters are
/// refused before layout (see `coverage`), so this only keeps the arithmetic total.
const MISSING_ADVANCE: f32 = 0.6;

static REGULAR: LazyLock<Embedded> = LazyLock::new(|| Embedded::load(REGULAR_BYTES));
static BOLD: LazyLock<Embedded> = LazyLock::new(|| Embedded::load(BOLD_BYTES));

impl Face {
    fn embedded(self) -> &'static Embedded {
        match self {
            Face::Regular => &REGULAR,
            Face::Bold => &BOLD,
        }
    }

    /// The krilla font (cheap to clone: reference counted).
    pub(crate) fn font(self) -> Font {
        self.embedded().font.clone()
    }

    /// Width of `text` set in one line at `size` points. Kerning is not applied, which can only overestimate the
    /// width of Latin and Cyrillic text: a line measured to fit does fit.
    pub(crate) fn width(self, text: &str, size: f32) -> f32 {
        let embedded = self.embedded();
        text.chars().map(|c| embedded.glyph(c).map_or(MISSING_ADVANCE, |(_, advance)| advance)).sum::<f32>() * size
    }

    /// The glyphs of `text`, one per character, each mapped back to its character for text extraction.
    pub(crate) fn glyphs(self, text: &str) -> Vec<KrillaGlyph> {
        let embedded = self.embedded();
        text.char_indices()
            .map(|(i, c)| {
                let (glyph, advance) = embedded.glyph(c).unwrap_or((0, MISSING_ADVANCE));
                KrillaGlyph::new(GlyphId::new(glyph), advance, 0.0, 0.0, 0.0, i..i + c.len_utf8(), None)
            })
            .collect()
    }

    /// Whether the face has a glyph for `c`.
    pub(crate) fn covers(self, c: char) -> bool {
        self.embedded().glyph(c).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_cover_latin_cyrillic_and_uzbek_letters() {
        for face in [Face::Regular, Face::Bold] {
            for c in "AZaz09 ÀÿЁёЖжЯяЎўҚқҒғҲҳʻʼ«»—–№€".chars() {
                assert!(face.covers(c), "{face:?} lacks {c:?}");
            }
            assert!(!face.covers('\u{4E2D}'), "no CJK in DejaVu Sans");
        }
    }

    #[test]
    fn widths_scale_with_size_and_bold_is_wider() {
        let regular = Face::Regular.width("Chirchiq toʻqimachilik", 10.0);
        assert!((Face::Regular.width("Chirchiq toʻqimachilik", 20.0) - 2.0 * regular).abs() < 1e-3);
        assert!(Face::Bold.width("Chirchiq toʻqimachilik", 10.0) > regular);
        // DejaVu Sans: 'M' is 0.863 em, a space 0.318 em.
        assert!((Face::Regular.width("M", 10.0) - 8.63).abs() < 0.01, "{}", Face::Regular.width("M", 10.0));
        assert!((Face::Regular.width(" ", 10.0) - 3.18).abs() < 0.01);
    }
}
