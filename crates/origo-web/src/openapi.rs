//! The routes and their OpenAPI 3.1 document, built together by utoipa-axum so that the document lists exactly
//! the routes served.

use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::routing::get;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ErrorEnvelope;
use crate::routes::{
    applications, audit, certificate_pdf, certificates, control_cases, cooperation, docs, document_requests,
    exchange_rates, flags, meta, proposals, registry, risk, session, statements, statistics, users, utilisation,
};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Origo API",
        description = "Registry of exporters, applications, signed certificates of origin and their verification. \
                       Errors: {\"error\": {\"code\", \"message\"}} with the codes of docs/api.md."
    ),
    components(schemas(ErrorEnvelope))
)]
struct ApiDoc;

fn parts() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(session::login, session::logout, session::me))
        .routes(routes!(session::create_token))
        .routes(routes!(users::change_password))
        .routes(routes!(users::list, users::create))
        .routes(routes!(users::get, users::update))
        .routes(routes!(users::reset_password))
        .routes(routes!(audit::list))
        .routes(routes!(audit::verify))
        .routes(routes!(registry::apply, registry::list))
        .routes(routes!(registry::get, registry::modify))
        .routes(routes!(registry::history))
        .routes(routes!(registry::decide))
        .routes(routes!(registry::revoke))
        .routes(routes!(registry::public_lookup))
        .routes(routes!(applications::create, applications::list))
        .routes(routes!(applications::get))
        .routes(routes!(applications::submit))
        .routes(routes!(applications::risk, risk::get))
        .routes(routes!(applications::examine))
        .routes(routes!(applications::second_sign))
        .routes(routes!(applications::upload_evidence))
        .routes(routes!(applications::issue))
        .routes(routes!(certificates::get))
        .routes(routes!(certificate_pdf::get))
        .routes(routes!(certificates::revoke))
        .routes(routes!(certificates::replace))
        .routes(routes!(certificates::status_list))
        .routes(routes!(certificates::public_verify))
        .routes(routes!(certificates::bulk))
        .routes(routes!(statements::make_out))
        .routes(routes!(statements::list))
        .routes(routes!(statements::check_text))
        .routes(routes!(statements::check_hash))
        .routes(routes!(cooperation::file, cooperation::list))
        .routes(routes!(cooperation::statistics))
        .routes(routes!(statistics::dashboard))
        .routes(routes!(cooperation::get))
        .routes(routes!(cooperation::document))
        .routes(routes!(cooperation::add_step))
        .routes(routes!(document_requests::list))
        .routes(routes!(document_requests::get))
        .routes(routes!(document_requests::answer))
        .routes(routes!(document_requests::document))
        .routes(routes!(cooperation::reply, cooperation::signed_reply))
        .routes(routes!(control_cases::open, control_cases::list))
        .routes(routes!(control_cases::get))
        .routes(routes!(control_cases::add_finding))
        .routes(routes!(control_cases::document))
        .routes(routes!(control_cases::propose))
        .routes(routes!(control_cases::close))
        .routes(routes!(proposals::list))
        .routes(routes!(proposals::get))
        .routes(routes!(proposals::decide))
        .routes(routes!(utilisation::record, utilisation::get))
        .routes(routes!(flags::list))
        .routes(routes!(flags::resolve))
        .routes(routes!(flags::declarations))
        .routes(routes!(flags::revoke_declaration))
        .routes(routes!(exchange_rates::list, exchange_rates::add))
        .routes(routes!(meta::health))
        .routes(routes!(meta::keys))
        .routes(routes!(meta::rotate))
        .routes(routes!(docs::page))
        .split_for_parts()
}

/// The OpenAPI document (built once).
pub fn openapi() -> Arc<utoipa::openapi::OpenApi> {
    static DOC: OnceLock<Arc<utoipa::openapi::OpenApi>> = OnceLock::new();
    DOC.get_or_init(|| {
        let (_, mut doc) = parts();
        doc.paths.paths.insert("/api/v1/openapi.json".into(), openapi_path());
        Arc::new(doc)
    })
    .clone()
}

fn openapi_path() -> utoipa::openapi::path::PathItem {
    use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
    use utoipa::openapi::response::ResponseBuilder;
    let operation = OperationBuilder::new()
        .summary(Some("This document (OpenAPI 3.1)"))
        .tag("meta")
        .response("200", ResponseBuilder::new().description("the OpenAPI document"))
        .build();
    PathItem::new(HttpMethod::Get, operation)
}

/// Every route, with `/api/v1/openapi.json` serving the document and `/api/docs/` (the page again) and
/// `/api/docs/{file}` serving Swagger UI's files.
pub fn api_router() -> Router<AppState> {
    let (router, _) = parts();
    router
        .route("/api/v1/openapi.json", get(serve_document))
        .route("/api/docs/", get(docs::page))
        .route("/api/docs/{file}", get(docs::asset))
}

async fn serve_document() -> impl axum::response::IntoResponse {
    static JSON: OnceLock<String> = OnceLock::new();
    let body = JSON.get_or_init(|| openapi().to_json().unwrap_or_default()).clone();
    ([(axum::http::header::CONTENT_TYPE, "application/json")], body)
}
