//! The texts exporters make out themselves: the EU GSP statement on origin and the UK DCTS origin declaration,
//! their SHA-256 (the hash Origo registers when a statement is made out), and the EUR 6 000 rule.
//!
//! EU GSP: Annex 22-07 of Implementing Regulation (EU) 2015/2447. The origin criterion is `P` or `W` + heading; a
//! cumulation indication ("EU cumulation", ..., "extended cumulation with country x") *replaces* the criterion,
//! as the annex's footnote says. A replacement statement (made out by a re-consignor) carries "Replacement
//! statement", the date of the original statement and the re-consignor's data. Any exporter may make out a
//! statement without registering when the consignment's originating products are worth at most EUR 6 000
//! (Art. 92(1)(b)); above that only a registered exporter may.
//!
//! UK DCTS: the origin declaration text of the UK Developing Countries Trading Scheme (HMRC guidance, as carried
//! in `shared/data/uk-roo/proofs/dcts-*/origin-declaration.md`), with place, date and the exporter's name.
//!
//! Where the legal template leaves a blank that Origo must fill without a prescribed wording (an unregistered
//! exporter's REX slot, no customs number, several criteria on one invoice) the wording chosen is marked
//! "Origo convention" below; a legal review should confirm it.

use std::fmt;

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use crate::certificate::{OriginCriterion, RexNumber};
use crate::date::Date;
use crate::encoding::hex;

/// Consignments whose originating products are worth at most this (in EUR) may carry a statement on origin by an
/// exporter who is not registered.
pub const UNREGISTERED_EXPORTER_LIMIT_EUR: Decimal = Decimal::from_parts(6000, 0, 0, false, 0);

/// Why an exporter may make out a statement on origin for a consignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Eligibility {
    /// The exporter is registered (REX): no value limit.
    Registered,
    /// Not registered, but the originating products are worth at most EUR 6 000.
    UnregisteredWithinLimit,
}

/// Why a statement on origin may not be made out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThresholdError {
    /// Unregistered and above EUR 6 000.
    #[error(
        "originating products worth EUR {value} exceed the EUR {limit} an unregistered exporter may cover: \
         only a registered exporter (REX) may make out this statement"
    )]
    RegistrationRequired {
        /// The consignment's originating value in EUR.
        value: Decimal,
        /// The limit, EUR 6 000.
        limit: Decimal,
    },
    /// A negative value is a data error, not a small consignment.
    #[error("the originating value EUR {0} is negative")]
    NegativeValue(Decimal),
}

/// The EUR 6 000 rule over the consignment's total value of originating products, in EUR (converted by the caller
/// at the rate the law prescribes). EUR 6 000.00 is allowed; EUR 6 000.01 needs a REX number.
pub fn exporter_eligibility(
    originating_value_eur: Decimal,
    rex: Option<&RexNumber>,
) -> Result<Eligibility, ThresholdError> {
    if originating_value_eur.is_sign_negative() && !originating_value_eur.is_zero() {
        return Err(ThresholdError::NegativeValue(originating_value_eur));
    }
    if rex.is_some() {
        return Ok(Eligibility::Registered);
    }
    if originating_value_eur <= UNREGISTERED_EXPORTER_LIMIT_EUR {
        Ok(Eligibility::UnregisteredWithinLimit)
    } else {
        Err(ThresholdError::RegistrationRequired {
            value: originating_value_eur,
            limit: UNREGISTERED_EXPORTER_LIMIT_EUR,
        })
    }
}

/// A cumulation indication of Annex 22-07, which takes the place of the origin criterion.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Cumulation {
    /// "EU cumulation" (bilateral cumulation with EU materials).
    Eu,
    /// "Norway cumulation".
    Norway,
    /// "Switzerland cumulation".
    Switzerland,
    /// "Turkey cumulation".
    Turkey,
    /// "regional cumulation".
    Regional,
    /// "extended cumulation with country x", with the country's name.
    Extended {
        /// The partner country, as printed.
        country: String,
    },
}

