//! Pack overrides: a small JSON file of local configuration that replaces the rule of given rule sets, or figures
//! such as the tolerance, in given schemes. It exists for figures a pack marks unconfirmed: once a certifying body
//! has checked one against the legal text it can set it without editing the reviewed pack.
//!
//! ```json
//! {"note": "checked against the consolidated text of 8 June 2023",
//!  "schemes": {"cis-fta": {"rule_sets": {"cis-2933": {"rules": {"all": "ANY & MAXNOM 50%[2932-2933]"},
//!                                                     "note": "confirmed"}},
//!                          "figures": {"tolerance.value_percent": "10"}}}}
//! ```
//!
//! Overrides apply to the pack file before it is compiled, so an overridden rule is parsed and checked exactly
//! like a rule of the pack. Every override is validated (scheme, rule set, branch, rule text, figure name and
//! value, each error naming its path in the file) and recorded, so that the determination's trace reports it.
//! An override also settles the figure: the unconfirmed mark of an overridden rule set or figure is dropped.

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::Value;

use super::file::{PackFile, ToleranceFile};
use super::{PackError, RulePack};
use crate::countries;
use crate::date::Date;
use crate::process::{self, ProcessKind};
use crate::rule::Rule;
use crate::selection::Selection;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverridesFile {
    #[serde(default)]
    note: Option<String>,
    schemes: BTreeMap<String, SchemeFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemeFile {
    #[serde(default)]
    rule_sets: BTreeMap<String, RuleSetOverrideFile>,
    #[serde(default)]
    figures: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSetOverrideFile {
    rules: BTreeMap<String, String>,
    #[serde(default)]
    note: Option<String>,
}

/// Why an overrides file cannot be used: the path of the offending entry and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct OverrideError {
    pub field: String,
    pub message: String,
}

fn error(field: impl Into<String>, message: impl Into<String>) -> OverrideError {
    OverrideError { field: field.into(), message: message.into() }
}

/// What an override replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The rule of a rule set for a branch (`all` for every branch).
    Rule { rule_set: String, branch: String },
    /// A figure of the pack, by name (`tolerance.value_percent`).
    Figure(String),
}

/// One override as applied to a pack, for the trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedOverride {
    pub target: Target,
    pub old: String,
    pub new: String,
    /// The file the override comes from.
    pub source: String,
    pub note: Option<String>,
}

impl AppliedOverride {
    /// The override in words: what was replaced, by what, from where.
    pub fn words(&self) -> String {
        let what = match &self.target {
            Target::Rule { rule_set, branch } => format!("rule set '{rule_set}' rule for branch '{branch}'"),
            Target::Figure(name) => format!("figure {name}"),
        };
        let note = self.note.as_deref().map(|n| format!("; {n}")).unwrap_or_default();
        format!("{what} set by configuration ({}{note}): '{}' (pack: '{}')", self.source, self.new, self.old)
    }
}

/// A parsed overrides file.
#[derive(Debug, Clone)]
pub struct PackOverrides {
    /// Where the overrides come from (a file name), for the trace.
    pub source: String,
    pub note: Option<String>,
    schemes: BTreeMap<String, SchemeFile>,
}

/// The figures an override may set.
const FIGURES: &str = "tolerance.value_percent, tolerance.weight_chapters, tolerance.weight_excluded, \
                       tolerance.excluded, valid_from, valid_to, insufficient_operations, branches.<key>.countries, \
                       cumulation.<n>.countries";

impl PackOverrides {
    /// Reads an overrides file; `source` names it in errors and in the trace.
    pub fn parse(text: &str, source: &str) -> Result<PackOverrides, OverrideError> {
        let deserializer = &mut serde_json::Deserializer::from_str(text);
        let file: OverridesFile = serde_path_to_error::deserialize(deserializer).map_err(|e| {
            let path = e.path().to_string();
            error(if path == "." { "(file)".to_string() } else { path }, e.into_inner().to_string())
        })?;
        Ok(PackOverrides { source: source.to_string(), note: file.note, schemes: file.schemes })
    }

