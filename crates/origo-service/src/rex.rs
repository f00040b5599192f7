//! REX numbers: the registering country's ISO code, `REX`, and 1-30 upper-case letters or digits. The national
//! suffix scheme is a setting; the default is `UZREX` + the exporter's taxpayer number (TIN).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A valid REX number (`^[A-Z]{2}REX[A-Z0-9]{1,30}$`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RexNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RexError {
    #[error("'{0}' is not a REX number (two-letter country code, REX, then 1 to 30 capital letters or digits)")]
    Malformed(String),
    #[error("the TIN '{0}' cannot make a REX number: letters and digits only, 1 to 30 of them")]
    BadTin(String),
}

impl RexNumber {
    pub fn parse(text: &str) -> Result<RexNumber, RexError> {
        let bytes = text.as_bytes();
        let valid = bytes.len() >= 6
            && bytes.len() <= 35
            && bytes[..2].iter().all(u8::is_ascii_uppercase)
            && &bytes[2..5] == b"REX"
            && bytes[5..].iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if valid { Ok(RexNumber(text.to_string())) } else { Err(RexError::Malformed(text.to_string())) }
    }

    /// The registering country.
    pub fn country(&self) -> &str {
        &self.0[..2]
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for RexNumber {
    type Error = RexError;

    fn try_from(text: String) -> Result<RexNumber, RexError> {
        RexNumber::parse(&text)
    }
}

impl From<RexNumber> for String {
    fn from(number: RexNumber) -> String {
        number.0
    }
}

impl fmt::Display for RexNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The national numbering scheme: the registering country and the prefix before the exporter's TIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RexFormat {
    /// e.g. `UZREX`.
    pub prefix: String,
}

impl Default for RexFormat {
    fn default() -> RexFormat {
        RexFormat { prefix: "UZREX".to_string() }
    }
}

impl RexFormat {
    /// The REX number for an exporter's TIN (spaces and dashes dropped, letters upper-cased).
    pub fn number_for(&self, tin: &str) -> Result<RexNumber, RexError> {
        let cleaned: String = tin.chars().filter(|c| !matches!(c, ' ' | '-')).collect::<String>().to_ascii_uppercase();
        if cleaned.is_empty() || cleaned.len() > 30 || !cleaned.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(RexError::BadTin(tin.to_string()));
        }
        RexNumber::parse(&format!("{}{cleaned}", self.prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_from_the_domain_brief_parse() {
        for number in ["MMREX00071", "DEREX87500013", "UZREX301234567"] {
            assert_eq!(RexNumber::parse(number).unwrap().as_str(), number);
        }
        for bad in ["UZREX", "uzREX1", "UZRXX1", "UZREX12345678901234567890123456789012", "UZREX12-3", "U1REX1"] {
            assert!(RexNumber::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(RexNumber::parse("DEREX87500013").unwrap().country(), "DE");
    }

    #[test]
    fn the_default_national_format_is_uzrex_and_the_tin() {
        let format = RexFormat::default();
        assert_eq!(format.number_for("301 234-567").unwrap().as_str(), "UZREX301234567");
        assert!(format.number_for("").is_err());
        assert!(format.number_for("30123/4567").is_err());
        assert!(format.number_for(&"9".repeat(31)).is_err());
    }

    #[test]
    fn serde_refuses_malformed_numbers() {
        assert!(serde_json::from_str::<RexNumber>("\"UZREX123\"").is_ok());
        assert!(serde_json::from_str::<RexNumber>("\"UZ-REX-123\"").is_err());
    }
}
