//! The main flow and what must hold around it: register -> apply -> submit -> examine -> second sign -> issue ->
//! public verify -> revoke -> verify shows revoked; signatures that break on any change; key rotation; numbers
//! unique under concurrent issuance; idempotent issuance; an intact audit trail.

use origo_documents::verify::verify;
use origo_service::application::State;
use origo_service::examination::{Examination, state_of};
use origo_service::verification::CertificateError;
use origo_store::certificates::CertificateStatus;

use crate::common::{TestDb, conformance};
use crate::world::{World, furniture, world};

/// Applies, submits, approves (high risk, countersigned) and issues; returns the issued certificate.
pub async fn issue_one(w: &World, high_risk: bool) -> origo_service::issuance::Issued {
    let s = &w.service;
    let application = s.create_application(&w.exporter, furniture()).await.unwrap();
    let submitted = s.submit_application(&w.exporter, application.id).await.unwrap();
    let view = s.application(&w.certifier, submitted.id).await.unwrap();
    let determination = view.items[0].determination.as_ref().expect("a determination per item");
    assert_eq!(determination.outcome.as_str(), "originating", "{}", determination.result);
    assert!(determination.rule_pack_version.starts_with("non-preferential:"));
    assert!(determination.result.get("trace").is_some());
    if high_risk {
        s.flag_high_risk(&w.certifier, application.id, true).await.unwrap();
    }
    let approved = s.examine_application(&w.certifier, application.id, Examination::Approve).await.unwrap();
    if high_risk {
        assert_eq!(state_of(&approved), State::AwaitingSecondSignature);
        assert!(
            s.issue_certificate(&w.certifier, application.id, None).await.is_err(),
            "no issue before the second signature"
        );
        s.second_sign(&w.supervisor, application.id).await.unwrap();
    }
    s.issue_certificate(&w.certifier, application.id, None).await.unwrap()
}

async fn full_flow_from_registration_to_revocation(db: TestDb) {
    let w = world(db.store.clone()).await;
    let issued = issue_one(&w, true).await;
    let code = issued.security_code.clone().unwrap();
    assert!(issued.number.starts_with("UZ-2026-"), "{}", issued.number);

    // Offline: the document verifies with the published key set, and the key set carries the audit head.
    let keys = w.service.key_set().await.unwrap();
    assert!(keys.audit_head.is_some());
    let bytes = serde_json::to_vec(&issued.document).unwrap();
    verify(&bytes, &keys, None).expect("the issued document verifies");

    // Public: right code shows it without prices; wrong code and unknown number look the same.
    let public = w.service.verify_public(&issued.number, &code).await.unwrap();
    assert_eq!(public.status, CertificateStatus::Valid);
    assert!(public.certificate["items"][0].get("value").is_none(), "no prices in the public view");
    assert!(public.certificate["items"][0].get("hs_code").is_some());
    // The certifying officer is named, not given as a user id.
    let officer = public.certificate["certification"]["officer"].as_str().unwrap();
    assert_eq!(officer, "certifier", "the display name of the world's certifier");
    let wrong = w.service.verify_public(&issued.number, "WRONGCODE1").await.unwrap_err();
    let unknown = w.service.verify_public("UZ-2026-999999", &code).await.unwrap_err();
    assert_eq!(wrong.to_string(), unknown.to_string());
    assert!(matches!(wrong, CertificateError::NotFound));

    // Revoke; the public check and the status list show it.
    w.service.revoke_certificate(&w.certifier, issued.certificate_id, "invoice was forged").await.unwrap();
    let public = w.service.verify_public(&issued.number, &code).await.unwrap();
    assert_eq!(public.status, CertificateStatus::Revoked);
    let list = w.service.status_list().await.unwrap();
    assert_eq!(list.entries.len(), 1);
    assert!(verify(&bytes, &keys, Some(&list)).is_err(), "revoked in the status list");

    let report = origo_store::audit::verify(&db.store).await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert!(report.records > 10);
    db.tamper("UPDATE audit_log SET reason = 'edited' WHERE seq = 3").await;
    let report = origo_store::audit::verify(&db.store).await.unwrap();
    assert_eq!(report.first_bad.map(|f| f.seq), Some(3), "an edited audit record is named");
}

