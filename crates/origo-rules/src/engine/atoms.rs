//! Evaluating one atom of a rule against the case, giving a verdict, the materials it forbids (which the
//! general tolerance may still let in), the facts it misses, and the figures it computed.

use rust_decimal::Decimal;

use super::materials::{Resolved, Status};
use super::numbers::write_decimal;
use crate::case::Case;
use crate::hs::HsCode;
use crate::pack::Atom;
use crate::rule::{Basis, Level, Rule};
use crate::selection::{Membership, Ranges};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Met,
    NotMet,
    Unknown,
}

/// The outcome of one atom.
#[derive(Debug, Default)]
pub struct AtomResult {
    pub verdict: Option<Verdict>,
    /// Indices of materials the atom forbids; the general tolerance may let them in.
    pub forbidden: Vec<usize>,
    pub missing: Vec<String>,
    /// What was found, in words.
    pub finding: String,
    /// What was found as a step: a key of `steps::FINDING_KINDS` (empty when nothing was found) and its parameters.
    pub finding_key: &'static str,
    pub finding_params: Vec<(&'static str, String)>,
}

impl AtomResult {
    pub fn verdict(&self) -> Verdict {
        self.verdict.unwrap_or(Verdict::Met)
    }

    /// Records what was found, replacing an earlier finding.
    fn found(&mut self, key: &'static str, params: Vec<(&'static str, String)>, words: String) {
        self.finding = words;
        self.finding_key = key;
        self.finding_params = params;
    }

    /// Records what was found and that the condition is not met.
    fn failed(&mut self, key: &'static str, params: Vec<(&'static str, String)>, words: &str) {
        fail(self, words);
        self.finding_key = key;
        self.finding_params = params;
    }
}

fn comparison(met: bool, at_most: bool) -> &'static str {
    match (met, at_most) {
        (true, true) => "<=",
        (false, true) => ">",
        (true, false) => ">=",
        (false, false) => "<",
    }
}

pub struct Context<'a> {
    pub case: &'a Case,
    pub materials: &'a [Resolved<'a>],
    /// Whether the product's wholly-obtained claim stands.
    pub product_wholly_obtained: Option<bool>,
    /// What the determination uses of the pack's doubtful figures.
    pub used: &'a super::caveats::Used,
}

fn percent(part: Decimal, whole: Decimal) -> Decimal {
    (part * Decimal::ONE_HUNDRED / whole).round_dp(2)
}

fn missing_path(index: usize, field: &str) -> String {
    format!("materials[{index}].{field}")
}

/// Where a non-originating material's code lies in a selection; `None` when its code is unknown or too coarse.
fn inside(ranges: &Ranges, hs: Option<HsCode>) -> Option<bool> {
    match ranges.membership(hs?) {
        Membership::Inside => Some(true),
        Membership::Outside => Some(false),
        Membership::Partly => None,
    }
}

/// Whether a material's classification differs from the product's at `level`; `None` if it cannot tell.
fn changes(level: Level, product: HsCode, material: HsCode) -> Option<bool> {
    match level {
        Level::None => Some(true),
        Level::Chapter => Some(material.chapter() != product.chapter()),
        Level::Heading => Some(material.heading() != product.heading()),
        Level::Subheading => match material.subheading() {
            Some(sub) => Some(Some(sub) != product.subheading()),
            None if material.heading() != product.heading() => Some(true),
            None => None,
        },
    }
}

