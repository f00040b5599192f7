//! Reading the audit trail: supervisors, auditors and administrators read it a page at a time and per entity,
//! others are refused; the chain check says intact on a fresh world and names the record edited behind the
//! store's back.

use origo_service::audit_read::{AuditQuery, AuditReadError};
use origo_service::policy::Denied;
use origo_store::audit::ChainProblem;

use crate::common::{TestDb, conformance};
use crate::world::{furniture, world};

async fn the_trail_is_read_by_its_readers_only(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let all = AuditQuery { after: 0, limit: 1000, entity: None };
    let before = s.audit_records(&w.auditor, &all).await.unwrap();
    assert!(!before.is_empty());
    assert!(before.windows(2).all(|p| p[1].seq == p[0].seq + 1), "chain order, no gaps");

    let application = s.create_application(&w.exporter, furniture()).await.unwrap();
    let after_seq = before.last().unwrap().seq;
    let fresh = s.audit_records(&w.supervisor, &AuditQuery { after: after_seq, ..all.clone() }).await.unwrap();
    assert!(fresh.iter().any(|r| r.action == "application.created" && r.entity_id == application.id.to_string()));
    assert!(fresh.iter().all(|r| r.seq > after_seq));

    let one = AuditQuery { after: 0, limit: 10, entity: Some(("application".into(), application.id.to_string())) };
    let about = s.audit_records(&w.admin, &one).await.unwrap();
    assert!(!about.is_empty());
    assert!(about.iter().all(|r| r.entity_type == "application" && r.entity_id == application.id.to_string()));
    assert_eq!(about[0].actor_id, Some(w.exporter.user_id.to_string()));
    let page = s.audit_records(&w.auditor, &AuditQuery { limit: 2, ..all.clone() }).await.unwrap();
    assert_eq!(page.iter().map(|r| r.seq).collect::<Vec<_>>(), [1, 2]);

    for who in [&w.exporter, &w.certifier, &w.customs, &w.foreign_de] {
        let refused = s.audit_records(who, &all).await.unwrap_err();
        assert!(matches!(refused, AuditReadError::Denied(Denied::Role { .. })), "{:?}", who.role());
        assert!(matches!(s.verify_audit(who).await, Err(AuditReadError::Denied(_))), "{:?}", who.role());
    }
}

async fn the_chain_check_names_a_record_edited_behind_the_stores_back(db: TestDb) {
    let w = world(db.store.clone()).await;
    let report = w.service.verify_audit(&w.auditor).await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert!(report.records > 10);
    assert_eq!(report.records, report.head.seq as u64);
    db.tamper("UPDATE audit_log SET reason = 'nothing happened' WHERE seq = 4").await;
    let report = w.service.verify_audit(&w.supervisor).await.unwrap();
    assert!(!report.is_intact());
    let fault = report.first_bad.expect("the edited record is named");
    assert_eq!((fault.seq, fault.problem), (4, ChainProblem::HashMismatch));
    assert_eq!(report.records, 3, "the records before it are fine");
}

conformance!(the_trail_is_read_by_its_readers_only, the_chain_check_names_a_record_edited_behind_the_stores_back);
