//! What a pack says about its own certainty: the figures not yet confirmed against the legal text, and which part
//! of a determination uses each one, so that a determination warns only about the figures it relied on.

use super::PackError;
use super::file::UnconfirmedFile;
use crate::process::{self, ProcessKind};

/// A figure of the pack that is not confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unconfirmed {
    /// A figure name (`tolerance.value_percent`, `cumulation.0.countries`, `insufficient_operations`,
    /// `branches.parties.countries`) or a word for the pack as a whole (`version`).
    pub what: String,
    /// The value the pack uses, as text.
    pub value: String,
    pub note: String,
}

/// The part of a determination that uses a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The general tolerance, when forbidden materials are weighed against it.
    Tolerance,
    /// A cumulation, when a material counts as originating through it.
    Cumulation,
    /// The insufficient-operations test, when a rule set is decided.
    InsufficientOperations,
    /// Every determination under the pack (its version, its country lists, its legal basis).
    Always,
}

impl Unconfirmed {
    pub(super) fn from_file(file: &UnconfirmedFile) -> Unconfirmed {
        let value = match &file.value {
            serde_json::Value::String(text) => text.clone(),
            serde_json::Value::Null => "none".to_string(),
            other => other.to_string(),
        };
        Unconfirmed { what: file.what.clone(), value, note: file.note.clone() }
    }

    /// Which part of a determination uses the figure, from the first segment of its name.
    pub fn scope(&self) -> Scope {
        match self.what.split('.').next().unwrap_or_default() {
            "tolerance" => Scope::Tolerance,
            "cumulation" => Scope::Cumulation,
            "insufficient_operations" => Scope::InsufficientOperations,
            _ => Scope::Always,
        }
    }

    /// The warning a determination shows when it uses the figure.
    pub fn warning(&self) -> String {
        format!("unconfirmed: {} = {}: {}", self.what, self.value, self.note)
    }
}

/// Checks a pack's own list of insufficient operations: each id must be an insufficient operation of the
/// vocabulary, so that a typo cannot quietly turn an operation into one that confers origin.
pub(super) fn insufficient_operations(list: &Option<Vec<String>>) -> Result<Option<Vec<String>>, PackError> {
    let Some(list) = list else {
        return Ok(None);
    };
    for (i, id) in list.iter().enumerate() {
        if process::kind(id) != Some(ProcessKind::Insufficient) {
            return Err(PackError::Pack {
                field: format!("insufficient_operations[{i}]"),
                message: format!("'{id}' is not an insufficient operation of the process vocabulary"),
            });
        }
    }
    let mut list = list.clone();
    list.sort();
    list.dedup();
    Ok(Some(list))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(what: &str, value: serde_json::Value) -> Unconfirmed {
        Unconfirmed::from_file(&UnconfirmedFile { what: what.into(), value, note: "check it".into() })
    }

    #[test]
    fn scope_follows_the_figure_name() {
        assert_eq!(entry("tolerance.value_percent", "10".into()).scope(), Scope::Tolerance);
        assert_eq!(entry("cumulation.0.countries", serde_json::json!(["RU"])).scope(), Scope::Cumulation);
        assert_eq!(entry("insufficient_operations", serde_json::json!([])).scope(), Scope::InsufficientOperations);
        assert_eq!(entry("version", "2009".into()).scope(), Scope::Always);
        assert_eq!(entry("branches.parties.countries", serde_json::json!([])).scope(), Scope::Always);
    }

    #[test]
    fn warning_names_figure_value_and_note() {
        assert_eq!(
            entry("tolerance.value_percent", serde_json::Value::Null).warning(),
            "unconfirmed: tolerance.value_percent = none: check it"
        );
        assert_eq!(entry("cumulation.0.countries", serde_json::json!(["RU", "BY"])).value, r#"["RU","BY"]"#);
    }
}
