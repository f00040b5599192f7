//! Certificate PDFs per second: a 5-item CT-1 in Russian with English, both QR codes, fonts subsetted and
//! embedded, against the baseline of signing the same certificate (validation, RFC 8785 canonical JSON, Ed25519),
//! which every issued certificate goes through anyway.
//!
//! Run: `cargo bench -p origo-pdf --bench render` (one core: `taskset -c 1 cargo bench ...`, which leaves the
//! two-thread figure meaningless). Figures go in docs/PERFORMANCE.md.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use origo_documents::CertificateKind;
use origo_documents::signing::sign_certificate;
use origo_pdf::{Language, render};

#[allow(dead_code)]
#[path = "../tests/pdf/common.rs"]
mod common;

fn bench(c: &mut Criterion) {
    let (signer, _) = common::issuer();
    let certificate = common::certificate(CertificateKind::Ct1, 5);
    let options = common::options(&certificate, &signer, Language::Ru);
    let forty = common::certificate(CertificateKind::Ct1, 40);
    let forty_options = common::options(&forty, &signer, Language::Ru);
    let pdf = render(&certificate, &options).expect("the bench certificate renders");
    let forty_pdf = render(&forty, &forty_options).expect("the bench certificate renders");
    eprintln!("CT-1: 5 items {} bytes, 40 items {} bytes", pdf.len(), forty_pdf.len());

    let mut group = c.benchmark_group("certificate_pdf");
    group.throughput(Throughput::Elements(1));
    group.bench_function("render_5_items", |b| b.iter(|| render(black_box(&certificate), black_box(&options))));
    group.bench_function("sign_baseline", |b| {
        b.iter(|| sign_certificate(black_box(&certificate), &signer, common::date("2026-03-14")).unwrap())
    });
    group.bench_function("render_40_items", |b| b.iter(|| render(black_box(&forty), black_box(&forty_options))));
    group.finish();

    // The machine has two cores and rendering is pure: two certificates at once, one a thread.
    let mut group = c.benchmark_group("certificate_pdf_2_threads");
    group.throughput(Throughput::Elements(2));
    group.bench_function("render_5_items", |b| {
        b.iter(|| {
            std::thread::scope(|scope| {
                let other = scope.spawn(|| render(black_box(&certificate), black_box(&options)));
                (render(black_box(&certificate), black_box(&options)), other.join())
            })
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
