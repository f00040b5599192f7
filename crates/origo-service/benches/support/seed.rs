//! Data for the issuance benchmark and the HTTP benchmark (bench/http.sh), made through the service as a real
//! user would: a certifier, a registered exporter and approved applications of one furniture item each (a
//! determination, a bill of one material), ready to be issued.

use std::time::Instant;

use origo_service::auth::NewUser;
use origo_service::examination::Examination;
use origo_service::intake::{ApplicationDraft, ItemDraft, MaterialDraft};
use origo_service::registry::RegistrationDecision;
use origo_service::roles::Role;
use origo_service::{Caller, Service};
use origo_store::applications::ProofKind;
use origo_store::exporters::{Activity, ExporterData};
use rust_decimal::Decimal;
use serde_json::json;
use uuid::Uuid;

/// The password of the seeded users (`certifier`, `exporter`).
pub const PASSWORD: &str = "origo-bench-2026";

/// The seeded callers.
pub struct People {
    pub certifier: Caller,
    pub exporter: Caller,
}

/// Creates the certifier and the registered exporter (once per database).
pub async fn people(service: &Service) -> People {
    let system = origo_store::Actor::system(service.clock().now());
    for (username, role) in [("certifier", Role::Certifier), ("exporter", Role::Exporter)] {
        let new = NewUser {
            username: username.into(),
            display_name: username.into(),
            role,
            password: PASSWORD.into(),
            exporter_id: None,
            country: None,
        };
        service.create_user_as(&system, new).await.expect("create user");
    }
    let certifier = service.login("certifier", PASSWORD).await.expect("login").caller;
    let applicant = service.login("exporter", PASSWORD).await.expect("login").caller;
    let applied = service.apply_for_registration(&applicant, company()).await.expect("apply");
    let decision = RegistrationDecision::Register { valid_from: service.clock().today(), reasons: "complete".into() };
    service.decide_registration(&certifier, applied.id, decision).await.expect("register");
    let exporter = service.login("exporter", PASSWORD).await.expect("login").caller;
    People { certifier, exporter }
}

/// `count` approved applications, made by `tasks` concurrent tasks; returns their ids in order of creation.
pub async fn approved_applications(service: &Service, people: &People, count: usize, tasks: usize) -> Vec<Uuid> {
    let started = Instant::now();
    let tasks = tasks.clamp(1, count.max(1));
    let mut handles = Vec::new();
    for task in 0..tasks {
        let (service, exporter, certifier) = (service.clone(), people.exporter.clone(), people.certifier.clone());
        let mine: Vec<usize> = (task..count).step_by(tasks).collect();
        handles.push(tokio::spawn(async move {
            let mut ids = Vec::with_capacity(mine.len());
            for n in mine {
                let created = service.create_application(&exporter, furniture(n)).await.expect("create");
                service.submit_application(&exporter, created.id).await.expect("submit");
                service.examine_application(&certifier, created.id, Examination::Approve).await.expect("approve");
                ids.push((n, created.id));
            }
            ids
        }));
    }
    let mut ids = Vec::with_capacity(count);
    for handle in handles {
        ids.extend(handle.await.expect("seeding task"));
    }
    ids.sort();
    eprintln!("seeded {count} approved applications in {:.1?}", started.elapsed());
    ids.into_iter().map(|(_, id)| id).collect()
}

fn company() -> ExporterData {
    ExporterData {
        name: "Toshkent Mebel LLC".into(),
        address: "12 Navoi street, Tashkent".into(),
        country: "UZ".into(),
        tin: "301234567".into(),
        eori: None,
        contact_person: Some("Export department".into()),
        email: Some("export@301234567.uz".into()),
        phone: None,
        activity: Activity::Production,
        goods_description: "Wooden furniture".into(),
        hs_headings: vec!["9403".into()],
        undertakings_accepted: true,
        consent_to_publication: true,
        capacity: Vec::new(),
    }
}

/// Wooden tables from Chinese sawn wood, bound for Germany (originating: a change of heading).
fn furniture(n: usize) -> ApplicationDraft {
    let pieces = 5 + (n % 20) as i64;
    ApplicationDraft {
        kind: ProofKind::NonPreferential,
        consignment: json!({
            "importing_country": "DE",
            "consignee": {"name": "Möbelhaus Nord GmbH", "address": "Hafenstraße 1, 20457 Hamburg", "country": "DE"},
            "transport": "Road, Tashkent - Hamburg"
        }),
        items: vec![ItemDraft {
            hs_code: "940360".into(),
            description: "Wooden dining tables, walnut finish".into(),
            quantity: Decimal::from(pieces),
            unit: "PCE".into(),
            gross_weight_kg: Some(Decimal::from(pieces * 22)),
            net_weight_kg: Some(Decimal::from(pieces * 20)),
            invoice_number: Some(format!("INV-2026-{n:06}")),
            invoice_value: Some(Decimal::from(pieces * 150)),
            currency: Some("EUR".into()),
            ex_works_price: Some(Decimal::from(pieces * 150)),
            processes: Some(vec!["cutting".into(), "planing".into(), "assembly".into(), "painting".into()]),
            materials: vec![MaterialDraft {
                hs_code: Some("440799".into()),
                description: Some("sawn walnut wood".into()),
                origin_country: Some("CN".into()),
                value: Some(Decimal::from(pieces * 50)),
                ..MaterialDraft::default()
            }],
            ..ItemDraft::default()
        }],
    }
}
