//! The origin engine: given a validated case and the scheme's rule pack, decides whether the product is
//! originating and explains why, rule by rule.
//!
//! Order of reasoning: the scheme must be in force; each material's status is resolved (claims count only
//! from the exporting country or a cumulation partner); a valid wholly-obtained claim gives criterion P;
//! otherwise the most specific rule set applies (variants are tried side by side); every alternative of its rule
//! is tried, with the general tolerance for forbidden materials; and the insufficient-operations gate has the
//! last word.

mod alternatives;
mod atoms;
mod caveats;
mod materials;
mod numbers;
mod result;
pub mod steps;
mod trace;

use std::collections::BTreeMap;

use crate::case::{Case, CaseInput, InputError};
use crate::hs::Nomenclature;
use crate::pack::{Candidate, RulePack};
use crate::process;

pub use atoms::Verdict;
pub use materials::Status;
pub use result::{Determination, Outcome};
pub use steps::{FINDING_KINDS, STEP_KINDS, StepKind};
pub use trace::{Step, Steps, Trace};

/// The packs of every scheme the engine knows, with the nomenclature for validation.
#[derive(Debug)]
pub struct Engine {
    packs: BTreeMap<String, RulePack>,
    nomenclature: &'static Nomenclature,
}

impl Engine {
    pub fn new(packs: impl IntoIterator<Item = RulePack>) -> Engine {
        let packs = packs.into_iter().map(|p| (p.scheme.clone(), p)).collect();
        Engine { packs, nomenclature: Nomenclature::hs2022() }
    }

    pub fn pack(&self, scheme: &str) -> Option<&RulePack> {
        self.packs.get(scheme)
    }

    pub fn schemes(&self) -> impl Iterator<Item = &str> {
        self.packs.keys().map(String::as_str)
    }

    /// Validates a parsed case: scheme known, codes in HS 2022, countries real, amounts not negative.
    pub fn validate(&self, input: CaseInput) -> Result<Case, InputError> {
        if !self.packs.contains_key(&input.scheme) {
            let known: Vec<&str> = self.schemes().collect();
            return Err(InputError::new(
                "scheme",
                format!("unknown scheme '{}' (known: {})", input.scheme, known.join(", ")),
            ));
        }
        let case = Case::validate(input, self.nomenclature)?;
        if let Some(variant) = &case.product.variant {
            let pack = &self.packs[&case.scheme];
            let branch = pack.branch_for(&case.exporting_country).map_or("", |(key, _)| key);
            let candidates = pack.candidates(case.product.hs, branch, case.date);
            if !candidates.list.iter().any(|c| c.key == variant) {
                let keys: Vec<&str> = candidates.list.iter().map(|c| c.key).collect();
                let message = if keys.len() > 1 {
                    format!("'{variant}' is not a variant of this product's rule set (variants: {})", keys.join(", "))
                } else {
                    format!("'{variant}' is not a variant: this product's rule set has no variants")
                };
                return Err(InputError::new("product.variant", message));
            }
        }
        Ok(case)
    }

    /// Parses and validates a case from JSON.
    pub fn parse_case(&self, json: &str) -> Result<Case, InputError> {
        self.validate(Case::from_json(json)?)
    }

    /// Determines origin. Never fails: the answer is originating, not originating or undetermined.
    pub fn determine(&self, case: &Case) -> Determination {
        let pack = &self.packs[&case.scheme];
        determine(pack, case)
    }
}

/// What `missing` names when the rule set that applies is marked manual in its pack.
pub const MANUAL_EXAMINATION: &str = "manual_examination";

/// Determines origin for a validated case under one pack.
pub fn determine(pack: &RulePack, case: &Case) -> Determination {
    let used = caveats::Used::default();
    let mut d = determine_using(pack, case, &used);
    caveats::finish(pack, &used, case, &mut d);
    d
}

