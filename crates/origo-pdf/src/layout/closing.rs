//! The end of the certificate: the exporter's declaration (box 14), the certification (box 15) and the
//! verification box (16) with both QR codes, the security code and the verification link.

use std::sync::Arc;

use origo_documents::certificate::Certificate;

use super::block::{
    Block, Cell, HEADING, HEADING_EN, PAD_X, STATEMENT, STATEMENT_EN, VALUE, VALUE_BOLD, bilingual, framed, paragraph,
    row,
};
use crate::countries;
use crate::draw::GRID;
use crate::fonts::Face;
use crate::format;
use crate::labels::Label;
use crate::page::{BLACK, CONTENT_WIDTH, Element, Style};
use crate::qr_code::QrSymbol;
use crate::wording;
use crate::{Language, RenderOptions};

/// Module size of the link's QR code, 3/100 inch (0.76 mm): a short text, printed large for phone cameras.
const LINK_MODULE: f32 = 3.0 * GRID;
/// Module size of the signed payload's QR code, 2/100 inch (0.51 mm): a 40-item payload (version 35) stays under
/// 9 cm. Smaller modules were misread by a decoder at 200 dpi.
const PAYLOAD_MODULE: f32 = 2.0 * GRID;
const GAP: f32 = 8.0;
const CODE: Style = Style::new(Face::Bold, 14.0, BLACK);

fn statement(cell: Cell, text: crate::labels::Bilingual) -> Cell {
    let cell = cell.line(text.primary, STATEMENT);
    match text.english {
        Some(english) => cell.line(english, STATEMENT_EN),
        None => cell,
    }
}

fn declaration(certificate: &Certificate, language: Language) -> Cell {
    let mut cell = statement(
        Cell::headed(Some(14), Label::Declaration.bi(language)),
        wording::declaration(certificate.kind, language),
    );
    if let Some(d) = &certificate.exporter_declaration {
        let place = format!("{}, {}", d.place, format::date(d.date, language));
        cell = cell
            .line(format::field(Label::PlaceDate, language, &place), VALUE)
            .line(format::field(Label::Signatory, language, &d.signatory), VALUE);
    }
    cell
}

fn certification(certificate: &Certificate, language: Language) -> Cell {
    let mut cell =
        statement(Cell::headed(Some(15), Label::Certification.bi(language)), wording::certification(language));
    if let Some(body) = &certificate.issuing_body {
        let place = [body.address.clone(), Some(countries::name(&body.country, language))];
        cell = cell
            .line(format!("{}:", Label::IssuedBy.bi(language).joined()), VALUE)
            .line(body.name.clone(), VALUE_BOLD)
            .line(place.into_iter().flatten().collect::<Vec<_>>().join(", "), VALUE);
    }
    if let Some(c) = &certificate.certification {
        let place = format!("{}, {}", c.place, format::date(c.date, language));
        cell = cell
            .line(format::field(Label::PlaceDate, language, &place), VALUE)
            .line(format::field(Label::Officer, language, &c.officer), VALUE);
        if let Some(seal) = &c.seal {
            cell = cell.line(format::field(Label::Seal, language, seal), VALUE);
        }
    }
    cell
}

/// Boxes 14 and 15 side by side.
pub(crate) fn acts(certificate: &Certificate, language: Language) -> Block {
    let half = CONTENT_WIDTH / 2.0;
    row(&[(declaration(certificate, language), half), (certification(certificate, language), half)])
}

/// A QR code with a column of text to its right, `width` wide in all.
fn beside(symbol: QrSymbol, module: f32, text: impl Fn(f32) -> Block, width: f32) -> Block {
    let side = symbol.modules() as f32 * module;
    let text = text(width - side - GAP);
    let mut block = Block {
        elements: vec![Element::Qr { x: 0.0, y: 0.0, module, symbol: Arc::new(symbol) }],
        height: side.max(text.height),
    };
    block.elements.extend(text.placed(side + GAP, 0.0));
    block
}

/// Narrowest text column beside a QR code before the two codes go one under the other.
const MIN_COLUMN: f32 = 110.0;

/// Box 16: the link's QR code with its caption, the security code and the number; the signed payload's QR code
/// with its caption and how to check; the link on a line of its own.
pub(crate) fn verification(
    certificate: &Certificate,
    options: &RenderOptions,
    link: QrSymbol,
    payload: QrSymbol,
) -> Block {
    let language = options.language;
    let inner = CONTENT_WIDTH - 2.0 * PAD_X;
    let heading = Label::Verification.bi(language);
    let mut content = paragraph(&format!("16. {}", heading.primary), HEADING, inner);
    if let Some(english) = heading.english {
        content.stack(&paragraph(english, HEADING_EN, inner));
    }
    content.height += 3.0;

    let link_text = |width: f32| {
        let mut text = bilingual(Label::ScanLink.bi(language), STATEMENT, STATEMENT_EN, width);
        text.height += 4.0;
        text.stack(&bilingual(Label::SecurityCode.bi(language), HEADING, HEADING_EN, width));
        text.stack(&paragraph(&options.security_code, CODE, width));
        text.height += 3.0;
        text.stack(&bilingual(Label::CertificateNo.bi(language), HEADING, HEADING_EN, width));
        text.stack(&paragraph(&certificate.number.to_string(), VALUE_BOLD, width));
        text
    };
    let payload_text = |width: f32| {
        let mut text = bilingual(Label::ScanPayload.bi(language), STATEMENT, STATEMENT_EN, width);
        text.height += 4.0;
        text.stack(&bilingual(wording::electronic(language), STATEMENT, STATEMENT_EN, width));
        text
    };
    let link_side = link.modules() as f32 * LINK_MODULE;
    let payload_side = payload.modules() as f32 * PAYLOAD_MODULE;
    let link_width = link_side + GAP + ((inner - link_side - payload_side - 3.0 * GAP) / 2.0);
    if inner - link_width - GAP - payload_side - GAP >= MIN_COLUMN && link_width - link_side - GAP >= MIN_COLUMN {
        let link = beside(link, LINK_MODULE, link_text, link_width);
        let payload = beside(payload, PAYLOAD_MODULE, payload_text, inner - link_width - GAP);
        let top = content.height;
        content.elements.extend(link.placed(0.0, top));
        content.elements.extend(payload.placed(link_width + GAP, top));
        content.height = top + link.height.max(payload.height);
    } else {
        // A large payload (many items): the two codes one under the other, each with its text beside it.
        content.stack(&beside(link, LINK_MODULE, link_text, inner));
        content.height += GAP;
        content.stack(&beside(payload, PAYLOAD_MODULE, payload_text, inner));
    }
    content.height += 3.0;
    // The link on a line of its own, as wide as the box, so that it reads (and extracts) in one piece.
    content.stack(&paragraph(&options.verification_url, VALUE, inner));
    framed(&content, CONTENT_WIDTH)
}
