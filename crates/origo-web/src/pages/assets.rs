//! The pages' static files, built into the binary from `crates/origo-web/assets/` and served under `/assets/` with
//! a content hash in the name (`origo.3f2a9c01d4.css`), so they can be cached for a year: a changed file gets a new
//! name. Templates ask for the current name with `ctx.asset("origo.css")`. To add a file, add a row to [`FILES`].

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
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
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|&(name, media_type, bytes)| {
            let hash = origo_documents::encoding::hex(&Sha256::digest(bytes));
            let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
            Asset { name, url: format!("/assets/{stem}.{}.{extension}", &hash[..10]), media_type, bytes }
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

/// `GET /assets/{file}`: a file by its hashed name; anything else is a 404.
pub async fn serve(Path(file): Path<String>) -> Response {
    let wanted = format!("/assets/{file}");
    match ASSETS.iter().find(|a| a.url == wanted) {
        Some(asset) => {
            let headers = [
                (header::CONTENT_TYPE, HeaderValue::from_static(asset.media_type)),
                (header::CACHE_CONTROL, HeaderValue::from_static(CACHE_FOREVER)),
            ];
            (StatusCode::OK, headers, asset.bytes).into_response()
        }
        None => super::error::PageError::not_found().into_response(),
    }
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
}
