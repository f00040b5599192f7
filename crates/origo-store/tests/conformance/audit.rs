//! The audit trail: records chained by hash, verified whole, and every kind of tampering named.

use origo_store::audit::{self, AuditEvent, ChainFault, ChainProblem, GENESIS_HASH};
use origo_store::{Actor, Role};

use crate::common::{T0, TestDb, conformance};
use crate::fixtures;

/// Five records: issuer, signing key, exporter applied and registered, user.
async fn trail_of_five(db: &TestDb) {
    fixtures::issuing_body(&db.store).await;
    fixtures::user(&db.store, "alice", Role::Certifier, None).await;
}

async fn first_bad(db: &TestDb) -> Option<ChainFault> {
    audit::verify(&db.store).await.unwrap().first_bad
}

fn fault(seq: i64, problem: ChainProblem) -> Option<ChainFault> {
    Some(ChainFault { seq, problem })
}

async fn every_change_is_chained_and_verifies(db: TestDb) {
    trail_of_five(&db).await;
    let user = fixtures::user(&db.store, "bob", Role::Auditor, None).await;
    let mut tx = db.store.begin().await.unwrap();
    let login = AuditEvent::new("user.logged_in", "user", user.id).reason(Some("password"));
    tx.audit(&Actor::user(user.id, Role::Auditor, T0), login);
    tx.commit().await.unwrap();

    let report = audit::verify(&db.store).await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!((report.records, report.head.seq), (7, 7));
    let mut conn = db.store.conn().await.unwrap();
    let records = audit::list(&mut conn, 0, 100).await.unwrap();
    assert_eq!(records.iter().map(|r| r.seq).collect::<Vec<_>>(), (1..=7).collect::<Vec<_>>());
    assert_eq!(records[0].prev_hash, GENESIS_HASH);
    for pair in records.windows(2) {
        assert_eq!(pair[1].prev_hash, pair[0].hash);
    }
    assert_eq!(records[6].hash, report.head.hash);
    assert_eq!(records[6].actor_id, Some(user.id.to_string()));
    assert_eq!((records[6].action.as_str(), records[6].reason.as_deref()), ("user.logged_in", Some("password")));
    assert_eq!(records[0].actor_role, "system");
    assert_eq!(records[0].at, T0);
    assert_eq!(audit::list(&mut conn, 5, 100).await.unwrap().len(), 2);
    assert_eq!(audit::list(&mut conn, 0, 3).await.unwrap().len(), 3);
}

async fn one_entitys_records_are_read_a_page_at_a_time(db: TestDb) {
    trail_of_five(&db).await;
    let bob = fixtures::user(&db.store, "bob", Role::Auditor, None).await;
    for reason in ["first", "second", "third"] {
        let mut tx = db.store.begin().await.unwrap();
        let note = AuditEvent::new("user.noted", "user", bob.id).reason(Some(reason));
        tx.audit(&Actor::user(bob.id, Role::Auditor, T0), note);
        tx.commit().await.unwrap();
    }
    let mut conn = db.store.conn().await.unwrap();
    let id = bob.id.to_string();
    let all = audit::for_entity(&mut conn, "user", &id).await.unwrap();
    assert_eq!(all.len(), 4);
    let first = audit::list_for_entity(&mut conn, "user", &id, 0, 2).await.unwrap();
    assert_eq!(first, all[..2]);
    let rest = audit::list_for_entity(&mut conn, "user", &id, first[1].seq, 10).await.unwrap();
    assert_eq!(rest, all[2..]);
    assert!(audit::list_for_entity(&mut conn, "issuer", &id, 0, 10).await.unwrap().is_empty());
}

async fn an_edited_record_is_named(db: TestDb) {
    trail_of_five(&db).await;
    db.tamper("UPDATE audit_log SET actor_role = 'admin' WHERE seq = 3").await;
    assert_eq!(first_bad(&db).await, fault(3, ChainProblem::HashMismatch));
}

