//! The engine's determination of one goods item, laid out for the officer: the outcome in words, the criterion,
//! the rule set and its rule (in the rule language and in plain words), and the trace grouped the way the engine
//! reasoned: what it established first (scheme, product, materials), each alternative of the rule with its
//! conditions one by one, then what decided the outcome. The steps are said in the page's language from the
//! determination's `steps` ([`crate::pages::trace`]); a determination stored before the engine wrote steps (or one
//! with a step the catalogue cannot say) shows the engine's English lines, marked `lang="en"`.

use origo_rules::rule::Rule;
use origo_store::determinations::{Outcome, StoredDetermination};
use serde_json::Value;

use super::labels::outcome_key;
use crate::pages::context::PageCtx;
use crate::pages::exporter::explain::missing_words;
use crate::pages::i18n::Lang;
use crate::pages::trace;

/// A group of trace lines: the lines before the alternatives, one alternative, or the lines after them.
#[derive(Debug)]
pub struct TraceGroup {
    /// "Alternative 1 of 2", or empty for the lines around the alternatives.
    pub heading: String,
    pub lines: Vec<String>,
}

/// A determination as shown.
#[derive(Debug)]
pub struct DeterminationView {
    /// `originating`, `not_originating` or `undetermined` (the CSS class of the box).
    pub outcome: &'static str,
    pub outcome_label: &'static str,
    pub criterion: Option<String>,
    pub scheme: String,
    /// As stored with the determination (`scheme:sha256-prefix`).
    pub version: String,
    pub determined: String,
    pub rule_set: Option<String>,
    pub rule: Option<String>,
    /// The rule in plain words, in the page's language.
    pub rule_words: Option<String>,
    pub branch: Option<String>,
    pub cumulation: Vec<String>,
    pub variants: Vec<String>,
    pub groups: Vec<TraceGroup>,
    /// The groups are the engine's English lines on a page in another language.
    pub trace_english: bool,
    /// The facts the engine needed and did not have (JSON paths).
    pub missing: Vec<String>,
    pub warnings: Vec<String>,
}

fn strings(value: &Value, key: &str) -> Vec<String> {
    value
        .get(key)
        .and_then(Value::as_array)
        .map_or_else(Vec::new, |items| items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).filter(|t| !t.is_empty()).map(str::to_owned)
}

/// The alternative a trace line speaks of: `("Alternative 1 of 2", "the rest")`.
fn alternative(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("Alternative ")?;
    let colon = rest.find(": ")?;
    let head = &rest[..colon];
    let (number, total) = head.split_once(" of ")?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    (digits(number) && digits(total)).then(|| (&line[..colon + "Alternative ".len()], &rest[colon + 2..]))
}

/// The trace in groups: lines before the first alternative, each alternative, lines after.
pub fn group(lines: &[String]) -> Vec<TraceGroup> {
    let mut groups: Vec<TraceGroup> = Vec::new();
    for line in lines {
        let (heading, body) = match alternative(line) {
            Some((heading, body)) => (heading.to_owned(), body.to_owned()),
            None => (String::new(), line.clone()),
        };
        match groups.last_mut() {
            Some(last) if last.heading == heading => last.lines.push(body),
            _ => groups.push(TraceGroup { heading, lines: vec![body] }),
        }
    }
    groups
}

/// The trace in groups said in the page's language, when the determination has a step for every line and the
/// catalogue can say each of them; `None` otherwise (and on English pages, which show the engine's lines).
fn said_groups(ctx: &PageCtx, result: &Value, lines: usize) -> Option<Vec<TraceGroup>> {
    if ctx.lang == Lang::En {
        return None;
    }
    let steps = result.get("steps")?.as_array().filter(|s| s.len() == lines)?;
    let mut groups: Vec<TraceGroup> = Vec::new();
    for step in steps {
        let said = trace::say(ctx, step, |p| missing_words(ctx, p))?;
        let heading = said.alternative.as_ref().map_or_else(String::new, |(n, count)| {
            ctx.t_with("trace.alternative", &[("alternative", n), ("alternatives", count)])
        });
        match groups.last_mut() {
            Some(last) if last.heading == heading => last.lines.push(said.text),
            _ => groups.push(TraceGroup { heading, lines: vec![said.text] }),
        }
    }
    Some(groups)
}

/// The view of a stored determination.
pub fn view(ctx: &PageCtx, stored: &StoredDetermination) -> DeterminationView {
    let result = &stored.result;
    let rule = text(result, "rule");
    let parsed = rule.as_deref().and_then(|r| Rule::parse(r).ok());
    let rule_words = parsed.map(|r| if ctx.lang == Lang::En { r.words() } else { trace::rule_words(ctx, &r) });
    let lines = strings(result, "trace");
    let said = said_groups(ctx, result, lines.len());
    let trace_english = said.is_none() && ctx.lang != Lang::En;
    DeterminationView {
        outcome: stored.outcome.as_str(),
        outcome_label: ctx.t(outcome_key(stored.outcome)),
        criterion: stored.criterion.clone().filter(|_| stored.outcome == Outcome::Originating),
        scheme: stored.scheme.clone(),
        version: stored.rule_pack_version.clone(),
        determined: super::when(ctx, stored.determined_at),
        rule_set: text(result, "rule_set"),
        rule,
        rule_words,
        branch: text(result, "branch"),
        cumulation: strings(result, "cumulation"),
        variants: strings(result, "variants"),
        groups: said.unwrap_or_else(|| group(&lines)),
        trace_english,
        missing: strings(result, "missing"),
        warnings: strings(result, "warnings"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trace_is_grouped_by_alternative_in_order() {
        let lines: Vec<String> = [
            "Scheme eu-gsp; exporting country UZ.",
            "Rule set 'ex Chapter 62' applies to 620520: P(weaving) | P(printing)",
            "Alternative 1 of 2: weaving is carried out: met (weaving done).",
            "Alternative 1 of 2: making up is carried out: met (making_up done).",
            "Alternative 2 of 2: printing is carried out: not met (printing not done).",
            "Outcome: originating, criterion W 62.05.",
            "Alternative x of 2: not one of ours",
        ]
        .map(str::to_owned)
        .to_vec();
        let groups = group(&lines);
        let shape: Vec<(&str, usize)> = groups.iter().map(|g| (g.heading.as_str(), g.lines.len())).collect();
        assert_eq!(shape, [("", 2), ("Alternative 1 of 2", 2), ("Alternative 2 of 2", 1), ("", 2)]);
        assert_eq!(groups[1].lines[0], "weaving is carried out: met (weaving done).");
        assert_eq!(groups[3].lines[1], "Alternative x of 2: not one of ours");
    }
}
