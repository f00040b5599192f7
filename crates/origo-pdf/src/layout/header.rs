//! The top of each page (title, number, issuing body; a shorter one on continuation pages), the banner of a
//! certificate that is no longer valid, and the footer line with the page number.

use origo_documents::certificate::Certificate;

use super::block::{Block, Cell, paragraph, row};
use crate::fonts::Face;
use crate::labels::{Bilingual, Label};
use crate::page::{BLACK, CONTENT_WIDTH, Element, GREY, RED, Rect, Style};
use crate::wording;
use crate::{Language, PdfError, RenderOptions};

const TITLE: Style = Style::new(Face::Bold, 11.5, BLACK);
const TITLE_EN: Style = Style::new(Face::Regular, 8.5, GREY);
const SUBTITLE: Style = Style::new(Face::Regular, 7.5, BLACK);
const SUBTITLE_EN: Style = Style::new(Face::Regular, 6.8, GREY);
const NUMBER: Style = Style::new(Face::Bold, 12.0, BLACK);
const BANNER: Style = Style::new(Face::Bold, 9.0, RED);
const FOOTER: Style = Style::new(Face::Regular, 6.5, GREY);
/// Room kept at the bottom of every page for the footer line.
pub(crate) const FOOTER_HEIGHT: f32 = 14.0;

/// Width of the number box at the right of the header.
const NUMBER_WIDTH: f32 = 160.0;

fn title_cell(certificate: &Certificate, language: Language, continued: bool) -> Result<Cell, PdfError> {
    let (title, subtitle) =
        wording::title(certificate.kind, language).ok_or(PdfError::UnsupportedKind(certificate.kind))?;
    let more = |text: &str, english: &str| match continued {
        true => format!("{text} ({english})"),
        false => text.to_owned(),
    };
    let continued_en = Label::Continued.en();
    let mut cell = Cell::default().line(more(title.primary, Label::Continued.get(language)), TITLE);
    if let Some(english) = title.english {
        cell = cell.line(more(english, continued_en), TITLE_EN);
    }
    if !continued {
        cell = cell.line(subtitle.primary, SUBTITLE);
        if let Some(english) = subtitle.english {
            cell = cell.line(english, SUBTITLE_EN);
        }
    }
    Ok(cell)
}

fn number_cell(certificate: &Certificate, language: Language) -> Cell {
    Cell::headed(None, Label::CertificateNo.bi(language)).line(certificate.number.to_string(), NUMBER)
}

/// The banner of a revoked or replaced certificate, full width in red; `None` for a valid one.
fn banner(options: &RenderOptions) -> Option<Block> {
    let (banner, _) = wording::status(options.status, options.language)?;
    let mut content = paragraph(banner.primary, BANNER, CONTENT_WIDTH - 12.0);
    if let Some(english) = banner.english {
        content.stack(&paragraph(english, BANNER, CONTENT_WIDTH - 12.0));
    }
    let height = content.height + 8.0;
    let rect = Rect { x: 0.0, y: 0.0, w: CONTENT_WIDTH, h: height };
    let mut block = Block { elements: vec![Element::Frame { rect, width: 1.5, color: RED }], height: height + 4.0 };
    block.elements.extend(content.placed(6.0, 4.0));
    Some(block)
}

/// The header of the first page, or of a continuation page (shorter: no subtitle). The issuing body is in box 15.
pub(crate) fn header(certificate: &Certificate, options: &RenderOptions, continued: bool) -> Result<Block, PdfError> {
    let language = options.language;
    let title = title_cell(certificate, language, continued)?;
    let number = number_cell(certificate, language);
    let mut block = row(&[(title, CONTENT_WIDTH - NUMBER_WIDTH), (number, NUMBER_WIDTH)]);
    block.height += 4.0;
    if let Some(banner) = banner(options) {
        block.stack(&banner);
    }
    Ok(block)
}

/// The watermark word of a certificate that is not valid.
pub(crate) fn watermark(options: &RenderOptions) -> Option<Element> {
    wording::status(options.status, options.language).map(|(_, word)| Element::Watermark { text: word.joined() })
}

/// The footer line: number, security code, page `n` of `total`.
pub(crate) fn footer(certificate: &Certificate, options: &RenderOptions, page: usize, total: usize) -> Block {
    let language = options.language;
    let code = Bilingual::new(language, Label::SecurityCode.get(language), Label::SecurityCode.en()).joined();
    let page_label = Label::Page.bi(language).joined();
    let text =
        format!("{}  ·  {code}: {}  ·  {page_label} {page} / {total}", certificate.number, options.security_code);
    paragraph(&text, FOOTER, CONTENT_WIDTH)
}
