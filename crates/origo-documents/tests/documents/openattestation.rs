//! Every OpenAttestation vector in shared/data: wrapped documents verify, a changed byte in any field fails, raw
//! documents and schemas are not taken for wrapped ones.

use std::path::PathBuf;

use origo_documents::openattestation::{OaError, OaVersion, detect, keccak256, verify_openattestation};
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/openattestation/vectors")
}

/// Every `.json` file under the vectors folder, sorted.
fn all_vectors() -> Vec<PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("vectors folder readable") {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&vectors_dir(), &mut out);
    out.sort();
    out
}

fn load(path: &std::path::Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn name(path: &std::path::Path) -> String {
    path.strip_prefix(vectors_dir()).unwrap().display().to_string()
}

/// Files that are wrapped documents, by what the vectors folder holds (checked below so that a new vector file
/// cannot be skipped silently).
const WRAPPED: [&str; 10] = [
    "coo-selective-disclosure.v2.wrapped.json",
    "v2/did-signed-ocsp-responder.json",
    "v2/did-wrapped.json",
    "v2/not-obfuscated-wrapped.json",
    "v2/obfuscated-wrapped.json",
    "v2/wrapped-transferable-document.json",
    "v3/did-wrapped.json",
    "v3/not-obfuscated-wrapped.json",
    "v3/obfuscated-wrapped.json",
    "v3/wrapped-transferable-document.json",
];
const NOT_WRAPPED: [&str; 6] = [
    "schema-v2/sample-did-document.json",
    "schema-v2/sample-dns-did-document.json",
    "schema-v2/sample-document.json",
    "schema-v2/schema.json",
    "v2/raw-document.json",
    "v3/raw-document.json",
];

#[test]
fn every_vector_file_is_classified() {
    let names: Vec<String> = all_vectors().iter().map(|p| name(p)).collect();
    let mut expected: Vec<String> = WRAPPED.iter().chain(NOT_WRAPPED.iter()).map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(names, expected);
}

#[test]
fn intact_wrapped_vectors_verify() {
    for file in WRAPPED {
        let doc = load(&vectors_dir().join(file));
        let verified = verify_openattestation(&doc).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(verified.visible_fields > 0, "{file}");
        let expected_version = if file.starts_with("v3/") { OaVersion::V3 } else { OaVersion::V2 };
        assert_eq!(verified.version, expected_version, "{file}");
        assert!(!verified.issuers.is_empty(), "{file}");
    }
}

#[test]
fn raw_documents_and_schemas_are_not_wrapped() {
    for file in NOT_WRAPPED {
        let doc = load(&vectors_dir().join(file));
        assert_eq!(detect(&doc), None, "{file}");
        assert_eq!(verify_openattestation(&doc).unwrap_err(), OaError::NotWrapped, "{file}");
    }
}

/// JSON Pointers of every string in `value`.
fn string_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                string_pointers(v, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                string_pointers(v, format!("{at}/{i}"), out);
            }
        }
        Value::String(_) => out.push(at),
        _ => {}
    }
}

/// The string with its last character changed: the next hex digit for hex, otherwise `x` (or `y` for `x`).
fn change_last_char(s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let last = chars.pop().unwrap_or('a');
    let replacement = match last.to_digit(16) {
        Some(d) if last.is_ascii_lowercase() || last.is_ascii_digit() => {
            std::char::from_digit((d + 1) % 16, 16).unwrap()
        }
        _ if last == 'x' => 'y',
        _ => 'x',
    };
    chars.push(replacement);
    chars.into_iter().collect()
}

#[test]
fn a_changed_character_anywhere_fails() {
    let mut checked = 0;
    for file in WRAPPED {
        let doc = load(&vectors_dir().join(file));
        let mut pointers = Vec::new();
        string_pointers(&doc, String::new(), &mut pointers);
        for pointer in pointers {
            let mut changed = doc.clone();
            let slot = changed.pointer_mut(&pointer).unwrap();
            let original = slot.as_str().unwrap().to_owned();
            *slot = Value::String(change_last_char(&original));
            assert!(
                verify_openattestation(&changed).is_err(),
                "{file}: changing {pointer} ({original:.40}) still verifies"
            );
            checked += 1;
        }
    }
    // Every string of every wrapped vector, including hashes, salts, types and the version.
    assert!(checked >= 341, "only {checked} strings changed");
}

