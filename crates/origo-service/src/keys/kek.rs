//! The key-encryption key (KEK): 32 random bytes from the server's configuration, kept outside the database, that
//! seal the private signing keys stored in it ([`super::sealing`]). Its text form is the bytes in standard base64
//! (what `origo keys init-kek` writes to a file). It never appears in a `Debug` line: only its id does, a short
//! fingerprint that says which KEK sealed a key without revealing anything of it.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::CryptoRng;
use sha2::{Digest, Sha256};
/// Memory wiped when dropped: the KEK's text is handed out in it, and callers reading a KEK file may keep the
/// text in it.
pub use zeroize::Zeroizing;

/// The KEK's length in bytes (XChaCha20-Poly1305 takes a 256-bit key).
pub const KEK_LEN: usize = 32;

/// A key-encryption key.
#[derive(Clone)]
pub struct KeyEncryptionKey {
    bytes: Zeroizing<[u8; KEK_LEN]>,
    id: String,
}

/// Why a KEK's text is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KekError {
    #[error("the key-encryption key is not base64")]
    NotBase64,
    #[error("the key-encryption key is {0} bytes; it must be {KEK_LEN} random bytes")]
    WrongLength(usize),
}

impl KeyEncryptionKey {
    /// A new KEK from the caller's cryptographically secure RNG.
    pub fn generate<R: CryptoRng + ?Sized>(rng: &mut R) -> KeyEncryptionKey {
        let mut bytes = Zeroizing::new([0u8; KEK_LEN]);
        rng.fill_bytes(bytes.as_mut_slice());
        KeyEncryptionKey::from_bytes(bytes)
    }

    /// A new KEK from the thread's cryptographically secure RNG (`origo keys init-kek`).
    pub fn random() -> KeyEncryptionKey {
        KeyEncryptionKey::generate(&mut rand::rng())
    }

    /// The KEK from its text: standard base64 of 32 bytes; surrounding white space (a file's last newline) is
    /// ignored.
    pub fn from_base64(text: &str) -> Result<KeyEncryptionKey, KekError> {
        let decoded = Zeroizing::new(STANDARD.decode(text.trim()).map_err(|_| KekError::NotBase64)?);
        let array: [u8; KEK_LEN] = decoded.as_slice().try_into().map_err(|_| KekError::WrongLength(decoded.len()))?;
        Ok(KeyEncryptionKey::from_bytes(Zeroizing::new(array)))
    }

    /// The KEK's text: standard base64, in memory that is wiped when dropped.
    pub fn to_base64(&self) -> Zeroizing<String> {
        Zeroizing::new(STANDARD.encode(self.bytes.as_slice()))
    }

    /// The KEK's fingerprint: 16 hex digits of a domain-separated SHA-256 of the key. Stored with each sealed key,
    /// so a key sealed under another KEK is reported as such rather than as damaged.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub(super) fn bytes(&self) -> &[u8; KEK_LEN] {
        &self.bytes
    }

    fn from_bytes(bytes: Zeroizing<[u8; KEK_LEN]>) -> KeyEncryptionKey {
        let mut hasher = Sha256::new();
        hasher.update(b"origo-kek-id/1\0");
        hasher.update(bytes.as_slice());
        let id = crate::hex(&hasher.finalize()[..8]);
        KeyEncryptionKey { bytes, id }
    }
}

impl fmt::Debug for KeyEncryptionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyEncryptionKey").field("id", &self.id).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trip_and_refusals() {
        let kek = KeyEncryptionKey::generate(&mut rand::rng());
        let again = KeyEncryptionKey::from_base64(&format!("{}\n", kek.to_base64().as_str())).unwrap();
        assert_eq!(again.bytes(), kek.bytes());
        assert_eq!(again.id(), kek.id());
        assert_eq!(kek.id().len(), 16);
        assert_ne!(KeyEncryptionKey::generate(&mut rand::rng()).id(), kek.id());
        assert_eq!(KeyEncryptionKey::from_base64("not base64!").unwrap_err(), KekError::NotBase64);
        assert_eq!(KeyEncryptionKey::from_base64(&STANDARD.encode([7u8; 16])).unwrap_err(), KekError::WrongLength(16));
    }

    #[test]
    fn debug_shows_the_id_only() {
        let kek = KeyEncryptionKey::from_base64(&STANDARD.encode([0xabu8; KEK_LEN])).unwrap();
        let shown = format!("{kek:?}");
        assert!(shown.contains(kek.id()), "{shown}");
        assert!(!shown.contains("171, 171") && !shown.contains(kek.to_base64().as_str()), "{shown}");
        let config = crate::Config { key_encryption_key: Some(kek.clone()), ..crate::Config::default() };
        let shown = format!("{config:?}");
        assert!(shown.contains(kek.id()) && !shown.contains(kek.to_base64().as_str()), "{shown}");
        assert!(!shown.contains("171, 171"), "{shown}");
    }
}
