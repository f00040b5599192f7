//! Extractors for page handlers whose rejections are pages: a malformed query or form is the translated
//! "bad request" page, never axum's plain-text rejection. (The CSRF token has been checked by the page layer
//! before a form reaches these; form structs simply ignore the `csrf_token` field.)

use axum::extract::{Form, FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::error::{Failure, PageError};

/// `?done=...`: what a form just did, named on the page it redirects to (each page maps the value to its message).
#[derive(Debug, Default, serde::Deserialize)]
pub struct DoneQuery {
    #[serde(default)]
    pub done: String,
}

/// A query string read into `T`.
#[derive(Debug)]
pub struct PageQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for PageQuery<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PageError> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(PageQuery(value)),
            Err(_) => Err(PageError::new(Failure::BadRequest)),
        }
    }
}

/// An urlencoded form body read into `T`.
#[derive(Debug)]
pub struct PageForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for PageForm<T> {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &S) -> Result<Self, PageError> {
        match Form::<T>::from_request(request, state).await {
            Ok(Form(value)) => Ok(PageForm(value)),
            Err(rejection) if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(PageError::new(Failure::TooLarge))
            }
            Err(_) => Err(PageError::new(Failure::BadRequest)),
        }
    }
}
