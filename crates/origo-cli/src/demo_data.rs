//! The demo's data, made through the service like a real user would: users of every role, Uzbek exporters with
//! REX numbers (and one still applying), a German foreign authority, applications in every state, issued
//! certificates and one revoked.

use anyhow::Context;
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

/// Every demo user's password (printed by `origo demo`).
pub const PASSWORD: &str = "origo-demo-2026";

/// A login to print.
pub struct Login {
    pub username: &'static str,
    pub role: &'static str,
    pub note: &'static str,
}

/// What the demo made, for the summary.
pub struct Demo {
    pub logins: Vec<Login>,
    /// Issued certificates: number and security code.
    pub certificates: Vec<(String, String)>,
    pub revoked: String,
}

async fn user(
    service: &Service,
    username: &str,
    name: &str,
    role: Role,
    country: Option<&str>,
) -> anyhow::Result<Caller> {
    let actor = origo_store::Actor::system(service.clock().now());
    let new = NewUser {
        username: username.into(),
        display_name: name.into(),
        role,
        password: PASSWORD.into(),
        exporter_id: None,
        country: country.map(str::to_owned),
    };
    service.create_user_as(&actor, new).await.with_context(|| format!("creating user {username}"))?;
    Ok(service.login(username, PASSWORD).await?.caller)
}

fn company(name: &str, address: &str, tin: &str, goods: &str, headings: &[&str]) -> ExporterData {
    ExporterData {
        name: name.into(),
        address: address.into(),
        country: "UZ".into(),
        tin: tin.into(),
        eori: None,
        contact_person: Some("Export department".into()),
        email: Some(format!("export@{}.uz", tin)),
        phone: Some("+998 71 200 00 00".into()),
        activity: Activity::Production,
        goods_description: goods.into(),
        hs_headings: headings.iter().map(|h| (*h).to_owned()).collect(),
        undertakings_accepted: true,
        consent_to_publication: true,
    }
}

/// An exporter user whose company applies and (when `certifier` is given) is registered.
async fn exporter(
    service: &Service,
    username: &str,
    data: ExporterData,
    certifier: Option<&Caller>,
) -> anyhow::Result<Caller> {
    let applicant = user(service, username, &data.name.clone(), Role::Exporter, None).await?;
    let applied = service.apply_for_registration(&applicant, data).await?;
    if let Some(certifier) = certifier {
        let decision = RegistrationDecision::Register {
            valid_from: service.clock().today(),
            reasons: "Annex 22-06 data complete; TIN checked with the tax committee".into(),
        };
        service.decide_registration(certifier, applied.id, decision).await?;
    }
    Ok(service.login(username, PASSWORD).await?.caller)
}

