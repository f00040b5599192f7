//! Sign-in, the current caller and API tokens.

use origo_service::{Caller, Scope};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

/// `POST /api/v1/session`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// Who is signed in.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub user_id: Uuid,
    /// exporter, certifier, supervisor, customs, foreign_authority, auditor or admin.
    pub role: String,
    /// The exporter an exporter user acts for.
    pub exporter_id: Option<Uuid>,
    /// A foreign authority's country.
    pub country: Option<String>,
    /// An API token's scopes; absent for a session.
    pub scopes: Option<Vec<String>>,
}

impl From<&Caller> for Me {
    fn from(caller: &Caller) -> Me {
        Me {
            user_id: caller.user_id,
            role: caller.role().as_str().to_owned(),
            exporter_id: caller.exporter_id(),
            country: caller.actor.country.clone(),
            scopes: caller.scopes.as_ref().map(|s| s.iter().map(|s| s.as_str().to_owned()).collect()),
        }
    }
}

/// The answer to a login (the session itself is in the cookie).
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionOut {
    pub user: Me,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub expires_at: OffsetDateTime,
}

/// A token scope.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScopeIn {
    Read,
    Write,
}

impl From<ScopeIn> for Scope {
    fn from(scope: ScopeIn) -> Scope {
        match scope {
            ScopeIn::Read => Scope::Read,
            ScopeIn::Write => Scope::Write,
        }
    }
}

/// `POST /api/v1/tokens`: a token for the signed-in user.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTokenRequest {
    pub name: String,
    pub scopes: Vec<ScopeIn>,
    /// RFC 3339; no expiry when absent.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub expires_at: Option<OffsetDateTime>,
}

/// A new API token: the secret is shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenOut {
    pub id: Uuid,
    pub name: String,
    pub token: String,
    pub scopes: Vec<String>,
}
