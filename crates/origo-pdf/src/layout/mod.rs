//! Pagination: the first page's header and boxes 1 to 6, the goods table (continued on further pages under a
//! short header with the table heading repeated), then the declaration, certification and verification boxes,
//! each moved to a new page when it does not fit; finally the footer with "page n / total" on every page.

mod block;
mod closing;
mod goods;
mod header;
mod parties;

use origo_documents::certificate::Certificate;

use self::block::Block;
use crate::page::{MARGIN, PAGE_HEIGHT, Page};
use crate::qr_code::QrSymbol;
use crate::{PdfError, RenderOptions};

/// Lowest point content may reach; the footer goes beneath.
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN - header::FOOTER_HEIGHT;
/// Space between the sections of a page.
const SECTION_GAP: f32 = 6.0;

/// Pages being filled from the top down.
struct Flow {
    pages: Vec<Page>,
    y: f32,
}

impl Flow {
    fn room(&self) -> f32 {
        BOTTOM - self.y
    }

    fn place(&mut self, block: &Block) {
        let page = self.pages.last_mut().expect("a flow always has a page");
        page.elements.extend(block.placed(MARGIN, self.y));
        self.y += block.height;
    }

    fn new_page(&mut self, header: &Block) {
        self.pages.push(Page::default());
        self.y = MARGIN;
        self.place(header);
    }
}

/// The pages of `certificate`. `options` are checked already; the QR symbols are encoded by the caller.
pub(crate) fn lay_out(
    certificate: &Certificate,
    options: &RenderOptions,
    link: QrSymbol,
    payload: QrSymbol,
) -> Result<Vec<Page>, PdfError> {
    let language = options.language;
    let first = header::header(certificate, options, false)?;
    let continued = header::header(certificate, options, true)?;
    let table_heading = goods::heading(language);

    let mut flow = Flow { pages: Vec::new(), y: MARGIN };
    flow.new_page(&first);
    let parties = parties::parties(certificate, language);
    // The first page holds the parties and at least the table's heading; texts so long that they do not are refused
    // rather than drawn past the page's edge.
    if parties.height + SECTION_GAP + table_heading.height > flow.room() {
        return Err(PdfError::TooLong { part: "boxes 1 to 6 (exporter, consignee, transport, remarks)" });
    }
    flow.place(&parties);
    flow.y += SECTION_GAP;
    flow.place(&table_heading);
    let fresh_room = BOTTOM - MARGIN - continued.height - table_heading.height;
    for (position, item) in certificate.items.iter().enumerate() {
        let row = goods::item(item, language);
        if row.height > fresh_room {
            return Err(PdfError::ItemTooLong { position });
        }
        if row.height > flow.room() {
            flow.new_page(&continued);
            flow.place(&table_heading);
        }
        flow.place(&row);
    }
    let closing = [
        ("boxes 14 and 15 (declaration, certification)", closing::acts(certificate, language)),
        ("box 16 (verification)", closing::verification(certificate, options, link, payload)),
    ];
    for (part, block) in closing {
        if block.height > BOTTOM - MARGIN - continued.height - SECTION_GAP {
            return Err(PdfError::TooLong { part });
        }
        flow.y += SECTION_GAP;
        if block.height > flow.room() {
            flow.new_page(&continued);
        }
        flow.place(&block);
    }

    let total = flow.pages.len();
    for (i, page) in flow.pages.iter_mut().enumerate() {
        let footer = header::footer(certificate, options, i + 1, total);
        page.elements.extend(footer.placed(MARGIN, BOTTOM + 4.0));
        // The watermark goes first, beneath everything else on the page.
        if let Some(watermark) = header::watermark(options) {
            page.elements.insert(0, watermark);
        }
    }
    Ok(flow.pages)
}

#[cfg(test)]
mod tests {
    use origo_documents::certificate::CertificateStatus;
    use serde_json::json;

    use super::*;
    use crate::Language;
    use crate::page::{Element, PAGE_WIDTH};