/// Wooden furniture from imported sawn wood (a change of heading: originating).
fn furniture(importing: &str, consignee: &str, pieces: i64, invoice: &str) -> ApplicationDraft {
    ApplicationDraft {
        kind: ProofKind::NonPreferential,
        consignment: json!({
            "importing_country": importing,
            "consignee": {"name": consignee, "address": "Hafenstraße 1, Hamburg", "country": importing},
            "transport": "Road, Tashkent - Hamburg"
        }),
        items: vec![ItemDraft {
            hs_code: "940360".into(),
            description: "Wooden dining tables, walnut finish".into(),
            quantity: Decimal::from(pieces),
            unit: "PCE".into(),
            gross_weight_kg: Some(Decimal::from(pieces * 22)),
            net_weight_kg: Some(Decimal::from(pieces * 20)),
            invoice_number: Some(invoice.into()),
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

/// An application by `exporter`, submitted unless `submit` is false.
async fn application(
    service: &Service,
    exporter: &Caller,
    draft: ApplicationDraft,
    submit: bool,
) -> anyhow::Result<Uuid> {
    let created = service.create_application(exporter, draft).await?;
    if submit {
        service.submit_application(exporter, created.id).await?;
    }
    Ok(created.id)
}

/// Fills an empty database.
pub async fn fill(service: &Service) -> anyhow::Result<Demo> {
    let admin = user(service, "admin", "System administrator", Role::Admin, None).await?;
    let certifier = user(service, "certifier", "Dilnoza Karimova", Role::Certifier, None).await?;
    user(service, "certifier2", "Jasur Tursunov", Role::Certifier, None).await?;
    let supervisor = user(service, "supervisor", "Malika Rahimova", Role::Supervisor, None).await?;
    user(service, "customs", "State Customs Committee", Role::Customs, None).await?;
    user(service, "foreign.de", "Generalzolldirektion", Role::ForeignAuthority, Some("DE")).await?;
    user(service, "auditor", "Ministry of Investment, Industry and Trade", Role::Auditor, None).await?;
    let _ = admin;

    let tashkent = exporter(
        service,
        "tashkent.furniture",
        company("Toshkent Mebel LLC", "12 Navoi street, Tashkent", "301234567", "Wooden furniture", &["9403"]),
        Some(&certifier),
    )
    .await?;
    let samarkand = exporter(
        service,
        "samarkand.wood",
        company("Samarqand Yogoch JSC", "7 Registan street, Samarkand", "302345678", "Furniture", &["9403", "4418"]),
        Some(&certifier),
    )
    .await?;
    exporter(
        service,
        "fergana.textile",
        company("Fargona Tekstil LLC", "3 Mustaqillik street, Fergana", "303456789", "Cotton garments", &["6109"]),
        None,
    )
    .await?;

    // One application in each state.
    application(service, &tashkent, furniture("DE", "Möbelhaus Nord GmbH", 10, "INV-2026-001"), false).await?;
    application(service, &tashkent, furniture("DE", "Möbelhaus Nord GmbH", 12, "INV-2026-002"), true).await?;
    let info = application(service, &samarkand, furniture("DE", "Holz & Heim KG", 8, "SY-114"), true).await?;
    let reasons = "Please upload the purchase invoice of the sawn wood.".to_owned();
    service.examine_application(&certifier, info, Examination::RequestInformation { reasons }).await?;
    let risky = application(service, &samarkand, furniture("DE", "Holz & Heim KG", 40, "SY-115"), true).await?;
    service.flag_high_risk(&certifier, risky, true).await?;
    service.examine_application(&certifier, risky, Examination::Approve).await?;
    let approved =
        application(service, &tashkent, furniture("PL", "Meble Sp. z o.o.", 6, "INV-2026-003"), true).await?;
    service.examine_application(&certifier, approved, Examination::Approve).await?;
    let refused =
        application(service, &tashkent, furniture("DE", "Möbelhaus Nord GmbH", 3, "INV-2026-004"), true).await?;
    let reasons = "The invoice does not match the goods described.".to_owned();
    service.examine_application(&certifier, refused, Examination::Refuse { reasons }).await?;

    // Issued certificates: one countersigned, one later revoked.
    let mut certificates = Vec::new();
    let mut ids = Vec::new();
    for (exporter, draft, high_risk) in [
        (&tashkent, furniture("DE", "Möbelhaus Nord GmbH", 20, "INV-2026-010"), false),
        (&samarkand, furniture("DE", "Holz & Heim KG", 15, "SY-120"), true),
        (&tashkent, furniture("FR", "Maison du Bois SARL", 9, "INV-2026-011"), false),
        (&tashkent, furniture("DE", "Möbelhaus Nord GmbH", 5, "INV-2026-012"), false),
    ] {
        let id = application(service, exporter, draft, true).await?;
        if high_risk {
            service.flag_high_risk(&certifier, id, true).await?;
        }
        service.examine_application(&certifier, id, Examination::Approve).await?;
        if high_risk {
            service.second_sign(&supervisor, id).await?;
        }
        let issued = service.issue_certificate(&certifier, id, None).await?;
        certificates.push((issued.number.clone(), issued.security_code.clone().unwrap_or_default()));
        ids.push(issued.certificate_id);
    }
    let revoked_id = ids.last().copied().context("no certificate issued")?;
    let revoked =
        service.revoke_certificate(&certifier, revoked_id, "Goods were returned; certificate withdrawn").await?;

    let logins = vec![
        Login { username: "admin", role: "admin", note: "users and signing keys" },
        Login { username: "certifier", role: "certifier", note: "examines, issues, revokes" },
        Login { username: "certifier2", role: "certifier", note: "a second officer" },
        Login { username: "supervisor", role: "supervisor", note: "second signature on high-risk approvals" },
        Login { username: "customs", role: "customs", note: "reads everything, decides nothing" },
        Login { username: "foreign.de", role: "foreign_authority", note: "German customs: certificates bound for DE" },
        Login { username: "auditor", role: "auditor", note: "read-only, the audit trail" },
        Login { username: "tashkent.furniture", role: "exporter", note: "UZREX301234567" },
        Login { username: "samarkand.wood", role: "exporter", note: "UZREX302345678" },
        Login { username: "fergana.textile", role: "exporter", note: "registration applied for, not yet decided" },
    ];
    Ok(Demo { logins, certificates, revoked: revoked.number })
}
