//! QR symbols for the page: encoded with the `qrcode` crate (data, error correction, function patterns), the mask
//! chosen here (`mask`), and drawn as vector outlines (`outline`) with the four-module quiet zone the standard asks
//! for, so that they stay sharp at any zoom or print resolution.

mod mask;
mod outline;

use qrcode::canvas::Canvas;
use qrcode::{EcLevel, bits, ec};

use crate::PdfError;

/// Light modules around the symbol (ISO/IEC 18004 asks for four).
pub(crate) const QUIET_ZONE: usize = 4;

/// The modules of one QR symbol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct QrSymbol {
    /// Modules per side, without the quiet zone.
    width: usize,
    /// Row by row, `true` for dark.
    dark: Vec<bool>,
}

fn encode_at(text: &[u8], level: EcLevel) -> Option<QrSymbol> {
    let bits = bits::encode_auto(text, level).ok()?;
    let version = bits.version();
    let (data, ecc) = ec::construct_codewords(&bits.into_bytes(), version, level).ok()?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ecc);
    let width = usize::try_from(version.width()).ok()?;
    Some(mask::apply_best(&canvas, width))
}

impl QrSymbol {
    /// The symbol for `text` at error-correction level M (15% of the symbol may be damaged), or L when the text
    /// is too long for M. `field` names the text in the error.
    pub(crate) fn encode(text: &str, field: &'static str) -> Result<QrSymbol, PdfError> {
        encode_at(text.as_bytes(), EcLevel::M)
            .or_else(|| encode_at(text.as_bytes(), EcLevel::L))
            .ok_or(PdfError::QrTooLarge { field, bytes: text.len() })
    }

    /// Modules per side including the quiet zone on both sides.
    pub(crate) fn modules(&self) -> usize {
        self.width + 2 * QUIET_ZONE
    }

    /// Whether the module at `col`, `row` (counted from the top-left of the quiet zone) is dark.
    fn is_dark(&self, col: usize, row: usize) -> bool {
        let (Some(c), Some(r)) = (col.checked_sub(QUIET_ZONE), row.checked_sub(QUIET_ZONE)) else { return false };
        c < self.width && r < self.width && self.dark[r * self.width + c]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_symbol_is_the_one_the_qrcode_crate_would_make_up_to_the_mask() {
        let text = "https://verify.example/verify?number=UZ-2026-000123&code=7KQ4-M2XP";
        let ours = QrSymbol::encode(text, "url").unwrap();
        let theirs = qrcode::QrCode::with_error_correction_level(text, EcLevel::M).unwrap();
        assert_eq!(ours.width, theirs.width());
        // Same function patterns: the finder pattern in the top-left corner.
        for (i, row) in ["1111111", "1000001", "1011101", "1011101", "1011101", "1000001", "1111111"].iter().enumerate()
        {
            let got: String = (0..7).map(|c| if ours.dark[i * ours.width + c] { '1' } else { '0' }).collect();
            assert_eq!(&got, row);
        }
        assert_eq!(ours.modules(), ours.width + 8);
        assert!(!ours.is_dark(0, 0) && ours.is_dark(QUIET_ZONE, QUIET_ZONE));
    }

    #[test]
    fn too_long_a_text_is_an_error_naming_the_field() {
        let text = "x".repeat(3000);
        assert_eq!(
            QrSymbol::encode(&text, "qr_payload"),
            Err(PdfError::QrTooLarge { field: "qr_payload", bytes: 3000 })
        );
    }
}
