//! Goods items: what was shipped, its HS code, the origin criterion met, weights, quantity, invoice and value.
//!
//! Amounts are `rust_decimal::Decimal` carried as decimal strings (`"1250.50"`), never JSON numbers, so signed
//! documents hold them exactly; counts (item numbers, packages) are integers.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Party;
use crate::date::Date;
use crate::serde_text::serde_as_text;

/// An HS code as printed on a certificate: 4, 6, 8 or 10 digits, no dots (`610910`, national `6109100010`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HsCode(String);

/// A text that is not an HS code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an HS code (4, 6, 8 or 10 digits without dots)")]
pub struct HsCodeError(pub String);

impl HsCode {
    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The heading, the first four digits.
    pub fn heading(&self) -> &str {
        &self.0[..4]
    }
}

impl FromStr for HsCode {
    type Err = HsCodeError;

    fn from_str(text: &str) -> Result<HsCode, HsCodeError> {
        if matches!(text.len(), 4 | 6 | 8 | 10) && text.bytes().all(|b| b.is_ascii_digit()) {
            Ok(HsCode(text.to_owned()))
        } else {
            Err(HsCodeError(text.to_owned()))
        }
    }
}

impl fmt::Display for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The preferential origin criterion met: `P` (wholly obtained) or `W` + HS heading (sufficiently worked or
/// processed), written as the origin engine writes it: `W 61.09`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum OriginCriterion {
    /// `P`: wholly obtained.
    WhollyObtained,
    /// `W 61.09`: sufficiently worked or processed; the four digits of the heading.
    SufficientlyWorked {
        /// Four digits, e.g. `6109`.
        heading: String,
    },
}

/// A text that is not `P` or `W dd.dd`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an origin criterion (`P`, or `W` and an HS heading like `W 61.09`)")]
pub struct OriginCriterionError(pub String);

impl FromStr for OriginCriterion {
    type Err = OriginCriterionError;

    fn from_str(text: &str) -> Result<OriginCriterion, OriginCriterionError> {
        if text == "P" {
            return Ok(OriginCriterion::WhollyObtained);
        }
        let heading = text.strip_prefix("W ").and_then(|h| {
            let b = h.as_bytes();
            let shape = b.len() == 5 && b[2] == b'.' && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit());
            shape.then(|| format!("{}{}", &h[..2], &h[3..]))
        });
        heading
            .map(|heading| OriginCriterion::SufficientlyWorked { heading })
            .ok_or_else(|| OriginCriterionError(text.to_owned()))
    }
}

impl fmt::Display for OriginCriterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OriginCriterion::WhollyObtained => f.write_str("P"),
            OriginCriterion::SufficientlyWorked { heading } => write!(f, "W {}.{}", &heading[..2], &heading[2..]),
        }
    }
}

serde_as_text!(HsCode, OriginCriterion);

/// Number and kind of packages (`12` `cartons`); `count` 0 with kind `in bulk` for unpacked goods.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Packages {
    /// How many.
    pub count: u32,
    /// What kind (`cartons`, `pallets`, `in bulk`).
    pub kind: String,
}

/// A quantity in a unit of UN/ECE Recommendation 20 (`PCE`, `KGM`, `LTR`, `MTK`, `PR`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    /// The amount, a decimal string.
    #[serde(with = "crate::serde_text::decimal")]
    pub value: Decimal,
    /// The unit code.
    pub unit: String,
}

/// An amount of money in an ISO 4217 currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// The amount, a decimal string.
    #[serde(with = "crate::serde_text::decimal")]
    pub amount: Decimal,
    /// Three capital letters (`USD`, `EUR`, `UZS`).
    pub currency: String,
}

/// The commercial invoice an item appears on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvoiceRef {
    /// Invoice number.
    pub number: String,
    /// Invoice date.
    pub date: Date,
}

/// One goods item on a certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoodsItem {
    /// 1, 2, 3, ... in the order printed.
    pub item_number: u32,
    /// Marks and numbers on the packages (`No marks and numbers` when unmarked).
    pub marks: String,
    /// Number and kind of packages.
    pub packages: Packages,
    /// Commercial description of the goods.
    pub description: String,
    /// HS code.
    pub hs_code: HsCode,
    /// Origin criterion; required on preferential proofs, usually absent on non-preferential certificates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_criterion: Option<OriginCriterion>,
    /// Gross weight in kilograms, a decimal string.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::serde_text::opt_decimal")]
    pub gross_weight_kg: Option<Decimal>,
    /// Net weight in kilograms, a decimal string.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::serde_text::opt_decimal")]
    pub net_weight_kg: Option<Decimal>,
    /// Other quantity (pieces, litres, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    /// The invoice the item is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice: Option<InvoiceRef>,
    /// Invoice value of the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Money>,
    /// Producer or supplier of the goods when recorded; commercially sensitive, so usually hidden in disclosed copies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<Party>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_parse_and_print() {
        assert_eq!("P".parse::<OriginCriterion>().unwrap(), OriginCriterion::WhollyObtained);
        let w: OriginCriterion = "W 61.09".parse().unwrap();
        assert_eq!(w, OriginCriterion::SufficientlyWorked { heading: "6109".into() });
        assert_eq!(w.to_string(), "W 61.09");
        for bad in ["W 6109", "W61.09", "w 61.09", "W 61.0", "X", "P ", "W 61.0a"] {
            assert!(bad.parse::<OriginCriterion>().is_err(), "{bad}");
        }
    }

    #[test]
    fn hs_codes_are_digits() {
        assert_eq!("610910".parse::<HsCode>().unwrap().heading(), "6109");
        assert!("6109.10".parse::<HsCode>().is_err());
        assert!("61091".parse::<HsCode>().is_err());
    }

    #[test]
    fn amounts_are_plain_decimal_strings() {
        assert_eq!(crate::serde_text::decimal::parse("6000.00").unwrap().to_string(), "6000.00");
        assert_eq!(crate::serde_text::decimal::parse("-0.5").unwrap().to_string(), "-0.5");
        for bad in ["1e3", "+1", " 1", "1.", ".5", "", "1,5", "0x10"] {
            assert!(crate::serde_text::decimal::parse(bad).is_err(), "{bad}");
        }
        let q: Quantity = serde_json::from_str(r#"{"value": "12.500", "unit": "KGM"}"#).unwrap();
        assert_eq!(serde_json::to_string(&q).unwrap(), r#"{"value":"12.500","unit":"KGM"}"#);
        assert!(serde_json::from_str::<Quantity>(r#"{"value": 12.5, "unit": "KGM"}"#).is_err());
        assert!(serde_json::from_str::<Quantity>(r#"{"value": "1", "unit": "KGM", "x": 1}"#).is_err());
    }
}
