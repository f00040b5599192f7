//! Pagination, status, language and determinism.

use origo_documents::CertificateKind;
use origo_documents::certificate::CertificateStatus;
use origo_documents::qr;
use origo_pdf::{Language, RenderOptions, render};

use crate::common::{certificate, issuer, link, options};
use crate::poppler::Pdf;

#[test]
fn forty_items_continue_on_further_pages_with_the_heading_repeated() {
    let (signer, keys) = issuer();
    let cert = certificate(CertificateKind::Ct1, 40);
    let opts = options(&cert, &signer, Language::Ru);
    let pdf = render(&cert, &opts).unwrap();
    let Some(read) = Pdf::open(&pdf) else { return };
    let pages = read.pages();
    assert!(pages >= 3, "{pages} pages for 40 items");
    let text = read.text();
    let page_texts: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(page_texts.len(), pages);
    for (i, page) in page_texts.iter().enumerate() {
        // The table heading on every page with items, the number on every page, "page n / total" in the footer.
        if page.contains("CTM/KZ/") {
            assert!(page.contains("Description of goods"), "page {}: no table heading", i + 1);
        }
        assert!(page.contains("UZ-2026-000123"), "page {}: no number", i + 1);
        assert!(page.contains(&format!("Лист / Page {} / {pages}", i + 1)), "page {}: no page number", i + 1);
        if i > 0 {
            assert!(page.contains("(продолжение)") && page.contains("(continued)"), "page {}", i + 1);
        }
    }
    // Every item once, in order: the item numbers 1..=40 at the start of their rows, and their marks.
    for n in 1..=40 {
        let marks = format!("CTM/KZ/{n:03}");
        assert_eq!(text.matches(&marks).count(), 1, "{marks}");
    }
    let positions: Vec<usize> = (1..=40).map(|n| text.find(&format!("CTM/KZ/{n:03}")).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "items out of order");
    // The closing boxes once, after the last item; the verification box with both QR codes on the last page, and
    // the 40-item payload still verifies.
    assert_eq!(text.matches("Declaration by the exporter").count(), 1);
    assert!(text.find("Declaration by the exporter").unwrap() > positions[39]);
    assert!(page_texts[pages - 1].contains("Verification"));
    let codes = read.qr_codes(pages);
    assert_eq!(codes.len(), 2, "{codes:?}");
    assert!(codes.contains(&link(&cert)));
    let payload = codes.iter().find(|c| c.starts_with(qr::PREFIX)).unwrap();
    assert_eq!(qr::verify(payload, &keys).unwrap().0.items.len(), 40);
}

#[test]
fn long_descriptions_wrap_within_their_column() {
    let (signer, _) = issuer();
    let mut cert = certificate(CertificateKind::NonPreferential, 3);
    let long = "Paxta ipidan toʻqilgan erkaklar futbolkalari, dumaloq yoqali, qisqa yengli ".repeat(6);
    cert.items[1].description = long.trim().to_owned();
    let pdf = render(&cert, &options(&cert, &signer, Language::Uz)).unwrap();
    let Some(read) = Pdf::open(&pdf) else { return };
    // The description comes out on many short lines (its column is a block of its own), none of them the whole text.
    let text = read.text();
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("futbolkalari") || l.contains("yengli")).collect();
    assert!(lines.len() >= 6, "{lines:?}");
    assert!(lines.iter().all(|l| l.chars().count() < 60), "{lines:?}");
    assert_eq!(text.matches("dumaloq").count(), 6);
}

#[test]
fn a_revoked_or_replaced_certificate_says_so_on_every_page() {
    let (signer, _) = issuer();
    let cert = certificate(CertificateKind::CtUz, 40);
    for (status, ru, en) in [
        (CertificateStatus::Revoked, "ОТОЗВАН: сертификат отозван", "REVOKED: this certificate has been withdrawn"),
        (CertificateStatus::Replaced, "ЗАМЕНЕН: сертификат заменен", "REPLACED: this certificate has been replaced"),
    ] {
        let opts = RenderOptions { status, ..options(&cert, &signer, Language::Ru) };
        let pdf = render(&cert, &opts).unwrap();
        let Some(read) = Pdf::open(&pdf) else { return };
        let text = read.text();
        let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
        assert!(pages.len() >= 2);
        for page in pages {
            let page = page.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(page.contains(ru) && page.contains(en), "{status:?}:\n{page}");
        }
    }
    // A valid one carries no banner.
    let pdf = render(&cert, &options(&cert, &signer, Language::Ru)).unwrap();
    let Some(read) = Pdf::open(&pdf) else { return };
    assert!(!read.text().contains("ОТОЗВАН") && !read.text().contains("REVOKED"));
}

#[test]
fn english_alone_for_english() {
    let (signer, _) = issuer();
    let mut cert = certificate(CertificateKind::NonPreferential, 2);
    cert.exporter.name = "Chirchiq Textile Mill LLC".into();
    cert.consignee.as_mut().unwrap().name = "Anadolu Tekstil".into();
    let pdf = render(&cert, &options(&cert, &signer, Language::En)).unwrap();
    let Some(read) = Pdf::open(&pdf) else { return };
    let text = read.text();
    assert!(text.contains("Exporter (name, address, country)"));
    // Only the data are in other scripts (descriptions, address); no label is.
    for label in ["Экспортер", "Eksportyor", "Проверка", "Tekshirish", "Лист", "Varaq"] {
        assert!(!text.contains(label), "{label} in an English certificate");
    }
}

#[test]
fn the_same_certificate_gives_the_same_bytes() {
    let (signer, _) = issuer();
    let cert = certificate(CertificateKind::Ct1, 7);
    let opts = options(&cert, &signer, Language::Uz);
    let first = render(&cert, &opts).unwrap();
    assert_eq!(first, render(&cert, &opts).unwrap());
    assert_ne!(first, render(&cert, &RenderOptions { language: Language::Ru, ..opts }).unwrap());
}
