//! HS codes and the HS 2022 nomenclature (chapters, headings, subheadings) used for validation and for
//! chapter / heading / subheading arithmetic.
//!
//! Codes live in a six-digit number space: chapter 61 is `610000..=619999`, heading 6109 is `610900..=610999`,
//! subheading 610910 is itself. A code given at heading level covers its whole heading.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// The HS 2022 nomenclature as derived in `data/hs2022.tsv` (see data/SOURCES.md).
const HS2022_TSV: &str = include_str!("../../../data/hs2022.tsv");
/// HS 2017, derived the same way into `data/hs2017.tsv` by `origo import hs`, for packs written against it.
const HS2017_TSV: &str = include_str!("../../../data/hs2017.tsv");

/// An edition of the Harmonized System. A pack names its edition in `hs_edition`; cases are classified in HS 2022.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Edition {
    Hs2017,
    Hs2022,
}

impl Edition {
    pub const ALL: [Edition; 2] = [Edition::Hs2017, Edition::Hs2022];

    /// Reads a pack's `hs_edition` ("2017", "2022").
    pub fn parse(text: &str) -> Option<Edition> {
        Edition::ALL.into_iter().find(|e| e.year() == text)
    }

    pub fn year(self) -> &'static str {
        match self {
            Edition::Hs2017 => "2017",
            Edition::Hs2022 => "2022",
        }
    }

    /// The edition's nomenclature, built once from the bundled data.
    pub fn nomenclature(self) -> &'static Nomenclature {
        match self {
            Edition::Hs2017 => Nomenclature::hs2017(),
            Edition::Hs2022 => Nomenclature::hs2022(),
        }
    }
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HS {}", self.year())
    }
}

/// A chapter (2 digits), heading (4) or subheading (6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HsCode {
    /// The code's digits as a number, e.g. 6109 for heading 61.09.
    digits: u32,
    /// 2, 4 or 6.
    len: u8,
}

/// Why a string is not an HS code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HsError {
    #[error("'{0}' is not an HS code (2, 4 or 6 digits)")]
    Malformed(String),
    #[error("'{0}' does not exist in HS 2022")]
    Unknown(String),
}

impl HsCode {
    /// Parses 2, 4 or 6 digits; spaces and dots are ignored ("6109.10", "6109 10").
    pub fn parse(text: &str) -> Result<HsCode, HsError> {
        let cleaned: String = text.chars().filter(|c| !matches!(c, ' ' | '.')).collect();
        let len = cleaned.len();
        if !matches!(len, 2 | 4 | 6) || !cleaned.bytes().all(|b| b.is_ascii_digit()) {
            return Err(HsError::Malformed(text.to_string()));
        }
        let digits = cleaned.parse().map_err(|_| HsError::Malformed(text.to_string()))?;
        Ok(HsCode { digits, len: len as u8 })
    }

    pub fn digit_count(self) -> u8 {
        self.len
    }

    pub fn is_subheading(self) -> bool {
        self.len == 6
    }

    pub fn chapter(self) -> u32 {
        self.digits / 10u32.pow(u32::from(self.len) - 2)
    }

    /// The heading (4 digits), or `None` for a chapter.
    pub fn heading(self) -> Option<u32> {
        match self.len {
            2 => None,
            4 => Some(self.digits),
            _ => Some(self.digits / 100),
        }
    }

    /// The subheading (6 digits), or `None` for a chapter or heading.
    pub fn subheading(self) -> Option<u32> {
        (self.len == 6).then_some(self.digits)
    }

    /// The inclusive range of six-digit codes this code covers.
    pub fn range(self) -> (u32, u32) {
        match self.len {
            2 => (self.digits * 10_000, self.digits * 10_000 + 9_999),
            4 => (self.digits * 100, self.digits * 100 + 99),
            _ => (self.digits, self.digits),
        }
    }

    /// The heading written as in a statement on origin's criterion, e.g. "61.09".
    pub fn heading_dotted(self) -> String {
        match self.heading() {
            Some(h) => format!("{:02}.{:02}", h / 100, h % 100),
            None => format!("{:02}", self.digits),
        }
    }
}

