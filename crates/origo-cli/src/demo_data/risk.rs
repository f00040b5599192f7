//! The risk engine's routes in the demo's queue. Every demo application is assessed at submission; most are low
//! (the demo's producers are new exporters: 0.20, automatic approval allowed) and a few are documentary checks (a
//! failed verification, GSP+ textiles). This part adds, waiting in the queue:
//!
//! - an inspection: a newly registered trading company's bicycles for Germany under the EU GSP, assembled from
//!   Chinese frames and Chinese aluminium foil (under an anti-dumping measure), originating with 48% of
//!   non-originating materials against the 50% ceiling: new exporter, trader, origin close to the limit,
//!   trade-defence inputs: 0.62, so the application is flagged high-risk and its approval will need the supervisor;
//! - a documentary check: the same trader's cotton T-shirts under the EU GSP (new exporter, trader, GSP+ textile:
//!   0.46);
//! - a random selection: raisins of the Bukhara fruit company for Kazakhstan, low risk by score (0.20: automatic
//!   approval allowed), selected at random and so sent to a documentary check. Which
//!   applications a seed selects depends on their ids, which are new in every demo; so that one is always selected,
//!   this application is submitted under the configuration in force with the first seed that selects it (the
//!   assessment records that configuration's fingerprint; the rest of the demo keeps the configured seed).

use anyhow::Context;
use origo_risk::config::RandomSelection;
use origo_risk::routing::randomly_selected;
use origo_service::Service;
use origo_service::intake::{ItemDraft, MaterialDraft};
use origo_service::registry::RegistrationDecision;
use origo_service::risk::RiskSettings;
use origo_service::roles::Role;
use origo_store::applications::ProofKind::{Ct1, StatementOnOrigin};
use origo_store::exporters::{Activity, ExporterData};
use rust_decimal::Decimal;

use super::PASSWORD;
use super::goods::{ALMATY_FOOD, Consignee, Invoices, TEXTIL_KONTOR, consignment, raisins, t_shirts};
use super::parties::{Exporters, Officers};
use super::steps::application;

/// A bicycle wholesaler in Cologne.
const RADHAUS: Consignee = Consignee {
    name: "Radhaus Rheinland GmbH",
    address: "Hansaring 61, 50670 Köln",
    country: "DE",
    transport: "Rail, Tashkent - Duisburg, then road",
};

fn d(value: i64) -> Decimal {
    Decimal::from(value)
}

/// City bicycles assembled and painted in Tashkent from imported frames: ex Chapter 87's MaxNOM 50% is met with
/// 48% (frames 40%, aluminium foil for the mudguards' trim 8%).
fn bicycles(pieces: i64, invoice: &super::goods::Invoice) -> ItemDraft {
    let material = |hs: &str, description: &str, value: i64| MaterialDraft {
        hs_code: Some(hs.into()),
        description: Some(description.into()),
        origin_country: Some("CN".into()),
        value: Some(d(value)),
        ..MaterialDraft::default()
    };
    ItemDraft {
        hs_code: "871200".into(),
        description: "City bicycles, aluminium frame, 28-inch wheels".into(),
        quantity: d(pieces),
        unit: "PCE".into(),
        gross_weight_kg: Some(d(pieces * 16)),
        net_weight_kg: Some(d(pieces * 14)),
        invoice_number: Some(invoice.number.clone()),
        invoice_date: Some(invoice.date),
        invoice_value: Some(d(pieces * 150)),
        currency: Some(invoice.currency.into()),
        ex_works_price: Some(d(pieces * 150)),
        processes: Some(vec!["assembly".into(), "painting".into()]),
        materials: vec![
            material("871491", "Bicycle frames, aluminium", pieces * 60),
            material("760711", "Aluminium foil, rolled", pieces * 12),
        ],
        ..ItemDraft::default()
    }
}

