//! The short texts of the form (box labels, field names, captions) in Uzbek (Latin script), Russian and English.
//!
//! One row per label, the three languages side by side, so that a missing translation is a compile error and a
//! reviewer reads each label once. Longer texts (titles, statements) are in `wording`.

use crate::Language;

/// A label of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Label {
    CertificateNo,
    IssuedBy,
    Exporter,
    Consignee,
    Transport,
    Remarks,
    CountryOfOrigin,
    ImportingCountry,
    ItemNo,
    MarksPackages,
    Description,
    HsCode,
    Criterion,
    QuantityWeight,
    InvoiceValue,
    Declaration,
    Certification,
    Verification,
    SecurityCode,
    Tin,
    Rex,
    Means,
    Route,
    Loading,
    Discharge,
    Departure,
    PlaceDate,
    Signatory,
    Officer,
    Seal,
    Gross,
    Net,
    Kg,
    Page,
    Continued,
    ScanLink,
    ScanPayload,
}

impl Label {
    /// Every label, for the tests that check them all.
    #[cfg(test)]
    pub(crate) const ALL: [Label; 37] = [
        Label::CertificateNo,
        Label::IssuedBy,
        Label::Exporter,
        Label::Consignee,
        Label::Transport,
        Label::Remarks,
        Label::CountryOfOrigin,
        Label::ImportingCountry,
        Label::ItemNo,
        Label::MarksPackages,
        Label::Description,
        Label::HsCode,
        Label::Criterion,
        Label::QuantityWeight,
        Label::InvoiceValue,
        Label::Declaration,
        Label::Certification,
        Label::Verification,
        Label::SecurityCode,
        Label::Tin,
        Label::Rex,
        Label::Means,
        Label::Route,
        Label::Loading,
        Label::Discharge,
        Label::Departure,
        Label::PlaceDate,
        Label::Signatory,
        Label::Officer,
        Label::Seal,
        Label::Gross,
        Label::Net,
        Label::Kg,
        Label::Page,
        Label::Continued,
        Label::ScanLink,
        Label::ScanPayload,
    ];

    /// `[uz, ru, en]`.
    fn texts(self) -> [&'static str; 3] {
        match self {
            Label::CertificateNo => ["Sertifikat raqami", "Номер сертификата", "Certificate No."],
            Label::IssuedBy => ["Sertifikatni bergan organ", "Орган, выдавший сертификат", "Issued by"],
            Label::Exporter => [
                "Eksportyor (nomi, manzili, mamlakati)",
                "Экспортер (наименование, адрес, страна)",
                "Exporter (name, address, country)",
            ],
            Label::Consignee => [
                "Yuk oluvchi (nomi, manzili, mamlakati)",
                "Грузополучатель (наименование, адрес, страна)",
                "Consignee (name, address, country)",
            ],
            Label::Transport => [
                "Transport vositasi va yoʻnalishi",
                "Средства транспорта и маршрут следования",
                "Means of transport and route",
            ],
            Label::Remarks => {
                ["Xizmat belgilari uchun (izohlar)", "Для служебных отметок", "For official use (remarks)"]
            }
            Label::CountryOfOrigin => ["Kelib chiqqan mamlakat", "Страна происхождения", "Country of origin"],
            Label::ImportingCountry => ["Import qiluvchi mamlakat", "Страна назначения", "Importing country"],
            Label::ItemNo => ["T/r", "№ п/п", "Item No."],
            Label::MarksPackages => [
                "Markalar va raqamlar; joylar soni va turi",
                "Маркировка; количество мест и вид упаковки",
                "Marks and numbers; number and kind of packages",
            ],
            Label::Description => ["Tovar tavsifi", "Описание товара", "Description of goods"],
            Label::HsCode => ["TIF TN kodi", "Код ТН ВЭД", "HS code"],
            Label::Criterion => ["Kelib chiqish mezoni", "Критерий происхождения", "Origin criterion"],
            Label::QuantityWeight => {
                ["Miqdori; brutto/netto ogʻirligi", "Количество; вес брутто/нетто", "Quantity; gross/net weight"]
            }
            Label::InvoiceValue => [
                "Hisob-faktura raqami va sanasi; qiymati",
                "Номер и дата счета-фактуры; стоимость",
                "Invoice number and date; value",
            ],
            Label::Declaration => ["Eksportyor deklaratsiyasi", "Декларация заявителя", "Declaration by the exporter"],
            Label::Certification => ["Tasdiqlash", "Удостоверение", "Certification"],
            Label::Verification => ["Haqiqiyligini tekshirish", "Проверка подлинности", "Verification"],
            Label::SecurityCode => ["Himoya kodi", "Защитный код", "Security code"],
            Label::Tin => ["STIR", "ИНН", "TIN"],
            Label::Rex => ["REX raqami", "Номер REX", "REX number"],
            Label::Means => ["Transport", "Транспорт", "Means of transport"],
            Label::Route => ["Yoʻnalish", "Маршрут", "Route"],
            Label::Loading => ["Yuklash joyi", "Место погрузки", "Place of loading"],
            Label::Discharge => ["Tushirish joyi", "Место разгрузки", "Place of discharge"],
            Label::Departure => ["Joʻnash sanasi", "Дата отправления", "Departure date"],
            Label::PlaceDate => ["Joyi va sanasi", "Место и дата", "Place and date"],
            Label::Signatory => ["Imzolovchi", "Подписавшее лицо", "Signatory"],
            Label::Officer => ["Vakolatli shaxs", "Уполномоченное лицо", "Authorised officer"],
            Label::Seal => ["Muhr", "Печать", "Seal"],
            Label::Gross => ["brutto", "брутто", "gross"],
            Label::Net => ["netto", "нетто", "net"],
            Label::Kg => ["kg", "кг", "kg"],
            Label::Page => ["Varaq", "Лист", "Page"],
            Label::Continued => ["davomi", "продолжение", "continued"],
            Label::ScanLink => [
                "Onlayn tekshirish: kodni skanerlang yoki manzilni oching",
                "Проверка онлайн: отсканируйте код или откройте адрес",
                "Verify online: scan the code or open the address",
            ],
            Label::ScanPayload => [
                "Imzolangan maʼlumotlar: organning eʼlon qilingan kalitlari bilan internetsiz tekshirish uchun",
                "Подписанные данные для проверки без подключения к сети по опубликованным ключам органа",
                "Signed data for offline verification with the issuer's published keys",
            ],
        }
    }

