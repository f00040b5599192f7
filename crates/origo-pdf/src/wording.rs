//! The longer texts of a certificate, per kind, in Uzbek (Latin script), Russian and English: titles, the
//! exporter's declaration, the certification, the note on electronic issue, and the status banners.
//!
//! The wording is Origo's own, written to say what each box of the form means; it is not copied from the legal
//! forms. Statements refer to the country by its box ("the country of origin shown in box 5") so that no language
//! has to inflect a country name.

use origo_documents::certificate::{CertificateKind, CertificateStatus};

use crate::Language;
use crate::labels::Bilingual;

/// Title and subtitle of each kind, `[uz, ru, en]`; `None` for kinds that are not rendered.
fn title_texts(kind: CertificateKind) -> Option<([&'static str; 3], [&'static str; 3])> {
    Some(match kind {
        CertificateKind::NonPreferential => (
            [
                "Tovarning kelib chiqishi toʻgʻrisidagi sertifikat",
                "Сертификат о происхождении товара",
                "Certificate of origin",
            ],
            ["Umumiy shakl (imtiyozsiz)", "Общая форма (непреференциальный)", "General form (non-preferential)"],
        ),
        CertificateKind::Ct1 => (
            [
                "CT-1 shaklidagi tovarning kelib chiqishi toʻgʻrisidagi sertifikat",
                "Сертификат о происхождении товара форма СТ-1",
                "Certificate of origin form CT-1",
            ],
            ["MDH erkin savdo hududi", "Зона свободной торговли СНГ", "CIS free trade area"],
        ),
        CertificateKind::CtUz => (
            [
                "CT-UZ shaklidagi tovarning kelib chiqishi toʻgʻrisidagi sertifikat",
                "Сертификат о происхождении товара форма CT-UZ",
                "Certificate of origin form CT-UZ",
            ],
            [
                "Oʻzbekistonda ishlab chiqarilgan tovarlar uchun milliy sertifikat",
                "Национальный сертификат на товары, произведенные в Узбекистане",
                "National certificate for goods produced in Uzbekistan",
            ],
        ),
        CertificateKind::StatementOnOrigin | CertificateKind::OriginDeclaration => return None,
    })
}

fn declaration_texts(kind: CertificateKind) -> [&'static str; 3] {
    match kind {
        CertificateKind::Ct1 => [
            "Quyida imzo chekuvchi yuqoridagi maʼlumotlar haqiqatga mos ekanligini, tavsiflangan tovarlar 5-bandda \
             koʻrsatilgan kelib chiqqan mamlakatda toʻliq ishlab chiqarilgan yoki yetarli darajada qayta ishlanganligini \
             va MDHda tovarlarning kelib chiqqan mamlakatini aniqlash qoidalariga javob berishini maʼlum qiladi.",
            "Нижеподписавшийся заявляет, что приведенные выше сведения соответствуют действительности, что описанные \
             товары полностью произведены или подвергнуты достаточной переработке в стране происхождения, указанной в \
             графе 5, и отвечают Правилам определения страны происхождения товаров в СНГ.",
            "The undersigned declares that the above details and statements are correct, that the goods described were \
             wholly produced or sufficiently processed in the country of origin shown in box 5, and that they meet the \
             CIS rules for determining the country of origin of goods.",
        ],
        CertificateKind::CtUz => [
            "Quyida imzo chekuvchi yuqoridagi maʼlumotlar haqiqatga mos ekanligini hamda tavsiflangan tovarlar \
             Oʻzbekiston Respublikasida ishlab chiqarilganligini va CT-UZ shaklidagi sertifikat berish talablariga \
             javob berishini maʼlum qiladi.",
            "Нижеподписавшийся заявляет, что приведенные выше сведения соответствуют действительности и что описанные \
             товары произведены в Республике Узбекистан и отвечают требованиям для выдачи сертификата формы CT-UZ.",
            "The undersigned declares that the above details and statements are correct and that the goods described \
             were produced in the Republic of Uzbekistan and meet the requirements for a CT-UZ certificate.",
        ],
        _ => [
            "Quyida imzo chekuvchi yuqoridagi maʼlumotlar haqiqatga mos ekanligini va tavsiflangan tovarlar 5-bandda \
             koʻrsatilgan kelib chiqqan mamlakatda ishlab chiqarilganligini maʼlum qiladi.",
            "Нижеподписавшийся заявляет, что приведенные выше сведения соответствуют действительности и что описанные \
             товары произведены в стране происхождения, указанной в графе 5.",
            "The undersigned declares that the above details and statements are correct and that the goods described \
             were produced in the country of origin shown in box 5.",
        ],
    }
}

const CERTIFICATION: [&str; 3] = [
    "Oʻtkazilgan tekshiruv asosida eksportyor deklaratsiyasi haqiqatga mos ekanligi tasdiqlanadi.",
    "Настоящим удостоверяется, что на основании проведенной проверки декларация заявителя соответствует \
     действительности.",
    "It is hereby certified, on the basis of the control carried out, that the declaration by the exporter is correct.",
];

