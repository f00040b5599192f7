//! Signed documents: round trip, tampering (property tests), key rotation, PEM, key sets.

use origo_documents::canonical::CanonicalError;
use origo_documents::signing::{KeySetError, SignatureError, SignedDocument, sign_certificate, sign_document};
use origo_documents::{KeySet, Signer};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::common::{certificate, date, issuer, key_set, signer};

#[test]
fn a_signed_certificate_verifies_and_reads_back() {
    let (signer, keys) = issuer();
    let cert = certificate(3);
    let signed = sign_certificate(&cert, &signer, date("2026-03-14")).unwrap();
    assert_eq!(signed.verify(&keys).unwrap().key_id.as_str(), "uzx-2026-1");
    assert_eq!(signed.certificate().unwrap(), cert);
    // Through JSON text and back, pretty-printed: whitespace and key order do not matter.
    let text = serde_json::to_string_pretty(&signed).unwrap();
    let read = SignedDocument::from_json(text.as_bytes()).unwrap();
    read.verify(&keys).unwrap();
    // Deterministic: the same key signs the same document with the same signature.
    let again = sign_certificate(&cert, &signer, date("2026-03-14")).unwrap();
    assert_eq!(again.signature.value, signed.signature.value);
}

#[test]
fn an_invalid_certificate_is_not_signed() {
    let (signer, _) = issuer();
    let mut cert = certificate(2);
    cert.items[1].item_number = 5;
    assert!(sign_certificate(&cert, &signer, date("2026-03-14")).is_err());
    let mut cert = certificate(1);
    cert.certification = None;
    assert!(sign_certificate(&cert, &signer, date("2026-03-14")).is_err());
}

