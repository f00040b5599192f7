//! Streaming risk scoring of an export history, through the same path as `origo risk score`: a file read through
//! `csv_score::score_csv` (parse, score every record against the history before it, record it, write its JSON
//! line) into a buffered writer, on one thread. The history is synthetic and deterministic (benches/synth.rs,
//! seed 1: 2 000 exporters over three years).
//!
//! The baseline in the same run reads the same file with the same CSV reader and writes a JSON line per record of
//! the same shape (`{"row": N, "score": 0.00, "reasons": []}`), with no field parsed and nothing scored: the cost
//! of the I/O and the format alone. Peak memory (VmHWM) is read after scoring 100 000 records and again after the
//! full runs, to show that memory does not grow with the length of the history.
//!
//! Run (release): `cargo bench -p origo-risk --bench score -- [--records N] [--runs R]` (default 1 000 000 and 5);
//! pin it to one core with `taskset -c 0` on a busy machine. Figures go in docs/PERFORMANCE.md.

#[path = "synth.rs"]
mod synth;

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use origo_risk::RiskConfig;
use origo_risk::csv_score::{CsvSummary, score_csv};

struct Args {
    records: u64,
    runs: usize,
}

fn args() -> Args {
    let mut args = Args { records: 1_000_000, runs: 5 };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--bench" => {}
            "--records" => args.records = it.next().and_then(|n| n.parse().ok()).expect("--records N"),
            "--runs" => args.runs = it.next().and_then(|n| n.parse().ok()).expect("--runs R"),
            other => panic!("unknown argument {other}: expected --records N, --runs R"),
        }
    }
    args
}

/// A writer that only counts, so the figures are the scorer's and not a disk's.
#[derive(Default)]
struct Counting(u64);

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn generate(path: &Path, records: u64) {
    let mut out = BufWriter::with_capacity(1 << 16, File::create(path).expect("temp file"));
    synth::write_history(&mut out, records, 1).expect("writing the history");
    out.flush().expect("writing the history");
}

/// As `origo risk score FILE` does it, output counted instead of printed.
fn score(path: &Path) -> (Timing, CsvSummary, u64) {
    let started = (Instant::now(), on_cpu());
    let input = BufReader::with_capacity(1 << 16, File::open(path).expect("history file"));
    let mut out = BufWriter::with_capacity(1 << 16, Counting::default());
    let summary = score_csv(input, &mut out, &RiskConfig::default()).expect("scoring");
    let written = out.into_inner().map_err(|_| "flush").expect("counting writer").0;
    (Timing::since(started), summary, written)
}

/// The same reading and the same shape of output, nothing parsed or scored.
fn baseline(path: &Path) -> (Timing, u64) {
    let started = (Instant::now(), on_cpu());
    let input = BufReader::with_capacity(1 << 16, File::open(path).expect("history file"));
    let mut reader =
        csv::ReaderBuilder::new().has_headers(true).flexible(true).buffer_capacity(1 << 16).from_reader(input);
    let mut out = BufWriter::with_capacity(1 << 16, Counting::default());
    let mut record = csv::ByteRecord::new();
    let mut row = 0u64;
    while reader.read_byte_record(&mut record).expect("reading") {
        row += 1;
        writeln!(out, "{{\"row\": {row}, \"score\": 0.00, \"reasons\": []}}").expect("writing");
    }
    let written = out.into_inner().map_err(|_| "flush").expect("counting writer").0;
    (Timing::since(started), written)
}

/// Wall-clock and on-CPU time of one run.
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    cpu: Duration,
}

impl Timing {
    fn since((wall, cpu): (Instant, Duration)) -> Timing {
        Timing { wall: wall.elapsed(), cpu: on_cpu().saturating_sub(cpu) }
    }
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status.lines().find(|l| l.starts_with("VmHWM")).map(|l| l["VmHWM:".len()..].trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Time this thread has spent on a CPU (ns, /proc/self/schedstat): unlike the wall clock, it does not count the
/// time other processes of a busy machine took.
fn on_cpu() -> Duration {
    let ns = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0);
    Duration::from_nanos(ns)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn main() {
    let args = args();
    let dir = std::env::temp_dir().join(format!("origo-risk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    let small = dir.join("history-100k.csv");
    let full = dir.join("history.csv");
    generate(&small, 100_000.min(args.records));
    generate(&full, args.records);
    let size = std::fs::metadata(&full).map_or(0, |m| m.len());
    println!("{} records, {:.1} MB of CSV, {} runs, one thread", args.records, size as f64 / 1e6, args.runs);

    let (_, summary, _) = score(&small);
    println!("peak memory (VmHWM) after scoring {} records: {}", summary.rows, peak_memory());

    let mut scored = Vec::new();
    let mut base = Vec::new();
    let mut last = None;
    for _ in 0..args.runs {
        let (time, summary, written) = score(&full);
        scored.push(time);
        last = Some((summary, written));
        let (time, _) = baseline(&full);
        base.push(time);
    }
    let (summary, written) = last.expect("at least one run");
    let (_, base_written) = baseline(&full);
    println!("peak memory (VmHWM) after scoring {} records: {}", summary.rows, peak_memory());
    let wall = |runs: &[Timing]| median(runs.iter().map(|t| t.wall).collect());
    let cpu = |runs: &[Timing]| median(runs.iter().map(|t| t.cpu).collect());
    let (s, b) = (wall(&scored), wall(&base));
    let (sc, bc) = (cpu(&scored), cpu(&base));
    println!(
        "score:    median {} wall, {} on CPU ({:.0} records/s on CPU); {} flagged, {} errors, {:.1} MB of JSON",
        secs(s),
        secs(sc),
        args.records as f64 / sc.as_secs_f64(),
        summary.flagged,
        summary.errors,
        written as f64 / 1e6
    );
    println!(
        "baseline: median {} wall, {} on CPU (read CSV records, write {:.1} MB of JSON lines)",
        secs(b),
        secs(bc),
        base_written as f64 / 1e6
    );
    println!(
        "ratio score / baseline: {:.1} wall, {:.1} on CPU",
        s.as_secs_f64() / b.as_secs_f64(),
        sc.as_secs_f64() / bc.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
