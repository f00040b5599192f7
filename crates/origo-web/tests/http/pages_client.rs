//! A browser's part for the page tests: GET and form POST requests with cookies and headers through the router,
//! and what a browser reads back (status, headers, cookies set, the HTML, the form's CSRF token).

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::common::Credentials;

/// A page as the browser got it.
#[derive(Debug)]
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
    }

    /// The whole `Set-Cookie` header that sets `name`.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        let prefix = format!("{name}=");
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.starts_with(&prefix))
    }

    /// The value the page sets for cookie `name`.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let set = self.set_cookie(name)?;
        Some(set.split(';').next().unwrap()[name.len() + 1..].to_owned())
    }

    /// The value of the first hidden `csrf_token` field.
    pub fn csrf_field(&self) -> Option<String> {
        let marker = "name=\"csrf_token\" value=\"";
        let at = self.body.find(marker)? + marker.len();
        Some(self.body[at..at + self.body[at..].find('"')?].to_owned())
    }

    pub fn location(&self) -> &str {
        self.header("location")
    }
}

/// The session cookie of `who` as a cookie pair.
pub fn session(who: &Credentials) -> (&'static str, String) {
    match who {
        Credentials::Cookie(token) => ("origo_session", token.clone()),
        other => panic!("no session for {other:?}"),
    }
}

fn cookie_header(cookies: &[(&str, String)]) -> String {
    cookies.iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join("; ")
}

async fn send(router: &Router, request: Request<Body>) -> Page {
    let response = router.clone().oneshot(request).await.expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let mut bytes = response.into_body().collect().await.expect("the body").to_bytes().to_vec();
    // What a browser does with a gzip-compressed answer (the static files).
    if headers.get("content-encoding").is_some_and(|v| v == "gzip") {
        let mut unpacked = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes.as_slice()), &mut unpacked).expect("gzip");
        bytes = unpacked;
    }
    Page { status, headers, body: String::from_utf8(bytes).expect("UTF-8 HTML") }
}

/// `GET uri` with `cookies` and extra `headers`.
pub async fn get(router: &Router, uri: &str, cookies: &[(&str, String)], headers: &[(&str, &str)]) -> Page {
    let mut builder = Request::builder().method(Method::GET).uri(uri);
    if !cookies.is_empty() {
        builder = builder.header(header::COOKIE, cookie_header(cookies));
    }
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    send(router, builder.body(Body::empty()).unwrap()).await
}

/// `POST uri` with an urlencoded form and `cookies`.
/// One part of a multipart body: a field, or a file with its input's name, file name and media type.
pub enum Part<'a> {
    Field(&'a str, &'a str),
    File { name: &'a str, file_name: &'a str, media_type: &'a str, bytes: &'a [u8] },
}

/// A file of a form's `documents` input: file name, media type, bytes.
pub type File<'a> = (&'a str, &'a str, &'a [u8]);

/// `POST uri` as `multipart/form-data`, as a browser sends a form with a file input.
pub async fn post_multipart(router: &Router, uri: &str, cookies: &[(&str, String)], parts: &[Part<'_>]) -> Page {
    let boundary = "----OrigoTestBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match part {
            Part::Field(name, value) => {
                body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes());
                body.extend_from_slice(value.as_bytes());
            }
            Part::File { name, file_name, media_type, bytes } => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
                         Content-Type: {media_type}\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let mut builder = Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"));
    if !cookies.is_empty() {
        builder = builder.header(header::COOKIE, cookie_header(cookies));
    }
    send(router, builder.body(Body::from(body)).unwrap()).await
}

/// A form of text fields and files in its `documents` input (verification requests, control findings, answers to
/// the certifying body's asks).
pub async fn post_documents(
    router: &Router,
    uri: &str,
    cookies: &[(&str, String)],
    fields: &[(&str, &str)],
    files: &[File<'_>],
) -> Page {
    let mut parts: Vec<Part<'_>> = fields.iter().map(|&(name, value)| Part::Field(name, value)).collect();
    parts.extend(files.iter().map(|&(file_name, media_type, bytes)| Part::File {
        name: "documents",
        file_name,
        media_type,
        bytes,
    }));
    post_multipart(router, uri, cookies, &parts).await
}

pub async fn post_form(router: &Router, uri: &str, cookies: &[(&str, String)], form: &[(&str, &str)]) -> Page {
    let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
    let mut builder = Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if !cookies.is_empty() {
        builder = builder.header(header::COOKIE, cookie_header(cookies));
    }
    send(router, builder.body(Body::from(body)).unwrap()).await
}
