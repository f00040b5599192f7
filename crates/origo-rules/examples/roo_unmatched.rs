//! For pattern work on the uk-roo compiler: the rule lines no pattern reads (without the overrides), most frequent
//! first, with the coverage per scheme. These lines make their rule sets manual.
//!
//! Run: `cargo run --release -p origo-rules --example roo_unmatched [SCHEME] [N]` from the repository root (reads
//! `../shared/data/uk-roo`). Prints legal wording: for the reviewer's terminal, not for committing.

use std::collections::HashMap;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/uk-roo");
    let schemes = std::fs::read_to_string(dir.join("roo_schemes_uk.json")).expect("roo_schemes_uk.json");
    let only = std::env::args().nth(1).filter(|a| a != "all");
    let top: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(40);
    let mut paths: Vec<_> =
        std::fs::read_dir(dir.join("rule_sets")).expect("rule_sets").filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut lines: HashMap<String, usize> = HashMap::new();
    let (mut sets, mut evaluable) = (0, 0);
    for path in paths {
        let code = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        if only.as_deref().is_some_and(|o| o != code) {
            continue;
        }
        let list = std::fs::read_to_string(&path).expect("list");
        match origo_rules::compile::compile_uk_roo(&schemes, &code, &list, &code, None) {
            Ok(c) => {
                let cov = c.coverage;
                println!("{code:28} {:5} rule sets {:5} evaluable", cov.rule_sets, cov.evaluable);
                sets += cov.rule_sets;
                evaluable += cov.evaluable;
                for line in cov.unmatched_lines {
                    *lines.entry(line).or_default() += 1;
                }
            }
            Err(error) => println!("{code}: {error}"),
        }
    }
    println!("total {sets} rule sets, {evaluable} evaluable");
    let mut sorted: Vec<_> = lines.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (line, n) in sorted.iter().take(top) {
        println!("{n:5} {line}");
    }
    println!("{} distinct lines not read", sorted.len());
}
