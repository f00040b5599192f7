//! Selective disclosure: every leaf field is salted and hashed, the sorted leaf hashes give the target hash, and
//! the target hash is what gets signed. Hiding a field replaces it by its hash in `obfuscated`; the copy still
//! verifies, and reveals neither the field's value nor its name.
//!
//! A leaf is a string, number, boolean, null, or an empty object or array, at a path of object keys and array
//! indices. Its hash is SHA-256 of the canonical JSON `{"path": [...], "salt": "...", "value": ...}` where the path
//! keeps keys as strings and indices as integers (so an array cannot be passed off as an object with keys `"0"`,
//! `"1"`), and the salt is 16 caller-supplied random bytes (so a hidden low-entropy value such as a price cannot be
//! guessed from its hash). The target hash is SHA-256 of the canonical JSON array of all leaf hashes, visible and
//! hidden, as sorted lowercase hex. Same idea as OpenAttestation (see [`crate::openattestation`]), with SHA-256,
//! typed paths and canonical JSON instead of JavaScript's key order.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::canonical::{self, CanonicalError};
use crate::certificate::Certificate;
use crate::date::Date;
use crate::encoding::{b64url, from_b64url_array, from_hex_array, hex};
use crate::serde_text::format_tag;
use crate::signing::{Algorithm, KeyId, KeySet, PublishedKey, SignatureError, Signer};

/// Bytes of salt per leaf.
pub const SALT_LEN: usize = 16;

format_tag!(
    /// The `format` tag of a signed disclosure: `origo-disclosure/1`.
    DisclosureFormat = "origo-disclosure/1"
);

/// One step of a leaf's path: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Segment {
    /// An array index (an integer on the wire).
    Index(u32),
    /// An object key (a string on the wire).
    Key(String),
}

/// A visible leaf: where it is, its salt, its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leaf {
    /// Keys and indices from the root.
    pub path: Vec<Segment>,
    /// 16 bytes, unpadded base64url.
    pub salt: String,
    /// A scalar, or an empty object or array.
    pub value: Value,
}

/// The signature block of a [`SignedDisclosure`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureSignature {
    /// Which key signed.
    pub key_id: KeyId,
    /// Always `Ed25519`.
    pub algorithm: Algorithm,
    /// Signing date, checked against the key's validity.
    pub signed_on: Date,
    /// SHA-256 target hash, lowercase hex (recomputed by the verifier, stated for diagnosis).
    pub target_hash: String,
    /// Signature over the canonical JSON of `{format, target_hash, key_id, algorithm, signed_on}`.
    pub value: String,
}

/// A document in selectively disclosable form, signed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedDisclosure {
    /// Always `origo-disclosure/1`.
    pub format: DisclosureFormat,
    /// The visible leaves, in document order.
    pub leaves: Vec<Leaf>,
    /// Hashes of the hidden leaves, sorted lowercase hex.
    pub obfuscated: Vec<String>,
    /// The signature.
    pub signature: DisclosureSignature,
}

/// What a verified disclosure shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Disclosed {
    /// The visible fields rebuilt into a document; an array element that is wholly hidden shows as `null`.
    pub document: Value,
    /// How many leaves are hidden.
    pub hidden: usize,
    /// The key that signed.
    pub key: PublishedKey,
    /// The signing date.
    pub signed_on: Date,
}

/// Why a disclosure cannot be made or does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DisclosureError {
    /// A salt or hash that is not of the right shape.
    #[error("malformed disclosure: {0}")]
    Malformed(String),
    /// Two visible leaves at one path.
    #[error("two leaves at `{0}`")]
    DuplicatePath(String),
    /// Leaves that cannot sit in one document (a value and a field under it, an index under an object).
    #[error("leaf at `{0}` conflicts with another leaf")]
    PathConflict(String),
    /// The leaves do not give the signed target hash: a visible value, a salt or a hidden hash was changed.
    #[error("the fields do not match the signed target hash (computed {computed}, stated {stated})")]
    TargetHashMismatch {
        /// From the leaves as they are.
        computed: String,
        /// In the signature block.
        stated: String,
    },
    /// The target hash is not the one signed, or the key or date do not fit.
    #[error(transparent)]
    Signature(#[from] SignatureError),
    /// A value without canonical form.
    #[error(transparent)]
    Canonical(#[from] CanonicalError),
}

/// The path as a JSON Pointer, for messages.
pub fn pointer(path: &[Segment]) -> String {
    path.iter()
        .map(|s| match s {
            Segment::Index(i) => format!("/{i}"),
            Segment::Key(k) => format!("/{}", k.replace('~', "~0").replace('/', "~1")),
        })
        .collect()
}

/// The leaves of `value` in document order, each with a fresh salt from `salt`.
pub fn leaves_of(value: &Value, salt: &mut dyn FnMut() -> [u8; SALT_LEN]) -> Vec<Leaf> {
    fn walk(value: &Value, path: &mut Vec<Segment>, salt: &mut dyn FnMut() -> [u8; SALT_LEN], out: &mut Vec<Leaf>) {
        match value {
            Value::Object(map) if !map.is_empty() => {
                for (key, member) in map {
                    path.push(Segment::Key(key.clone()));
                    walk(member, path, salt, out);
                    path.pop();
                }
            }
            Value::Array(items) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Segment::Index(u32::try_from(i).expect("arrays beyond u32 are not documents")));
                    walk(item, path, salt, out);
                    path.pop();
                }
            }
            leaf => out.push(Leaf { path: path.clone(), salt: b64url(&salt()), value: leaf.clone() }),
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), salt, &mut out);
    out
}

