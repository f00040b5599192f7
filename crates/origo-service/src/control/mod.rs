//! Post-clearance control and what follows certificates after clearance (DOMAIN.md sections 1 and 5):
//!
//! - [`cases`]: national customs opens a control case on a certificate or an exporter, records findings with
//!   documents and closes it; customs reads, never issues or revokes.
//! - [`proposals`]: customs proposes revoking a certificate or a REX registration; only the certifying body
//!   (certifier, supervisor) decides, with reasons, and an accepted proposal revokes in the same transaction.
//! - [`utilisation`]: the importing country's authority records how much of each goods item was cleared; over-use
//!   and use in a second country raise flags in the same transaction.
//! - [`supplier_declarations`]: the certifying body revokes a supplier declaration; every valid certificate and
//!   pending application that relied on it is flagged in the same transaction.
//! - [`flags`]: the flags for officers (list, resolve with a note) and the counts the risk engine reads.
//!
//! One error enum, [`ControlError`], for the whole module.

pub mod cases;
pub mod flags;
pub mod proposals;
pub mod supplier_declarations;
pub mod utilisation;

use origo_store::attachments::CONTROL_FINDING;
use origo_store::{ConflictKind, StoreError};

use crate::attachments::{MAX_FILES, UploadError};
use crate::policy::Denied;

/// The longest free text accepted (grounds, findings, reasons, notes), in characters.
pub const MAX_TEXT: usize = 4000;

/// Why a control, proposal, utilisation, flag or supplier-declaration operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    #[error(transparent)]
    Denied(#[from] Denied),
    /// A field of the request is wrong; `field` is its name in the request.
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: String },
    /// A decision, revocation or resolution without its reasons; `field` names the text that is missing.
    #[error("{field} are required")]
    ReasonsRequired { field: &'static str },
    /// No such record, or one the caller may not see.
    #[error("not found")]
    NotFound,
    /// The record is not in a state that allows this (a closed case, a decided proposal, a revoked target).
    #[error("{0}")]
    InvalidState(String),
    /// The target already has an undecided revocation proposal.
    #[error("an undecided revocation proposal for this target exists already")]
    AlreadyProposed,
    /// The same customs declaration is already recorded for this item.
    #[error("this customs declaration is already recorded for this item")]
    DuplicateUtilisation,
    /// The same document is already attached to the case.
    #[error("this document is already attached to the case")]
    DuplicateFile,
    #[error("the file is larger than {limit} bytes")]
    FileTooLarge { limit: usize },
    #[error("files of type `{0}` are not accepted, or the content is not of that type")]
    UnsupportedFileType(String),
    #[error(transparent)]
    Store(StoreError),
}

impl From<UploadError> for ControlError {
    fn from(error: UploadError) -> ControlError {
        match error {
            UploadError::TooMany => {
                let message = format!("at most {MAX_FILES} documents per finding");
                ControlError::Invalid { field: "documents", message }
            }
            UploadError::TooLarge { limit, .. } => ControlError::FileTooLarge { limit },
            UploadError::UnsupportedType { media_type, .. } => ControlError::UnsupportedFileType(media_type),
            UploadError::FileName { .. } => {
                ControlError::Invalid { field: "file_name", message: "must have 1 to 255 characters".into() }
            }
            UploadError::Duplicate { .. } => ControlError::DuplicateFile,
        }
    }
}

impl From<StoreError> for ControlError {
    fn from(error: StoreError) -> ControlError {
        match error {
            StoreError::NotFound { .. } => ControlError::NotFound,
            e if e.is_unique("revocation_proposals_target_kind_target_id_key") => ControlError::AlreadyProposed,
            e if e.is_unique("utilisations_certificate_id_item_no_declaration_ref_key") => {
                ControlError::DuplicateUtilisation
            }
            e if e.is_unique(CONTROL_FINDING.unique) => ControlError::DuplicateFile,
            StoreError::Conflict { kind: ConflictKind::Stale, constraint } => {
                ControlError::InvalidState(format!("the record was changed meanwhile ({constraint})"))
            }
            e => ControlError::Store(e),
        }
    }
}

/// A required free text, trimmed: empty is `ReasonsRequired` (for reasons) or `Invalid`, too long is `Invalid`.
pub(crate) fn required_text(field: &'static str, text: &str, reasons: bool) -> Result<String, ControlError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(if reasons {
            ControlError::ReasonsRequired { field }
        } else {
            ControlError::Invalid { field, message: "must not be empty".into() }
        });
    }
    if text.chars().count() > MAX_TEXT {
        return Err(ControlError::Invalid { field, message: format!("must have at most {MAX_TEXT} characters") });
    }
    Ok(text.to_owned())
}

/// Answers a record the caller may not see exactly like one that does not exist.
pub(crate) fn hide(denied: Denied) -> ControlError {
    match denied {
        Denied::NotVisible => ControlError::NotFound,
        other => ControlError::Denied(other),
    }
}
