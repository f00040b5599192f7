//! Originating status of each material: claims count only where the scheme lets them count.

use rust_decimal::Decimal;

use std::fmt::Write;

use super::Trace;
use super::numbers::write_decimal;
use crate::case::{Case, Material};
use crate::pack::RulePack;

/// Status of a material for the rules, which apply to non-originating materials only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Wholly obtained in the exporting country.
    WhollyObtained,
    /// Originating in the exporting country or, by cumulation, in a partner.
    Originating,
    NonOriginating,
}

/// A material as the rules see it.
#[derive(Debug, Clone)]
pub struct Resolved<'c> {
    pub index: usize,
    pub material: &'c Material,
    pub status: Status,
}

impl Resolved<'_> {
    pub fn value(&self) -> Option<Decimal> {
        self.material.value
    }
}

/// Resolves every material's status, noting the cumulation used and void claims.
pub fn resolve<'c>(
    case: &'c Case,
    pack: &RulePack,
    branch: &str,
    trace: &mut Trace,
    warnings: &mut Vec<String>,
    cumulation: &mut Vec<String>,
) -> Vec<Resolved<'c>> {
    let exporter = case.exporting_country.as_str();
    let mut out = Vec::with_capacity(case.materials.len());
    for (index, material) in case.materials.iter().enumerate() {
        let origin = material.origin.as_deref();
        let claims_wo = material.wholly_obtained == Some(true);
        let claims_originating = claims_wo || material.originating == Some(true);
        let partner = origin.and_then(|o| if o == exporter { None } else { pack.cumulation_for(o, branch) });
        let status = if claims_wo && origin == Some(exporter) {
            Status::WhollyObtained
        } else if claims_originating && origin == Some(exporter) {
            Status::Originating
        } else if let (true, Some(partner)) = (claims_originating, partner) {
            if !cumulation.contains(&partner.label) {
                cumulation.push(partner.label.clone());
            }
            Status::Originating
        } else {
            if claims_originating {
                let from = origin.unwrap_or("an unstated country");
                warnings.push(format!(
                    "materials[{index}]: the claim of originating status is void: {from} is neither the exporting \
                     country {exporter} nor a cumulation partner of {}; the material counts as non-originating",
                    pack.scheme
                ));
            }
            Status::NonOriginating
        };
        describe(trace, index, material);
        let line = trace.open();
        // Writing into a String cannot fail.
        let (key, country, partner) = match status {
            Status::WhollyObtained => {
                let _ = write!(line, ": wholly obtained in {exporter}.");
                ("material.wholly_obtained", Some(exporter), None)
            }
            Status::Originating if origin == Some(exporter) => {
                let _ = write!(line, ": originating in {exporter}.");
                ("material.originating", Some(exporter), None)
            }
            Status::Originating => {
                let partner = partner.map(|p| p.label.as_str()).unwrap_or("cumulation");
                let _ = write!(line, ": originating in {} ({partner}).", origin.unwrap_or("?"));
                ("material.originating_cumulation", Some(origin.unwrap_or("?")), Some(partner))
            }
            Status::NonOriginating if claims_originating => {
                line.push_str(": non-originating (void claim).");
                ("material.non_originating.void_claim", None, None)
            }
            Status::NonOriginating if origin.is_none() => {
                line.push_str(": non-originating (origin unknown).");
                ("material.non_originating.origin_unknown", None, None)
            }
            Status::NonOriginating => {
                let _ = write!(line, ": non-originating (from {}, no originating claim).", origin.unwrap_or("?"));
                ("material.non_originating", origin, None)
            }
        };
        if let Some(country) = country {
            trace.param("country", country);
        }
        if let Some(partner) = partner {
            trace.param("partner", partner);
        }
        trace.close(key);
        out.push(Resolved { index, material, status });
    }
    out
}

/// Writes the start of a material's line (`materials[0] 871491 frames, value 60.01, 2.5 kg`) and the same facts
/// as the step's parameters (empty when not given), copied from the line rather than formatted twice.
fn describe(trace: &mut Trace, index: usize, material: &Material) {
    trace.param_number("row", index + 1);
    let text = trace.open();
    text.push_str("materials[");
    text.push_str(itoa::Buffer::new().format(index));
    text.push_str("] ");
    match material.hs {
        Some(hs) => {
            let start = text.len();
            // Writing into a String cannot fail.
            let _ = write!(text, "{hs}");
            trace.param_since("hs", start);
        }
        None => {
            text.push_str("HS not given");
            trace.param("hs", "");
        }
    }
    match &material.description {
        Some(description) => {
            let text = trace.open();
            text.push(' ');
            text.push_str(description);
            trace.param("description", description);
        }
        None => trace.param("description", ""),
    }
    match material.value {
        Some(value) => {
            let text = trace.open();
            text.push_str(", value ");
            let start = text.len();
            write_decimal(text, value);
            trace.param_since("value", start);
        }
        None => trace.param("value", ""),
    }
    match material.weight_kg {
        Some(weight) => {
            let text = trace.open();
            text.push_str(", ");
            let start = text.len();
            write_decimal(text, weight);
            trace.param_since("weight", start);
            trace.open().push_str(" kg");
        }
        None => trace.param("weight", ""),
    }
}
