//! The dashboard's past: a year of work before today, so that `/dashboard` has months to chart. Three more
//! companies, registered twelve months ago (Andijon Tekstil, Namangan Meva, Qoʻqon Mebel), apply for a few
//! certificates every month, more as the year goes on; the certifier approves and issues each; one certificate is
//! revoked and one replaced along the way.
//!
//! The demo has no past (everything else happens today), so these steps are taken by a second `Service` on the
//! same database whose clock is set to each step's instant: every record, audit record included, carries that
//! instant, and each step is the real workflow (origin determined, risk assessed, certificate signed). That
//! service needs a signing key valid back then, so it makes one on start; the key is retired the day before today,
//! when the demo's own key takes over, and stays in the key set so that last year's certificates still verify.

use anyhow::Context;
use origo_service::intake::ItemDraft;
use origo_service::registry::RegistrationDecision;
use origo_service::replacement::{Corrections, ReplacementRequest};
use origo_service::roles::Role;
use origo_service::{Caller, Clock, Service};
use origo_store::applications::ProofKind::{self, Ct1, NonPreferential};
use origo_store::exporters::{Activity, ExporterData};
use origo_store::statistics::Month;
use origo_store::{Actor, signing_keys, users};
use time::{Duration, OffsetDateTime, Time};

use super::PASSWORD;
use super::goods::{
    ALMATY_FOOD, Consignee, HOLZ_UND_HEIM, Invoices, TEKSTIL_TORG, TEXTIL_KONTOR, dining_tables, dried_apricots,
    raisins, t_shirts,
};
use super::parties::{Exporter, Officers};
use super::steps::issued;

/// Applications per month, from eleven months ago to last month: a year of growing trade.
const PER_MONTH: [usize; 11] = [2, 3, 2, 4, 3, 5, 4, 4, 6, 5, 7];

/// A company of the past year: user name, short name, registration data.
struct Company {
    username: &'static str,
    short: &'static str,
    name: &'static str,
    address: &'static str,
    tin: &'static str,
    goods: &'static str,
    headings: &'static [&'static str],
}

const ANDIJAN: Company = Company {
    username: "andijan.textile",
    short: "Andijon Tekstil",
    name: "Andijon Tekstil LLC",
    address: "9 Bobur street, Andijan 170100",
    tin: "308901234",
    goods: "Knitted cotton garments from the region's cotton",
    headings: &["6109"],
};
const NAMANGAN: Company = Company {
    username: "namangan.fruit",
    short: "Namangan Meva",
    name: "Namangan Meva LLC",
    address: "21 Uychi street, Namangan 160100",
    tin: "309012345",
    goods: "Dried apricots and raisins from its own orchards and vineyards",
    headings: &["0806", "0813"],
};
const KOKAND: Company = Company {
    username: "kokand.furniture",
    short: "Qoʻqon Mebel",
    name: "Qoʻqon Mebel LLC",
    address: "4 Turkiston street, Kokand 150700",
    tin: "310123456",
    goods: "Wooden furniture: dining tables",
    headings: &["9403"],
};

/// The past service at `at`.
fn at(past: &Service, at: OffsetDateTime) {
    past.clock().set(at);
}

/// An exporter user whose company is registered on the past service's day.
async fn registered(past: &Service, certifier: &Caller, company: &Company, hash: &str) -> anyhow::Result<Exporter> {
    let actor = Actor::system(past.clock().now());
    let row = users::NewUser {
        username: company.username.into(),
        display_name: company.name.into(),
        role: Role::Exporter,
        password_hash: hash.into(),
        exporter_id: None,
        country: None,
    };
    let mut tx = past.store().begin().await?;
    let user = users::create(&mut tx, &actor, &row).await.with_context(|| format!("user {}", company.username))?;
    tx.commit().await?;
    let applicant = Caller::session(user.id, Role::Exporter, None, None);
    let data = ExporterData {
        name: company.name.into(),
        address: company.address.into(),
        country: "UZ".into(),
        tin: company.tin.into(),
        eori: None,
        contact_person: None,
        email: None,
        phone: None,
        activity: Activity::Production,
        goods_description: company.goods.into(),
        hs_headings: company.headings.iter().map(|h| (*h).to_owned()).collect(),
        undertakings_accepted: true,
        consent_to_publication: true,
        capacity: Vec::new(),
    };
    let applied = past.apply_for_registration(&applicant, data).await?;
    let decision = RegistrationDecision::Register {
        valid_from: past.clock().today(),
        reasons: "Annex 22-06 data complete; TIN checked with the State Tax Committee".into(),
    };
    past.decide_registration(certifier, applied.id, decision).await?;
    Ok(Exporter { caller: Caller::session(user.id, Role::Exporter, Some(applied.id), None), short: company.short })
}

