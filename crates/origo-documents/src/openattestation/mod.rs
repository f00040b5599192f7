//! Integrity of OpenAttestation (TradeTrust) wrapped documents, checked offline.
//!
//! What is checked: every visible field's salted hash, the target hash over visible and hidden (obfuscated) field
//! hashes, and the Merkle proof from the target hash to the Merkle root (the value an issuer anchors in a
//! document store, a token registry or a DID signature). What is **not** checked offline: that the Merkle root
//! was really issued by the claimed issuer (an Ethereum document store or token registry, a DNS-TXT record, a DID
//! signature), nor its revocation. The result says so and lists the identity claims for an online check.
//!
//! Keccak-256 throughout (the original Keccak padding, as in Ethereum; not NIST SHA3-256).
//!
//! - [`v2`]: `{version: ".../2.0/schema.json", data, signature, privacy?}`; every leaf in `data` is salted as
//!   `"<uuid>:<type>:<value>"`, leaves are keyed by dotted path, hashed as `keccak256(JSON.stringify({path: leaf}))`.
//! - [`v3`]: `{version: ".../3.0/schema.json", ..., proof}`; salts travel base64-encoded in `proof.salts` as
//!   `[{value, path}]`, a leaf hashes as `keccak256(JSON.stringify({path: "<salt>:<value>"}))`.

pub mod v2;
pub mod v3;

use serde_json::Value;
use sha3::{Digest, Keccak256};

use crate::encoding::{from_hex_array, hex};

/// `version` of a v2 wrapped document.
pub const V2_SCHEMA: &str = "https://schema.openattestation.com/2.0/schema.json";
/// `version` of a v3 wrapped document.
pub const V3_SCHEMA: &str = "https://schema.openattestation.com/3.0/schema.json";

/// OpenAttestation schema version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OaVersion {
    /// 2.0: salted values inside `data`.
    V2,
    /// 3.0: W3C VC shape, salts in `proof.salts`.
    V3,
}

/// An issuer as the document claims it; not checked offline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OaIssuer {
    /// Display name.
    pub name: Option<String>,
    /// How the identity is meant to be proved, e.g. `DNS-TXT demo-tradetrust.openattestation.com`.
    pub identity_proof: Option<String>,
    /// Where the Merkle root is anchored, e.g. `documentStore 0x8bA6...` or `DID did:ethr:0x...`.
    pub anchor: Option<String>,
}

/// What an intact OpenAttestation document shows.
#[derive(Clone, Debug, PartialEq)]
pub struct OaVerified {
    /// Schema version.
    pub version: OaVersion,
    /// The target hash (recomputed, equal to the stated one).
    pub target_hash: String,
    /// The Merkle root the proof leads to.
    pub merkle_root: String,
    /// Visible salted fields checked.
    pub visible_fields: usize,
    /// Hidden fields (hashes only).
    pub obfuscated_fields: usize,
    /// Issuers as claimed; their identity is not checked offline.
    pub issuers: Vec<OaIssuer>,
    /// The visible content: v2 `data` with salts removed, v3 the document without `proof`.
    pub data: Value,
}

/// Why an OpenAttestation document does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OaError {
    /// Not a wrapped v2 or v3 document (a raw document, or something else).
    #[error("not a wrapped OpenAttestation v2 or v3 document")]
    NotWrapped,
    /// Missing or mis-shaped parts (signature block, proof, salts, hashes).
    #[error("malformed OpenAttestation document: {0}")]
    Malformed(String),
    /// OpenAttestation forbids `.` in keys (it would make dotted paths ambiguous).
    #[error("key `{0}` contains a period, which OpenAttestation forbids")]
    PeriodInKey(String),
    /// A visible v3 field that no salt covers: it was added after signing.
    #[error("field `{0}` has no salt: it was not part of the signed document")]
    UnsaltedField(String),
    /// A v3 salted field whose value is now an object or array.
    #[error("field `{0}` was a value when signed and is now an object or array")]
    NonScalarField(String),
    /// The fields do not give the stated target hash: content was changed.
    #[error("the fields do not match the target hash (computed {computed}, stated {stated}): the content was changed")]
    TargetHashMismatch {
        /// From the fields as they are.
        computed: String,
        /// In the document.
        stated: String,
    },
    /// The proof does not lead from the target hash to the Merkle root.
    #[error("the Merkle proof does not lead to the root (computed {computed}, stated {stated})")]
    MerkleRootMismatch {
        /// Root computed from the target hash and proof.
        computed: String,
        /// Root in the document.
        stated: String,
    },
}

/// Which OpenAttestation version a JSON value is wrapped as, if any.
pub fn detect(value: &Value) -> Option<OaVersion> {
    match value.get("version").and_then(Value::as_str)? {
        V2_SCHEMA if value.get("data").is_some() || value.get("signature").is_some() => Some(OaVersion::V2),
        V3_SCHEMA => Some(OaVersion::V3),
        _ => None,
    }
}

/// Checks the integrity of a wrapped v2 or v3 document.
pub fn verify_openattestation(value: &Value) -> Result<OaVerified, OaError> {
    match detect(value).ok_or(OaError::NotWrapped)? {
        OaVersion::V2 => v2::verify(value),
        OaVersion::V3 => v3::verify(value),
    }
}

/// Keccak-256 of `bytes`.
pub fn keccak256(bytes: &[u8]) -> [u8; 32] {
    Keccak256::digest(bytes).into()
}

/// Hex Keccak-256 of the JSON text `JSON.stringify(value)` would write for a value whose objects have a single key
/// or none (as all of OpenAttestation's hashed values do): then key order cannot differ and RFC 8785's output is
/// byte for byte ECMAScript's.
fn keccak_json(value: &Value) -> Result<String, OaError> {
    let text = crate::canonical::to_vec(value).map_err(|e| OaError::Malformed(e.to_string()))?;
    Ok(hex(&keccak256(&text)))
}

/// Target hash: Keccak-256 of the JSON array of all field hashes sorted (JavaScript string order, which for hex
/// is byte order).
fn target_hash(mut hashes: Vec<String>) -> Result<String, OaError> {
    hashes.sort();
    keccak_json(&Value::Array(hashes.into_iter().map(Value::String).collect()))
}

/// A 32-byte hash from hex (either case).
fn hash_bytes(text: &str, what: &str) -> Result<[u8; 32], OaError> {
    from_hex_array::<32>(text).ok_or_else(|| OaError::Malformed(format!("{what} `{text}` is not 32 bytes of hex")))
}

/// Walks a sorted-pair Merkle proof from `target` and compares the result with `root`: at each step the two
/// 32-byte hashes are ordered bytewise, concatenated and hashed.
fn check_merkle(target: &str, proof: &[Value], root: &str) -> Result<(), OaError> {
    let mut node = hash_bytes(target, "targetHash")?;
    for step in proof {
        let sibling = hash_bytes(
            step.as_str().ok_or_else(|| OaError::Malformed("proof entry is not a string".into()))?,
            "proof entry",
        )?;
        let (a, b) = if node <= sibling { (node, sibling) } else { (sibling, node) };
        node = keccak256(&[a, b].concat());
    }
    let stated = hash_bytes(root, "merkleRoot")?;
    if node != stated {
        return Err(OaError::MerkleRootMismatch { computed: hex(&node), stated: root.to_owned() });
    }
    Ok(())
}

/// A string member, for reading claims.
fn text_at<'a>(value: &'a Value, pointer: &str) -> Option<&'a str> {
    value.pointer(pointer).and_then(Value::as_str)
}
