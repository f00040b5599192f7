//! A determination explained for the exporter: the outcome and what it means, the rule set and its rule, every
//! step the engine took (each condition with its verdict in words and the figures it computed), the facts still
//! missing named as the form names them, and the warnings. Built from the determination's JSON, so it serves the
//! self-assessment (fresh from the engine) and the application's stored determinations alike.
//!
//! Each step is said in the page's language from the determination's `steps` (key and parameters, see
//! [`crate::pages::trace`]), and its verdict comes from the key. English pages show the engine's own line. A stored
//! determination without steps (made before the engine wrote them) shows the English lines, marked `lang="en"`,
//! with the verdict read from their fixed wording.

use serde_json::Value;

use crate::pages::context::PageCtx;
use crate::pages::i18n::Lang;
use crate::pages::trace::{self, Verdict};

/// One step of the engine's reasoning.
#[derive(Debug, Clone)]
pub struct Step {
    /// The engine's words, with `materials[0]` written as "row 1".
    pub text: String,
    /// `met`, `not-met`, `unknown`, `rule`, `outcome` or `info` (the CSS class; the verdict is also said in words).
    pub kind: &'static str,
    /// The verdict in words, empty for a step that is not a condition.
    pub verdict: &'static str,
    /// A step of one alternative among several (shown indented).
    pub alternative: bool,
    /// The text is the engine's English line (an English page, or a step the page cannot say).
    pub english: bool,
}

/// A determination, ready for a template.
#[derive(Debug, Clone)]
pub struct Explanation {
    /// `originating`, `not_originating` or `undetermined` (the CSS class).
    pub outcome: &'static str,
    /// "Originating, criterion W 87.12", in words.
    pub heading: String,
    /// What the outcome means for the exporter.
    pub meaning: &'static str,
    pub rule_set: Option<String>,
    pub rule: Option<String>,
    pub steps: Vec<Step>,
    /// The facts the engine needs, as the form names them.
    pub missing: Vec<String>,
    pub warnings: Vec<String>,
    /// The variants of the product's rule set, when it has several.
    pub variants: Vec<String>,
    /// Some step is shown in English on a page in another language.
    pub english: bool,
}

