//! Months as each language writes them on a chart's axis ("Mar", "мар", "mar") and in full ("March 2026",
//! "март 2026", "2026-yil mart"). Like the dates of `i18n::format`, month names are grammar (Russian uses the
//! nominative here, not the genitive of a date), so they live in code rather than in the catalogues.

use origo_store::statistics::Month;

use crate::pages::i18n::Lang;

const EN: [&str; 12] = [
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
const EN_SHORT: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const RU: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
const RU_SHORT: [&str; 12] = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"];
const UZ: [&str; 12] =
    ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentabr", "oktabr", "noyabr", "dekabr"];
const UZ_SHORT: [&str; 12] = ["yan", "fev", "mar", "apr", "may", "iyun", "iyul", "avg", "sen", "okt", "noy", "dek"];

fn index(month: Month) -> usize {
    usize::from(month.number()) - 1
}

/// The month's name on an axis.
pub fn short(lang: Lang, month: Month) -> &'static str {
    let names = match lang {
        Lang::En => &EN_SHORT,
        Lang::Ru => &RU_SHORT,
        Lang::Uz => &UZ_SHORT,
    };
    names[index(month)]
}

/// The month and year in full.
pub fn full(lang: Lang, month: Month) -> String {
    let year = month.year();
    match lang {
        Lang::En => format!("{} {year}", EN[index(month)]),
        Lang::Ru => format!("{} {year}", RU[index(month)]),
        Lang::Uz => format!("{year}-yil {}", UZ[index(month)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_follow_each_language() {
        let march = Month::parse("2026-03").unwrap();
        assert_eq!((short(Lang::En, march), full(Lang::En, march)), ("Mar", "March 2026".to_owned()));
        assert_eq!((short(Lang::Ru, march), full(Lang::Ru, march)), ("мар", "март 2026".to_owned()));
        assert_eq!((short(Lang::Uz, march), full(Lang::Uz, march)), ("mar", "2026-yil mart".to_owned()));
        let december = Month::parse("2025-12").unwrap();
        assert_eq!(full(Lang::Ru, december), "декабрь 2025");
        assert_eq!(short(Lang::Uz, december), "dek");
    }
}
