//! Throughput of the origin engine with the shipped EU GSP pack: determinations (with the full trace) for bills
//! of 10 and 100 materials, against the baseline of parsing and validating the same case JSON.
//!
//! Run: `cargo bench -p origo-rules --bench engine`. Figures go in docs/PERFORMANCE.md.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use origo_rules::bundled;
use origo_rules::engine::Engine;
use serde_json::json;

/// A realistic case: a steel structure of 7308 (CTH except 7301, or MAXNOM) with `n` materials, some
/// originating, one of 7301 within tolerance.
fn case_json(n: usize) -> String {
    let codes = ["720851", "721070", "730120", "731815", "731816", "732690", "320890", "721391", "730661", "740811"];
    let origins = ["RU", "CN", "UZ", "DE", "TR", "KZ"];
    let materials: Vec<_> = (0..n)
        .map(|i| {
            let origin = origins[i % origins.len()];
            json!({"hs": codes[i % codes.len()], "description": format!("material {i}"),
                   "value": format!("{}.{:02}", 10 + i * 7 % 90, i % 100), "weight_kg": (i % 9 + 1).to_string(),
                   "origin": origin, "originating": origin == "UZ"})
        })
        .collect();
    json!({"scheme": "eu-gsp", "exporting_country": "UZ", "date": "2026-05-11",
           "product": {"hs": "730890", "description": "Steel structures", "ex_works_price": "100000.00", "weight_kg": 5000},
           "materials": materials, "processes": ["cutting", "welding", "painting"]})
    .to_string()
}

fn bench(c: &mut Criterion) {
    let engine = Engine::new(bundled::packs().expect("shipped packs load"));
    for n in [10, 100] {
        let text = case_json(n);
        let case = engine.parse_case(&text).expect("bench case is valid");
        let mut group = c.benchmark_group(format!("{n}_materials"));
        group.throughput(Throughput::Elements(1));
        group.bench_function("determine", |b| b.iter(|| engine.determine(black_box(&case))));
        group.bench_function("parse_json_baseline", |b| b.iter(|| engine.parse_case(black_box(&text)).unwrap()));
        group.bench_function("parse_and_determine", |b| {
            b.iter(|| engine.determine(&engine.parse_case(black_box(&text)).unwrap()))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
