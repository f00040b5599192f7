//! Documents the certifying body asks of an exporter during a verification: the exporter lists its asks, reads
//! one, answers it once with a note and its files, and downloads what it sent; the certifying body and auditors
//! read any ask (they see them on the verification request too). Nobody else, the foreign authority included.

use axum::Json;
use axum::extract::{Request, State};
use axum::response::Response;
use uuid::Uuid;

use crate::api::common::page_limit;
use crate::api::document_requests::{AnswerIn, AskListQuery, DocumentRequestOut, decode_documents};
use crate::error::{ApiResult, ErrorEnvelope};
use crate::extract::{ApiPath, ApiQuery, Auth};
use crate::routes::attachments::{body_limit, download, large_json};
use crate::state::AppState;

/// The signed-in exporter's asks: pending ones first by due day, then answered ones, newest first.
#[utoipa::path(get, path = "/api/v1/document-requests", tag = "cooperation", params(AskListQuery),
    responses((status = 200, body = Vec<DocumentRequestOut>), (status = "4XX", body = ErrorEnvelope)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<AskListQuery>,
) -> ApiResult<Json<Vec<DocumentRequestOut>>> {
    let limit = page_limit(query.limit)?;
    let asks = state.service.exporter_document_requests(&caller, limit).await?;
    Ok(Json(asks.into_iter().map(DocumentRequestOut::from).collect()))
}

/// One ask: the exporter's own; any for the certifying body and auditors.
#[utoipa::path(get, path = "/api/v1/document-requests/{id}", tag = "cooperation", params(("id" = Uuid, Path)),
    responses((status = 200, body = DocumentRequestOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn get(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<DocumentRequestOut>> {
    Ok(Json(state.service.exporter_document_request(&caller, id).await?.into()))
}

/// The exporter sends the documents asked (1 to 10 in base64, each checked like evidence files) with a note,
/// once (`409 invalid_state` the second time, or once the verification is answered).
#[utoipa::path(post, path = "/api/v1/document-requests/{id}/answer", tag = "cooperation",
    params(("id" = Uuid, Path)), request_body = AnswerIn,
    responses((status = 200, body = DocumentRequestOut), (status = "4XX", body = ErrorEnvelope)))]
pub async fn answer(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    request: Request,
) -> ApiResult<Json<DocumentRequestOut>> {
    let answer: AnswerIn = large_json(request, body_limit(&state)).await?;
    let uploads = decode_documents(answer.documents)?;
    let answered = state.service.answer_exporter_document_request(&caller, id, &answer.note, uploads).await?;
    Ok(Json(answered.into()))
}

/// A file of the answer, as an attachment of its stored type.
#[utoipa::path(get, path = "/api/v1/document-requests/{id}/documents/{document_id}", tag = "cooperation",
    params(("id" = Uuid, Path), ("document_id" = Uuid, Path)),
    responses((status = 200, description = "the document's bytes"), (status = "4XX", body = ErrorEnvelope)))]
pub async fn document(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiPath((id, document_id)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    let (record, bytes) = state.service.exporter_answer_document(&caller, id, document_id).await?;
    Ok(download(&record.file_name, &record.media_type, bytes))
}
