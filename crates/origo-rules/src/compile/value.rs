//! Value rules in the wording of the newer agreements (canonical text):
//! - "a maximum of 50% of the ex-works price (exw) is made up of non-originating parts (maxnom)": `MAXNOM 50%`;
//! - "your products contain a regional value content (rvc) of at least 55% of the free on board (fob) cost of the
//!   products": `RVC 55% FOB`;
//! - "the product has a regional value content (rvc) ... of not less than 40%, whether using the build-up method or
//!   build-down method (rvc40)": `MINOM 40% | RVC 40%` (of the agreement's value basis, see `Context`);
//! - options of "... provided there is a regional value content of not less than: a) 40% under the build-up method
//!   b) 50% under the build-down method c) 60% under the focused value method taking into account only the
//!   non-originating materials of heading 8407": `MINOM 40%`, `RVC 50%`, `RVC 60%[8407]`; the India QVC options
//!   "35% of the ex-works price under the build-down method", "40% of the free-on-board value under the build-down
//!   method", "30% of either the ex-works price or free-on-board value under the build-up method";
//! - India's "Standard QVC" as its introductory notes define it (note 1(f)): 40% of the ex-works price build-down,
//!   45% of the FOB value build-down, or 35% of either build-up; "a QVC of not less than N%": N% by any method.
//!
//! A value on the net cost cannot be computed from a case and is not matched.

use rust_decimal::Decimal;

use super::codes::prose_selection;
use super::expr::{any_of, maxnom, percent};
use super::phrase::Context;
use crate::rule::{Basis, Rule};
use crate::selection::Selection;

fn rvc(min: Decimal, of: Option<Selection>, basis: Basis) -> Rule {
    Rule::RegionalValueContent { min_percent: min, of, basis }
}

fn minom(min: Decimal, basis: Basis) -> Rule {
    Rule::MinOriginatingValue { min_percent: min, basis }
}

/// A QVC of `n`% by any method on either price.
fn qvc_any(n: Decimal) -> Rule {
    any_of(vec![rvc(n, None, Basis::ExWorks), rvc(n, None, Basis::Fob), minom(n, Basis::ExWorks), minom(n, Basis::Fob)])
}

/// "N% <tail>" with the tail given.
fn number_before(text: &str, tail: &str) -> Option<Decimal> {
    percent(text.strip_suffix(tail)?.strip_suffix('%')?)
}

/// A whole line that is a value rule.
pub fn line(canon: &str, cx: &Context) -> Option<Rule> {
    if let Some(rest) = canon.strip_prefix("a maximum of ") {
        return Some(maxnom(
            number_before(rest, " of the ex-works price (exw) is made up of non-originating parts (maxnom)")?,
            None,
        ));
    }
    if let Some(rest) = canon.strip_prefix("your products contain a regional value content (rvc) of at least ") {
        return Some(rvc(number_before(rest, " of the free on board (fob) cost of the products")?, None, Basis::Fob));
    }
    if let Some(rest) = canon.strip_prefix(
        "the product has a regional value content (rvc) as calculated under article 4 of the origin reference document of not less than ",
    ) {
        let (number, tail) = rest.split_once('%')?;
        let n = percent(number)?;
        (tail == format!(", whether using the build-up method or build-down method (rvc{})", n.normalize())).then_some(())?;
        return Some(any_of(vec![minom(n, cx.value_basis), rvc(n, None, cx.value_basis)]));
    }
    if canon == "standard qvc" {
        return Some(standard_qvc());
    }
    if let Some(rest) = canon.strip_prefix("a qvc of not less than ") {
        return Some(qvc_any(percent(rest.strip_suffix('%')?)?));
    }
    if let Some(rest) =
        canon.strip_prefix("production in which the value of all non-originating materials used does not exceed: ")
    {
        return Some(maxnom(number_before(rest, " of the transaction value or ex-works price of the product")?, None));
    }
    None
}

/// India's Standard QVC (introductory note 1(f) of its list).
pub fn standard_qvc() -> Rule {
    let n = |v: i64| Decimal::from(v);
    any_of(vec![
        rvc(n(40), None, Basis::ExWorks),
        rvc(n(45), None, Basis::Fob),
        minom(n(35), Basis::ExWorks),
        minom(n(35), Basis::Fob),
    ])
}

