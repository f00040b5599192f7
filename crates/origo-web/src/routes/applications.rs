//! Applications: create, list, read, submit, flag as high-risk, examine, second signature, evidence upload and
//! issuance of the certificate (with an `Idempotency-Key`).

use axum::Json;
use axum::body::to_bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use base64::Engine;
use origo_service::examination::Examination;
use origo_store::applications::ApplicationState;
use uuid::Uuid;

use crate::api::applications::{
    ApplicationDetail, ApplicationListQuery, ApplicationOut, EvidenceOut, EvidenceRequest, ExaminationRequest,
    ExaminationVerdict, NewApplicationRequest, RawEvidenceQuery, RiskRequest,
};
use crate::api::certificates::IssuedOut;
use crate::api::common::{Page, PageQuery};
use crate::error::{ApiResult, AppError, Code, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth, IdempotencyKey, body_rejection};
use crate::state::AppState;

/// An exporter creates an application (a draft) with its goods items and bills of materials.
#[utoipa::path(post, path = "/api/v1/applications", tag = "applications", request_body = NewApplicationRequest,
    responses((status = 201, body = ApplicationOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn create(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(request): ApiJson<NewApplicationRequest>,
) -> ApiResult<(StatusCode, Json<ApplicationOut>)> {
    let application = state.service.create_application(&caller, request.into_draft()?).await?;
    Ok((StatusCode::CREATED, Json(application.into())))
}

/// Applications, a page at a time: an exporter's own, or (officers) those in `state`.
#[utoipa::path(get, path = "/api/v1/applications", tag = "applications", params(ApplicationListQuery),
    responses((status = 200, body = Page<ApplicationOut>), (status = "4XX", body = ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<ApplicationListQuery>,
) -> ApiResult<Json<Page<ApplicationOut>>> {
    let limit = PageQuery { limit: query.limit, cursor: query.cursor }.limit()?;
    let wanted = match query.state.as_deref() {
        Some(text) => Some(
            text.parse::<ApplicationState>()
                .map_err(|_| AppError::field(Code::InvalidParameter, "state", "unknown application state"))?,
        ),
        None => None,
    };
    let fetched = state.service.applications(&caller, wanted, query.cursor, limit + 1).await?;
    Ok(Json(Page::from_fetched(fetched, limit, |a| a.id, ApplicationOut::from)))
}

/// An application with its items, materials, determinations and evidence.
#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "applications", params(("id" = Uuid, Path)),
    responses((status = 200, body = ApplicationDetail), (status = "4XX", body = ErrorEnvelope)))]
pub async fn get(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<ApplicationDetail>> {
    Ok(Json(state.service.application(&caller, id).await?.into()))
}

/// The exporter submits: origin is determined for every item and stored with the application.
#[utoipa::path(post, path = "/api/v1/applications/{id}/submit", tag = "applications", params(("id" = Uuid, Path)),
    responses((status = 200, body = ApplicationOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn submit(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<ApplicationOut>> {
    Ok(Json(state.service.submit_application(&caller, id).await?.into()))
}

/// A certifier flags (or clears) an application as high-risk: its approval then needs a second signature.
#[utoipa::path(post, path = "/api/v1/applications/{id}/risk", tag = "applications", params(("id" = Uuid, Path)),
    request_body = RiskRequest,
    responses((status = 200, body = ApplicationOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn risk(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<RiskRequest>,
) -> ApiResult<Json<ApplicationOut>> {
    Ok(Json(state.service.flag_high_risk(&caller, id, request.high_risk).await?.into()))
}

/// A certifier approves, refuses (reasons) or requests information (reasons).
#[utoipa::path(post, path = "/api/v1/applications/{id}/examination", tag = "applications",
    params(("id" = Uuid, Path)), request_body = ExaminationRequest,
    responses((status = 200, body = ApplicationOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn examine(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<ExaminationRequest>,
) -> ApiResult<Json<ApplicationOut>> {
    let decision = match request.decision {
        ExaminationVerdict::Approve => Examination::Approve,
        ExaminationVerdict::Refuse => Examination::Refuse { reasons: request.reasons },
        ExaminationVerdict::RequestInformation => Examination::RequestInformation { reasons: request.reasons },
    };
    Ok(Json(state.service.examine_application(&caller, id, decision).await?.into()))
}

/// A supervisor gives the second signature on a high-risk approval (never the examiner).
#[utoipa::path(post, path = "/api/v1/applications/{id}/second-signature", tag = "applications",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ApplicationOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn second_sign(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<ApplicationOut>> {
    Ok(Json(state.service.second_sign(&caller, id).await?.into()))
}

/// The media type of a request, without its parameters.
fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    Some(value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
}

/// Attaches an evidence file: either JSON (`file_name`, `media_type`, `content_base64`) or the raw bytes with
/// their `Content-Type` and `?file_name=`.
#[utoipa::path(post, path = "/api/v1/applications/{id}/evidence", tag = "applications",
    params(("id" = Uuid, Path), ("file_name" = Option<String>, Query, description = "with a raw body")),
    request_body(content(
        (EvidenceRequest = "application/json"),
        (Vec<u8> = "application/pdf"), (Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"),
        (Vec<u8> = "application/xml"), (String = "text/plain"))),
    responses((status = 201, body = EvidenceOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn upload_evidence(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    request: Request,
) -> ApiResult<(StatusCode, Json<EvidenceOut>)> {
    let limit = state.service.config().max_evidence_bytes;
    let Some(media) = media_type(request.headers()) else {
        return Err(AppError::new(Code::UnsupportedMediaType, "a Content-Type is required"));
    };
    let query = request.uri().query().map(str::to_owned);
    // Base64 makes a file a third larger; the JSON wrapper adds a little.
    let json_limit = limit / 3 * 4 + 4096;
    let read_limit = if media == "application/json" { json_limit } else { limit + 1 };
    let bytes = to_bytes(request.into_body(), read_limit)
        .await
        .map_err(|e| body_rejection(StatusCode::PAYLOAD_TOO_LARGE, e.to_string()))?;
    let (file_name, media_type, content) = if media == "application/json" {
        let upload: EvidenceRequest = serde_json::from_slice(&bytes).map_err(|e| {
            let code = if e.is_syntax() || e.is_eof() {
                Code::MalformedJson
            } else if e.to_string().contains("unknown field") {
                Code::UnknownField
            } else {
                Code::InvalidRequest
            };
            AppError::new(code, e.to_string())
        })?;
        let content = base64::engine::general_purpose::STANDARD
            .decode(upload.content_base64.as_bytes())
            .map_err(|_| AppError::field(Code::ValidationFailed, "content_base64", "not standard base64"))?;
        (upload.file_name, upload.media_type, content)
    } else {
        let raw: RawEvidenceQuery = serde_urlencoded_query(query.as_deref())?;
        (raw.file_name, media, bytes.to_vec())
    };
    let file = state.service.add_evidence(&caller, id, &file_name, &media_type, content).await?;
    Ok((StatusCode::CREATED, Json(file.into())))
}

fn serde_urlencoded_query(query: Option<&str>) -> Result<RawEvidenceQuery, AppError> {
    let uri: axum::http::Uri = format!("/?{}", query.unwrap_or_default())
        .parse()
        .map_err(|_| AppError::new(Code::InvalidParameter, "malformed query"))?;
    axum::extract::Query::<RawEvidenceQuery>::try_from_uri(&uri)
        .map(|q| q.0)
        .map_err(|_| AppError::field(Code::InvalidParameter, "file_name", "a raw upload needs ?file_name="))
}

/// A certifier issues the certificate of an approved application. With an `Idempotency-Key`, a retry returns the
/// certificate already issued (without the security code) instead of a second one.
#[utoipa::path(post, path = "/api/v1/applications/{id}/certificate", tag = "certificates",
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = IssuedOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn issue(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    IdempotencyKey(key): IdempotencyKey,
) -> ApiResult<(StatusCode, Json<IssuedOut>)> {
    let issued = state.service.issue_certificate(&caller, id, key.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(issued.into())))
}
