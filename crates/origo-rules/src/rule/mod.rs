//! The typed rule language: product-specific rules as written in rule packs (see docs/RULE-LANGUAGE.md).
//!
//! `parse` reads the canonical text form, `Display` writes it back (lossless round trip), `words` renders a rule
//! in plain words for the trace.

mod display;
mod parse;
mod words;

use rust_decimal::Decimal;

use crate::selection::Selection;

pub use parse::ParseError;

/// The tariff-classification level a change must reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// `ANY`: materials of any heading, no change required.
    None,
    /// `CC`: change of chapter.
    Chapter,
    /// `CTH`: change of heading.
    Heading,
    /// `CTSH`: change of subheading.
    Subheading,
}

/// The price a value percentage is taken of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Basis {
    /// The ex-works price (`product.ex_works_price`); written as nothing.
    #[default]
    ExWorks,
    /// The free-on-board value (`product.fob_value`); written ` FOB`.
    Fob,
}

/// A product-specific rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Rule {
    /// `A | B | ...`: any alternative suffices.
    AnyOf(Vec<Rule>),
    /// `A & B & ...`: every condition must hold.
    AllOf(Vec<Rule>),
    /// `WO`: the product itself is wholly obtained.
    WhollyObtained,
    /// `WO[sel]`: all the materials of `sel` used are wholly obtained.
    MaterialsWhollyObtained(Selection),
    /// `CC`, `CTH`, `CTSH`, `ANY` with their modifiers.
    Change { level: Level, except: Option<Selection>, allow: Option<Selection>, same_max_percent: Option<Decimal> },
    /// `FROM[sel]`: every non-originating material is within `sel`.
    From(Selection),
    /// `MAXNOM n%` or `MAXNOM n%[sel]`.
    MaxNonOriginatingValue { max_percent: Decimal, of: Option<Selection> },
    /// `MAXWT n%[sel]` or `MAXWT n%[sel] OF[basis]`.
    MaxWeight { max_percent: Decimal, of: Selection, basis: Option<Selection> },
    /// `RVC n%`, `RVC n%[sel]`, `RVC n% FOB`: regional value content by the build-down method, the price less the
    /// value of the non-originating materials (of `sel` only: the focused-value method) is at least n% of the price.
    RegionalValueContent { min_percent: Decimal, of: Option<Selection>, basis: Basis },
    /// `MINOM n%`, `MINOM n% FOB`: regional value content by the build-up method, the value of the originating
    /// materials is at least n% of the price.
    MinOriginatingValue { min_percent: Decimal, basis: Basis },
    /// `NOM<=OM`: the value of the non-originating materials does not exceed the value of the originating ones.
    NonOriginatingWithinOriginating,
    /// `P(id)`.
    Process(String),
    /// `ATLEAST n (id, ...)`.
    AtLeast { count: u32, processes: Vec<String> },
}

impl Rule {
    /// Parses the canonical text form.
    pub fn parse(text: &str) -> Result<Rule, ParseError> {
        parse::parse(text)
    }

    /// The rule in plain English words.
    pub fn words(&self) -> String {
        words::words(self)
    }

    /// Every selection the rule mentions, for resolving groups at pack load.
    pub fn selections(&self) -> Vec<&Selection> {
        let mut out = Vec::new();
        self.visit_selections(&mut out);
        out
    }

    fn visit_selections<'a>(&'a self, out: &mut Vec<&'a Selection>) {
        match self {
            Rule::AnyOf(rules) | Rule::AllOf(rules) => rules.iter().for_each(|r| r.visit_selections(out)),
            Rule::MaterialsWhollyObtained(sel) | Rule::From(sel) => out.push(sel),
            Rule::Change { except, allow, .. } => out.extend(except.iter().chain(allow.iter())),
            Rule::MaxNonOriginatingValue { of, .. } | Rule::RegionalValueContent { of, .. } => out.extend(of.iter()),
            Rule::MaxWeight { of, basis, .. } => {
                out.push(of);
                out.extend(basis.iter());
            }
            Rule::WhollyObtained
            | Rule::Process(_)
            | Rule::AtLeast { .. }
            | Rule::MinOriginatingValue { .. }
            | Rule::NonOriginatingWithinOriginating => {}
        }
    }

    /// Every process id the rule mentions.
    pub fn processes(&self) -> Vec<&str> {
        match self {
            Rule::AnyOf(rules) | Rule::AllOf(rules) => rules.iter().flat_map(Rule::processes).collect(),
            Rule::Process(id) => vec![id.as_str()],
            Rule::AtLeast { processes, .. } => processes.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// The rule as a disjunction of conjunctions of atoms: each inner list is one way to satisfy it.
    pub fn alternatives(&self) -> Vec<Vec<Rule>> {
        match self {
            Rule::AnyOf(rules) => rules.iter().flat_map(Rule::alternatives).collect(),
            Rule::AllOf(rules) => rules.iter().fold(vec![Vec::new()], |acc, rule| {
                let mut next = Vec::new();
                for left in &acc {
                    for right in rule.alternatives() {
                        let mut both = left.clone();
                        both.extend(right);
                        next.push(both);
                    }
                }
                next
            }),
            atom => vec![vec![atom.clone()]],
        }
    }
}
