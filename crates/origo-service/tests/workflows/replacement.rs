//! Replacement of a certificate: a new number, code and signature naming the old certificate, the old one marked
//! replaced and pointing at the new one, both audited; the public check of the old one names the new one; only a
//! valid certificate is replaced, only by a certifier; corrections are checked and carried into later
//! replacements; an idempotency key makes a retry return the same replacement.

use origo_documents::verify::{VerifyError, verify};
use origo_service::examination::Examination;
use origo_service::issuance::Issued;
use origo_service::policy::Denied;
use origo_service::replacement::{ConsigneeCorrection, Corrections, ReplaceError, ReplacementRequest};
use origo_store::certificates::{self, CertificateStatus};

use crate::common::{TestDb, conformance};
use crate::world::{World, furniture, world};

async fn issued(w: &World) -> Issued {
    let s = &w.service;
    let application = s.create_application(&w.exporter, furniture()).await.unwrap();
    s.submit_application(&w.exporter, application.id).await.unwrap();
    s.examine_application(&w.certifier, application.id, Examination::Approve).await.unwrap();
    s.issue_certificate(&w.certifier, application.id, None).await.unwrap()
}

fn request(reasons: &str) -> ReplacementRequest {
    ReplacementRequest { reasons: reasons.into(), corrections: Corrections::default() }
}

fn corrected_consignee() -> ReplacementRequest {
    ReplacementRequest {
        reasons: "consignee's name misspelt".into(),
        corrections: Corrections {
            consignee: Some(ConsigneeCorrection { name: Some("Möbelhaus Nord GmbH".into()), ..Default::default() }),
            remarks: Some("Goods on pallets".into()),
        },
    }
}

async fn a_replacement_supersedes_the_certificate_everywhere(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let old = issued(&w).await;
    let old_code = old.security_code.clone().unwrap();
    let made = s.replace_certificate(&w.certifier, old.certificate_id, &corrected_consignee(), None).await.unwrap();
    let new = &made.issued;
    assert_eq!((made.replaced_id, made.replaced_number.as_str()), (old.certificate_id, old.number.as_str()));
    assert_ne!(new.number, old.number);
    assert_ne!(new.certificate_id, old.certificate_id);
    let new_code = new.security_code.clone().expect("the new code is shown once");
    assert_ne!(new_code, old_code);
    assert_ne!(new.document["signature"], old.document["signature"]);

    // The new document carries the corrections and names the old certificate; both signatures verify.
    let body = &new.document["document"];
    assert_eq!(body["consignee"]["name"], "Möbelhaus Nord GmbH");
    assert_eq!(body["consignee"]["address"], "1 Hafenstraße, Hamburg", "fields not corrected are kept");
    assert_eq!(body["consignee"]["country"], "DE");
    let note = format!("Replacement certificate for {} issued 2026-05-01\nGoods on pallets", old.number);
    assert_eq!(body["remarks"], note.as_str());
    assert_eq!(body["items"], old.document["document"]["items"], "the goods are those examined");
    let keys = s.key_set().await.unwrap();
    for document in [&old.document, &new.document] {
        verify(&serde_json::to_vec(document).unwrap(), &keys, None).expect("the signature verifies");
    }

    // Stored: the old one replaced, pointing at the new one; the new one pointing back.
    let mut conn = db.store.conn().await.unwrap();
    let old_row = certificates::get(&mut conn, old.certificate_id).await.unwrap();
    assert_eq!(old_row.status, CertificateStatus::Replaced);
    assert_eq!(old_row.replaced_by_id, Some(new.certificate_id));
    assert_eq!(old_row.status_reason.as_deref(), Some("consignee's name misspelt"));
    let new_row = certificates::get(&mut conn, new.certificate_id).await.unwrap();
    assert_eq!((new_row.status, new_row.replaces_id), (CertificateStatus::Valid, Some(old.certificate_id)));

    // Both changes are audited.
    let trail =
        origo_store::audit::for_entity(&mut conn, "certificate", &old.certificate_id.to_string()).await.unwrap();
    let replaced = trail.iter().find(|r| r.action == "certificate.replaced").expect("the old one's record");
    assert_eq!(replaced.reason.as_deref(), Some("consignee's name misspelt"));
    assert_eq!(replaced.actor_id, Some(w.certifier.user_id.to_string()));
    let trail =
        origo_store::audit::for_entity(&mut conn, "certificate", &new.certificate_id.to_string()).await.unwrap();
    assert_eq!(trail.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(), ["certificate.issued"]);
    drop(conn);

    // Public: the old number and code say replaced and name the new number; the new one names the old.
    let public = s.verify_public(&old.number, &old_code).await.unwrap();
    assert_eq!(public.status, CertificateStatus::Replaced);
    assert_eq!(public.replaced_by.as_deref(), Some(new.number.as_str()));
    let public = s.verify_public(&new.number, &new_code).await.unwrap();
    assert_eq!(public.status, CertificateStatus::Valid);
    assert_eq!(public.replaces.as_deref(), Some(old.number.as_str()));
    assert!(s.verify_public(&new.number, &old_code).await.is_err(), "the old code does not open the new one");
    // The bulk check names the replacement too.
    let bulk = s.verify_bulk(&w.certifier, &[old.number.clone(), new.number.clone()]).await.unwrap();
    assert_eq!(bulk[0].replaced_by.as_deref(), Some(new.number.as_str()));
    assert_eq!(bulk[1].replaced_by, None);

    // The status list names the replacement, and offline verification of the old document says so.
    let list = s.status_list().await.unwrap();
    assert_eq!(list.entries.len(), 1);
    assert_eq!(list.entries[0].replaced_by.as_ref().map(ToString::to_string), Some(new.number.clone()));
    match verify(&serde_json::to_vec(&old.document).unwrap(), &keys, Some(&list)) {
        Err(VerifyError::Replaced { replaced_by, .. }) => {
            assert_eq!(replaced_by.map(|n| n.to_string()), Some(new.number.clone()))
        }
        other => panic!("expected replaced, got {other:?}"),
    }
    assert!(origo_store::audit::verify(&db.store).await.unwrap().is_intact());
}