async fn an_edited_state_hash_is_named(db: TestDb) {
    trail_of_five(&db).await;
    db.tamper("UPDATE audit_log SET after_hash = before_hash WHERE seq = 4").await;
    assert_eq!(first_bad(&db).await, fault(4, ChainProblem::HashMismatch));
}

async fn a_deleted_record_is_named(db: TestDb) {
    trail_of_five(&db).await;
    db.tamper("DELETE FROM audit_log WHERE seq = 2").await;
    assert_eq!(first_bad(&db).await, fault(2, ChainProblem::Missing));
}

async fn a_deleted_last_record_is_named(db: TestDb) {
    trail_of_five(&db).await;
    db.tamper("DELETE FROM audit_log WHERE seq = 5").await;
    assert_eq!(first_bad(&db).await, fault(5, ChainProblem::Missing));
}

async fn reordered_records_are_named(db: TestDb) {
    trail_of_five(&db).await;
    db.tamper("UPDATE audit_log SET seq = -2 WHERE seq = 2").await;
    db.tamper("UPDATE audit_log SET seq = 2 WHERE seq = 3").await;
    db.tamper("UPDATE audit_log SET seq = 3 WHERE seq = -2").await;
    assert_eq!(first_bad(&db).await, fault(2, ChainProblem::HashMismatch));
}

async fn a_deletion_hidden_by_renumbering_is_named(db: TestDb) {
    trail_of_five(&db).await;
    db.tamper("DELETE FROM audit_log WHERE seq = 3").await;
    for seq in 4..=5 {
        db.tamper(&format!("UPDATE audit_log SET seq = {} WHERE seq = {seq}", seq - 1)).await;
    }
    db.tamper("UPDATE audit_head SET seq = 4").await;
    assert_eq!(first_bad(&db).await, fault(3, ChainProblem::HashMismatch));
}

async fn a_relinked_record_is_named(db: TestDb) {
    trail_of_five(&db).await;
    db.tamper(&format!("UPDATE audit_log SET prev_hash = '{GENESIS_HASH}' WHERE seq = 4")).await;
    assert_eq!(first_bad(&db).await, fault(4, ChainProblem::HashMismatch));
}

async fn a_record_added_behind_the_trails_back_is_named(db: TestDb) {
    trail_of_five(&db).await;
    db.tamper(
        "INSERT INTO audit_log (seq, at, actor_id, actor_role, action, entity_type, entity_id, before_hash, \
         after_hash, reason, prev_hash, hash) SELECT 6, at, actor_id, actor_role, action, entity_type, entity_id, \
         before_hash, after_hash, reason, hash, hash FROM audit_log WHERE seq = 5",
    )
    .await;
    assert_eq!(first_bad(&db).await, fault(6, ChainProblem::BeyondHead));
}

async fn a_changed_head_is_named(db: TestDb) {
    trail_of_five(&db).await;
    db.tamper(&format!("UPDATE audit_head SET hash = '{GENESIS_HASH}'")).await;
    assert_eq!(first_bad(&db).await, fault(5, ChainProblem::HeadMismatch));
}

async fn a_long_trail_is_verified_across_pages(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let mut tx = db.store.begin().await.unwrap();
    for n in 0..2500 {
        tx.audit(&Actor::system(T0), AuditEvent::new("test.event", "test", n));
    }
    tx.commit().await.unwrap();
    let report = audit::verify(&db.store).await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.records, 2501);
    db.tamper("UPDATE audit_log SET entity_id = 'x' WHERE seq = 2345").await;
    assert_eq!(first_bad(&db).await, fault(2345, ChainProblem::HashMismatch));
}

conformance!(
    every_change_is_chained_and_verifies,
    one_entitys_records_are_read_a_page_at_a_time,
    an_edited_record_is_named,
    an_edited_state_hash_is_named,
    a_deleted_record_is_named,
    a_deleted_last_record_is_named,
    reordered_records_are_named,
    a_deletion_hidden_by_renumbering_is_named,
    a_relinked_record_is_named,
    a_record_added_behind_the_trails_back_is_named,
    a_changed_head_is_named,
    a_long_trail_is_verified_across_pages,
);
