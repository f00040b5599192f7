//! Integration tests of origo-documents, one binary (one link) for all of them.

mod common;
mod disclosure;
mod jcs;
mod openattestation;
mod qr;
mod signing;
mod statement;
mod verify;