impl fmt::Display for Cumulation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cumulation::Eu => f.write_str("EU cumulation"),
            Cumulation::Norway => f.write_str("Norway cumulation"),
            Cumulation::Switzerland => f.write_str("Switzerland cumulation"),
            Cumulation::Turkey => f.write_str("Turkey cumulation"),
            Cumulation::Regional => f.write_str("regional cumulation"),
            Cumulation::Extended { country } => write!(f, "extended cumulation with {country}"),
        }
    }
}

/// What a statement on origin says about an item's origin: the criterion, or the cumulation indication that
/// replaces it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum OriginIndication {
    /// `P` or `W 61.09`.
    Criterion(OriginCriterion),
    /// A cumulation indication.
    Cumulation(Cumulation),
}

impl fmt::Display for OriginIndication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OriginIndication::Criterion(c) => c.fmt(f),
            OriginIndication::Cumulation(c) => c.fmt(f),
        }
    }
}

/// A replacement statement: made out by a re-consignor in place of the original exporter's statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement {
    /// Date the original statement was made out.
    pub original_date: Date,
    /// The re-consignor's name and complete address.
    pub reconsignor: String,
    /// The original exporter's name and complete address in the beneficiary country.
    pub original_exporter: String,
    /// The original exporter's REX number.
    pub original_exporter_rex: RexNumber,
}

/// The data of an EU GSP statement on origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GspStatement {
    /// REX number of whoever makes out the statement (the exporter; for a replacement, the re-consignor), if
    /// registered.
    pub rex: Option<RexNumber>,
    /// Country of origin as printed (`Uzbekistan`).
    pub country_of_origin: String,
    /// Each item's origin indication, by item number.
    pub items: Vec<(u32, OriginIndication)>,
    /// Total value of the originating products of the consignment, in EUR, for the EUR 6 000 rule.
    pub originating_value_eur: Decimal,
    /// Present for a replacement statement.
    pub replacement: Option<Replacement>,
}

/// The data of a UK DCTS origin declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DctsDeclaration {
    /// The exporter's customs identification number, if one is allocated.
    pub customs_id: Option<String>,
    /// Country of origin as printed.
    pub country_of_origin: String,
    /// Each item's criterion, by item number (the DCTS footnotes know no cumulation wording).
    pub items: Vec<(u32, OriginCriterion)>,
    /// Place of the declaration.
    pub place: String,
    /// Date of the declaration.
    pub date: Date,
    /// Name of the exporter (the signatory).
    pub exporter_name: String,
}

/// A statement or declaration made out: its exact text and the SHA-256 of that text's UTF-8 bytes (lowercase hex),
/// which is what gets registered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MadeOut {
    /// The text, lines separated by `\n`.
    pub text: String,
    /// SHA-256 of `text`, lowercase hex.
    pub sha256: String,
}

impl MadeOut {
    fn new(text: String) -> MadeOut {
        let sha256 = sha256_hex(&text);
        MadeOut { text, sha256 }
    }
}

/// SHA-256 of a text's UTF-8 bytes, lowercase hex.
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// Why a statement cannot be made out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementError {
    /// No items to declare.
    #[error("the statement covers no items")]
    NoItems,
    /// No country of origin.
    #[error("the country of origin is empty")]
    NoCountry,
    /// The EUR 6 000 rule.
    #[error(transparent)]
    Threshold(#[from] ThresholdError),
}

