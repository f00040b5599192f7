//! Names of the countries most often on Uzbek certificates, in Uzbek (Latin script), Russian and English. Any other
//! country is printed by its ISO 3166-1 code alone; the code is printed beside every name.

use origo_documents::certificate::CountryCode;

use crate::Language;

/// `(code, [uz, ru, en])`, sorted by code.
const NAMES: [(&str, [&str; 3]); 34] = [
    ("AE", ["Birlashgan Arab Amirliklari", "Объединенные Арабские Эмираты", "United Arab Emirates"]),
    ("AF", ["Afgʻoniston", "Афганистан", "Afghanistan"]),
    ("AM", ["Armaniston", "Армения", "Armenia"]),
    ("AT", ["Avstriya", "Австрия", "Austria"]),
    ("AZ", ["Ozarbayjon", "Азербайджан", "Azerbaijan"]),
    ("BE", ["Belgiya", "Бельгия", "Belgium"]),
    ("BY", ["Belarus", "Беларусь", "Belarus"]),
    ("CH", ["Shveytsariya", "Швейцария", "Switzerland"]),
    ("CN", ["Xitoy", "Китай", "China"]),
    ("DE", ["Germaniya", "Германия", "Germany"]),
    ("ES", ["Ispaniya", "Испания", "Spain"]),
    ("FR", ["Fransiya", "Франция", "France"]),
    ("GB", ["Buyuk Britaniya", "Великобритания", "United Kingdom"]),
    ("GE", ["Gruziya", "Грузия", "Georgia"]),
    ("IN", ["Hindiston", "Индия", "India"]),
    ("IR", ["Eron", "Иран", "Iran"]),
    ("IT", ["Italiya", "Италия", "Italy"]),
    ("JP", ["Yaponiya", "Япония", "Japan"]),
    ("KG", ["Qirgʻiziston", "Кыргызстан", "Kyrgyzstan"]),
    ("KR", ["Koreya Respublikasi", "Республика Корея", "Republic of Korea"]),
    ("KZ", ["Qozogʻiston", "Казахстан", "Kazakhstan"]),
    ("LT", ["Litva", "Литва", "Lithuania"]),
    ("LV", ["Latviya", "Латвия", "Latvia"]),
    ("MD", ["Moldova", "Молдова", "Moldova"]),
    ("NL", ["Niderlandiya", "Нидерланды", "Netherlands"]),
    ("PK", ["Pokiston", "Пакистан", "Pakistan"]),
    ("PL", ["Polsha", "Польша", "Poland"]),
    ("RU", ["Rossiya", "Россия", "Russia"]),
    ("TJ", ["Tojikiston", "Таджикистан", "Tajikistan"]),
    ("TM", ["Turkmaniston", "Туркменистан", "Turkmenistan"]),
    ("TR", ["Turkiya", "Турция", "Türkiye"]),
    ("UA", ["Ukraina", "Украина", "Ukraine"]),
    ("US", ["Amerika Qoʻshma Shtatlari", "Соединенные Штаты Америки", "United States"]),
    ("UZ", ["Oʻzbekiston", "Узбекистан", "Uzbekistan"]),
];

/// `Узбекистан / Uzbekistan (UZ)`, `Uzbekistan (UZ)` in English, `XX` for a country not in the table.
pub(crate) fn name(code: &CountryCode, language: Language) -> String {
    let code = code.as_str();
    match NAMES.iter().find(|(c, _)| *c == code) {
        Some((_, names)) if language == Language::En => format!("{} ({code})", names[2]),
        Some((_, names)) => format!("{} / {} ({code})", language.pick(*names), names[2]),
        None => code.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::tests::check_languages;

    #[test]
    fn names_in_three_languages() {
        let mut codes: Vec<_> = NAMES.iter().map(|(c, _)| *c).collect();
        for (code, names) in NAMES {
            check_languages(code, names);
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), NAMES.len(), "a code twice");
        let uz: CountryCode = "UZ".parse().unwrap();
        assert_eq!(name(&uz, Language::Ru), "Узбекистан / Uzbekistan (UZ)");
        assert_eq!(name(&uz, Language::Uz), "Oʻzbekiston / Uzbekistan (UZ)");
        assert_eq!(name(&uz, Language::En), "Uzbekistan (UZ)");
        assert_eq!(name(&"ZZ".parse().unwrap(), Language::Ru), "ZZ");
    }
}