fn strings(value: &Value, key: &str) -> Vec<String> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// `materials[3]` -> `row 4`, so that the steps speak of the rows the exporter typed.
fn rows_numbered(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("materials[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "materials[".len()..];
        match after.find(']').and_then(|close| after[..close].parse::<usize>().ok().map(|n| (close, n))) {
            Some((close, index)) => {
                out.push_str(&format!("row {}", index + 1));
                rest = &after[close + 1..];
            }
            None => {
                out.push_str("materials[");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The verdict of a step of an old determination (no `steps`), from the engine's fixed wording.
fn classify(ctx: &PageCtx, line: &str) -> (&'static str, &'static str) {
    if line.starts_with("Outcome:") {
        ("outcome", "")
    } else if line.starts_with("Rule set ") {
        ("rule", "")
    } else if line.contains(": met only within the tolerance") {
        ("met", ctx.t("exporter.verdict.tolerance"))
    } else if line.contains(": not met") || line.ends_with(": not allowed.") || line.contains("never confer origin") {
        ("not-met", ctx.t("exporter.verdict.not_met"))
    } else if line.contains(": met") || line.ends_with(": allowed.") || line.contains("go beyond insufficient") {
        ("met", ctx.t("exporter.verdict.met"))
    } else if line.contains("cannot be decided")
        || line.contains("cannot be made")
        || line.contains("cannot be checked")
    {
        ("unknown", ctx.t("exporter.verdict.unknown"))
    } else {
        ("info", "")
    }
}

/// The CSS class and the verdict in words of a step's verdict.
fn verdict_words(ctx: &PageCtx, verdict: Verdict) -> (&'static str, &'static str) {
    match verdict {
        Verdict::Met => ("met", ctx.t("exporter.verdict.met")),
        Verdict::Tolerance => ("met", ctx.t("exporter.verdict.tolerance")),
        Verdict::NotMet => ("not-met", ctx.t("exporter.verdict.not_met")),
        Verdict::Unknown => ("unknown", ctx.t("exporter.verdict.unknown")),
        Verdict::Rule => ("rule", ""),
        Verdict::Outcome => ("outcome", ""),
        Verdict::Info => ("info", ""),
    }
}

/// The steps of a determination: from `steps` when it has one per line, else from the English lines alone.
fn steps(ctx: &PageCtx, determination: &Value) -> Vec<Step> {
    let lines = strings(determination, "trace");
    let structured = determination.get("steps").and_then(Value::as_array).filter(|s| s.len() == lines.len());
    let Some(structured) = structured else {
        return lines
            .iter()
            .map(|line| {
                let (kind, verdict) = classify(ctx, line);
                let alternative = line.starts_with("Alternative ");
                Step { text: rows_numbered(line), kind, verdict, alternative, english: ctx.lang != Lang::En }
            })
            .collect();
    };
    lines
        .iter()
        .zip(structured)
        .map(|(line, step)| {
            let key = step.get("key").and_then(Value::as_str).unwrap_or("");
            let (kind, verdict) = verdict_words(ctx, Verdict::of(key));
            let alternative = line.starts_with("Alternative ");
            let said = (ctx.lang != Lang::En).then(|| trace::say(ctx, step, |p| missing_words(ctx, p))).flatten();
            match said {
                Some(said) => {
                    let text = match &said.alternative {
                        Some((n, count)) => format!(
                            "{}: {}",
                            ctx.t_with("trace.alternative", &[("alternative", n), ("alternatives", count)]),
                            said.text
                        ),
                        None => said.text,
                    };
                    Step { text, kind, verdict, alternative, english: false }
                }
                None => Step { text: rows_numbered(line), kind, verdict, alternative, english: ctx.lang != Lang::En },
            }
        })
        .collect()
}

/// A missing fact's JSON path, as the form names the field.
pub(crate) fn missing_words(ctx: &PageCtx, path: &str) -> String {
    if let Some(rest) = path.strip_prefix("materials[")
        && let Some((index, field)) = rest.split_once("].")
        && let Ok(index) = index.parse::<usize>()
    {
        let field = match field {
            "value" => ctx.t("exporter.material.value"),
            "weight_kg" => ctx.t("exporter.material.weight"),
            "hs" => ctx.t("exporter.material.hs"),
            "origin" => ctx.t("exporter.material.country"),
            _ => ctx.t("exporter.material.originating"),
        };
        let row = (index + 1).to_string();
        return ctx.t_with("exporter.missing.material", &[("row", &row), ("field", field)]);
    }
    match path {
        "product.ex_works_price" => ctx.t("exporter.missing.ex_works_price").to_owned(),
        "product.fob_value" => ctx.t("exporter.missing.fob_value").to_owned(),
        "product.weight_kg" => ctx.t("exporter.missing.weight").to_owned(),
        "product.variant" => ctx.t("exporter.missing.variant").to_owned(),
        "processes" => ctx.t("exporter.missing.processes").to_owned(),
        "wholly_obtained" => ctx.t("exporter.missing.wholly_obtained").to_owned(),
        "manual_examination" => ctx.t("exporter.missing.manual").to_owned(),
        other => other.to_owned(),
    }
}

/// The explanation of a determination's JSON (`origo_rules::engine::Determination` serialised).
pub fn explain(ctx: &PageCtx, determination: &Value) -> Explanation {
    let criterion = text(determination, "criterion");
    let (outcome, heading, meaning) = match determination.get("outcome").and_then(Value::as_str) {
        Some("originating") => (
            "originating",
            match &criterion {
                Some(c) => ctx.t_with("exporter.outcome.originating_with", &[("criterion", c)]),
                None => ctx.t("exporter.outcome.originating").to_owned(),
            },
            ctx.t("exporter.outcome.originating.meaning"),
        ),
        Some("not_originating") => (
            "not_originating",
            ctx.t("exporter.outcome.not_originating").to_owned(),
            ctx.t("exporter.outcome.not_originating.meaning"),
        ),
        _ => (
            "undetermined",
            ctx.t("exporter.outcome.undetermined").to_owned(),
            ctx.t("exporter.outcome.undetermined.meaning"),
        ),
    };
    let steps = steps(ctx, determination);
    let english = steps.iter().any(|s: &Step| s.english);
    Explanation {
        outcome,
        heading,
        meaning,
        rule_set: text(determination, "rule_set"),
        rule: text(determination, "rule"),
        steps,
        missing: strings(determination, "missing").iter().map(|p| missing_words(ctx, p)).collect(),
        warnings: strings(determination, "warnings").iter().map(|w| rows_numbered(w)).collect(),
        variants: strings(determination, "variants"),
        english,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::i18n::Lang;

    #[test]
    fn steps_get_their_verdict_and_rows_their_numbers() {
        let ctx = PageCtx::for_tests(Lang::En);
        let determination = serde_json::json!({
            "outcome": "not_originating", "criterion": null, "rule_set": "ex Chapter 87", "rule": "MAXNOM 50%",
            "trace": [
                "materials[0] 871491 frames, value 60.01: non-originating (from CN, no originating claim).",
                "Rule set 'ex Chapter 87' (Annex 22-03, ex Chapter 87) applies to 871200: MAXNOM 50%",
                "Alternative 1 of 2: the value of all non-originating materials does not exceed 50% of the ex-works \
                 price: not met (non-originating value 100.01 of ex-works price 200 = 50.00% > 50%).",
                "Alternative 2 of 2: manufacture from a change of heading: met.",
                "Processes done are not given, so the insufficient-operations test cannot be made.",
                "Outcome: not originating."
            ],
            "missing": ["materials[1].value", "processes"], "warnings": []
        });
        let explained = explain(&ctx, &determination);
        assert_eq!(explained.outcome, "not_originating");
        assert!(explained.steps[0].text.starts_with("row 1 871491"), "{}", explained.steps[0].text);
        let kinds: Vec<&str> = explained.steps.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, ["info", "rule", "not-met", "met", "unknown", "outcome"]);
        assert_eq!(explained.steps[2].verdict, "Not met");
        assert!(explained.steps[2].alternative && !explained.steps[1].alternative);
        assert_eq!(explained.missing, ["Row 2: Value", "The processes carried out"]);
    }
}