    /// The schemes the file names.
    pub fn schemes(&self) -> impl Iterator<Item = &str> {
        self.schemes.keys().map(String::as_str)
    }

    /// Checks that every scheme the file names is among `known`, so that a misspelt scheme is not ignored.
    pub fn check_schemes<'a>(&self, known: impl IntoIterator<Item = &'a str> + Clone) -> Result<(), OverrideError> {
        for scheme in self.schemes() {
            if !known.clone().into_iter().any(|k| k == scheme) {
                let known: Vec<&str> = known.into_iter().collect();
                return Err(error(
                    format!("schemes.{scheme}"),
                    format!("no such scheme among the loaded packs ({})", known.join(", ")),
                ));
            }
        }
        Ok(())
    }

    /// Applies the overrides of the file's scheme to a pack file, returning what was replaced.
    pub fn apply(&self, file: &mut PackFile) -> Result<Vec<AppliedOverride>, OverrideError> {
        let Some(scheme) = self.schemes.get(&file.scheme) else {
            return Ok(Vec::new());
        };
        let base = format!("schemes.{}", file.scheme);
        let mut applied = Vec::new();
        for (id, set_override) in &scheme.rule_sets {
            let field = format!("{base}.rule_sets.{id}");
            applied.extend(self.apply_rule_set(file, id, set_override, &field)?);
        }
        // The tolerance's percentage first: the other tolerance figures need a tolerance to exist.
        let mut names: Vec<&String> = scheme.figures.keys().collect();
        names.sort_by_key(|name| name.as_str() != "tolerance.value_percent");
        for name in names {
            let field = format!("{base}.figures.{name}");
            let (old, new) = set_figure(file, name, &scheme.figures[name], &field)?;
            file.unconfirmed.retain(|u| &u.what != name);
            applied.push(AppliedOverride {
                target: Target::Figure(name.clone()),
                old,
                new,
                source: self.source.clone(),
                note: self.note.clone(),
            });
        }
        Ok(applied)
    }

    fn apply_rule_set(
        &self,
        file: &mut PackFile,
        id: &str,
        set_override: &RuleSetOverrideFile,
        field: &str,
    ) -> Result<Vec<AppliedOverride>, OverrideError> {
        let branches: Vec<String> = file.branches.keys().cloned().collect();
        let Some(set) = file.rule_sets.iter_mut().find(|s| s.id == id) else {
            return Err(error(field, "no rule set with this id in the pack"));
        };
        if set_override.rules.is_empty() {
            return Err(error(format!("{field}.rules"), "give at least one rule"));
        }
        let mut applied = Vec::new();
        for (branch, text) in &set_override.rules {
            let rule_field = format!("{field}.rules.{branch}");
            if branch != "all" && !branches.contains(branch) {
                return Err(error(rule_field, format!("no such branch (branches: all, {})", branches.join(", "))));
            }
            let rule = Rule::parse(text).map_err(|e| error(&rule_field, e.to_string()))?;
            if let Some(unknown) = rule.processes().into_iter().find(|p| process::kind(p).is_none()) {
                return Err(error(rule_field, format!("unknown process id '{unknown}'")));
            }
            let old = match (&set.manual, set.rules.get(branch).or_else(|| set.rules.get("all"))) {
                (Some(reason), _) => format!("manual: {reason}"),
                (None, Some(old)) => old.clone(),
                (None, None) => "none".to_string(),
            };
            let new = rule.to_string();
            set.rules.insert(branch.clone(), new.clone());
            applied.push(AppliedOverride {
                target: Target::Rule { rule_set: id.to_string(), branch: branch.clone() },
                old,
                new,
                source: self.source.clone(),
                note: set_override.note.clone().or_else(|| self.note.clone()),
            });
        }
        // A rule given by configuration makes a manual rule set evaluable and settles its doubt.
        set.manual = None;
        set.unconfirmed = None;
        Ok(applied)
    }
}

