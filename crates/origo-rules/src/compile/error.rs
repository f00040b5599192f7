//! Compile errors. Every error names the rule set (its label, or `(overrides)` / `(input)` for problems outside
//! one rule set) and the field, so that a reviewer can go straight to the line of the legal list or of the
//! override file that needs attention.

/// Why a legal list could not be compiled into a pack.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rule set '{rule_set}', field '{field}': {message}")]
pub struct CompileError {
    /// The rule set's label as in the legal list (`ex Chapter 3`), or `(overrides)` / `(input)`.
    pub rule_set: String,
    /// The field: `heading`, `min`, `rules[2]`, `rules.ldc`, `variant`, `phrases[4]`, ...
    pub field: String,
    pub message: String,
}

impl CompileError {
    pub fn new(rule_set: impl Into<String>, field: impl Into<String>, message: impl Into<String>) -> Self {
        CompileError { rule_set: rule_set.into(), field: field.into(), message: message.into() }
    }

    /// An error in an input file as a whole (bad JSON, missing scheme).
    pub fn input(field: impl Into<String>, message: impl Into<String>) -> Self {
        CompileError::new("(input)", field, message)
    }

    /// An error in the override file that belongs to no rule set.
    pub fn overrides(field: impl Into<String>, message: impl Into<String>) -> Self {
        CompileError::new("(overrides)", field, message)
    }
}
