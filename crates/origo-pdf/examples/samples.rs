//! Writes sample certificate PDFs of each kind to a folder, to look at them:
//! `cargo run -p origo-pdf --example samples -- /tmp/certificates`.

use origo_documents::certificate::CertificateStatus;
use origo_pdf::{Language, RenderOptions, render};

#[allow(dead_code)]
#[path = "../tests/pdf/common.rs"]
mod common;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".to_owned());
    let (signer, _) = common::issuer();
    for kind in common::KINDS {
        for (items, language, status) in [
            (5, Language::Ru, CertificateStatus::Valid),
            (5, Language::En, CertificateStatus::Valid),
            (40, Language::Uz, CertificateStatus::Valid),
            (5, Language::Uz, CertificateStatus::Revoked),
        ] {
            let certificate = common::certificate(kind, items);
            let options = RenderOptions { status, ..common::options(&certificate, &signer, language) };
            let pdf = render(&certificate, &options).expect("the sample renders");
            let path = format!("{dir}/{kind:?}-{items}-{language:?}-{status:?}.pdf");
            std::fs::write(&path, pdf).expect("the folder is writable");
            println!("{path}");
        }
    }
}
