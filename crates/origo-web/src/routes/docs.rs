//! The API's documentation for people: Swagger UI at `/api/docs`, reading `/api/v1/openapi.json`.
//!
//! The Swagger UI files are built into the binary: utoipa-swagger-ui's `vendored` feature takes the swagger-ui
//! release that the utoipa-swagger-ui-vendored crate ships (nothing is downloaded at build time). The page is our
//! own, small and free of inline script or style, and names only files under `/api/docs/`; every answer here
//! carries [`CONTENT_SECURITY_POLICY`], which lets the page load scripts, styles and data from this origin only.

use std::sync::{Arc, LazyLock};

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::{AppError, Code};

/// Scripts, styles and requests from this origin only. `img-src data:` is for the icons that swagger-ui's
/// stylesheet embeds as data URLs; no inline script or style is allowed (the page has none, and swagger-ui sets
/// its styles through the DOM, which the policy does not restrict).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE: &str = include_str!("docs.html");

/// The swagger-ui files the page uses, with their media types; any other name is not found.
const ASSETS: [(&str, &str); 6] = [
    ("swagger-ui.css", "text/css; charset=utf-8"),
    ("index.css", "text/css; charset=utf-8"),
    ("swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
    ("swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8"),
    ("swagger-initializer.js", "text/javascript; charset=utf-8"),
    ("favicon-32x32.png", "image/png"),
];

/// What swagger-ui is told: this API's document, the plain layout (no top bar to load other documents), and no
/// online validator (its badge would be an image from another host).
static CONFIG: LazyLock<Arc<utoipa_swagger_ui::Config<'static>>> = LazyLock::new(|| {
    Arc::new(utoipa_swagger_ui::Config::from("/api/v1/openapi.json").use_base_layout().validator_url("none"))
});

/// The Swagger UI page.
#[utoipa::path(get, path = "/api/docs", tag = "meta",
    responses((status = 200, content_type = "text/html", body = String,
        description = "Swagger UI for this API (HTML; its files are under /api/docs/)")))]
pub async fn page() -> Response {
    with_policy("text/html; charset=utf-8", "no-cache", PAGE.as_bytes().to_vec())
}

/// One of the page's files.
pub async fn asset(Path(file): Path<String>) -> Result<Response, AppError> {
    let not_found = || AppError::new(Code::NotFound, "no such file of the API documentation");
    let (name, media_type) = ASSETS.iter().find(|(name, _)| *name == file).ok_or_else(not_found)?;
    let served = utoipa_swagger_ui::serve(name, CONFIG.clone()).map_err(AppError::internal)?.ok_or_else(not_found)?;
    Ok(with_policy(media_type, "public, max-age=3600", served.bytes.into_owned()))
}

fn with_policy(media_type: &'static str, cache: &'static str, body: Vec<u8>) -> Response {
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static(media_type)),
        (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY)),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
    ];
    (StatusCode::OK, headers, body).into_response()
}
