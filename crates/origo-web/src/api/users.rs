//! Users as an administrator manages them, and password changes. No shape here ever carries a password hash.

use origo_service::roles::Role;
use origo_service::users::UserDraft;
use origo_store::users::User;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

/// A user's role.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoleApi {
    Exporter,
    Certifier,
    Supervisor,
    Customs,
    ForeignAuthority,
    Auditor,
    Admin,
}

impl From<RoleApi> for Role {
    fn from(role: RoleApi) -> Role {
        match role {
            RoleApi::Exporter => Role::Exporter,
            RoleApi::Certifier => Role::Certifier,
            RoleApi::Supervisor => Role::Supervisor,
            RoleApi::Customs => Role::Customs,
            RoleApi::ForeignAuthority => Role::ForeignAuthority,
            RoleApi::Auditor => Role::Auditor,
            RoleApi::Admin => Role::Admin,
        }
    }
}

/// A user, without the password hash.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    /// exporter, certifier, supervisor, customs, foreign_authority, auditor or admin.
    pub role: String,
    /// The exporter an exporter user acts for.
    pub exporter_id: Option<Uuid>,
    /// A foreign authority's country.
    pub country: Option<String>,
    pub disabled: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: OffsetDateTime,
}

impl From<User> for UserOut {
    fn from(u: User) -> UserOut {
        UserOut {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: u.role.as_str().to_owned(),
            exporter_id: u.exporter_id,
            country: u.country,
            disabled: u.disabled,
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

/// `POST /api/v1/users`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserRequest {
    /// 1 to 64 bytes (UTF-8), no spaces.
    pub username: String,
    pub display_name: String,
    pub role: RoleApi,
    /// At least 8 characters.
    pub password: String,
    /// ISO alpha-2: required for a foreign authority, refused for other roles.
    #[serde(default)]
    pub country: Option<String>,
    /// For an exporter user whose company is registered already.
    #[serde(default)]
    pub exporter_id: Option<Uuid>,
}

impl From<NewUserRequest> for UserDraft {
    fn from(r: NewUserRequest) -> UserDraft {
        UserDraft {
            username: r.username,
            display_name: r.display_name,
            role: r.role.into(),
            password: r.password,
            country: r.country,
            exporter_id: r.exporter_id,
        }
    }
}

/// `PATCH /api/v1/users/{id}`: disabling ends the user's sessions and API tokens at once.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    pub disabled: bool,
}

/// `POST /api/v1/users/{id}/password`: an administrator sets a new password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    /// At least 8 characters.
    pub password: String,
}

/// `POST /api/v1/session/password`: the signed-in person changes their own password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChangeRequest {
    pub current_password: String,
    /// At least 8 characters, not the current one.
    pub new_password: String,
}