impl RulePack {
    /// Reads a pack, applies the overrides for its scheme, and compiles it; the overrides applied are kept in
    /// `overrides` for the trace.
    pub fn from_json_with(text: &str, overrides: Option<&PackOverrides>) -> Result<RulePack, PackError> {
        let mut file: PackFile = serde_json::from_str(text)?;
        let applied = match overrides {
            None => Vec::new(),
            Some(o) => o.apply(&mut file).map_err(|e| PackError::Override {
                file: o.source.clone(),
                field: e.field,
                message: e.message,
            })?,
        };
        let mut pack = RulePack::compile(file)?;
        pack.overrides = applied;
        Ok(pack)
    }

    /// The override of a rule set's rule for a branch, if configuration set one.
    pub fn rule_override(&self, rule_set: &str) -> impl Iterator<Item = &AppliedOverride> {
        self.overrides.iter().filter(move |o| matches!(&o.target, Target::Rule { rule_set: id, .. } if id == rule_set))
    }
}

fn decimal(value: &Value, field: &str) -> Result<Decimal, OverrideError> {
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        _ => return Err(error(field, "give a decimal percentage (\"10\" or 10)")),
    };
    let percent = Decimal::from_str(text.trim()).map_err(|_| error(field, format!("'{text}' is not a decimal")))?;
    if percent.is_sign_negative() || percent > Decimal::ONE_HUNDRED {
        return Err(error(field, format!("{percent} is not a percentage between 0 and 100")));
    }
    Ok(percent)
}

fn text_or_null(value: &Value, field: &str) -> Result<Option<String>, OverrideError> {
    match value {
        Value::Null => Ok(None),
        Value::String(text) => Ok(Some(text.clone())),
        _ => Err(error(field, "give a string or null")),
    }
}

fn strings(value: &Value, field: &str) -> Result<Vec<String>, OverrideError> {
    let Value::Array(items) = value else {
        return Err(error(field, "give a list of strings"));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_str().map(str::to_string).ok_or_else(|| error(format!("{field}[{i}]"), "not a string"))
        })
        .collect()
}

fn countries(value: &Value, field: &str) -> Result<Vec<String>, OverrideError> {
    let list = strings(value, field)?;
    if let Some((i, code)) = list.iter().enumerate().find(|(_, c)| !countries::is_iso_alpha2(c)) {
        return Err(error(format!("{field}[{i}]"), format!("'{code}' is not an ISO 3166-1 alpha-2 country code")));
    }
    Ok(list)
}

fn shown(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "none".to_string())
}