pub fn evaluate(atom: &Atom, cx: &Context<'_>) -> AtomResult {
    let mut result = AtomResult::default();
    let non_originating = cx.materials.iter().filter(|m| m.status == Status::NonOriginating);
    match &atom.rule {
        Rule::WhollyObtained => match cx.product_wholly_obtained {
            Some(true) => result.found("wholly_obtained", Vec::new(), "the product is wholly obtained".into()),
            Some(false) => result.failed("not_wholly_obtained", Vec::new(), "the product is not wholly obtained"),
            None => unknown(&mut result, "wholly_obtained".into()),
        },
        Rule::MaterialsWhollyObtained(_) => {
            let ranges = &atom.ranges[0];
            let mut rows = Vec::new();
            for m in non_originating {
                match inside(ranges, m.material.hs) {
                    Some(true) => {
                        fail(&mut result, &format!("materials[{}] is non-originating", m.index));
                        rows.push(m.index);
                    }
                    Some(false) => {}
                    None => unknown(&mut result, missing_path(m.index, "hs")),
                }
            }
            if !rows.is_empty() {
                result.finding_key = "materials_not_wholly_obtained";
                result.finding_params = vec![("rows", row_list(&rows))];
            }
        }
        Rule::Change { level, except, allow, same_max_percent } => {
            change(&mut result, atom, cx, *level, except.is_some(), allow.is_some(), *same_max_percent)
        }
        Rule::From(_) => {
            for m in non_originating {
                match inside(&atom.ranges[0], m.material.hs) {
                    Some(true) => {}
                    Some(false) => result.forbidden.push(m.index),
                    None => unknown(&mut result, missing_path(m.index, "hs")),
                }
            }
            if !result.forbidden.is_empty() {
                let words = format!("not made from the specified materials: {}", list(&result.forbidden));
                result.found("not_from", vec![("rows", row_list(&result.forbidden))], words);
            }
        }
        Rule::MaxNonOriginatingValue { max_percent, of } => {
            let Some(price) = cx.case.product.ex_works_price else {
                unknown(&mut result, "product.ex_works_price".into());
                return result;
            };
            let mut total = Decimal::ZERO;
            for m in non_originating {
                let counted = if of.is_some() { inside(&atom.ranges[0], m.material.hs) } else { Some(true) };
                match (counted, m.value()) {
                    (Some(false), _) => {}
                    (None, _) => unknown(&mut result, missing_path(m.index, "hs")),
                    (Some(true), Some(value)) => total += value,
                    (Some(true), None) => unknown(&mut result, missing_path(m.index, "value")),
                }
            }
            if result.verdict.is_none() {
                let share = percent(total, price);
                let met = total * Decimal::ONE_HUNDRED <= *max_percent * price;
                let (cmp, max) = (comparison(met, true), max_percent.normalize());
                let finding =
                    format!("non-originating value {total} of ex-works price {price} = {share}% {cmp} {max}%");
                let params = vec![
                    ("total", decimal_text(total)),
                    ("price", decimal_text(price)),
                    ("share", decimal_text(share)),
                    ("cmp", cmp.to_string()),
                    ("max", decimal_text(max)),
                ];
                conclude(&mut result, met, "maxnom", params, finding);
            }
        }
        Rule::MaxWeight { max_percent, basis, .. } => {
            let mut total = Decimal::ZERO;
            for m in non_originating {
                match (inside(&atom.ranges[0], m.material.hs), m.material.weight_kg) {
                    (Some(false), _) => {}
                    (None, _) => unknown(&mut result, missing_path(m.index, "hs")),
                    (Some(true), Some(weight)) => total += weight,
                    (Some(true), None) => unknown(&mut result, missing_path(m.index, "weight_kg")),
                }
            }
            let whole = match basis {
                None => cx.case.product.weight_kg.ok_or_else(|| "product.weight_kg".to_string()),
                Some(_) => basis_weight(&atom.ranges[1], cx, &mut result),
            };
            match whole {
                Err(path) => unknown(&mut result, path),
                Ok(whole) if result.verdict.is_none() => {
                    let met = total * Decimal::ONE_HUNDRED <= *max_percent * whole;
                    let share = if whole.is_zero() { Decimal::ZERO } else { percent(total, whole) };
                    let (cmp, max) = (comparison(met, true), max_percent.normalize());
                    let finding = format!("non-originating weight {total} kg of {whole} kg = {share}% {cmp} {max}%");
                    let params = vec![
                        ("total", decimal_text(total)),
                        ("whole", decimal_text(whole)),
                        ("share", decimal_text(share)),
                        ("cmp", cmp.to_string()),
                        ("max", decimal_text(max)),
                    ];
                    conclude(&mut result, met, "maxwt", params, finding);
                }
                Ok(_) => {}
            }
        }
        Rule::RegionalValueContent { min_percent, of, basis } => {
            let Some(price) = price(cx, *basis, &mut result) else { return result };
            let total = sum_values(cx, Status::NonOriginating, of.as_ref().map(|_| &atom.ranges[0]), &mut result);
            if result.verdict.is_none() {
                // (price - total) >= min% of price, without division.
                let met = (price - total) * Decimal::ONE_HUNDRED >= *min_percent * price;
                let (content, share) = (price - total, percent(price - total, price));
                let (cmp, min) = (comparison(met, false), min_percent.normalize());
                let finding = format!(
                    "regional value content {content} of {} {price} = {share}% {cmp} {min}%",
                    basis_name(*basis)
                );
                let params = vec![
                    ("total", decimal_text(content)),
                    ("basis", basis_code(*basis).to_string()),
                    ("price", decimal_text(price)),
                    ("share", decimal_text(share)),
                    ("cmp", cmp.to_string()),
                    ("min", decimal_text(min)),
                ];
                conclude(&mut result, met, "rvc", params, finding);
            }
        }
        Rule::MinOriginatingValue { min_percent, basis } => {
            let Some(price) = price(cx, *basis, &mut result) else { return result };
            let total = sum_values(cx, Status::Originating, None, &mut result);
            if result.verdict.is_none() {
                let met = total * Decimal::ONE_HUNDRED >= *min_percent * price;
                let share = percent(total, price);
                let (cmp, min) = (comparison(met, false), min_percent.normalize());
                let finding =
                    format!("originating materials {total} of {} {price} = {share}% {cmp} {min}%", basis_name(*basis));
                let params = vec![
                    ("total", decimal_text(total)),
                    ("basis", basis_code(*basis).to_string()),
                    ("price", decimal_text(price)),
                    ("share", decimal_text(share)),
                    ("cmp", cmp.to_string()),
                    ("min", decimal_text(min)),
                ];
                conclude(&mut result, met, "minom", params, finding);
            }
        }
        Rule::NonOriginatingWithinOriginating => {
            let non_originating = sum_values(cx, Status::NonOriginating, None, &mut result);
            let originating = sum_values(cx, Status::Originating, None, &mut result);
            if result.verdict.is_none() {
                let met = non_originating <= originating;
                let cmp = comparison(met, true);
                let finding =
                    format!("non-originating materials {non_originating} {cmp} originating materials {originating}");
                let params = vec![
                    ("non_originating", decimal_text(non_originating)),
                    ("cmp", cmp.to_string()),
                    ("originating", decimal_text(originating)),
                ];
                conclude(&mut result, met, "nom_om", params, finding);
            }
        }
        Rule::Process(id) => match &cx.case.processes {
            None => unknown(&mut result, "processes".into()),
            Some(done) if done.iter().any(|p| p == id) => {
                result.found("process_done", vec![("process", id.clone())], format!("{id} done"))
            }
            Some(_) => result.failed("process_not_done", vec![("process", id.clone())], &format!("{id} not done")),
        },
        Rule::AtLeast { count, processes } => match &cx.case.processes {
            None => unknown(&mut result, "processes".into()),
            Some(done) => {
                let n = processes.iter().filter(|p| done.contains(p)).count();
                let finding = format!("{n} of the listed operations done, {count} needed");
                let params = vec![("done", n.to_string()), ("count", count.to_string())];
                conclude(&mut result, n >= *count as usize, "at_least", params, finding);
            }
        },
        Rule::AnyOf(_) | Rule::AllOf(_) => unreachable!("alternatives hold atoms only"),
    }
    result
}

