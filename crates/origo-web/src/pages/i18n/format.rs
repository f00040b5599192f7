//! Dates and decimal numbers as each language writes them. Month names are grammar (Russian needs the genitive,
//! Uzbek joins the day with a hyphen), so they live here with their rules rather than in the catalogues.
//! Numbers are `rust_decimal::Decimal`, formatted from their exact digits: never through a float.

use rust_decimal::Decimal;
use time::Date;

use super::Lang;

/// A no-break space: groups of digits must not be split over two lines.
pub const NBSP: char = '\u{a0}';

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Genitive: "28 ноября".
const RU_MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

const UZ_MONTHS: [&str; 12] =
    ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentabr", "oktabr", "noyabr", "dekabr"];

/// en "28 November 2026", ru "28 ноября 2026 г.", uz "2026-yil 28-noyabr".
pub fn date(lang: Lang, date: Date) -> String {
    let month = usize::from(u8::from(date.month())) - 1;
    let (day, year) = (date.day(), date.year());
    match lang {
        Lang::En => format!("{day} {} {year}", EN_MONTHS[month]),
        Lang::Ru => format!("{day} {} {year}{NBSP}г.", RU_MONTHS[month]),
        Lang::Uz => format!("{year}-yil {day}-{}", UZ_MONTHS[month]),
    }
}

/// en 1,234.56; ru and uz 1 234,56 (no-break space between groups). The decimal's own scale is kept.
pub fn decimal(lang: Lang, value: &Decimal) -> String {
    let (group, point) = match lang {
        Lang::En => (',', '.'),
        Lang::Ru | Lang::Uz => (NBSP, ','),
    };
    let text = value.to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = String::from(sign);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(point);
        out.push_str(fraction);
    }
    out
}

/// A whole number in the language's grouping.
pub fn integer(lang: Lang, value: u64) -> String {
    decimal(lang, &Decimal::from(value))
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use time::macros::date;

    use super::*;

    #[test]
    fn dates_follow_each_language() {
        let day = date!(2026 - 11 - 28);
        assert_eq!(date(Lang::En, day), "28 November 2026");
        assert_eq!(date(Lang::Ru, day), "28 ноября 2026\u{a0}г.");
        assert_eq!(date(Lang::Uz, day), "2026-yil 28-noyabr");
        assert_eq!(date(Lang::Ru, date!(2026 - 03 - 01)), "1 марта 2026\u{a0}г.");
        assert_eq!(date(Lang::Uz, date!(2026 - 09 - 05)), "2026-yil 5-sentabr");
    }

    #[test]
    fn decimals_are_grouped_from_their_exact_digits() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(decimal(Lang::En, &d("1234.56")), "1,234.56");
        assert_eq!(decimal(Lang::Ru, &d("1234.56")), "1\u{a0}234,56");
        assert_eq!(decimal(Lang::Uz, &d("1234.56")), "1\u{a0}234,56");
        assert_eq!(decimal(Lang::En, &d("-1234567.5")), "-1,234,567.5");
        assert_eq!(decimal(Lang::En, &d("999")), "999");
        assert_eq!(decimal(Lang::En, &d("0.10")), "0.10", "the scale is kept");
        assert_eq!(decimal(Lang::En, &d("100000.000000000000000000001")), "100,000.000000000000000000001");
        assert_eq!(integer(Lang::Ru, 1_000_000), "1\u{a0}000\u{a0}000");
    }
}
