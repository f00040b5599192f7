//! How a page fails: [`PageError`], made from any service or API error with `?`. A handler returns it; the page
//! layer ([`super::context`]) turns it into a translated error page with the right status (403, 404, 429 ...),
//! or a redirect to the login page when the session has ended. A visitor never sees a raw error.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::error::{AppError, Code};

/// What went wrong, as the visitor is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Not signed in, or the session ended: the layer redirects to `/login?next=...`.
    SignIn,
    /// The role may not do this.
    Forbidden,
    /// The form's CSRF token is missing or wrong.
    Csrf,
    NotFound,
    /// Too many requests: try again after `retry_after` seconds.
    RateLimited,
    /// A malformed request (query or form).
    BadRequest,
    /// The request was understood but refused in the record's present state.
    Rejected,
    /// The body is larger than allowed.
    TooLarge,
    /// Something failed on the server (already logged).
    Internal,
}

impl Failure {
    /// Every failure (the catalogue test checks their texts).
    pub const ALL: [Failure; 9] = [
        Failure::SignIn,
        Failure::Forbidden,
        Failure::Csrf,
        Failure::NotFound,
        Failure::RateLimited,
        Failure::BadRequest,
        Failure::Rejected,
        Failure::TooLarge,
        Failure::Internal,
    ];

    /// The status of the error page.
    pub fn status(self) -> StatusCode {
        match self {
            Failure::SignIn => StatusCode::SEE_OTHER,
            Failure::Forbidden | Failure::Csrf => StatusCode::FORBIDDEN,
            Failure::NotFound => StatusCode::NOT_FOUND,
            Failure::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Failure::BadRequest => StatusCode::BAD_REQUEST,
            Failure::Rejected => StatusCode::CONFLICT,
            Failure::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The catalogue keys of the page's title and text.
    pub fn keys(self) -> (&'static str, &'static str) {
        match self {
            Failure::SignIn => ("error.sign_in.title", "error.sign_in.text"),
            Failure::Forbidden => ("error.forbidden.title", "error.forbidden.text"),
            Failure::Csrf => ("error.csrf.title", "error.csrf.text"),
            Failure::NotFound => ("error.not_found.title", "error.not_found.text"),
            Failure::RateLimited => ("error.rate_limited.title", "error.rate_limited.text"),
            Failure::BadRequest => ("error.bad_request.title", "error.bad_request.text"),
            Failure::Rejected => ("error.rejected.title", "error.rejected.text"),
            Failure::TooLarge => ("error.too_large.title", "error.too_large.text"),
            Failure::Internal => ("error.internal.title", "error.internal.text"),
        }
    }
}

/// A page handler's error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageError {
    pub failure: Failure,
    /// Seconds to wait, for [`Failure::RateLimited`].
    pub retry_after: Option<u64>,
}

/// A page handler's result.
pub type PageResult<T> = Result<T, PageError>;

impl PageError {
    pub fn new(failure: Failure) -> PageError {
        PageError { failure, retry_after: None }
    }

    pub fn not_found() -> PageError {
        PageError::new(Failure::NotFound)
    }

    pub fn forbidden() -> PageError {
        PageError::new(Failure::Forbidden)
    }

    pub fn rate_limited(seconds: u64) -> PageError {
        PageError { failure: Failure::RateLimited, retry_after: Some(seconds.max(1)) }
    }

    /// A failure that is not the visitor's: logged with its detail, shown as the generic error page.
    pub fn internal(detail: impl std::fmt::Display) -> PageError {
        tracing::error!(error = %detail, "page failed");
        PageError::new(Failure::Internal)
    }
}

/// Every service error reaches pages the way it reaches the API: through [`AppError`] and its one code table.
impl<E: Into<AppError>> From<E> for PageError {
    fn from(error: E) -> PageError {
        let error: AppError = error.into();
        let failure = match error.code {
            Code::Unauthenticated => Failure::SignIn,
            Code::Forbidden | Code::SameOfficer => Failure::Forbidden,
            Code::NotFound => Failure::NotFound,
            Code::RateLimited => Failure::RateLimited,
            Code::PayloadTooLarge | Code::FileTooLarge => Failure::TooLarge,
            Code::Internal => Failure::Internal,
            code if code.status() == StatusCode::BAD_REQUEST => Failure::BadRequest,
            _ => Failure::Rejected,
        };
        PageError { failure, retry_after: error.retry_after }
    }
}

/// Answered as an empty response with the status, carrying the error for the page layer to render.
impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut response = self.failure.status().into_response();
        response.extensions_mut().insert(self);
        response
    }
}