#[test]
fn changes_are_reported_for_what_they_are() {
    let doc = load(&vectors_dir().join("v2/not-obfuscated-wrapped.json"));
    let mut changed = doc.clone();
    *changed.pointer_mut("/data/recipient/name").unwrap() =
        Value::from("f948b6d5-c75c-4c43-99f3-216efac4e00b:string:Jane Doe");
    assert!(matches!(verify_openattestation(&changed), Err(OaError::TargetHashMismatch { .. })));

    let mut changed = doc.clone();
    *changed.pointer_mut("/signature/merkleRoot").unwrap() = Value::from("00".repeat(32));
    assert!(matches!(verify_openattestation(&changed), Err(OaError::MerkleRootMismatch { .. })));

    // A field added to a v3 document has no salt.
    let mut v3 = load(&vectors_dir().join("v3/not-obfuscated-wrapped.json"));
    v3["credentialSubject"]["licenceClass"] = Value::from("C");
    assert_eq!(
        verify_openattestation(&v3).unwrap_err(),
        OaError::UnsaltedField("credentialSubject.licenceClass".into())
    );

    // A salted v3 value replaced by an array whose JavaScript string form is the same.
    let mut v3 = load(&vectors_dir().join("v3/not-obfuscated-wrapped.json"));
    let id = v3["credentialSubject"]["id"].clone();
    v3["credentialSubject"]["id"] = Value::Array(vec![id]);
    assert_eq!(verify_openattestation(&v3).unwrap_err(), OaError::NonScalarField("credentialSubject.id".into()));
}

#[test]
fn hidden_field_hashes_are_the_leaf_hashes_of_the_visible_copy() {
    // v2: the obfuscated copy hides recipient.name; its hash is keccak256 of {"<path>":"<salted value>"}.
    let leaf = br#"{"recipient.name":"f948b6d5-c75c-4c43-99f3-216efac4e00b:string:John Doe"}"#;
    let hidden = load(&vectors_dir().join("v2/obfuscated-wrapped.json"));
    assert_eq!(hidden["privacy"]["obfuscatedData"][0], hex(&keccak256(leaf)));

    // v3: the obfuscated copy hides recipient.name; its hash uses the salt from the visible copy.
    let visible = load(&vectors_dir().join("v3/not-obfuscated-wrapped.json"));
    let salts: Vec<Value> = {
        use base64::Engine as _;
        let raw =
            base64::engine::general_purpose::STANDARD.decode(visible["proof"]["salts"].as_str().unwrap()).unwrap();
        serde_json::from_slice(&raw).unwrap()
    };
    let salt = salts.iter().find(|s| s["path"] == "recipient.name").unwrap()["value"].as_str().unwrap().to_owned();
    let name = visible["recipient"]["name"].as_str().unwrap();
    let leaf = serde_json::json!({ "recipient.name": format!("{salt}:{name}") }).to_string();
    let hidden = load(&vectors_dir().join("v3/obfuscated-wrapped.json"));
    assert_eq!(hidden["proof"]["privacy"]["obfuscated"][0], hex(&keccak256(leaf.as_bytes())));
}

#[test]
fn hiding_a_field_keeps_a_v2_document_verifying() {
    // Hide the ChAFTA certificate's importer name ourselves, the way OpenAttestation obfuscates.
    let mut doc = load(&vectors_dir().join("coo-selective-disclosure.v2.wrapped.json"));
    let before = verify_openattestation(&doc).unwrap();
    let pointer = "/data/supplyChainConsignment/importer/name";
    let salted = doc.pointer(pointer).unwrap().clone();
    let leaf = serde_json::json!({ "supplyChainConsignment.importer.name": salted }).to_string();
    let importer = doc.pointer_mut("/data/supplyChainConsignment/importer").unwrap().as_object_mut().unwrap();
    importer.remove("name");
    doc["privacy"] = serde_json::json!({ "obfuscatedData": [hex(&keccak256(leaf.as_bytes()))] });
    let after = verify_openattestation(&doc).unwrap();
    assert_eq!(after.target_hash, before.target_hash);
    assert_eq!((after.visible_fields + 1, after.obfuscated_fields), (before.visible_fields, 1));
    assert!(after.data.pointer("/supplyChainConsignment/importer/name").is_none());
    assert_eq!(after.data.pointer("/supplyChainConsignment/importer/iD").unwrap(), "id:emw-wines.com");
}

#[test]
fn salts_are_removed_from_v2_data_and_issuers_listed() {
    let verified = verify_openattestation(&load(&vectors_dir().join("v2/did-wrapped.json"))).unwrap();
    assert_eq!(verified.data["consignment"]["quantity"]["value"], Value::from(5000));
    assert_eq!(verified.data["recipient"]["name"], "SG FREIGHT");
    let issuer = &verified.issuers[0];
    assert_eq!(issuer.name.as_deref(), Some("DEMO STORE"));
    assert_eq!(issuer.anchor.as_deref(), Some("DID did:ethr:0xE712878f6E8d5d4F9e87E10DA604F9cB564C9a89"));
    let verified =
        verify_openattestation(&load(&vectors_dir().join("coo-selective-disclosure.v2.wrapped.json"))).unwrap();
    assert_eq!(verified.data["isPreferential"], Value::Bool(true));
}

fn hex(bytes: &[u8]) -> String {
    origo_documents::encoding::hex(bytes)
}
