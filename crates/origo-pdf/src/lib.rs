//! Renders an Origo certificate of origin (non-preferential general form, CT-1, CT-UZ) to an A4 PDF.
//!
//! Pure like `origo-documents`: no files, clock or system fonts. The DejaVu Sans faces are compiled in and
//! subsetted into each PDF; the same certificate and options give the same bytes. The text of the PDF is real text
//! (extractable, searchable); the two QR codes are vector rectangles.
//!
//! | module | what |
//! |---|---|
//! | `options` | [`RenderOptions`], [`Language`], and their checks against the certificate |
//! | `error` | [`PdfError`] |
//! | `fonts` | the embedded faces and their advance widths |
//! | `wrap` | breaking text into lines that fit |
//! | `labels`, `wording` | the texts of the form in Uzbek, Russian and English |
//! | `countries`, `format` | how names, dates and amounts are written |
//! | `coverage` | refusing characters the fonts cannot print |
//! | `qr_code` | QR symbols as runs of modules |
//! | `page` | the laid-out page: elements in points |
//! | `layout` | boxes, the goods table, pagination |
//! | `draw` | pages to PDF with krilla |
#![forbid(unsafe_code)]

mod countries;
mod coverage;
mod draw;
mod error;
mod fonts;
mod format;
mod labels;
mod layout;
mod options;
mod page;
mod qr_code;
mod wording;
mod wrap;

use origo_documents::certificate::Certificate;

pub use error::PdfError;
pub use options::{Language, RenderOptions};

/// The A4 PDF of `certificate` with the texts in `options.language` (and English), both QR codes (the
/// verification link and the signed payload), the security code, and the status banner of a certificate that is
/// no longer valid.
///
/// Refuses, naming the field: proofs made out by the exporter (they have no certificate form), a certificate that
/// fails [`Certificate::validate`], characters the embedded fonts lack, options that do not belong to the
/// certificate, and texts too long for a QR code or an item too long for a page.
pub fn render(certificate: &Certificate, options: &RenderOptions) -> Result<Vec<u8>, PdfError> {
    if !certificate.kind.is_issued_by_body() {
        return Err(PdfError::UnsupportedKind(certificate.kind));
    }
    certificate.validate()?;
    options.check(certificate)?;
    coverage::check(certificate, options)?;
    let link = qr_code::QrSymbol::encode(&options.verification_url, "verification_url")?;
    let payload = qr_code::QrSymbol::encode(&options.qr_payload, "qr_payload")?;
    let pages = layout::lay_out(certificate, options, link, payload)?;
    let title = match wording::title(certificate.kind, options.language) {
        Some((title, _)) => format!("{} {}", title.primary, certificate.number),
        None => certificate.number.to_string(),
    };
    draw::write(&pages, title, options.language)
}
