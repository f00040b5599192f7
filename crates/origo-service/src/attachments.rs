//! The one check of attached documents (a foreign authority's, a control finding's, an investigation step's, an
//! exporter's answer): each file at most the configured evidence size, of an accepted evidence type whose content
//! matches it, with a name of 1 to 255 characters; no file twice in one upload; at most [`MAX_FILES`] at once.
//! Each workflow turns an [`UploadError`] into its own error, with the field named as its API names it
//! (`documents[1].file_name`).

use origo_store::attachments::NewAttachment;

use crate::intake::EVIDENCE_TYPES;
use crate::service::Service;

/// The most files one upload may carry.
pub const MAX_FILES: usize = 10;

/// A file as uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub file_name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// Why an upload was refused; `index` is the file's position in the upload.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    #[error("at most {MAX_FILES} files")]
    TooMany,
    #[error("documents[{index}]: the file is larger than {limit} bytes")]
    TooLarge { index: usize, limit: usize },
    #[error("documents[{index}]: files of type `{media_type}` are not accepted, or the content is not of that type")]
    UnsupportedType { index: usize, media_type: String },
    #[error("documents[{index}].file_name: must have 1 to 255 characters")]
    FileName { index: usize },
    #[error("documents[{index}]: the same file is given twice")]
    Duplicate { index: usize },
}

impl UploadError {
    /// The file at fault, when one is.
    pub fn index(&self) -> Option<usize> {
        match self {
            UploadError::TooMany => None,
            UploadError::TooLarge { index, .. }
            | UploadError::UnsupportedType { index, .. }
            | UploadError::FileName { index }
            | UploadError::Duplicate { index } => Some(*index),
        }
    }
}

/// Whether `bytes` are of `media_type`, one of the accepted evidence types (text must be UTF-8; the others start
/// with their signature).
pub fn content_matches(media_type: &str, bytes: &[u8]) -> bool {
    match EVIDENCE_TYPES.iter().find(|(t, _)| *t == media_type).map(|(_, m)| *m) {
        Some(b"") => std::str::from_utf8(bytes).is_ok(),
        Some(magic) => bytes.starts_with(magic),
        None => false,
    }
}

/// Checks one file (at `index` in its upload) against `limit` bytes, and gives it as the store keeps it (the name
/// trimmed).
pub fn check_file(index: usize, upload: Upload, limit: usize) -> Result<NewAttachment, UploadError> {
    if upload.bytes.len() > limit {
        return Err(UploadError::TooLarge { index, limit });
    }
    if !content_matches(&upload.media_type, &upload.bytes) {
        return Err(UploadError::UnsupportedType { index, media_type: upload.media_type });
    }
    let name = upload.file_name.trim();
    if name.is_empty() || name.len() > 255 {
        return Err(UploadError::FileName { index });
    }
    Ok(NewAttachment { file_name: name.to_owned(), media_type: upload.media_type, bytes: upload.bytes })
}

/// Checks every file of an upload, before anything is written.
pub fn check_files(uploads: Vec<Upload>, limit: usize) -> Result<Vec<NewAttachment>, UploadError> {
    if uploads.len() > MAX_FILES {
        return Err(UploadError::TooMany);
    }
    let mut checked: Vec<NewAttachment> = Vec::with_capacity(uploads.len());
    for (index, upload) in uploads.into_iter().enumerate() {
        let file = check_file(index, upload, limit)?;
        if checked.iter().any(|earlier| earlier.bytes == file.bytes) {
            return Err(UploadError::Duplicate { index });
        }
        checked.push(file);
    }
    Ok(checked)
}

impl Service {
    /// [`check_files`] against the configured evidence size.
    pub(crate) fn checked_uploads(&self, uploads: Vec<Upload>) -> Result<Vec<NewAttachment>, UploadError> {
        check_files(uploads, self.config.max_evidence_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(name: &str, media_type: &str, bytes: &[u8]) -> Upload {
        Upload { file_name: name.into(), media_type: media_type.into(), bytes: bytes.to_vec() }
    }

    #[test]
    fn each_file_is_checked_and_named_by_its_position() {
        let pdf = upload(" report.pdf ", "application/pdf", b"%PDF-1.7 report");
        let checked = check_files(vec![pdf.clone()], 100).unwrap();
        assert_eq!(checked[0].file_name, "report.pdf");
        let big = upload("big.pdf", "application/pdf", b"%PDF-1.7 far too long for the limit");
        assert_eq!(check_files(vec![pdf.clone(), big], 20), Err(UploadError::TooLarge { index: 1, limit: 20 }));
        let fake = upload("fake.pdf", "application/pdf", b"MZ not a pdf");
        assert!(matches!(check_files(vec![fake], 100), Err(UploadError::UnsupportedType { index: 0, .. })));
        let exe = upload("a.exe", "application/x-msdownload", b"MZ");
        assert!(matches!(check_files(vec![exe], 100), Err(UploadError::UnsupportedType { index: 0, .. })));
        let nameless = upload("  ", "text/plain", b"minutes");
        assert_eq!(check_files(vec![nameless], 100), Err(UploadError::FileName { index: 0 }));
        let again = upload("copy.pdf", "application/pdf", b"%PDF-1.7 report");
        assert_eq!(check_files(vec![pdf.clone(), again], 100), Err(UploadError::Duplicate { index: 1 }));
        assert_eq!(check_files(vec![pdf; MAX_FILES + 1], 100), Err(UploadError::TooMany));
        let not_utf8 = upload("notes.txt", "text/plain", &[0xff, 0xfe]);
        assert!(matches!(check_files(vec![not_utf8], 100), Err(UploadError::UnsupportedType { .. })));
    }
}
