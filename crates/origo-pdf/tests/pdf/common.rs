//! Fixtures: a realistic certificate of each kind (Uzbek exporter, names and descriptions in Uzbek Latin and
//! Russian Cyrillic), a signing key and its key set, and the render options with a signed QR payload.

use origo_documents::certificate::{
    Certificate, CertificateKind, CertificateStatus, Certification, Declaration, Exporter, GoodsItem, InvoiceRef,
    IssuingBody, Money, Packages, Party, Quantity, Transport,
};
use origo_documents::{Date, KeySet, Signer, qr};
use origo_pdf::{Language, RenderOptions};
use rand::SeedableRng;
use rand::rngs::StdRng;

pub const KINDS: [CertificateKind; 3] = [CertificateKind::NonPreferential, CertificateKind::Ct1, CertificateKind::CtUz];

pub fn date(text: &str) -> Date {
    text.parse().unwrap()
}

/// A key from a seeded RNG, valid through 2026, and its key set.
pub fn issuer() -> (Signer, KeySet) {
    let signer = Signer::generate("uzx-2026-1".parse().unwrap(), &mut StdRng::seed_from_u64(7));
    let keys =
        KeySet::new("Uzbekexpertiza", vec![signer.published(date("2026-01-01"), Some(date("2026-12-31")))]).unwrap();
    (signer, keys)
}

/// Descriptions and HS codes; the descriptions are long enough to wrap in the table.
const GOODS: [(&str, &str, &str); 5] = [
    (
        "610910",
        "Paxta ipidan toʻqilgan erkaklar futbolkalari / Футболки мужские трикотажные из хлопчатобумажной пряжи, \
         100% хлопок, размеры S–XXL",
        "W 61.09",
    ),
    ("620342", "Erkaklar shimlari, paxta denimidan / Брюки мужские из хлопкового денима", "W 62.03"),
    ("520512", "Пряжа хлопчатобумажная однониточная, некардная, 232–714 дтекс", "W 52.05"),
    ("080620", "Quritilgan uzum (mayiz) / Виноград сушеный (изюм), высший сорт", "P"),
    ("630260", "Sochiqlar, paxta mahsidan / Полотенца махровые хлопчатобумажные", "W 63.02"),
];

/// Exporter, consignee, route and language of each kind's certificate.
struct Parties {
    number: &'static str,
    exporter: &'static str,
    consignee: (&'static str, &'static str, &'static str),
    importing: &'static str,
    route: &'static str,
}

fn parties(kind: CertificateKind) -> Parties {
    match kind {
        CertificateKind::Ct1 => Parties {
            number: "UZ-2026-000123",
            exporter: "ООО «Чирчикский текстильный комбинат»",
            consignee: ("ТОО «Алматы Сауда Үйі»", "Казахстан, 050000, г. Алматы, пр. Абая, 45", "KZ"),
            importing: "KZ",
            route: "Ташкент – Алматы",
        },
        CertificateKind::CtUz => Parties {
            number: "UZ-2026-000457",
            exporter: "«Fargʻona paxta klasteri» MChJ",
            consignee: ("ООО «Волга Текстиль Трейд»", "Россия, 443001, г. Самара, ул. Молодогвардейская, 20", "RU"),
            importing: "RU",
            route: "Fargʻona – Toshkent – Samara",
        },
        _ => Parties {
            number: "UZ-2026-000789",
            exporter: "«Chirchiq toʻqimachilik fabrikasi» MChJ",
            consignee: ("Anadolu Tekstil Ticaret A.Ş.", "Organize Sanayi Bölgesi 3. Cadde No. 12, Bursa", "TR"),
            importing: "TR",
            route: "Toshkent – Gʻishtkoʻprik – Bursa",
        },
    }
}

/// A certificate of `kind` with `items` goods items.
pub fn certificate(kind: CertificateKind, items: usize) -> Certificate {
    let p = parties(kind);
    let items = (0..items)
        .map(|i| {
            let (hs, description, criterion) = GOODS[i % GOODS.len()];
            let n = u32::try_from(i + 1).unwrap();
            GoodsItem {
                item_number: n,
                marks: format!("CTM/{}/{n:03}", p.importing),
                packages: Packages { count: 40 + n, kind: "karton / коробки".into() },
                description: description.into(),
                hs_code: hs.parse().unwrap(),
                origin_criterion: (kind != CertificateKind::NonPreferential).then(|| criterion.parse().unwrap()),
                gross_weight_kg: Some(format!("{}.50", 500 + 10 * n).parse().unwrap()),
                net_weight_kg: Some(format!("{}.25", 480 + 10 * n).parse().unwrap()),
                quantity: Some(Quantity { value: format!("{}", 1200 + 25 * n).parse().unwrap(), unit: "PCE".into() }),
                invoice: Some(InvoiceRef { number: "INV-2026-0412".into(), date: date("2026-03-10") }),
                value: Some(Money {
                    amount: format!("{}.80", 4000 + 137 * n).parse().unwrap(),
                    currency: "USD".into(),
                }),
                supplier: None,
            }
        })
        .collect();
    Certificate {
        kind,
        number: p.number.parse().unwrap(),
        issuing_body: Some(IssuingBody {
            name: "Uzbekexpertiza".into(),
            country: "UZ".parse().unwrap(),
            address: Some("Toshkent sh., Amir Temur shoh koʻchasi, 16".into()),
        }),
        exporter: Exporter {
            name: p.exporter.into(),
            address: "Toshkent viloyati, Chirchiq sh., Amir Temur koʻchasi, 12".into(),
            country: "UZ".parse().unwrap(),
            tin: Some("301234567".into()),
            rex: Some("UZREX301234567".parse().unwrap()),
        },
        consignee: Some(Party {
            name: p.consignee.0.into(),
            address: p.consignee.1.into(),
            country: p.consignee.2.parse().unwrap(),
        }),
        transport: Some(Transport {
            means: Some("avtomobil / автомобиль 01A123BC".into()),
            route: Some(p.route.into()),
            port_of_loading: Some("Chirchiq".into()),
            port_of_discharge: None,
            departure_date: Some(date("2026-03-15")),
        }),
        items,
        country_of_origin: "UZ".parse().unwrap(),
        importing_country: p.importing.parse().unwrap(),
        exporter_declaration: Some(Declaration {
            place: "Chirchiq".into(),
            date: date("2026-03-12"),
            signatory: "D. Karimova, eksport boʻyicha menejer".into(),
        }),
        certification: Some(Certification {
            place: "Toshkent".into(),
            date: date("2026-03-14"),
            officer: "A. Yusupov".into(),
            seal: None,
        }),
        security_code: Some("7KQ4-M2XP".into()),
        remarks: Some("Elektron sertifikat / Электронный сертификат".into()),
        status: CertificateStatus::Valid,
    }
}

/// The link a server would build for `certificate`.
pub fn link(certificate: &Certificate) -> String {
    format!("https://verify.origo.uz/verify?number={}&code=7KQ4-M2XP", certificate.number)
}

/// Options in `language` with the QR payload signed by `signer`.
pub fn options(certificate: &Certificate, signer: &Signer, language: Language) -> RenderOptions {
    RenderOptions {
        language,
        verification_url: link(certificate),
        qr_payload: qr::encode(certificate, signer, date("2026-03-14")).unwrap(),
        security_code: "7KQ4-M2XP".into(),
        status: CertificateStatus::Valid,
    }
}