    /// The label in `language`.
    pub(crate) fn get(self, language: Language) -> &'static str {
        let [uz, ru, en] = self.texts();
        match language {
            Language::Uz => uz,
            Language::Ru => ru,
            Language::En => en,
        }
    }

    /// The label in English.
    pub(crate) fn en(self) -> &'static str {
        self.texts()[2]
    }
}

/// A text in the chosen language and, unless that is English, in English too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Bilingual {
    /// In the chosen language.
    pub(crate) primary: &'static str,
    /// In English; `None` when the chosen language is English.
    pub(crate) english: Option<&'static str>,
}

impl Bilingual {
    /// `primary` in `language`, with `english` beside it unless the language is English.
    pub(crate) fn new(language: Language, primary: &'static str, english: &'static str) -> Bilingual {
        Bilingual { primary, english: (language != Language::En).then_some(english) }
    }

    /// One line: `primary / english`, or `primary` alone.
    pub(crate) fn joined(self) -> String {
        match self.english {
            Some(english) => format!("{} / {english}", self.primary),
            None => self.primary.to_owned(),
        }
    }
}

impl Label {
    /// The label in `language` with its English.
    pub(crate) fn bi(self, language: Language) -> Bilingual {
        Bilingual::new(language, self.get(language), self.en())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::fonts::Face;

    pub(crate) fn is_cyrillic(c: char) -> bool {
        ('\u{0400}'..='\u{04FF}').contains(&c)
    }

    /// Checks one text in the three languages: present, in the right script, printable with both faces.
    pub(crate) fn check_languages(name: &str, [uz, ru, en]: [&str; 3]) {
        for (language, text) in [("uz", uz), ("ru", ru), ("en", en)] {
            assert!(!text.trim().is_empty(), "{name}: no {language} text");
            for c in text.chars() {
                assert!(Face::Regular.covers(c) && Face::Bold.covers(c), "{name} ({language}): no glyph for {c:?}");
            }
        }
        assert!(ru.chars().any(is_cyrillic), "{name}: the Russian text has no Cyrillic letter: {ru:?}");
        // Uzbek is written in the Latin script here; CT-1 keeps its Cyrillic form code in Russian only.
        assert!(!uz.chars().any(is_cyrillic), "{name}: the Uzbek text is not in Latin script: {uz:?}");
        assert!(en.is_ascii() || !en.chars().any(is_cyrillic), "{name}: the English text has Cyrillic: {en:?}");
        // Uzbek oʻ and gʻ take U+02BB, never an apostrophe or a backquote.
        assert!(
            !uz.contains("o'") && !uz.contains("g'") && !uz.contains('`'),
            "{name}: write oʻ gʻ with U+02BB: {uz:?}"
        );
    }

    #[test]
    fn every_label_exists_in_all_three_languages() {
        let mut english = std::collections::HashSet::new();
        for label in Label::ALL {
            check_languages(&format!("{label:?}"), label.texts());
            assert!(english.insert(label.en()), "{label:?}: the English text is used twice");
        }
        assert_eq!(Label::Exporter.get(Language::Ru), "Экспортер (наименование, адрес, страна)");
        assert_eq!(Label::HsCode.bi(Language::Uz).joined(), "TIF TN kodi / HS code");
        assert_eq!(Label::HsCode.bi(Language::En).joined(), "HS code");
    }
}
