//! Many writers at once: certificate numbers stay unique and gap-free, the audit chain never forks, one decision
//! wins, one idempotency key issues one certificate.

use origo_store::applications::{self, ApplicationState as S};
use origo_store::idempotency::{self, Claim};
use origo_store::{ConflictKind, Role, StoreError, audit, certificates, sequences};
use tokio::task::JoinSet;

use crate::common::{T0, TestDb, conformance, system};
use crate::fixtures::{self, ISSUER};

const TASKS: usize = 48;

async fn numbers_stay_unique_and_gap_free_under_concurrent_issuance(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let mut tasks = JoinSet::new();
    for n in 0..TASKS {
        let store = db.store.clone();
        tasks.spawn(async move {
            let mut tx = store.begin().await.unwrap();
            let certificate = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
            // Every fourth issuance fails after taking its number: the number must come back.
            if n % 4 == 3 {
                tx.rollback().await.unwrap();
                None
            } else {
                tx.commit().await.unwrap();
                Some(certificate.sequence)
            }
        });
    }
    let mut sequences: Vec<i64> = tasks.join_all().await.into_iter().flatten().collect();
    sequences.sort_unstable();
    let committed = TASKS - TASKS / 4;
    assert_eq!(sequences, (1..=committed as i64).collect::<Vec<_>>());
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(sequences::last(&mut conn, ISSUER, 2026).await.unwrap(), committed as i64);
    let report = audit::verify(&db.store).await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.records, 4 + committed as u64);
}

async fn concurrent_writers_never_fork_the_audit_chain(db: TestDb) {
    let mut tasks = JoinSet::new();
    for n in 0..TASKS {
        let store = db.store.clone();
        tasks.spawn(async move {
            let user = fixtures::user(&store, &format!("user{n}"), Role::Customs, None).await;
            let mut tx = store.begin().await.unwrap();
            origo_store::users::set_disabled(&mut tx, &system(), user.id, true).await.unwrap();
            tx.commit().await.unwrap();
        });
    }
    tasks.join_all().await;
    let report = audit::verify(&db.store).await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!((report.records, report.head.seq), (2 * TASKS as u64, 2 * TASKS as i64));
}

async fn of_two_simultaneous_decisions_one_wins(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let application = fixtures::application(&db.store, exporter.id).await;
    let mut tx = db.store.begin().await.unwrap();
    applications::transition(&mut tx, &system(), application.id, S::Draft, S::Submitted, None).await.unwrap();
    tx.commit().await.unwrap();

    let mut tasks = JoinSet::new();
    for n in 0..8 {
        let store = db.store.clone();
        tasks.spawn(async move {
            let to = if n % 2 == 0 { S::Approved } else { S::Refused };
            let mut tx = store.begin().await.unwrap();
            let result = applications::transition(&mut tx, &system(), application.id, S::Submitted, to, None).await;
            match result {
                Ok(_) => tx.commit().await.map(|()| to),
                Err(error) => Err(error),
            }
        });
    }
    let results = tasks.join_all().await;
    let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(winners.len(), 1, "{results:?}");
    for result in &results {
        if let Err(error) = result {
            assert!(matches!(error, StoreError::Conflict { kind: ConflictKind::Stale, .. }), "{error:?}");
        }
    }
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(applications::get(&mut conn, application.id).await.unwrap().state, *winners[0]);
}

async fn one_idempotency_key_issues_one_certificate(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let mut tasks = JoinSet::new();
    for _ in 0..16 {
        let store = db.store.clone();
        tasks.spawn(async move {
            let mut tx = store.begin().await.unwrap();
            match idempotency::claim(&mut tx, "officer-1", "issue-42", "request-hash", T0).await.unwrap() {
                Claim::New => {
                    let certificate = fixtures::issue_in(&mut tx, exporter.id, 2026).await;
                    idempotency::complete(&mut tx, "officer-1", "issue-42", 201, &certificate.number, T0)
                        .await
                        .unwrap();
                    tx.commit().await.unwrap();
                    certificate.number
                }
                Claim::Completed { status: 201, body } => body,
                other => panic!("unexpected {other:?}"),
            }
        });
    }
    let numbers = tasks.join_all().await;
    assert!(numbers.iter().all(|n| n == "UZ-2026-000001"), "{numbers:?}");
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(certificates::list_for_exporter(&mut conn, exporter.id, None, 100).await.unwrap().len(), 1);
}

conformance!(
    numbers_stay_unique_and_gap_free_under_concurrent_issuance,
    concurrent_writers_never_fork_the_audit_chain,
    of_two_simultaneous_decisions_one_wins,
    one_idempotency_key_issues_one_certificate,
);
