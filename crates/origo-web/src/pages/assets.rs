//! The pages' static files, built into the binary from `crates/origo-web/assets/` and served under `/assets/` with
//! a content hash in the name (`origo.3f2a9c01d4.css`), so they can be cached for a year: a changed file gets a new
//! name. Templates ask for the current name with `ctx.asset("origo.css")`. To add a file, add a row to [`FILES`].
//!
//! Each file is also kept gzip-compressed (once, at first use) and sent so to browsers that accept gzip: the
//! stylesheet and htmx are most of a first visit's weight (docs/PERFORMANCE.md). The pages themselves are not
//! compressed: they carry the CSRF token beside text a visitor can put in the URL, which compression would let an
//! eavesdropper guess byte by byte (BREACH).

use std::io::Write;
use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};

/// Every file: its logical name, media type and bytes.
const FILES: [(&str, &str, &[u8]); 3] = [
    ("origo.css", "text/css; charset=utf-8", include_bytes!("../../assets/origo.css")),
    // htmx 2.0.11 as published on npm (`npm pack htmx.org@2`), unchanged; licence beside it (0BSD).
    ("htmx.min.js", "text/javascript; charset=utf-8", include_bytes!("../../assets/vendor/htmx-2.0.11.min.js")),
    ("htmx-LICENSE.txt", "text/plain; charset=utf-8", include_bytes!("../../assets/vendor/htmx-LICENSE.txt")),
];

/// How long a hashed file may be cached: a year, never revalidated.
pub const CACHE_FOREVER: &str = "public, max-age=31536000, immutable";

struct Asset {
    name: &'static str,
    url: String,
    media_type: &'static str,
    bytes: &'static [u8],
    gzip: Vec<u8>,
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|&(name, media_type, bytes)| {
            let hash = origo_documents::encoding::hex(&Sha256::digest(bytes));
            let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
            let url = format!("/assets/{stem}.{}.{extension}", &hash[..10]);
            Asset { name, url, media_type, bytes, gzip: gzip(bytes) }
        })
        .collect()
});

/// The URL of the file `name` (`"origo.css"`). An unknown name gives `/assets/missing` (a test checks every
/// name the templates use).
pub fn url(name: &str) -> &'static str {
    ASSETS.iter().find(|a| a.name == name).map(|a| a.url.as_str()).unwrap_or("/assets/missing")
}

/// Whether `name` is one of the files.
pub fn exists(name: &str) -> bool {
    ASSETS.iter().any(|a| a.name == name)
}

/// `GET /assets/{file}`: a file by its hashed name, gzip-compressed when the browser accepts it; anything else is a
/// 404.
pub async fn serve(Path(file): Path<String>, request: HeaderMap) -> Response {
    let wanted = format!("/assets/{file}");
    match ASSETS.iter().find(|a| a.url == wanted) {
        Some(asset) => {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.media_type));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE_FOREVER));
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
            if accepts_gzip(&request) {
                headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
                (StatusCode::OK, headers, asset.gzip.clone()).into_response()
            } else {
                (StatusCode::OK, headers, asset.bytes).into_response()
            }
        }
        None => super::error::PageError::not_found().into_response(),
    }
}

/// Whether `Accept-Encoding` names gzip (or `*`) without refusing it with `q=0`.
fn accepts_gzip(request: &HeaderMap) -> bool {
    let Some(accepted) = request.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else { return false };
    accepted.split(',').any(|coding| {
        let mut parts = coding.split(';').map(str::trim);
        let name = parts.next().unwrap_or("");
        let refused =
            parts.any(|p| p.strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0)));
        (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
    })
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_content_hash() {
        let css = url("origo.css");
        assert!(
            css.starts_with("/assets/origo.") && css.ends_with(".css") && css.len() == "/assets/origo..css".len() + 10
        );
        assert_eq!(url("nope.css"), "/assets/missing");
        assert!(exists("htmx.min.js") && !exists("nope.css"));
    }

    #[test]
    fn the_kept_gzip_is_the_file_and_smaller() {
        use std::io::Read;
        for asset in ASSETS.iter() {
            let mut unpacked = Vec::new();
            flate2::read::GzDecoder::new(asset.gzip.as_slice()).read_to_end(&mut unpacked).unwrap();
            assert_eq!(unpacked, asset.bytes, "{}", asset.name);
        }
        let css = ASSETS.iter().find(|a| a.name == "origo.css").unwrap();
        assert!(css.gzip.len() * 2 < css.bytes.len(), "{} of {}", css.gzip.len(), css.bytes.len());
    }

    #[test]
    fn gzip_is_sent_only_when_accepted() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
            accepts_gzip(&headers)
        };
        assert!(with("gzip, deflate, br, zstd"));
        assert!(with("br;q=1.0, GZIP;q=0.5"));
        assert!(with("*"));
        assert!(!with("gzip;q=0"));
        assert!(!with("gzip; q=0.0, br"));
        assert!(!with("br, deflate"));
        assert!(!with("identity"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }
}
