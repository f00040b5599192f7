//! Certificates with their numbers, status changes and replacement links; statements on origin; signing keys.

use origo_store::certificates::{self, CertificateStatus};
use origo_store::public_check;
use origo_store::signing_keys::{self, NewSigningKey};
use origo_store::statements::{self, NewStatement, StatementKind};
use origo_store::{ConflictKind, Store, StoreError, audit, sequences};
use time::macros::date;

use crate::common::{TestDb, conformance, system};
use crate::fixtures::{self, ISSUER, KEY_ID};

async fn numbers_count_up_per_issuer_and_year(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let mut tx = db.store.begin().await.unwrap();
    let first = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    let second = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    let next_year = fixtures::issue_in(&mut tx, exporter.id, 2027).await;
    tx.commit().await.unwrap();
    assert_eq!(
        [first.number.as_str(), second.number.as_str(), next_year.number.as_str()],
        ["UZ-2026-000001", "UZ-2026-000002", "UZ-2027-000001"]
    );
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(sequences::last(&mut conn, ISSUER, 2026).await.unwrap(), 2);
    assert_eq!(sequences::last(&mut conn, ISSUER, 2028).await.unwrap(), 0);
}

async fn a_certificate_is_stored_as_signed_and_found_by_number(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let mut tx = db.store.begin().await.unwrap();
    let issued = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    tx.commit().await.unwrap();
    assert_eq!(issued.status, CertificateStatus::Valid);
    assert_eq!(issued.document, r#"{"document":{"number":"UZ-2026-000001","amount":1.50},"signature":{}}"#);

    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(certificates::get(&mut conn, issued.id).await.unwrap(), issued);
    let found = certificates::find_by_number(&mut conn, ISSUER, "UZ-2026-000001").await.unwrap();
    assert_eq!(found, Some(issued.clone()));
    assert_eq!(certificates::find_by_number(&mut conn, ISSUER, "UZ-2026-000002").await.unwrap(), None);
    assert_eq!(certificates::find_all_by_number(&mut conn, "UZ-2026-000001").await.unwrap(), vec![issued.clone()]);
    assert_eq!(certificates::list_for_exporter(&mut conn, exporter.id, None, 10).await.unwrap(), vec![issued.clone()]);
    let trail = audit::for_entity(&mut conn, "certificate", &issued.id.to_string()).await.unwrap();
    assert_eq!(trail[0].after_hash, Some(audit::state_hash(&issued)));
}

async fn a_number_is_never_used_twice_by_one_issuer(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let mut tx = db.store.begin().await.unwrap();
    let new = fixtures::new_certificate(exporter.id, "UZ-2026-000007", 2026, 7);
    certificates::issue(&mut tx, &system(), &new).await.unwrap();
    tx.commit().await.unwrap();
    // Each attempt breaks one constraint only: with two broken, the backends report different ones.
    let mut tx = db.store.begin().await.unwrap();
    let same_number = fixtures::new_certificate(exporter.id, "UZ-2026-000007", 2026, 8);
    let error = certificates::issue(&mut tx, &system(), &same_number).await.unwrap_err();
    assert!(error.is_unique("certificates_issuer_code_number_key"), "{error:?}");
    drop(tx);
    let mut tx = db.store.begin().await.unwrap();
    let same_sequence = fixtures::new_certificate(exporter.id, "UZ-2026-7", 2026, 7);
    let error = certificates::issue(&mut tx, &system(), &same_sequence).await.unwrap_err();
    assert!(error.is_unique("certificates_issuer_code_year_sequence_key"), "{error:?}");
}

async fn revocation_and_replacement_are_recorded_with_reasons(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let mut tx = db.store.begin().await.unwrap();
    let revoked = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    let replaced = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    tx.commit().await.unwrap();

    let mut tx = db.store.begin().await.unwrap();
    let revoked = certificates::revoke(&mut tx, &system(), revoked.id, "false origin information").await.unwrap();
    let sequence = sequences::allocate(&mut tx, ISSUER, 2026).await.unwrap();
    let mut new = fixtures::new_certificate(exporter.id, &format!("UZ-2026-{sequence:06}"), 2026, sequence);
    new.replaces_id = Some(replaced.id);
    let replacement = certificates::issue(&mut tx, &system(), &new).await.unwrap();
    let actor = system();
    let replaced = certificates::replace(&mut tx, &actor, replaced.id, replacement.id, "consignee corrected");
    let replaced = replaced.await.unwrap();
    let again = certificates::revoke(&mut tx, &system(), revoked.id, "twice").await.unwrap_err();
    assert!(matches!(again, StoreError::Conflict { kind: ConflictKind::Stale, .. }), "{again:?}");
    tx.commit().await.unwrap();

    assert_eq!(revoked.status, CertificateStatus::Revoked);
    assert_eq!(revoked.status_reason.as_deref(), Some("false origin information"));
    assert_eq!((replaced.status, replaced.replaced_by_id), (CertificateStatus::Replaced, Some(replacement.id)));
    assert_eq!(replacement.replaces_id, Some(replaced.id));
    let mut conn = db.store.conn().await.unwrap();
    let changes = certificates::status_changes(&mut conn, ISSUER).await.unwrap();
    assert_eq!(changes.iter().map(|c| c.id).collect::<Vec<_>>(), [revoked.id, replaced.id]);

    // The public check's head read (inline on a SQLite file) sees the changes, with the linked numbers, and
    // answers as the pooled read does.
    for (certificate, status) in [(&revoked, CertificateStatus::Revoked), (&replaced, CertificateStatus::Replaced)] {
        let heads = public_check::heads(&db.store, &certificate.number).await.unwrap();
        assert_eq!(heads, public_check::heads_by_number(&mut conn, &certificate.number).await.unwrap());
        assert_eq!(heads.len(), 1);
        assert_eq!((heads[0].id, heads[0].status), (certificate.id, status));
        assert_eq!(heads[0].security_code_hash, certificate.security_code_hash);
        assert_eq!(heads[0].status_changed_at, certificate.status_changed_at);
    }
    let heads = public_check::heads(&db.store, &replaced.number).await.unwrap();
    assert_eq!(heads[0].replaced_by.as_deref(), Some(replacement.number.as_str()));
    let heads = public_check::heads(&db.store, &replacement.number).await.unwrap();
    assert_eq!((heads[0].replaces.as_deref(), heads[0].replaced_by.as_deref()), (Some(replaced.number.as_str()), None));
    assert!(public_check::heads(&db.store, "UZ-2026-999999").await.unwrap().is_empty());
    assert_eq!(public_check::document(&mut conn, replacement.id).await.unwrap(), replacement.document);
}

async fn the_public_check_sees_a_revocation_once_it_commits(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let mut tx = db.store.begin().await.unwrap();
    let certificate = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    tx.commit().await.unwrap();
    let status = |heads: Vec<public_check::PublicHead>| heads.iter().map(|h| h.status).collect::<Vec<_>>();
    let other = Store::open(&db.url).await.unwrap();
    // Read once on each store (on a SQLite file, from then on answered from memory).
    for store in [&db.store, &other] {
        assert_eq!(status(public_check::heads(store, &certificate.number).await.unwrap()), [CertificateStatus::Valid]);
    }

    // Uncommitted and rolled-back revocations change nothing.
    let mut tx = db.store.begin().await.unwrap();
    certificates::revoke(&mut tx, &system(), certificate.id, "false origin information").await.unwrap();
    assert_eq!(status(public_check::heads(&other, &certificate.number).await.unwrap()), [CertificateStatus::Valid]);
    tx.rollback().await.unwrap();
    assert_eq!(status(public_check::heads(&db.store, &certificate.number).await.unwrap()), [CertificateStatus::Valid]);

    // A committed one shows on the next check, through every store of this process.
    let mut tx = db.store.begin().await.unwrap();
    certificates::revoke(&mut tx, &system(), certificate.id, "false origin information").await.unwrap();
    tx.commit().await.unwrap();
    for store in [&db.store, &other] {
        let heads = public_check::heads(store, &certificate.number).await.unwrap();
        assert_eq!(status(heads), [CertificateStatus::Revoked]);
    }
    other.close().await;

    // A change written behind the store's back (another process) shows within the time to live (one second).
    let mut tx = db.store.begin().await.unwrap();
    let fresh = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
    tx.commit().await.unwrap();
    assert_eq!(status(public_check::heads(&db.store, &fresh.number).await.unwrap()), [CertificateStatus::Valid]);
    db.tamper(&format!(
        "UPDATE certificates SET status = 'revoked', status_reason = 'elsewhere', status_changed_at = '{}' \
         WHERE id = '{}'",
        "2026-01-02T00:00:00.000000Z", fresh.id
    ))
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    assert_eq!(status(public_check::heads(&db.store, &fresh.number).await.unwrap()), [CertificateStatus::Revoked]);
}

async fn statements_are_registered_by_the_hash_of_their_text(db: TestDb) {
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let text = "The exporter UZREX301234567 of the products covered by this document declares that, except where \
                otherwise clearly indicated, these products are of Uzbekistan preferential origin according to \
                rules of origin of the Generalised System of Preferences of the European Union and that the \
                origin criterion met is W 61.09.";
    let new = NewStatement {
        text: text.into(),
        kind: StatementKind::StatementOnOrigin,
        exporter_id: Some(exporter.id),
        rex_number: Some("UZREX301234567".into()),
        application_id: None,
        criterion: Some("W 61.09".into()),
        made_out_on: date!(2026 - 05 - 02),
        consignment_value_eur: Some("5999.99".parse().unwrap()),
        place: Some("Tashkent".into()),
        document_reference: None,
    };
    let mut tx = db.store.begin().await.unwrap();
    let statement = statements::register(&mut tx, &system(), &new).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(statement.text_hash, audit::sha256_hex(text.as_bytes()));

    let mut conn = db.store.conn().await.unwrap();
    let found = statements::find_by_text_hash(&mut conn, &statement.text_hash).await.unwrap();
    assert_eq!(found, Some(statement.clone()));
    assert_eq!(statements::find_by_text_hash(&mut conn, "0").await.unwrap(), None);
    assert_eq!(statements::list_for_exporter(&mut conn, exporter.id).await.unwrap(), vec![statement]);
    drop(conn);
    let mut tx = db.store.begin().await.unwrap();
    let error = statements::register(&mut tx, &system(), &new).await.unwrap_err();
    assert!(error.is_unique("statements_text_hash_key"), "{error:?}");
}

async fn an_application_carries_one_statement_and_lists_page(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let other = fixtures::exporter(&db.store, "309999999").await;
    let application = fixtures::application(&db.store, exporter.id).await;
    let statement = |text: &str, exporter_id, application_id| NewStatement {
        text: text.into(),
        kind: StatementKind::OriginDeclaration,
        exporter_id: Some(exporter_id),
        rex_number: None,
        application_id,
        criterion: Some("P".into()),
        made_out_on: date!(2026 - 05 - 02),
        consignment_value_eur: None,
        place: Some("Tashkent".into()),
        document_reference: Some("Invoice 1".into()),
    };
    let mut tx = db.store.begin().await.unwrap();
    let one = statement("one", exporter.id, Some(application.id));
    let first = statements::register(&mut tx, &system(), &one).await.unwrap();
    let second = statements::register(&mut tx, &system(), &statement("two", exporter.id, None)).await.unwrap();
    let third = statements::register(&mut tx, &system(), &statement("three", other.id, None)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!((first.place.as_deref(), first.document_reference.as_deref()), (Some("Tashkent"), Some("Invoice 1")));

    let mut tx = db.store.begin().await.unwrap();
    let again = statements::register(&mut tx, &system(), &statement("four", exporter.id, Some(application.id))).await;
    assert!(again.unwrap_err().is_unique("statements_application_id_key"));
    drop(tx);

    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(statements::find_for_application(&mut conn, application.id).await.unwrap(), Some(first.clone()));
    let ids = |list: Vec<statements::Statement>| list.into_iter().map(|s| s.id).collect::<Vec<_>>();
    let all = statements::list(&mut conn, None, None, 10).await.unwrap();
    assert_eq!(ids(all), [first.id, second.id, third.id]);
    let own = statements::list(&mut conn, Some(exporter.id), None, 10).await.unwrap();
    assert_eq!(ids(own), [first.id, second.id]);
    let page = statements::list(&mut conn, None, Some(first.id), 1).await.unwrap();
    assert_eq!(ids(page), [second.id]);
}

async fn signing_keys_rotate_and_old_ones_stay_published(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let old = fixtures::signing_key(&db.store).await;
    let mut tx = db.store.begin().await.unwrap();
    let new = NewSigningKey {
        key_id: "uzx-2026-2".into(),
        issuer_code: ISSUER.into(),
        public_key: "second-public-key".into(),
        private_key_pem: Some("encrypted pem".into()),
        private_key_encrypted: true,
        not_before: date!(2026 - 07 - 01),
        not_after: None,
    };
    let rotated = signing_keys::add(&mut tx, &system(), &new).await.unwrap();
    let retired = signing_keys::retire(&mut tx, &system(), KEY_ID, date!(2026 - 06 - 30)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(retired.not_after, Some(date!(2026 - 06 - 30)));
    assert!(!format!("{rotated:?}").contains("encrypted pem"), "Debug never shows a private key");

    let mut conn = db.store.conn().await.unwrap();
    let june = signing_keys::active(&mut conn, ISSUER, date!(2026 - 06 - 30)).await.unwrap();
    assert_eq!(june.map(|k| k.key_id), Some(old.key_id.clone()));
    let july = signing_keys::active(&mut conn, ISSUER, date!(2026 - 07 - 01)).await.unwrap().unwrap();
    assert_eq!((july.key_id.as_str(), july.private_key_encrypted), ("uzx-2026-2", true));
    assert_eq!(july.private_key_pem.as_deref(), Some("encrypted pem"));
    assert_eq!(signing_keys::active(&mut conn, ISSUER, date!(2025 - 12 - 31)).await.unwrap(), None);
    let published = signing_keys::list_for_issuer(&mut conn, ISSUER).await.unwrap();
    assert_eq!(published.iter().map(|k| k.key_id.as_str()).collect::<Vec<_>>(), [KEY_ID, "uzx-2026-2"]);
    drop(conn);

    let mut tx = db.store.begin().await.unwrap();
    let same_id = NewSigningKey { public_key: "third-public-key".into(), ..new.clone() };
    let error = signing_keys::add(&mut tx, &system(), &same_id).await.unwrap_err();
    assert!(error.is_unique("signing_keys_pkey"), "{error:?}");
    drop(tx);
    let mut tx = db.store.begin().await.unwrap();
    let same_public_key = NewSigningKey { key_id: "uzx-2026-3".into(), ..new };
    let error = signing_keys::add(&mut tx, &system(), &same_public_key).await.unwrap_err();
    assert!(error.is_unique("signing_keys_public_key_key"), "{error:?}");
}

async fn a_plain_private_key_is_sealed_once_and_audited(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let plain = fixtures::signing_key(&db.store).await;
    let mut tx = db.store.begin().await.unwrap();
    let sealed = signing_keys::seal_private_key(&mut tx, &system(), KEY_ID, "sealed text").await.unwrap().unwrap();
    // Sealing again finds no plain key: nothing changes and nothing is audited.
    assert_eq!(signing_keys::seal_private_key(&mut tx, &system(), KEY_ID, "other").await.unwrap(), None);
    tx.commit().await.unwrap();
    assert!(sealed.private_key_encrypted && !plain.private_key_encrypted);
    assert_eq!((sealed.public_key, sealed.not_before), (plain.public_key, plain.not_before));

    let mut conn = db.store.conn().await.unwrap();
    let stored = signing_keys::get(&mut conn, KEY_ID).await.unwrap();
    assert_eq!((stored.private_key_pem.as_deref(), stored.private_key_encrypted), (Some("sealed text"), true));
    let trail = audit::for_entity(&mut conn, "signing_key", KEY_ID).await.unwrap();
    let actions: Vec<&str> = trail.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["signing_key.added", "signing_key.sealed"]);
    assert_ne!(trail[1].before_hash, trail[1].after_hash);
    drop(conn);
    let mut tx = db.store.begin().await.unwrap();
    let error = signing_keys::seal_private_key(&mut tx, &system(), "no-such-key", "x").await.unwrap_err();
    assert!(matches!(error, StoreError::NotFound { .. }), "{error:?}");
}

conformance!(
    numbers_count_up_per_issuer_and_year,
    a_certificate_is_stored_as_signed_and_found_by_number,
    a_number_is_never_used_twice_by_one_issuer,
    revocation_and_replacement_are_recorded_with_reasons,
    the_public_check_sees_a_revocation_once_it_commits,
    statements_are_registered_by_the_hash_of_their_text,
    an_application_carries_one_statement_and_lists_page,
    signing_keys_rotate_and_old_ones_stay_published,
    a_plain_private_key_is_sealed_once_and_audited,
);
