//! Sealing secrets at rest under the key-encryption key: XChaCha20-Poly1305, a fresh random 24-byte nonce per
//! secret (random nonces of that size never collide in practice), and associated data that binds the sealed text
//! to the row it belongs to. Two kinds of secret are sealed:
//!
//! - a private signing key, stored in `signing_keys.private_key_pem` (with `private_key_encrypted = 1`), bound to
//!   its issuer code and key id:
//!
//!   ```text
//!   origo-sealed-key/1:xchacha20poly1305:<kek id>:<nonce>:<ciphertext>
//!   ```
//!
//! - a certificate's security code, stored in `certificates.security_code_sealed` so that the certificate's PDF
//!   can print it again, bound to its issuer code and certificate number ([`seal_code`], [`open_code`]):
//!
//!   ```text
//!   origo-sealed-code/1:xchacha20poly1305:<kek id>:<nonce>:<ciphertext>
//!   ```
//!
//! The first part names the format and its version; then the AEAD, the id of the KEK that sealed it
//! ([`KeyEncryptionKey::id`]), the nonce, and the ciphertext with its 16-byte tag, both in unpadded base64url.
//! The associated data is the header (everything before the nonce) and the two binding fields, each prefixed with
//! its length: editing the header, or copying the text onto another row (another key, another certificate), makes
//! it fail to open.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::CryptoRng;
use zeroize::Zeroizing;

use super::kek::KeyEncryptionKey;

/// The format tag and version that begin every sealed key.
pub const FORMAT: &str = "origo-sealed-key/1";
const FAMILY: &str = "origo-sealed-key/";
/// The format tag and version that begin every sealed security code.
pub const CODE_FORMAT: &str = "origo-sealed-code/1";
const CODE_FAMILY: &str = "origo-sealed-code/";
const ALGORITHM: &str = "xchacha20poly1305";
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;

/// Why a sealed text does not open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("the text is not a sealed text of this kind ({FORMAT}:... or {CODE_FORMAT}:...)")]
    Malformed,
    #[error("the text is sealed in a format this version does not read (`{0}`)")]
    UnknownFormat(String),
    #[error("the text is sealed under the key-encryption key {sealed_with}, not the configured one ({configured})")]
    OtherKek { sealed_with: String, configured: String },
    #[error("the sealed text does not open: it was altered, or it belongs to another row")]
    Rejected,
}

/// Whether a stored text is a sealed key (of any version) rather than a plain PEM.
pub fn is_sealed(text: &str) -> bool {
    text.starts_with(FAMILY)
}

/// Seals `plaintext` (a PKCS#8 PEM) for the key `key_id` of `issuer_code`.
pub fn seal<R: CryptoRng + ?Sized>(
    kek: &KeyEncryptionKey,
    issuer_code: &str,
    key_id: &str,
    plaintext: &[u8],
    rng: &mut R,
) -> String {
    seal_as(FORMAT, kek, [issuer_code, key_id], plaintext, rng)
}

/// Opens a sealed key of `key_id` of `issuer_code`, in memory that is wiped when dropped.
pub fn open(
    kek: &KeyEncryptionKey,
    issuer_code: &str,
    key_id: &str,
    sealed: &str,
) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    open_as((FORMAT, FAMILY), kek, [issuer_code, key_id], sealed)
}

/// Seals the security code of the certificate numbered `number` by `issuer_code`.
pub fn seal_code<R: CryptoRng + ?Sized>(
    kek: &KeyEncryptionKey,
    issuer_code: &str,
    number: &str,
    code: &str,
    rng: &mut R,
) -> String {
    seal_as(CODE_FORMAT, kek, [issuer_code, number], code.as_bytes(), rng)
}

/// Opens the sealed security code of the certificate numbered `number` by `issuer_code`.
pub fn open_code(kek: &KeyEncryptionKey, issuer_code: &str, number: &str, sealed: &str) -> Result<String, OpenError> {
    let plain = open_as((CODE_FORMAT, CODE_FAMILY), kek, [issuer_code, number], sealed)?;
    String::from_utf8(plain.to_vec()).map_err(|_| OpenError::Rejected)
}

fn seal_as<R: CryptoRng + ?Sized>(
    format: &str,
    kek: &KeyEncryptionKey,
    binding: [&str; 2],
    plaintext: &[u8],
    rng: &mut R,
) -> String {
    let header = format!("{format}:{ALGORITHM}:{}", kek.id());
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill_bytes(&mut nonce);
    let aad = associated_data(&header, binding);
    let ciphertext = cipher(kek)
        .encrypt(&XNonce::from(nonce), Payload { msg: plaintext, aad: &aad })
        // Encryption fails only for messages beyond 256 GiB; a PEM or a code is a few hundred bytes at most.
        .expect("XChaCha20-Poly1305 encrypts a short message");
    format!("{header}:{}:{}", URL_SAFE_NO_PAD.encode(nonce), URL_SAFE_NO_PAD.encode(ciphertext))
}