/// Sets one figure of a pack file, returning its old and new values as text.
fn set_figure(file: &mut PackFile, name: &str, value: &Value, field: &str) -> Result<(String, String), OverrideError> {
    let old_tolerance = file.tolerance.as_ref().map(|t| t.value_percent.normalize().to_string());
    match name {
        "tolerance.value_percent" => {
            if value.is_null() {
                file.tolerance = None;
                return Ok((shown(&old_tolerance), "none".to_string()));
            }
            let percent = decimal(value, field)?;
            match &mut file.tolerance {
                Some(tolerance) => tolerance.value_percent = percent,
                None => {
                    file.tolerance = Some(ToleranceFile {
                        value_percent: percent,
                        weight_chapters: None,
                        weight_excluded: None,
                        excluded: None,
                    })
                }
            }
            Ok((shown(&old_tolerance), percent.normalize().to_string()))
        }
        "tolerance.weight_chapters" | "tolerance.weight_excluded" | "tolerance.excluded" => {
            let new = text_or_null(value, field)?;
            if let Some(text) = &new {
                Selection::parse(text).map_err(|e| error(field, e.to_string()))?;
            }
            let Some(tolerance) = &mut file.tolerance else {
                return Err(error(field, "the pack has no tolerance: set tolerance.value_percent as well"));
            };
            let slot = match name {
                "tolerance.weight_chapters" => &mut tolerance.weight_chapters,
                "tolerance.weight_excluded" => &mut tolerance.weight_excluded,
                _ => &mut tolerance.excluded,
            };
            let old = std::mem::replace(slot, new.clone());
            Ok((shown(&old), shown(&new)))
        }
        "valid_from" | "valid_to" => {
            let new = text_or_null(value, field)?;
            if let Some(text) = &new
                && Date::parse(text).is_none()
            {
                return Err(error(field, format!("'{text}' is not a date (YYYY-MM-DD)")));
            }
            let slot = if name == "valid_from" { &mut file.valid_from } else { &mut file.valid_to };
            let old = std::mem::replace(slot, new.clone());
            Ok((shown(&old), shown(&new)))
        }
        "insufficient_operations" => {
            let list = strings(value, field)?;
            for (i, id) in list.iter().enumerate() {
                if process::kind(id) != Some(ProcessKind::Insufficient) {
                    return Err(error(format!("{field}[{i}]"), format!("'{id}' is not an insufficient operation id")));
                }
            }
            let old = match &file.insufficient_operations {
                Some(old) => old.join(", "),
                None => "the vocabulary's list".to_string(),
            };
            let new = list.join(", ");
            file.insufficient_operations = Some(list);
            Ok((old, new))
        }
        _ => set_list_figure(file, name, value, field),
    }
}

