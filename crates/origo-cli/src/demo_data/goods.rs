//! The demo's consignments: the goods of each exporter with bills of materials that the engine really decides
//! (checked with `origo check` under every scheme they are used with), and the consignees they go to in Germany,
//! Russia, Kazakhstan and the United Kingdom.
//!
//! Figures are per consignment and in the invoice currency; each product's materials keep the shares a real
//! factory would have (raw cotton about a third of a T-shirt's price, cathodes about four fifths of copper wire).

use origo_service::intake::{ApplicationDraft, ItemDraft, MaterialDraft};
use origo_store::applications::ProofKind;
use rust_decimal::Decimal;
use serde_json::json;
use time::Date;

/// Where a consignment goes.
#[derive(Clone, Copy)]
pub struct Consignee {
    pub name: &'static str,
    pub address: &'static str,
    /// ISO alpha-2; also the importing country.
    pub country: &'static str,
    pub transport: &'static str,
}

pub const MOEBELHAUS_NORD: Consignee = Consignee {
    name: "Möbelhaus Nord GmbH",
    address: "Hafenstraße 1, 20457 Hamburg",
    country: "DE",
    transport: "Road, Tashkent - Hamburg",
};
pub const HOLZ_UND_HEIM: Consignee = Consignee {
    name: "Holz & Heim KG",
    address: "Karlstraße 24, 80333 München",
    country: "DE",
    transport: "Rail to Duisburg, then road",
};
pub const TEXTIL_KONTOR: Consignee = Consignee {
    name: "Textilkontor Berlin GmbH",
    address: "Oranienstraße 183, 10999 Berlin",
    country: "DE",
    transport: "Rail, Tashkent - Małaszewicze - Berlin",
};
pub const TEKSTIL_TORG: Consignee = Consignee {
    name: "OOO Tekstil-Torg",
    address: "ul. Bolshaya Cherkizovskaya 24, 107553 Moscow",
    country: "RU",
    transport: "Road, Fergana - Moscow",
};
pub const AGRO_HIM: Consignee = Consignee {
    name: "OOO AgroKhimProm",
    address: "pr. Lenina 45, 344002 Rostov-on-Don",
    country: "RU",
    transport: "Rail wagons, Navoi - Rostov-on-Don",
};
pub const ALMATY_FOOD: Consignee = Consignee {
    name: "TOO Almaty Food Trade",
    address: "ul. Tole Bi 101, 050012 Almaty",
    country: "KZ",
    transport: "Road, Bukhara - Almaty",
};
pub const KAZ_KABEL: Consignee = Consignee {
    name: "TOO KazKabel Montazh",
    address: "ul. Kabanbay Batyr 15, 010000 Astana",
    country: "KZ",
    transport: "Road, Almalyk - Astana",
};
pub const DALA_AGRO: Consignee = Consignee {
    name: "TOO Dala Agro",
    address: "ul. Baitursynov 8, 160000 Shymkent",
    country: "KZ",
    transport: "Rail wagons, Navoi - Shymkent",
};
pub const OAK_AND_WALNUT: Consignee = Consignee {
    name: "Oak & Walnut Interiors Ltd",
    address: "14 Shoreditch High Street, London E1 6JE",
    country: "GB",
    transport: "Road and ferry, Tashkent - Dover",
};
pub const MIDLANDS_CABLE: Consignee = Consignee {
    name: "Midlands Cable Supplies Ltd",
    address: "Unit 7, Tyseley Industrial Estate, Birmingham B11 2AA",
    country: "GB",
    transport: "Rail to Poti, sea to Felixstowe",
};
pub const HARVEST_PANTRY: Consignee = Consignee {
    name: "Harvest Pantry Foods Ltd",
    address: "3 Dock Road, Liverpool L20 8DJ",
    country: "GB",
    transport: "Road and ferry, Bukhara - Dover",
};

