//! Idempotency keys: the first request does the work, a repeat gets the stored response, a different request
//! with the same key is refused.

use origo_store::idempotency::{self, Claim};

use crate::common::{T0, TestDb, conformance};

async fn a_key_is_claimed_once_and_replayed_after(db: TestDb) {
    let mut tx = db.store.begin().await.unwrap();
    assert_eq!(idempotency::claim(&mut tx, "user-1", "key-1", "req-a", T0).await.unwrap(), Claim::New);
    assert_eq!(idempotency::claim(&mut tx, "user-1", "key-1", "req-a", T0).await.unwrap(), Claim::InProgress);
    idempotency::complete(&mut tx, "user-1", "key-1", 201, r#"{"number":"UZ-2026-000001"}"#, T0).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.begin().await.unwrap();
    let replay = idempotency::claim(&mut tx, "user-1", "key-1", "req-a", T0).await.unwrap();
    assert_eq!(replay, Claim::Completed { status: 201, body: r#"{"number":"UZ-2026-000001"}"#.into() });
    assert_eq!(idempotency::claim(&mut tx, "user-1", "key-1", "req-b", T0).await.unwrap(), Claim::Mismatch);
    assert_eq!(idempotency::claim(&mut tx, "user-2", "key-1", "req-b", T0).await.unwrap(), Claim::New, "per scope");
    tx.commit().await.unwrap();
}

async fn a_rolled_back_claim_leaves_the_key_free(db: TestDb) {
    let mut tx = db.store.begin().await.unwrap();
    assert_eq!(idempotency::claim(&mut tx, "user-1", "key-1", "req-a", T0).await.unwrap(), Claim::New);
    tx.rollback().await.unwrap();
    let mut conn = db.store.conn().await.unwrap();
    assert!(!idempotency::exists(&mut conn, "user-1", "key-1").await.unwrap());
    drop(conn);
    let mut tx = db.store.begin().await.unwrap();
    assert_eq!(idempotency::claim(&mut tx, "user-1", "key-1", "req-a", T0).await.unwrap(), Claim::New);
    assert_eq!(idempotency::purge(&mut tx, T0 + time::Duration::seconds(1)).await.unwrap(), 1);
    tx.commit().await.unwrap();
}

conformance!(a_key_is_claimed_once_and_replayed_after, a_rolled_back_claim_leaves_the_key_free);
