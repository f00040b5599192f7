//! Trying every alternative of a rule: each is a conjunction of atoms; materials the atoms forbid may still be
//! used within the general tolerance, which never lifts a percentage written in the rule.

use rust_decimal::Decimal;

use super::Trace;
use super::atoms::{self, Context, Verdict};
use crate::pack::{Atom, CompiledRule, RulePack};

/// The best verdict over the rule's alternatives and, if undetermined, the facts missing.
pub fn evaluate(pack: &RulePack, rule: &CompiledRule, cx: &Context<'_>, trace: &mut Trace) -> (Verdict, Vec<String>) {
    let count = rule.alternatives.len();
    let mut missing = Vec::new();
    let mut best = Verdict::NotMet;
    // Every alternative is tried, even after one is met, so that the trace shows the officer the whole rule.
    for (n, atoms) in rule.alternatives.iter().enumerate() {
        let verdict = conjunction(pack, atoms, cx, trace, &mut missing, n + 1, count);
        match verdict {
            Verdict::Met => best = Verdict::Met,
            Verdict::Unknown if best != Verdict::Met => best = Verdict::Unknown,
            _ => {}
        }
    }
    if best != Verdict::Unknown {
        missing.clear();
    }
    (best, missing)
}

fn conjunction(
    pack: &RulePack,
    atoms: &[Atom],
    cx: &Context<'_>,
    trace: &mut Trace,
    missing: &mut Vec<String>,
    n: usize,
    count: usize,
) -> Verdict {
    let prefix = if count > 1 { format!("Alternative {n} of {count}: ") } else { String::new() };
    let alternative = Alternative { n, count };
    let mut verdict = Verdict::Met;
    let mut forbidden: Vec<usize> = Vec::new();
    let mut own_missing = Vec::new();
    for atom in atoms {
        let result = atoms::evaluate(atom, cx);
        let (key, word) = match result.verdict() {
            Verdict::Met if !result.forbidden.is_empty() => {
                ("condition.met_within_tolerance", "met only within the tolerance")
            }
            Verdict::Met => ("condition.met", "met"),
            Verdict::NotMet => ("condition.not_met", "not met"),
            Verdict::Unknown => ("condition.unknown", "cannot be decided"),
        };
        let finding = if result.finding.is_empty() { String::new() } else { format!(" ({})", result.finding) };
        let needs = result.missing.join(", ");
        let missing_words = if needs.is_empty() { String::new() } else { format!("; needs {needs}") };
        alternative.params(trace);
        trace.param("rule", &atom.text);
        trace.param("finding", result.finding_key);
        for (name, value) in &result.finding_params {
            trace.param(name, value);
        }
        trace.param("needs", &needs);
        trace.line(key, format_args!("{prefix}{}: {word}{finding}{missing_words}.", atom.words));
        verdict = combine(verdict, result.verdict());
        for i in result.forbidden {
            if !forbidden.contains(&i) {
                forbidden.push(i);
            }
        }
        own_missing.extend(result.missing);
    }
    if !forbidden.is_empty() && verdict != Verdict::NotMet {
        let tolerance = tolerance(pack, &forbidden, cx, trace, &mut own_missing, &prefix, alternative);
        verdict = combine(verdict, tolerance);
    }
    if verdict == Verdict::Unknown {
        for path in own_missing {
            if !missing.contains(&path) {
                missing.push(path);
            }
        }
    }
    verdict
}

/// Which alternative of how many a step belongs to; the parameters are empty for a rule of one alternative.
#[derive(Clone, Copy)]
struct Alternative {
    n: usize,
    count: usize,
}

impl Alternative {
    fn params(self, trace: &mut Trace) {
        if self.count > 1 {
            trace.param_number("alternative", self.n);
            trace.param_number("alternatives", self.count);
        } else {
            trace.param("alternative", "");
            trace.param("alternatives", "");
        }
    }
}

fn combine(a: Verdict, b: Verdict) -> Verdict {
    match (a, b) {
        (Verdict::NotMet, _) | (_, Verdict::NotMet) => Verdict::NotMet,
        (Verdict::Unknown, _) | (_, Verdict::Unknown) => Verdict::Unknown,
        _ => Verdict::Met,
    }
}

/// The general tolerance: forbidden materials may be used up to a share of the ex-works price (or, for the
/// chapters the scheme names, of the product's weight).
fn tolerance(
    pack: &RulePack,
    forbidden: &[usize],
    cx: &Context<'_>,
    trace: &mut Trace,
    missing: &mut Vec<String>,
    prefix: &str,
    alternative: Alternative,
) -> Verdict {
    cx.used.tolerance.set(true);
    let product = &cx.case.product;
    let Some(tolerance) = &pack.tolerance else {
        alternative.params(trace);
        trace.line(
            "tolerance.none",
            format_args!("{prefix}the scheme has no general tolerance: the forbidden materials exclude origin."),
        );
        return Verdict::NotMet;
    };
    if tolerance.excluded.specificity(product.hs).is_some() {
        alternative.params(trace);
        trace.param_fmt("chapter", format_args!("{}", product.hs.chapter()));
        trace.line("tolerance.excluded_chapter", format_args!(
            "{prefix}the general tolerance does not apply to products of Chapter {}: the forbidden materials exclude origin.",
            product.hs.chapter()
        ));
        return Verdict::NotMet;
    }
    let by_weight = tolerance.weight_chapters.specificity(product.hs).is_some()
        && tolerance.weight_excluded.specificity(product.hs).is_none();
    let (basis, basis_path, unit) = if by_weight {
        (product.weight_kg, "product.weight_kg", "weight of the product")
    } else {
        (product.ex_works_price, "product.ex_works_price", "ex-works price")
    };
    let mut total = Decimal::ZERO;
    let mut complete = true;
    for &i in forbidden {
        let material = cx.materials[i].material;
        let (amount, field) = if by_weight { (material.weight_kg, "weight_kg") } else { (material.value, "value") };
        match amount {
            Some(amount) => total += amount,
            None => {
                complete = false;
                missing.push(format!("materials[{i}].{field}"));
            }
        }
    }
    let Some(basis) = basis else {
        missing.push(basis_path.to_string());
        return Verdict::Unknown;
    };
    if !complete {
        alternative.params(trace);
        trace.line(
            "tolerance.incomplete",
            format_args!("{prefix}the general tolerance cannot be checked without the forbidden materials' amounts."),
        );
        return Verdict::Unknown;
    }
    let limit = tolerance.value_percent;
    let met = total * Decimal::ONE_HUNDRED <= limit * basis;
    let share = (total * Decimal::ONE_HUNDRED / basis).round_dp(2);
    alternative.params(trace);
    trace.param_decimal("total", total);
    trace.param_decimal("share", share);
    trace.param("basis", if by_weight { "weight" } else { "ex_works" });
    trace.param_decimal("amount", basis);
    trace.param_decimal("max", limit.normalize());
    trace.line(
        if met { "tolerance.allowed" } else { "tolerance.not_allowed" },
        format_args!(
            "{prefix}general tolerance: forbidden materials {total} = {share}% of the {unit} {basis} {} {}%: {}.",
            if met { "<=" } else { ">" },
            limit.normalize(),
            if met { "allowed" } else { "not allowed" }
        ),
    );
    if met { Verdict::Met } else { Verdict::NotMet }
}
