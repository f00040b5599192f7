//! Origo's HTTP layer, the only crate that knows HTTP: the JSON API under `/api/v1` (shapes in [`api`], separate
//! from the domain types), its OpenAPI 3.1 document, the published key set, and one error envelope with stable
//! codes ([`error`]). Authorization is the service's; this crate authenticates (session cookie or bearer token),
//! translates and maps errors.
//!
//! The server-rendered pages ([`pages`]) are served beside the API by the same router, on the same sessions.
//!
//! The router holds no state besides the service and the public check's rate limiter, which is per process by
//! design: several `origo serve` processes can share one PostgreSQL database.
#![forbid(unsafe_code)]

pub mod api;
pub mod error;
mod error_map;
pub mod extract;
mod openapi;
pub mod pages;
pub mod rate_limit;
pub mod routes;
pub mod state;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use origo_service::Service;
use tower_http::trace::TraceLayer;

pub use error::{AppError, Code};
pub use openapi::openapi;
pub use rate_limit::RateSettings;
pub use state::{AppState, WebSettings};

/// The whole application: every route, the body limit, request tracing.
pub fn router(service: Service, settings: WebSettings) -> Router {
    let state = AppState::new(service, settings);
    let body_limit = state.settings.json_body_limit;
    openapi::api_router()
        .merge(pages::router())
        // An unknown API path gets the API's JSON 404; any other path the translated 404 page.
        .fallback(pages::fallback)
        .method_not_allowed_fallback(|| async {
            AppError::new(Code::MethodNotAllowed, "this route does not take this method")
        })
        // The pages' language, session, CSRF check, error pages and headers; API paths pass through untouched.
        .layer(axum::middleware::from_fn_with_state(state.clone(), pages::layer))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves `router` on `listener` until `shutdown` completes, with each connection's address available to the
/// handlers (the public check's rate limit is per client IP).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service).with_graceful_shutdown(shutdown).await
}
