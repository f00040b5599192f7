//! Reading what people type into the exporter's forms: amounts (with a decimal point or comma, spaces between
//! thousands), countries, HS codes, yes/no answers, dates and processes. Each reader answers the value or the
//! translated message shown next to the field; an empty field is "not given" (`None`) unless it is required.

use std::str::FromStr;

use origo_rules::hs::Nomenclature;
use rust_decimal::Decimal;
use time::Date;

use crate::pages::context::PageCtx;

/// A message shown next to a field.
pub type Message = String;

/// An amount: `1234.56`, `1 234,56`, `1,234.56`; not negative. Empty is `None`.
pub fn decimal(ctx: &PageCtx, text: &str) -> Result<Option<Decimal>, Message> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\'').collect();
    if compact.is_empty() {
        return Ok(None);
    }
    // With both separators, the last one is the decimal separator and the other groups thousands.
    let normal = match (compact.rfind('.'), compact.rfind(',')) {
        (Some(dot), Some(comma)) if dot > comma => compact.replace(',', ""),
        (Some(_), Some(_)) => compact.replace('.', "").replace(',', "."),
        (None, Some(_)) => compact.replace(',', "."),
        _ => compact,
    };
    let valid = !normal.is_empty() && normal.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
    let value = if valid { Decimal::from_str(&normal).ok() } else { None };
    match value {
        None => Err(ctx.t("exporter.error.not_a_number").to_owned()),
        Some(v) if v.is_sign_negative() && !v.is_zero() => Err(ctx.t("exporter.error.negative").to_owned()),
        Some(v) => Ok(Some(v.normalize())),
    }
}

/// An amount that must be given and be above zero.
pub fn positive(ctx: &PageCtx, text: &str) -> Result<Decimal, Message> {
    match decimal(ctx, text)? {
        None => Err(ctx.t("exporter.error.required").to_owned()),
        Some(v) if v.is_zero() => Err(ctx.t("exporter.error.not_positive").to_owned()),
        Some(v) => Ok(v),
    }
}

/// An amount that may be left out, but is above zero when given.
pub fn optional_positive(ctx: &PageCtx, text: &str) -> Result<Option<Decimal>, Message> {
    match decimal(ctx, text)? {
        Some(v) if v.is_zero() => Err(ctx.t("exporter.error.not_positive").to_owned()),
        other => Ok(other),
    }
}

/// An ISO 3166-1 alpha-2 country, in capitals. Empty is `None`.
pub fn country(ctx: &PageCtx, text: &str) -> Result<Option<String>, Message> {
    let code = text.trim().to_ascii_uppercase();
    if code.is_empty() {
        Ok(None)
    } else if origo_rules::countries::is_iso_alpha2(&code) {
        Ok(Some(code))
    } else {
        Err(ctx.t("exporter.error.country").to_owned())
    }
}

/// A country that must be given.
pub fn required_country(ctx: &PageCtx, text: &str) -> Result<String, Message> {
    country(ctx, text)?.ok_or_else(|| ctx.t("exporter.error.required").to_owned())
}

/// The digits of an HS code as typed (`8714.91`, `8714 91` -> `871491`).
fn hs_digits(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '.' | ' ' | '\u{a0}')).collect()
}

/// A material's HS code: at least the four-digit heading, in HS 2022. Empty is `None`.
pub fn material_hs(ctx: &PageCtx, text: &str) -> Result<Option<String>, Message> {
    let digits = hs_digits(text.trim());
    if digits.is_empty() {
        return Ok(None);
    }
    match Nomenclature::hs2022().parse_existing(&digits) {
        Ok(code) if code.digit_count() >= 4 => Ok(Some(digits)),
        Ok(_) => Err(ctx.t("exporter.error.hs_heading").to_owned()),
        Err(_) => Err(ctx.t("exporter.error.hs_unknown").to_owned()),
    }
}

/// A product's HS code: a six-digit subheading of HS 2022, required.
pub fn product_hs(ctx: &PageCtx, text: &str) -> Result<String, Message> {
    let digits = hs_digits(text.trim());
    if digits.is_empty() {
        return Err(ctx.t("exporter.error.required").to_owned());
    }
    match Nomenclature::hs2022().parse_existing(&digits) {
        Ok(code) if code.is_subheading() => Ok(digits),
        Ok(_) => Err(ctx.t("exporter.error.hs_subheading").to_owned()),
        Err(_) => Err(ctx.t("exporter.error.hs_unknown").to_owned()),
    }
}