/// The `n`th consignment of a month: who ships what to whom, in turn.
fn consignment<'a>(
    n: usize,
    exporters: &'a [Exporter; 3],
    invoices: &Invoices,
    number: &str,
) -> (&'a Exporter, ProofKind, Consignee, Vec<ItemDraft>) {
    let invoice = invoices.at(number, 3);
    let size = i64::try_from(n % 4).unwrap_or(0) + 1;
    match n % 4 {
        0 => (&exporters[0], Ct1, TEKSTIL_TORG, vec![t_shirts(2000 * size, &invoice)]),
        1 => (&exporters[1], Ct1, ALMATY_FOOD, vec![dried_apricots(5000 * size, &invoice), raisins(4000, &invoice)]),
        2 => (&exporters[2], NonPreferential, HOLZ_UND_HEIM, vec![dining_tables(6 * size, &invoice)]),
        _ => (&exporters[0], NonPreferential, TEXTIL_KONTOR, vec![t_shirts(1500, &invoice)]),
    }
}

/// The past year, month by month, on `service`'s database; `officers` decide.
pub async fn fill(service: &Service, officers: &Officers) -> anyhow::Result<()> {
    let today = service.clock().today();
    let this_month = Month::of(today);
    let first = this_month.minus(u32::try_from(PER_MONTH.len()).unwrap_or(11));
    let morning =
        |day: time::Date, hour: u8| OffsetDateTime::new_utc(day, Time::from_hms(hour, 0, 0).unwrap_or(Time::MIDNIGHT));
    let past =
        Service::start(service.store().clone(), service.config().clone(), Clock::fixed(morning(first.first_day(), 9)))
            .await
            .context("starting the service of the past year")?;
    let hash = origo_service::auth::hash_password(PASSWORD.into()).await.context("hashing the password")?;
    let exporters = [
        registered(&past, &officers.certifier, &ANDIJAN, &hash).await?,
        registered(&past, &officers.certifier, &NAMANGAN, &hash).await?,
        registered(&past, &officers.certifier, &KOKAND, &hash).await?,
    ];

    let mut month = first;
    let mut serial = 0;
    for (index, count) in PER_MONTH.into_iter().enumerate() {
        let mut last = None;
        for n in 0..count {
            // Every third day from the 3rd: within any month.
            let day = month.first_day() + Duration::days(2 + 3 * i64::try_from(n).unwrap_or(0));
            at(&past, morning(day, 10));
            serial += 1;
            let invoices = Invoices { today: day };
            let number = format!("HY-{}-{serial:03}", month.year());
            let (exporter, kind, to, items) = consignment(n + index, &exporters, &invoices, &number);
            let certificate = issued(&past, officers, exporter, kind, to, items, false).await?;
            last = Some(certificate.certificate_id);
        }
        let Some(last) = last else { continue };
        // Five months ago a certificate was revoked, two months ago one replaced.
        at(&past, morning(month.first_day() + Duration::days(26), 15));
        if index == 6 {
            let reasons = "The consignment was sold within Uzbekistan and never exported; withdrawn by the exporter";
            past.revoke_certificate(&officers.certifier, last, reasons).await?;
        }
        if index == 9 {
            let request = ReplacementRequest {
                reasons: "The consignee's order reference was missing; replaced with it added in the remarks".into(),
                corrections: Corrections { consignee: None, remarks: Some("Consignee's order 2291".into()) },
            };
            past.replace_certificate(&officers.certifier, last, &request, None).await?;
        }
        month = month.next();
    }

    // Last year's key ends the day before today: from today the demo's own key signs.
    let mut tx = service.store().begin().await?;
    let actor = Actor::system(service.clock().now());
    for key in signing_keys::list_for_issuer(&mut tx, &service.config().issuer_code).await? {
        if key.not_before < today && key.not_after.is_none() {
            signing_keys::retire(&mut tx, &actor, &key.key_id, today - Duration::days(1)).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
