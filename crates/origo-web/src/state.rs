//! What every handler shares: the service (cheap to clone, no state of its own), the web settings and the
//! public-verification rate limiter — the only in-process state, per process by design.

use std::sync::Arc;

use origo_service::Service;

use crate::pages::csrf::PageKey;
use crate::rate_limit::{RateLimiter, RateSettings};

/// Settings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Mark the session cookie `Secure` (set when the server is reached over HTTPS, e.g. behind a proxy).
    pub secure_cookies: bool,
    /// The largest JSON body accepted (bytes).
    pub json_body_limit: usize,
    /// The public certificate check's rate limit per client IP.
    pub public_rate: RateSettings,
    /// Signs the pages' anonymous CSRF tokens (the login form). Random per process unless set: servers behind one
    /// address should share one (`PageKey::from_secret`).
    pub page_key: PageKey,
}

impl Default for WebSettings {
    fn default() -> WebSettings {
        WebSettings {
            secure_cookies: false,
            json_body_limit: 1024 * 1024,
            public_rate: RateSettings::default(),
            page_key: PageKey::random(),
        }
    }
}

/// The router's state.
#[derive(Clone)]
pub struct AppState {
    pub service: Service,
    pub settings: Arc<WebSettings>,
    pub limiter: Arc<RateLimiter>,
}

impl AppState {
    pub fn new(service: Service, settings: WebSettings) -> AppState {
        let limiter = Arc::new(RateLimiter::new(settings.public_rate));
        AppState { service, settings: Arc::new(settings), limiter }
    }
}
