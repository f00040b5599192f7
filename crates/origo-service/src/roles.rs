//! The roles of DOMAIN.md section 1 and the actor: who is asking, in which role, for which exporter or country.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A role. Each user has exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Registers, applies, receives certificates, makes out statements on origin.
    Exporter,
    /// Examines applications, issues, refuses and revokes certificates, decides on registrations.
    Certifier,
    /// Gives the second signature on high-risk decisions; sees the whole audit trail.
    Supervisor,
    /// National customs: reads, never issues (certification is kept separate from customs control).
    Customs,
    /// An importing country's customs: sees what concerns its country, asks for verification.
    ForeignAuthority,
    /// Ministry or auditor: read-only, the whole audit trail.
    Auditor,
    /// Manages users, roles and signing keys; decides nothing about origin.
    Admin,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Exporter,
        Role::Certifier,
        Role::Supervisor,
        Role::Customs,
        Role::ForeignAuthority,
        Role::Auditor,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Exporter => "exporter",
            Role::Certifier => "certifier",
            Role::Supervisor => "supervisor",
            Role::Customs => "customs",
            Role::ForeignAuthority => "foreign_authority",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name of a role that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role '{0}' (roles: exporter, certifier, supervisor, customs, foreign_authority, auditor, admin)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(text: &str) -> Result<Role, UnknownRole> {
        Role::ALL.into_iter().find(|r| r.as_str() == text).ok_or_else(|| UnknownRole(text.to_string()))
    }
}

/// Who is acting: an authenticated user (or machine token) in one role, with the scope that role carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: String,
    pub role: Role,
    /// For an exporter: the exporter it acts for.
    pub exporter_id: Option<String>,
    /// For a foreign authority: its country (ISO alpha-2).
    pub country: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
            assert_eq!(serde_json::to_string(&role).unwrap(), format!("\"{role}\""));
        }
        assert!("root".parse::<Role>().is_err());
    }
}
