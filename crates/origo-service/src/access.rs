//! Who is calling: the [`Caller`] (an actor with, for an API token, its scopes), the authorization check every
//! workflow starts with, and the store's audit actor made from it.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::policy::{Action, Denied, Resource, authorize};
use crate::roles::{Actor, Role};

/// What an API token may do. A session carries no scopes: it has all of its role's rights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Reads only.
    Read,
    /// Reads and writes.
    Write,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }

    pub fn parse(text: &str) -> Option<Scope> {
        match text {
            "read" => Some(Scope::Read),
            "write" => Some(Scope::Write),
            _ => None,
        }
    }
}

/// An authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub actor: Actor,
    /// The user's id.
    pub user_id: Uuid,
    /// `None` for a session; the token's scopes for an API token.
    pub scopes: Option<Vec<Scope>>,
}

/// Whether an action only reads.
fn is_read(action: Action) -> bool {
    matches!(
        action,
        Action::ReadRegistration
            | Action::ReadApplication
            | Action::ReadCertificate
            | Action::ReadSecurityCode
            | Action::ReadAudit
            | Action::ReadQueue
            | Action::ReadConfiguration
            | Action::ReadControlCase
            | Action::ReadProposals
            | Action::ReadUtilisation
            | Action::ReadFlags
            | Action::ReadVerificationRequest
            | Action::ReadInvestigation
            | Action::ReadCooperationStatistics
            | Action::ReadInvestigationDocuments
            | Action::ReadDocumentRequest
            | Action::ReadRiskAssessment
            | Action::ReadStatistics
            | Action::ReadExchangeRates
    )
}

impl Caller {
    /// A session caller (all of the role's rights).
    pub fn session(user_id: Uuid, role: Role, exporter_id: Option<Uuid>, country: Option<String>) -> Caller {
        let actor =
            Actor { user_id: user_id.to_string(), role, exporter_id: exporter_id.map(|id| id.to_string()), country };
        Caller { actor, user_id, scopes: None }
    }

    /// The role.
    pub fn role(&self) -> Role {
        self.actor.role
    }

    /// The exporter an exporter user acts for.
    pub fn exporter_id(&self) -> Option<Uuid> {
        self.actor.exporter_id.as_deref().and_then(|id| id.parse().ok())
    }

    /// The policy's decision, after the token's scopes: a read-only token never writes.
    pub fn may(&self, action: Action, resource: &Resource<'_>) -> Result<(), Denied> {
        if let Some(scopes) = &self.scopes {
            let needed = if is_read(action) { Scope::Read } else { Scope::Write };
            let granted = scopes.contains(&needed) || (needed == Scope::Read && scopes.contains(&Scope::Write));
            if !granted {
                return Err(Denied::Role { role: self.actor.role });
            }
        }
        authorize(&self.actor, action, resource)
    }

    /// The store's audit actor for a change made at `at`.
    pub fn audit_actor(&self, at: OffsetDateTime) -> origo_store::Actor {
        origo_store::Actor::user(self.user_id, self.actor.role, at)
    }
}