/// One consignment: its kind, consignee, goods items, and the invoice they share.
pub fn consignment(kind: ProofKind, to: Consignee, items: Vec<ItemDraft>) -> ApplicationDraft {
    ApplicationDraft {
        kind,
        consignment: json!({
            "importing_country": to.country,
            "consignee": {"name": to.name, "address": to.address, "country": to.country},
            "transport": to.transport,
        }),
        items,
    }
}

/// The invoice an item is sold on.
pub struct Invoice {
    pub number: String,
    pub date: Date,
    pub currency: &'static str,
}

/// Invoices in euros, dated back from today.
pub struct Invoices {
    pub today: Date,
}

impl Invoices {
    pub fn at(&self, number: &str, days_ago: i64) -> Invoice {
        Invoice { number: number.into(), date: self.today - time::Duration::days(days_ago), currency: "EUR" }
    }
}

fn d(value: i64) -> Decimal {
    Decimal::from(value)
}

/// An amount in hundredths: `c(320)` is 3.20.
fn c(hundredths: i64) -> Decimal {
    Decimal::new(hundredths, 2)
}

fn material(hs: &str, description: &str, country: &str, value: Decimal) -> MaterialDraft {
    MaterialDraft {
        hs_code: Some(hs.into()),
        description: Some(description.into()),
        origin_country: Some(country.into()),
        value: Some(value),
        ..MaterialDraft::default()
    }
}

/// A material the exporter declares originating in Uzbekistan (its own production, or a supplier's declaration).
fn originating(hs: &str, description: &str, value: Decimal) -> MaterialDraft {
    MaterialDraft { originating: Some(true), ..material(hs, description, "UZ", value) }
}

/// What a goods item is, apart from its amounts.
struct Product {
    hs: &'static str,
    description: &'static str,
    unit: &'static str,
    processes: &'static [&'static str],
}

fn item(
    product: Product,
    quantity: Decimal,
    net_kg: Decimal,
    price: Decimal,
    invoice: &Invoice,
    materials: Vec<MaterialDraft>,
) -> ItemDraft {
    ItemDraft {
        hs_code: product.hs.into(),
        description: product.description.into(),
        quantity,
        unit: product.unit.into(),
        // Pallets, cartons and reels: about four per cent over the net weight.
        gross_weight_kg: Some((net_kg * c(104)).round_dp(1)),
        net_weight_kg: Some(net_kg),
        invoice_number: Some(invoice.number.clone()),
        invoice_date: Some(invoice.date),
        invoice_value: Some(price),
        currency: Some(invoice.currency.into()),
        ex_works_price: Some(price),
        processes: Some(product.processes.iter().map(|p| (*p).to_owned()).collect()),
        materials,
        ..ItemDraft::default()
    }
}

/// Wooden dining tables from imported sawn walnut (HS 9403.60): a change of heading makes them originating.
pub fn dining_tables(pieces: i64, invoice: &Invoice) -> ItemDraft {
    let product = Product {
        hs: "940360",
        description: "Wooden dining tables, walnut finish",
        unit: "PCE",
        processes: &["cutting", "planing", "assembly", "painting"],
    };
    let materials = vec![
        material("440799", "Sawn walnut wood, kiln-dried", "CN", d(pieces * 50)),
        material("830242", "Steel brackets and fittings", "TR", c(pieces * 450)),
    ];
    item(product, d(pieces), d(pieces * 20), d(pieces * 150), invoice, materials)
}

/// Men's cotton T-shirts (HS 6109.10), spun, knitted, dyed and made up in Fergana from Uzbek raw cotton: both
/// variants of the EU GSP rule (assembled from pieces, knitted to shape) and complete making-up are met.
pub fn t_shirts(pieces: i64, invoice: &Invoice) -> ItemDraft {
    let product = Product {
        hs: "610910",
        description: "Men's T-shirts of cotton, knitted, crew neck",
        unit: "PCE",
        processes: &["spinning", "knitting", "dyeing", "cutting", "making_up", "packing"],
    };
    let cotton = originating("520100", "Raw cotton, ginned (own cluster)", c(pieces * 96));
    let materials = vec![
        MaterialDraft { wholly_obtained: Some(true), ..cotton },
        material("550810", "Polyester sewing thread", "TR", c(pieces * 4)),
        material("580710", "Woven neck labels", "CN", c(pieces * 2)),
    ];
    item(product, d(pieces), c(pieces * 20), c(pieces * 320), invoice, materials)
}