const ELECTRONIC: [&str; 3] = [
    "Elektron shaklda berilgan va sertifikatni bergan organ kaliti bilan imzolangan. Sertifikatni QR-kod orqali yoki \
     quyidagi manzilda sertifikat raqami va himoya kodi bilan tekshirish mumkin.",
    "Выдан в электронной форме и подписан ключом выдавшего органа. Проверить сертификат можно по QR-коду или по \
     адресу ниже, указав номер сертификата и защитный код.",
    "Issued electronically and signed with the issuing body's key. Check it by scanning a QR code, or at the address \
     below with the certificate number and security code.",
];

/// Banner and watermark of a certificate that is no longer valid; `None` for a valid one.
fn status_texts(status: CertificateStatus) -> Option<([&'static str; 3], [&'static str; 3])> {
    match status {
        CertificateStatus::Valid => None,
        CertificateStatus::Revoked => Some((
            [
                "BEKOR QILINGAN: sertifikat uni bergan organ tomonidan bekor qilingan va haqiqiy emas",
                "ОТОЗВАН: сертификат отозван выдавшим органом и недействителен",
                "REVOKED: this certificate has been withdrawn by the issuing body and is not valid",
            ],
            ["BEKOR QILINGAN", "ОТОЗВАН", "REVOKED"],
        )),
        CertificateStatus::Replaced => Some((
            [
                "ALMASHTIRILGAN: sertifikat boshqa sertifikat bilan almashtirilgan va haqiqiy emas",
                "ЗАМЕНЕН: сертификат заменен другим сертификатом и недействителен",
                "REPLACED: this certificate has been replaced by another certificate and is not valid",
            ],
            ["ALMASHTIRILGAN", "ЗАМЕНЕН", "REPLACED"],
        )),
    }
}

fn bi(language: Language, [uz, ru, en]: [&'static str; 3]) -> Bilingual {
    Bilingual::new(language, language.pick([uz, ru, en]), en)
}

/// Title and subtitle of a certificate of `kind`; `None` for proofs made out by the exporter.
pub(crate) fn title(kind: CertificateKind, language: Language) -> Option<(Bilingual, Bilingual)> {
    title_texts(kind).map(|(title, subtitle)| (bi(language, title), bi(language, subtitle)))
}

/// The exporter's declaration for `kind`.
pub(crate) fn declaration(kind: CertificateKind, language: Language) -> Bilingual {
    bi(language, declaration_texts(kind))
}

/// The certifying body's statement.
pub(crate) fn certification(language: Language) -> Bilingual {
    bi(language, CERTIFICATION)
}

/// How the electronic certificate is checked.
pub(crate) fn electronic(language: Language) -> Bilingual {
    bi(language, ELECTRONIC)
}

/// The banner and the watermark word for a certificate that is not valid.
pub(crate) fn status(status: CertificateStatus, language: Language) -> Option<(Bilingual, Bilingual)> {
    status_texts(status).map(|(banner, word)| (bi(language, banner), bi(language, word)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::tests::check_languages;

    const KINDS: [CertificateKind; 3] = [CertificateKind::NonPreferential, CertificateKind::Ct1, CertificateKind::CtUz];

    #[test]
    fn every_text_exists_in_all_three_languages() {
        for kind in KINDS {
            let (title, subtitle) = title_texts(kind).unwrap();
            check_languages(&format!("title {kind:?}"), title);
            check_languages(&format!("subtitle {kind:?}"), subtitle);
            check_languages(&format!("declaration {kind:?}"), declaration_texts(kind));
        }
        check_languages("certification", CERTIFICATION);
        check_languages("electronic", ELECTRONIC);
        for status in [CertificateStatus::Revoked, CertificateStatus::Replaced] {
            let (banner, word) = status_texts(status).unwrap();
            check_languages(&format!("banner {status:?}"), banner);
            check_languages(&format!("watermark {status:?}"), word);
        }
    }

    #[test]
    fn titles_name_each_form() {
        let (ct1, _) = title(CertificateKind::Ct1, Language::Ru).unwrap();
        // The form code of CT-1 is written in Cyrillic letters in Russian (СТ-1).
        assert_eq!(ct1.primary, "Сертификат о происхождении товара форма \u{0421}\u{0422}-1");
        assert_eq!(ct1.english, Some("Certificate of origin form CT-1"));
        let (ctuz, _) = title(CertificateKind::CtUz, Language::En).unwrap();
        assert_eq!((ctuz.primary, ctuz.english), ("Certificate of origin form CT-UZ", None));
        assert!(title(CertificateKind::StatementOnOrigin, Language::En).is_none());
        assert!(status(CertificateStatus::Valid, Language::Ru).is_none());
        assert_eq!(status(CertificateStatus::Revoked, Language::Ru).unwrap().1.joined(), "ОТОЗВАН / REVOKED");
    }
}