fn open_as(
    (format, family): (&str, &str),
    kek: &KeyEncryptionKey,
    binding: [&str; 2],
    sealed: &str,
) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    let (tag, rest) = sealed.split_once(':').ok_or(OpenError::Malformed)?;
    if !tag.starts_with(family) {
        return Err(OpenError::Malformed);
    }
    if tag != format {
        return Err(OpenError::UnknownFormat(tag.to_owned()));
    }
    let parts: Vec<&str> = rest.split(':').collect();
    let [algorithm, kek_id, nonce, ciphertext] = parts.as_slice() else {
        return Err(OpenError::Malformed);
    };
    if *algorithm != ALGORITHM {
        return Err(OpenError::UnknownFormat(format!("{tag}:{algorithm}")));
    }
    let nonce: [u8; NONCE_LEN] = decode(nonce)?.try_into().map_err(|_| OpenError::Malformed)?;
    let ciphertext = decode(ciphertext)?;
    if ciphertext.len() < TAG_LEN {
        return Err(OpenError::Malformed);
    }
    if *kek_id != kek.id() {
        return Err(OpenError::OtherKek { sealed_with: (*kek_id).to_owned(), configured: kek.id().to_owned() });
    }
    let header = format!("{format}:{ALGORITHM}:{kek_id}");
    let aad = associated_data(&header, binding);
    let plaintext = cipher(kek)
        .decrypt(&XNonce::from(nonce), Payload { msg: &ciphertext, aad: &aad })
        .map_err(|_| OpenError::Rejected)?;
    Ok(Zeroizing::new(plaintext))
}

fn cipher(kek: &KeyEncryptionKey) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(kek.bytes().into())
}

fn decode(part: &str) -> Result<Vec<u8>, OpenError> {
    URL_SAFE_NO_PAD.decode(part).map_err(|_| OpenError::Malformed)
}

