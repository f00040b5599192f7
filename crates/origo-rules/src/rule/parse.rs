//! A recursive-descent parser for the rule language. Errors carry the byte offset and what was expected.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::{Basis, Level, Rule};
use crate::selection::Selection;

/// Why a rule does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rule '{text}': {message} at offset {offset}")]
pub struct ParseError {
    pub text: String,
    pub offset: usize,
    pub message: String,
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

pub(super) fn parse(text: &str) -> Result<Rule, ParseError> {
    let mut parser = Parser { text, pos: 0 };
    let rule = parser.expr()?;
    parser.skip_space();
    if parser.pos != text.len() {
        return Err(parser.error("expected '&', '|' or the end of the rule"));
    }
    Ok(rule)
}

impl<'a> Parser<'a> {
    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError { text: self.text.to_string(), offset: self.pos, message: message.into() }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn skip_space(&mut self) {
        let trimmed = self.rest().trim_start();
        self.pos = self.text.len() - trimmed.len();
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_space();
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, token: &str) -> Result<(), ParseError> {
        if self.eat(token) { Ok(()) } else { Err(self.error(format!("expected '{token}'"))) }
    }

    /// Eats a keyword only when it is not the prefix of a longer word (`CTH` must not match `CTHX`).
    fn eat_keyword(&mut self, keyword: &str) -> bool {
        self.skip_space();
        let rest = self.rest();
        let boundary = rest[keyword.len().min(rest.len())..].chars().next().is_none_or(|c| !c.is_ascii_alphanumeric());
        if rest.starts_with(keyword) && boundary {
            self.pos += keyword.len();
            true
        } else {
            false
        }
    }

    fn expr(&mut self) -> Result<Rule, ParseError> {
        let mut alternatives = vec![self.conjunction()?];
        while self.eat("|") {
            alternatives.push(self.conjunction()?);
        }
        Ok(if alternatives.len() == 1 { alternatives.remove(0) } else { Rule::AnyOf(alternatives) })
    }

    fn conjunction(&mut self) -> Result<Rule, ParseError> {
        let mut conditions = vec![self.factor()?];
        while self.eat("&") {
            conditions.push(self.factor()?);
        }
        Ok(if conditions.len() == 1 { conditions.remove(0) } else { Rule::AllOf(conditions) })
    }

