//! What every page with attached documents shares: the files chosen in a form's file input (empty inputs
//! dropped, the media type taken from the browser or, when it says nothing useful, from the name), a stored file
//! answered as an attachment of its stored type, and a file's row in a list (link, name, size, SHA-256). The
//! checks of the files themselves are the service's (origo-service `attachments.rs`).

use axum::response::Response;
use origo_service::attachments::{Upload, content_matches};
use origo_store::attachments::Attachment;

use crate::pages::context::PageCtx;
use crate::pages::exporter::application::media_type_of;
use crate::pages::exporter::fields::Fields;

/// The files chosen in the inputs named `name`, in the order sent.
pub fn uploads(fields: &Fields, name: &str) -> Vec<Upload> {
    fields
        .uploads
        .iter()
        .filter(|u| u.name == name && (!u.bytes.is_empty() || !u.file_name.is_empty()))
        .map(|u| Upload {
            file_name: u.file_name.clone(),
            media_type: media_type_of(&u.media_type, &u.file_name),
            bytes: u.bytes.clone(),
        })
        .collect()
}

/// The name of the first file refused for its size or type (the service names the reason, not the file).
pub fn refused_file(files: &[Upload], limit: usize) -> Option<&str> {
    files
        .iter()
        .find(|f| f.bytes.len() > limit || !content_matches(&f.media_type, &f.bytes))
        .map(|f| f.file_name.as_str())
}

/// A stored file as an attachment of its stored type.
pub fn download(file_name: &str, media_type: &str, bytes: Vec<u8>) -> Response {
    crate::routes::attachments::download(file_name, media_type, bytes)
}

/// A file in a list.
#[derive(Debug, Clone)]
pub struct FileRow {
    pub href: String,
    pub file_name: String,
    pub size: String,
    pub sha256: String,
}

impl FileRow {
    /// The row of `file`, downloaded under `base` (`/cooperation/requests/{id}/documents`).
    pub fn of(ctx: &PageCtx, base: &str, file: &Attachment) -> FileRow {
        FileRow {
            href: format!("{base}/{}", file.id),
            file_name: file.file_name.clone(),
            size: ctx.t_with("officer.bytes", &[("count", &ctx.integer(u64::try_from(file.size_bytes).unwrap_or(0)))]),
            sha256: file.sha256.clone(),
        }
    }
}
