//! Security codes kept sealed for the certificate's PDF: sealed under the key-encryption key at issuance and
//! replacement, bound to their own row (a sealed code copied onto another certificate does not open), answered
//! again to a replayed request, and not kept at all without a key-encryption key.

use origo_service::certificate_pdf::{PdfError, PdfLanguage};
use origo_service::keys::KeyEncryptionKey;
use origo_service::replacement::{Corrections, ReplacementRequest};
use origo_service::{Config, Service};
use origo_store::certificates;
use uuid::Uuid;

use crate::common::{TestDb, conformance};
use crate::flows::issue_one;
use crate::world::{World, world_with};

fn sealing() -> Config {
    Config { key_encryption_key: Some(KeyEncryptionKey::random()), ..Config::default() }
}

async fn sealed(service: &Service, id: Uuid) -> Option<String> {
    let mut conn = service.store().conn().await.unwrap();
    certificates::sealed_security_code(&mut conn, id).await.unwrap()
}

async fn pdf(w: &World, id: Uuid) -> Result<Vec<u8>, PdfError> {
    w.service.certificate_pdf(&w.exporter, id, PdfLanguage::En).await.map(|pdf| pdf.bytes)
}

async fn a_sealed_code_opens_only_on_its_own_row(db: TestDb) {
    let w = world_with(db.store.clone(), sealing()).await;
    let first = issue_one(&w, false).await;
    let second = issue_one(&w, false).await;
    let (a, b) = (first.certificate_id, second.certificate_id);
    let sealed_a = sealed(&w.service, a).await.expect("the code is kept");
    let sealed_b = sealed(&w.service, b).await.expect("the code is kept");
    let code = first.security_code.clone().unwrap();
    assert!(sealed_a.starts_with("origo-sealed-code/1:xchacha20poly1305:"), "{sealed_a}");
    assert!(!sealed_a.contains(&code), "the code is not stored in plain: {sealed_a}");
    assert!(pdf(&w, a).await.unwrap().starts_with(b"%PDF"));

    // The second certificate's sealed code on the first one's row: it was sealed for another number.
    db.tamper(&format!("UPDATE certificates SET security_code_sealed = '{sealed_b}' WHERE id = '{a}'")).await;
    match pdf(&w, a).await {
        Err(PdfError::CodeSealed { number, reason }) => {
            assert_eq!(number, first.number);
            assert!(reason.contains("does not open"), "{reason}");
        }
        other => panic!("expected CodeSealed, got {:?}", other.map(|bytes| bytes.len())),
    }
    // Put back, it opens again; the other row was never affected.
    db.tamper(&format!("UPDATE certificates SET security_code_sealed = '{sealed_a}' WHERE id = '{a}'")).await;
    assert!(pdf(&w, a).await.is_ok());
    assert!(pdf(&w, b).await.is_ok());

    // Under another key-encryption key nothing opens: a server with the wrong KEK prints no code.
    let other = Service::start(db.store.clone(), sealing(), w.service.clock().clone()).await;
    assert!(other.is_err(), "the signing keys do not open either, so that server does not even start");
}

async fn replays_answer_the_kept_code_again(db: TestDb) {
    let w = world_with(db.store.clone(), sealing()).await;
    let issued = issue_one(&w, false).await;
    let request = ReplacementRequest { reasons: "consignee corrected".into(), corrections: Corrections::default() };
    let made = w.service.replace_certificate(&w.certifier, issued.certificate_id, &request, Some("r-1")).await.unwrap();
    let code = made.issued.security_code.clone().expect("shown on the first answer");
    let again =
        w.service.replace_certificate(&w.certifier, issued.certificate_id, &request, Some("r-1")).await.unwrap();
    assert_eq!(again.issued.certificate_id, made.issued.certificate_id);
    assert_eq!(again.issued.security_code.as_deref(), Some(code.as_str()), "the replay answers the code too");
    assert!(sealed(&w.service, made.issued.certificate_id).await.is_some());
    // The replaced certificate's PDF still prints, with its banner; the replacement's too.
    assert!(pdf(&w, issued.certificate_id).await.is_ok());
    assert!(pdf(&w, made.issued.certificate_id).await.is_ok());
}

async fn without_a_kek_no_code_is_kept_and_there_is_no_pdf(db: TestDb) {
    let w = world_with(db.store.clone(), Config::default()).await;
    let issued = issue_one(&w, false).await;
    assert_eq!(sealed(&w.service, issued.certificate_id).await, None);
    match pdf(&w, issued.certificate_id).await {
        Err(PdfError::CodeNotKept { number }) => assert_eq!(number, issued.number),
        other => panic!("expected CodeNotKept, got {:?}", other.map(|bytes| bytes.len())),
    }
    // Who may not see the code is refused before anything is read of it.
    let refused = w.service.certificate_pdf(&w.customs, issued.certificate_id, PdfLanguage::Ru).await;
    assert!(matches!(refused, Err(PdfError::Denied(_))), "{refused:?}");
    let hidden = w.service.certificate_pdf(&w.other_exporter, issued.certificate_id, PdfLanguage::Ru).await;
    assert!(matches!(hidden, Err(PdfError::NotFound)), "{hidden:?}");
}

conformance!(
    a_sealed_code_opens_only_on_its_own_row,
    replays_answer_the_kept_code_again,
    without_a_kek_no_code_is_kept_and_there_is_no_pdf,
);
