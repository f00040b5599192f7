//! Which database a URL names, and what each backend needs said differently.
//!
//! The SQL itself is portable; only connection set-up and the words that open a transaction differ.

use std::path::{Path, PathBuf};

use crate::error::StoreError;

/// The database behind a [`crate::Store`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Backend {
    /// SQLite, the embedded default: one file in WAL mode.
    Sqlite,
    /// PostgreSQL, for several servers on one database.
    Postgres,
}

impl Backend {
    /// The backend a database URL names: `sqlite:` or `postgres:` / `postgresql:`.
    pub fn of_url(url: &str) -> Result<Backend, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::Database(format!(
                "unsupported database URL `{}`: expected sqlite://PATH or postgres://...",
                redact(url)
            )))
        }
    }

    /// The statement that opens a write transaction. On SQLite `BEGIN IMMEDIATE` takes the write lock at once: a
    /// deferred transaction that reads first and writes later can fail with SQLITE_BUSY when another writer got
    /// in between, and no busy timeout helps then.
    pub(crate) fn begin_write(self) -> &'static str {
        match self {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        }
    }

    /// The statement that opens a read-only snapshot. SQLite's deferred transaction sees one snapshot from its
    /// first read on (WAL); PostgreSQL needs REPEATABLE READ for the same.
    pub(crate) fn begin_snapshot(self) -> &'static str {
        match self {
            Backend::Sqlite => "BEGIN DEFERRED",
            Backend::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        }
    }
}

/// A SQLite URL made ready for first use: `mode=rwc` added when no mode is given (the file is created on first
/// run), the parent folder created. Returns the URL to connect with and whether it is an in-memory database.
pub(crate) fn prepare_sqlite_url(url: &str) -> Result<(String, bool), StoreError> {
    let rest = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let memory = path.is_empty() || path == ":memory:" || query.split('&').any(|p| p == "mode=memory");
    if memory {
        return Ok((url.to_owned(), true));
    }
    if let Some(parent) = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| StoreError::Database(format!("cannot create {}: {e}", PathBuf::from(parent).display())))?;
    }
    let has_mode = query.split('&').any(|p| p.starts_with("mode="));
    let url = match (has_mode, query.is_empty()) {
        (true, _) => url.to_owned(),
        (false, true) => format!("sqlite://{path}?mode=rwc"),
        (false, false) => format!("sqlite://{path}?{query}&mode=rwc"),
    };
    Ok((url, false))
}

/// A URL without its password, for messages.
pub(crate) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let Some((credentials, host)) = rest.split_once('@') else { return url.to_owned() };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => format!("{scheme}://{credentials}@{host}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_is_chosen_by_scheme() {
        assert_eq!(Backend::of_url("sqlite://origo.db").unwrap(), Backend::Sqlite);
        assert_eq!(Backend::of_url("postgres://u@h/db").unwrap(), Backend::Postgres);
        assert_eq!(Backend::of_url("postgresql://u@h/db").unwrap(), Backend::Postgres);
        assert!(Backend::of_url("mysql://u@h/db").is_err());
    }

    #[test]
    fn sqlite_files_are_created_on_first_run() {
        assert_eq!(prepare_sqlite_url("sqlite://origo.db").unwrap().0, "sqlite://origo.db?mode=rwc");
        assert_eq!(prepare_sqlite_url("sqlite://origo.db?mode=ro").unwrap().0, "sqlite://origo.db?mode=ro");
        assert!(prepare_sqlite_url("sqlite::memory:").unwrap().1);
    }

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(redact("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
    }
}