/// Length-prefixed fields, so no choice of binding fields can be read as another.
fn associated_data(header: &str, [first, second]: [&str; 2]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(header.len() + first.len() + second.len() + 24);
    for field in [header, first, second] {
        aad.extend_from_slice(&(field.len() as u64).to_be_bytes());
        aad.extend_from_slice(field.as_bytes());
    }
    aad
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEM: &[u8] = b"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIOk=\n-----END PRIVATE KEY-----\n";

    fn kek() -> KeyEncryptionKey {
        KeyEncryptionKey::generate(&mut rand::rng())
    }

    #[test]
    fn round_trip() {
        let kek = kek();
        let sealed = seal(&kek, "UZCCI", "uzcci-1", PEM, &mut rand::rng());
        assert!(is_sealed(&sealed) && sealed.starts_with("origo-sealed-key/1:xchacha20poly1305:"), "{sealed}");
        assert!(!sealed.contains("PRIVATE KEY"), "{sealed}");
        assert_eq!(open(&kek, "UZCCI", "uzcci-1", &sealed).unwrap().as_slice(), PEM);
        // A fresh nonce per seal: the same key sealed twice gives two texts.
        assert_ne!(seal(&kek, "UZCCI", "uzcci-1", PEM, &mut rand::rng()), sealed);
        assert!(!is_sealed(std::str::from_utf8(PEM).unwrap()));
    }

    #[test]
    fn a_wrong_kek_fails() {
        let (right, wrong) = (kek(), kek());
        let sealed = seal(&right, "UZCCI", "uzcci-1", PEM, &mut rand::rng());
        let error = open(&wrong, "UZCCI", "uzcci-1", &sealed).unwrap_err();
        assert_eq!(error, OpenError::OtherKek { sealed_with: right.id().into(), configured: wrong.id().into() });
        // Claiming the wrong KEK's id does not help: the id is authenticated, and the key is still wrong.
        let forged = sealed.replace(right.id(), wrong.id());
        assert_eq!(open(&wrong, "UZCCI", "uzcci-1", &forged).unwrap_err(), OpenError::Rejected);
        assert_eq!(
            open(&right, "UZCCI", "uzcci-1", &forged).unwrap_err(),
            OpenError::OtherKek { sealed_with: wrong.id().into(), configured: right.id().into() }
        );
    }

    #[test]
    fn a_tampered_ciphertext_fails() {
        let kek = kek();
        let sealed = seal(&kek, "UZCCI", "uzcci-1", PEM, &mut rand::rng());
        let (head, ciphertext) = sealed.rsplit_once(':').unwrap();
        let mut bytes = URL_SAFE_NO_PAD.decode(ciphertext).unwrap();
        for at in [0, bytes.len() / 2, bytes.len() - 1] {
            bytes[at] ^= 1;
            let tampered = format!("{head}:{}", URL_SAFE_NO_PAD.encode(&bytes));
            assert_eq!(open(&kek, "UZCCI", "uzcci-1", &tampered).unwrap_err(), OpenError::Rejected, "byte {at}");
            bytes[at] ^= 1;
        }
        let truncated = format!("{head}:{}", URL_SAFE_NO_PAD.encode(&bytes[..bytes.len() - 1]));
        assert_eq!(open(&kek, "UZCCI", "uzcci-1", &truncated).unwrap_err(), OpenError::Rejected);
        let (before_nonce, _) = head.rsplit_once(':').unwrap();
        let other_nonce = format!("{before_nonce}:{}:{ciphertext}", URL_SAFE_NO_PAD.encode([9u8; NONCE_LEN]));
        assert_eq!(open(&kek, "UZCCI", "uzcci-1", &other_nonce).unwrap_err(), OpenError::Rejected);
    }

    #[test]
    fn a_swapped_key_id_or_issuer_fails() {
        let kek = kek();
        let sealed = seal(&kek, "UZCCI", "uzcci-1", PEM, &mut rand::rng());
        assert_eq!(open(&kek, "UZCCI", "uzcci-2", &sealed).unwrap_err(), OpenError::Rejected);
        assert_eq!(open(&kek, "UZTPP", "uzcci-1", &sealed).unwrap_err(), OpenError::Rejected);
        // The fields are length-prefixed: moving a character across the boundary changes the binding.
        assert_eq!(open(&kek, "UZCC", "Iuzcci-1", &sealed).unwrap_err(), OpenError::Rejected);
    }

    #[test]
    fn other_texts_are_refused_by_name() {
        let kek = kek();
        assert_eq!(open(&kek, "UZCCI", "k", "-----BEGIN PRIVATE KEY-----").unwrap_err(), OpenError::Malformed);
        assert_eq!(
            open(&kek, "UZCCI", "k", "origo-sealed-key/1:xchacha20poly1305:x").unwrap_err(),
            OpenError::Malformed
        );
        assert_eq!(
            open(&kek, "UZCCI", "k", "origo-sealed-key/2:aes:1:2:3").unwrap_err(),
            OpenError::UnknownFormat("origo-sealed-key/2".into())
        );
        assert_eq!(
            open(&kek, "UZCCI", "k", "origo-sealed-key/1:aes256gcm:1:2:3").unwrap_err(),
            OpenError::UnknownFormat("origo-sealed-key/1:aes256gcm".into())
        );
        let sealed = seal(&kek, "UZCCI", "k", PEM, &mut rand::rng());
        let (head, _) = sealed.rsplit_once(':').unwrap();
        assert_eq!(open(&kek, "UZCCI", "k", &format!("{head}:!!!")).unwrap_err(), OpenError::Malformed);
    }

    #[test]
    fn a_sealed_code_opens_only_for_its_certificate() {
        let kek = kek();
        let sealed = seal_code(&kek, "UZCCI", "UZ-2026-000001", "7KQ40M2X1H", &mut rand::rng());
        assert!(sealed.starts_with("origo-sealed-code/1:xchacha20poly1305:"), "{sealed}");
        assert!(!sealed.contains("7KQ40M2X1H"), "{sealed}");
        assert_eq!(open_code(&kek, "UZCCI", "UZ-2026-000001", &sealed).unwrap(), "7KQ40M2X1H");
        assert_eq!(open_code(&kek, "UZCCI", "UZ-2026-000002", &sealed).unwrap_err(), OpenError::Rejected);
        assert_eq!(open_code(&kek, "UZTPP", "UZ-2026-000001", &sealed).unwrap_err(), OpenError::Rejected);
        // A sealed code is not a sealed key, and the other way round, even with the same binding fields.
        assert_eq!(open(&kek, "UZCCI", "UZ-2026-000001", &sealed).unwrap_err(), OpenError::Malformed);
        let key = seal(&kek, "UZCCI", "UZ-2026-000001", b"7KQ40M2X1H", &mut rand::rng());
        assert_eq!(open_code(&kek, "UZCCI", "UZ-2026-000001", &key).unwrap_err(), OpenError::Malformed);
        // Renaming the format does not help: the header is authenticated.
        let renamed = key.replacen(FORMAT, CODE_FORMAT, 1);
        assert_eq!(open_code(&kek, "UZCCI", "UZ-2026-000001", &renamed).unwrap_err(), OpenError::Rejected);
    }
}
