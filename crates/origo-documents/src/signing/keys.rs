//! Key ids, signing keys, published public keys and the key set.

use std::fmt;
use std::str::FromStr;

use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::spki::der::zeroize::Zeroizing;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use ed25519_dalek::rand_core::CryptoRng;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use super::SignatureError;
use crate::date::Date;
use crate::encoding::{b64url, from_b64url_array};
use crate::serde_text::{format_tag, serde_as_text};

/// The signature algorithm. Only Ed25519; the field exists so that a verifier refuses anything else explicitly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Algorithm {
    /// Ed25519 (RFC 8032), verified strictly (canonical encodings, no small-order keys).
    #[default]
    Ed25519,
}

/// A key id: 1 to 64 of `A-Z a-z 0-9 . _ -`, e.g. `uzx-2026-1`. Short, because it travels in every QR code.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyId(String);

/// A text that is not a key id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a key id (1 to 64 of A-Z a-z 0-9 . _ -)")]
pub struct KeyIdError(pub String);

impl KeyId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for KeyId {
    type Err = KeyIdError;

    fn from_str(text: &str) -> Result<KeyId, KeyIdError> {
        let ok = (1..=64).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if ok { Ok(KeyId(text.to_owned())) } else { Err(KeyIdError(text.to_owned())) }
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

serde_as_text!(KeyId);

/// A private signing key with its key id. Its `Debug` shows the id only.
pub struct Signer {
    key_id: KeyId,
    key: SigningKey,
}

/// Why a signing key cannot be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignerError {
    /// Not an Ed25519 PKCS#8 PEM private key (or its embedded public key does not match).
    #[error("not an Ed25519 PKCS#8 PEM private key: {0}")]
    Pkcs8(String),
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer").field("key_id", &self.key_id).finish_non_exhaustive()
    }
}

impl Signer {
    /// A new key from the caller's cryptographically secure RNG (the crate has no randomness of its own).
    pub fn generate<R: CryptoRng + ?Sized>(key_id: KeyId, rng: &mut R) -> Signer {
        Signer { key_id, key: SigningKey::generate(rng) }
    }

    /// A key from its 32 secret bytes (RFC 8032 seed).
    pub fn from_secret_bytes(key_id: KeyId, secret: &[u8; 32]) -> Signer {
        Signer { key_id, key: SigningKey::from_bytes(secret) }
    }

    /// A key from PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`, as written by [`Signer::to_pkcs8_pem`] or
    /// `openssl genpkey -algorithm ed25519`).
    pub fn from_pkcs8_pem(key_id: KeyId, pem: &str) -> Result<Signer, SignerError> {
        let key = SigningKey::from_pkcs8_pem(pem).map_err(|e| SignerError::Pkcs8(e.to_string()))?;
        Ok(Signer { key_id, key })
    }

    /// The key as PKCS#8 PEM (v2, with the public key), in memory that is wiped when dropped.
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>, SignerError> {
        self.key.to_pkcs8_pem(LineEnding::LF).map_err(|e| SignerError::Pkcs8(e.to_string()))
    }

    /// The public key as SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), for tools outside Origo.
    pub fn public_key_pem(&self) -> Result<String, SignerError> {
        self.key.verifying_key().to_public_key_pem(LineEnding::LF).map_err(|e| SignerError::Pkcs8(e.to_string()))
    }

    /// The key id.
    pub fn key_id(&self) -> &KeyId {
        &self.key_id
    }

    /// The 32-byte public key, unpadded base64url.
    pub fn public_key(&self) -> String {
        b64url(self.key.verifying_key().as_bytes())
    }

    /// The public key as an entry of a key set, valid from `not_before` to `not_after` (inclusive).
    pub fn published(&self, not_before: Date, not_after: Option<Date>) -> PublishedKey {
        PublishedKey {
            key_id: self.key_id.clone(),
            algorithm: Algorithm::Ed25519,
            public_key: self.public_key(),
            not_before,
            not_after,
        }
    }

    /// The Ed25519 signature of `message`, unpadded base64url. Deterministic: same key and message, same signature.
    pub fn sign(&self, message: &[u8]) -> String {
        b64url(&self.key.sign(message).to_bytes())
    }
}

/// One public key as published: id, algorithm, key, validity period (both ends inclusive; no end while current).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedKey {
    /// The key id signatures name.
    pub key_id: KeyId,
    /// Always `Ed25519`.
    pub algorithm: Algorithm,
    /// The 32-byte public key, unpadded base64url.
    pub public_key: String,
    /// First day signatures by this key are valid.
    pub not_before: Date,
    /// Last day signatures by this key are valid; absent while the key is current.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_after: Option<Date>,
}

impl PublishedKey {
    /// Whether a signature dated `day` falls in the validity period.
    pub fn is_valid_on(&self, day: Date) -> bool {
        self.not_before <= day && self.not_after.is_none_or(|end| day <= end)
    }

