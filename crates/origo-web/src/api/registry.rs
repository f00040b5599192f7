//! The registry of exporters: the Annex 22-06 data, decisions, modification, revocation, history, public lookup.

use origo_service::registry::PublicRegistration;
use origo_store::exporters::{Activity, CapacityLine, Exporter, ExporterData, ExporterVersion};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::common::date_text;

/// The exporter's main activity (Annex 22-06 box 3).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActivityApi {
    Production,
    Trading,
}

/// The registration data of Annex 22-06, as applied for or modified, and as shown back.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationData {
    pub name: String,
    pub address: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Taxpayer identification number: the REX number's suffix in the default national format.
    pub tin: String,
    #[serde(default)]
    pub eori: Option<String>,
    #[serde(default)]
    pub contact_person: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    pub activity: ActivityApi,
    pub goods_description: String,
    /// HS headings, e.g. `9403`.
    #[serde(default)]
    pub hs_headings: Vec<String>,
    /// The undertakings of Annex 22-06 box 5: must be true.
    pub undertakings_accepted: bool,
    /// Whether name, address and goods may be shown by the public lookup.
    #[serde(default)]
    pub consent_to_publication: bool,
    /// A producer's declared annual production capacity, one line per subheading; a trader sends none (refused:
    /// `422 validation_failed`, field `capacity`). Errors name the line: `capacity[2].hs`.
    #[serde(default)]
    pub capacity: Vec<CapacityLineApi>,
}

/// One line of declared annual production capacity.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CapacityLineApi {
    /// Six-digit HS 2022 subheading (`610910`).
    pub hs: String,
    /// A year's production, greater than 0.
    pub quantity: Decimal,
    /// `kg` (also read: `KGM`, `kgs`): compared with the net weights exported.
    pub unit: String,
    #[serde(default)]
    pub note: Option<String>,
}

impl From<RegistrationData> for ExporterData {
    fn from(d: RegistrationData) -> ExporterData {
        ExporterData {
            name: d.name,
            address: d.address,
            country: d.country,
            tin: d.tin,
            eori: d.eori,
            contact_person: d.contact_person,
            email: d.email,
            phone: d.phone,
            activity: match d.activity {
                ActivityApi::Production => Activity::Production,
                ActivityApi::Trading => Activity::Trading,
            },
            goods_description: d.goods_description,
            hs_headings: d.hs_headings,
            undertakings_accepted: d.undertakings_accepted,
            consent_to_publication: d.consent_to_publication,
            capacity: d
                .capacity
                .into_iter()
                .map(|l| CapacityLine { hs: l.hs, quantity: l.quantity, unit: l.unit, note: l.note })
                .collect(),
        }
    }
}

impl From<ExporterData> for RegistrationData {
    fn from(d: ExporterData) -> RegistrationData {
        RegistrationData {
            name: d.name,
            address: d.address,
            country: d.country,
            tin: d.tin,
            eori: d.eori,
            contact_person: d.contact_person,
            email: d.email,
            phone: d.phone,
            activity: match d.activity {
                Activity::Production => ActivityApi::Production,
                Activity::Trading => ActivityApi::Trading,
            },
            goods_description: d.goods_description,
            hs_headings: d.hs_headings,
            undertakings_accepted: d.undertakings_accepted,
            consent_to_publication: d.consent_to_publication,
            capacity: d
                .capacity
                .into_iter()
                .map(|l| CapacityLineApi { hs: l.hs, quantity: l.quantity, unit: l.unit, note: l.note })
                .collect(),
        }
    }
}

/// A registration.
#[derive(Debug, Serialize, ToSchema)]
pub struct Registration {
    pub id: Uuid,
    /// applied, registered, refused or revoked.
    pub status: String,
    pub rex_number: Option<String>,
    pub data: RegistrationData,
    /// YYYY-MM-DD.
    pub valid_from: Option<String>,
    pub revoked_on: Option<String>,
    pub revocation_grounds: Option<String>,
    pub decision_reason: Option<String>,
    /// Send it back with a modification (optimistic concurrency).
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: OffsetDateTime,
}

impl From<Exporter> for Registration {
    fn from(e: Exporter) -> Registration {
        Registration {
            id: e.id,
            status: e.status.as_str().to_owned(),
            rex_number: e.rex_number,
            data: e.data.into(),
            valid_from: e.valid_from.map(date_text),
            revoked_on: e.revoked_on.map(date_text),
            revocation_grounds: e.revocation_grounds,
            decision_reason: e.decision_reason,
            version: e.version,
            created_at: e.created_at,
            updated_at: e.updated_at,
        }
    }
}

/// One version in a registration's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationVersion {
    pub version: i64,
    /// applied, registered, refused, modified or revoked.
    pub change: String,
    pub status: String,
    pub rex_number: Option<String>,
    pub data: RegistrationData,
    pub valid_from: Option<String>,
    pub revoked_on: Option<String>,
    pub revocation_grounds: Option<String>,
    pub reason: Option<String>,
    pub changed_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub changed_at: OffsetDateTime,
}

impl From<ExporterVersion> for RegistrationVersion {
    fn from(v: ExporterVersion) -> RegistrationVersion {
        RegistrationVersion {
            version: v.version,
            change: v.change,
            status: v.status.as_str().to_owned(),
            rex_number: v.rex_number,
            data: v.data.into(),
            valid_from: v.valid_from.map(date_text),
            revoked_on: v.revoked_on.map(date_text),
            revocation_grounds: v.revocation_grounds,
            reason: v.reason,
            changed_by: v.changed_by,
            changed_at: v.changed_at,
        }
    }
}

/// A certifier's decision.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationVerdict {
    Register,
    Refuse,
}

/// `POST /api/v1/registrations/{id}/decision`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    pub decision: RegistrationVerdict,
    /// YYYY-MM-DD, required to register.
    #[serde(default)]
    pub valid_from: Option<String>,
    /// Required to refuse.
    #[serde(default)]
    pub reasons: String,
}

/// `PUT /api/v1/registrations/{id}`: new data against the version read.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModifyRequest {
    pub expected_version: i64,
    pub data: RegistrationData,
    #[serde(default)]
    pub reason: Option<String>,
}

/// `POST /api/v1/registrations/{id}/revocation`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevokeRegistrationRequest {
    /// YYYY-MM-DD.
    pub revoked_on: String,
    pub grounds: String,
}

/// `?status=` of the registration list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RegistrationListQuery {
    /// applied, registered, refused or revoked.
    pub status: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<Uuid>,
}

/// The public lookup: number, validity and revocation always; name, address and goods with consent.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicRegistrationOut {
    pub rex_number: String,
    pub valid_from: Option<String>,
    pub revoked_on: Option<String>,
    pub name: Option<String>,
    pub address: Option<String>,
    pub goods_description: Option<String>,
}

impl From<PublicRegistration> for PublicRegistrationOut {
    fn from(p: PublicRegistration) -> PublicRegistrationOut {
        PublicRegistrationOut {
            rex_number: p.rex_number,
            valid_from: p.valid_from.map(date_text),
            revoked_on: p.revoked_on.map(date_text),
            name: p.name,
            address: p.address,
            goods_description: p.goods_description,
        }
    }
}
