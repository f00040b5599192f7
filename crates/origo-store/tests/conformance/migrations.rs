//! Migrations: from nothing to the current schema, and again without change.

use origo_store::audit::{self, GENESIS_HASH};
use origo_store::{Backend, Store, issuers, schema_version};

use crate::common::{TestDb, conformance};
use crate::fixtures;

async fn migrating_twice_changes_nothing(db: TestDb) {
    db.store.migrate().await.unwrap();
    fixtures::issuer(&db.store).await;
    db.store.migrate().await.unwrap();
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(issuers::list(&mut conn).await.unwrap().len(), 1);
    assert_eq!(audit::head(&mut conn).await.unwrap().seq, 1);
    // Other migrations may follow; these are the ones this suite's tests rely on.
    assert!(schema_version() >= 10, "{}", schema_version());
}

async fn a_fresh_database_has_an_empty_intact_trail(db: TestDb) {
    let mut conn = db.store.conn().await.unwrap();
    let head = audit::head(&mut conn).await.unwrap();
    assert_eq!((head.seq, head.hash.as_str()), (0, GENESIS_HASH));
    let report = audit::verify(&db.store).await.unwrap();
    assert!(report.is_intact());
    assert_eq!(report.records, 0);
}

async fn a_second_store_on_the_same_database_sees_the_same_data(db: TestDb) {
    fixtures::issuer(&db.store).await;
    // What a second server process does at start-up: connect and migrate (a no-op now).
    let other = Store::open(&db.url).await.unwrap();
    let mut conn = other.conn().await.unwrap();
    assert_eq!(issuers::get(&mut conn, fixtures::ISSUER).await.unwrap().name, "Uzbekexpertiza");
    drop(conn);
    other.close().await;
}

async fn sqlite_runs_in_wal_mode_with_foreign_keys(db: TestDb) {
    if db.store.backend() != Backend::Sqlite {
        return;
    }
    assert!(std::path::Path::new(&format!("{}-wal", db.url.trim_start_matches("sqlite://"))).exists());
    // A foreign key is enforced: an application for an exporter that does not exist is refused.
    let mut tx = db.store.begin().await.unwrap();
    let new = origo_store::applications::NewApplication {
        exporter_id: uuid::Uuid::now_v7(),
        issuer_code: "NONE".into(),
        kind: origo_store::applications::ProofKind::Ct1,
        consignment: serde_json::json!({}),
    };
    let error = origo_store::applications::create(&mut tx, &crate::common::system(), &new).await.unwrap_err();
    assert!(matches!(error, origo_store::StoreError::Conflict { kind: origo_store::ConflictKind::ForeignKey, .. }));
}

conformance!(
    migrating_twice_changes_nothing,
    a_fresh_database_has_an_empty_intact_trail,
    a_second_store_on_the_same_database_sees_the_same_data,
    sqlite_runs_in_wal_mode_with_foreign_keys,
);
