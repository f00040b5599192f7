//! Answering with a rendered template: the status is the caller's, the body HTML. (askama_web's `WebTemplate`
//! answers 200 only; pages need 401, 403, 429 ... with the same templates, so this small helper does it.)

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// `page` rendered, with `status`. A template that fails to render (it cannot, short of a bug in a value's
/// `Display`) is logged and answered with a plain 500.
pub fn html<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(body) => (status, [(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"))], body)
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "a page template failed to render");
            let plain = [(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"))];
            (StatusCode::INTERNAL_SERVER_ERROR, plain, "internal error").into_response()
        }
    }
}

/// `page` rendered with 200.
pub fn ok<T: Template>(page: &T) -> Response {
    html(StatusCode::OK, page)
}
