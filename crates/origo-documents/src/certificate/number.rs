//! Certificate numbers `<country>-<year>-<sequence>`, e.g. `UZ-2026-000123`.
//!
//! One spelling per number (sequence zero-padded to six digits, no further leading zeros) so that a number can be
//! looked up in a status list or a register by plain string equality.

use std::fmt;
use std::str::FromStr;

use super::CountryCode;
use crate::serde_text::serde_as_text;

/// A certificate number: issuing country, year of issue, sequence within the year.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CertificateNumber {
    country: CountryCode,
    year: u16,
    sequence: u32,
}

/// Why a text is not a certificate number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a certificate number like UZ-2026-000123: {reason}")]
pub struct CertificateNumberError {
    /// The text as given.
    pub text: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// Largest sequence: nine digits keep the number short enough for forms and QR codes.
pub const MAX_SEQUENCE: u32 = 999_999_999;

impl CertificateNumber {
    /// A number from its parts; `None` for a year outside 1000..=9999 or a sequence of 0 or above [`MAX_SEQUENCE`].
    pub fn new(country: CountryCode, year: u16, sequence: u32) -> Option<CertificateNumber> {
        ((1000..=9999).contains(&year) && (1..=MAX_SEQUENCE).contains(&sequence)).then_some(CertificateNumber {
            country,
            year,
            sequence,
        })
    }

    /// The issuing country.
    pub fn country(&self) -> &CountryCode {
        &self.country
    }

    /// The year of issue.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The sequence within the year.
    pub fn sequence(&self) -> u32 {
        self.sequence
    }
}

impl fmt::Display for CertificateNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:04}-{:06}", self.country, self.year, self.sequence)
    }
}

impl FromStr for CertificateNumber {
    type Err = CertificateNumberError;

    fn from_str(text: &str) -> Result<CertificateNumber, CertificateNumberError> {
        let fail = |reason| CertificateNumberError { text: text.to_owned(), reason };
        let mut parts = text.split('-');
        let (Some(country), Some(year), Some(sequence), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(fail("expected three parts separated by `-`"));
        };
        let country: CountryCode = country.parse().map_err(|_| fail("the country is not two capital letters"))?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fail("the year is not four digits"));
        }
        if !(6..=9).contains(&sequence.len()) || !sequence.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fail("the sequence is not six to nine digits"));
        }
        let year: u16 = year.parse().map_err(|_| fail("the year is not four digits"))?;
        let sequence: u32 = sequence.parse().map_err(|_| fail("the sequence is not six to nine digits"))?;
        let number =
            CertificateNumber::new(country, year, sequence).ok_or_else(|| fail("year or sequence out of range"))?;
        // Reject `UZ-2026-0000123`: it parses, but the canonical spelling is `UZ-2026-000123`.
        if number.to_string() != text {
            return Err(fail("the sequence has extra leading zeros"));
        }
        Ok(number)
    }
}

serde_as_text!(CertificateNumber);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        let n: CertificateNumber = "UZ-2026-000123".parse().unwrap();
        assert_eq!((n.country().as_str(), n.year(), n.sequence()), ("UZ", 2026, 123));
        assert_eq!(n.to_string(), "UZ-2026-000123");
        assert_eq!("UZ-2026-123456789".parse::<CertificateNumber>().unwrap().sequence(), 123_456_789);
        for bad in
            ["UZ-2026-0000123", "uz-2026-000123", "UZ-26-000123", "UZ-2026-12345", "UZ-2026-000000", "UZ2026000123"]
        {
            assert!(bad.parse::<CertificateNumber>().is_err(), "{bad}");
        }
    }
}
