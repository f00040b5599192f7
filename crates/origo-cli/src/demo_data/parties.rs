//! The demo's people and companies: users of every role and Uzbek exporters, registered (REX) through the
//! service as a certifier would, or left applying.
//!
//! Every demo user has the same password, so its argon2 hash is computed once and stored for each user (a hash per
//! user, and a sign-in per user to get a caller, would cost a good part of a second each). The users are still
//! written by the store with their audit records; the callers are built from the rows, as a sign-in would.

use anyhow::Context;
use origo_service::registry::RegistrationDecision;
use origo_service::roles::Role;
use origo_service::{Caller, Service};
use origo_store::exporters::{Activity, ExporterData};

/// Every demo user's password (printed by `origo demo`).
pub const PASSWORD: &str = "origo-demo-2026";

/// A login to print.
pub struct Login {
    pub username: &'static str,
    pub role: &'static str,
    pub note: String,
}

/// Makes users with the one hash of [`PASSWORD`].
struct People<'a> {
    service: &'a Service,
    password_hash: String,
    logins: Vec<Login>,
    /// The REX numbers given, in order of registration.
    rex_numbers: Vec<String>,
}

impl<'a> People<'a> {
    async fn new(service: &'a Service) -> anyhow::Result<People<'a>> {
        let password_hash =
            origo_service::auth::hash_password(PASSWORD.into()).await.context("hashing the password")?;
        Ok(People { service, password_hash, logins: Vec::new(), rex_numbers: Vec::new() })
    }

    /// A user of `role` (a foreign authority with its `country`), listed for the summary with `note`.
    async fn user(
        &mut self,
        username: &'static str,
        name: &str,
        role: Role,
        country: Option<&str>,
        note: &str,
    ) -> anyhow::Result<Caller> {
        let actor = origo_store::Actor::system(self.service.clock().now());
        let row = origo_store::users::NewUser {
            username: username.into(),
            display_name: name.into(),
            role,
            password_hash: self.password_hash.clone(),
            exporter_id: None,
            country: country.map(str::to_owned),
        };
        let mut tx = self.service.store().begin().await?;
        let user = origo_store::users::create(&mut tx, &actor, &row)
            .await
            .with_context(|| format!("creating user {username}"))?;
        tx.commit().await?;
        self.logins.push(Login { username, role: role.as_str(), note: note.into() });
        Ok(Caller::session(user.id, role, None, user.country))
    }

    /// An exporter user whose company applies for registration and, when `certifier` is given, is registered.
    async fn exporter(
        &mut self,
        username: &'static str,
        data: ExporterData,
        certifier: Option<&Caller>,
    ) -> anyhow::Result<Caller> {
        let name = data.name.clone();
        let applicant = self.user(username, &name, Role::Exporter, None, "").await?;
        let applied = self.service.apply_for_registration(&applicant, data).await?;
        let mut note = format!("{name}: registration applied for, not yet decided");
        if let Some(certifier) = certifier {
            let decision = RegistrationDecision::Register {
                valid_from: self.service.clock().today(),
                reasons: "Annex 22-06 data complete; TIN checked with the State Tax Committee".into(),
            };
            let registered = self.service.decide_registration(certifier, applied.id, decision).await?;
            let rex = registered.rex_number.unwrap_or_default();
            note = format!("{name}, {rex}");
            self.rex_numbers.push(rex);
        }
        if let Some(login) = self.logins.last_mut() {
            login.note = note;
        }
        Ok(Caller::session(applicant.user_id, Role::Exporter, Some(applied.id), None))
    }
}

/// An Uzbek producer-exporter, as its Annex 22-06 application describes it.
struct Company {
    name: &'static str,
    address: &'static str,
    tin: &'static str,
    /// The company's web domain (its export department's mail).
    domain: &'static str,
    contact: &'static str,
    phone: &'static str,
    goods: &'static str,
    headings: &'static [&'static str],
}

impl Company {
    fn data(&self) -> ExporterData {
        ExporterData {
            name: self.name.into(),
            address: self.address.into(),
            country: "UZ".into(),
            tin: self.tin.into(),
            eori: None,
            contact_person: Some(self.contact.into()),
            email: Some(format!("export@{}", self.domain)),
            phone: Some(self.phone.into()),
            activity: Activity::Production,
            goods_description: self.goods.into(),
            hs_headings: self.headings.iter().map(|h| (*h).to_owned()).collect(),
            undertakings_accepted: true,
            consent_to_publication: true,
            capacity: Vec::new(),
        }
    }
}

/// An exporter user acting for its registered company.
pub struct Exporter {
    pub caller: Caller,
    /// The company's name as the summary shows it.
    pub short: &'static str,
}

/// The registered exporters.
pub struct Exporters {
    pub tashkent: Exporter,
    pub samarkand: Exporter,
    pub fergana: Exporter,
    pub bukhara: Exporter,
    pub almalyk: Exporter,
    pub navoi: Exporter,
}

/// The certifying body's officers, who take every decision.
pub struct Officers {
    pub certifier: Caller,
    pub supervisor: Caller,
}

/// Everyone the demo acts as, and what to print about them.
pub struct Cast {
    pub logins: Vec<Login>,
    pub officers: Officers,
    pub exporters: Exporters,
    /// The REX numbers given, in order of registration.
    pub rex_numbers: Vec<String>,
}