/// The price a value atom is taken of; `None` (with the fact missing) when the case does not give it.
fn price(cx: &Context<'_>, basis: Basis, result: &mut AtomResult) -> Option<Decimal> {
    let (value, path) = match basis {
        Basis::ExWorks => (cx.case.product.ex_works_price, "product.ex_works_price"),
        Basis::Fob => (cx.case.product.fob_value, "product.fob_value"),
    };
    if value.is_none() {
        unknown(result, path.into());
    }
    value
}

/// The basis as a step parameter names it.
fn basis_code(basis: Basis) -> &'static str {
    match basis {
        Basis::ExWorks => "ex_works",
        Basis::Fob => "fob",
    }
}

fn basis_name(basis: Basis) -> &'static str {
    match basis {
        Basis::ExWorks => "ex-works price",
        Basis::Fob => "FOB value",
    }
}

/// The value of the materials of one side: non-originating ones (within `within` when given), or originating
/// ones (wholly obtained included). Missing codes or values make the result unknown.
fn sum_values(cx: &Context<'_>, side: Status, within: Option<&Ranges>, result: &mut AtomResult) -> Decimal {
    let mut total = Decimal::ZERO;
    for m in cx.materials {
        let on_side = match side {
            Status::NonOriginating => m.status == Status::NonOriginating,
            _ => m.status != Status::NonOriginating,
        };
        if !on_side {
            continue;
        }
        let counted = match within {
            Some(ranges) => inside(ranges, m.material.hs),
            None => Some(true),
        };
        match (counted, m.value()) {
            (Some(false), _) => {}
            (None, _) => unknown(result, missing_path(m.index, "hs")),
            (Some(true), Some(value)) => total += value,
            (Some(true), None) => unknown(result, missing_path(m.index, "value")),
        }
    }
    total
}

fn basis_weight(ranges: &Ranges, cx: &Context<'_>, result: &mut AtomResult) -> Result<Decimal, String> {
    let mut whole = Decimal::ZERO;
    for m in cx.materials {
        match (inside(ranges, m.material.hs), m.material.weight_kg) {
            (Some(false), _) => {}
            (None, _) => unknown(result, missing_path(m.index, "hs")),
            (Some(true), Some(weight)) => whole += weight,
            (Some(true), None) => unknown(result, missing_path(m.index, "weight_kg")),
        }
    }
    Ok(whole)
}