    fn certificate(items: usize) -> Certificate {
        let items: Vec<_> = (1..=items)
            .map(|n| {
                json!({"item_number": n, "marks": format!("M/{n:03}"), "packages": {"count": n, "kind": "cartons"},
                       "description": "Футболки мужские трикотажные из хлопчатобумажной пряжи, размеры S–XXL",
                       "hs_code": "610910", "origin_criterion": "W 61.09", "gross_weight_kg": "10.5",
                       "net_weight_kg": "10", "quantity": {"value": "100", "unit": "PCE"}})
            })
            .collect();
        serde_json::from_value(json!({
            "kind": "ct1", "number": "UZ-2026-000123",
            "issuing_body": {"name": "Uzbekexpertiza", "country": "UZ"},
            "exporter": {"name": "«Chirchiq toʻqimachilik» MChJ", "address": "Chirchiq", "country": "UZ"},
            "items": items, "country_of_origin": "UZ", "importing_country": "KZ",
            "exporter_declaration": {"place": "Chirchiq", "date": "2026-03-12", "signatory": "D. Karimova"},
            "certification": {"place": "Toshkent", "date": "2026-03-14", "officer": "A. Yusupov"},
            "status": "valid"
        }))
        .unwrap()
    }

    fn options(status: CertificateStatus) -> RenderOptions {
        RenderOptions {
            language: Language::Ru,
            verification_url: "https://verify.example/verify?number=UZ-2026-000123&code=7KQ4-M2XP".into(),
            qr_payload: "ORIGO1.unused.here".into(),
            security_code: "7KQ4-M2XP".into(),
            status,
        }
    }

    fn pages(items: usize, status: CertificateStatus) -> Vec<Page> {
        let options = options(status);
        let link = QrSymbol::encode(&options.verification_url, "verification_url").unwrap();
        let payload = QrSymbol::encode(&"ORIGO1.".repeat(100), "qr_payload").unwrap();
        lay_out(&certificate(items), &options, link, payload).unwrap()
    }

    #[test]
    fn forty_items_continue_under_a_repeated_heading_and_stay_within_the_margins() {
        let pages = pages(40, CertificateStatus::Valid);
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let mut items = Vec::new();
        for (i, page) in pages.iter().enumerate() {
            let text = page.text();
            assert!(text.contains(&format!("Лист / Page {} / {}", i + 1, pages.len())), "page {}", i + 1);
            let rows: Vec<_> = text.lines().filter(|l| l.starts_with("M/")).map(str::to_owned).collect();
            if !rows.is_empty() {
                assert!(text.contains("Description of goods"), "page {} has items but no heading", i + 1);
            }
            assert_eq!(text.contains("(продолжение)"), i > 0, "page {}", i + 1);
            items.extend(rows);
            for element in &page.elements {
                if let Element::Text { x, y, .. } = element {
                    assert!(*x >= MARGIN && *x < PAGE_WIDTH - MARGIN && *y > MARGIN && *y < PAGE_HEIGHT - MARGIN);
                }
            }
        }
        let expected: Vec<_> = (1..=40).map(|n| format!("M/{n:03}")).collect();
        assert_eq!(items, expected, "every item once, in order");
        let last = pages.last().unwrap();
        assert_eq!(last.elements.iter().filter(|e| matches!(e, Element::Qr { .. })).count(), 2);
        assert!(pages.iter().all(|p| !p.text().contains("ОТОЗВАН")));
    }

    #[test]
    fn a_short_certificate_fits_one_page_and_a_revoked_one_is_marked_on_each() {
        assert_eq!(pages(5, CertificateStatus::Valid).len(), 1);
        let revoked = pages(40, CertificateStatus::Revoked);
        for page in &revoked {
            assert!(matches!(&page.elements[0], Element::Watermark { text } if text == "ОТОЗВАН / REVOKED"));
            assert!(page.text().contains("REVOKED: this certificate has been withdrawn by the issuing body"));
        }
    }
}
