//! Compiling every uk-roo rule list (43 schemes, 28 535 rule sets) and loading every compiled pack at start-up, each
//! against a baseline measured in the same run: plain `serde_json` parsing of the same files into `Value`.
//!
//! Run: `cargo bench -p origo-rules --bench uk_packs` (reads `../shared/data/uk-roo` and `rules/uk/`). Figures go in
//! docs/PERFORMANCE.md.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use origo_rules::compile::compile_uk_roo;
use origo_rules::pack::RulePack;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_dir(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.file_stem().unwrap().to_str().unwrap().to_string(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

fn bench(c: &mut Criterion) {
    let roo = repo().join("../shared/data/uk-roo");
    let schemes = std::fs::read_to_string(roo.join("roo_schemes_uk.json")).unwrap();
    let lists = read_dir(&roo.join("rule_sets"));
    let overrides: Vec<Option<String>> = lists
        .iter()
        .map(|(code, _)| std::fs::read_to_string(repo().join(format!("rules/overrides/uk/{code}.json"))).ok())
        .collect();
    let packs = read_dir(&repo().join("rules/uk"));
    assert_eq!((lists.len(), packs.len()), (43, 43));

    let mut group = c.benchmark_group("uk_roo");
    group.sample_size(10);
    group.bench_function("compile_43_schemes", |b| {
        b.iter(|| {
            for ((code, list), o) in lists.iter().zip(&overrides) {
                black_box(compile_uk_roo(&schemes, code, list, code, o.as_deref()).unwrap());
            }
        })
    });
    group.bench_function("parse_inputs_baseline", |b| {
        b.iter(|| {
            black_box(serde_json::from_str::<serde_json::Value>(&schemes).unwrap());
            for (_, list) in &lists {
                black_box(serde_json::from_str::<serde_json::Value>(list).unwrap());
            }
        })
    });
    group.bench_function("load_43_packs", |b| {
        b.iter(|| {
            for (_, pack) in &packs {
                black_box(RulePack::from_json(pack).unwrap());
            }
        })
    });
    group.bench_function("parse_packs_baseline", |b| {
        b.iter(|| {
            for (_, pack) in &packs {
                black_box(serde_json::from_str::<serde_json::Value>(pack).unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
