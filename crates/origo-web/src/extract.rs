//! Extractors that answer in the API's error envelope: JSON bodies ([`ApiJson`]), query strings ([`ApiQuery`]),
//! path parameters ([`ApiPath`]) and the authenticated caller ([`Auth`]: session cookie or bearer token).

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use origo_service::Caller;
use serde::de::DeserializeOwned;

use crate::error::{AppError, Code};
use crate::state::AppState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "origo_session";

/// A JSON body; rejections become `malformed_json`, `invalid_request`, `unknown_field`, `payload_too_large` or
/// `unsupported_media_type`.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> AppError {
    match rejection {
        JsonRejection::JsonSyntaxError(e) => AppError::new(Code::MalformedJson, e.body_text()),
        JsonRejection::JsonDataError(e) => {
            let text = e.body_text();
            let code = if text.contains("unknown field") { Code::UnknownField } else { Code::InvalidRequest };
            AppError::new(code, text)
        }
        JsonRejection::MissingJsonContentType(_) => {
            AppError::new(Code::UnsupportedMediaType, "expected a body with `Content-Type: application/json`")
        }
        JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            AppError::new(Code::PayloadTooLarge, "the request body is too large")
        }
        other => AppError::new(Code::InvalidRequest, other.body_text()),
    }
}

/// Maps a body-read failure (raw uploads) like the JSON extractor does.
pub fn body_rejection(status: StatusCode, text: String) -> AppError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::new(Code::PayloadTooLarge, "the request body is too large")
    } else {
        AppError::new(Code::InvalidRequest, text)
    }
}

/// A query string; a malformed one is `invalid_parameter`.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(AppError::new(Code::InvalidParameter, query_text(rejection))),
        }
    }
}

fn query_text(rejection: QueryRejection) -> String {
    rejection.body_text()
}

/// Path parameters; a malformed one (an id that is not a UUID) is `invalid_parameter`.
#[derive(Debug)]
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            Err(rejection) => Err(path_rejection(rejection)),
        }
    }
}

fn path_rejection(rejection: PathRejection) -> AppError {
    AppError::new(Code::InvalidParameter, rejection.body_text())
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The bearer token of the `Authorization` header: `Some(Err)` when the header is there but not a bearer token.
fn bearer(parts: &Parts) -> Option<Result<&str, ()>> {
    let value = parts.headers.get(AUTHORIZATION)?;
    let text = value.to_str().map_err(|_| ());
    Some(text.and_then(|t| t.strip_prefix("Bearer ").map(str::trim).ok_or(())))
}

/// The authenticated caller: `Authorization: Bearer origo_...` (an API token) or the session cookie. A request
/// with neither, or with one that is not valid, is `unauthenticated` (401).
#[derive(Debug, Clone)]
pub struct Auth(pub Caller);

impl FromRequestParts<AppState> for Auth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let service = &state.service;
        // A present Authorization header wins: a client that sends a bad token is told so, not silently treated
        // as whoever its cookie names.
        let caller = match bearer(parts) {
            Some(Ok(token)) => service.authenticate_token(token).await?,
            Some(Err(())) => {
                return Err(AppError::new(Code::Unauthenticated, "expected `Authorization: Bearer <token>`"));
            }
            None => match cookie(&parts.headers, SESSION_COOKIE) {
                Some(token) => service.authenticate_session(token).await?,
                None => return Err(AppError::new(Code::Unauthenticated, "sign in, or send an API token")),
            },
        };
        Ok(Auth(caller))
    }
}

/// The longest idempotency key accepted.
pub const MAX_IDEMPOTENCY_KEY: usize = 200;

/// The optional `Idempotency-Key` header of a write that must not happen twice (issuance, replacement): 1 to
/// [`MAX_IDEMPOTENCY_KEY`] printable ASCII characters, else `invalid_parameter`.
#[derive(Debug, Clone)]
pub struct IdempotencyKey(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let Some(value) = parts.headers.get("idempotency-key") else { return Ok(IdempotencyKey(None)) };
        let text = value
            .to_str()
            .map_err(|_| AppError::field(Code::InvalidParameter, "Idempotency-Key", "must be printable ASCII"))?;
        if text.is_empty() || text.len() > MAX_IDEMPOTENCY_KEY {
            return Err(AppError::field(
                Code::InvalidParameter,
                "Idempotency-Key",
                format!("must have 1 to {MAX_IDEMPOTENCY_KEY} characters"),
            ));
        }
        Ok(IdempotencyKey(Some(text.to_owned())))
    }
}

/// The client's address from the connection (`origo serve` provides it), `None` without connection info. Unlike
/// the public check's `ClientIp`, an unknown address is not one shared address: sign-in throttling counts it per
/// username only, so that nobody can lock everyone out.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub Option<std::net::IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let info = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>();
        Ok(ClientAddress(info.map(|c| c.0.ip())))
    }
}
