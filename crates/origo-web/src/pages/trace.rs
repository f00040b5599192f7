//! The engine's steps (`steps` of a determination: a key and named parameters per trace line) said in the page's
//! language: `trace.<key>` of the catalogue with its `{placeholders}` filled, numbers and dates written as the
//! language writes them, a condition's atom in plain words (`trace.words.*`), what it found (`trace.finding.*`) and
//! the facts it needs as the form names them. The verdict of a step comes from its key. A step the catalogue does
//! not know (a newer engine) gives `None`, and the caller shows the English line instead.

use std::str::FromStr;

use origo_rules::rule::{Basis, Level, Rule};
use origo_rules::selection::{SelItem, Selection};
use rust_decimal::Decimal;
use serde_json::Value;

use super::context::PageCtx;
use super::i18n::{fill, lookup};

/// What a step says about the rule: the CSS class of its verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Met,
    Tolerance,
    NotMet,
    Unknown,
    Rule,
    Outcome,
    Info,
}

impl Verdict {
    /// The verdict of a step, from its key.
    pub fn of(key: &str) -> Verdict {
        match key {
            "condition.met" | "tolerance.allowed" | "operations.sufficient" => Verdict::Met,
            "condition.met_within_tolerance" => Verdict::Tolerance,
            "condition.not_met"
            | "tolerance.none"
            | "tolerance.excluded_chapter"
            | "tolerance.not_allowed"
            | "operations.none"
            | "operations.insufficient"
            | "operations.insufficient_scheme_list" => Verdict::NotMet,
            "condition.unknown" | "tolerance.incomplete" | "operations.not_given" => Verdict::Unknown,
            k if k.starts_with("rule_set.applies") || k.starts_with("rule_set.manual") => Verdict::Rule,
            k if k.starts_with("outcome.") => Verdict::Outcome,
            _ => Verdict::Info,
        }
    }
}

/// A step in words.
#[derive(Debug, Clone)]
pub struct Said {
    pub text: String,
    pub verdict: Verdict,
    /// `(n, count)` for a step of alternative n of count.
    pub alternative: Option<(String, String)>,
}

/// The parameters that are not placeholders: the caller shows the alternative.
pub const PRESENTED_APART: [&str; 2] = ["alternative", "alternatives"];

/// Parameters whose value is an amount or a percentage.
const NUMBERS: [&str; 11] =
    ["price", "value", "total", "share", "max", "min", "amount", "whole", "non_originating", "originating", "count"];

fn param<'v>(step: &'v Value, name: &str) -> &'v str {
    step.get("params").and_then(|p| p.get(name)).and_then(Value::as_str).unwrap_or("")
}

/// `step` in the page's language, or `None` when the catalogue has no text for its key.
pub fn say(ctx: &PageCtx, step: &Value, needs: impl Fn(&str) -> String) -> Option<Said> {
    let key = step.get("key")?.as_str()?;
    let template = lookup(ctx.lang, &format!("trace.{key}"))?;
    let params = step.get("params")?.as_object()?;
    let condition = key.starts_with("condition.");
    let mut args: Vec<(String, String)> = Vec::with_capacity(params.len());
    for (name, value) in params {
        let value = value.as_str().unwrap_or("");
        let said = match name.as_str() {
            "alternative" | "alternatives" => continue,
            "rule" if condition => Rule::parse(value).map(|r| rule_words(ctx, &r)).unwrap_or_else(|_| value.to_owned()),
            "finding" if value.is_empty() => String::new(),
            "finding" => format!(" ({})", finding(ctx, value, step)?),
            "needs" if value.is_empty() => String::new(),
            "needs" => {
                let paths: Vec<String> = value.split(", ").map(&needs).collect();
                ctx.t_with("trace.needs", &[("needs", &paths.join(", "))])
            }
            _ => value_words(ctx, name, value),
        };
        args.push((name.clone(), said));
    }
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let alternative = Some((param(step, "alternative"), param(step, "alternatives")))
        .filter(|(n, _)| !n.is_empty())
        .map(|(n, c)| (n.to_owned(), c.to_owned()));
    Some(Said { text: fill(template, &args), verdict: Verdict::of(key), alternative })
}