/// The EU GSP statement on origin (Annex 22-07), checked against the EUR 6 000 rule.
pub fn gsp_statement(statement: &GspStatement) -> Result<MadeOut, StatementError> {
    if statement.items.is_empty() {
        return Err(StatementError::NoItems);
    }
    if statement.country_of_origin.trim().is_empty() {
        return Err(StatementError::NoCountry);
    }
    exporter_eligibility(statement.originating_value_eur, statement.rex.as_ref())?;

    let who = match (&statement.replacement, &statement.rex) {
        (None, Some(rex)) => format!("Number of Registered Exporter {rex}"),
        // Origo convention: the annex has no wording for the empty REX slot of an unregistered exporter.
        (None, None) => {
            "Number of Registered Exporter: not registered, originating products not exceeding EUR 6 000".to_owned()
        }
        // Footnote: a registered re-consignor gives name and complete address followed by the REX number.
        (Some(r), Some(rex)) => format!("Number of Registered Exporter {rex}, {}", r.reconsignor),
        // Footnote: otherwise the re-consignor acts on the basis of the original statement.
        (Some(r), None) => format!(
            "{} acting on the basis of the statement on origin made out by {} registered under the following number {}",
            r.reconsignor, r.original_exporter, r.original_exporter_rex
        ),
    };
    let mut text = String::new();
    if let Some(r) = &statement.replacement {
        text.push_str(&format!("Replacement statement\nDate of the original statement: {}\n", r.original_date));
    }
    text.push_str(&format!(
        "The exporter of the products covered by this document ({who}) declares that, except where otherwise clearly \
         indicated, these products are of {} preferential origin according to rules of origin of the Generalised \
         System of Preferences of the European Union and that the origin criterion met is {}",
        statement.country_of_origin,
        by_item(&statement.items)
    ));
    Ok(MadeOut::new(text))
}

/// The UK DCTS origin declaration, with place and date and the exporter's name on the lines below.
pub fn dcts_declaration(declaration: &DctsDeclaration) -> Result<MadeOut, StatementError> {
    if declaration.items.is_empty() {
        return Err(StatementError::NoItems);
    }
    if declaration.country_of_origin.trim().is_empty() {
        return Err(StatementError::NoCountry);
    }
    // Origo convention: footnote 1 asks for the number "if allocated" and gives no wording for none.
    let id = declaration.customs_id.as_deref().unwrap_or("not allocated");
    let text = format!(
        "The exporter of the products covered by this document (customs identification No {id}) declares that, \
         except where otherwise clearly indicated, these products are of {} preferential origin in accordance with \
         the rules of origin of the Developing Countries Trading Scheme of the UK and that the origin criterion met \
         is {}.\n{}, {}\n{}",
        declaration.country_of_origin,
        by_item(&declaration.items),
        declaration.place,
        declaration.date,
        declaration.exporter_name
    );
    Ok(MadeOut::new(text))
}

/// The commercial document a statement is made out on, as a first line (`Commercial document: Invoice 17 of
/// 2026-05-01`) of the text that is registered. Origo convention: the legal texts do not name the document they are
/// printed on, so without it two consignments of the same products and criteria (or, for unregistered exporters,
/// of anyone's) would share one text and one registered hash.
pub fn on_document(made: MadeOut, reference: &str) -> MadeOut {
    MadeOut::new(format!("Commercial document: {reference}\n{}", made.text))
}

/// One indication when all items share it (`W 61.09`); otherwise each indication with its items, in order of first
/// appearance (`W 61.09 (items 1, 2); P (item 3)`). Origo convention for invoices mixing criteria.
pub fn by_item<T: fmt::Display + PartialEq>(items: &[(u32, T)]) -> String {
    let mut groups: Vec<(&T, Vec<u32>)> = Vec::new();
    for (number, indication) in items {
        match groups.iter_mut().find(|(i, _)| *i == indication) {
            Some((_, numbers)) => numbers.push(*number),
            None => groups.push((indication, vec![*number])),
        }
    }
    if groups.len() == 1 {
        return groups[0].0.to_string();
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(indication, numbers)| {
            let list: Vec<String> = numbers.iter().map(u32::to_string).collect();
            let noun = if numbers.len() == 1 { "item" } else { "items" };
            format!("{indication} ({noun} {})", list.join(", "))
        })
        .collect();
    parts.join("; ")
}
