//! The phrase compiler for every agreement of the uk-roo corpus. A line is first brought to the wording the
//! patterns know (`prepare`: spelling variants, pointers to the notes), then tried against the patterns of
//! `phrase` (EU GSP and UK DCTS wording), `fta` (changes of classification in the newer agreements' wording),
//! `value` (MaxNOM, RVC, QVC), `named` (named materials and fixed process sentences) and `textile` (process
//! chains), and finally split where the wording joins two rules ("CTH ... and Standard QVC", "..., provided that
//! the value of ...", "... or manufacture in which ...").
//!
//! Lettered options ("... regional value content of not less than: a) 40% under the build-up method" / "b) 50%
//! under the build-down method") arrive one per line; `split_piece` cuts the opening sentence from its first
//! option, and each option is compiled in the context of that sentence.
//!
//! `fold` prepares the line, `joined` reads the lines that join two rules.

use super::expr::all_of;
use super::fold::prepare;
use super::fta;
use super::joined;
use super::named;
use super::phrase::{self, Context};
use super::value;
use crate::rule::Rule;

/// How a line relates to lettered options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// "<intro>: a) <piece>" (normalised, the parenthesis of "a)" already dropped).
    Opening { intro: String, piece: String },
    /// "b) <piece>", "(c) <piece>".
    Next(String),
    /// No lettered option.
    Plain,
}

fn starts_with_digit(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Splits a normalised line into the sentence opening lettered options and its first option.
pub fn split_piece(text: &str) -> Piece {
    for opener in [": a) ", ": (a) ", ": a "] {
        if let Some((intro, piece)) = text.split_once(opener)
            && starts_with_digit(piece)
        {
            return Piece::Opening { intro: intro.trim().to_string(), piece: piece.trim().to_string() };
        }
    }
    for letter in ["b", "c", "d", "e"] {
        for form in [format!("{letter}) "), format!("({letter}) "), format!("{letter} ")] {
            if let Some(piece) = text.strip_prefix(&form)
                && starts_with_digit(piece)
            {
                return Piece::Next(piece.trim().to_string());
            }
        }
    }
    Piece::Plain
}

/// Compiles one canonical line (an option, when `intro` gives its opening sentence), or `None`.
pub fn compile(canon: &str, intro: Option<&str>, cx: &Context) -> Option<Rule> {
    let text = prepare(canon);
    match intro {
        Some(intro) => option_in(&text, &prepare(intro), cx),
        None => line(&text, cx),
    }
}

pub(super) fn option_in(piece: &str, intro: &str, cx: &Context) -> Option<Rule> {
    let rule = value::option(piece, cx)?;
    match value::opening(intro)? {
        None => Some(rule),
        Some(head) => Some(all_of(vec![line(head, cx)?, rule])),
    }
}

pub(super) fn line(text: &str, cx: &Context) -> Option<Rule> {
    if let Some(rest) = joined::jute_backing(text) {
        return line(rest, cx).map(joined::with_jute_backing);
    }
    phrase::compile(text, cx)
        .or_else(|| joined::special(text, cx))
        .or_else(|| super::however::compile(text))
        .or_else(|| joined::however_after(text, cx))
        .or_else(|| joined::however_then_conditions(text, cx))
        .or_else(|| fta::compile(text, cx))
        .or_else(|| value::line(text, cx))
        .or_else(|| named::compile(text, cx))
        .or_else(|| joined::printing_standalone(text, cx))
        .or_else(|| joined::conjunction(text, cx))
        .or_else(|| joined::proviso(text, cx))
        .or_else(|| joined::single_option(text, cx))
        .or_else(|| joined::two_alternatives(text, cx))
        .or_else(|| joined::bare_conditions(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::text::{canonical, normalise};

    fn c(text: &str) -> String {
        let cx = Context { headings: vec![5208], ..Context::default() };
        compile(&canonical(&normalise(text).text), None, &cx).map(|r| r.to_string()).unwrap_or_else(|| "NONE".into())
    }

    #[test]
    fn pieces() {
        let opening = split_piece("No change ... not less than: a 40% under the build-up method");
        assert!(matches!(opening, Piece::Opening { ref piece, .. } if piece == "40% under the build-up method"));
        assert_eq!(
            split_piece("b 45% under the build-down method"),
            Piece::Next("45% under the build-down method".into())
        );
        assert_eq!(split_piece("b-tagged"), Piece::Plain);
    }

    #[test]
    fn lines_of_the_newer_lists() {
        assert_eq!(
            c(
                "Manufacture in which all the materials used are classified within a heading other than that of the product"
            ),
            "CTH"
        );
        assert_eq!(
            c(
                "Manufacture in which all the materials used are classified within a heading other than that of the product. However, materials classified within the same heading may be used provided their value does not exceed 20% of the ex‐works price of the product"
            ),
            "CTH SAME<=20%"
        );
        assert_eq!(c("Weaving, combined with making-up, including cutting of fabric."), "P(weaving) & P(making_up)");
        assert_eq!(
            c(
                "CTH: All non-originating materials used in the production of the good have undergone a change in tariff classification at the 4-digit level (tariff heading) and Standard QVC"
            ),
            "CTH & (RVC 40% | RVC 45% FOB | MINOM 35% | MINOM 35% FOB)"
        );
        assert_eq!(
            c(
                "Manufacture from materials of any heading, except that of the good or Manufacture in which the value of all the materials used does not exceed 70% of the ex-works price of the good"
            ),
            "CTH | MAXNOM 70%"
        );
        assert_eq!(
            c(
                "Making-up including cutting of fabric, provided that the value of non-originating materials used does not exceed 50% of the ex-works price (EXW) or 45% of the Free on Board (FOB) cost of the product"
            ),
            "P(making_up) & (MAXNOM 50% | RVC 55% FOB)"
        );
        assert_eq!(c("Printing (as standalone operation)").split(" & ").count(), 3);
    }
}
