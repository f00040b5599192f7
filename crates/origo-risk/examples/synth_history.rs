//! Writes a synthetic export history for `origo risk score` to standard output (benches/synth.rs says what it
//! looks like): `cargo run --release -p origo-risk --example synth_history -- 1000000 [SEED] > big.csv`.

#[path = "../benches/synth.rs"]
mod synth;

use std::io::{self, BufWriter, Write as _};

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let records = args.next().map_or(Ok(100_000), |n| n.parse()).expect("RECORDS: a count");
    let seed = args.next().map_or(Ok(1), |n| n.parse()).expect("SEED: a number");
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    synth::write_history(&mut out, records, seed)?;
    out.flush()
}
