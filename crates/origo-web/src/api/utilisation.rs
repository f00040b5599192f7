//! Utilisation of a certificate at import: recording a use (the importing authority), and the certificate's
//! items with what was used of them.

use origo_service::control::utilisation::{ItemBalance, NewUse, Recorded, UtilisationView};
use origo_store::utilisation::Utilisation;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::flags::FlagOut;

/// `POST /api/v1/certificates/{id}/utilisation`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UtilisationIn {
    /// The certificate's goods item number (from 1).
    pub item_no: i64,
    /// In the item's unit (a decimal, as a string or a number); more than zero.
    #[schema(value_type = String)]
    pub quantity: Decimal,
    /// The customs declaration (and line) the goods were cleared under; recorded once per item.
    pub declaration_ref: String,
    /// The certificate's security code: only for a certificate bound for another country than the authority's.
    pub security_code: Option<String>,
}

impl From<UtilisationIn> for NewUse {
    fn from(u: UtilisationIn) -> NewUse {
        NewUse {
            item_no: u.item_no,
            quantity: u.quantity,
            declaration_ref: u.declaration_ref,
            security_code: u.security_code,
        }
    }
}

/// A recorded use.
#[derive(Debug, Serialize, ToSchema)]
pub struct UseOut {
    pub id: Uuid,
    pub item_no: i64,
    pub importing_country: String,
    #[schema(value_type = String)]
    pub quantity: Decimal,
    pub declaration_ref: String,
    pub recorded_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub recorded_at: OffsetDateTime,
}

impl From<Utilisation> for UseOut {
    fn from(u: Utilisation) -> UseOut {
        UseOut {
            id: u.id,
            item_no: u.item_no,
            importing_country: u.importing_country,
            quantity: u.quantity,
            declaration_ref: u.declaration_ref,
            recorded_by: u.recorded_by,
            recorded_at: u.recorded_at,
        }
    }
}

/// The answer to a recorded use: the use and the flags it raised (over_use, double_country_use).
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordedOut {
    pub utilisation: UseOut,
    pub flags_raised: Vec<FlagOut>,
}

impl From<Recorded> for RecordedOut {
    fn from(r: Recorded) -> RecordedOut {
        RecordedOut { utilisation: r.utilisation.into(), flags_raised: r.flags.into_iter().map(Into::into).collect() }
    }
}

/// A goods item: certified, used (by the uses the caller sees) and remaining (negative when over-used).
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemBalanceOut {
    pub item_no: i64,
    pub description: String,
    #[schema(value_type = Option<String>)]
    pub certified: Option<Decimal>,
    pub unit: Option<String>,
    #[schema(value_type = String)]
    pub used: Decimal,
    #[schema(value_type = Option<String>)]
    pub remaining: Option<Decimal>,
}

impl From<ItemBalance> for ItemBalanceOut {
    fn from(b: ItemBalance) -> ItemBalanceOut {
        ItemBalanceOut {
            item_no: b.item.item_no,
            description: b.item.description,
            certified: b.item.quantity,
            unit: b.item.unit,
            used: b.used,
            remaining: b.remaining,
        }
    }
}

/// A certificate's utilisation: an importing authority sees its own country's uses and no flags.
#[derive(Debug, Serialize, ToSchema)]
pub struct UtilisationOut {
    pub certificate_id: Uuid,
    pub number: String,
    /// valid, revoked or replaced.
    pub status: String,
    pub importing_country: Option<String>,
    pub items: Vec<ItemBalanceOut>,
    pub uses: Vec<UseOut>,
    pub flags: Vec<FlagOut>,
}

impl From<UtilisationView> for UtilisationOut {
    fn from(v: UtilisationView) -> UtilisationOut {
        UtilisationOut {
            certificate_id: v.certificate.id,
            number: v.certificate.number,
            status: v.certificate.status.to_string(),
            importing_country: v.importing_country,
            items: v.items.into_iter().map(Into::into).collect(),
            uses: v.uses.into_iter().map(Into::into).collect(),
            flags: v.flags.into_iter().map(Into::into).collect(),
        }
    }
}
