//! Administrative cooperation with importing countries (DOMAIN.md section 5): a foreign authority files a
//! verification request about a certificate bound for its country or a registered statement on origin; the
//! certifying body investigates and sends a signed reply within the scheme's reply period.
//!
//! - [`settings`]: reply periods per scheme, the reminder period, the failures that propose a REX revocation.
//! - [`deadline`]: pure date arithmetic (months added with the day clamped to the month's end).
//! - [`requests`]: filing, reading and listing (a foreign authority sees its own country's requests only).
//! - [`investigation`]: the certifier's steps, with their files and what is asked of the exporter.
//! - [`exporter_documents`]: documents asked of the exporter, as it reads and answers them and as the certifying
//!   body reads the answers.
//! - [`reply`]: the signed reply, and what "not confirmed" brings: the certificate revoked or the statement marked,
//!   the exporter's failed verification recorded, and after repeated failures a proposal to revoke its REX
//!   registration.
//! - [`deadlines`]: the sweep that raises reminders and escalations, once each.
//! - [`statistics`]: per partner country.
//! - [`record`]: an exporter's verification record, for the risk engine.

pub mod deadline;
pub mod deadlines;
pub mod exporter_documents;
pub mod investigation;
pub mod record;
pub mod reply;
pub mod requests;
pub mod settings;
pub mod statistics;

use origo_store::StoreError;
use origo_store::attachments::{EXPORTER_ANSWER, VERIFICATION_REQUEST, VERIFICATION_STEP};

pub use settings::CooperationConfig;

use crate::attachments::{MAX_FILES, UploadError};
use crate::keys::KeyError;
use crate::policy::Denied;

/// Why a cooperation workflow failed.
#[derive(Debug, thiserror::Error)]
pub enum CooperationError {
    #[error(transparent)]
    Denied(#[from] Denied),
    /// No such request (or document), or one the caller may not see.
    #[error("verification request not found")]
    NotFound,
    /// A field is wrong; `field` is its path in the request (`documents[0].media_type`).
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("the file is larger than {limit} bytes")]
    FileTooLarge { limit: usize },
    #[error("files of type `{0}` are not accepted, or the content is not of that type")]
    UnsupportedFileType(String),
    #[error("this file is already attached")]
    DuplicateFile,
    /// The documents asked of the exporter were sent already.
    #[error("the documents asked were sent already")]
    AlreadySent,
    /// The request was answered already: nothing more is recorded on it.
    #[error("the verification request is already answered")]
    AlreadyAnswered,
    #[error("the reply cannot be signed: {0}")]
    Document(String),
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<UploadError> for CooperationError {
    fn from(error: UploadError) -> CooperationError {
        match error {
            UploadError::TooMany => invalid("documents", format!("at most {MAX_FILES} documents")),
            UploadError::TooLarge { limit, .. } => CooperationError::FileTooLarge { limit },
            UploadError::UnsupportedType { media_type, .. } => CooperationError::UnsupportedFileType(media_type),
            UploadError::FileName { index } => {
                invalid(format!("documents[{index}].file_name"), "must have 1 to 255 characters")
            }
            UploadError::Duplicate { .. } => CooperationError::DuplicateFile,
        }
    }
}

impl From<StoreError> for CooperationError {
    fn from(error: StoreError) -> CooperationError {
        match error {
            StoreError::NotFound { .. } => CooperationError::NotFound,
            e if [VERIFICATION_REQUEST.unique, VERIFICATION_STEP.unique, EXPORTER_ANSWER.unique]
                .iter()
                .any(|name| e.is_unique(name)) =>
            {
                CooperationError::DuplicateFile
            }
            e @ StoreError::Conflict { .. } if is_answered_conflict(&e) => CooperationError::AlreadyAnswered,
            StoreError::Conflict { ref constraint, .. } if constraint == "exporter_document_requests_status" => {
                CooperationError::AlreadySent
            }
            e => CooperationError::Store(e),
        }
    }
}

fn is_answered_conflict(error: &StoreError) -> bool {
    matches!(error, StoreError::Conflict { constraint, .. } if constraint == "verification_requests_status")
}

pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> CooperationError {
    CooperationError::Invalid { field: field.into(), message: message.into() }
}
