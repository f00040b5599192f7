//! OpenAttestation 3.0 wrapped documents: the document in clear, salts in `proof.salts`.

use std::collections::HashMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::{OaError, OaIssuer, OaVerified, OaVersion, check_merkle, keccak_json, target_hash, text_at};
use crate::canonical::es6_number_string;

#[derive(Deserialize)]
struct Salt {
    value: String,
    path: String,
}

/// Checks a v3 wrapped document: every visible value is covered by a salt, field hashes, target hash, Merkle proof.
pub fn verify(document: &Value) -> Result<OaVerified, OaError> {
    let map = document.as_object().ok_or(OaError::NotWrapped)?;
    let proof = map.get("proof").ok_or_else(|| OaError::Malformed("no `proof`".into()))?;
    // Neither is hashed; checking them keeps a relabelled proof block from passing unnoticed.
    if text_at(proof, "/type") != Some("OpenAttestationMerkleProofSignature2018") {
        return Err(OaError::Malformed("proof.type is not OpenAttestationMerkleProofSignature2018".into()));
    }
    if proof.get("proofPurpose").is_some_and(|p| p != "assertionMethod") {
        return Err(OaError::Malformed("proof.proofPurpose is not assertionMethod".into()));
    }
    let stated_target =
        text_at(proof, "/targetHash").ok_or_else(|| OaError::Malformed("no proof.targetHash".into()))?;
    let root = text_at(proof, "/merkleRoot").ok_or_else(|| OaError::Malformed("no proof.merkleRoot".into()))?;
    let steps = match proof.get("proofs") {
        None => &[][..],
        Some(Value::Array(steps)) => steps.as_slice(),
        Some(_) => return Err(OaError::Malformed("proof.proofs is not an array".into())),
    };
    let obfuscated: Vec<String> = match proof.pointer("/privacy/obfuscated") {
        None => Vec::new(),
        Some(Value::Array(hashes)) => hashes
            .iter()
            .map(|h| h.as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or_else(|| OaError::Malformed("proof.privacy.obfuscated holds a non-string".into()))?,
        Some(_) => return Err(OaError::Malformed("proof.privacy.obfuscated is not an array".into())),
    };
    let salts = decode_salts(text_at(proof, "/salts").ok_or_else(|| OaError::Malformed("no proof.salts".into()))?)?;

    // The document as signed is everything but `proof`.
    let content: Map<String, Value> =
        map.iter().filter(|(k, _)| *k != "proof").map(|(k, v)| (k.clone(), v.clone())).collect();
    let content = Value::Object(content);
    let mut leaves = HashMap::new();
    collect_leaves(&content, String::new(), &mut leaves)?;

    let mut hashes = obfuscated.clone();
    let mut covered = 0;
    for salt in &salts {
        // A salt whose field is absent belongs to a hidden field (its hash is in `obfuscated`), as in
        // OpenAttestation; one that points at an object or array now means the value was replaced.
        let Some(value) = leaves.get(salt.path.as_str()) else {
            if resolves_to_container(&content, &salt.path) {
                return Err(OaError::NonScalarField(salt.path.clone()));
            }
            continue;
        };
        covered += 1;
        let mut single = Map::new();
        single.insert(salt.path.clone(), json!(format!("{}:{}", salt.value, js_string(value)?)));
        hashes.push(keccak_json(&Value::Object(single))?);
    }
    // Stricter than the reference implementation, which hashes only salted paths: a value no salt covers was not
    // signed, so its presence is tampering even though the hashes still match.
    let salted: std::collections::HashSet<&str> = salts.iter().map(|s| s.path.as_str()).collect();
    if let Some(path) = leaves.keys().filter(|p| !salted.contains(p.as_str())).min() {
        return Err(OaError::UnsaltedField(path.clone()));
    }
    let computed = target_hash(hashes)?;
    if computed != stated_target {
        return Err(OaError::TargetHashMismatch { computed, stated: stated_target.to_owned() });
    }
    check_merkle(stated_target, steps, root)?;

    Ok(OaVerified {
        version: OaVersion::V3,
        target_hash: computed,
        merkle_root: root.to_owned(),
        visible_fields: covered,
        obfuscated_fields: obfuscated.len(),
        issuers: vec![issuer(&content)],
        data: content,
    })
}

/// `proof.salts`: base64 (standard alphabet) of the JSON array `[{value, path}]`; each salt 32 bytes of hex.
fn decode_salts(encoded: &str) -> Result<Vec<Salt>, OaError> {
    let bytes = STANDARD.decode(encoded).map_err(|e| OaError::Malformed(format!("proof.salts is not base64: {e}")))?;
    let salts: Vec<Salt> = serde_json::from_slice(&bytes)
        .map_err(|e| OaError::Malformed(format!("proof.salts is not [{{value, path}}]: {e}")))?;
    if let Some(bad) = salts.iter().find(|s| s.value.len() != 64 || !s.value.bytes().all(|b| b.is_ascii_hexdigit())) {
        return Err(OaError::Malformed(format!("salt of `{}` is not 32 bytes of hex", bad.path)));
    }
    Ok(salts)
}

/// Scalar leaves by path as OpenAttestation 3 writes paths: `key.key`, `key[0].key`. Empty objects and arrays hold
/// no value and get no salt.
fn collect_leaves<'a>(value: &'a Value, path: String, out: &mut HashMap<String, &'a Value>) -> Result<(), OaError> {
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                collect_leaves(member, child, out)?;
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_leaves(item, format!("{path}[{i}]"), out)?;
            }
        }
        scalar => {
            // Keys containing `.` or `[` could make two fields share a path; refuse rather than guess.
            if out.insert(path.clone(), scalar).is_some() {
                return Err(OaError::Malformed(format!("two fields share the path `{path}`")));
            }
        }
    }
    Ok(())
}

