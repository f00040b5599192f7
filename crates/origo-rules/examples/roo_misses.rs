// Temporary analysis tool: coverage of the uk-roo corpus and the most frequent lines not understood.
use std::collections::HashMap;
fn main() {
    let dir = std::path::Path::new("/work/shared/data/uk-roo");
    let schemes = std::fs::read_to_string(dir.join("roo_schemes_uk.json")).unwrap();
    let mut names: Vec<_> = std::fs::read_dir(dir.join("rule_sets")).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    let only = std::env::args().nth(1);
    let mut misses: HashMap<String, usize> = HashMap::new();
    let (mut t, mut e) = (0, 0);
    for path in names {
        let code = path.file_stem().unwrap().to_str().unwrap().to_string();
        if only.as_deref().is_some_and(|o| o != code && o != "all") {
            continue;
        }
        let json = std::fs::read_to_string(&path).unwrap();
        match origo_rules::compile::compile_uk_roo(&schemes, &code, &json, &code, None) {
            Ok(c) => {
                println!(
                    "{:28} {:5} {:5} {:5.1}%",
                    code,
                    c.coverage.rule_sets,
                    c.coverage.evaluable,
                    100.0 * c.coverage.evaluable as f64 / c.coverage.rule_sets as f64
                );
                t += c.coverage.rule_sets;
                e += c.coverage.evaluable;
                for l in c.coverage.unmatched_lines {
                    *misses.entry(l).or_default() += 1;
                }
            }
            Err(err) => println!("{code}: ERROR {err}"),
        }
    }
    println!("TOTAL {t} {e} {:.2}%", 100.0 * e as f64 / t as f64);
    let mut v: Vec<_> = misses.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let n: usize = std::env::var("N").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    for (l, c) in v.iter().take(n) {
        println!("{c:5} {l}");
    }
    println!("distinct unmatched: {}", v.len());
}