/// What a condition found, with the finding's own parameters from the step.
fn finding(ctx: &PageCtx, key: &str, step: &Value) -> Option<String> {
    let template = lookup(ctx.lang, &format!("trace.finding.{key}"))?;
    let params = step.get("params")?.as_object()?;
    let args: Vec<(String, String)> = params
        .iter()
        .map(|(name, value)| (name.clone(), value_words(ctx, name, value.as_str().unwrap_or(""))))
        .collect();
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    Some(fill(template, &args))
}

/// A parameter's value as the page writes it: numbers and dates in the language's way, codes named.
fn value_words(ctx: &PageCtx, name: &str, value: &str) -> String {
    match name {
        "weight" if value.is_empty() => ctx.t("trace.not_given").to_owned(),
        "weight" => ctx.t_with("trace.kg", &[("weight", &number(ctx, value))]),
        "basis" => match value {
            "fob" => ctx.t("trace.basis.fob").to_owned(),
            "weight" => ctx.t("trace.basis.weight").to_owned(),
            _ => ctx.t("trace.basis.ex_works").to_owned(),
        },
        "date" => date_words(ctx, value),
        n if NUMBERS.contains(&n) && value.is_empty() => ctx.t("trace.not_given").to_owned(),
        n if NUMBERS.contains(&n) => number(ctx, value),
        // Written after the code when given: "871491 frames".
        "description" if value.is_empty() => String::new(),
        "description" => format!(" {value}"),
        "hs" if value.is_empty() => ctx.t("trace.not_given").to_owned(),
        "process" => value.replace('_', " "),
        _ => value.to_owned(),
    }
}

/// `2026-05-11` as the language writes a date.
fn date_words(ctx: &PageCtx, value: &str) -> String {
    let mut parts = value.splitn(3, '-').map(str::parse::<u16>);
    let date = match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) => time::Month::try_from(m as u8)
            .ok()
            .and_then(|month| time::Date::from_calendar_date(i32::from(y), month, d as u8).ok()),
        _ => None,
    };
    date.map_or_else(|| value.to_owned(), |d| ctx.date(d))
}

fn number(ctx: &PageCtx, value: &str) -> String {
    Decimal::from_str(value).map(|d| ctx.decimal(&d)).unwrap_or_else(|_| value.to_owned())
}

/// A selection in words: "Chapter 39, headings 5208 to 5212 and fabric".
fn selection_words(ctx: &PageCtx, selection: &Selection) -> String {
    let items: Vec<String> = selection
        .0
        .iter()
        .map(|item| match item {
            SelItem::Chapters(a, b) if a == b => ctx.t_with("trace.words.chapter", &[("a", &a.to_string())]),
            SelItem::Chapters(a, b) => {
                ctx.t_with("trace.words.chapters", &[("a", &a.to_string()), ("b", &b.to_string())])
            }
            SelItem::Headings(a, b) if a == b => ctx.t_with("trace.words.heading", &[("a", &format!("{a:04}"))]),
            SelItem::Headings(a, b) => {
                ctx.t_with("trace.words.headings", &[("a", &format!("{a:04}")), ("b", &format!("{b:04}"))])
            }
            SelItem::Subheadings(a, b) if a == b => ctx.t_with("trace.words.subheading", &[("a", &format!("{a:06}"))]),
            SelItem::Subheadings(a, b) => {
                ctx.t_with("trace.words.subheadings", &[("a", &format!("{a:06}")), ("b", &format!("{b:06}"))])
            }
            SelItem::Group(name) => name.replace('_', " "),
        })
        .collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => ctx.t_with("trace.words.and", &[("a", &init.join(", ")), ("b", last)]),
    }
}

fn basis_words(ctx: &PageCtx, basis: Basis) -> &'static str {
    match basis {
        Basis::ExWorks => ctx.t("trace.basis.ex_works"),
        Basis::Fob => ctx.t("trace.basis.fob"),
    }
}

