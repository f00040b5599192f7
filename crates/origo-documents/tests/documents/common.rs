//! Fixtures: deterministic keys, salts and a realistic CT-1 certificate.

use origo_documents::certificate::{
    Certificate, CertificateKind, CertificateStatus, Certification, Declaration, Exporter, GoodsItem, InvoiceRef,
    IssuingBody, Money, Packages, Party, Quantity, Transport,
};
use origo_documents::{Date, KeySet, Signer};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub fn date(text: &str) -> Date {
    text.parse().unwrap()
}

/// A key generated from a seeded RNG: the same seed gives the same key in every run.
pub fn signer(key_id: &str, seed: u64) -> Signer {
    Signer::generate(key_id.parse().unwrap(), &mut StdRng::seed_from_u64(seed))
}

/// A key set of `(signer, not_before, not_after)`.
pub fn key_set(keys: &[(&Signer, &str, Option<&str>)]) -> KeySet {
    let published = keys.iter().map(|(s, from, to)| s.published(date(from), to.map(date))).collect();
    KeySet::new("Uzbekexpertiza", published).unwrap()
}

/// One signer valid through 2026 and its key set.
pub fn issuer() -> (Signer, KeySet) {
    let signer = signer("uzx-2026-1", 7);
    let keys = key_set(&[(&signer, "2026-01-01", Some("2026-12-31"))]);
    (signer, keys)
}

/// Salts from a seeded RNG.
pub fn salts(seed: u64) -> impl FnMut() -> [u8; 16] {
    let mut rng = StdRng::seed_from_u64(seed);
    move || {
        let mut salt = [0u8; 16];
        rng.fill_bytes(&mut salt);
        salt
    }
}

const GOODS: [(&str, &str, &str); 5] = [
    ("610910", "Men's T-shirts of cotton, knitted", "W 61.09"),
    ("620342", "Men's trousers of cotton denim", "W 62.03"),
    ("520512", "Single cotton yarn, uncombed, 232-714 dtex", "W 52.05"),
    ("080620", "Dried grapes (raisins)", "P"),
    ("630260", "Toilet and kitchen linen of cotton terry", "W 63.02"),
];

/// A CT-1 certificate from Uzbekistan to Kazakhstan with `items` goods items.
pub fn certificate(items: usize) -> Certificate {
    let items = (0..items)
        .map(|i| {
            let (hs, description, criterion) = GOODS[i % GOODS.len()];
            let n = u32::try_from(i + 1).unwrap();
            GoodsItem {
                item_number: n,
                marks: format!("CTM/KZ/{n:03}"),
                packages: Packages { count: 40 + n, kind: "cartons".into() },
                description: description.into(),
                hs_code: hs.parse().unwrap(),
                origin_criterion: Some(criterion.parse().unwrap()),
                gross_weight_kg: Some(format!("{}.50", 500 + 10 * n).parse().unwrap()),
                net_weight_kg: Some(format!("{}.25", 480 + 10 * n).parse().unwrap()),
                quantity: Some(Quantity { value: format!("{}", 1200 + 25 * n).parse().unwrap(), unit: "PCE".into() }),
                invoice: Some(InvoiceRef { number: "INV-2026-0412".into(), date: date("2026-03-10") }),
                value: Some(Money {
                    amount: format!("{}.80", 4000 + 137 * n).parse().unwrap(),
                    currency: "USD".into(),
                }),
                supplier: Some(Party {
                    name: "Fergana Cotton Cluster LLC".into(),
                    address: "7 Mustaqillik St, Fergana".into(),
                    country: "UZ".parse().unwrap(),
                }),
            }
        })
        .collect();
    Certificate {
        kind: CertificateKind::Ct1,
        number: "UZ-2026-000123".parse().unwrap(),
        issuing_body: Some(IssuingBody {
            name: "Uzbekexpertiza".into(),
            country: "UZ".parse().unwrap(),
            address: Some("Tashkent".into()),
        }),
        exporter: Exporter {
            name: "Chirchiq Textile Mill LLC".into(),
            address: "12 Amir Temur St, Chirchiq, Tashkent Region".into(),
            country: "UZ".parse().unwrap(),
            tin: Some("301234567".into()),
            rex: Some("UZREX301234567".parse().unwrap()),
        },
        consignee: Some(Party {
            name: "Almaty Trade House LLP".into(),
            address: "45 Abai Ave, Almaty 050000".into(),
            country: "KZ".parse().unwrap(),
        }),
        transport: Some(Transport {
            means: Some("road, truck 01A123BC".into()),
            route: Some("Tashkent - Almaty".into()),
            port_of_loading: Some("Tashkent".into()),
            port_of_discharge: Some("Almaty".into()),
            departure_date: Some(date("2026-03-15")),
        }),
        items,
        country_of_origin: "UZ".parse().unwrap(),
        importing_country: "KZ".parse().unwrap(),
        exporter_declaration: Some(Declaration {
            place: "Chirchiq".into(),
            date: date("2026-03-12"),
            signatory: "D. Karimova, export manager".into(),
        }),
        certification: Some(Certification {
            place: "Tashkent".into(),
            date: date("2026-03-14"),
            officer: "A. Yusupov".into(),
            seal: None,
        }),
        security_code: Some("7KQ4-M2XP".into()),
        remarks: None,
        status: CertificateStatus::Valid,
    }
}
