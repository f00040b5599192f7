//! Why a certificate cannot be rendered. Every variant names what is wrong and where, so that a caller can answer
//! with a client error naming the field.

use origo_documents::certificate::{CertificateError, CertificateKind};

/// A certificate that cannot be rendered, or options that do not fit it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PdfError {
    /// Statements on origin and origin declarations are made out by the exporter on a commercial document.
    #[error("a {0:?} is made out by the exporter on a commercial document and has no certificate form")]
    UnsupportedKind(CertificateKind),
    /// The certificate fails its own checks.
    #[error("the certificate is not valid: {0}")]
    Invalid(#[from] CertificateError),
    /// A character the embedded fonts cannot print (it would come out as an empty box).
    #[error("{field}: the character {character:?} (U+{code:04X}) is not in the embedded font", code = u32::from(*character))]
    UnsupportedCharacter {
        /// JSON path of the text, e.g. `items[3].description`.
        field: String,
        /// The character.
        character: char,
    },
    /// An option that is malformed or does not belong to this certificate.
    #[error("{field}: {reason}")]
    Option {
        /// `verification_url`, `qr_payload` or `security_code`.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A text too long for the largest QR code.
    #[error("{field}: {bytes} bytes do not fit in one QR code")]
    QrTooLarge {
        /// `verification_url` or `qr_payload`.
        field: &'static str,
        /// Its length.
        bytes: usize,
    },
    /// A goods item whose text is taller than a page.
    #[error("items[{position}]: the item's text does not fit on one page")]
    ItemTooLong {
        /// Zero-based position in `items`.
        position: usize,
    },
    /// Texts of the first boxes or of the closing boxes so long that they do not fit on one page.
    #[error("{part}: the text does not fit on one page")]
    TooLong {
        /// Which boxes.
        part: &'static str,
    },
    /// The PDF writer failed (a bug, not bad input).
    #[error("the PDF could not be written: {0}")]
    Write(String),
}
