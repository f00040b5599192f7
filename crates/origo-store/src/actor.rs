//! Who does something: the [`Actor`] every write names, and the [`Role`]s of DOMAIN.md section 1.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// A user's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Registers, applies, receives certificates; sees only its own exporter's records.
    Exporter,
    /// Certifying-body officer: examines, issues, refuses, revokes, registers exporters.
    Certifier,
    /// Certifying body: second signature on high-risk decisions, whole audit trail.
    Supervisor,
    /// National customs: reads, never issues.
    Customs,
    /// Importing country's authority: sees what concerns its country.
    ForeignAuthority,
    /// Read-only audit of every decision.
    Auditor,
    /// Manages users and keys.
    Admin,
}

impl Role {
    /// Every role, in the order of DOMAIN.md.
    pub const ALL: [Role; 7] = [
        Role::Exporter,
        Role::Certifier,
        Role::Supervisor,
        Role::Customs,
        Role::ForeignAuthority,
        Role::Auditor,
        Role::Admin,
    ];

    /// The role as stored (`foreign_authority`).
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

impl FromStr for Role {
    type Err = String;

    fn from_str(text: &str) -> Result<Role, String> {
        Role::ALL.into_iter().find(|r| r.as_str() == text).ok_or_else(|| format!("unknown role `{text}`"))
    }
}

/// Who makes a change and when: written into the audit record of every write.
///
/// The time comes from the caller (the service's clock), so that a change and its audit record carry the same
/// instant and tests can fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// The user, or `None` for the system itself (start-up, demo data, scheduled jobs).
    pub user_id: Option<Uuid>,
    /// The user's role, or `system`.
    pub role: String,
    /// When.
    pub at: OffsetDateTime,
}

impl Actor {
    /// A user acting in `role`.
    pub fn user(user_id: Uuid, role: Role, at: OffsetDateTime) -> Actor {
        Actor { user_id: Some(user_id), role: role.as_str().to_owned(), at }
    }

    /// The system itself.
    pub fn system(at: OffsetDateTime) -> Actor {
        Actor { user_id: None, role: "system".to_owned(), at }
    }
}