/// A rule in plain words in the page's language (as `Rule::words` says it in English).
pub fn rule_words(ctx: &PageCtx, rule: &Rule) -> String {
    let percent = |p: &Decimal| number(ctx, &p.normalize().to_string());
    match rule {
        Rule::AnyOf(rules) => {
            rules.iter().map(|r| wrapped(ctx, r)).collect::<Vec<_>>().join(&format!("{} ", ctx.t("trace.words.or")))
        }
        Rule::AllOf(rules) => rules
            .iter()
            .map(|r| wrapped(ctx, r))
            .collect::<Vec<_>>()
            .join(&format!("{} ", ctx.t("trace.words.and_also"))),
        Rule::WhollyObtained => ctx.t("trace.words.wholly_obtained").to_owned(),
        Rule::MaterialsWhollyObtained(sel) => {
            ctx.t_with("trace.words.materials_wholly_obtained", &[("selection", &selection_words(ctx, sel))])
        }
        Rule::Change { level, except, allow, same_max_percent } => {
            let mut text = match level {
                Level::None => ctx.t("trace.words.change.any").to_owned(),
                Level::Chapter => ctx.t("trace.words.change.chapter").to_owned(),
                Level::Heading => ctx.t("trace.words.change.heading").to_owned(),
                Level::Subheading => ctx.t("trace.words.change.subheading").to_owned(),
            };
            if let Some(sel) = except {
                text.push_str(&ctx.t_with("trace.words.except", &[("selection", &selection_words(ctx, sel))]));
            }
            if let Some(sel) = allow {
                text.push_str(&ctx.t_with("trace.words.allow", &[("selection", &selection_words(ctx, sel))]));
            }
            if let Some(max) = same_max_percent {
                text.push_str(&ctx.t_with("trace.words.same_max", &[("max", &percent(max))]));
            }
            text
        }
        Rule::From(sel) => ctx.t_with("trace.words.from", &[("selection", &selection_words(ctx, sel))]),
        Rule::MaxNonOriginatingValue { max_percent, of: None } => {
            ctx.t_with("trace.words.maxnom", &[("max", &percent(max_percent))])
        }
        Rule::MaxNonOriginatingValue { max_percent, of: Some(sel) } => ctx.t_with(
            "trace.words.maxnom_of",
            &[("selection", &selection_words(ctx, sel)), ("max", &percent(max_percent))],
        ),
        Rule::MaxWeight { max_percent, of, basis: None } => {
            ctx.t_with("trace.words.maxwt", &[("selection", &selection_words(ctx, of)), ("max", &percent(max_percent))])
        }
        Rule::MaxWeight { max_percent, of, basis: Some(basis) } => ctx.t_with(
            "trace.words.maxwt_of",
            &[
                ("selection", &selection_words(ctx, of)),
                ("max", &percent(max_percent)),
                ("basis", &selection_words(ctx, basis)),
            ],
        ),
        Rule::RegionalValueContent { min_percent, of: None, basis } => {
            ctx.t_with("trace.words.rvc", &[("basis", basis_words(ctx, *basis)), ("min", &percent(min_percent))])
        }
        Rule::RegionalValueContent { min_percent, of: Some(sel), basis } => ctx.t_with(
            "trace.words.rvc_of",
            &[
                ("basis", basis_words(ctx, *basis)),
                ("selection", &selection_words(ctx, sel)),
                ("min", &percent(min_percent)),
            ],
        ),
        Rule::MinOriginatingValue { min_percent, basis } => {
            ctx.t_with("trace.words.minom", &[("basis", basis_words(ctx, *basis)), ("min", &percent(min_percent))])
        }
        Rule::NonOriginatingWithinOriginating => ctx.t("trace.words.nom_om").to_owned(),
        Rule::Process(id) => ctx.t_with("trace.words.process", &[("process", &id.replace('_', " "))]),
        Rule::AtLeast { count, processes } => {
            let list = processes.iter().map(|p| p.replace('_', " ")).collect::<Vec<_>>().join(", ");
            ctx.t_with("trace.words.at_least", &[("count", &count.to_string()), ("processes", &list)])
        }
    }
}

fn wrapped(ctx: &PageCtx, rule: &Rule) -> String {
    match rule {
        Rule::AnyOf(_) | Rule::AllOf(_) => format!("({})", rule_words(ctx, rule)),
        atom => rule_words(ctx, atom),
    }
}

#[cfg(test)]
mod tests;
