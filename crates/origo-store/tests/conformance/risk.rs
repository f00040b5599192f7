//! Risk assessments (the latest one per application, the older ones kept, audited), the queue's risk filters and
//! order, and the export history the risk engine compares with.

use origo_store::applications::{self, ApplicationState as S};
use origo_store::export_history;
use origo_store::goods::{self, NewGoodsItem};
use origo_store::queue::{self, QueueFilter, QueueSort, QueueState};
use origo_store::risk_assessments::{self, NewRiskAssessment, RiskFinding, RiskRoute};
use origo_store::statements::{self, NewStatement, StatementKind};
use origo_store::{ConflictKind, StoreError, Tx, audit, certificates, sequences};
use rust_decimal::Decimal;
use time::macros::date;
use uuid::Uuid;

use crate::common::{TestDb, conformance, system};
use crate::fixtures;

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn assessment(application_id: Uuid, score: &str, route: RiskRoute, random: bool) -> NewRiskAssessment {
    NewRiskAssessment {
        application_id,
        score: dec(score),
        route,
        randomly_selected: random,
        findings: vec![RiskFinding {
            indicator: "trader".into(),
            points: dec("0.20"),
            reason: "Exporter UZREX1 is a trader, not the producer of the goods of 610910".into(),
        }],
        config_fingerprint: "ab".repeat(32),
    }
}

async fn submitted(db: &TestDb, exporter_id: Uuid) -> Uuid {
    let application = fixtures::application(&db.store, exporter_id).await;
    let mut tx = db.store.begin().await.unwrap();
    applications::transition(&mut tx, &system(), application.id, S::Draft, S::Submitted, None).await.unwrap();
    tx.commit().await.unwrap();
    application.id
}

async fn record(db: &TestDb, new: &NewRiskAssessment) -> Result<risk_assessments::RiskAssessment, StoreError> {
    let mut tx = db.store.begin().await.unwrap();
    let stored = risk_assessments::record(&mut tx, &system(), new).await?;
    tx.commit().await.unwrap();
    Ok(stored)
}

async fn a_newer_assessment_becomes_the_latest_and_both_are_audited(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let id = submitted(&db, exporter.id).await;
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(risk_assessments::latest(&mut conn, id).await.unwrap(), None);
    drop(conn);

    let first = record(&db, &assessment(id, "0.5", RiskRoute::DocumentaryCheck, false)).await.unwrap();
    assert_eq!((first.score.to_string().as_str(), first.latest), ("0.50", true));
    let second = record(&db, &assessment(id, "0.64", RiskRoute::Inspection, true)).await.unwrap();

    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(risk_assessments::latest(&mut conn, id).await.unwrap(), Some(second.clone()));
    let all = risk_assessments::list_for_application(&mut conn, id).await.unwrap();
    assert_eq!(
        all.iter().map(|a| (a.route, a.latest)).collect::<Vec<_>>(),
        [(RiskRoute::DocumentaryCheck, false), (RiskRoute::Inspection, true)]
    );
    assert_eq!(all[1].findings[0].points, dec("0.20"));
    assert!(all[1].randomly_selected);
    let trail = audit::for_entity(&mut conn, "application", &id.to_string()).await.unwrap();
    let recorded: Vec<_> = trail.iter().filter(|r| r.action == "risk_assessment.recorded").collect();
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[1].reason.as_deref(), Some("risk score 0.64 -> inspection"));
    assert!(recorded[1].before_hash.is_some() && recorded[0].before_hash.is_none());
    drop(conn);
    assert!(audit::verify(&db.store).await.unwrap().is_intact());
}

