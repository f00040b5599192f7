#!/usr/bin/env bash
# Compiling every uk-roo rule list and loading every compiled pack, with baselines measured in the same run.
#
# 1. `cargo bench -p origo-rules --bench uk_packs` pinned to one core: compiling the 43 schemes (28 535 rule sets)
#    against plain serde_json parsing of the same input files, and loading the 43 packs of rules/uk/ against plain
#    serde_json parsing of the same pack files. Criterion reports medians of its samples.
# 2. The release binary, five runs each, one core: `origo rules compile` of the whole folder (wall time, max RSS),
#    and start-up with every pack loaded (`origo check --rules rules/uk` on one case: time, max RSS) against
#    `origo check` with the built-in packs.
#
# Usage: bench/uk_packs.sh   (from the repository root; needs ../shared/data/uk-roo)
set -euo pipefail
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
roo=../shared/data/uk-roo
taskset -c 0 cargo bench -q -p origo-rules --bench uk_packs >/dev/null
python3 - "$CARGO_TARGET_DIR" <<'PY'
import json, sys
for name in ["compile_43_schemes", "parse_inputs_baseline", "load_43_packs", "parse_packs_baseline"]:
    e = json.load(open(f"{sys.argv[1]}/criterion/uk_roo/{name}/new/estimates.json"))
    print(f"criterion {name}: median {e['median']['point_estimate'] / 1e6:.1f} ms")
PY
cargo build --release -q -p origo-cli
origo="$CARGO_TARGET_DIR/release/origo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/case.json" <<'CASE'
{"scheme": "uk-japan", "exporting_country": "JP", "date": "2025-03-02",
 "product": {"hs": "850440", "ex_works_price": 10000, "fob_value": 10400},
 "materials": [{"hs": "854231", "value": 3000, "origin": "CN"}, {"hs": "850490", "value": 1000, "origin": "JP", "originating": true}],
 "processes": ["assembly"]}
CASE
cat > "$work/builtin.json" <<'CASE'
{"scheme": "uk-dcts", "exporting_country": "BD", "date": "2025-03-02",
 "product": {"hs": "850440", "ex_works_price": 10000},
 "materials": [{"hs": "854231", "value": 3000, "origin": "CN"}], "processes": ["assembly"]}
CASE
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() { /usr/bin/time -f "%e %M" taskset -c 0 "$@" 2>&1 >/dev/null | tail -1; }
: > "$work/compile"; : > "$work/load"; : > "$work/builtin"
for i in 1 2 3 4 5; do
  run "$origo" rules compile "$roo" --out "$work/rules" >> "$work/compile"
  run "$origo" check "$work/case.json" --rules rules/uk >> "$work/load"
  run "$origo" check "$work/builtin.json" >> "$work/builtin"
done
for f in compile load builtin; do
  echo "$f: median $(cut -d' ' -f1 "$work/$f" | median) s, max RSS median $(cut -d' ' -f2 "$work/$f" | median) KB"
done