/// Yes, no or not said (`""`). Accepts the words of the three languages and 1/0, true/false.
pub fn yes_no(ctx: &PageCtx, text: &str) -> Result<Option<bool>, Message> {
    let word = text.trim().to_lowercase().replace(['\'', 'ʻ', '‘', '’'], "");
    match word.as_str() {
        "" => Ok(None),
        "yes" | "y" | "true" | "1" | "ha" | "да" | "д" => Ok(Some(true)),
        "no" | "n" | "false" | "0" | "yoq" | "нет" | "н" => Ok(Some(false)),
        _ => Err(ctx.t("exporter.error.yes_no").to_owned()),
    }
}

/// The value of a yes/no select for a stored answer.
pub fn yes_no_text(value: Option<bool>) -> String {
    match value {
        Some(true) => "yes".to_owned(),
        Some(false) => "no".to_owned(),
        None => String::new(),
    }
}

/// A date as `<input type="date">` sends it (`2026-05-01`). Empty is `None`.
pub fn date(ctx: &PageCtx, text: &str) -> Result<Option<Date>, Message> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text, &format).map(Some).map_err(|_| ctx.t("exporter.error.date").to_owned())
}

/// The processes done, separated by commas or new lines, each an id of the process vocabulary (`making up` is
/// read as `making_up`). Empty is `None` (not said, which leaves the insufficient-operations test open).
pub fn processes(ctx: &PageCtx, text: &str) -> Result<Option<Vec<String>>, Message> {
    let ids: Vec<String> = text
        .split([',', ';', '\n'])
        .map(|p| p.trim().to_lowercase().replace([' ', '-'], "_"))
        .filter(|p| !p.is_empty())
        .collect();
    if ids.is_empty() {
        return Ok(None);
    }
    if let Some(unknown) = ids.iter().find(|id| origo_rules::process::kind(id).is_none()) {
        return Err(ctx.t_with("exporter.error.process", &[("name", unknown)]));
    }
    Ok(Some(ids))
}

/// Processes as the form shows them.
pub fn processes_text(ids: &[String]) -> String {
    ids.join(", ")
}

/// Every process id of the vocabulary, for the form's reference list: (working, insufficient).
pub fn vocabulary() -> (Vec<String>, Vec<String>) {
    let words = |ids: &[&str]| ids.iter().map(|id| id.replace('_', " ")).collect();
    (words(origo_rules::process::WORKING), words(origo_rules::process::INSUFFICIENT))
}

/// An amount as the form shows it back (plain digits and a point, as typed into `inputmode="decimal"`).
pub fn amount_text(value: Option<Decimal>) -> String {
    value.map(|v| v.normalize().to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::i18n::Lang;

    fn ctx() -> PageCtx {
        PageCtx::for_tests(Lang::En)
    }

    #[test]
    fn amounts_are_read_in_the_usual_spellings() {
        let ctx = ctx();
        for (text, want) in [
            ("1234.56", "1234.56"),
            ("1 234,56", "1234.56"),
            ("1,234.56", "1234.56"),
            ("1.234,5", "1234.5"),
            ("7", "7"),
        ] {
            assert_eq!(decimal(&ctx, text).unwrap().unwrap().to_string(), want, "{text}");
        }
        assert_eq!(decimal(&ctx, " ").unwrap(), None);
        assert_eq!(decimal(&ctx, "12a").unwrap_err(), "not a number");
        assert_eq!(decimal(&ctx, "1e5").unwrap_err(), "not a number");
        assert_eq!(decimal(&ctx, "-3").unwrap_err(), "must not be negative");
        assert!(positive(&ctx, "0").is_err() && positive(&ctx, "").is_err());
    }

    #[test]
    fn codes_countries_and_answers() {
        let ctx = ctx();
        assert_eq!(product_hs(&ctx, "8712.00").unwrap(), "871200");
        assert!(product_hs(&ctx, "8712").is_err(), "a product needs its subheading");
        assert!(product_hs(&ctx, "999999").is_err());
        assert_eq!(material_hs(&ctx, "8714").unwrap().as_deref(), Some("8714"));
        assert!(material_hs(&ctx, "87").is_err());
        assert_eq!(country(&ctx, "cn").unwrap().as_deref(), Some("CN"));
        assert!(country(&ctx, "XX").is_err());
        assert_eq!(yes_no(&ctx, "Да").unwrap(), Some(true));
        assert_eq!(yes_no(&ctx, "yoʻq").unwrap(), Some(false));
        assert!(yes_no(&ctx, "maybe").is_err());
        assert_eq!(
            processes(&ctx, "welding, Making up\nassembly").unwrap().unwrap(),
            ["welding", "making_up", "assembly"]
        );
        assert!(processes(&ctx, "welding, teleporting").unwrap_err().contains("teleporting"));
    }
}
