//! Origo's documents layer: the certificate model, canonical JSON, signatures, selective disclosure, QR payloads,
//! OpenAttestation integrity checks and one verification entry point.
//!
//! Pure like `origo-rules`: no files, sockets, clock or randomness. Dates, keys, salts and random sources come in
//! from the caller, so every function here gives the same output for the same input and can be tested exactly.
//!
//! | module | what |
//! |---|---|
//! | [`canonical`] | RFC 8785 canonical JSON (what gets hashed and signed) |
//! | [`certificate`] | certificates: kinds, numbers, parties, goods items |
//! | [`statement`] | EU GSP statement on origin and UK DCTS origin declaration texts, the EUR 6 000 rule |
//! | [`signing`] | Ed25519 signing keys, published key sets with validity periods, signed documents |
//! | [`disclosure`] | salted per-field hashes: hide fields, the copy still verifies |
//! | [`openattestation`] | integrity of OpenAttestation v2 and v3 wrapped documents |
//! | [`qr`] | a compact signed payload of a certificate's core, for one QR code |
//! | [`status`] | published revocations and replacements |
//! | [`verification_reply`] | the signed reply to an importing country's verification request |
//! | [`verify()`] | one entry point that recognises and checks any of the above |
//!
//! Wire formats are described in `FORMATS.md` beside this crate's `Cargo.toml`.
#![forbid(unsafe_code)]

pub mod canonical;
pub mod certificate;
pub mod date;
pub mod disclosure;
pub mod encoding;
pub mod openattestation;
pub mod qr;
mod serde_text;
pub mod signing;
pub mod statement;
pub mod status;
pub mod verification_reply;
pub mod verify;

pub use certificate::{Certificate, CertificateKind, CertificateNumber};
pub use date::Date;
pub use signing::{KeyId, KeySet, SignedDocument, Signer};
pub use status::StatusList;
pub use verify::{Verified, VerifyError, verify};
