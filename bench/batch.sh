#!/usr/bin/env bash
# Throughput of `origo check --batch` on a generated file, with a baseline measured in the same run:
# `jq -c .` reading and re-writing the same JSON lines (pure JSON parsing and printing, no origin engine).
#
# Usage: bench/batch.sh [CASES] [MATERIALS]   (defaults: 100000 cases of 10 materials)
# Prints one line per run and the medians of 5 runs. Run from the repository root.
set -euo pipefail
cases="${1:-100000}"
materials="${2:-10}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build --release -q -p origo-cli
origo="$CARGO_TARGET_DIR/release/origo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 bench/generate_cases.py "$cases" "$materials" > "$work/cases.jsonl"
echo "input: $cases cases of $materials materials, $(du -h "$work/cases.jsonl" | cut -f1)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }

: > "$work/origo.txt"; : > "$work/jq.txt"
for run in 1 2 3 4 5; do
  read -r t m < <(seconds taskset -c 0 "$origo" check --batch "$work/cases.jsonl")
  echo "$t $m" >> "$work/origo.txt"
  read -r tj mj < <(seconds taskset -c 0 jq -c . "$work/cases.jsonl")
  echo "$tj $mj" >> "$work/jq.txt"
  echo "run $run: origo ${t}s (max RSS ${m} KB), jq ${tj}s"
done
to=$(cut -d' ' -f1 "$work/origo.txt" | median)
tj=$(cut -d' ' -f1 "$work/jq.txt" | median)
mo=$(cut -d' ' -f2 "$work/origo.txt" | median)
echo "median: origo --batch ${to}s = $(python3 -c "print(round($cases/$to))") cases/s on one core, max RSS ${mo} KB;" \
     "jq -c . ${tj}s; ratio origo/jq = $(python3 -c "print(round($to/$tj, 2))")"