#[test]
fn any_document_can_be_signed_but_not_with_inexact_numbers() {
    let (signer, keys) = issuer();
    let doc: Value = serde_json::from_str(r#"{"count": 3, "ratio": 0.25, "note": "ok"}"#).unwrap();
    sign_document(doc, &signer, date("2026-05-01")).unwrap().verify(&keys).unwrap();
    let doc: Value = serde_json::from_str(r#"{"amount": 1234567890.123456789}"#).unwrap();
    assert!(matches!(sign_document(doc, &signer, date("2026-05-01")), Err(CanonicalError::InexactNumber { .. })));
}

#[test]
fn a_number_rewritten_with_the_same_value_still_verifies_another_value_does_not() {
    let (signer, keys) = issuer();
    let doc: Value = serde_json::from_str(r#"{"count": 3}"#).unwrap();
    let signed = sign_document(doc, &signer, date("2026-05-01")).unwrap();
    let mut same = signed.clone();
    same.document = serde_json::from_str(r#"{"count": 3.0}"#).unwrap();
    same.verify(&keys).unwrap();
    let mut other = signed.clone();
    other.document = serde_json::from_str(r#"{"count": 3.0000000000000001}"#).unwrap();
    assert!(matches!(other.verify(&keys), Err(SignatureError::Canonical(_))));
}

/// JSON Pointers of every scalar in `value`.
fn scalar_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| scalar_pointers(v, format!("{at}/{k}"), out)),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| scalar_pointers(v, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

/// A different scalar of the same type (a tamperer who keeps the document well formed).
fn altered(value: &Value, pick: u8) -> Value {
    match value {
        Value::String(s) if s.is_empty() => json!("x"),
        Value::String(s) => {
            let mut chars: Vec<char> = s.chars().collect();
            let i = usize::from(pick) % chars.len();
            chars[i] = if chars[i] == '1' {
                '2'
            } else if chars[i].is_ascii_digit() {
                '1'
            } else {
                'Z'
            };
            if chars.iter().collect::<String>() == *s {
                chars[i] = 'Y';
            }
            json!(chars.into_iter().collect::<String>())
        }
        Value::Number(n) => json!(n.as_u64().unwrap() + 1 + u64::from(pick)),
        Value::Bool(b) => json!(!b),
        Value::Null => json!("x"),
        _ => unreachable!(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Changing any field of the signed document, or the signing date or key id, breaks verification.
    #[test]
    fn changing_any_signed_field_fails(items in 1usize..4, which in any::<prop::sample::Index>(), pick in any::<u8>()) {
        let (signer, keys) = issuer();
        let signed = sign_certificate(&certificate(items), &signer, date("2026-03-14")).unwrap();
        let mut json = serde_json::to_value(&signed).unwrap();
        let mut pointers = Vec::new();
        scalar_pointers(&json["document"], "/document".into(), &mut pointers);
        pointers.push("/signature/signed_on".into());
        pointers.push("/signature/key_id".into());
        let pointer = which.get(&pointers);
        let slot = json.pointer_mut(pointer).unwrap();
        *slot = altered(slot, pick);
        // Through the typed API (if it still reads) and through the one entry point.
        if let Ok(changed) = serde_json::from_value::<SignedDocument>(json.clone()) {
            prop_assert!(changed.verify(&keys).is_err(), "changed {} and it still verifies", pointer);
        }
        let bytes = serde_json::to_vec(&json).unwrap();
        prop_assert!(origo_documents::verify(&bytes, &keys, None).is_err(), "changed {} and it still verifies", pointer);
    }

    /// Changing any bit of the signature breaks verification.
    #[test]
    fn changing_any_signature_byte_fails(byte in 0usize..64, bit in 0u8..8) {
        let (signer, keys) = issuer();
        let mut signed = sign_certificate(&certificate(1), &signer, date("2026-03-14")).unwrap();
        let mut raw = origo_documents::encoding::from_b64url(&signed.signature.value).unwrap();
        raw[byte] ^= 1 << bit;
        signed.signature.value = origo_documents::encoding::b64url(&raw);
        let result = signed.verify(&keys);
        prop_assert!(matches!(result, Err(SignatureError::Mismatch { .. })), "{:?}", result);
    }
}

#[test]
fn key_rotation_keeps_old_documents_verifying() {
    let old = signer("uzx-2025-1", 1);
    let new = signer("uzx-2026-1", 2);
    let keys = key_set(&[(&old, "2025-01-01", Some("2025-12-31")), (&new, "2026-01-01", None)]);
    let cert = certificate(2);

    let by_old = sign_certificate(&cert, &old, date("2025-11-20")).unwrap();
    let by_new = sign_certificate(&cert, &new, date("2026-03-14")).unwrap();
    assert_eq!(by_old.verify(&keys).unwrap().key_id.as_str(), "uzx-2025-1");
    assert_eq!(by_new.verify(&keys).unwrap().key_id.as_str(), "uzx-2026-1");
    // The open-ended current key keeps verifying far ahead.
    sign_certificate(&cert, &new, date("2031-01-01")).unwrap().verify(&keys).unwrap();

    // Signed with the old key but claiming the new one: relabelled, or made by a key that carries the new id.
    let mut relabelled = by_old.clone();
    relabelled.signature.key_id = "uzx-2026-1".parse().unwrap();
    relabelled.signature.signed_on = date("2026-03-14");
    assert_eq!(relabelled.verify(&keys).unwrap_err(), SignatureError::Mismatch { key_id: "uzx-2026-1".into() });
    let impostor = Signer::from_pkcs8_pem("uzx-2026-1".parse().unwrap(), &old.to_pkcs8_pem().unwrap()).unwrap();
    let forged = sign_certificate(&cert, &impostor, date("2026-03-14")).unwrap();
    assert_eq!(forged.verify(&keys).unwrap_err(), SignatureError::Mismatch { key_id: "uzx-2026-1".into() });

    // Signing dates outside the key's validity.
    let late = sign_certificate(&cert, &old, date("2026-01-01")).unwrap();
    assert_eq!(
        late.verify(&keys).unwrap_err(),
        SignatureError::KeyNotValidOn {
            key_id: "uzx-2025-1".into(),
            signed_on: date("2026-01-01"),
            not_before: date("2025-01-01"),
            not_after: Some(date("2025-12-31")),
        }
    );
    let early = sign_certificate(&cert, &new, date("2025-12-31")).unwrap();
    assert!(matches!(early.verify(&keys), Err(SignatureError::KeyNotValidOn { .. })));
    // Back-dating a late signature into the key's period breaks it: the date is signed.
    let mut backdated = late.clone();
    backdated.signature.signed_on = date("2025-12-31");
    assert!(matches!(backdated.verify(&keys), Err(SignatureError::Mismatch { .. })));

    // A key set that has dropped the old key no longer knows it.
    let only_new = key_set(&[(&new, "2026-01-01", None)]);
    assert_eq!(by_old.verify(&only_new).unwrap_err(), SignatureError::UnknownKey { key_id: "uzx-2025-1".into() });
}

#[test]
fn keys_round_trip_through_pem() {
    let original = signer("uzx-2026-1", 11);
    let pem = original.to_pkcs8_pem().unwrap();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    let read = Signer::from_pkcs8_pem("uzx-2026-1".parse().unwrap(), &pem).unwrap();
    assert_eq!(read.public_key(), original.public_key());
    assert_eq!(read.sign(b"origo"), original.sign(b"origo"));
    assert!(original.public_key_pem().unwrap().starts_with("-----BEGIN PUBLIC KEY-----\n"));
    assert!(
        Signer::from_pkcs8_pem(
            "uzx-2026-1".parse().unwrap(),
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
        )
        .is_err()
    );
    // Debug output never shows the key.
    assert_eq!(format!("{original:?}"), "Signer { key_id: KeyId(\"uzx-2026-1\"), .. }");
}

#[test]
fn a_known_seed_gives_a_known_key_and_signature() {
    // RFC 8032 section 7.1, test 1: the empty message.
    let secret: [u8; 32] = std::array::from_fn(|i| {
        u8::from_str_radix(&"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"[2 * i..2 * i + 2], 16)
            .unwrap()
    });
    let signer = Signer::from_secret_bytes("rfc8032".parse().unwrap(), &secret);
    let public = origo_documents::encoding::from_b64url(&signer.public_key()).unwrap();
    assert_eq!(
        origo_documents::encoding::hex(&public),
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    );
    let signature = origo_documents::encoding::from_b64url(&signer.sign(b"")).unwrap();
    assert_eq!(
        origo_documents::encoding::hex(&signature),
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
    );
}

#[test]
fn the_key_set_is_published_as_json() {
    let old = signer("uzx-2025-1", 1);
    let new = signer("uzx-2026-1", 2);
    let mut keys = key_set(&[(&old, "2025-01-01", Some("2025-12-31")), (&new, "2026-01-01", None)]);
    keys.audit_head = Some(format!("sha256:{}", "ab".repeat(32)));
    let text = serde_json::to_string_pretty(&keys).unwrap();
    assert!(text.contains("\"format\": \"origo-keys/1\""));
    assert!(text.contains("\"algorithm\": \"Ed25519\""));
    assert!(text.contains("\"not_after\": \"2025-12-31\""));
    assert_eq!(KeySet::from_json(text.as_bytes()).unwrap(), keys);

    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["keys"][1]["key_id"] = json!("uzx-2025-1");
    assert_eq!(
        KeySet::from_json(value.to_string().as_bytes()).unwrap_err(),
        KeySetError::DuplicateKeyId("uzx-2025-1".into())
    );

    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["keys"][0]["public_key"] = json!("AAAA");
    assert_eq!(
        KeySet::from_json(value.to_string().as_bytes()).unwrap_err(),
        KeySetError::InvalidPublicKey("uzx-2025-1".into())
    );

    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["keys"][0]["not_after"] = json!("2024-12-31");
    assert!(matches!(KeySet::from_json(value.to_string().as_bytes()), Err(KeySetError::EmptyPeriod { .. })));

    for (pointer, bad) in
        [("/format", json!("origo-keys/2")), ("/keys/0/algorithm", json!("RS256")), ("/keys/0/key_id", json!("bad id"))]
    {
        let mut value: Value = serde_json::from_str(&text).unwrap();
        *value.pointer_mut(pointer).unwrap() = bad;
        assert!(matches!(KeySet::from_json(value.to_string().as_bytes()), Err(KeySetError::Malformed(_))), "{pointer}");
    }
}
