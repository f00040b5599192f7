//! Swagger UI at `/api/docs`: an HTML page naming only local files, those files with their media types, a
//! Content-Security-Policy that allows this origin only, and nothing else served from the vendored release.

use axum::Router;
use axum::http::{Method, StatusCode, header};
use origo_service::{Clock, Config, Service};
use origo_web::WebSettings;

use crate::common::{Answer, Credentials, T0, both_backends, request, send};

async fn router(store: origo_store::Store) -> Router {
    let service = Service::start(store, Config::default(), Clock::fixed(T0)).await.unwrap();
    origo_web::router(service, WebSettings::default())
}

async fn get(router: &Router, uri: &str) -> Answer {
    send(router, request(Method::GET, uri, &Credentials::Anonymous, None)).await
}

fn header_of(answer: &Answer, name: header::HeaderName) -> &str {
    answer.headers.get(&name).map(|v| v.to_str().unwrap()).unwrap_or("")
}

/// The values of every `src="..."` and `href="..."` in `html`.
fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["src=\"", "href=\""] {
        for (at, _) in html.match_indices(attribute) {
            let rest = &html[at + attribute.len()..];
            found.push(rest[..rest.find('"').unwrap()].to_owned());
        }
    }
    found
}

fn assert_policy(answer: &Answer, uri: &str) {
    let policy = header_of(answer, header::CONTENT_SECURITY_POLICY);
    for directive in ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'"] {
        assert!(policy.contains(directive), "{uri}: {directive} missing from {policy:?}");
    }
    assert!(!policy.contains("unsafe") && !policy.contains("http"), "{uri}: {policy}");
    assert_eq!(header_of(answer, header::X_CONTENT_TYPE_OPTIONS), "nosniff", "{uri}");
}

async fn the_docs_page_refers_to_local_files_only(store: origo_store::Store) {
    let router = router(store).await;
    let page = get(&router, "/api/docs").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(header_of(&page, header::CONTENT_TYPE).starts_with("text/html"), "{:?}", page.headers);
    assert_policy(&page, "/api/docs");
    let html = String::from_utf8(page.bytes.clone()).unwrap();
    assert!(html.contains("<div id=\"swagger-ui\">"), "{html}");
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("//cdn"), "{html}");
    assert!(!html.contains("<style") && !html.contains("style=") && !html.contains("<script>"), "no inline code");
    let files = references(&html);
    assert!(files.len() >= 5, "{files:?}");
    for file in &files {
        assert!(file.starts_with("/api/docs/"), "{file} is not one of the page's own files");
    }
    let again = get(&router, "/api/docs/").await;
    assert_eq!((again.status, again.bytes), (StatusCode::OK, page.bytes));

    for file in &files {
        let answer = get(&router, file).await;
        assert_eq!(answer.status, StatusCode::OK, "{file}");
        let media_type = header_of(&answer, header::CONTENT_TYPE);
        let expected = match file.rsplit('.').next().unwrap() {
            "css" => "text/css",
            "js" => "text/javascript",
            "png" => "image/png",
            other => panic!("{file}: unexpected kind {other}"),
        };
        assert!(media_type.starts_with(expected), "{file}: {media_type}");
        assert!(!answer.bytes.is_empty(), "{file}");
        assert_policy(&answer, file);
        if expected == "image/png" {
            assert!(answer.bytes.starts_with(b"\x89PNG"), "{file}");
        }
    }
}

async fn swagger_ui_reads_this_apis_document_and_nothing_else_is_served(store: origo_store::Store) {
    let router = router(store).await;
    let initializer = get(&router, "/api/docs/swagger-initializer.js").await;
    let script = String::from_utf8(initializer.bytes).unwrap();
    assert!(script.contains("\"url\": \"/api/v1/openapi.json\""), "{script}");
    assert!(script.contains("\"validatorUrl\": \"none\""), "no online validator: {script}");
    assert!(!script.contains("http://") && !script.contains("https://"), "{script}");
    let bundle = get(&router, "/api/docs/swagger-ui-bundle.js").await;
    assert!(String::from_utf8_lossy(&bundle.bytes).contains("SwaggerUIBundle"));

    // Only the files the page uses: not the release's own index page, nor anything outside it.
    for uri in [
        "/api/docs/index.html",
        "/api/docs/oauth2-redirect.html",
        "/api/docs/swagger-ui.js.map",
        "/api/docs/..%2FCargo.toml",
        "/api/docs/nothing.css",
    ] {
        let answer = get(&router, uri).await;
        assert_eq!((answer.status, answer.code()), (StatusCode::NOT_FOUND, "not_found"), "{uri}");
    }
    let post = send(&router, request(Method::POST, "/api/docs", &Credentials::Anonymous, None)).await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);

    let doc = get(&router, "/api/v1/openapi.json").await;
    assert!(doc.json["paths"]["/api/docs"]["get"].is_object(), "the page is in the OpenAPI document");
}

both_backends!(
    the_docs_page_refers_to_local_files_only,
    swagger_ui_reads_this_apis_document_and_nothing_else_is_served
);