const TASHKENT: Company = Company {
    name: "Toshkent Mebel LLC",
    address: "12 Navoi street, Shaykhantahur district, Tashkent 100011",
    tin: "301234567",
    domain: "toshkentmebel.uz",
    contact: "Aziz Yusupov",
    phone: "+998 71 241 35 60",
    goods: "Wooden furniture: dining tables, chairs and cabinets",
    headings: &["9401", "9403"],
};
const SAMARKAND: Company = Company {
    name: "Samarqand Yogʻoch JSC",
    address: "7 Registan street, Samarkand 140100",
    tin: "302345678",
    domain: "samyogoch.uz",
    contact: "Shahzod Nazarov",
    phone: "+998 66 233 14 07",
    goods: "Furniture and builders' joinery of wood",
    headings: &["9403", "4418"],
};
const FERGANA: Company = Company {
    name: "Fargʻona Tekstil LLC",
    address: "3 Mustaqillik street, Fergana 150100",
    tin: "303456789",
    domain: "fargonatekstil.uz",
    contact: "Nodira Mirzaeva",
    phone: "+998 73 244 51 18",
    goods: "Knitted cotton garments, spun and knitted from the cluster's own cotton",
    headings: &["5205", "6109", "6110"],
};
const BUKHARA: Company = Company {
    name: "Buxoro Quruq Meva LLC",
    address: "14 Bahouddin Naqshband street, Bukhara 200100",
    tin: "304567890",
    domain: "buxoromeva.uz",
    contact: "Otabek Jurayev",
    phone: "+998 65 221 60 34",
    goods: "Dried apricots, raisins and other dried fruit from its own orchards and vineyards",
    headings: &["0806", "0813"],
};
const ALMALYK: Company = Company {
    name: "Olmaliq Mis Sim LLC",
    address: "5 Amir Temur street, Almalyk, Tashkent region 110100",
    tin: "305678901",
    domain: "olmaliqmissim.uz",
    contact: "Rustam Qodirov",
    phone: "+998 70 612 27 45",
    goods: "Copper wire rod and wire",
    headings: &["7408"],
};
const NAVOI: Company = Company {
    name: "Zarafshon Agrokimyo JSC",
    address: "1 Sanoat street, Navoiy 210100",
    tin: "306789012",
    domain: "zarafshonagro.uz",
    contact: "Gulnora Saidova",
    phone: "+998 79 227 70 12",
    goods: "Nitrogen and compound (NPK) fertilisers",
    headings: &["3102", "3105"],
};
/// Still applying: the certifier's registry has one to decide.
const MARGILAN: Company = Company {
    name: "Margʻilon Ipak LLC",
    address: "22 Burhoniddin Margʻinoniy street, Margilan 151100",
    tin: "307890123",
    domain: "margilonipak.uz",
    contact: "Dilshod Ergashev",
    phone: "+998 73 235 19 66",
    goods: "Silk fabrics (ikat, adras)",
    headings: &["5007"],
};

/// Users of every role, and the exporters registered by the certifier.
pub async fn cast(service: &Service) -> anyhow::Result<Cast> {
    let mut people = People::new(service).await?;
    people.user("admin", "System administrator", Role::Admin, None, "users and signing keys").await?;
    let note = "examines, issues, revokes, replaces";
    let certifier = people.user("certifier", "Dilnoza Karimova", Role::Certifier, None, note).await?;
    people.user("certifier2", "Jasur Tursunov", Role::Certifier, None, "a second officer").await?;
    let note = "second signature on high-risk approvals";
    let supervisor = people.user("supervisor", "Malika Rahimova", Role::Supervisor, None, note).await?;
    people.user("customs", "State Customs Committee", Role::Customs, None, "reads everything, decides nothing").await?;
    let note = "German customs: what is bound for DE";
    people.user("foreign.de", "Generalzolldirektion", Role::ForeignAuthority, Some("DE"), note).await?;
    let ministry = "Ministry of Investment, Industry and Trade";
    people.user("auditor", ministry, Role::Auditor, None, "read-only, the audit trail").await?;

    let mut registered = Vec::new();
    for (username, company, short) in [
        ("tashkent.furniture", TASHKENT, "Toshkent Mebel"),
        ("samarkand.wood", SAMARKAND, "Samarqand Yogʻoch"),
        ("fergana.textile", FERGANA, "Fargʻona Tekstil"),
        ("bukhara.fruit", BUKHARA, "Buxoro Quruq Meva"),
        ("almalyk.copper", ALMALYK, "Olmaliq Mis Sim"),
        ("navoi.fertiliser", NAVOI, "Zarafshon Agrokimyo"),
    ] {
        let caller = people.exporter(username, company.data(), Some(&certifier)).await?;
        registered.push(Exporter { caller, short });
    }
    people.exporter("margilan.silk", MARGILAN.data(), None).await?;
    let mut registered = registered.into_iter();
    let mut next = || registered.next().context("an exporter too few");
    let exporters = Exporters {
        tashkent: next()?,
        samarkand: next()?,
        fergana: next()?,
        bukhara: next()?,
        almalyk: next()?,
        navoi: next()?,
    };
    Ok(Cast {
        logins: people.logins,
        officers: Officers { certifier, supervisor },
        exporters,
        rex_numbers: people.rex_numbers,
    })
}
