//! `GET /api/v1/certificates/{id}/pdf?lang=uz|ru|en`: the certificate as its A4 PDF, for the exporter it was
//! issued to and the certifying body (it prints the security code; who may see it is the service's policy). The
//! pages' downloads (`/exporter/certificates/{id}/certificate.pdf`, `/officer/certificates/{id}/certificate.pdf`)
//! answer with [`pdf_response`] too.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use origo_service::certificate_pdf::{CertificatePdf, PdfLanguage};
use serde::Deserialize;
use uuid::Uuid;

use crate::error::{ApiResult, AppError, Code, ErrorEnvelope};
use crate::extract::{ApiPath, ApiQuery, Auth};
use crate::state::AppState;

/// `?lang=` of the PDF.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PdfQuery {
    /// The language of the labels and statements: `uz` (the default), `ru` or `en`; Uzbek and Russian are printed
    /// with English beside them.
    pub lang: Option<String>,
}

/// `uz`, `ru` or `en` (any case) as the PDF's language.
pub fn pdf_language(code: &str) -> Option<PdfLanguage> {
    match code.trim().to_ascii_lowercase().as_str() {
        "uz" => Some(PdfLanguage::Uz),
        "ru" => Some(PdfLanguage::Ru),
        "en" => Some(PdfLanguage::En),
        _ => None,
    }
}

/// The PDF as a download named after the certificate's number (`UZ-2026-000001.pdf`).
pub fn pdf_response(pdf: CertificatePdf) -> Response {
    let stem: String = pdf.number.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let mut response = pdf.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{stem}.pdf\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The certificate as a PDF with its security code, the verification link and the signed payload as QR codes,
/// and the status banner of a certificate no longer valid. `409 pdf_unavailable` for a certificate whose security
/// code was not kept (issued before codes were kept, or without a key-encryption key).
#[utoipa::path(get, path = "/api/v1/certificates/{id}/pdf", tag = "certificates",
    params(("id" = Uuid, Path), PdfQuery),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>, description = "the certificate's PDF"),
        (status = "4XX", body = ErrorEnvelope)))]
pub async fn get(
    axum::extract::State(state): axum::extract::State<AppState>,
    Auth(caller): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<PdfQuery>,
) -> ApiResult<Response> {
    let language = match query.lang.as_deref() {
        None => PdfLanguage::Uz,
        Some(code) => pdf_language(code)
            .ok_or_else(|| AppError::field(Code::InvalidParameter, "lang", "lang: expected uz, ru or en"))?,
    };
    Ok(pdf_response(state.service.certificate_pdf(&caller, id, language).await?))
}