/// `branches.<key>.countries` and `cumulation.<n>.countries`.
fn set_list_figure(
    file: &mut PackFile,
    name: &str,
    value: &Value,
    field: &str,
) -> Result<(String, String), OverrideError> {
    let unknown = || error(field, format!("unknown figure '{name}' (figures: {FIGURES})"));
    let parts: Vec<&str> = name.split('.').collect();
    let slot = match parts.as_slice() {
        ["branches", key, "countries"] => match file.branches.get_mut(*key) {
            Some(branch) => &mut branch.countries,
            None => return Err(error(field, format!("the pack has no branch '{key}'"))),
        },
        ["cumulation", n, "countries"] => {
            let count = file.cumulation.len();
            match n.parse::<usize>().ok().and_then(|i| file.cumulation.get_mut(i)) {
                Some(cumulation) => &mut cumulation.countries,
                None => return Err(error(field, format!("the pack has {count} cumulation entries (0 to n-1)"))),
            }
        }
        _ => return Err(unknown()),
    };
    let new = countries(value, field)?;
    let old = std::mem::replace(slot, new.clone());
    Ok((old.join(", "), new.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack() -> PackFile {
        serde_json::from_value(serde_json::json!({
            "scheme": "demo", "title": "Demo", "legal_basis": "test", "hs_edition": "2022",
            "branches": {"parties": {"label": "Parties", "countries": ["UZ", "KZ"]}},
            "cumulation": [{"kind": "diagonal", "label": "Demo cumulation", "countries": ["KZ"]}],
            "unconfirmed": [{"what": "tolerance.value_percent", "value": null, "note": "none known"}],
            "rule_sets": [{"id": "residual", "hs": "ch01-ch97", "label": "Every chapter", "rules": {"all": "CTH"},
                           "unconfirmed": "doubtful"}]
        }))
        .unwrap()
    }

    fn overrides(json: serde_json::Value) -> Result<PackOverrides, OverrideError> {
        PackOverrides::parse(&json.to_string(), "local.json")
    }

    #[test]
    fn a_rule_and_figures_are_replaced_and_recorded() {
        let o = overrides(serde_json::json!({"schemes": {"demo": {
            "rule_sets": {"residual": {"rules": {"all": "CTH|MAXNOM 40%"}, "note": "confirmed"}},
            "figures": {"tolerance.excluded": "ch50-ch63", "tolerance.value_percent": 10,
                        "cumulation.0.countries": ["KZ", "KG"]}}}}))
        .unwrap();
        let mut file = pack();
        let applied = o.apply(&mut file).unwrap();
        assert_eq!(file.rule_sets[0].rules["all"], "CTH | MAXNOM 40%");
        assert_eq!(file.rule_sets[0].unconfirmed, None, "the override settles the doubt");
        assert!(file.unconfirmed.is_empty());
        let tolerance = file.tolerance.as_ref().unwrap();
        assert_eq!((tolerance.value_percent, tolerance.excluded.as_deref()), (Decimal::TEN, Some("ch50-ch63")));
        assert_eq!(file.cumulation[0].countries, ["KZ", "KG"]);
        assert_eq!(applied.len(), 4);
        assert_eq!(applied[0].target, Target::Rule { rule_set: "residual".into(), branch: "all".into() });
        assert_eq!((applied[0].old.as_str(), applied[0].new.as_str()), ("CTH", "CTH | MAXNOM 40%"));
        assert_eq!(applied[1].target, Target::Figure("tolerance.value_percent".into()));
        assert_eq!((applied[1].old.as_str(), applied[1].new.as_str()), ("none", "10"));
        assert!(applied[0].words().contains("local.json; confirmed"), "{}", applied[0].words());
    }

    #[test]
    fn every_error_names_its_path() {
        let cases = [
            (
                serde_json::json!({"schemes": {"demo": {"rule_sets": {"nope": {"rules": {"all": "CTH"}}}}}}),
                "schemes.demo.rule_sets.nope",
            ),
            (
                serde_json::json!({"schemes": {"demo": {"rule_sets": {"residual": {"rules": {"ldc": "CTH"}}}}}}),
                "schemes.demo.rule_sets.residual.rules.ldc",
            ),
            (
                serde_json::json!({"schemes": {"demo": {"rule_sets": {"residual": {"rules": {"all": "CTH &"}}}}}}),
                "schemes.demo.rule_sets.residual.rules.all",
            ),
            (
                serde_json::json!({"schemes": {"demo": {"figures": {"tolerance.value_percent": "150"}}}}),
                "schemes.demo.figures.tolerance.value_percent",
            ),
            (
                serde_json::json!({"schemes": {"demo": {"figures": {"tolerance.excluded": "ch50"}}}}),
                "schemes.demo.figures.tolerance.excluded",
            ),
            (
                serde_json::json!({"schemes": {"demo": {"figures": {"branches.parties.countries": ["UZ", "Uzb"]}}}}),
                "schemes.demo.figures.branches.parties.countries[1]",
            ),
            (
                serde_json::json!({"schemes": {"demo": {"figures": {"insufficient_operations": ["weaving"]}}}}),
                "schemes.demo.figures.insufficient_operations[0]",
            ),
            (
                serde_json::json!({"schemes": {"demo": {"figures": {"ad_valorem": "50"}}}}),
                "schemes.demo.figures.ad_valorem",
            ),
        ];
        for (json, field) in cases {
            let result = overrides(json.clone()).unwrap().apply(&mut pack());
            assert_eq!(result.unwrap_err().field, field, "{json}");
        }
        let typo = overrides(serde_json::json!({"schemes": {"demo": {"rule_set": {}}}})).unwrap_err();
        assert_eq!(typo.field, "schemes.demo.rule_set");
        let unknown = overrides(serde_json::json!({"schemes": {"dmeo": {}}})).unwrap();
        assert_eq!(unknown.check_schemes(["demo"]).unwrap_err().field, "schemes.dmeo");
    }

    #[test]
    fn other_schemes_are_untouched() {
        let o = overrides(serde_json::json!({"schemes": {"other": {"figures": {"valid_to": "2030-01-01"}}}})).unwrap();
        let mut file = pack();
        assert!(o.apply(&mut file).unwrap().is_empty());
        assert_eq!(file.valid_to, None);
    }
}