    fn verifying_key(&self) -> Option<VerifyingKey> {
        VerifyingKey::from_bytes(&from_b64url_array::<32>(&self.public_key)?).ok()
    }
}

format_tag!(
    /// The `format` tag of a key set file: `origo-keys/1`.
    KeysFormat = "origo-keys/1"
);

/// The public keys of one issuer, as published at `/.well-known/origo-keys.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeySet {
    /// Always `origo-keys/1`.
    pub format: KeysFormat,
    /// Who publishes the keys (the certifying body).
    pub issuer: String,
    /// Current and retired keys; retired ones stay so that what they signed keeps verifying.
    pub keys: Vec<PublishedKey>,
    /// Hash of the newest entry of the issuer's audit log at publication (`sha256:<hex>`), so that a verifier can
    /// later check that the log it is shown extends the one published here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_head: Option<String>,
}

/// Why a key set is not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeySetError {
    /// Not JSON of the key set's shape.
    #[error("not an origo-keys/1 key set: {0}")]
    Malformed(String),
    /// Two entries with one id: a signature could not say which key it means.
    #[error("key id `{0}` appears twice")]
    DuplicateKeyId(String),
    /// A public key that is not a valid Ed25519 point in unpadded base64url.
    #[error("key `{0}`: the public key is not a valid Ed25519 key in unpadded base64url")]
    InvalidPublicKey(String),
    /// A validity period that ends before it starts.
    #[error("key `{key_id}`: not_after {not_after} is before not_before {not_before}")]
    EmptyPeriod {
        /// The key.
        key_id: String,
        /// Start.
        not_before: Date,
        /// End.
        not_after: Date,
    },
}

impl KeySet {
    /// A key set after checking it (see [`KeySet::check`]).
    pub fn new(issuer: impl Into<String>, keys: Vec<PublishedKey>) -> Result<KeySet, KeySetError> {
        let set = KeySet { format: KeysFormat, issuer: issuer.into(), keys, audit_head: None };
        set.check()?;
        Ok(set)
    }

    /// No keys: every signature is by an unknown key. For verifying documents that need none (OpenAttestation).
    pub fn empty() -> KeySet {
        KeySet { format: KeysFormat, issuer: String::new(), keys: Vec::new(), audit_head: None }
    }

    /// Read and check a published key set.
    pub fn from_json(bytes: &[u8]) -> Result<KeySet, KeySetError> {
        let set: KeySet = serde_json::from_slice(bytes).map_err(|e| KeySetError::Malformed(e.to_string()))?;
        set.check()?;
        Ok(set)
    }

    /// Unique ids, decodable keys, non-empty periods.
    pub fn check(&self) -> Result<(), KeySetError> {
        for (i, key) in self.keys.iter().enumerate() {
            let id = key.key_id.as_str();
            if self.keys[..i].iter().any(|k| k.key_id == key.key_id) {
                return Err(KeySetError::DuplicateKeyId(id.to_owned()));
            }
            if key.verifying_key().is_none() {
                return Err(KeySetError::InvalidPublicKey(id.to_owned()));
            }
            if let Some(not_after) = key.not_after
                && not_after < key.not_before
            {
                return Err(KeySetError::EmptyPeriod { key_id: id.to_owned(), not_before: key.not_before, not_after });
            }
        }
        Ok(())
    }

    /// The key with this id.
    pub fn get(&self, key_id: &KeyId) -> Option<&PublishedKey> {
        self.keys.iter().find(|k| &k.key_id == key_id)
    }

    /// Checks an Ed25519 signature (unpadded base64url) on `message`: the key exists, `signed_on` is inside its
    /// validity, and the signature verifies strictly. Returns the key used.
    pub fn verify(
        &self,
        key_id: &KeyId,
        signed_on: Date,
        message: &[u8],
        signature_b64: &str,
    ) -> Result<&PublishedKey, SignatureError> {
        let key = self.get(key_id).ok_or_else(|| SignatureError::UnknownKey { key_id: key_id.to_string() })?;
        if !key.is_valid_on(signed_on) {
            return Err(SignatureError::KeyNotValidOn {
                key_id: key_id.to_string(),
                signed_on,
                not_before: key.not_before,
                not_after: key.not_after,
            });
        }
        let signature = from_b64url_array::<64>(signature_b64).ok_or(SignatureError::MalformedValue)?;
        let verifying_key =
            key.verifying_key().ok_or_else(|| SignatureError::Mismatch { key_id: key_id.to_string() })?;
        verifying_key
            .verify_strict(message, &Signature::from_bytes(&signature))
            .map_err(|_| SignatureError::Mismatch { key_id: key_id.to_string() })?;
        Ok(key)
    }
}