async fn a_score_outside_zero_to_one_or_an_unknown_application_writes_nothing(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let id = submitted(&db, exporter.id).await;
    let error = record(&db, &assessment(id, "1.5", RiskRoute::Inspection, false)).await.unwrap_err();
    assert!(
        matches!(&error, StoreError::Conflict { kind: ConflictKind::Check, constraint } if constraint == "risk_assessments_score_check"),
        "{error:?}"
    );
    let mut tx = db.store.begin().await.unwrap();
    let missing = assessment(Uuid::now_v7(), "0.1", RiskRoute::AutomaticApproval, false);
    let error = risk_assessments::record(&mut tx, &system(), &missing).await.unwrap_err();
    assert!(matches!(error, StoreError::Conflict { kind: ConflictKind::ForeignKey, .. }), "{error:?}");
    tx.rollback().await.unwrap();
    let mut conn = db.store.conn().await.unwrap();
    assert!(risk_assessments::list_for_application(&mut conn, id).await.unwrap().is_empty());
}

async fn the_queue_filters_by_route_and_sorts_by_score(db: TestDb) {
    fixtures::issuer(&db.store).await;
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let low = submitted(&db, exporter.id).await;
    let high = submitted(&db, exporter.id).await;
    let random = submitted(&db, exporter.id).await;
    let unassessed = submitted(&db, exporter.id).await;
    record(&db, &assessment(low, "0.05", RiskRoute::AutomaticApproval, false)).await.unwrap();
    record(&db, &assessment(high, "0.9", RiskRoute::DocumentaryCheck, false)).await.unwrap();
    // Reassessed: only the latest counts.
    record(&db, &assessment(high, "1", RiskRoute::Inspection, false)).await.unwrap();
    record(&db, &assessment(random, "0.1", RiskRoute::DocumentaryCheck, true)).await.unwrap();

    let mut conn = db.store.conn().await.unwrap();
    let ids = |rows: Vec<queue::QueueRow>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
    let all = QueueFilter { state: QueueState::All, ..QueueFilter::default() };
    let by_score = queue::page(&mut conn, &all, QueueSort::ScoreDesc, 0, 10).await.unwrap();
    assert_eq!(by_score[0].risk_score, Some(dec("1.00")));
    assert_eq!(by_score[0].risk_route, Some(RiskRoute::Inspection));
    assert_eq!(by_score[3].risk_score, None);
    assert_eq!(ids(by_score), [high, random, low, unassessed]);
    let ascending = queue::page(&mut conn, &all, QueueSort::ScoreAsc, 0, 10).await.unwrap();
    assert_eq!(ids(ascending), [low, random, high, unassessed]);

    let inspection = QueueFilter { route: Some(RiskRoute::Inspection), ..all.clone() };
    assert_eq!(queue::count(&mut conn, &inspection).await.unwrap(), 1);
    assert_eq!(ids(queue::page(&mut conn, &inspection, QueueSort::SubmittedAsc, 0, 10).await.unwrap()), [high]);
    let documentary = QueueFilter { route: Some(RiskRoute::DocumentaryCheck), ..all.clone() };
    assert_eq!(ids(queue::page(&mut conn, &documentary, QueueSort::SubmittedAsc, 0, 10).await.unwrap()), [random]);
    let selected = QueueFilter { randomly_selected: Some(true), ..all.clone() };
    let rows = queue::page(&mut conn, &selected, QueueSort::SubmittedAsc, 0, 10).await.unwrap();
    assert_eq!((rows.len(), rows[0].randomly_selected), (1, Some(true)));
    assert_eq!(queue::count(&mut conn, &QueueFilter { randomly_selected: Some(false), ..all }).await.unwrap(), 2);
}

fn item(application_id: Uuid, line_no: i64, hs: &str, value: &str) -> NewGoodsItem {
    NewGoodsItem {
        application_id,
        line_no,
        hs_code: hs.into(),
        description: "Goods".into(),
        quantity: dec("100"),
        unit: "KGM".into(),
        net_weight_kg: Some(dec("100")),
        invoice_value: Some(dec(value)),
        currency: Some("USD".into()),
        ..NewGoodsItem::default()
    }
}

async fn issue_for(tx: &mut Tx, exporter_id: Uuid, application_id: Uuid, replaces: Option<Uuid>) -> Uuid {
    let sequence = sequences::allocate(tx, fixtures::ISSUER, 2026).await.unwrap();
    let mut new = fixtures::new_certificate(exporter_id, &format!("UZ-2026-{sequence:06}"), 2026, sequence);
    new.application_id = Some(application_id);
    new.replaces_id = replaces;
    certificates::issue(tx, &system(), &new).await.unwrap().id
}

