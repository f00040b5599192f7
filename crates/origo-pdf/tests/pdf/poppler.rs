//! Reading a PDF back with poppler's command-line tools (Debian package poppler-utils) and decoding QR codes from
//! its pages. Without the tools a test skips with a notice, except on CI (`CI=true`), where it fails.

use std::path::Path;
use std::process::Command;

/// A PDF written to a temporary folder for the tools to read.
pub struct Pdf {
    dir: tempfile::TempDir,
}

fn run(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool}: {e}"));
    assert!(output.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

impl Pdf {
    /// `None` (after a notice) when poppler-utils is missing outside CI; a panic when it is missing on CI.
    pub fn open(bytes: &[u8]) -> Option<Pdf> {
        if Command::new("pdftotext").arg("-v").output().is_err() {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "pdftotext is missing: CI must install poppler-utils (.ci/run does)"
            );
            eprintln!("SKIPPED: poppler-utils (pdftotext, pdftoppm, pdffonts) is not installed");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("certificate.pdf"), bytes).unwrap();
        Some(Pdf { dir })
    }

    fn path(&self) -> String {
        self.dir.path().join("certificate.pdf").to_str().unwrap().to_owned()
    }

    /// The text of every page (`pdftotext`, reading order), pages separated by form feeds.
    pub fn text(&self) -> String {
        run("pdftotext", &["-enc", "UTF-8", &self.path(), "-"])
    }

    /// The fonts table of `pdffonts`.
    pub fn fonts(&self) -> String {
        run("pdffonts", &[&self.path()])
    }

    /// The number of pages (`pdfinfo`).
    pub fn pages(&self) -> usize {
        let info = run("pdfinfo", &[&self.path()]);
        let line = info.lines().find(|l| l.starts_with("Pages:")).expect("pdfinfo prints Pages:");
        line["Pages:".len()..].trim().parse().unwrap()
    }

    /// The texts of the QR codes found on page `page` (1-based) rasterised at 200 dpi, sorted. The page is written
    /// as a grey-scale PGM: the same raster as `-png`, without the PNG compression that took most of the time.
    pub fn qr_codes(&self, page: usize) -> Vec<String> {
        let prefix = self.dir.path().join("page");
        let n = page.to_string();
        run(
            "pdftoppm",
            &["-r", "200", "-gray", "-singlefile", "-f", &n, "-l", &n, &self.path(), prefix.to_str().unwrap()],
        );
        decode_qr(&self.dir.path().join("page.pgm"))
    }
}

/// Width, height and grey levels of a binary PGM (`P5`, one byte a pixel) as pdftoppm writes it.
fn read_pgm(bytes: &[u8]) -> (usize, usize, &[u8]) {
    // Header: P5, width, height, maximum value, each followed by whitespace; pdftoppm writes no comments.
    let mut fields = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while fields.len() < 4 {
        if bytes[i].is_ascii_whitespace() {
            if i > start {
                fields.push(std::str::from_utf8(&bytes[start..i]).unwrap());
            }
            start = i + 1;
        }
        i += 1;
    }
    assert_eq!((fields[0], fields[3]), ("P5", "255"), "an 8-bit binary PGM");
    let (w, h) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = &bytes[i..];
    assert_eq!(pixels.len(), w * h);
    (w, h, pixels)
}

/// Every QR code rqrr finds and decodes in the PGM at `path`.
fn decode_qr(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let (w, h, pixels) = read_pgm(&bytes);
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    let mut texts: Vec<String> = prepared
        .detect_grids()
        .into_iter()
        .map(|grid| grid.decode().unwrap_or_else(|e| panic!("a QR code was found but does not decode: {e}")).1)
        .collect();
    texts.sort();
    texts
}
