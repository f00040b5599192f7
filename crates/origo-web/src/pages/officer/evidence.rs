//! `/officer/applications/{id}/evidence/{file}`: an evidence file, downloaded. It is always an attachment (never
//! shown inside the site, where an uploaded HTML or SVG file could run as the site), with the media type it was
//! stored under and `nosniff` (set by the page layer for every answer), and its name made safe for the header.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use super::PagePath;
use crate::pages::context::Signed;
use crate::pages::error::PageResult;
use crate::state::AppState;

/// `attachment` with the name: an ASCII fallback (quotes, backslashes and control characters replaced) and the
/// exact name in RFC 5987 form for clients that read it.
pub fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' { c } else { '_' })
        .collect();
    let exact: String = form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>().replace('+', "%20");
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{exact}")
}

/// `GET /officer/applications/{id}/evidence/{file}`.
pub async fn download(
    State(state): State<AppState>,
    Signed(user): Signed,
    PagePath((id, file)): PagePath<(Uuid, Uuid)>,
) -> PageResult<Response> {
    let (record, bytes) = state.service.evidence_download(&user.caller, id, file).await?;
    // The stored type was checked against the bytes on upload; anything unreadable is sent as plain bytes.
    let media = HeaderValue::from_str(&record.media_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let disposition = HeaderValue::from_str(&content_disposition(&record.file_name))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    Ok(([(header::CONTENT_TYPE, media), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response())
}

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn names_are_made_safe_for_the_header() {
        assert_eq!(
            content_disposition("invoice 7.pdf"),
            "attachment; filename=\"invoice 7.pdf\"; filename*=UTF-8''invoice%207.pdf"
        );
        let tricky = content_disposition("a\"b\r\nSet-Cookie: x.pdf");
        assert!(tricky.starts_with("attachment; filename=\"a_b__Set-Cookie: x.pdf\""), "{tricky}");
        assert!(!tricky.contains('\r') && !tricky.contains('\n'));
        assert!(content_disposition("счёт.pdf").contains("filename*=UTF-8''%D1%81%D1%87%D1%91%D1%82.pdf"));
    }
}
