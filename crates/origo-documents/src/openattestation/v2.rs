//! OpenAttestation 2.0 wrapped documents: salted values inside `data`.

use serde_json::{Map, Value, json};

use super::{OaError, OaIssuer, OaVerified, OaVersion, check_merkle, keccak_json, target_hash, text_at};

/// Checks a v2 wrapped document: field hashes, target hash, Merkle proof.
pub fn verify(document: &Value) -> Result<OaVerified, OaError> {
    let data =
        document.get("data").filter(|d| d.is_object()).ok_or_else(|| OaError::Malformed("no `data` object".into()))?;
    let signature = document.get("signature").ok_or_else(|| OaError::Malformed("no `signature`".into()))?;
    // The type is not hashed; checking it keeps a relabelled signature block from passing unnoticed.
    if text_at(signature, "/type") != Some("SHA3MerkleProof") {
        return Err(OaError::Malformed("signature.type is not SHA3MerkleProof".into()));
    }
    let stated_target =
        text_at(signature, "/targetHash").ok_or_else(|| OaError::Malformed("no signature.targetHash".into()))?;
    let root = text_at(signature, "/merkleRoot").ok_or_else(|| OaError::Malformed("no signature.merkleRoot".into()))?;
    let proof = match signature.get("proof") {
        None => &[][..],
        Some(Value::Array(steps)) => steps.as_slice(),
        Some(_) => return Err(OaError::Malformed("signature.proof is not an array".into())),
    };
    let obfuscated = match document.pointer("/privacy/obfuscatedData") {
        None => Vec::new(),
        Some(Value::Array(hashes)) => hashes
            .iter()
            .map(|h| h.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| OaError::Malformed("privacy.obfuscatedData holds a non-string".into()))?,
        Some(_) => return Err(OaError::Malformed("privacy.obfuscatedData is not an array".into())),
    };

    let mut leaves = Vec::new();
    flatten(data, "", &mut leaves)?;
    let mut hashes = obfuscated.clone();
    for (path, value) in &leaves {
        let mut single = Map::new();
        single.insert(path.clone(), (*value).clone());
        hashes.push(keccak_json(&Value::Object(single))?);
    }
    let computed = target_hash(hashes)?;
    // OpenAttestation compares the hex strings as they are.
    if computed != stated_target {
        return Err(OaError::TargetHashMismatch { computed, stated: stated_target.to_owned() });
    }
    check_merkle(stated_target, proof, root)?;

    let data = unsalt(data);
    Ok(OaVerified {
        version: OaVersion::V2,
        target_hash: computed,
        merkle_root: root.to_owned(),
        visible_fields: leaves.len(),
        obfuscated_fields: obfuscated.len(),
        issuers: issuers(&data),
        data,
    })
}

/// The leaves of `data` keyed by dotted path, arrays by index (`issuers.0.name`), the way the `flat` package
/// names them; empty objects and arrays are no leaves.
fn flatten<'a>(value: &'a Value, prefix: &str, out: &mut Vec<(String, &'a Value)>) -> Result<(), OaError> {
    let join = |key: &str| if prefix.is_empty() { key.to_owned() } else { format!("{prefix}.{key}") };
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, member) in map {
                if key.contains('.') {
                    return Err(OaError::PeriodInKey(key.clone()));
                }
                flatten(member, &join(key), out)?;
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                flatten(item, &join(&i.to_string()), out)?;
            }
        }
        // An emptied object or array (all its fields hidden) holds no value: the target hash leaves it out,
        // so that hiding every field of an object keeps the document verifying.
        Value::Object(_) | Value::Array(_) => {}
        leaf => out.push((prefix.to_owned(), leaf)),
    }
    Ok(())
}

/// `data` with each `"<uuid>:<type>:<value>"` string turned back into its value (`undefined` fields dropped).
/// Strings without that shape are kept as they are.
fn unsalt(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !matches!(v.as_str().and_then(salted_type), Some(("undefined", _))))
                .map(|(k, v)| (k.clone(), unsalt(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(unsalt).collect()),
        Value::String(s) => match salted_type(s) {
            Some(("string", text)) => json!(text),
            Some(("number", text)) => serde_json::from_str(text).unwrap_or_else(|_| json!(text)),
            Some(("boolean", text)) => json!(text == "true"),
            Some(("null" | "undefined", _)) => Value::Null,
            _ => value.clone(),
        },
        other => other.clone(),
    }
}

/// `("string", "Demo Issuer")` from `"d722d892-03c5-479d-af14-e4e7c6a4b822:string:Demo Issuer"`.
fn salted_type(s: &str) -> Option<(&str, &str)> {
    let (salt, rest) = s.split_once(':')?;
    let (kind, value) = rest.split_once(':')?;
    let is_uuid = salt.len() == 36 && salt.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
    (is_uuid && matches!(kind, "string" | "number" | "boolean" | "null" | "undefined")).then_some((kind, value))
}

fn issuers(data: &Value) -> Vec<OaIssuer> {
    let Some(list) = data.get("issuers").and_then(Value::as_array) else { return Vec::new() };
    list.iter()
        .map(|issuer| {
            let proof_type = text_at(issuer, "/identityProof/type");
            let proof_at = text_at(issuer, "/identityProof/location").or_else(|| text_at(issuer, "/identityProof/key"));
            let anchor = ["documentStore", "tokenRegistry", "certificateStore"]
                .iter()
                .find_map(|k| issuer.get(*k).and_then(Value::as_str).map(|v| format!("{k} {v}")))
                .or_else(|| text_at(issuer, "/id").map(|id| format!("DID {id}")));
            OaIssuer {
                name: text_at(issuer, "/name").map(str::to_owned),
                identity_proof: proof_type.map(|t| proof_at.map_or_else(|| t.to_owned(), |at| format!("{t} {at}"))),
                anchor,
            }
        })
        .collect()
}