/// Determines origin, noting in `used` the doubtful parts of the pack the determination relies on.
fn determine_using(pack: &RulePack, case: &Case, used: &caveats::Used) -> Determination {
    let Some((branch, branch_label)) = pack.branch_for(&case.exporting_country) else {
        return not_a_beneficiary(pack, case);
    };
    let mut d = Determination {
        outcome: Outcome::NotOriginating,
        criterion: None,
        scheme: pack.scheme.clone(),
        rule_set: None,
        rule: None,
        branch: branch.to_string(),
        cumulation: Vec::new(),
        variants: Vec::new(),
        trace: Trace::with_capacity(8 + case.materials.len()),
        missing: Vec::new(),
        warnings: Vec::new(),
    };
    d.trace.param("scheme", &pack.scheme);
    d.trace.param("title", &pack.title);
    d.trace.param("country", &case.exporting_country);
    d.trace.param("branch", branch);
    d.trace.param("branch_label", branch_label);
    d.trace.param_fmt("date", format_args!("{}", case.date));
    d.trace.line(
        "scheme",
        format_args!(
            "Scheme {} ({}); exporting country {}: branch '{branch}' ({branch_label}); date {}.",
            pack.scheme, pack.title, case.exporting_country, case.date
        ),
    );
    caveats::start(pack, &mut d.trace);
    if !pack.in_force(case.date) {
        d.trace.param_fmt("date", format_args!("{}", case.date));
        d.trace.line(
            "scheme.not_in_force",
            format_args!("The scheme is not in force on {}: no preferential origin.", case.date),
        );
        d.warnings.push(format!("{} is not in force on {}", pack.scheme, case.date));
        return d;
    }
    let product = &case.product;
    d.trace.param_fmt("hs", format_args!("{}", product.hs));
    if let Some(description) = &product.description {
        d.trace.param("description", description);
    }
    match product.ex_works_price {
        Some(price) => d.trace.param_decimal("price", price),
        None => d.trace.param("price", ""),
    }
    match product.weight_kg {
        Some(weight) => d.trace.param_decimal("weight", weight),
        None => d.trace.param("weight", ""),
    }
    d.trace.line(
        if product.description.is_some() { "product.described" } else { "product" },
        format_args!(
            "Product {}{}; ex-works price {}; weight {}.",
            product.hs,
            product.description.as_deref().map(|s| format!(" {s}")).unwrap_or_default(),
            product.ex_works_price.map(|p| p.to_string()).unwrap_or_else(|| "not given".into()),
            product.weight_kg.map(|w| format!("{w} kg")).unwrap_or_else(|| "not given".into()),
        ),
    );
    warn_unknown_processes(case, &mut d.warnings);
    let materials = materials::resolve(case, pack, branch, &mut d.trace, &mut d.warnings, &mut d.cumulation);
    let product_wholly_obtained = wholly_obtained_claim(case, &materials, &mut d);
    if product_wholly_obtained == Some(true) {
        d.outcome = Outcome::Originating;
        d.criterion = Some("P".to_string());
        d.trace.push(
            "wholly_obtained.originating",
            "The product is wholly obtained in the exporting country: originating, criterion P.",
        );
        return d;
    }
    let candidates = pack.candidates(product.hs, branch, case.date);
    if candidates.list.is_empty() {
        d.trace.param("scheme", &pack.scheme);
        d.trace.param_fmt("hs", format_args!("{}", product.hs));
        d.trace.param_fmt("date", format_args!("{}", case.date));
        d.trace.line(
            "rule_set.none",
            format_args!("No rule set of {} covers {} on {}.", pack.scheme, product.hs, case.date),
        );
        d.warnings.push(format!("no rule set covers {}", product.hs));
        return d;
    }
    let chosen: Vec<&Candidate<'_>> = match &product.variant {
        Some(key) => candidates.list.iter().filter(|c| c.key == key).collect(),
        None => candidates.list.iter().collect(),
    };
    if chosen.len() > 1 {
        d.variants = chosen.iter().map(|c| c.key.to_string()).collect();
        let variants = d.variants.join(", ");
        d.trace.param("variants", &variants);
        d.trace.line("rule_set.variants", format_args!("The rule set has variants: {variants}; each is tried."));
    }
    let cx = atoms::Context { case, materials: &materials, product_wholly_obtained, used };
    let mut results = Vec::with_capacity(chosen.len());
    for candidate in &chosen {
        let mut trace = Trace::with_capacity(8);
        let (mut outcome, mut missing) = decide(pack, candidate, chosen.len() > 1, &cx, &mut trace);
        if outcome == Outcome::NotOriginating && product_wholly_obtained.is_none() {
            // The product may still be wholly obtained, which the rule and the operations do not decide.
            trace.push(
                "wholly_obtained.unknown",
                "Whether the product is wholly obtained is not said; that alone could make it originating.",
            );
            outcome = Outcome::Undetermined;
            missing = vec!["wholly_obtained".to_string()];
        }
        results.push((candidate, outcome, missing, trace));
    }
    let first = results[0].1;
    if results.iter().all(|r| r.1 == first) {
        let (candidate, outcome, _, _) = &results[0];
        d.outcome = *outcome;
        d.rule_set = Some(candidate.rule_set.label.clone());
        // A manual rule set has no rule to name.
        d.rule = candidate.rule_set.manual.is_none().then(|| candidate.rule.text.clone());
        for (_, _, missing, trace) in &mut results {
            d.trace.append(trace);
            for path in missing.drain(..) {
                if !d.missing.contains(&path) {
                    d.missing.push(path);
                }
            }
        }
    } else {
        for (_, _, _, trace) in &mut results {
            d.trace.append(trace);
        }
        d.outcome = Outcome::Undetermined;
        d.missing.push("product.variant".to_string());
        let variants = d.variants.join(", ");
        d.trace.param("variants", &variants);
        d.trace.line(
            "variants.disagree",
            format_args!("The variants disagree; give product.variant, one of: {variants}."),
        );
    }
    if d.outcome != Outcome::Undetermined {
        d.missing.clear();
    }
    if d.outcome == Outcome::Originating {
        d.criterion = Some(format!("W {}", product.hs.heading_dotted()));
    }
    let key = match d.outcome {
        Outcome::Originating => "outcome.originating",
        Outcome::NotOriginating => "outcome.not_originating",
        Outcome::Undetermined => "outcome.undetermined",
    };
    if let Some(criterion) = &d.criterion {
        d.trace.param("criterion", criterion);
    }
    d.trace.line(
        key,
        format_args!(
            "Outcome: {}{}.",
            d.outcome.as_str().replace('_', " "),
            d.criterion.as_deref().map(|c| format!(", criterion {c}")).unwrap_or_default()
        ),
    );
    d
}

