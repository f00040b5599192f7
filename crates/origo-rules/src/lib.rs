//! Origo's origin engine, pure: HS codes, the rule language, rule packs, the case model and the determination
//! with its explanation trace.
//!
//! Nothing here does I/O, reads the clock, draws random numbers or runs async code: callers pass in the pack
//! text, the case and the date. Determining origin never fails on a valid case; invalid input is rejected
//! by [`case::Case::validate`] before the engine runs.
#![forbid(unsafe_code)]

pub mod bundled;
pub mod case;
pub mod compile;
pub mod countries;
pub mod date;
pub mod editions;
pub mod engine;
pub mod hs;
pub mod pack;
pub mod process;
pub mod rule;
pub mod selection;
