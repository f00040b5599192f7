//! What the indicators look at: one export record (the six CSV columns) and the facts an application adds to it
//! (the exporter's role, the origin margin used, capacity, inputs, verification record, supplier declarations).
//!
//! Facts the caller does not know stay `None` or empty, and the indicators that need them stay silent.

use std::fmt;

use rust_decimal::Decimal;
use time::Date;

/// A six-digit HS subheading, kept as its number (`610910` -> 610910) so history keys are cheap to hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hs6(u32);

impl Hs6 {
    /// Reads an HS code of 6 to 10 digits (a national tariff line keeps its subheading, the first six digits).
    /// Chapter 00 and chapters above 97 do not exist.
    pub fn parse(text: &str) -> Option<Hs6> {
        let bytes = text.as_bytes();
        if !(6..=10).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let number = bytes[..6].iter().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
        let hs = Hs6(number);
        (1..=97).contains(&hs.chapter()).then_some(hs)
    }

    pub fn number(self) -> u32 {
        self.0
    }

    /// The two-digit chapter (61 for 610910).
    pub fn chapter(self) -> u32 {
        self.0 / 10_000
    }

    /// Whether the code starts with the digits of `prefix` (2 to 6 digits: "7607", "760711").
    pub fn starts_with(self, prefix: &str) -> bool {
        let text = self.to_string();
        text.starts_with(prefix)
    }
}

impl fmt::Display for Hs6 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06}", self.0)
    }
}

/// An ISO 3166-1 alpha-2 country code, upper case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Country([u8; 2]);

impl Country {
    /// Two ASCII letters, either case.
    pub fn parse(text: &str) -> Option<Country> {
        match text.as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
                Some(Country([a.to_ascii_uppercase(), b.to_ascii_uppercase()]))
            }
            _ => None,
        }
    }

    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One export as the history CSV has it (`exporter,date,hs,quantity,value,destination`): quantity in the
/// display unit of the configuration (kg by default), value in its currency (USD by default).
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRecord {
    pub exporter: String,
    pub date: Date,
    pub hs: Hs6,
    /// Greater than zero.
    pub quantity: Decimal,
    /// Zero or more.
    pub value: Decimal,
    pub destination: Country,
}

impl ExportRecord {
    /// Value per unit of quantity, to 6 decimal places (quantity is never zero in a valid record).
    pub fn unit_value(&self) -> Decimal {
        if self.quantity.is_zero() { Decimal::ZERO } else { (self.value / self.quantity).round_dp(6) }
    }
}

/// Whether the exporter makes the goods or trades them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExporterRole {
    Producer,
    Trader,
}

/// The MaxNOM margin used by a determination: non-originating materials as a percentage of the price, and the
/// ceiling of the rule (`MaxNOM 50%` -> 50).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MaxNomUse {
    pub used_percent: Decimal,
    pub ceiling_percent: Decimal,
}

/// A material of the bill and where it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct InputOrigin {
    pub hs: Hs6,
    pub country: Country,
}

/// The exporter's record in earlier verifications.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VerificationRecord {
    /// Verifications whose result was "not originating" or "not authentic".
    pub failed: u32,
    /// Requests for information or verification the exporter left unanswered.
    pub unanswered: u32,
}

/// What post-clearance control flagged about the exporter (over-use or use in two countries of its certificates)
/// and the revoked supplier declarations its proofs relied on, resolved flags included: resolving a flag does not
/// undo what happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ControlRecord {
    /// Certificates used at import beyond the quantity certified.
    pub over_use: u32,
    /// Certificates used in a second importing country.
    pub double_country_use: u32,
    /// Revoked supplier declarations that a certificate or application of the exporter relied on.
    pub revoked_supplier_declarations: u32,
}

/// A supplier's declaration the application relies on, and when it stops being valid.
#[derive(Clone, Debug, PartialEq)]
pub struct SupplierDeclaration {
    pub reference: String,
    pub expires: Date,
}

/// Everything the indicators need about one application (or one export record of a history).
#[derive(Clone, Debug, PartialEq)]
pub struct ApplicationFacts {
    /// A stable identifier (the application's id): random selection is drawn from it and the seed.
    pub id: String,
    pub export: ExportRecord,
    /// The preference scheme claimed (`eu-gsp`, `uk-dcts`, ...); `None` when not known (a bare export record).
    pub scheme: Option<String>,
    pub role: Option<ExporterRole>,
    /// When the exporter was registered; without it the first export on record stands for the exporter's age.
    pub exporter_registered: Option<Date>,
    pub max_nom: Option<MaxNomUse>,
    /// The producer's declared capacity for this subheading, in the quantity unit, per year.
    pub declared_annual_capacity: Option<Decimal>,
    pub inputs: Vec<InputOrigin>,
    pub verifications: VerificationRecord,
    pub supplier_declarations: Vec<SupplierDeclaration>,
    pub control: ControlRecord,
}

impl ApplicationFacts {
    /// The facts of a bare export record: nothing known beyond the six columns.
    pub fn from_export(id: impl Into<String>, export: ExportRecord) -> ApplicationFacts {
        ApplicationFacts {
            id: id.into(),
            export,
            scheme: None,
            role: None,
            exporter_registered: None,
            max_nom: None,
            declared_annual_capacity: None,
            inputs: Vec::new(),
            verifications: VerificationRecord::default(),
            supplier_declarations: Vec::new(),
            control: ControlRecord::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hs_codes_keep_their_subheading() {
        assert_eq!(Hs6::parse("610910").map(Hs6::number), Some(610910));
        assert_eq!(Hs6::parse("6109100010").map(|h| h.to_string()), Some("610910".to_owned()));
        assert_eq!(Hs6::parse("010121").map(|h| h.to_string()), Some("010121".to_owned()));
        assert_eq!(Hs6::parse("61091"), None);
        assert_eq!(Hs6::parse("6109.10"), None);
        assert_eq!(Hs6::parse("000000"), None);
        assert_eq!(Hs6::parse("990000"), None);
        assert!(Hs6::parse("760711").unwrap().starts_with("7607"));
        assert!(!Hs6::parse("760711").unwrap().starts_with("7606"));
    }

    #[test]
    fn countries_are_two_letters() {
        assert_eq!(Country::parse("de").map(|c| c.to_string()), Some("DE".to_owned()));
        assert_eq!(Country::parse("DEU"), None);
        assert_eq!(Country::parse("D1"), None);
    }
}