/// The exporting country is in none of the scheme's country lists: the scheme gives it no preference.
fn not_a_beneficiary(pack: &RulePack, case: &Case) -> Determination {
    let mut trace = Trace::with_capacity(2);
    trace.param("scheme", &pack.scheme);
    trace.param("title", &pack.title);
    trace.param("country", &case.exporting_country);
    trace.line(
        "scheme.not_beneficiary",
        format_args!(
            "Scheme {} ({}): the exporting country {} is not a beneficiary; no preferential origin.",
            pack.scheme, pack.title, case.exporting_country
        ),
    );
    trace.push("outcome.not_originating", "Outcome: not originating.");
    Determination {
        outcome: Outcome::NotOriginating,
        criterion: None,
        scheme: pack.scheme.clone(),
        rule_set: None,
        rule: None,
        branch: String::new(),
        cumulation: Vec::new(),
        variants: Vec::new(),
        trace,
        missing: Vec::new(),
        warnings: vec![format!(
            "exporting_country: {} is not a beneficiary of {}",
            case.exporting_country, pack.scheme
        )],
    }
}

/// Checks the product's wholly-obtained claim: it stands only if every material is wholly obtained there.
fn wholly_obtained_claim(case: &Case, materials: &[materials::Resolved<'_>], d: &mut Determination) -> Option<bool> {
    let Some(claim) = case.wholly_obtained else {
        // Unsaid, the claim is settled only when a material rules it out.
        let ruled_out = materials.iter().any(|m| m.status != Status::WhollyObtained);
        return if ruled_out { Some(false) } else { None };
    };
    if !claim {
        return Some(false);
    }
    let offending: Vec<String> = materials
        .iter()
        .filter(|m| m.status != Status::WhollyObtained)
        .map(|m| format!("materials[{}]", m.index))
        .collect();
    if offending.is_empty() {
        return Some(true);
    }
    d.warnings.push(format!(
        "wholly_obtained: the claim is void because {} not wholly obtained in {}",
        offending.join(", ") + if offending.len() == 1 { " is" } else { " are" },
        case.exporting_country
    ));
    d.trace.push(
        "wholly_obtained.void_claim",
        "The wholly-obtained claim does not stand; the product-specific rule decides.",
    );
    Some(false)
}

fn warn_unknown_processes(case: &Case, warnings: &mut Vec<String>) {
    for (i, id) in case.processes.iter().flatten().enumerate() {
        if process::kind(id).is_none() {
            warnings.push(format!(
                "processes[{i}]: '{id}' is not in the process vocabulary; counted as ordinary manufacturing"
            ));
        }
    }
}

/// Decides one candidate rule set: the rule's alternatives, then the insufficient-operations gate.
fn decide(
    pack: &RulePack,
    candidate: &Candidate<'_>,
    several: bool,
    cx: &atoms::Context<'_>,
    trace: &mut Trace,
) -> (Outcome, Vec<String>) {
    let rule_set = candidate.rule_set;
    let variant = if several { format!(" [variant {}]", candidate.key) } else { String::new() };
    cx.used.tried(pack, rule_set, trace);
    trace.param("label", &rule_set.label);
    if several {
        trace.param("variant", candidate.key);
    }
    trace.param("reference", &rule_set.reference);
    trace.param_fmt("hs", format_args!("{}", cx.case.product.hs));
    if let Some(reason) = &rule_set.manual {
        trace.param("reason", reason);
        let key = if several { "rule_set.manual_variant" } else { "rule_set.manual" };
        trace.line(
            key,
            format_args!(
                "Rule set '{}'{variant} ({}) applies to {} but cannot be evaluated from the case: {reason}. It needs a \
             manual examination.",
                rule_set.label, rule_set.reference, cx.case.product.hs
            ),
        );
        // Insufficient operations still exclude origin, whatever the examination would find.
        return match insufficient_gate(pack, cx, trace) {
            Verdict::NotMet => (Outcome::NotOriginating, Vec::new()),
            Verdict::Met => (Outcome::Undetermined, vec![MANUAL_EXAMINATION.to_string()]),
            Verdict::Unknown => (Outcome::Undetermined, vec![MANUAL_EXAMINATION.to_string(), "processes".into()]),
        };
    }
    trace.param("rule", &candidate.rule.text);
    let key = if several { "rule_set.applies_variant" } else { "rule_set.applies" };
    trace.line(
        key,
        format_args!(
            "Rule set '{}'{variant} ({}) applies to {}: {}",
            rule_set.label, rule_set.reference, cx.case.product.hs, candidate.rule.text
        ),
    );
    let (verdict, missing) = alternatives::evaluate(pack, candidate.rule, cx, trace);
    let gate = insufficient_gate(pack, cx, trace);
    match (verdict, gate) {
        (Verdict::NotMet, _) => (Outcome::NotOriginating, Vec::new()),
        (_, Verdict::NotMet) => (Outcome::NotOriginating, Vec::new()),
        (Verdict::Met, Verdict::Met) => (Outcome::Originating, Vec::new()),
        (Verdict::Unknown, Verdict::Unknown) => (Outcome::Undetermined, [missing, vec!["processes".into()]].concat()),
        (Verdict::Unknown, _) => (Outcome::Undetermined, missing),
        (_, Verdict::Unknown) => (Outcome::Undetermined, vec!["processes".into()]),
    }
}

/// Insufficient operations never confer origin: when every process done is on that list, the product is not
/// originating whatever its rule says. A pack may carry its own list of them.
fn insufficient_gate(pack: &RulePack, cx: &atoms::Context<'_>, trace: &mut Trace) -> Verdict {
    let case = cx.case;
    cx.used.gate.set(true);
    let Some(processes) = &case.processes else {
        trace.push(
            "operations.not_given",
            "Processes done are not given, so the insufficient-operations test cannot be made.",
        );
        return Verdict::Unknown;
    };
    if processes.is_empty() {
        trace.push("operations.none", "No working or processing is listed: insufficient to confer origin.");
        return Verdict::NotMet;
    }
    let all_insufficient = processes.iter().all(|p| caveats::is_insufficient(pack, p));
    let done = processes.join(", ");
    trace.param("processes", &done);
    if all_insufficient {
        let (list, key) = match pack.insufficient_operations {
            Some(_) => (" of the scheme's list", "operations.insufficient_scheme_list"),
            None => ("", "operations.insufficient"),
        };
        trace.line(
            key,
            format_args!("Every operation done ({done}) is an insufficient operation{list}: they never confer origin."),
        );
        Verdict::NotMet
    } else {
        trace
            .line("operations.sufficient", format_args!("Operations done ({done}) go beyond insufficient operations."));
        Verdict::Met
    }
}
