//! A deterministic generator of realistic export histories in the CSV of `origo risk score`
//! (`exporter,date,hs,quantity,value,destination`), shared by the `score` bench and the `synth_history` example.
//!
//! The same seed and count always give the same bytes. A fixed population of exporters (2 000 by default), each
//! exporting 1 to 4 subheadings of Uzbek export lines (cotton yarn and fabric, knitted garments, dried fruit,
//! copper, fertiliser, furniture...) at its own price level, with unit values scattered about ±10%, shipments about
//! evenly over three years in date order, and a few anomalies as in real data: about 0.3% of unit values far off
//! (a fifth or five times the usual), and some exporters whose volumes jump in their last months.

use std::io::{self, Write};

/// SplitMix64: small, fast, and fixed by its definition, so a seed means the same file everywhere.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
}

/// Subheadings with a typical unit value in USD cents per kg.
const LINES: [(&str, u64); 24] = [
    ("520512", 310),
    ("520522", 360),
    ("520811", 620),
    ("520942", 780),
    ("610910", 1450),
    ("610821", 1300),
    ("611020", 1700),
    ("620342", 1900),
    ("630231", 1100),
    ("081320", 290),
    ("081340", 420),
    ("080620", 240),
    ("070990", 90),
    ("080450", 180),
    ("740311", 880),
    ("740811", 960),
    ("310230", 32),
    ("310520", 45),
    ("940360", 420),
    ("940161", 510),
    ("271019", 78),
    ("390110", 130),
    ("720839", 64),
    ("252329", 6),
];

const DESTINATIONS: [&str; 12] = ["DE", "FR", "IT", "PL", "LV", "NL", "KZ", "RU", "CN", "TR", "GB", "AF"];

struct Product {
    line: usize,
    /// Per-mille factor of this exporter's price level (850..=1200).
    price_permille: u64,
    /// Typical shipment in kg.
    typical_kg: u64,
}

struct Exporter {
    name: String,
    products: Vec<Product>,
    /// Relative size: how often it ships.
    weight: u64,
    /// Ships several times its usual volume in the last quarter of the period.
    surges: bool,
}

/// The population of a history.
pub struct Population {
    exporters: Vec<Exporter>,
    cumulative: Vec<u64>,
}

impl Population {
    pub fn new(exporters: usize, rng: &mut SplitMix64) -> Population {
        let exporters: Vec<Exporter> = (0..exporters)
            .map(|i| {
                let products = (0..rng.between(1, 4))
                    .map(|_| Product {
                        line: rng.below(LINES.len() as u64) as usize,
                        price_permille: rng.between(850, 1200),
                        typical_kg: rng.between(5, 200) * 100,
                    })
                    .collect();
                Exporter {
                    name: format!("UZ{:09}", 200_000_000 + i * 7919 % 100_000_000),
                    products,
                    // A few large exporters and many small ones.
                    weight: if rng.below(10) == 0 { rng.between(20, 60) } else { rng.between(1, 8) },
                    surges: rng.below(40) == 0,
                }
            })
            .collect();
        let cumulative = exporters
            .iter()
            .scan(0, |total, e| {
                *total += e.weight;
                Some(*total)
            })
            .collect();
        Population { exporters, cumulative }
    }

    fn pick(&self, rng: &mut SplitMix64) -> &Exporter {
        let total = *self.cumulative.last().expect("a population has exporters");
        let ticket = rng.below(total);
        let at = self.cumulative.partition_point(|c| *c <= ticket);
        &self.exporters[at]
    }
}

/// Writes the header and `records` records to `out`: 2023-01-01 onwards, about three years in date order.
pub fn write_history(out: &mut impl Write, records: u64, seed: u64) -> io::Result<()> {
    let mut rng = SplitMix64::new(seed);
    let population = Population::new(2000, &mut rng);
    let start = time::macros::date!(2023 - 01 - 01).to_julian_day();
    let days = 3 * 365;
    out.write_all(b"exporter,date,hs,quantity,value,destination\n")?;
    for i in 0..records {
        let day = start + (i * days / records.max(1)) as i32;
        let date = time::Date::from_julian_day(day).expect("dates of the history");
        let late = i * 4 >= records * 3;
        let exporter = population.pick(&mut rng);
        let product = &exporter.products[rng.below(exporter.products.len() as u64) as usize];
        let (hs, cents_per_kg) = LINES[product.line];
        let mut kg = product.typical_kg * rng.between(50, 150) / 100;
        if late && exporter.surges {
            kg *= 6;
        }
        // The exporter's price, scattered by ±10%, and now and then far off.
        let mut cents = cents_per_kg * product.price_permille / 1000 * rng.between(90, 110) / 100;
        match rng.below(1000) {
            0 | 1 => cents /= 5,
            2 => cents *= 5,
            _ => {}
        }
        let value_cents = kg * cents.max(1);
        let destination = DESTINATIONS[rng.below(DESTINATIONS.len() as u64) as usize];
        writeln!(
            out,
            "{},{date},{hs},{kg},{}.{:02},{destination}",
            exporter.name,
            value_cents / 100,
            value_cents % 100
        )?;
    }
    Ok(())
}
