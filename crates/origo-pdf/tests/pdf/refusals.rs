//! What is refused, and how the error names the field.

use origo_documents::CertificateKind;
use origo_documents::certificate::CertificateError;
use origo_pdf::{Language, PdfError, RenderOptions, render};

use crate::common::{certificate, issuer, options};

#[test]
fn statements_made_out_by_the_exporter_have_no_certificate_form() {
    let (signer, _) = issuer();
    let cert = certificate(CertificateKind::Ct1, 1);
    let opts = options(&cert, &signer, Language::En);
    for kind in [CertificateKind::StatementOnOrigin, CertificateKind::OriginDeclaration] {
        let other = origo_documents::Certificate { kind, ..cert.clone() };
        assert_eq!(render(&other, &opts), Err(PdfError::UnsupportedKind(kind)));
    }
}

#[test]
fn an_invalid_certificate_is_refused() {
    let (signer, _) = issuer();
    let mut cert = certificate(CertificateKind::Ct1, 2);
    let opts = options(&cert, &signer, Language::En);
    cert.items[1].item_number = 5;
    assert!(matches!(render(&cert, &opts), Err(PdfError::Invalid(CertificateError::ItemNumbering { .. }))));
}

#[test]
fn characters_the_font_lacks_are_refused_with_their_field() {
    let (signer, _) = issuer();
    let mut cert = certificate(CertificateKind::Ct1, 3);
    let opts = options(&cert, &signer, Language::Ru);
    cert.items[2].description = "Шёлковые платки 丝绸".into();
    let err = render(&cert, &opts).unwrap_err();
    assert_eq!(err, PdfError::UnsupportedCharacter { field: "items[2].description".into(), character: '丝' });
    assert_eq!(err.to_string(), "items[2].description: the character '丝' (U+4E1D) is not in the embedded font");
    let mut cert = certificate(CertificateKind::Ct1, 1);
    cert.exporter.name = "Bell\u{7}".into();
    assert!(
        matches!(render(&cert, &opts), Err(PdfError::UnsupportedCharacter { field, .. }) if field == "exporter.name")
    );
}

#[test]
fn options_of_another_certificate_are_refused() {
    let (signer, _) = issuer();
    let cert = certificate(CertificateKind::Ct1, 2);
    let other = certificate(CertificateKind::CtUz, 2);
    let opts = options(&cert, &signer, Language::Uz);
    let field = |result: Result<Vec<u8>, PdfError>| match result {
        Err(PdfError::Option { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    let foreign = RenderOptions { qr_payload: options(&other, &signer, Language::Uz).qr_payload, ..opts.clone() };
    assert_eq!(field(render(&cert, &foreign)), "qr_payload");
    let garbage = RenderOptions { qr_payload: "ORIGO1.bm9wZQ.c2ln".into(), ..opts.clone() };
    assert_eq!(field(render(&cert, &garbage)), "qr_payload");
    let code = RenderOptions { security_code: "AAAA-BBBB".into(), ..opts.clone() };
    assert_eq!(field(render(&cert, &code)), "security_code");
    for url in ["verify.origo.uz/verify", "https://verify.origo.uz/ x", "javascript:alert(1)"] {
        let bad = RenderOptions { verification_url: url.into(), ..opts.clone() };
        assert_eq!(field(render(&cert, &bad)), "verification_url", "{url}");
    }
    assert!(render(&cert, &opts).is_ok());
}

#[test]
fn an_item_taller_than_a_page_is_refused() {
    let (signer, _) = issuer();
    let mut cert = certificate(CertificateKind::NonPreferential, 3);
    let opts = options(&cert, &signer, Language::En);
    cert.items[1].description = "cotton ".repeat(3000);
    assert_eq!(render(&cert, &opts), Err(PdfError::ItemTooLong { position: 1 }));
}

#[test]
fn boxes_too_long_for_a_page_are_refused() {
    let (signer, _) = issuer();
    let cert = certificate(CertificateKind::Ct1, 1);
    let opts = options(&cert, &signer, Language::Ru);
    let mut long = cert.clone();
    long.remarks = Some("примечание ".repeat(1500));
    assert!(matches!(render(&long, &opts), Err(PdfError::TooLong { part }) if part.starts_with("boxes 1 to 6")));
    let mut long = cert.clone();
    long.exporter_declaration.as_mut().unwrap().signatory = "D. Karimova ".repeat(1500);
    assert!(matches!(render(&long, &opts), Err(PdfError::TooLong { part }) if part.starts_with("boxes 14 and 15")));
}