/// Dried fruit grown and dried in the Bukhara region: wholly obtained (criterion P).
fn dried(hs: &'static str, description: &'static str, kg: i64, cents_per_kg: i64, invoice: &Invoice) -> ItemDraft {
    let product = Product { hs, description, unit: "KGM", processes: &["drying", "packing"] };
    ItemDraft { wholly_obtained: Some(true), ..item(product, d(kg), d(kg), c(kg * cents_per_kg), invoice, Vec::new()) }
}

/// Dried apricots (HS 0813.10).
pub fn dried_apricots(kg: i64, invoice: &Invoice) -> ItemDraft {
    dried("081310", "Dried apricots, whole, unsulphured", kg, 290, invoice)
}

/// Raisins (HS 0806.20).
pub fn raisins(kg: i64, invoice: &Invoice) -> ItemDraft {
    dried("080620", "Raisins, golden, sun-dried", kg, 210, invoice)
}

/// Copper wire (HS 7408.11) melted and cast from copper cathodes of heading 74.03: a change of heading.
pub fn copper_wire(kg: i64, invoice: &Invoice) -> ItemDraft {
    let product = Product {
        hs: "740811",
        description: "Copper wire rod, refined copper, 8 mm",
        unit: "KGM",
        processes: &["fusion_or_alloying", "casting"],
    };
    let materials = vec![material("740311", "Copper cathodes, grade A", "KZ", c(kg * 818))];
    item(product, d(kg), d(kg), c(kg * 1040), invoice, materials)
}

/// Copper wire bought abroad and only cut to length and spooled (HS 7408.11 from 7408.11): no change of heading,
/// and cutting and packing are insufficient operations, so it is not originating.
pub fn recut_copper_wire(kg: i64, invoice: &Invoice) -> ItemDraft {
    let product = Product {
        hs: "740811",
        description: "Copper wire, 8 mm, cut to length and spooled",
        unit: "KGM",
        processes: &["cutting", "packing"],
    };
    let materials = vec![material("740811", "Copper wire, 8 mm, in coils", "RU", c(kg * 920))];
    item(product, d(kg), d(kg), c(kg * 1000), invoice, materials)
}

/// Ammonium nitrate (HS 3102.30) from ammonia and nitric acid made on site from natural gas.
pub fn ammonium_nitrate(tonnes: i64, invoice: &Invoice) -> ItemDraft {
    let product = Product {
        hs: "310230",
        description: "Ammonium nitrate, granulated, 34.4 % N",
        unit: "TNE",
        processes: &["chemical_reaction", "packing"],
    };
    let materials = vec![
        originating("281410", "Anhydrous ammonia (own production)", d(tonnes * 108)),
        originating("280800", "Nitric acid (own production)", d(tonnes * 65)),
        material("382499", "Anti-caking coating agent", "DE", c(tonnes * 580)),
    ];
    item(product, d(tonnes), d(tonnes * 1000), d(tonnes * 300), invoice, materials)
}

/// NPK fertiliser (HS 3105.20) blended and granulated from nitrogen, phosphate and potash fertilisers.
pub fn npk(tonnes: i64, invoice: &Invoice) -> ItemDraft {
    let product = Product {
        hs: "310520",
        description: "NPK fertiliser 16-16-16, granulated",
        unit: "TNE",
        processes: &["mixing_and_blending", "chemical_reaction", "packing"],
    };
    let materials = vec![
        originating("310230", "Ammonium nitrate (own production)", d(tonnes * 117)),
        material("310311", "Superphosphate", "KZ", d(tonnes * 83)),
        material("310420", "Potassium chloride", "RU", d(tonnes * 75)),
    ];
    item(product, d(tonnes), d(tonnes * 1000), d(tonnes * 400), invoice, materials)
}