impl fmt::Display for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:0width$}", self.digits, width = usize::from(self.len))
    }
}

/// A nomenclature: which codes exist and what they are called.
#[derive(Debug)]
pub struct Nomenclature {
    descriptions: HashMap<HsCode, String>,
}

impl Nomenclature {
    /// Reads `code<TAB>description` lines; `#` starts a comment line.
    pub fn from_tsv(text: &str) -> Result<Nomenclature, HsError> {
        let mut descriptions = HashMap::new();
        for line in text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let (code, description) = line.split_once('\t').unwrap_or((line, ""));
            descriptions.insert(HsCode::parse(code)?, description.to_string());
        }
        Ok(Nomenclature { descriptions })
    }

    /// HS 2022, built once from the derived data bundled with the crate.
    pub fn hs2022() -> &'static Nomenclature {
        static HS2022: OnceLock<Nomenclature> = OnceLock::new();
        HS2022.get_or_init(|| Nomenclature::from_tsv(HS2022_TSV).expect("bundled HS 2022 data is valid"))
    }

    /// HS 2017, built once from the derived data bundled with the crate.
    pub fn hs2017() -> &'static Nomenclature {
        static HS2017: OnceLock<Nomenclature> = OnceLock::new();
        HS2017.get_or_init(|| Nomenclature::from_tsv(HS2017_TSV).expect("bundled HS 2017 data is valid"))
    }

    pub fn contains(&self, code: HsCode) -> bool {
        self.descriptions.contains_key(&code)
    }

    pub fn description(&self, code: HsCode) -> Option<&str> {
        self.descriptions.get(&code).map(String::as_str)
    }

    /// Parses a code and checks that it exists in this nomenclature.
    pub fn parse_existing(&self, text: &str) -> Result<HsCode, HsError> {
        let code = HsCode::parse(text)?;
        if self.contains(code) { Ok(code) } else { Err(HsError::Unknown(text.to_string())) }
    }

    /// Every subheading, in code order.
    pub fn subheadings(&self) -> Vec<HsCode> {
        let mut codes: Vec<HsCode> = self.descriptions.keys().copied().filter(|c| c.is_subheading()).collect();
        codes.sort();
        codes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_of_a_subheading() {
        let code = HsCode::parse("610910").unwrap();
        assert_eq!(code.chapter(), 61);
        assert_eq!(code.heading(), Some(6109));
        assert_eq!(code.heading_dotted(), "61.09");
        assert_eq!(code.range(), (610910, 610910));
        assert_eq!(HsCode::parse("0409").unwrap().range(), (40900, 40999));
        assert_eq!(HsCode::parse("04").unwrap().to_string(), "04");
    }

    #[test]
    fn malformed_and_unknown_codes_are_rejected() {
        assert!(matches!(HsCode::parse("61091"), Err(HsError::Malformed(_))));
        assert!(matches!(HsCode::parse("61a910"), Err(HsError::Malformed(_))));
        let hs = Nomenclature::hs2022();
        assert!(matches!(hs.parse_existing("991234"), Err(HsError::Unknown(_))));
        assert!(hs.parse_existing("610910").is_ok());
        assert_eq!(hs.subheadings().len(), 5612);
    }

    #[test]
    fn editions_side_by_side() {
        assert_eq!(Edition::parse("2017"), Some(Edition::Hs2017));
        assert_eq!(Edition::parse("2012"), None);
        assert_eq!(Edition::Hs2022.to_string(), "HS 2022");
        let (old, new) = (Edition::Hs2017.nomenclature(), Edition::Hs2022.nomenclature());
        assert_eq!(old.subheadings().len(), 5387);
        // Telephones for cellular networks (8517 12) were split into 8517 13 and 8517 14 in 2022; flat panel
        // display modules (8524) are new in 2022.
        let gone = HsCode::parse("851712").unwrap();
        assert!(old.contains(gone) && !new.contains(gone));
        let display = HsCode::parse("852411").unwrap();
        assert!(new.contains(display) && !old.contains(display));
    }
}