fn change(
    result: &mut AtomResult,
    atom: &Atom,
    cx: &Context<'_>,
    level: Level,
    has_except: bool,
    has_allow: bool,
    same_max_percent: Option<Decimal>,
) {
    let product = cx.case.product.hs;
    let except = has_except.then(|| &atom.ranges[0]);
    let allow = has_allow.then(|| &atom.ranges[usize::from(has_except)]);
    let mut same = Vec::new();
    for m in cx.materials.iter().filter(|m| m.status == Status::NonOriginating) {
        let Some(hs) = m.material.hs else {
            unknown(result, missing_path(m.index, "hs"));
            continue;
        };
        if let Some(except) = except {
            match inside(except, Some(hs)) {
                Some(true) => {
                    result.forbidden.push(m.index);
                    continue;
                }
                Some(false) => {}
                None => {
                    unknown(result, missing_path(m.index, "hs"));
                    continue;
                }
            }
        }
        if allow.is_some_and(|allow| inside(allow, Some(hs)) == Some(true)) {
            continue;
        }
        match changes(level, product, hs) {
            Some(true) => {}
            Some(false) => same.push(m.index),
            None => unknown(result, missing_path(m.index, "hs")),
        }
    }
    if !result.forbidden.is_empty() {
        let words = format!("excepted materials used: {}", list(&result.forbidden));
        result.found("excepted_materials", vec![("rows", row_list(&result.forbidden))], words);
    }
    if same.is_empty() {
        return;
    }
    let Some(max) = same_max_percent else {
        let words = format!("materials without the required change: {}", list(&same));
        result.found("no_change", vec![("rows", row_list(&same))], words);
        result.forbidden.extend(same);
        return;
    };
    let Some(price) = cx.case.product.ex_works_price else {
        unknown(result, "product.ex_works_price".into());
        return;
    };
    let mut total = Decimal::ZERO;
    for &i in &same {
        match cx.materials[i].value() {
            Some(value) => total += value,
            None => unknown(result, missing_path(i, "value")),
        }
    }
    if result.verdict == Some(Verdict::Unknown) {
        return;
    }
    let met = total * Decimal::ONE_HUNDRED <= max * price;
    let (share, cmp, max) = (percent(total, price), comparison(met, true), max.normalize());
    let finding = format!(
        "materials without the change ({}) worth {total} = {share}% of the ex-works price {cmp} {max}%",
        list(&same)
    );
    let mut params = vec![
        ("rows", row_list(&same)),
        ("total", decimal_text(total)),
        ("share", decimal_text(share)),
        ("cmp", cmp.to_string()),
        ("max", decimal_text(max)),
    ];
    // Not met after excepted materials were found: the line says both.
    let key = if !met && !result.forbidden.is_empty() {
        params.insert(0, ("excepted", row_list(&result.forbidden)));
        "excepted_and_no_change_over"
    } else {
        "no_change_within"
    };
    conclude(result, met, key, params, finding);
}

/// Records the finding of a computed condition, met or not.
fn conclude(result: &mut AtomResult, met: bool, key: &'static str, params: Vec<(&'static str, String)>, words: String) {
    if met { result.found(key, params, words) } else { result.failed(key, params, &words) }
}

/// Rows counted from 1, as a step parameter lists them: `1, 3`.
fn row_list(indices: &[usize]) -> String {
    let mut out = String::with_capacity(indices.len() * 4);
    for (n, i) in indices.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        out.push_str(itoa::Buffer::new().format(i + 1));
    }
    out
}

/// Materials as the trace names them: `materials[0], materials[2]` (written without a string per item: this runs
/// for every condition evaluated).
fn list(indices: &[usize]) -> String {
    let mut out = String::with_capacity(indices.len() * 14);
    for (n, i) in indices.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        out.push_str("materials[");
        out.push_str(itoa::Buffer::new().format(*i));
        out.push(']');
    }
    out
}

/// A decimal parameter as the line prints it (`Display`'s digits, written without `Display`'s slow path).
fn decimal_text(value: Decimal) -> String {
    let mut out = String::with_capacity(24);
    write_decimal(&mut out, value);
    out
}

fn fail(result: &mut AtomResult, finding: &str) {
    result.verdict = Some(Verdict::NotMet);
    if result.finding.is_empty() {
        result.finding = finding.to_string();
    } else {
        result.finding.push_str("; ");
        result.finding.push_str(finding);
    }
}

fn unknown(result: &mut AtomResult, path: String) {
    if result.verdict != Some(Verdict::NotMet) {
        result.verdict = Some(Verdict::Unknown);
    }
    if !result.missing.contains(&path) {
        result.missing.push(path);
    }
}
