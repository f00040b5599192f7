//! Plain-English rendering of rules, for the determination trace and for people reading a pack.

use super::{Basis, Level, Rule};
use crate::selection::{SelItem, Selection};

/// A selection in words: "Chapter 39, headings 5208 to 5212 and the group 'sugar'".
pub fn selection_words(selection: &Selection) -> String {
    let items: Vec<String> = selection
        .0
        .iter()
        .map(|item| match item {
            SelItem::Chapters(a, b) if a == b => format!("Chapter {a}"),
            SelItem::Chapters(a, b) => format!("Chapters {a} to {b}"),
            SelItem::Headings(a, b) if a == b => format!("heading {a:04}"),
            SelItem::Headings(a, b) => format!("headings {a:04} to {b:04}"),
            SelItem::Subheadings(a, b) if a == b => format!("subheading {a:06}"),
            SelItem::Subheadings(a, b) => format!("subheadings {a:06} to {b:06}"),
            SelItem::Group(name) => name.replace('_', " "),
        })
        .collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn level_words(level: Level) -> &'static str {
    match level {
        Level::None => "materials of any heading",
        Level::Chapter => "a change of chapter (every non-originating material from another chapter)",
        Level::Heading => "a change of heading (every non-originating material from another heading)",
        Level::Subheading => "a change of subheading (every non-originating material from another subheading)",
    }
}

pub(super) fn words(rule: &Rule) -> String {
    match rule {
        Rule::AnyOf(rules) => rules.iter().map(wrapped).collect::<Vec<_>>().join(", or "),
        Rule::AllOf(rules) => rules.iter().map(wrapped).collect::<Vec<_>>().join(", and "),
        Rule::WhollyObtained => "the product is wholly obtained".to_string(),
        Rule::MaterialsWhollyObtained(sel) => {
            format!("all the materials of {} used are wholly obtained", selection_words(sel))
        }
        Rule::Change { level, except, allow, same_max_percent } => {
            let mut text = format!("manufacture from {}", level_words(*level));
            if let Some(sel) = except {
                text.push_str(&format!(", except non-originating {}", selection_words(sel)));
            }
            if let Some(sel) = allow {
                text.push_str(&format!("; non-originating {} may nevertheless be used", selection_words(sel)));
            }
            if let Some(max) = same_max_percent {
                text.push_str(&format!(
                    "; materials not changing classification may be used up to {}% of the ex-works price",
                    max.normalize()
                ));
            }
            text
        }
        Rule::From(sel) => format!("manufacture from non-originating {} only", selection_words(sel)),
        Rule::MaxNonOriginatingValue { max_percent, of: None } => format!(
            "the value of all non-originating materials does not exceed {}% of the ex-works price",
            max_percent.normalize()
        ),
        Rule::MaxNonOriginatingValue { max_percent, of: Some(sel) } => format!(
            "the value of non-originating {} does not exceed {}% of the ex-works price",
            selection_words(sel),
            max_percent.normalize()
        ),
        Rule::MaxWeight { max_percent, of, basis: None } => format!(
            "the weight of non-originating {} does not exceed {}% of the weight of the product",
            selection_words(of),
            max_percent.normalize()
        ),
        Rule::MaxWeight { max_percent, of, basis: Some(basis) } => format!(
            "the weight of non-originating {} does not exceed {}% of the weight of all {} used",
            selection_words(of),
            max_percent.normalize(),
            selection_words(basis)
        ),
        Rule::RegionalValueContent { min_percent, of: None, basis } => format!(
            "the regional value content (the {} less the value of all non-originating materials) is at least {}% of \
             the {}",
            basis_words(*basis),
            min_percent.normalize(),
            basis_words(*basis)
        ),
        Rule::RegionalValueContent { min_percent, of: Some(sel), basis } => format!(
            "the regional value content (the {} less the value of non-originating {}) is at least {}% of the {}",
            basis_words(*basis),
            selection_words(sel),
            min_percent.normalize(),
            basis_words(*basis)
        ),
        Rule::MinOriginatingValue { min_percent, basis } => format!(
            "the value of the originating materials is at least {}% of the {}",
            min_percent.normalize(),
            basis_words(*basis)
        ),
        Rule::NonOriginatingWithinOriginating => {
            "the value of all non-originating materials does not exceed the value of the originating materials".into()
        }
        Rule::Process(id) => format!("{} is carried out", id.replace('_', " ")),
        Rule::AtLeast { count, processes } => format!(
            "at least {count} of these operations are carried out: {}",
            processes.iter().map(|p| p.replace('_', " ")).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn basis_words(basis: Basis) -> &'static str {
    match basis {
        Basis::ExWorks => "ex-works price",
        Basis::Fob => "free-on-board value",
    }
}

fn wrapped(rule: &Rule) -> String {
    match rule {
        Rule::AnyOf(_) | Rule::AllOf(_) => format!("({})", words(rule)),
        atom => words(atom),
    }
}