/// One lettered option of a value sentence ("40% under the build-up method").
pub fn option(piece: &str, cx: &Context) -> Option<Rule> {
    let (number, tail) = piece.split_once('%')?;
    let n = percent(number)?;
    match tail {
        " under the build-up method" => Some(minom(n, cx.value_basis)),
        " under the build-down method" => Some(rvc(n, None, cx.value_basis)),
        " of the ex-works price under the build-down method" => Some(rvc(n, None, Basis::ExWorks)),
        " of the free-on-board value under the build-down method"
        | " of the free on-board value under the build-down method" => Some(rvc(n, None, Basis::Fob)),
        " of either the ex-works price or free-on-board value under the build-up method" => {
            Some(any_of(vec![minom(n, Basis::ExWorks), minom(n, Basis::Fob)]))
        }
        _ => {
            let codes = tail.strip_prefix(
                " under the focused value method taking into account only the non-originating materials of ",
            )?;
            Some(rvc(n, Some(prose_selection(codes)?), cx.value_basis))
        }
    }
}

/// Sentences that open value options, with what precedes them: `Some(None)` when they add no condition of
/// their own ("no change in tariff classification required ..."), `Some(Some(text))` for a rule to compile and
/// join ("CTH: ... and a QVC of not less than").
pub fn opening(intro: &str) -> Option<Option<&str>> {
    const TAILS: [&str; 6] = [
        ", provided there is a regional value content of not less than",
        " provided there is a regional value content of not less than",
        ", provided there is a qvc of not less than",
        " and a qvc of not less than",
        " and a regional value content of not less than",
        "a qvc of not less than",
    ];
    let head = TAILS.iter().find_map(|t| intro.strip_suffix(t))?.trim();
    if head.is_empty() || head.starts_with("no change in tariff classification required") {
        return Some(None);
    }
    Some(Some(head))
}

/// "50% of the ex-works price (exw) or 45% of the free on board (fob) cost of the product": either ceiling, the
/// second written as the regional value content it leaves (`MAXNOM 50% | RVC 55% FOB`), on `of` when given.
pub fn exw_or_fob(text: &str, of: Option<Selection>) -> Option<Rule> {
    let (exw, fob) = text.split_once(" of the ex-works price (exw) or ")?;
    let exw = percent(exw.strip_suffix('%')?)?;
    let fob = number_before(fob, " of the free on board (fob) cost of the product")?;
    Some(any_of(vec![maxnom(exw, of.clone()), rvc(Decimal::ONE_HUNDRED - fob, of, Basis::Fob)]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::text::{canonical, normalise};

    fn l(text: &str, basis: Basis) -> String {
        let cx = Context { value_basis: basis, ..Context::default() };
        line(&canonical(&normalise(text).text), &cx).map(|r| r.to_string()).unwrap_or_else(|| "NONE".into())
    }

    fn o(text: &str) -> String {
        option(text, &Context::default()).map(|r| r.to_string()).unwrap_or_else(|| "NONE".into())
    }

    #[test]
    fn whole_lines() {
        assert_eq!(
            l(
                "A maximum of 50% of the ex-works price (EXW) is made up of non-originating parts (MaxNOM).",
                Basis::ExWorks
            ),
            "MAXNOM 50%"
        );
        assert_eq!(
            l(
                "Your goods contain a Regional Value Content (RVC) of at least 55% of the Free on Board (FOB) cost of the goods.",
                Basis::ExWorks
            ),
            "RVC 55% FOB"
        );
        assert_eq!(
            l(
                "The good has a Regional Value Content (RVC) as calculated under Article 4 of the Origin Reference Document of not less than 40%, whether using the build-up method or build-down method (RVC40).",
                Basis::Fob
            ),
            "MINOM 40% FOB | RVC 40% FOB"
        );
        assert_eq!(l("Standard QVC.", Basis::ExWorks), "RVC 40% | RVC 45% FOB | MINOM 35% | MINOM 35% FOB");
    }

    #[test]
    fn options() {
        assert_eq!(o("40% under the build-up method"), "MINOM 40%");
        assert_eq!(o("50% under the build-down method"), "RVC 50%");
        assert_eq!(
            o(
                "60% under the focused value method taking into account only the non-originating materials of heading 8407"
            ),
            "RVC 60%[8407]"
        );
        assert_eq!(
            o("30% of either the ex-works price or free-on-board value under the build-up method"),
            "MINOM 30% | MINOM 30% FOB"
        );
        assert_eq!(o("35% under the net cost method"), "NONE");
        assert_eq!(
            opening(
                "no change in tariff classification required for a product of heading 0901, provided there is a regional value content of not less than"
            ),
            Some(None)
        );
        assert_eq!(opening("cth: x and a qvc of not less than"), Some(Some("cth: x")));
    }

    #[test]
    fn either_ceiling() {
        let rule =
            exw_or_fob("50% of the ex-works price (exw) or 45% of the free on board (fob) cost of the product", None);
        assert_eq!(rule.unwrap().to_string(), "MAXNOM 50% | RVC 55% FOB");
    }
}