async fn any_change_to_a_signed_field_fails_verification(db: TestDb) {
    let w = world(db.store.clone()).await;
    let issued = issue_one(&w, false).await;
    let keys = w.service.key_set().await.unwrap();
    let mut leaves = Vec::new();
    collect_paths(&issued.document["document"], String::new(), &mut leaves);
    assert!(leaves.len() > 15, "{leaves:?}");
    for path in leaves {
        let mut tampered = issued.document.clone();
        let pointer = format!("/document{path}");
        let field = tampered.pointer_mut(&pointer).unwrap();
        *field = match field {
            serde_json::Value::String(s) => serde_json::Value::String(format!("{s}x")),
            serde_json::Value::Number(_) => serde_json::json!(987654),
            serde_json::Value::Bool(b) => serde_json::Value::Bool(!*b),
            _ => serde_json::Value::Null,
        };
        let bytes = serde_json::to_vec(&tampered).unwrap();
        assert!(verify(&bytes, &keys, None).is_err(), "a change at {pointer} still verifies");
    }
}

fn collect_paths(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| collect_paths(v, format!("{at}/{k}"), out)),
        serde_json::Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, v)| collect_paths(v, format!("{at}/{i}"), out))
        }
        _ => out.push(at),
    }
}

async fn old_certificates_verify_after_key_rotation(db: TestDb) {
    let w = world(db.store.clone()).await;
    let before = issue_one(&w, false).await;
    assert!(w.service.rotate_keys(&w.certifier).await.is_err(), "only an admin rotates keys");
    let new_key = w.service.rotate_keys(&w.admin).await.unwrap();
    let after = issue_one(&w, false).await;
    assert_eq!(after.document["signature"]["key_id"], new_key.key_id);
    assert_ne!(before.document["signature"]["key_id"], after.document["signature"]["key_id"]);
    let keys = w.service.key_set().await.unwrap();
    assert_eq!(keys.keys.len(), 2);
    for issued in [before, after] {
        verify(&serde_json::to_vec(&issued.document).unwrap(), &keys, None).unwrap();
    }
}

async fn concurrent_issuance_gives_unique_numbers(db: TestDb) {
    let w = world(db.store.clone()).await;
    let mut ids = Vec::new();
    for _ in 0..8 {
        let a = w.service.create_application(&w.exporter, furniture()).await.unwrap();
        w.service.submit_application(&w.exporter, a.id).await.unwrap();
        w.service.examine_application(&w.certifier, a.id, Examination::Approve).await.unwrap();
        ids.push(a.id);
    }
    let tasks: Vec<_> = ids
        .into_iter()
        .enumerate()
        .map(|(i, id)| {
            let service = w.service.clone();
            let officer = if i % 2 == 0 { w.certifier.clone() } else { w.certifier2.clone() };
            tokio::spawn(async move { service.issue_certificate(&officer, id, None).await.unwrap().number })
        })
        .collect();
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.push(task.await.unwrap());
    }
    numbers.sort();
    let expected: Vec<String> = (1..=8).map(|n| format!("UZ-2026-{n:06}")).collect();
    assert_eq!(numbers, expected);
    assert!(origo_store::audit::verify(&db.store).await.unwrap().is_intact());
}

async fn a_repeated_idempotency_key_returns_the_same_certificate(db: TestDb) {
    let w = world(db.store.clone()).await;
    let a = w.service.create_application(&w.exporter, furniture()).await.unwrap();
    w.service.submit_application(&w.exporter, a.id).await.unwrap();
    w.service.examine_application(&w.certifier, a.id, Examination::Approve).await.unwrap();
    let first = w.service.issue_certificate(&w.certifier, a.id, Some("key-1")).await.unwrap();
    let again = w.service.issue_certificate(&w.certifier, a.id, Some("key-1")).await.unwrap();
    assert_eq!(first.number, again.number);
    assert_eq!(first.document, again.document);
    assert!(again.security_code.is_none(), "the code is never stored, so a replay cannot show it");
}

conformance!(
    full_flow_from_registration_to_revocation,
    any_change_to_a_signed_field_fails_verification,
    old_certificates_verify_after_key_rotation,
    concurrent_issuance_gives_unique_numbers,
    a_repeated_idempotency_key_returns_the_same_certificate,
);