async fn only_a_valid_certificate_is_replaced_and_only_by_a_certifier(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let old = issued(&w).await;
    for who in [&w.customs, &w.exporter, &w.supervisor, &w.admin] {
        let refused = s.replace_certificate(who, old.certificate_id, &request("x"), None).await.unwrap_err();
        assert!(matches!(refused, ReplaceError::Denied(Denied::Role { .. })), "{:?}: {refused:?}", who.role());
    }
    let refused = s.replace_certificate(&w.certifier, old.certificate_id, &request("  "), None).await.unwrap_err();
    assert!(matches!(refused, ReplaceError::ReasonsRequired), "{refused:?}");
    let mut bad = corrected_consignee();
    bad.corrections.consignee = Some(ConsigneeCorrection { country: Some("Germany".into()), ..Default::default() });
    let refused = s.replace_certificate(&w.certifier, old.certificate_id, &bad, None).await.unwrap_err();
    assert!(matches!(&refused, ReplaceError::Invalid { field, .. } if field == "consignee.country"), "{refused:?}");
    let unknown = uuid::Uuid::now_v7();
    let refused = s.replace_certificate(&w.certifier, unknown, &request("x"), None).await.unwrap_err();
    assert!(matches!(refused, ReplaceError::NotFound), "{refused:?}");
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(certificates::get(&mut conn, old.certificate_id).await.unwrap().status, CertificateStatus::Valid);
    drop(conn);

    // Replaced once; a second replacement of the same certificate is refused.
    let first = s.replace_certificate(&w.certifier, old.certificate_id, &request("typo"), None).await.unwrap();
    let again = s.replace_certificate(&w.certifier2, old.certificate_id, &request("typo"), None).await.unwrap_err();
    assert!(matches!(again, ReplaceError::NotValid(CertificateStatus::Replaced)), "{again:?}");

    // A revoked certificate is not replaced either.
    s.revoke_certificate(&w.certifier, first.issued.certificate_id, "withdrawn").await.unwrap();
    let refused = s.replace_certificate(&w.certifier, first.issued.certificate_id, &request("x"), None).await;
    assert!(matches!(refused, Err(ReplaceError::NotValid(CertificateStatus::Revoked))), "{refused:?}");
}

async fn corrections_are_carried_into_the_next_replacement(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let first = issued(&w).await;
    let second = s.replace_certificate(&w.certifier, first.certificate_id, &corrected_consignee(), None).await.unwrap();
    let third =
        s.replace_certificate(&w.certifier, second.issued.certificate_id, &request("lost"), None).await.unwrap();
    let body = &third.issued.document["document"];
    assert_eq!(body["consignee"]["name"], "Möbelhaus Nord GmbH", "the earlier correction is kept");
    let note = format!("Replacement certificate for {} issued 2026-05-01\nGoods on pallets", second.issued.number);
    assert_eq!(body["remarks"], note.as_str(), "only the latest replacement is named");
    let mut clear = request("remarks withdrawn");
    clear.corrections.remarks = Some(String::new());
    let fourth = s.replace_certificate(&w.certifier, third.issued.certificate_id, &clear, None).await.unwrap();
    let note = format!("Replacement certificate for {} issued 2026-05-01", third.issued.number);
    assert_eq!(fourth.issued.document["document"]["remarks"], note.as_str());
}

async fn a_repeated_idempotency_key_returns_the_same_replacement(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let old = issued(&w).await;
    let first = s.replace_certificate(&w.certifier, old.certificate_id, &request("typo"), Some("r-1")).await.unwrap();
    let again = s.replace_certificate(&w.certifier, old.certificate_id, &request("typo"), Some("r-1")).await.unwrap();
    assert_eq!(first.issued.number, again.issued.number);
    assert_eq!(first.issued.document, again.issued.document);
    assert_eq!(again.replaced_number, old.number);
    assert!(again.issued.security_code.is_none(), "the code is never stored, so a replay cannot show it");
    let other = s.replace_certificate(&w.certifier, old.certificate_id, &request("other"), Some("r-1")).await;
    assert!(matches!(other, Err(ReplaceError::IdempotencyMismatch)), "{other:?}");
}

conformance!(
    a_replacement_supersedes_the_certificate_everywhere,
    only_a_valid_certificate_is_replaced_and_only_by_a_certifier,
    corrections_are_carried_into_the_next_replacement,
    a_repeated_idempotency_key_returns_the_same_replacement,
);
