//! Selective disclosure: hide prices and suppliers, the copy still verifies; altered copies do not.

use origo_documents::disclosure::{DisclosureError, Segment, SignedDisclosure, sign_disclosable_certificate};
use origo_documents::signing::SignatureError;
use serde_json::Value;

use crate::common::{certificate, date, issuer, key_set, salts, signer};

fn signed(items: usize) -> SignedDisclosure {
    let (signer, _) = issuer();
    sign_disclosable_certificate(&certificate(items), &mut salts(1), &signer, date("2026-03-14")).unwrap()
}

#[test]
fn a_full_disclosure_verifies_and_rebuilds_the_certificate() {
    let (_, keys) = issuer();
    let disclosure = signed(3);
    let disclosed = disclosure.verify(&keys).unwrap();
    assert_eq!(disclosed.hidden, 0);
    assert_eq!(disclosed.document, serde_json::to_value(certificate(3)).unwrap());
    assert_eq!(disclosed.key.key_id.as_str(), "uzx-2026-1");
}

#[test]
fn hiding_prices_and_suppliers_keeps_it_verifying() {
    let (_, keys) = issuer();
    let mut disclosure = signed(3);
    let before = disclosure.signature.clone();
    // value = amount + currency; supplier = name + address + country: 5 leaves per item.
    assert_eq!(disclosure.hide("items/*/value").unwrap(), 6);
    assert_eq!(disclosure.hide("/items/*/supplier/").unwrap(), 9);
    assert_eq!(disclosure.hide("exporter/tin").unwrap(), 1);
    assert_eq!(disclosure.hide("no/such/field").unwrap(), 0);
    assert_eq!(disclosure.signature, before, "hiding needs no key and changes no signature");

    let text = serde_json::to_string(&disclosure).unwrap();
    for secret in ["4137.80", "Fergana Cotton Cluster", "Mustaqillik", "\"tin\""] {
        assert!(!text.contains(secret), "{secret} is still in the disclosed copy");
    }
    let disclosed = SignedDisclosure::from_json(text.as_bytes()).unwrap().verify(&keys).unwrap();
    assert_eq!(disclosed.hidden, 16);
    let items = disclosed.document["items"].as_array().unwrap();
    assert!(items.iter().all(|i| i.get("value").is_none() && i.get("supplier").is_none()));
    assert_eq!(items[0]["hs_code"], "610910");
    assert_eq!(disclosed.document["exporter"]["name"], "Chirchiq Textile Mill LLC");
    assert!(disclosed.document["exporter"].get("tin").is_none());
}

#[test]
fn an_altered_hidden_hash_fails() {
    let (_, keys) = issuer();
    let mut disclosure = signed(2);
    disclosure.hide("items/*/value").unwrap();
    let mut altered = disclosure.clone();
    let first = altered.obfuscated[0].clone();
    let last = if first.ends_with('0') { '1' } else { '0' };
    altered.obfuscated[0] = format!("{}{last}", &first[..63]);
    assert!(matches!(altered.verify(&keys), Err(DisclosureError::TargetHashMismatch { .. })));

    let mut dropped = disclosure.clone();
    dropped.obfuscated.pop();
    assert!(matches!(dropped.verify(&keys), Err(DisclosureError::TargetHashMismatch { .. })));

    let mut uppercase = disclosure.clone();
    uppercase.obfuscated[0] = uppercase.obfuscated[0].to_uppercase();
    assert!(matches!(uppercase.verify(&keys), Err(DisclosureError::Malformed(_))));
}

#[test]
fn altered_visible_fields_salts_and_paths_fail() {
    let (_, keys) = issuer();
    let disclosure = signed(2);
    let position = |pointer: &str| {
        disclosure
            .leaves
            .iter()
            .position(|l| origo_documents::disclosure::pointer(&l.path) == pointer)
            .unwrap_or_else(|| panic!("no leaf {pointer}"))
    };

    let mut value_changed = disclosure.clone();
    value_changed.leaves[position("/items/0/hs_code")].value = Value::from("610990");
    assert!(matches!(value_changed.verify(&keys), Err(DisclosureError::TargetHashMismatch { .. })));

    let mut salt_changed = disclosure.clone();
    let salt = &mut salt_changed.leaves[position("/number")].salt;
    let first = if salt.starts_with('A') { 'B' } else { 'A' };
    *salt = format!("{first}{}", &salt[1..]);
    assert!(matches!(salt_changed.verify(&keys), Err(DisclosureError::TargetHashMismatch { .. })));

    // Moving item 1's description to item 2 keeps value and salt but not the path.
    let mut moved = disclosure.clone();
    moved.leaves[position("/items/0/description")].path[1] = Segment::Index(1);
    assert!(moved.verify(&keys).is_err());

    // An array index passed off as an object key.
    let mut retyped = disclosure.clone();
    retyped.leaves[position("/items/0/description")].path[1] = Segment::Key("0".into());
    assert!(matches!(retyped.verify(&keys), Err(DisclosureError::TargetHashMismatch { .. })));

    let mut added = disclosure.clone();
    let mut extra = added.leaves[0].clone();
    extra.path = vec![Segment::Key("remarks".into())];
    extra.value = Value::from("goods of EU origin");
    added.leaves.push(extra);
    assert!(matches!(added.verify(&keys), Err(DisclosureError::TargetHashMismatch { .. })));
}

#[test]
fn salts_make_equal_values_hash_differently() {
    let (signer, _) = issuer();
    let mut a = sign_disclosable_certificate(&certificate(1), &mut salts(1), &signer, date("2026-03-14")).unwrap();
    let mut b = sign_disclosable_certificate(&certificate(1), &mut salts(2), &signer, date("2026-03-14")).unwrap();
    a.hide("items/0/value/amount").unwrap();
    b.hide("items/0/value/amount").unwrap();
    assert_ne!(a.obfuscated, b.obfuscated, "a hidden price must not be recognisable across copies");
    assert_ne!(a.signature.target_hash, b.signature.target_hash);
}

#[test]
fn the_signature_binds_key_and_date() {
    let (_, keys) = issuer();
    let disclosure = signed(1);
    let mut redated = disclosure.clone();
    redated.signature.signed_on = date("2026-03-15");
    assert!(matches!(redated.verify(&keys), Err(DisclosureError::Signature(SignatureError::Mismatch { .. }))));
    let other = key_set(&[(&signer("uzx-2026-1", 99), "2026-01-01", None)]);
    assert!(matches!(disclosure.verify(&other), Err(DisclosureError::Signature(SignatureError::Mismatch { .. }))));
}