/// The trading company, registered today through the service as the others are (its user is not printed: its
/// applications are the officers' to look at).
async fn trader(service: &Service, officers: &Officers) -> anyhow::Result<origo_service::Caller> {
    let actor = origo_store::Actor::system(service.clock().now());
    let password_hash = origo_service::auth::hash_password(PASSWORD.into()).await.context("hashing the password")?;
    let row = origo_store::users::NewUser {
        username: "ipakyoli.trade".into(),
        display_name: "Ipak Yoʻli Savdo LLC".into(),
        role: Role::Exporter,
        password_hash,
        exporter_id: None,
        country: None,
    };
    let mut tx = service.store().begin().await?;
    let user = origo_store::users::create(&mut tx, &actor, &row).await.context("creating the trader's user")?;
    tx.commit().await?;
    let applicant = origo_service::Caller::session(user.id, Role::Exporter, None, None);
    let data = ExporterData {
        name: "Ipak Yoʻli Savdo LLC".into(),
        address: "Amir Temur shoh koʻchasi 107B, Tashkent".into(),
        country: "UZ".into(),
        tin: "305118742".into(),
        eori: None,
        contact_person: Some("Dilnoza Rashidova".into()),
        email: Some("export@ipakyoli.uz".into()),
        phone: Some("+998 71 205 44 18".into()),
        activity: Activity::Trading,
        goods_description: "Garments and bicycles bought from Uzbek factories for export".into(),
        hs_headings: vec!["6109".into(), "8712".into()],
        undertakings_accepted: true,
        consent_to_publication: true,
        capacity: Vec::new(),
    };
    let applied = service.apply_for_registration(&applicant, data).await?;
    let decision = RegistrationDecision::Register {
        valid_from: service.clock().today(),
        reasons: "Annex 22-06 data complete; TIN checked with the State Tax Committee".into(),
    };
    service.decide_registration(&officers.certifier, applied.id, decision).await?;
    Ok(origo_service::Caller::session(user.id, Role::Exporter, Some(applied.id), None))
}

/// The first seed under which `id` is selected at the configured share (5% when none is configured).
fn seed_selecting(id: &str, settings: &RiskSettings) -> anyhow::Result<RiskSettings> {
    let mut config = settings.config().clone();
    if config.random_selection.share <= Decimal::ZERO {
        config.random_selection.share = Decimal::new(5, 2);
    }
    let share = config.random_selection.share;
    let seed = (0..1_000_000u64)
        .find(|seed| randomly_selected(id, &RandomSelection { share, seed: *seed }))
        .context("no seed selects the demo's random application")?;
    config.random_selection.seed = seed;
    Ok(RiskSettings::new(config))
}

/// Adds the inspection, the documentary check and the random selection.
pub async fn fill(
    service: &Service,
    officers: &Officers,
    exporters: &Exporters,
    invoices: &Invoices,
) -> anyhow::Result<()> {
    let trader = trader(service, officers).await?;
    let items = vec![bicycles(200, &invoices.at("IYS-2026-031", 4))];
    let draft = consignment(StatementOnOrigin, RADHAUS, items);
    let created = service.create_application(&trader, draft).await?;
    service.submit_application(&trader, created.id).await?;
    let items = vec![t_shirts(3000, &invoices.at("IYS-2026-033", 2))];
    let created = service.create_application(&trader, consignment(StatementOnOrigin, TEXTIL_KONTOR, items)).await?;
    service.submit_application(&trader, created.id).await?;

    let fruit = consignment(Ct1, ALMATY_FOOD, vec![raisins(9000, &invoices.at("BQM-2026-166", 1))]);
    let id = application(service, &exporters.bukhara, fruit, false).await?;
    let seeded = seed_selecting(&id.to_string(), &service.config().risk)?;
    service.with_risk(seeded).submit_application(&exporters.bukhara.caller, id).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_found_selects_the_application() {
        let settings = RiskSettings::default();
        let seeded = seed_selecting("0195f0c2-7b7e-7c8e-9d3a-1f2e3d4c5b6a", &settings).unwrap();
        let selection = &seeded.config().random_selection;
        assert!(randomly_selected("0195f0c2-7b7e-7c8e-9d3a-1f2e3d4c5b6a", selection));
        assert_eq!(selection.share, settings.config().random_selection.share);
        let off = RiskSettings::from_json(r#"{"random_selection": {"share": 0}}"#).unwrap();
        let seeded = seed_selecting("x", &off).unwrap();
        assert_eq!(seeded.config().random_selection.share, Decimal::new(5, 2));
    }
}
