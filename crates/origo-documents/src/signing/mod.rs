//! Ed25519 signatures over RFC 8785 canonical JSON, keys with validity periods, and the published key set.
//!
//! - [`Signer`]: a private key with its key id; generated from a caller's RNG or read from PKCS#8 PEM.
//! - [`KeySet`]: the public keys an issuer publishes at `/.well-known/origo-keys.json`, each valid from
//!   `not_before` to `not_after`. Old keys stay in the set after rotation, so documents signed with them keep
//!   verifying; a signature counts only if its signing date falls inside its key's period.
//! - [`SignedDocument`]: `{document, signature: {key_id, algorithm, signed_on, value}}`. The signed bytes are the
//!   canonical JSON of the document together with the key id, algorithm and date, so none of those can be swapped
//!   without breaking the signature.
//!
//! Every signed byte string in this crate is the canonical JSON of an object carrying its own `format` (or `v`)
//! tag, so a signature made for one kind of object can never be replayed as another.

mod document;
mod keys;

pub use document::{
    DocumentSignature, SignCertificateError, SignedDocument, SignedFormat, sign_certificate, sign_document,
};
pub use keys::{Algorithm, KeyId, KeyIdError, KeySet, KeySetError, KeysFormat, PublishedKey, Signer, SignerError};

use crate::canonical::CanonicalError;
use crate::date::Date;

/// Why a signature does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// No key with this id in the key set.
    #[error("unknown key `{key_id}`: it is not in the issuer's key set")]
    UnknownKey {
        /// The key id the signature names.
        key_id: String,
    },
    /// The signing date is outside the key's validity period.
    #[error(
        "key `{key_id}` was not valid on the signing date {signed_on} (valid from {not_before} to {})",
        not_after.map_or_else(|| "no end date".to_owned(), |d| d.to_string())
    )]
    KeyNotValidOn {
        /// The key.
        key_id: String,
        /// The date the signature claims.
        signed_on: Date,
        /// Start of the key's validity.
        not_before: Date,
        /// End of the key's validity, if any.
        not_after: Option<Date>,
    },
    /// The signature does not match the signed content under the named key: content, date or key id changed, or the
    /// signature was made with another key.
    #[error("the signature does not match (key `{key_id}`): the content was changed or signed with another key")]
    Mismatch {
        /// The key tried.
        key_id: String,
    },
    /// The signature value is not 64 bytes of unpadded base64url.
    #[error("the signature value is not 64 bytes of unpadded base64url")]
    MalformedValue,
    /// The content cannot be canonicalised, so it cannot be what was signed.
    #[error("the signed content has no canonical form: {0}")]
    Canonical(#[from] CanonicalError),
}
