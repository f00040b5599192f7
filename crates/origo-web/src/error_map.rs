//! Every service error, mapped to its API code. One `From` per workflow error enum, each match exhaustive, so a
//! new service error does not compile until it has a code.

use origo_service::application::TransitionError;
use origo_service::audit_read::AuditReadError;
use origo_service::auth::AuthError;
use origo_service::buyer_copy::BuyerCopyError;
use origo_service::certificate_pdf::PdfError;
use origo_service::configuration::ConfigurationError;
use origo_service::control::ControlError;
use origo_service::cooperation::CooperationError;
use origo_service::dashboard::DashboardError;
use origo_service::examination::ExamineError;
use origo_service::exchange_rates::ExchangeRateError;
use origo_service::intake::IntakeError;
use origo_service::issuance::IssueError;
use origo_service::keys::KeyError;
use origo_service::policy::Denied;
use origo_service::registry::RegistryError;
use origo_service::replacement::ReplaceError;
use origo_service::rex::RexError;
use origo_service::statements::StatementError;
use origo_service::users::UserError;
use origo_service::verification::CertificateError;
use origo_store::{ConflictKind, StoreError};

use crate::error::{AppError, Code};

impl From<Denied> for AppError {
    fn from(denied: Denied) -> AppError {
        match denied {
            Denied::Role { .. } => AppError::new(Code::Forbidden, denied.to_string()),
            // Answered exactly like a record that does not exist: no enumeration.
            Denied::NotVisible => AppError::not_found(),
            Denied::SameOfficer => AppError::new(Code::SameOfficer, denied.to_string()),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        match &error {
            StoreError::NotFound { .. } => AppError::not_found(),
            StoreError::Conflict { kind: ConflictKind::Stale, .. } => {
                AppError::new(Code::VersionConflict, "the record was changed meanwhile; reload and try again")
            }
            StoreError::Conflict { .. } | StoreError::Database(_) => AppError::internal(error),
        }
    }
}

impl From<TransitionError> for AppError {
    fn from(error: TransitionError) -> AppError {
        match error {
            TransitionError::NotNow { .. } => AppError::new(Code::InvalidState, error.to_string()),
            TransitionError::ReasonsRequired { .. } => {
                AppError::field(Code::ReasonsRequired, "reasons", error.to_string())
            }
        }
    }
}

impl From<RexError> for AppError {
    fn from(error: RexError) -> AppError {
        let field = match error {
            RexError::Malformed(_) => "rex_number",
            RexError::BadTin(_) => "tin",
        };
        AppError::field(Code::ValidationFailed, field, error.to_string())
    }
}

impl From<AuthError> for AppError {
    fn from(error: AuthError) -> AppError {
        match error {
            AuthError::InvalidCredentials => AppError::new(Code::InvalidCredentials, error.to_string()),
            AuthError::Unauthenticated => AppError::new(Code::Unauthenticated, error.to_string()),
            AuthError::LockedOut { wait_seconds, .. } => {
                let mut locked = AppError::new(
                    Code::RateLimited,
                    "too many failed sign-ins for this username or from this address; try again later",
                );
                locked.retry_after = Some(wait_seconds.max(1));
                locked
            }
            AuthError::InvalidUser(message) => AppError::new(Code::ValidationFailed, message),
            AuthError::UsernameTaken => AppError::field(Code::UsernameTaken, "username", error.to_string()),
            AuthError::Denied(denied) => denied.into(),
            AuthError::Hashing => AppError::internal(error),
            AuthError::Store(store) => store.into(),
        }
    }
}

impl From<RegistryError> for AppError {
    fn from(error: RegistryError) -> AppError {
        match error {
            RegistryError::Denied(denied) => denied.into(),
            RegistryError::Invalid { field, .. } => AppError::field(Code::ValidationFailed, field, error.to_string()),
            RegistryError::InvalidCapacity { ref field, .. } => {
                AppError::field(Code::ValidationFailed, field.clone(), error.to_string())
            }
            RegistryError::Rex(rex) => rex.into(),
            RegistryError::AlreadyRegistered => AppError::new(Code::AlreadyRegistered, error.to_string()),
            RegistryError::WrongStatus(_) => AppError::new(Code::InvalidState, error.to_string()),
            RegistryError::ReasonsRequired => AppError::field(Code::ReasonsRequired, "reasons", error.to_string()),
            RegistryError::Stale => AppError::new(Code::VersionConflict, error.to_string()),
            RegistryError::NotFound => AppError::not_found(),
            RegistryError::Store(store) => store.into(),
        }
    }
}

impl From<IntakeError> for AppError {
    fn from(error: IntakeError) -> AppError {
        match error {
            IntakeError::Denied(denied) => denied.into(),
            IntakeError::Invalid { ref field, ref message } => {
                AppError::field(Code::ValidationFailed, field.clone(), format!("{field}: {message}"))
            }
            IntakeError::ExporterNotRegistered => AppError::new(Code::ExporterNotRegistered, error.to_string()),
            IntakeError::NotEditable => AppError::new(Code::InvalidState, error.to_string()),
            IntakeError::FileTooLarge { .. } => AppError::new(Code::FileTooLarge, error.to_string()),
            IntakeError::UnsupportedFileType(_) => AppError::new(Code::UnsupportedFileType, error.to_string()),
            IntakeError::DuplicateFile => AppError::new(Code::DuplicateFile, error.to_string()),
            IntakeError::NotFound => AppError::not_found(),
            IntakeError::Store(store) => store.into(),
        }
    }
}

impl From<ExamineError> for AppError {
    fn from(error: ExamineError) -> AppError {
        match error {
            ExamineError::Denied(denied) => denied.into(),
            ExamineError::Transition(transition) => transition.into(),
            ExamineError::InvalidItem { line, ref field, .. } => {
                AppError::field(Code::ValidationFailed, format!("items[{}].{field}", line - 1), error.to_string())
            }
            ExamineError::NotOriginating { .. } => AppError::new(Code::NotOriginating, error.to_string()),
            ExamineError::NotFound => AppError::not_found(),
            ExamineError::Stale => AppError::new(Code::VersionConflict, error.to_string()),
            ExamineError::Store(store) => store.into(),
        }
    }
}

impl From<KeyError> for AppError {
    fn from(error: KeyError) -> AppError {
        match error {
            KeyError::Denied(denied) => denied.into(),
            KeyError::NoActiveKey
            | KeyError::Unreadable(_)
            | KeyError::Mismatch(_)
            | KeyError::KekRequired(_)
            | KeyError::Undecryptable { .. } => AppError::internal(error),
            KeyError::Store(store) => store.into(),
        }
    }
}

impl From<IssueError> for AppError {
    fn from(error: IssueError) -> AppError {
        match error {
            IssueError::Denied(denied) => denied.into(),
            IssueError::Transition(transition) => transition.into(),
            IssueError::NotIssuedByBody(_) => AppError::new(Code::NotIssuedByBody, error.to_string()),
            IssueError::ExporterNotRegistered => AppError::new(Code::ExporterNotRegistered, error.to_string()),
            IssueError::IdempotencyMismatch => AppError::new(Code::IdempotencyKeyReused, error.to_string()),
            // The stored data cannot make a document: a server-side problem, not the caller's.
            IssueError::Document(_) => AppError::internal(error),
            IssueError::NotFound => AppError::not_found(),
            IssueError::Keys(keys) => keys.into(),
            IssueError::Store(store) => store.into(),
        }
    }
}

impl From<CertificateError> for AppError {
    fn from(error: CertificateError) -> AppError {
        match error {
            CertificateError::Denied(denied) => denied.into(),
            CertificateError::NotFound => AppError::not_found(),
            CertificateError::ReasonsRequired => AppError::field(Code::ReasonsRequired, "reasons", error.to_string()),
            CertificateError::NotValid(_) => AppError::new(Code::InvalidState, error.to_string()),
            CertificateError::BulkSize => AppError::field(Code::TooManyNumbers, "numbers", error.to_string()),
            CertificateError::Store(store) => store.into(),
        }
    }
}

impl From<PdfError> for AppError {
    fn from(error: PdfError) -> AppError {
        match error {
            PdfError::Denied(denied) => denied.into(),
            PdfError::NotFound => AppError::not_found(),
            PdfError::CodeNotKept { .. } | PdfError::Unprintable { .. } => {
                AppError::new(Code::PdfUnavailable, error.to_string())
            }
            PdfError::Keys(keys) => keys.into(),
            PdfError::CodeSealed { .. } | PdfError::Corrupt(_) => AppError::internal(error),
            PdfError::Store(store) => store.into(),
        }
    }
}

impl From<BuyerCopyError> for AppError {
    fn from(error: BuyerCopyError) -> AppError {
        match error {
            BuyerCopyError::Certificate(certificate) => certificate.into(),
            BuyerCopyError::Invalid { ref field, .. } => {
                AppError::field(Code::ValidationFailed, field.clone(), error.to_string())
            }
            BuyerCopyError::Key(keys) => keys.into(),
            BuyerCopyError::Document(_) => AppError::internal(error),
        }
    }
}

impl From<ReplaceError> for AppError {
    fn from(error: ReplaceError) -> AppError {
        match error {
            ReplaceError::Denied(denied) => denied.into(),
            ReplaceError::NotFound => AppError::not_found(),
            ReplaceError::ReasonsRequired => AppError::field(Code::ReasonsRequired, "reasons", error.to_string()),
            ReplaceError::Invalid { ref field, .. } => {
                AppError::field(Code::ValidationFailed, field.clone(), error.to_string())
            }
            ReplaceError::NotValid(_) | ReplaceError::NoApplication => {
                AppError::new(Code::InvalidState, error.to_string())
            }
            ReplaceError::IdempotencyMismatch => AppError::new(Code::IdempotencyKeyReused, error.to_string()),
            ReplaceError::Issue(issue) => issue.into(),
            ReplaceError::Store(store) => store.into(),
        }
    }
}

impl From<UserError> for AppError {
    fn from(error: UserError) -> AppError {
        match error {
            UserError::Denied(denied) => denied.into(),
            UserError::Invalid { ref field, .. } => {
                AppError::field(Code::ValidationFailed, field.clone(), error.to_string())
            }
            UserError::UsernameTaken => AppError::field(Code::UsernameTaken, "username", error.to_string()),
            UserError::SelfDisable => AppError::new(Code::Forbidden, error.to_string()),
            UserError::WrongPassword => AppError::field(Code::ValidationFailed, "current_password", error.to_string()),
            UserError::NotFound => AppError::not_found(),
            UserError::Hashing => AppError::internal(error),
            UserError::Store(store) => store.into(),
        }
    }
}

impl From<ConfigurationError> for AppError {
    fn from(error: ConfigurationError) -> AppError {
        match error {
            ConfigurationError::Denied(denied) => denied.into(),
            ConfigurationError::Store(store) => store.into(),
        }
    }
}

impl From<AuditReadError> for AppError {
    fn from(error: AuditReadError) -> AppError {
        match error {
            AuditReadError::Denied(denied) => denied.into(),
            AuditReadError::Store(store) => store.into(),
        }
    }
}

impl From<StatementError> for AppError {
    fn from(error: StatementError) -> AppError {
        match error {
            StatementError::Denied(denied) => denied.into(),
            StatementError::Invalid { ref field, .. } => {
                AppError::field(Code::ValidationFailed, field.clone(), error.to_string())
            }
            StatementError::NotFound => AppError::not_found(),
            StatementError::IssuedByBody(_) => AppError::new(Code::IssuedByBody, error.to_string()),
            StatementError::WrongState(_) => AppError::new(Code::InvalidState, error.to_string()),
            StatementError::NotOriginating { .. } => AppError::new(Code::NotOriginating, error.to_string()),
            StatementError::RegistrationRequired { .. } => {
                AppError::field(Code::RegistrationRequired, "originating_value_eur", error.to_string())
            }
            StatementError::AlreadyMadeOut { .. } => AppError::new(Code::StatementAlreadyMadeOut, error.to_string()),
            StatementError::DuplicateText => {
                AppError::field(Code::DuplicateStatement, "document_reference", error.to_string())
            }
            // The stored data cannot make a text: a server-side problem, not the caller's.
            StatementError::Document(_) => AppError::internal(error),
            StatementError::Store(store) => store.into(),
        }
    }
}

impl From<DashboardError> for AppError {
    fn from(error: DashboardError) -> AppError {
        match error {
            DashboardError::Denied(denied) => denied.into(),
            DashboardError::Invalid { field, .. } => AppError::field(Code::InvalidParameter, field, error.to_string()),
            DashboardError::Store(store) => store.into(),
        }
    }
}

impl From<ExchangeRateError> for AppError {
    fn from(error: ExchangeRateError) -> AppError {
        match error {
            ExchangeRateError::Denied(denied) => denied.into(),
            ExchangeRateError::Invalid(ref wrong) => {
                AppError::field(Code::ValidationFailed, wrong.field, error.to_string())
            }
            // The API adds one rate at a time; a file's rows are the admin page's (which lists each row's error).
            ExchangeRateError::Rows(ref rows) => {
                let first = rows.first().map_or("file", |r| r.field);
                let detail =
                    rows.iter().map(|r| format!("row {}, {}: {}", r.row, r.field, r.message)).collect::<Vec<_>>();
                AppError::field(Code::ValidationFailed, first, format!("{error}: {}", detail.join("; ")))
            }
            ExchangeRateError::Duplicate { .. } => {
                AppError::field(Code::DuplicateExchangeRate, "date", error.to_string())
            }
            ExchangeRateError::Store(store) => store.into(),
        }
    }
}

impl From<CooperationError> for AppError {
    fn from(error: CooperationError) -> AppError {
        match error {
            CooperationError::Denied(denied) => denied.into(),
            CooperationError::NotFound => AppError::not_found(),
            CooperationError::Invalid { ref field, ref message } => {
                AppError::field(Code::ValidationFailed, field.clone(), format!("{field}: {message}"))
            }
            CooperationError::FileTooLarge { .. } => {
                AppError::field(Code::FileTooLarge, "documents", error.to_string())
            }
            CooperationError::UnsupportedFileType(_) => {
                AppError::field(Code::UnsupportedFileType, "documents", error.to_string())
            }
            CooperationError::DuplicateFile => AppError::field(Code::DuplicateFile, "documents", error.to_string()),
            CooperationError::AlreadyAnswered | CooperationError::AlreadySent => {
                AppError::new(Code::InvalidState, error.to_string())
            }
            CooperationError::Document(_) => AppError::internal(error),
            CooperationError::Keys(keys) => keys.into(),
            CooperationError::Store(store) => store.into(),
        }
    }
}

impl From<ControlError> for AppError {
    fn from(error: ControlError) -> AppError {
        match error {
            ControlError::Denied(denied) => denied.into(),
            ControlError::Invalid { field, .. } => AppError::field(Code::ValidationFailed, field, error.to_string()),
            ControlError::ReasonsRequired { field } => AppError::field(Code::ReasonsRequired, field, error.to_string()),
            ControlError::NotFound => AppError::not_found(),
            ControlError::InvalidState(_) => AppError::new(Code::InvalidState, error.to_string()),
            ControlError::AlreadyProposed => AppError::new(Code::AlreadyProposed, error.to_string()),
            ControlError::DuplicateUtilisation => {
                AppError::field(Code::DuplicateUtilisation, "declaration_ref", error.to_string())
            }
            ControlError::DuplicateFile => AppError::new(Code::DuplicateFile, error.to_string()),
            ControlError::FileTooLarge { .. } => AppError::new(Code::FileTooLarge, error.to_string()),
            ControlError::UnsupportedFileType(_) => AppError::new(Code::UnsupportedFileType, error.to_string()),
            ControlError::Store(store) => store.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_visible_and_not_found_are_the_same_answer() {
        assert_eq!(AppError::from(Denied::NotVisible), AppError::not_found());
        assert_eq!(AppError::from(CertificateError::NotFound), AppError::not_found());
        assert_eq!(AppError::from(StoreError::NotFound { entity: "certificate" }), AppError::not_found());
    }

    #[test]
    fn database_errors_never_show_their_text() {
        let error = AppError::from(StoreError::Database("password authentication failed for user x".into()));
        assert_eq!(error.code, Code::Internal);
        assert!(!error.message.contains("password"));
    }
}
