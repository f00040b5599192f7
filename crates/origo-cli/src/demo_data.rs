//! The demo's data, made through the service as real users would: users of every role; Uzbek exporters of
//! furniture, cotton T-shirts, dried fruit, copper wire and fertiliser, registered with REX numbers (and one still
//! applying); applications in every state; certificates (general form, CT-1 and CT-UZ) issued, one revoked and
//! one replaced; statements on origin and an origin declaration made out by exporters.
//!
//! Every determination is the engine's: an application is approved only when each item was found originating on
//! submission, so a bill of materials that stopped qualifying would stop `origo demo` with the service's error.

mod capacity;
mod control;
mod cooperation;
mod ct_uz;
mod dashboard;
mod goods;
mod history;
mod parties;
mod risk;
mod steps;

use anyhow::Context;
use origo_service::Service;
use origo_service::issuance::Issued;

pub use parties::{Login, PASSWORD};

/// What a demo certificate has become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Valid,
    Revoked,
    /// Replaced by a new certificate (listed after it).
    Replaced,
}

impl Fate {
    pub fn as_str(self) -> &'static str {
        match self {
            Fate::Valid => "valid",
            Fate::Revoked => "revoked",
            Fate::Replaced => "replaced",
        }
    }
}

/// An issued certificate, for the summary.
pub struct DemoCertificate {
    pub number: String,
    pub security_code: String,
    pub fate: Fate,
    /// Kind, exporter and consignee.
    pub what: String,
}

/// A statement made out, for the summary.
pub struct DemoStatement {
    pub what: String,
    pub text_hash: String,
}

/// What the demo made, for the summary.
pub struct Demo {
    pub logins: Vec<Login>,
    pub certificates: Vec<DemoCertificate>,
    pub statements: Vec<DemoStatement>,
    /// A REX number in force, to look up.
    pub rex_number: String,
}

impl Demo {
    /// The first certificate with this fate.
    pub fn first(&self, fate: Fate) -> Option<&DemoCertificate> {
        self.certificates.iter().find(|c| c.fate == fate)
    }
}

impl DemoCertificate {
    fn new(issued: &Issued, fate: Fate, what: String) -> DemoCertificate {
        DemoCertificate {
            number: issued.number.clone(),
            security_code: issued.security_code.clone().unwrap_or_default(),
            fate,
            what,
        }
    }
}

/// Fills an empty database.
pub async fn fill(service: &Service) -> anyhow::Result<Demo> {
    let cast = parties::cast(service).await?;
    capacity::rates(service).await?;
    let invoices = goods::Invoices { today: service.clock().today() };
    // The year before today, first: its certificates take the first numbers, as they came first.
    dashboard::fill(service, &cast.officers).await?;
    // Certificates first, so that their numbers start with the valid ones.
    let mut certificates = history::certificates(service, &cast.officers, &cast.exporters, &invoices).await?;
    certificates.push(ct_uz::certificate(service, &cast.officers, &cast.exporters, &invoices).await?);
    let statements = history::statements(service, &cast.exporters, &invoices).await?;
    history::other_states(service, &cast.officers, &cast.exporters, &invoices).await?;
    control::fill(service, &cast.officers, &cast.exporters, &invoices, &certificates).await?;
    certificates.extend(cooperation::fill(service, &cast.officers, &cast.exporters, &invoices, &statements).await?);
    capacity::fill(service, &cast.exporters, &invoices).await?;
    risk::fill(service, &cast.officers, &cast.exporters, &invoices).await?;
    let rex_number = cast.rex_numbers.first().cloned().context("no exporter registered")?;
    Ok(Demo { logins: cast.logins, certificates, statements, rex_number })
}
