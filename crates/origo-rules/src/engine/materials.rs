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
        let line = trace.open();
        describe(line, index, material);
        // Writing into a String cannot fail.
        let _ = match status {
            Status::WhollyObtained => write!(line, ": wholly obtained in {exporter}."),
            Status::Originating if origin == Some(exporter) => write!(line, ": originating in {exporter}."),
            Status::Originating => write!(
                line,
                ": originating in {} ({}).",
                origin.unwrap_or("?"),
                partner.map(|p| p.label.as_str()).unwrap_or("cumulation")
            ),
            Status::NonOriginating if claims_originating => write!(line, ": non-originating (void claim)."),
            Status::NonOriginating if origin.is_none() => write!(line, ": non-originating (origin unknown)."),
            Status::NonOriginating => {
                write!(line, ": non-originating (from {}, no originating claim).", origin.unwrap_or("?"))
            }
        };
        trace.close();
        out.push(Resolved { index, material, status });
    }
    out
}

fn describe(text: &mut String, index: usize, material: &Material) {
    // Writing into a String cannot fail.
    text.push_str("materials[");
    text.push_str(itoa::Buffer::new().format(index));
    text.push_str("] ");
    match material.hs {
        Some(hs) => {
            let _ = write!(text, "{hs}");
        }
        None => text.push_str("HS not given"),
    }
    if let Some(description) = &material.description {
        text.push(' ');
        text.push_str(description);
    }
    if let Some(value) = material.value {
        text.push_str(", value ");
        write_decimal(text, value);
    }
    if let Some(weight) = material.weight_kg {
        text.push_str(", ");
        write_decimal(text, weight);
        text.push_str(" kg");
    }
}
