//! One fresh database per test (origo-testdb): a temp-file SQLite database always, and a PostgreSQL schema of its
//! own when `ORIGO_TEST_DATABASE_URL` names a server. And the in-process client: requests go
//! through the router with `tower::ServiceExt::oneshot`.

use std::future::Future;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use origo_store::Store;
use serde_json::Value;
use tower::ServiceExt;

pub use origo_testdb::{T0, tamper};

/// Runs `test` on a fresh, migrated SQLite file.
pub async fn on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    on_sqlite_with_url(|store, _| test(store)).await;
}

/// [`on_sqlite`], also giving the test the database URL (for raw SQL behind the store's back, see [`tamper`]).
pub async fn on_sqlite_with_url<F, Fut>(test: F)
where
    F: FnOnce(Store, String) -> Fut,
    Fut: Future<Output = ()>,
{
    origo_testdb::on_sqlite(|db| test(db.store, db.url)).await;
}

/// Runs `test` in a fresh PostgreSQL schema, or says it was skipped when no server is configured.
pub async fn on_postgres<F, Fut>(name: &str, test: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    on_postgres_with_url(name, |store, _| test(store)).await;
}

/// [`on_postgres`], also giving the test the database URL.
pub async fn on_postgres_with_url<F, Fut>(name: &str, test: F)
where
    F: FnOnce(Store, String) -> Fut,
    Fut: Future<Output = ()>,
{
    origo_testdb::on_postgres(name, |db| test(db.store, db.url)).await;
}

/// Declares each test once and runs it on both backends: `sqlite::name` and `postgres::name`.
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        origo_testdb::both_backends!(with crate::common::on_sqlite, crate::common::on_postgres; $($name),*);
    };
}
pub(crate) use both_backends;

/// How a request authenticates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    Anonymous,
    /// The session cookie's value.
    Cookie(String),
    /// An API token.
    Bearer(String),
}

/// An answer: status, headers and the body as JSON (`Null` when empty or not JSON).
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub bytes: Vec<u8>,
    pub json: Value,
}

impl Answer {
    /// The error code of an error answer.
    pub fn code(&self) -> &str {
        self.json["error"]["code"].as_str().unwrap_or("")
    }
}

/// Sends one request through the router.
pub async fn send(router: &Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("the body").to_bytes().to_vec();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer { status, headers, bytes, json }
}

/// A request with `credentials` and, when given, a JSON body.
pub fn request(method: Method, uri: &str, credentials: &Credentials, body: Option<&Value>) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    match credentials {
        Credentials::Anonymous => {}
        Credentials::Cookie(token) => builder = builder.header(header::COOKIE, format!("origo_session={token}")),
        Credentials::Bearer(token) => builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}")),
    }
    match body {
        Some(json) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(serde_json::to_vec(json).expect("JSON")))
            .expect("request"),
        None => builder.body(Body::empty()).expect("request"),
    }
}

/// A request with a raw body of `content_type`.
pub fn raw(method: Method, uri: &str, credentials: &Credentials, content_type: &str, body: Vec<u8>) -> Request<Body> {
    let mut request = request(method, uri, credentials, None);
    request.headers_mut().insert(header::CONTENT_TYPE, content_type.parse().expect("content type"));
    *request.body_mut() = Body::from(body);
    request
}
