//! The one error type of the store. No `sqlx::Error` leaves this crate: violations of named constraints become
//! [`StoreError::Conflict`] with the same constraint name on SQLite and PostgreSQL, everything else is
//! [`StoreError::Database`] with the driver's message (for the log, never for a user).

use sqlx::error::ErrorKind;

/// What went wrong in the store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist.
    #[error("{entity} not found")]
    NotFound {
        /// What was looked for (`exporter`, `certificate`, ...).
        entity: &'static str,
    },
    /// A constraint refused the write, or the row was not in the state the write expected.
    #[error("conflict ({kind:?}): {constraint}")]
    Conflict {
        /// Which kind of constraint.
        kind: ConflictKind,
        /// The constraint's name as written in the migrations (`certificates_issuer_code_number_key`). SQLite does
        /// not say which foreign key failed: there a foreign-key conflict is named `foreign_key`.
        constraint: String,
    },
    /// Anything else: connection, I/O, a malformed value in a row, a bad database URL.
    #[error("database error: {0}")]
    Database(String),
}

/// Which kind of constraint refused a write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConflictKind {
    /// A unique constraint or primary key: the value is taken.
    Unique,
    /// A foreign key: the row referred to does not exist (or is still referred to).
    ForeignKey,
    /// A check constraint: the row would break a rule of the schema (e.g. the four-eyes rule).
    Check,
    /// A compare-and-set write found the row changed or in another state (e.g. approving an application that is
    /// no longer `submitted`).
    Stale,
}

impl StoreError {
    /// A unique conflict on `constraint`, for matching in callers and tests.
    pub fn is_unique(&self, constraint: &str) -> bool {
        matches!(self, StoreError::Conflict { kind: ConflictKind::Unique, constraint: c } if c == constraint)
    }

    pub(crate) fn stale(constraint: &str) -> StoreError {
        StoreError::Conflict { kind: ConflictKind::Stale, constraint: constraint.to_owned() }
    }

    pub(crate) fn corrupt(column: &str, message: impl std::fmt::Display) -> StoreError {
        StoreError::Database(format!("column `{column}` holds a malformed value: {message}"))
    }
}

/// Primary keys whose columns are not just `id`: SQLite reports a primary-key violation by its columns, and these
/// must be named `<table>_pkey` like PostgreSQL does rather than `<table>_<columns>_key`.
const COMPOSITE_PRIMARY_KEYS: &[(&str, &str)] = &[
    ("issuers", "code"),
    ("exporter_history", "exporter_id_version"),
    ("signing_keys", "key_id"),
    ("number_sequences", "issuer_code_year"),
    ("reference_sequences", "issuer_code_series_year"),
    ("idempotency_keys", "scope_idempotency_key"),
    ("audit_log", "seq"),
    ("audit_head", "id"),
];

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> StoreError {
        match error {
            sqlx::Error::RowNotFound => StoreError::NotFound { entity: "row" },
            sqlx::Error::Database(db) => {
                let kind = match db.kind() {
                    ErrorKind::UniqueViolation => ConflictKind::Unique,
                    ErrorKind::ForeignKeyViolation => ConflictKind::ForeignKey,
                    ErrorKind::CheckViolation => ConflictKind::Check,
                    _ => return StoreError::Database(db.message().to_owned()),
                };
                let constraint = match db.constraint() {
                    Some(name) => name.to_owned(),
                    None => sqlite_constraint_name(kind, db.message()),
                };
                StoreError::Conflict { kind, constraint }
            }
            other => StoreError::Database(other.to_string()),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(error: sqlx::migrate::MigrateError) -> StoreError {
        StoreError::Database(format!("migration failed: {error}"))
    }
}

/// The PostgreSQL-style name of the constraint in a SQLite message such as
/// `UNIQUE constraint failed: certificates.issuer_code, certificates.number` or `CHECK constraint failed: name`.
fn sqlite_constraint_name(kind: ConflictKind, message: &str) -> String {
    let detail = message.split_once("constraint failed: ").map(|(_, rest)| rest.trim());
    match (kind, detail) {
        (ConflictKind::Unique, Some(columns)) => unique_name(columns),
        (ConflictKind::Check, Some(name)) => name.to_owned(),
        (ConflictKind::ForeignKey, _) => "foreign_key".to_owned(),
        _ => message.to_owned(),
    }
}

/// `t.a, t.b` -> `t_a_b_key`, or `t_pkey` for a primary key.
fn unique_name(columns: &str) -> String {
    let mut table = "";
    let mut names = Vec::new();
    for qualified in columns.split(',') {
        let (t, column) = qualified.trim().split_once('.').unwrap_or(("", qualified.trim()));
        table = t;
        names.push(column);
    }
    let joined = names.join("_");
    let primary = joined == "id" || COMPOSITE_PRIMARY_KEYS.iter().any(|&(t, c)| t == table && c == joined);
    if primary { format!("{table}_pkey") } else { format!("{table}_{joined}_key") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_messages_are_named_like_postgres() {
        let unique = "UNIQUE constraint failed: certificates.issuer_code, certificates.number";
        assert_eq!(sqlite_constraint_name(ConflictKind::Unique, unique), "certificates_issuer_code_number_key");
        assert_eq!(sqlite_constraint_name(ConflictKind::Unique, "UNIQUE constraint failed: users.id"), "users_pkey");
        let composite = "UNIQUE constraint failed: number_sequences.issuer_code, number_sequences.year";
        assert_eq!(sqlite_constraint_name(ConflictKind::Unique, composite), "number_sequences_pkey");
        let check = "CHECK constraint failed: applications_four_eyes_check";
        assert_eq!(sqlite_constraint_name(ConflictKind::Check, check), "applications_four_eyes_check");
        assert_eq!(sqlite_constraint_name(ConflictKind::ForeignKey, "FOREIGN KEY constraint failed"), "foreign_key");
    }
}