/// SHA-256 of the leaf's canonical encoding.
pub fn leaf_hash(leaf: &Leaf) -> Result<[u8; 32], DisclosureError> {
    if from_b64url_array::<SALT_LEN>(&leaf.salt).is_none() {
        return Err(DisclosureError::Malformed(format!(
            "salt of `{}` is not 16 bytes of base64url",
            pointer(&leaf.path)
        )));
    }
    let path: Vec<Value> = leaf
        .path
        .iter()
        .map(|s| match s {
            Segment::Index(i) => Value::from(*i),
            Segment::Key(k) => Value::from(k.as_str()),
        })
        .collect();
    let encoding = canonical::to_vec_exact(&json!({"path": path, "salt": leaf.salt, "value": leaf.value}))?;
    Ok(Sha256::digest(&encoding).into())
}

/// SHA-256 of the canonical JSON array of the sorted hex leaf hashes.
fn target_hash(mut hashes: Vec<String>) -> String {
    hashes.sort();
    let array = Value::Array(hashes.into_iter().map(Value::String).collect());
    let bytes = canonical::to_vec_exact(&array).expect("an array of strings is always canonical");
    hex(&Sha256::digest(&bytes))
}

fn signing_input(target_hash: &str, key_id: &KeyId, signed_on: Date) -> Result<Vec<u8>, CanonicalError> {
    canonical::to_vec_exact(&json!({
        "format": DisclosureFormat::TAG,
        "target_hash": target_hash,
        "key_id": key_id.as_str(),
        "algorithm": "Ed25519",
        "signed_on": signed_on.to_string(),
    }))
}

/// Salts every leaf of `document` and signs the target hash.
pub fn sign_disclosable(
    document: &Value,
    salt: &mut dyn FnMut() -> [u8; SALT_LEN],
    signer: &Signer,
    signed_on: Date,
) -> Result<SignedDisclosure, DisclosureError> {
    let leaves = leaves_of(document, salt);
    let hashes = leaves.iter().map(|l| leaf_hash(l).map(|h| hex(&h))).collect::<Result<Vec<_>, _>>()?;
    let target = target_hash(hashes);
    let message = signing_input(&target, signer.key_id(), signed_on)?;
    let signature = DisclosureSignature {
        key_id: signer.key_id().clone(),
        algorithm: Algorithm::Ed25519,
        signed_on,
        target_hash: target,
        value: signer.sign(&message),
    };
    Ok(SignedDisclosure { format: DisclosureFormat, leaves, obfuscated: Vec::new(), signature })
}

/// Validates a certificate and signs it in disclosable form.
pub fn sign_disclosable_certificate(
    certificate: &Certificate,
    salt: &mut dyn FnMut() -> [u8; SALT_LEN],
    signer: &Signer,
    signed_on: Date,
) -> Result<SignedDisclosure, crate::signing::SignCertificateError> {
    certificate.validate()?;
    let document = serde_json::to_value(certificate).expect("a certificate always serialises to JSON");
    sign_disclosable(&document, salt, signer, signed_on).map_err(|e| match e {
        DisclosureError::Canonical(c) => c.into(),
        other => unreachable!("signing a fresh certificate cannot fail with {other}"),
    })
}

/// Whether `pattern` (`items/*/value`: keys, indices, `*` for any one step) is a prefix of `path`.
fn matches(pattern: &str, path: &[Segment]) -> bool {
    let steps: Vec<&str> = pattern.trim_start_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    steps.len() <= path.len()
        && steps.iter().zip(path).all(|(step, segment)| match segment {
            _ if *step == "*" => true,
            Segment::Key(k) => k == step,
            Segment::Index(i) => i.to_string() == *step,
        })
}

impl SignedDisclosure {
    /// Reads a signed disclosure from JSON.
    pub fn from_json(bytes: &[u8]) -> Result<SignedDisclosure, serde_json::Error> {
        serde_json::from_slice(bytes)
    }

