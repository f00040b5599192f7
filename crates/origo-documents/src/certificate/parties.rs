//! Who is named on a certificate: country codes, REX numbers, exporter, consignee, issuing body, and the dated
//! acts of the exporter (declaration) and of the certifying body (certification).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::serde_text::serde_as_text;

/// An ISO 3166-1 alpha-2 code as written on certificates (`UZ`). Only the shape is checked here; whether the code
/// is assigned is the registry's business, not the document's.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode(String);

/// A text that is not two capital letters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a two-letter country code")]
pub struct CountryCodeError(pub String);

impl CountryCode {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for CountryCode {
    type Err = CountryCodeError;

    fn from_str(text: &str) -> Result<CountryCode, CountryCodeError> {
        if text.len() == 2 && text.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(CountryCode(text.to_owned()))
        } else {
            Err(CountryCodeError(text.to_owned()))
        }
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A registered exporter number: `^[A-Z]{2}REX[A-Z0-9]{1,30}$` (two letters of the registering country, `REX`,
/// then 1 to 30 capitals or digits), e.g. `UZREX201234567`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RexNumber(String);

/// A text that is not a REX number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a REX number (two capitals, `REX`, then 1 to 30 capitals or digits)")]
pub struct RexNumberError(pub String);

impl RexNumber {
    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The registering country, the first two letters.
    pub fn country(&self) -> &str {
        &self.0[..2]
    }
}

impl FromStr for RexNumber {
    type Err = RexNumberError;

    fn from_str(text: &str) -> Result<RexNumber, RexNumberError> {
        let b = text.as_bytes();
        let ok = (6..=35).contains(&b.len())
            && b[..2].iter().all(u8::is_ascii_uppercase)
            && &b[2..5] == b"REX"
            && b[5..].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if ok { Ok(RexNumber(text.to_owned())) } else { Err(RexNumberError(text.to_owned())) }
    }
}

impl fmt::Display for RexNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

serde_as_text!(CountryCode, RexNumber);

/// A named party with an address: consignee, supplier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Name as registered.
    pub name: String,
    /// Full postal address, one line.
    pub address: String,
    /// Country of the address.
    pub country: CountryCode,
}

/// The exporter: a party with its tax number and, when registered, its REX number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exporter {
    /// Name as registered.
    pub name: String,
    /// Full postal address, one line.
    pub address: String,
    /// Country of the address.
    pub country: CountryCode,
    /// Taxpayer identification number (Uzbekistan: the 9-digit INN/STIR).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tin: Option<String>,
    /// REX number, when the exporter is registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rex: Option<RexNumber>,
}

/// The body that issues the certificate (a certifying body such as a chamber or Uzbekexpertiza). Statements on
/// origin and origin declarations are made out by the exporter and have none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuingBody {
    /// Name of the body.
    pub name: String,
    /// Country of the body.
    pub country: CountryCode,
    /// Address, when printed on the certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// Transport details, as far as known when the certificate is made out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transport {
    /// Means of transport (`road`, `rail`, `air`, `sea`, or a vehicle/flight identifier).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub means: Option<String>,
    /// Route, e.g. `Tashkent - Almaty`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    /// Port or place of loading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port_of_loading: Option<String>,
    /// Port or place of discharge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port_of_discharge: Option<String>,
    /// Date of departure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departure_date: Option<Date>,
}

/// The exporter's declaration: place, date and who signed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// Place of the declaration.
    pub place: String,
    /// Date of the declaration.
    pub date: Date,
    /// Name (and function) of the signatory.
    pub signatory: String,
}

/// The certifying body's certification: place, date, officer, and the seal's reference when one is used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    /// Place of certification.
    pub place: String,
    /// Date of certification (the date of issue).
    pub date: Date,
    /// The certifying officer.
    pub officer: String,
    /// Reference of the seal (electronic certificates carry a signature instead of a stamp).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rex_numbers_follow_the_pattern() {
        for good in ["MMREX00071", "DEREX87500013", "UZREX1", "UZREX123456789012345678901234567890"] {
            assert!(good.parse::<RexNumber>().is_ok(), "{good}");
        }
        for bad in
            ["UZREX", "uzREX1", "UZREX12a", "U1REX1", "UZRXX1", "UZREX1234567890123456789012345678901", "UZ REX1"]
        {
            assert!(bad.parse::<RexNumber>().is_err(), "{bad}");
        }
        assert_eq!("UZREX42".parse::<RexNumber>().unwrap().country(), "UZ");
    }
}
