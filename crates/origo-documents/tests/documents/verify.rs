//! The one verification entry point: recognition, status lists, failure classes.

use origo_documents::disclosure::sign_disclosable_certificate;
use origo_documents::openattestation::OaVersion;
use origo_documents::qr;
use origo_documents::signing::{KeySet, sign_certificate, sign_document};
use origo_documents::status::{StatusChange, StatusEntry, StatusList};
use origo_documents::verify::{Failure, IssuerCheck, StatusCheck, VerifiedKind};
use origo_documents::{VerifyError, verify};
use serde_json::json;

use crate::common::{certificate, date, issuer, salts};

fn status_list() -> StatusList {
    let mut list = StatusList::new("Uzbekexpertiza", date("2026-05-01"));
    list.entries.push(StatusEntry {
        number: "UZ-2026-000123".parse().unwrap(),
        status: StatusChange::Revoked,
        date: date("2026-04-02"),
        reason: "origin not confirmed on verification".into(),
        replaced_by: None,
    });
    list.entries.push(StatusEntry {
        number: "UZ-2026-000124".parse().unwrap(),
        status: StatusChange::Replaced,
        date: date("2026-04-10"),
        reason: "consignee corrected".into(),
        replaced_by: Some("UZ-2026-000200".parse().unwrap()),
    });
    list
}

fn signed_bytes(number: &str) -> Vec<u8> {
    let (signer, _) = issuer();
    let mut cert = certificate(2);
    cert.number = number.parse().unwrap();
    serde_json::to_vec_pretty(&sign_certificate(&cert, &signer, date("2026-03-14")).unwrap()).unwrap()
}

#[test]
fn each_kind_of_input_is_recognised() {
    let (signer, keys) = issuer();
    let verified = verify(&signed_bytes("UZ-2026-000125"), &keys, None).unwrap();
    assert_eq!(verified.kind, VerifiedKind::SignedDocument);
    assert_eq!(verified.number.unwrap().to_string(), "UZ-2026-000125");
    assert_eq!(
        verified.issuer,
        IssuerCheck::Signed {
            issuer: "Uzbekexpertiza".into(),
            key_id: "uzx-2026-1".parse().unwrap(),
            signed_on: date("2026-03-14")
        }
    );
    assert_eq!(verified.status, StatusCheck::NoList);

    let text = qr::encode(&certificate(4), &signer, date("2026-03-14")).unwrap();
    let verified = verify(format!("{text}\n").as_bytes(), &keys, Some(&status_list().clone())).unwrap_err();
    assert_eq!(verified.failure(), Failure::Revoked, "the fixture's number UZ-2026-000123 is revoked");

    let mut disclosure =
        sign_disclosable_certificate(&certificate(2), &mut salts(3), &signer, date("2026-03-14")).unwrap();
    disclosure.hide("items/*/value").unwrap();
    let verified = verify(&serde_json::to_vec(&disclosure).unwrap(), &keys, None).unwrap();
    assert_eq!(verified.kind, VerifiedKind::Disclosure { hidden: 4 });
    assert_eq!(verified.number.unwrap().to_string(), "UZ-2026-000123");

    let oa = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/openattestation/vectors/v2/did-wrapped.json"),
    )
    .unwrap();
    let verified = verify(&oa, &KeySet::empty(), Some(&status_list())).unwrap();
    assert_eq!(verified.kind, VerifiedKind::OpenAttestation(OaVersion::V2));
    let IssuerCheck::NotCheckedOffline { claimed } = verified.issuer else {
        panic!("issuer identity cannot be checked offline")
    };
    assert_eq!(claimed[0].name.as_deref(), Some("DEMO STORE"));
    assert_eq!(verified.status, StatusCheck::NoNumber);
}

#[test]
fn the_status_list_is_consulted() {
    let (_, keys) = issuer();
    let list = status_list();
    let err = verify(&signed_bytes("UZ-2026-000123"), &keys, Some(&list)).unwrap_err();
    assert_eq!(
        err,
        VerifyError::Revoked {
            number: "UZ-2026-000123".parse().unwrap(),
            date: date("2026-04-02"),
            reason: "origin not confirmed on verification".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "certificate UZ-2026-000123 was revoked on 2026-04-02: origin not confirmed on verification"
    );
    let err = verify(&signed_bytes("UZ-2026-000124"), &keys, Some(&list)).unwrap_err();
    assert_eq!(err.failure(), Failure::Replaced);
    assert_eq!(
        err.to_string(),
        "certificate UZ-2026-000124 was replaced on 2026-04-10 by UZ-2026-000200: consignee corrected"
    );
    let ok = verify(&signed_bytes("UZ-2026-000125"), &keys, Some(&list)).unwrap();
    assert_eq!(ok.status, StatusCheck::NotListed { list_issued_on: date("2026-05-01") });
    // A status list survives a JSON round trip.
    let text = serde_json::to_string_pretty(&list).unwrap();
    assert_eq!(StatusList::from_json(text.as_bytes()).unwrap(), list);
}

#[test]
fn failures_are_classified() {
    let (signer, keys) = issuer();
    let bytes = signed_bytes("UZ-2026-000125");

    let tampered = String::from_utf8(bytes.clone()).unwrap().replace("Almaty Trade House", "Almaty Trade Houses");
    assert_eq!(verify(tampered.as_bytes(), &keys, None).unwrap_err().failure(), Failure::Tampered);
    assert_eq!(verify(&bytes, &KeySet::empty(), None).unwrap_err().failure(), Failure::UnknownKey);
    let late =
        serde_json::to_vec(&sign_document(json!({"number": "UZ-2026-000126"}), &signer, date("2027-01-01")).unwrap())
            .unwrap();
    assert_eq!(verify(&late, &keys, None).unwrap_err().failure(), Failure::KeyNotValidOnSigningDate);

    for unreadable in [&b"\xff\xfe"[..], b"not json", b"{\"hello\": 1}", b"[1, 2]"] {
        assert_eq!(verify(unreadable, &keys, None).unwrap_err().failure(), Failure::Unreadable);
    }
    // A document that mentions a QR link is still read as the document it is.
    let mentions =
        sign_document(json!({"remarks": "see https://verify.example/#ORIGO1.abc.def"}), &signer, date("2026-03-14"))
            .unwrap();
    let verified = verify(&serde_json::to_vec(&mentions).unwrap(), &keys, None).unwrap();
    assert_eq!(verified.kind, VerifiedKind::SignedDocument);
    let url = format!("https://verify.example/#{}", qr::encode(&certificate(1), &signer, date("2026-03-14")).unwrap());
    assert_eq!(verify(url.as_bytes(), &keys, None).unwrap().kind, VerifiedKind::QrPayload);

    let key_file = serde_json::to_vec(&keys).unwrap();
    let err = verify(&key_file, &keys, None).unwrap_err();
    assert_eq!(err, VerifyError::Unreadable("a `origo-keys/1` file, not a document to verify".into()));
    let mut oa: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/data/openattestation/vectors/v3/did-wrapped.json"),
        )
        .unwrap(),
    )
    .unwrap();
    oa["issuer"]["name"] = json!("Another Issuer");
    assert_eq!(verify(&serde_json::to_vec(&oa).unwrap(), &keys, None).unwrap_err().failure(), Failure::Tampered);
}
