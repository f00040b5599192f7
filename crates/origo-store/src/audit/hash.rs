//! The hash that chains audit records, and the hash of an entity's state before and after a change.
//!
//! A record's hash covers its sequence number, the previous record's hash and every field, each length-prefixed
//! (so no two different records encode alike) exactly as stored: verification recomputes it from the row's text.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first record.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of an audit record as stored, apart from its own hash.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields<'a> {
    pub seq: i64,
    pub prev_hash: &'a str,
    pub at: &'a str,
    pub actor_id: Option<&'a str>,
    pub actor_role: &'a str,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: &'a str,
    pub before_hash: Option<&'a str>,
    pub after_hash: Option<&'a str>,
    pub reason: Option<&'a str>,
}

/// The record's hash, lower-case hex SHA-256.
pub(crate) fn record_hash(fields: &Fields<'_>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"origo-audit/1");
    let seq = fields.seq.to_string();
    for text in [seq.as_str(), fields.prev_hash, fields.at] {
        put(&mut hasher, Some(text));
    }
    put(&mut hasher, fields.actor_id);
    for text in [fields.actor_role, fields.action, fields.entity_type, fields.entity_id] {
        put(&mut hasher, Some(text));
    }
    for text in [fields.before_hash, fields.after_hash, fields.reason] {
        put(&mut hasher, text);
    }
    hex(&hasher.finalize())
}

/// Absent and empty differ: a tag byte, then the length and the bytes.
fn put(hasher: &mut Sha256, text: Option<&str>) {
    match text {
        None => hasher.update([0u8]),
        Some(text) => {
            hasher.update([1u8]);
            hasher.update((text.len() as u64).to_be_bytes());
            hasher.update(text.as_bytes());
        }
    }
}

/// SHA-256 of a value's JSON (row types serialise their fields in declaration order), as written into the
/// `before_hash` / `after_hash` of an audit record.
pub fn state_hash<T: Serialize + ?Sized>(value: &T) -> String {
    let bytes = serde_json::to_vec(value).expect("row types always serialise");
    sha256_hex(&bytes)
}

/// Lower-case hex SHA-256 of some bytes (evidence files, statement texts, tokens).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Fields<'static> {
        Fields {
            seq: 1,
            prev_hash: GENESIS_HASH,
            at: "2026-05-01T10:00:00.000000Z",
            actor_id: None,
            actor_role: "system",
            action: "issuer.created",
            entity_type: "issuer",
            entity_id: "UZX",
            before_hash: None,
            after_hash: Some("ab"),
            reason: None,
        }
    }

    #[test]
    fn every_field_is_covered() {
        let base = record_hash(&fields());
        let variants = [
            Fields { seq: 2, ..fields() },
            Fields { prev_hash: "1", ..fields() },
            Fields { at: "2026-05-01T10:00:00.000001Z", ..fields() },
            Fields { actor_id: Some(""), ..fields() },
            Fields { actor_role: "admin", ..fields() },
            Fields { action: "issuer.updated", ..fields() },
            Fields { entity_type: "user", ..fields() },
            Fields { entity_id: "UZY", ..fields() },
            Fields { before_hash: Some("ab"), ..fields() },
            Fields { after_hash: None, ..fields() },
            Fields { reason: Some(""), ..fields() },
        ];
        for variant in variants {
            assert_ne!(record_hash(&variant), base, "{variant:?}");
        }
    }

    #[test]
    fn fields_cannot_shift_into_each_other() {
        let a = Fields { action: "ab", entity_type: "c", ..fields() };
        let b = Fields { action: "a", entity_type: "bc", ..fields() };
        assert_ne!(record_hash(&a), record_hash(&b));
    }

    #[test]
    fn sha256_is_the_standard_one() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
