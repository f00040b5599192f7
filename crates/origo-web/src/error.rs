//! The one error type of the API, [`AppError`], and the one table of stable error codes ([`Code`]) with their
//! HTTP status. Every service error maps to a code here; the JSON envelope is
//! `{"error": {"code": "...", "message": "..."}}` (plus `field` when one field is at fault).
//!
//! Internal errors (the store, a key that cannot be read) are logged once, here, and answered with a generic
//! message: driver text never reaches a client.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// A stable, snake_case error code. Clients match on these; the message is for people and may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// The body is not JSON.
    MalformedJson,
    /// The JSON has the wrong shape: a missing or mistyped field.
    InvalidRequest,
    /// The JSON has a field the API does not know.
    UnknownField,
    /// A query parameter or path segment is malformed.
    InvalidParameter,
    /// A value is well-formed but not acceptable (HS code, quantity, country, TIN ...).
    ValidationFailed,
    /// A refusal or revocation without reasons.
    ReasonsRequired,
    /// Not signed in, or the session or token has ended.
    Unauthenticated,
    /// Wrong username or password.
    InvalidCredentials,
    /// The caller's role (or token scope) may not do this.
    Forbidden,
    /// The officer who examined an application cannot also give its second signature.
    SameOfficer,
    /// No such record, or one the caller may not see.
    NotFound,
    /// The route exists, the method does not.
    MethodNotAllowed,
    /// The record is not in a state that allows this.
    InvalidState,
    /// The record changed since the caller read it.
    VersionConflict,
    /// The company already has a live registration.
    AlreadyRegistered,
    /// The exporter's registration is not in force.
    ExporterNotRegistered,
    /// An item is not shown to be originating: it cannot be approved.
    NotOriginating,
    /// This kind of proof is made out by the exporter, not issued.
    NotIssuedByBody,
    /// This application is for a certificate issued by the certifying body, not for a statement.
    IssuedByBody,
    /// No REX number in force and the originating products exceed EUR 6 000.
    RegistrationRequired,
    /// The application already carries a statement with another text.
    StatementAlreadyMadeOut,
    /// Exactly this statement text is already registered for another consignment.
    DuplicateStatement,
    /// The idempotency key was used for another request (or is still in progress).
    IdempotencyKeyReused,
    /// The same file is already attached.
    DuplicateFile,
    /// The target already has an undecided revocation proposal.
    AlreadyProposed,
    /// The same customs declaration is already recorded for this certificate item.
    DuplicateUtilisation,
    /// A rate of this currency on this day is already recorded.
    DuplicateExchangeRate,
    /// The username is taken.
    UsernameTaken,
    /// The certificate has no PDF: its security code was not kept, or its stored text cannot be drawn.
    PdfUnavailable,
    /// A bulk check with no numbers or too many.
    TooManyNumbers,
    /// The request body is larger than allowed.
    PayloadTooLarge,
    /// An evidence file is larger than allowed.
    FileTooLarge,
    /// The request's content type is not accepted.
    UnsupportedMediaType,
    /// An evidence file's type is not accepted, or its content is not of that type.
    UnsupportedFileType,
    /// Too many requests from this client (per server process).
    RateLimited,
    /// Something failed on the server; the detail is in its log.
    Internal,
}

impl Code {
    /// The one table of code -> HTTP status.
    pub fn status(self) -> StatusCode {
        use Code::*;
        match self {
            MalformedJson | InvalidRequest | UnknownField | InvalidParameter => StatusCode::BAD_REQUEST,
            ValidationFailed | ReasonsRequired | NotOriginating | TooManyNumbers | RegistrationRequired => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Unauthenticated | InvalidCredentials => StatusCode::UNAUTHORIZED,
            Forbidden | SameOfficer => StatusCode::FORBIDDEN,
            NotFound => StatusCode::NOT_FOUND,
            MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            InvalidState
            | VersionConflict
            | AlreadyRegistered
            | ExporterNotRegistered
            | NotIssuedByBody
            | IssuedByBody
            | StatementAlreadyMadeOut
            | DuplicateStatement
            | IdempotencyKeyReused
            | DuplicateFile
            | AlreadyProposed
            | DuplicateUtilisation
            | DuplicateExchangeRate
            | UsernameTaken
            | PdfUnavailable => StatusCode::CONFLICT,
            PayloadTooLarge | FileTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            UnsupportedMediaType | UnsupportedFileType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The code as written in the envelope.
    pub fn as_str(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }
}

/// An API error: a code, a message for people, and the field at fault when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppError {
    pub code: Code,
    pub message: String,
    pub field: Option<String>,
    /// Seconds to wait, for `rate_limited`.
    pub retry_after: Option<u64>,
}

/// The envelope's inner object.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub code: Code,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// `{"error": {...}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

impl AppError {
    pub fn new(code: Code, message: impl Into<String>) -> AppError {
        AppError { code, message: message.into(), field: None, retry_after: None }
    }

    pub fn field(code: Code, field: impl Into<String>, message: impl Into<String>) -> AppError {
        AppError { field: Some(field.into()), ..AppError::new(code, message) }
    }

    /// The one "not found" answer: the same body whether the record does not exist or may not be seen.
    pub fn not_found() -> AppError {
        AppError::new(Code::NotFound, "not found")
    }

    /// An internal failure: logged once here with its detail, answered with a generic message.
    pub fn internal(detail: impl std::fmt::Display) -> AppError {
        tracing::error!(error = %detail, "internal error");
        AppError::new(Code::Internal, "an internal error occurred; it has been logged")
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.code.status();
        let body = ErrorEnvelope { error: ErrorBody { code: self.code, message: self.message, field: self.field } };
        let mut response = (status, axum::Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, AppError>;