    fn factor(&mut self) -> Result<Rule, ParseError> {
        if self.eat("(") {
            let inner = self.expr()?;
            self.expect(")")?;
            return Ok(inner);
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Rule, ParseError> {
        if self.eat_keyword("WO") {
            return Ok(if self.peek("[") {
                Rule::MaterialsWhollyObtained(self.selection()?)
            } else {
                Rule::WhollyObtained
            });
        }
        for (keyword, level) in
            [("CTSH", Level::Subheading), ("CTH", Level::Heading), ("CC", Level::Chapter), ("ANY", Level::None)]
        {
            if self.eat_keyword(keyword) {
                return self.change(level);
            }
        }
        if self.eat_keyword("FROM") {
            return Ok(Rule::From(self.selection()?));
        }
        if self.eat_keyword("MAXNOM") {
            let max_percent = self.percent()?;
            let of = if self.peek("[") { Some(self.selection()?) } else { None };
            return Ok(Rule::MaxNonOriginatingValue { max_percent, of });
        }
        if self.eat_keyword("MAXWT") {
            let max_percent = self.percent()?;
            let of = self.selection()?;
            let basis = if self.eat_keyword("OF") { Some(self.selection()?) } else { None };
            return Ok(Rule::MaxWeight { max_percent, of, basis });
        }
        if self.eat_keyword("RVC") {
            let min_percent = self.percent()?;
            let of = if self.peek("[") { Some(self.selection()?) } else { None };
            return Ok(Rule::RegionalValueContent { min_percent, of, basis: self.basis() });
        }
        if self.eat_keyword("MINOM") {
            let min_percent = self.percent()?;
            return Ok(Rule::MinOriginatingValue { min_percent, basis: self.basis() });
        }
        if self.eat_keyword("NOM") {
            self.expect("<=")?;
            if !self.eat_keyword("OM") {
                return Err(self.error("expected 'OM' after 'NOM<='"));
            }
            return Ok(Rule::NonOriginatingWithinOriginating);
        }
        if self.eat_keyword("P") {
            self.expect("(")?;
            let id = self.identifier()?;
            self.expect(")")?;
            return Ok(Rule::Process(id));
        }
        if self.eat_keyword("ATLEAST") {
            let count = self.integer()?;
            self.expect("(")?;
            let mut processes = vec![self.identifier()?];
            while self.eat(",") {
                processes.push(self.identifier()?);
            }
            self.expect(")")?;
            if count == 0 || count as usize > processes.len() {
                return Err(self.error("ATLEAST needs a count between 1 and the number of processes"));
            }
            return Ok(Rule::AtLeast { count, processes });
        }
        Err(self
            .error("expected WO, CC, CTH, CTSH, ANY, FROM, MAXNOM, MAXWT, RVC, MINOM, NOM<=OM, P(...), ATLEAST or '('"))
    }

    fn change(&mut self, level: Level) -> Result<Rule, ParseError> {
        let except = if self.eat_keyword("EXCEPT") { Some(self.selection()?) } else { None };
        let allow = if self.eat_keyword("ALLOW") { Some(self.selection()?) } else { None };
        let same_max_percent = if self.eat_keyword("SAME") {
            self.expect("<=")?;
            Some(self.percent()?)
        } else {
            None
        };
        Ok(Rule::Change { level, except, allow, same_max_percent })
    }

    /// The optional price basis after a value atom: ` FOB`, or the ex-works price.
    fn basis(&mut self) -> Basis {
        if self.eat_keyword("FOB") { Basis::Fob } else { Basis::ExWorks }
    }

    fn peek(&mut self, token: &str) -> bool {
        self.skip_space();
        self.rest().starts_with(token)
    }

    fn selection(&mut self) -> Result<Selection, ParseError> {
        self.expect("[")?;
        let end = self.rest().find(']').ok_or_else(|| self.error("expected ']'"))?;
        let inner = &self.rest()[..end];
        let selection = Selection::parse(inner).map_err(|e| self.error(e.to_string()))?;
        self.pos += end + 1;
        Ok(selection)
    }

    fn number_text(&mut self) -> &'a str {
        self.skip_space();
        let len = self.rest().find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(self.rest().len());
        let text = &self.rest()[..len];
        self.pos += len;
        text
    }

    fn percent(&mut self) -> Result<Decimal, ParseError> {
        let start = self.pos;
        let text = self.number_text();
        let value = Decimal::from_str(text).map_err(|_| {
            self.pos = start;
            self.error("expected a percentage such as 50% or 47.5%")
        })?;
        if value > Decimal::ONE_HUNDRED {
            self.pos = start;
            return Err(self.error("a percentage cannot exceed 100%"));
        }
        self.expect("%")?;
        Ok(value)
    }

    fn integer(&mut self) -> Result<u32, ParseError> {
        let text = self.number_text();
        text.parse().map_err(|_| self.error("expected a whole number"))
    }

    fn identifier(&mut self) -> Result<String, ParseError> {
        self.skip_space();
        let len = self.rest().find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
        let len = len.unwrap_or(self.rest().len());
        if len == 0 {
            return Err(self.error("expected a process id such as spinning"));
        }
        let id = self.rest()[..len].to_string();
        self.pos += len;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn round_trip(text: &str) {
        let rule = parse(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rule.to_string(), text, "display of {rule:?}");
        assert_eq!(parse(&rule.to_string()).unwrap(), rule);
    }

    #[test]
    fn canonical_forms_round_trip() {
        round_trip("WO");
        round_trip("WO[ch03]");
        round_trip("CTH EXCEPT[7301] ALLOW[ch50-ch63] SAME<=20%");
        round_trip("CTH | MAXNOM 70%");
        round_trip("MAXWT 40%[@sugar] & MAXWT 30%[ch24] OF[ch24]");
        round_trip("P(weaving) & P(making_up) | P(printing) & ATLEAST 2 (scouring, bleaching) & MAXNOM 47.5%[@fabric]");
        round_trip("(CTH | P(spinning)) & MAXNOM 50%");
        round_trip("ANY EXCEPT[0201-0206]");
        round_trip("CTSH | RVC 40% | MINOM 35% FOB | RVC 45%[ch84] FOB | NOM<=OM & MAXNOM 40%");
    }

    #[test]
    fn precedence_puts_and_inside_or() {
        let rule = parse("CTH & MAXNOM 50% | MAXNOM 40%").unwrap();
        assert!(matches!(&rule, Rule::AnyOf(alts) if matches!(alts[0], Rule::AllOf(_))));
        assert_eq!(rule.alternatives().len(), 2);
        let product = parse("(CTH | CC) & (P(weaving) | P(knitting))").unwrap();
        assert_eq!(product.alternatives().len(), 4);
    }

    #[test]
    fn errors_name_the_offset() {
        let error = parse("CTH & MAXNOM 150%").unwrap_err();
        assert!(error.message.contains("100%"), "{error}");
        let error = parse("CTH & BANANA").unwrap_err();
        assert_eq!(error.offset, 6);
        assert!(parse("CTHX").is_err());
        assert!(parse("ATLEAST 3 (a, b)").is_err());
        assert!(parse("FROM[ch99-ch01]").is_err());
        assert!(parse("CTH )").is_err());
    }
}
