//! Reading one uk-roo rule-set file (`rule_sets/<scheme>.json`): `{"rule_sets": [{heading, subdivision, min, max,
//! rules: [{rule, ...}], valid, ...}]}`. Only the fields the compiler trusts are read; `class` and `operator` are
//! known to be unreliable (PROVENANCE.md) and are ignored.
//!
//! A file that is not JSON, or a rule set with a missing or mistyped field, is bad input: the error names the
//! file, the rule set (its label, or its index when even that is unreadable) and the field's path.

use serde::Deserialize;

use super::super::error::CompileError;

#[derive(Debug, Clone, Deserialize)]
pub struct RawSet {
    pub heading: String,
    #[serde(default)]
    pub subdivision: Option<String>,
    pub min: String,
    pub max: String,
    pub rules: Vec<RawRule>,
    #[serde(default)]
    pub valid: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RawRule {
    pub rule: String,
}

/// Joins rows that continue the row before: the same label and range, and the same description or none, which the
/// tariff uses to split one rule set's lines over two rows ("CTSH" on one row, "a chemical reaction ... or MaxNOM
/// 50%" on the next; a description on the first row only). Rows that tell variants apart have descriptions that
/// differ. Gives each rule set
/// with the number of rows it stands for, and a note per join.
pub fn join_continuations(sets: Vec<RawSet>, notes: &mut Vec<String>) -> Vec<(RawSet, usize)> {
    let mut out: Vec<(RawSet, usize)> = Vec::with_capacity(sets.len());
    for set in sets {
        if let Some((previous, rows)) = out.last_mut() {
            let same = |a: &RawSet, b: &RawSet| {
                a.heading.trim() == b.heading.trim()
                    && a.min.trim() == b.min.trim()
                    && a.max.trim() == b.max.trim()
                    && (a.subdivision.as_deref().unwrap_or("").trim() == b.subdivision.as_deref().unwrap_or("").trim()
                        || b.subdivision.as_deref().unwrap_or("").trim().is_empty())
            };
            if same(previous, &set) {
                notes.push(format!(
                    "'{}' ({}): a row with the same label and range and no other description continues the row \
                     before; its lines belong to the same rule set",
                    set.heading.trim(),
                    set.min.trim()
                ));
                previous.rules.extend(set.rules);
                *rows += 1;
                continue;
            }
        }
        out.push((set, 1));
    }
    out
}

/// The footnotes a rule-set file defines (`{"footnotes": {"process rule": "..."}}`), by name.
pub fn footnotes(json: &str) -> std::collections::BTreeMap<String, String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    value
        .get("footnotes")
        .and_then(|f| f.as_object())
        .map(|f| f.iter().filter_map(|(k, v)| Some((k.to_lowercase(), v.as_str()?.to_string()))).collect())
        .unwrap_or_default()
}

/// The rule sets of a file named `file`.
pub fn read(json: &str, file: &str) -> Result<Vec<RawSet>, CompileError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| CompileError::new(format!("{file}: (file)"), "json", e.to_string()))?;
    let sets = value
        .get("rule_sets")
        .and_then(|v| v.as_array())
        .ok_or_else(|| CompileError::new(format!("{file}: (file)"), "rule_sets", "missing or not an array"))?;
    let mut out = Vec::with_capacity(sets.len());
    for (i, set) in sets.iter().enumerate() {
        let raw: RawSet = serde_path_to_error::deserialize(set).map_err(|e| {
            let label = set.get("heading").and_then(|h| h.as_str()).map_or(format!("rule_sets[{i}]"), String::from);
            let path = e.path().to_string();
            let message = e.into_inner().to_string();
            // serde names a missing field at its parent; name the field itself.
            let missing = message.strip_prefix("missing field `").and_then(|m| m.split('`').next());
            let field = match (path.as_str(), missing) {
                (".", Some(name)) => format!("rule_sets[{i}].{name}"),
                (".", None) => format!("rule_sets[{i}]"),
                (p, Some(name)) => format!("rule_sets[{i}].{p}.{name}"),
                (p, None) => format!("rule_sets[{i}].{p}"),
            };
            CompileError::new(format!("{file}: {label}"), field, message)
        })?;
        out.push(raw);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_file_rule_set_and_field() {
        let json = r#"{"rule_sets": [{"heading": "0101", "min": "0101000000", "max": 5, "rules": []}]}"#;
        let error = read(json, "x.json").unwrap_err();
        assert_eq!(error.rule_set, "x.json: 0101");
        assert_eq!(error.field, "rule_sets[0].max");
        let json =
            r#"{"rule_sets": [{"heading": "0101", "min": "0101000000", "max": "0101999999", "rules": [{"x": 1}]}]}"#;
        let error = read(json, "x.json").unwrap_err();
        assert_eq!(error.field, "rule_sets[0].rules[0].rule");
        assert!(error.message.contains("rule"), "{error}");
        assert!(read("{", "x.json").is_err());
        assert_eq!(read("{}", "x.json").unwrap_err().field, "rule_sets");
    }
}
