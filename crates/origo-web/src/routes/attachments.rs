//! What every route with attached documents shares: reading a JSON body that carries files in base64 (up to the
//! evidence limit's worth, a third larger), and answering a stored file as an attachment of its stored type.

use axum::body::to_bytes;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::error::{AppError, Code};
use crate::extract::body_rejection;
use crate::pages::officer::evidence::content_disposition;
use crate::state::AppState;

/// The largest JSON body with files: the evidence limit in base64, and room for the rest.
pub fn body_limit(state: &AppState) -> usize {
    state.service.config().max_evidence_bytes / 3 * 4 + 64 * 1024
}

/// Reads a JSON body of at most `limit` bytes, with the API's error codes (`415`, `413`, `malformed_json`,
/// `unknown_field`, `invalid_request`).
pub async fn large_json<T: DeserializeOwned>(request: Request, limit: usize) -> Result<T, AppError> {
    let is_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json")));
    if !is_json {
        return Err(AppError::new(Code::UnsupportedMediaType, "expected a body with `Content-Type: application/json`"));
    }
    let bytes = to_bytes(request.into_body(), limit)
        .await
        .map_err(|e| body_rejection(StatusCode::PAYLOAD_TOO_LARGE, e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        let code = if e.is_syntax() || e.is_eof() {
            Code::MalformedJson
        } else if e.to_string().contains("unknown field") {
            Code::UnknownField
        } else {
            Code::InvalidRequest
        };
        AppError::new(code, e.to_string())
    })
}

/// A stored file as an attachment of its stored type, under its name.
pub fn download(file_name: &str, media_type: &str, bytes: Vec<u8>) -> Response {
    let media =
        HeaderValue::from_str(media_type).unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let disposition = HeaderValue::from_str(&content_disposition(file_name))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    ([(header::CONTENT_TYPE, media), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response()
}
