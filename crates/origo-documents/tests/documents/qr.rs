//! QR payloads: size for 20 items, an actual QR code, round trip, tampering.

use origo_documents::encoding::{b64url, from_b64url};
use origo_documents::qr::{self, PREFIX, QrError, QrItem};
use origo_documents::signing::SignatureError;
use qrcode::{EcLevel, QrCode, Version};

use crate::common::{certificate, date, issuer, key_set, signer};

#[test]
fn twenty_items_fit_in_one_qr_code() {
    let (signer, keys) = issuer();
    let text = qr::encode(&certificate(20), &signer, date("2026-03-14")).unwrap();
    assert!(text.starts_with(PREFIX));
    assert!(text.len() < 1200, "{} bytes", text.len());
    // Medium error correction (15% of the code may be damaged) still fits in one symbol; print the version so a
    // growing payload shows up in the test log.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).unwrap();
    let Version::Normal(version) = code.version() else { panic!("micro QR for {} bytes?", text.len()) };
    println!("20 items: {} bytes, QR version {version}-M, {} modules a side", text.len(), code.width());
    assert!(version <= 30);
    // And the text read from the code verifies.
    let (payload, _) = qr::verify(&text, &keys).unwrap();
    assert_eq!(payload.items.len(), 20);
}

#[test]
fn the_payload_round_trips() {
    let (signer, keys) = issuer();
    let cert = certificate(2);
    let text = qr::encode(&cert, &signer, date("2026-03-14")).unwrap();
    let (payload, key) = qr::verify(&text, &keys).unwrap();
    assert_eq!(key.key_id.as_str(), "uzx-2026-1");
    assert_eq!(payload, qr::payload(&cert, signer.key_id(), date("2026-03-14")).unwrap());
    assert_eq!(payload.number.to_string(), "UZ-2026-000123");
    assert_eq!(payload.issuer.as_deref(), Some("Uzbekexpertiza"));
    assert_eq!(payload.exporter.rex.as_ref().unwrap().as_str(), "UZREX301234567");
    assert_eq!(payload.consignee.as_ref().unwrap().country.as_str(), "KZ");
    assert_eq!(payload.issued_on, date("2026-03-14"));
    assert_eq!(payload.items[1], QrItem("620342".parse().unwrap(), "1250".parse().unwrap(), "PCE".into()));
    // The payload is short-keyed canonical JSON.
    let json = String::from_utf8(from_b64url(text.split('.').nth(1).unwrap()).unwrap()).unwrap();
    assert!(json.starts_with(r#"{"c":{"c":"KZ","n":"Almaty Trade House LLP"},"d":"2026-03-14","e":{"#), "{json}");
    assert!(json.contains(r#""g":[["610910","1225","PCE"],["620342","1250","PCE"]]"#), "{json}");
    // A verification URL carrying the text in its fragment works too.
    qr::verify(&format!("https://verify.example/#{text}"), &keys).unwrap();
}

#[test]
fn weights_stand_in_for_a_missing_quantity() {
    let (signer, _) = issuer();
    let mut cert = certificate(2);
    cert.items[0].quantity = None;
    cert.items[1].quantity = None;
    cert.items[1].net_weight_kg = None;
    let payload = qr::payload(&cert, signer.key_id(), date("2026-03-14")).unwrap();
    assert_eq!(payload.items[0].1.to_string(), "490.25");
    assert_eq!(payload.items[1].1.to_string(), "520.50");
    assert_eq!(payload.items[1].2, "KGM");
    cert.items[1].gross_weight_kg = None;
    assert_eq!(qr::payload(&cert, signer.key_id(), date("2026-03-14")).unwrap_err(), QrError::NoQuantity(2));
}

#[test]
fn tampered_payloads_fail() {
    let (signer, keys) = issuer();
    let text = qr::encode(&certificate(3), &signer, date("2026-03-14")).unwrap();
    let parts: Vec<&str> = text.split('.').collect();
    let json = String::from_utf8(from_b64url(parts[1]).unwrap()).unwrap();

    // Another quantity, re-encoded: canonical still, but not what was signed.
    let changed = json.replace(r#"["610910","1225","PCE"]"#, r#"["610910","9225","PCE"]"#);
    assert_ne!(changed, json);
    let forged = format!("ORIGO1.{}.{}", b64url(changed.as_bytes()), parts[2]);
    assert!(matches!(qr::verify(&forged, &keys), Err(QrError::Signature(SignatureError::Mismatch { .. }))));

    // The same content with a space: not canonical.
    let spaced = json.replacen(',', ", ", 1);
    let respelled = format!("ORIGO1.{}.{}", b64url(spaced.as_bytes()), parts[2]);
    assert_eq!(qr::verify(&respelled, &keys).unwrap_err(), QrError::NonCanonical);

    // Every single-character change of the text fails (checked at every position of the payload and signature).
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for i in PREFIX.len()..text.len() {
        let mut bytes = text.clone().into_bytes();
        if bytes[i] == b'.' {
            continue;
        }
        bytes[i] = if bytes[i] == alphabet[0] { alphabet[1] } else { alphabet[0] };
        let changed = String::from_utf8(bytes).unwrap();
        assert!(qr::verify(&changed, &keys).is_err(), "a change at {i} still verifies");
    }

    assert_eq!(qr::verify("HC1:6BFOXN", &keys).unwrap_err(), QrError::NotQr);
    assert!(matches!(qr::verify("ORIGO1.abc", &keys), Err(QrError::Malformed(_))));
}

#[test]
fn the_key_and_date_inside_the_payload_are_checked() {
    let (signer, _) = issuer();
    let text = qr::encode(&certificate(1), &signer, date("2026-03-14")).unwrap();
    let other = key_set(&[(&self::signer("uzx-2027-1", 3), "2027-01-01", None)]);
    assert!(matches!(qr::verify(&text, &other), Err(QrError::Signature(SignatureError::UnknownKey { .. }))));
    let expired = key_set(&[(&signer, "2025-01-01", Some("2025-12-31"))]);
    assert!(matches!(qr::verify(&text, &expired), Err(QrError::Signature(SignatureError::KeyNotValidOn { .. }))));
}
