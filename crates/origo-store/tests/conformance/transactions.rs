//! Transactions keep all or nothing: a dropped or failed transaction leaves no row, no number and no audit
//! record behind, and a commit never reports work that is gone.

use origo_store::exporters;
use origo_store::users::{self, NewUser};
use origo_store::{Role, StoreError, audit, issuers, sequences};

use crate::common::{TestDb, conformance, system};
use crate::fixtures::{self, ISSUER};

async fn nothing_left(db: &TestDb, head_before: i64) {
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(audit::head(&mut conn).await.unwrap().seq, head_before, "no audit record");
    assert_eq!(sequences::last(&mut conn, ISSUER, 2026).await.unwrap(), 0, "no number taken");
    assert!(exporters::list(&mut conn, None, None, 10).await.unwrap().is_empty(), "no exporter");
    let report = audit::verify(&db.store).await.unwrap();
    assert!(report.is_intact(), "{report:?}");
}

async fn a_dropped_transaction_keeps_nothing(db: TestDb) {
    fixtures::issuer(&db.store).await;
    fixtures::signing_key(&db.store).await;
    {
        let mut tx = db.store.begin().await.unwrap();
        let applied = exporters::apply(&mut tx, &system(), &fixtures::exporter_data("301234567")).await.unwrap();
        fixtures::issue_in(&mut tx, applied.id, 2026).await;
        // Dropped here, as when a handler returns early or its task is cancelled.
    }
    nothing_left(&db, 2).await;
}

async fn a_failure_midway_rolls_back_everything(db: TestDb) {
    fixtures::issuer(&db.store).await;
    fixtures::signing_key(&db.store).await;
    fixtures::user(&db.store, "alice", Role::Certifier, None).await;
    let mut tx = db.store.begin().await.unwrap();
    let applied = exporters::apply(&mut tx, &system(), &fixtures::exporter_data("301234567")).await.unwrap();
    fixtures::issue_in(&mut tx, applied.id, 2026).await;
    let duplicate = NewUser {
        username: "alice".into(),
        display_name: "A".into(),
        role: Role::Auditor,
        password_hash: "x".into(),
        exporter_id: None,
        country: None,
    };
    let error = users::create(&mut tx, &system(), &duplicate).await.unwrap_err();
    assert!(error.is_unique("users_username_key"));
    tx.rollback().await.unwrap();
    nothing_left(&db, 3).await;
}

async fn a_commit_after_a_failure_never_reports_lost_work(db: TestDb) {
    fixtures::user(&db.store, "alice", Role::Certifier, None).await;
    let mut tx = db.store.begin().await.unwrap();
    let new = issuers::NewIssuer { code: "UZY".into(), name: "Second body".into(), country: "UZ".into() };
    issuers::create(&mut tx, &system(), &new).await.unwrap();
    let duplicate = NewUser {
        username: "alice".into(),
        display_name: "A".into(),
        role: Role::Auditor,
        password_hash: "x".into(),
        exporter_id: None,
        country: None,
    };
    users::create(&mut tx, &system(), &duplicate).await.unwrap_err();
    // PostgreSQL aborted the transaction at the failed statement, SQLite did not: either way, what `commit` says
    // must be what happened.
    let committed = tx.commit().await.is_ok();
    let mut conn = db.store.conn().await.unwrap();
    let kept = issuers::get(&mut conn, "UZY").await.is_ok();
    assert_eq!(committed, kept);
    assert!(audit::verify(&db.store).await.unwrap().is_intact());
}

async fn a_change_whose_audit_record_cannot_be_written_is_not_written(db: TestDb) {
    fixtures::issuer(&db.store).await;
    // An intruder's row where the next audit record must go: appending it fails at commit.
    db.tamper(
        "INSERT INTO audit_log (seq, at, actor_role, action, entity_type, entity_id, prev_hash, hash) \
         VALUES (2, 'x', 'x', 'x', 'x', 'x', 'x', 'x')",
    )
    .await;
    let mut tx = db.store.begin().await.unwrap();
    exporters::apply(&mut tx, &system(), &fixtures::exporter_data("301234567")).await.unwrap();
    let error = tx.commit().await.unwrap_err();
    assert!(error.is_unique("audit_log_pkey"), "{error:?}");
    let mut conn = db.store.conn().await.unwrap();
    assert!(exporters::list(&mut conn, None, None, 10).await.unwrap().is_empty());
    assert_eq!(audit::head(&mut conn).await.unwrap().seq, 1);
}

async fn missing_rows_are_not_found(db: TestDb) {
    let mut conn = db.store.conn().await.unwrap();
    let id = uuid::Uuid::now_v7();
    assert_eq!(users::get(&mut conn, id).await.unwrap_err(), StoreError::NotFound { entity: "user" });
    assert_eq!(issuers::get(&mut conn, "NONE").await.unwrap_err(), StoreError::NotFound { entity: "issuer" });
    let missing = origo_store::certificates::get(&mut conn, id).await.unwrap_err();
    assert_eq!(missing, StoreError::NotFound { entity: "certificate" });
}

conformance!(
    a_dropped_transaction_keeps_nothing,
    a_failure_midway_rolls_back_everything,
    a_commit_after_a_failure_never_reports_lost_work,
    a_change_whose_audit_record_cannot_be_written_is_not_written,
    missing_rows_are_not_found,
);