async fn the_history_reads_issued_proofs_of_the_exporter_or_the_subheadings(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await;
    let other = fixtures::exporter(&db.store, "309999999").await;
    let mine = fixtures::application(&db.store, exporter.id).await.id;
    let theirs_same_hs = fixtures::application(&db.store, other.id).await.id;
    let theirs_other_hs = fixtures::application(&db.store, other.id).await.id;
    let statement_app = fixtures::application(&db.store, other.id).await.id;
    let current = fixtures::application(&db.store, exporter.id).await.id;
    let mut tx = db.store.begin().await.unwrap();
    goods::add(&mut tx, &system(), &item(mine, 1, "520100", "300")).await.unwrap();
    goods::add(&mut tx, &system(), &item(theirs_same_hs, 1, "610910", "410")).await.unwrap();
    goods::add(&mut tx, &system(), &item(theirs_other_hs, 1, "940360", "900")).await.unwrap();
    goods::add(&mut tx, &system(), &item(statement_app, 1, "610910", "420")).await.unwrap();
    goods::add(&mut tx, &system(), &item(current, 1, "610910", "10")).await.unwrap();
    let first = issue_for(&mut tx, exporter.id, mine, None).await;
    // A replacement repeats the same export: not counted twice.
    issue_for(&mut tx, exporter.id, mine, Some(first)).await;
    issue_for(&mut tx, other.id, theirs_same_hs, None).await;
    issue_for(&mut tx, other.id, theirs_other_hs, None).await;
    // Not issued: the application being assessed.
    let statement = NewStatement {
        text: "The exporter of the products covered by this document ...".into(),
        kind: StatementKind::StatementOnOrigin,
        exporter_id: Some(other.id),
        rex_number: None,
        application_id: Some(statement_app),
        criterion: Some("W 61.09".into()),
        made_out_on: date!(2026 - 04 - 20),
        consignment_value_eur: None,
        place: None,
        document_reference: None,
    };
    statements::register(&mut tx, &system(), &statement).await.unwrap();
    tx.commit().await.unwrap();

    let mut conn = db.store.conn().await.unwrap();
    let codes = ["610910".to_owned()];
    let history = export_history::earlier_exports(&mut conn, exporter.id, &codes, date!(2024 - 05 - 01), current, 100)
        .await
        .unwrap();
    // Oldest first: the statement of 2026-04-20, then the certificates of 2026-05-01 (T0).
    assert_eq!(history.iter().map(|h| h.application_id).collect::<Vec<_>>(), [statement_app, mine, theirs_same_hs]);
    assert_eq!(history[0].day, date!(2026 - 04 - 20));
    assert_eq!(history[1].day, date!(2026 - 05 - 01));
    assert_eq!((history[1].hs_code.as_str(), history[1].invoice_value), ("520100", Some(dec("300"))));
    assert_eq!(history[2].importing_country.as_deref(), Some("DE"));
    assert_eq!(history[2].currency.as_deref(), Some("USD"));
    // Bounded in time and in number.
    let later = export_history::earlier_exports(&mut conn, exporter.id, &codes, date!(2026 - 04 - 21), current, 100)
        .await
        .unwrap();
    assert_eq!(later.len(), 2);
    let newest = export_history::earlier_exports(&mut conn, exporter.id, &codes, date!(2024 - 05 - 01), current, 1)
        .await
        .unwrap();
    assert_eq!(newest.len(), 1);
    assert_ne!(newest[0].application_id, statement_app);
}

conformance!(
    a_newer_assessment_becomes_the_latest_and_both_are_audited,
    a_score_outside_zero_to_one_or_an_unknown_application_writes_nothing,
    the_queue_filters_by_route_and_sorts_by_score,
    the_history_reads_issued_proofs_of_the_exporter_or_the_subheadings,
);