    /// Hides every visible leaf under `pattern` (`items/*/value`, `items/*/supplier`, `exporter/tin`): moves its hash
    /// to `obfuscated`. Returns how many leaves were hidden. Needs no key: anyone holding the copy can hide fields.
    pub fn hide(&mut self, pattern: &str) -> Result<usize, DisclosureError> {
        self.hide_where(|path| matches(pattern, path))
    }

    /// Hides every visible leaf whose path satisfies `predicate`.
    pub fn hide_where(&mut self, predicate: impl Fn(&[Segment]) -> bool) -> Result<usize, DisclosureError> {
        let (hidden, kept): (Vec<Leaf>, Vec<Leaf>) = self.leaves.drain(..).partition(|l| predicate(&l.path));
        self.leaves = kept;
        for leaf in &hidden {
            self.obfuscated.push(hex(&leaf_hash(leaf)?));
        }
        self.obfuscated.sort();
        Ok(hidden.len())
    }

    /// Recomputes the target hash from the visible leaves and the hidden hashes, checks the signature over it
    /// with `keys`, and rebuilds the visible document.
    pub fn verify(&self, keys: &KeySet) -> Result<Disclosed, DisclosureError> {
        let mut hashes = Vec::with_capacity(self.leaves.len() + self.obfuscated.len());
        for hidden in &self.obfuscated {
            if from_hex_array::<32>(hidden).is_none() || hidden.bytes().any(|b| b.is_ascii_uppercase()) {
                return Err(DisclosureError::Malformed(format!("obfuscated hash `{hidden}` is not 64 lowercase hex")));
            }
            hashes.push(hidden.clone());
        }
        for leaf in &self.leaves {
            hashes.push(hex(&leaf_hash(leaf)?));
        }
        let computed = target_hash(hashes);
        let signature = &self.signature;
        if computed != signature.target_hash {
            return Err(DisclosureError::TargetHashMismatch { computed, stated: signature.target_hash.clone() });
        }
        let message = signing_input(&computed, &signature.key_id, signature.signed_on)?;
        let key = keys.verify(&signature.key_id, signature.signed_on, &message, &signature.value)?;
        Ok(Disclosed {
            document: self.document()?,
            hidden: self.obfuscated.len(),
            key: key.clone(),
            signed_on: signature.signed_on,
        })
    }

    /// The visible leaves rebuilt into one JSON document (not a proof of anything before [`SignedDisclosure::verify`]).
    pub fn document(&self) -> Result<Value, DisclosureError> {
        let mut seen = std::collections::HashSet::new();
        if let Some(twice) = self.leaves.iter().find(|l| !seen.insert(&l.path)) {
            return Err(DisclosureError::DuplicatePath(pointer(&twice.path)));
        }
        let mut root: Option<Value> = None;
        for leaf in &self.leaves {
            insert(&mut root, &leaf.path, leaf.value.clone()).map_err(|conflict| match conflict {
                Conflict::Duplicate => DisclosureError::DuplicatePath(pointer(&leaf.path)),
                Conflict::Shape => DisclosureError::PathConflict(pointer(&leaf.path)),
            })?;
        }
        Ok(root.unwrap_or(Value::Null))
    }
}

enum Conflict {
    Duplicate,
    Shape,
}

/// Puts `value` at `path`, creating objects and arrays on the way (missing array elements as `null`).
fn insert(slot: &mut Option<Value>, path: &[Segment], value: Value) -> Result<(), Conflict> {
    let Some((first, rest)) = path.split_first() else {
        return match slot {
            Some(_) => Err(Conflict::Duplicate),
            None => {
                *slot = Some(value);
                Ok(())
            }
        };
    };
    let node = slot.get_or_insert_with(|| match first {
        Segment::Key(_) => Value::Object(Map::new()),
        Segment::Index(_) => Value::Array(Vec::new()),
    });
    let mut child = match (first, &mut *node) {
        (Segment::Key(k), Value::Object(map)) => map.remove(k),
        (Segment::Index(i), Value::Array(items)) => {
            let i = *i as usize;
            if items.len() <= i {
                items.resize(i + 1, Value::Null);
            }
            // A `null` here is padding from an earlier insert or a real null leaf; only a real leaf conflicts,
            // and that case is caught as a duplicate when both leaves sit at exactly this path.
            Some(std::mem::take(&mut items[i])).filter(|v| !v.is_null())
        }
        _ => return Err(Conflict::Shape),
    };
    if child.as_ref().is_some_and(|c| !(c.is_object() || c.is_array())) && !rest.is_empty() {
        return Err(Conflict::Shape);
    }
    let result = insert(&mut child, rest, value);
    let child = child.unwrap_or(Value::Null);
    match (first, node) {
        (Segment::Key(k), Value::Object(map)) => {
            map.insert(k.clone(), child);
        }
        (Segment::Index(i), Value::Array(items)) => items[*i as usize] = child,
        _ => unreachable!("shape checked above"),
    }
    result
}
