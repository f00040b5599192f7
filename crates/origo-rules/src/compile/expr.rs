//! Building typed rules (`crate::rule::Rule`) from the pieces the patterns recognise. The compiler never writes
//! rule text by hand: it builds `Rule` values and lets the language's own `Display` print the canonical form, so
//! every emitted rule parses and round-trips by construction.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::process::{self, ProcessKind};
use crate::rule::{Level, Rule};
use crate::selection::Selection;

/// `A | B | ...`, flattening nested alternatives; one alternative is itself.
pub fn any_of(rules: Vec<Rule>) -> Rule {
    let mut flat = Vec::new();
    for rule in rules {
        match rule {
            Rule::AnyOf(inner) => flat.extend(inner),
            other => flat.push(other),
        }
    }
    if flat.len() == 1 { flat.remove(0) } else { Rule::AnyOf(flat) }
}

/// Whether a rule is the bare `ANY` atom, which places no condition at all.
fn is_bare_any(rule: &Rule) -> bool {
    matches!(rule, Rule::Change { level: Level::None, except: None, allow: None, same_max_percent: None })
}

/// `A & B & ...`, flattening nested conjunctions. A bare `ANY` next to other conditions is dropped: "manufacture
/// from materials of any heading, in which ..." means just the conditions.
pub fn all_of(rules: Vec<Rule>) -> Rule {
    let mut flat = Vec::new();
    for rule in rules {
        match rule {
            Rule::AllOf(inner) => flat.extend(inner),
            other => flat.push(other),
        }
    }
    if flat.len() > 1 {
        flat.retain(|r| !is_bare_any(r));
    }
    if flat.len() == 1 { flat.remove(0) } else { Rule::AllOf(flat) }
}

/// A change-of-classification atom with its modifiers.
pub fn change(level: Level, except: Option<Selection>, allow: Option<Selection>, same: Option<Decimal>) -> Rule {
    Rule::Change { level, except, allow, same_max_percent: same }
}

pub fn maxnom(percent: Decimal, of: Option<Selection>) -> Rule {
    Rule::MaxNonOriginatingValue { max_percent: percent, of }
}

pub fn maxwt(percent: Decimal, of: Selection, basis: Option<Selection>) -> Rule {
    Rule::MaxWeight { max_percent: percent, of, basis }
}

/// `P(id)`, only for ids of the working vocabulary: an unknown id is a compiler bug, not legal text.
pub fn process(id: &str) -> Rule {
    assert_eq!(process::kind(id), Some(ProcessKind::Working), "'{id}' is not a working process id");
    Rule::Process(id.to_string())
}

/// A selection of one named group, `[@name]`.
pub fn group(name: &str) -> Selection {
    Selection::parse(&format!("@{name}")).expect("group names are identifiers")
}

/// Reads "47.5%" or "70" as a decimal percentage; `None` when it is not one.
pub fn percent(text: &str) -> Option<Decimal> {
    let number = text.trim().trim_end_matches('%').trim();
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let value = Decimal::from_str(number).ok()?;
    (value <= Decimal::ONE_HUNDRED).then_some(value)
}

/// Joins two selections into one (`[a]` and `[b]` give `[a,b]`).
pub fn join(a: &Selection, b: &Selection) -> Selection {
    Selection(a.0.iter().chain(b.0.iter()).cloned().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conjunction_drops_bare_any_and_keeps_precedence() {
        let cth = change(Level::Heading, None, None, None);
        let any = change(Level::None, None, None, None);
        let rule = all_of(vec![any.clone(), maxwt(Decimal::from(40), group("sugar"), None)]);
        assert_eq!(rule.to_string(), "MAXWT 40%[@sugar]");
        assert_eq!(all_of(vec![any.clone()]).to_string(), "ANY");
        let either = any_of(vec![process("weaving"), process("knitting")]);
        let rule = any_of(vec![all_of(vec![either, process("making_up")]), cth]);
        assert_eq!(rule.to_string(), "(P(weaving) | P(knitting)) & P(making_up) | CTH");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent("47.5%"), Some(Decimal::from_str("47.5").unwrap()));
        assert_eq!(percent("70"), Some(Decimal::from(70)));
        assert_eq!(percent("150%"), None);
        assert_eq!(percent("x%"), None);
    }
}
