//! Flags for officers, their resolution, and the revocation of supplier declarations (which raises flags).

use origo_service::control::supplier_declarations::DeclarationRevoked;
use origo_store::flags::Flag;
use origo_store::supplier_declarations::SupplierDeclaration;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{AppError, Code};

/// `?status=&limit=&cursor=`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FlagListQuery {
    /// open (the default) or all.
    pub status: Option<String>,
    /// 1 to 200; 50 when absent.
    pub limit: Option<u32>,
    /// The previous page's `next_cursor`.
    pub cursor: Option<Uuid>,
}

impl FlagListQuery {
    /// Whether only open flags are asked for.
    pub fn open_only(&self) -> Result<bool, AppError> {
        match self.status.as_deref() {
            None | Some("open") => Ok(true),
            Some("all") => Ok(false),
            Some(_) => Err(AppError::field(Code::InvalidParameter, "status", "status must be open or all")),
        }
    }
}

/// A flag.
#[derive(Debug, Serialize, ToSchema)]
pub struct FlagOut {
    pub id: Uuid,
    /// over_use, double_country_use or supplier_declaration_revoked.
    pub kind: String,
    pub exporter_id: Uuid,
    pub certificate_id: Option<Uuid>,
    pub application_id: Option<Uuid>,
    pub supplier_declaration_id: Option<Uuid>,
    /// What was found, with the figures.
    pub details: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub raised_at: OffsetDateTime,
    pub resolved_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub resolved_at: Option<OffsetDateTime>,
    pub resolution: Option<String>,
}

impl From<Flag> for FlagOut {
    fn from(f: Flag) -> FlagOut {
        FlagOut {
            id: f.id,
            kind: f.kind.to_string(),
            exporter_id: f.exporter_id,
            certificate_id: f.certificate_id,
            application_id: f.application_id,
            supplier_declaration_id: f.supplier_declaration_id,
            details: f.details,
            raised_at: f.raised_at,
            resolved_by: f.resolved_by,
            resolved_at: f.resolved_at,
            resolution: f.resolution,
        }
    }
}

/// `POST /api/v1/flags/{id}/resolution`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolutionIn {
    /// What was done about it.
    pub resolution: String,
}

/// `POST /api/v1/supplier-declarations/{id}/revocation`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevokeDeclarationIn {
    pub reasons: String,
}

/// A supplier declaration.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupplierDeclarationOut {
    pub id: Uuid,
    pub exporter_id: Uuid,
    pub supplier_name: String,
    pub supplier_country: String,
    /// single or long_term.
    pub kind: String,
    pub goods_description: String,
    pub hs_code: Option<String>,
    pub originating: bool,
    /// YYYY-MM-DD.
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub revoked_at: Option<OffsetDateTime>,
    pub revoked_by: Option<Uuid>,
    pub revocation_reasons: Option<String>,
}

impl From<SupplierDeclaration> for SupplierDeclarationOut {
    fn from(d: SupplierDeclaration) -> SupplierDeclarationOut {
        SupplierDeclarationOut {
            id: d.id,
            exporter_id: d.exporter_id,
            supplier_name: d.supplier_name,
            supplier_country: d.supplier_country,
            kind: d.kind.to_string(),
            goods_description: d.goods_description,
            hs_code: d.hs_code,
            originating: d.originating,
            valid_from: d.valid_from.map(|d| d.to_string()),
            valid_to: d.valid_to.map(|d| d.to_string()),
            revoked_at: d.revoked_at,
            revoked_by: d.revoked_by,
            revocation_reasons: d.revocation_reasons,
        }
    }
}

/// The revoked declaration and the flags raised on what relied on it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeclarationRevokedOut {
    pub declaration: SupplierDeclarationOut,
    pub flags_raised: Vec<FlagOut>,
}

impl From<DeclarationRevoked> for DeclarationRevokedOut {
    fn from(r: DeclarationRevoked) -> DeclarationRevokedOut {
        DeclarationRevokedOut {
            declaration: r.declaration.into(),
            flags_raised: r.flags.into_iter().map(Into::into).collect(),
        }
    }
}