/// Whether a salt path points at an object or array (walking the same `a.b[0]` syntax).
fn resolves_to_container(content: &Value, path: &str) -> bool {
    let mut node = content;
    for part in path.split('.') {
        let (key, indices) = part.split_once('[').map_or((part, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            match node.get(key) {
                Some(next) => node = next,
                None => return false,
            }
        }
        for index in indices.split('[').filter(|s| !s.is_empty()) {
            match index.trim_end_matches(']').parse::<usize>().ok().and_then(|i| node.get(i)) {
                Some(next) => node = next,
                None => return false,
            }
        }
    }
    node.is_object() || node.is_array()
}

/// A scalar as JavaScript's template literal writes it (`${value}`).
fn js_string(value: &Value) -> Result<String, OaError> {
    Ok(match value {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_owned(),
        Value::Number(n) => {
            let double: f64 = n.to_string().parse().map_err(|_| OaError::Malformed(format!("number {n}")))?;
            es6_number_string(double).ok_or_else(|| OaError::Malformed(format!("number {n} is not finite")))?
        }
        Value::Array(_) | Value::Object(_) => unreachable!("only scalars are leaves"),
    })
}

fn issuer(content: &Value) -> OaIssuer {
    let proof_type = text_at(content, "/openAttestationMetadata/identityProof/type");
    let proof_at = text_at(content, "/openAttestationMetadata/identityProof/identifier");
    let method = text_at(content, "/openAttestationMetadata/proof/method");
    let anchor_value = text_at(content, "/openAttestationMetadata/proof/value");
    OaIssuer {
        name: text_at(content, "/issuer/name").map(str::to_owned),
        identity_proof: proof_type.map(|t| proof_at.map_or_else(|| t.to_owned(), |at| format!("{t} {at}"))),
        anchor: match (method, anchor_value) {
            (Some(m), Some(v)) => Some(format!("{m} {v}")),
            (None, Some(v)) => Some(v.to_owned()),
            _ => text_at(content, "/issuer/id").map(str::to_owned),
        },
    }
}
