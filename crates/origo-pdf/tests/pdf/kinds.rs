//! Each kind of certificate rendered, then read back: its text, both QR codes, its fonts.

use origo_documents::qr;
use origo_pdf::{Language, render};

use crate::common::{KINDS, certificate, issuer, link, options};
use crate::poppler::Pdf;

/// Whitespace collapsed, so that a name broken across lines by extraction still matches.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn each_kind_renders_with_its_text_extractable() {
    let (signer, _) = issuer();
    for kind in KINDS {
        for language in [Language::Uz, Language::Ru, Language::En] {
            let cert = certificate(kind, 5);
            let pdf = render(&cert, &options(&cert, &signer, language)).unwrap();
            assert!(pdf.starts_with(b"%PDF-"));
            let Some(read) = Pdf::open(&pdf) else { return };
            assert_eq!(read.pages(), 1, "{kind:?} {language:?}: five items fit on one page");
            let text = squeeze(&read.text());
            let number = cert.number.to_string();
            for needle in [number.as_str(), &cert.exporter.name, "7KQ4-M2XP", &link(&cert), "Uzbekexpertiza"] {
                assert!(text.contains(needle), "{kind:?} {language:?}: {needle:?} not in the text:\n{text}");
            }
            for item in &cert.items {
                assert!(text.contains(item.hs_code.as_str()), "{kind:?}: HS {} missing", item.hs_code);
            }
            // Labels in the chosen language, with the English beside them.
            let (label, title) = match language {
                Language::Uz => ("Eksportyor (nomi, manzili, mamlakati)", "toʻgʻrisidagi sertifikat"),
                Language::Ru => ("Экспортер (наименование, адрес, страна)", "Сертификат о происхождении товара"),
                Language::En => ("Exporter (name, address, country)", "Certificate of origin"),
            };
            assert!(text.contains(label) && text.contains(title), "{kind:?} {language:?}:\n{text}");
            assert!(text.contains("Exporter (name, address, country)"));
            assert!(text.contains("Declaration by the exporter") && text.contains("Certification"));
        }
    }
}

#[test]
fn each_kind_has_its_title() {
    let (signer, _) = issuer();
    let expected = [
        ("Сертификат о происхождении товара", "General form (non-preferential)"),
        ("Сертификат о происхождении товара форма СТ-1", "Certificate of origin form CT-1"),
        ("Сертификат о происхождении товара форма CT-UZ", "Certificate of origin form CT-UZ"),
    ];
    for (kind, (ru, en)) in KINDS.into_iter().zip(expected) {
        let cert = certificate(kind, 2);
        let pdf = render(&cert, &options(&cert, &signer, Language::Ru)).unwrap();
        let Some(read) = Pdf::open(&pdf) else { return };
        let text = squeeze(&read.text());
        assert!(text.contains(ru) && text.contains(en), "{kind:?}:\n{text}");
    }
}

#[test]
fn both_qr_codes_decode_to_the_link_and_a_payload_that_verifies() {
    let (signer, keys) = issuer();
    for kind in KINDS {
        let cert = certificate(kind, 5);
        let opts = options(&cert, &signer, Language::Uz);
        let pdf = render(&cert, &opts).unwrap();
        let Some(read) = Pdf::open(&pdf) else { return };
        let codes = read.qr_codes(1);
        assert_eq!(codes.len(), 2, "{kind:?}: {codes:?}");
        assert!(codes.contains(&link(&cert)), "{kind:?}: no link in {codes:?}");
        let payload = codes.iter().find(|c| c.starts_with(qr::PREFIX)).expect("a signed payload");
        assert_eq!(payload, &opts.qr_payload);
        let (decoded, key) = qr::verify(payload, &keys).unwrap();
        assert_eq!(decoded.number, cert.number);
        assert_eq!(decoded.items.len(), 5);
        assert_eq!(key.key_id.as_str(), "uzx-2026-1");
    }
}

#[test]
fn fonts_are_embedded_and_subsetted() {
    let (signer, _) = issuer();
    let cert = certificate(origo_documents::CertificateKind::Ct1, 5);
    let pdf = render(&cert, &options(&cert, &signer, Language::Ru)).unwrap();
    let Some(read) = Pdf::open(&pdf) else { return };
    let fonts = read.fonts();
    // name, type, encoding, emb, sub, uni, object ID
    let rows: Vec<Vec<&str>> = fonts.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
    for face in ["DejaVuSans", "DejaVuSans-Bold"] {
        let row = rows
            .iter()
            .find(|r| r[0].split_once('+').map(|(_, name)| name) == Some(face))
            .unwrap_or_else(|| panic!("{face} is not a subset font in\n{fonts}"));
        let n = row.len();
        assert_eq!(&row[n - 5..n - 2], ["yes", "yes", "yes"], "{face}: emb, sub, uni in\n{fonts}");
    }
    assert!(pdf.len() < 150_000, "{} bytes: the fonts are subsetted", pdf.len());
}
