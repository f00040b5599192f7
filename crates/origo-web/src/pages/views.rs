//! Templates shared by every page: the error page. (Each page's own template struct lives with its handler.)

use askama::Template;

use super::context::PageCtx;

/// A translated error page (403, 404, 429 ...), in the layout.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub ctx: PageCtx,
    pub title: &'static str,
    pub message: String,
}
