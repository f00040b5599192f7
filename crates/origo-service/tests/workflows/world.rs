//! A small world for workflow tests: the service on a test database, one user per role, and a registered
//! exporter with an application that the engine finds originating.

use origo_service::auth::NewUser;
use origo_service::intake::{ApplicationDraft, ItemDraft, MaterialDraft};
use origo_service::registry::RegistrationDecision;
use origo_service::roles::Role;
use origo_service::{Caller, Clock, Config, Service};
use origo_store::Store;
use origo_store::applications::ProofKind;
use origo_store::exporters::{Activity, ExporterData};
use rust_decimal::Decimal;
use serde_json::json;
use time::macros::date;

use crate::common::{T0, system};

pub const PASSWORD: &str = "correct horse battery";

pub struct World {
    pub service: Service,
    pub exporter: Caller,
    pub other_exporter: Caller,
    pub certifier: Caller,
    pub certifier2: Caller,
    pub supervisor: Caller,
    pub customs: Caller,
    pub foreign_de: Caller,
    pub foreign_fr: Caller,
    pub auditor: Caller,
    pub admin: Caller,
}

pub fn exporter_data(tin: &str, consent: bool) -> ExporterData {
    ExporterData {
        name: format!("Furniture {tin} LLC"),
        address: "12 Navoi street, Tashkent".into(),
        country: "UZ".into(),
        tin: tin.into(),
        eori: None,
        contact_person: None,
        email: None,
        phone: None,
        activity: Activity::Production,
        goods_description: "Wooden furniture".into(),
        hs_headings: vec!["9403".into()],
        undertakings_accepted: true,
        consent_to_publication: consent,
        capacity: Vec::new(),
    }
}

async fn user(service: &Service, name: &str, role: Role, country: Option<&str>) -> Caller {
    let new = NewUser {
        username: name.into(),
        display_name: name.into(),
        role,
        password: PASSWORD.into(),
        exporter_id: None,
        country: country.map(str::to_owned),
    };
    service.create_user_as(&system(), new).await.unwrap();
    service.login(name, PASSWORD).await.unwrap().caller
}

/// A registered exporter: applies, the certifier registers, then signs in again to carry its exporter.
async fn registered(service: &Service, name: &str, tin: &str, certifier: &Caller) -> Caller {
    let applicant = user(service, name, Role::Exporter, None).await;
    let applied = service.apply_for_registration(&applicant, exporter_data(tin, true)).await.unwrap();
    let decision = RegistrationDecision::Register { valid_from: date!(2026 - 01 - 01), reasons: "complete".into() };
    service.decide_registration(certifier, applied.id, decision).await.unwrap();
    service.login(name, PASSWORD).await.unwrap().caller
}

pub async fn world(store: Store) -> World {
    world_with(store, Config::default()).await
}

/// The world with a configuration of the test's own (a key-encryption key).
pub async fn world_with(store: Store, config: Config) -> World {
    let service = Service::start(store, config, Clock::fixed(T0)).await.unwrap();
    let certifier = user(&service, "certifier", Role::Certifier, None).await;
    World {
        exporter: registered(&service, "exporter", "301234567", &certifier).await,
        other_exporter: registered(&service, "other", "309999999", &certifier).await,
        certifier2: user(&service, "certifier2", Role::Certifier, None).await,
        supervisor: user(&service, "supervisor", Role::Supervisor, None).await,
        customs: user(&service, "customs", Role::Customs, None).await,
        foreign_de: user(&service, "foreign_de", Role::ForeignAuthority, Some("DE")).await,
        foreign_fr: user(&service, "foreign_fr", Role::ForeignAuthority, Some("FR")).await,
        auditor: user(&service, "auditor", Role::Auditor, None).await,
        admin: user(&service, "admin", Role::Admin, None).await,
        certifier,
        service,
    }
}

/// Wooden furniture from Chinese sawn wood: a change of heading, originating under the non-preferential pack.
pub fn furniture() -> ApplicationDraft {
    ApplicationDraft {
        kind: ProofKind::NonPreferential,
        consignment: json!({
            "importing_country": "DE",
            "consignee": {"name": "Möbel GmbH", "address": "1 Hafenstraße, Hamburg", "country": "DE"}
        }),
        items: vec![ItemDraft {
            hs_code: "940360".into(),
            description: "Wooden furniture".into(),
            quantity: Decimal::from(20),
            unit: "PCE".into(),
            gross_weight_kg: Some(Decimal::from(410)),
            net_weight_kg: Some(Decimal::from(400)),
            invoice_number: Some("INV-7".into()),
            invoice_date: Some(date!(2026 - 04 - 28)),
            invoice_value: Some(Decimal::from(1000)),
            currency: Some("EUR".into()),
            ex_works_price: Some(Decimal::from(1000)),
            processes: Some(vec!["cutting".into(), "planing".into(), "assembly".into(), "painting".into()]),
            materials: vec![MaterialDraft {
                hs_code: Some("440799".into()),
                description: Some("sawn wood".into()),
                origin_country: Some("CN".into()),
                value: Some(Decimal::from(400)),
                ..MaterialDraft::default()
            }],
            ..ItemDraft::default()
        }],
    }
}

/// The furniture of [`furniture`] applied for as another proof: a statement on origin (EU GSP) or an origin
/// declaration (UK DCTS), both originating by the change of heading from sawn wood.
pub fn furniture_as(kind: ProofKind) -> ApplicationDraft {
    ApplicationDraft { kind, ..furniture() }
}

/// An exporter user whose company has applied for registration and is not registered: no REX number.
pub async fn unregistered(service: &Service, name: &str, tin: &str) -> Caller {
    let applicant = user(service, name, Role::Exporter, None).await;
    service.apply_for_registration(&applicant, exporter_data(tin, false)).await.unwrap();
    service.login(name, PASSWORD).await.unwrap().caller
}
