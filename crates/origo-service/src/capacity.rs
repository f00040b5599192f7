//! A producer's declared annual production capacity, part of its REX registration (applied for and modified with
//! the rest of the Annex 22-06 data, so kept in the registration's history and audited with it). The risk engine
//! compares the quantities exported of a subheading in a year with it (docs/RISK.md, "capacity").
//!
//! Each line: a six-digit HS 2022 subheading (exact: a heading alone is refused, since the items it is compared
//! with are subheadings), a quantity greater than 0, the unit `kg` (the engine compares net weights in
//! kilograms), an optional note; one line per subheading. A trader declares none.

use origo_store::exporters::{Activity, CapacityLine, ExporterData};
use rust_decimal::Decimal;

/// At most this many lines in one registration.
pub const MAX_LINES: usize = 200;

/// A note longer than this is refused.
pub const MAX_NOTE: usize = 500;

/// A wrong capacity line: `field` is its path (`capacity[2].hs`), lines counted from 0 as in the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapacityError {
    pub field: String,
    pub message: String,
}

fn wrong(field: impl Into<String>, message: impl Into<String>) -> CapacityError {
    CapacityError { field: field.into(), message: message.into() }
}

/// The unit as stored: kilograms however written (`kg`, `KGM`, `kgs`, `kilograms`), `None` for any other unit.
pub fn kilogram_unit(unit: &str) -> Option<&'static str> {
    matches!(unit.trim().to_ascii_lowercase().as_str(), "kg" | "kgm" | "kgs" | "kilogram" | "kilograms").then_some("kg")
}

/// Checks the capacity lines of `data` and returns the data with them tidied (codes and notes trimmed, the unit
/// written `kg`, an empty note dropped).
pub fn normalised(mut data: ExporterData) -> Result<ExporterData, CapacityError> {
    if data.activity == Activity::Trading && !data.capacity.is_empty() {
        return Err(wrong(
            "capacity",
            "a trader declares no production capacity: only a producer (main activity: production) does",
        ));
    }
    if data.capacity.len() > MAX_LINES {
        return Err(wrong("capacity", format!("at most {MAX_LINES} lines")));
    }
    let mut tidy: Vec<CapacityLine> = Vec::with_capacity(data.capacity.len());
    for (i, line) in data.capacity.iter().enumerate() {
        let at = |name: &str| format!("capacity[{i}].{name}");
        let hs = line.hs.trim();
        let is_subheading = hs.len() == 6
            && hs.bytes().all(|b| b.is_ascii_digit())
            && origo_rules::hs::HsCode::parse(hs)
                .is_ok_and(|code| origo_rules::hs::Nomenclature::hs2022().contains(code));
        if !is_subheading {
            return Err(wrong(at("hs"), format!("'{hs}' is not a six-digit HS 2022 subheading")));
        }
        if let Some(first) = tidy.iter().position(|l| l.hs == hs) {
            return Err(wrong(at("hs"), format!("{hs} is already declared on line {first}")));
        }
        if line.quantity <= Decimal::ZERO {
            return Err(wrong(at("quantity"), "must be greater than zero"));
        }
        let Some(unit) = kilogram_unit(&line.unit) else {
            return Err(wrong(at("unit"), "must be kg: capacity is compared with net weights in kilograms"));
        };
        let note = line.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
        if note.is_some_and(|n| n.chars().count() > MAX_NOTE) {
            return Err(wrong(at("note"), format!("at most {MAX_NOTE} characters")));
        }
        tidy.push(CapacityLine {
            hs: hs.to_owned(),
            quantity: line.quantity.normalize(),
            unit: unit.to_owned(),
            note: note.map(str::to_owned),
        });
    }
    data.capacity = tidy;
    Ok(data)
}

/// The declared annual capacity (kg) of `hs` (exact six-digit match), for a producer.
pub fn declared_for(data: &ExporterData, hs: &str) -> Option<Decimal> {
    if data.activity != Activity::Production {
        return None;
    }
    data.capacity.iter().find(|line| line.hs == hs && kilogram_unit(&line.unit).is_some()).map(|line| line.quantity)
}
