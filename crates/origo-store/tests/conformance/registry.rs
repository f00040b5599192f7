//! The registry of exporters: application, decisions, modification, revocation, history.

use origo_store::exporters::{self, ExporterStatus};
use origo_store::{ConflictKind, StoreError, audit};
use time::macros::date;

use crate::common::{TestDb, conformance, system};
use crate::fixtures::{self, exporter_data};

async fn a_registration_keeps_every_version(db: TestDb) {
    let mut tx = db.store.begin().await.unwrap();
    let applied = exporters::apply(&mut tx, &system(), &exporter_data("301234567")).await.unwrap();
    assert_eq!((applied.status, applied.version, applied.rex_number.as_deref()), (ExporterStatus::Applied, 1, None));
    let registered =
        exporters::register(&mut tx, &system(), applied.id, "UZREX301234567", date!(2026 - 02 - 01), "complete")
            .await
            .unwrap();
    let mut data = exporter_data("301234567");
    data.address = "1 Amir Temur avenue, Tashkent".into();
    data.consent_to_publication = false;
    let modified = exporters::modify(&mut tx, &system(), applied.id, 2, &data, Some("moved")).await.unwrap();
    let revoked = exporters::revoke(&mut tx, &system(), applied.id, date!(2026 - 06 - 30), "company ceased exporting")
        .await
        .unwrap();
    tx.commit().await.unwrap();

    assert_eq!(registered.valid_from, Some(date!(2026 - 02 - 01)));
    assert!(!modified.data.consent_to_publication);
    assert_eq!((revoked.status, revoked.version), (ExporterStatus::Revoked, 4));
    assert_eq!(revoked.revocation_grounds.as_deref(), Some("company ceased exporting"));

    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(exporters::get(&mut conn, applied.id).await.unwrap(), revoked);
    let by_rex = exporters::find_by_rex_number(&mut conn, "UZREX301234567").await.unwrap();
    assert_eq!(by_rex, Some(revoked.clone()));
    let history = exporters::history(&mut conn, applied.id).await.unwrap();
    let changes: Vec<_> = history.iter().map(|v| (v.version, v.change.as_str(), v.status)).collect();
    assert_eq!(
        changes,
        [
            (1, "applied", ExporterStatus::Applied),
            (2, "registered", ExporterStatus::Registered),
            (3, "modified", ExporterStatus::Registered),
            (4, "revoked", ExporterStatus::Revoked),
        ]
    );
    assert_eq!(history[1].data.address, "12 Navoi street, Tashkent");
    assert_eq!(history[2].data.address, "1 Amir Temur avenue, Tashkent");
    assert_eq!(history[2].reason.as_deref(), Some("moved"));
    let trail = audit::for_entity(&mut conn, "exporter", &applied.id.to_string()).await.unwrap();
    assert_eq!(trail.len(), 4);
    assert_eq!(trail[3].reason.as_deref(), Some("company ceased exporting"));
}

async fn rex_numbers_are_unique(db: TestDb) {
    fixtures::exporter(&db.store, "301234567").await;
    let mut tx = db.store.begin().await.unwrap();
    let other = exporters::apply(&mut tx, &system(), &exporter_data("309999999")).await.unwrap();
    let error = exporters::register(&mut tx, &system(), other.id, "UZREX301234567", date!(2026 - 03 - 01), "ok")
        .await
        .unwrap_err();
    assert!(error.is_unique("exporters_rex_number_key"), "{error:?}");
}

async fn one_live_registration_per_company(db: TestDb) {
    fixtures::exporter(&db.store, "301234567").await;
    let mut tx = db.store.begin().await.unwrap();
    let error = exporters::apply(&mut tx, &system(), &exporter_data("301234567")).await.unwrap_err();
    assert!(error.is_unique("exporters_country_tin_key"), "{error:?}");
    drop(tx);

    // A refused applicant may apply again.
    let mut tx = db.store.begin().await.unwrap();
    let first = exporters::apply(&mut tx, &system(), &exporter_data("305555555")).await.unwrap();
    exporters::refuse(&mut tx, &system(), first.id, "undertakings missing").await.unwrap();
    let second = exporters::apply(&mut tx, &system(), &exporter_data("305555555")).await.unwrap();
    tx.commit().await.unwrap();
    assert_ne!(first.id, second.id);
}

async fn decisions_need_the_right_status(db: TestDb) {
    let registered = fixtures::exporter(&db.store, "301234567").await;
    let mut tx = db.store.begin().await.unwrap();
    let stale = |e: &StoreError| matches!(e, StoreError::Conflict { kind: ConflictKind::Stale, .. });
    let again = exporters::register(&mut tx, &system(), registered.id, "UZREXX", date!(2026 - 01 - 01), "again").await;
    assert!(stale(&again.unwrap_err()));
    assert!(stale(&exporters::refuse(&mut tx, &system(), registered.id, "late").await.unwrap_err()));
    let data = exporter_data("301234567");
    let outdated = exporters::modify(&mut tx, &system(), registered.id, 1, &data, None).await.unwrap_err();
    assert!(stale(&outdated), "a change made against version 1 of a version-2 registration");
    let missing = exporters::get(&mut tx, uuid::Uuid::now_v7()).await.unwrap_err();
    assert_eq!(missing, StoreError::NotFound { entity: "exporter" });
}

async fn registrations_are_listed_by_status(db: TestDb) {
    let a = fixtures::exporter(&db.store, "301111111").await;
    let mut tx = db.store.begin().await.unwrap();
    let b = exporters::apply(&mut tx, &system(), &exporter_data("302222222")).await.unwrap();
    tx.commit().await.unwrap();
    let mut conn = db.store.conn().await.unwrap();
    let all = exporters::list(&mut conn, None, None, 10).await.unwrap();
    assert_eq!(all.iter().map(|e| e.id).collect::<Vec<_>>(), [a.id, b.id]);
    let applied = exporters::list(&mut conn, Some(ExporterStatus::Applied), None, 10).await.unwrap();
    assert_eq!(applied.iter().map(|e| e.id).collect::<Vec<_>>(), [b.id]);
    assert_eq!(exporters::list(&mut conn, None, Some(a.id), 10).await.unwrap().len(), 1);
    assert_eq!(exporters::list(&mut conn, None, None, 1).await.unwrap().len(), 1);
}

conformance!(
    a_registration_keeps_every_version,
    rex_numbers_are_unique,
    one_live_registration_per_company,
    decisions_need_the_right_status,
    registrations_are_listed_by_status,
);
