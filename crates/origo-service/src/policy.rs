//! The authorization policy: every read and write is decided here, server-side, from the actor and the record.
//!
//! Scoping: an exporter sees only its own records; customs reads but never issues or decides (certification is
//! kept separate from customs control); a foreign authority sees only certificates bound for its country and no
//! commercial data (applications, bills of materials); the officer who examined an application cannot also give
//! its second signature.

use crate::roles::{Actor, Role};

/// What an actor wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    ApplyForRegistration,
    ReadRegistration,
    DecideRegistration,
    RevokeRegistration,
    CreateApplication,
    EditApplication,
    ReadApplication,
    ExamineApplication,
    SecondSign,
    IssueCertificate,
    ReadCertificate,
    RevokeCertificate,
    MakeOutStatement,
    ReadAudit,
    ManageUsers,
    RotateKeys,
    /// Every exporter's applications at once: the certifying body's work queue.
    ReadQueue,
    /// The configuration in force: rule packs with their versions, signing keys with their validity.
    ReadConfiguration,
}

impl Action {
    pub const ALL: [Action; 18] = [
        Action::ApplyForRegistration,
        Action::ReadRegistration,
        Action::DecideRegistration,
        Action::RevokeRegistration,
        Action::CreateApplication,
        Action::EditApplication,
        Action::ReadApplication,
        Action::ExamineApplication,
        Action::SecondSign,
        Action::IssueCertificate,
        Action::ReadCertificate,
        Action::RevokeCertificate,
        Action::MakeOutStatement,
        Action::ReadAudit,
        Action::ManageUsers,
        Action::RotateKeys,
        Action::ReadQueue,
        Action::ReadConfiguration,
    ];
}

/// The record an action concerns, as far as the policy needs to know it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resource<'a> {
    /// The exporter the record belongs to.
    pub exporter_id: Option<&'a str>,
    /// The importing country of a certificate.
    pub importing_country: Option<&'a str>,
    /// The officer who examined the application (for the four-eyes rule).
    pub examiner_id: Option<&'a str>,
}

/// Why an action is refused. `NotVisible` is answered like "not found" so that records cannot be enumerated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("the {role} role may not do this")]
    Role { role: Role },
    #[error("not found")]
    NotVisible,
    #[error("the officer who examined the application cannot also give its second signature")]
    SameOfficer,
}

fn own(actor: &Actor, resource: &Resource<'_>) -> Result<(), Denied> {
    match (actor.exporter_id.as_deref(), resource.exporter_id) {
        (Some(mine), Some(theirs)) if mine == theirs => Ok(()),
        // A new record has no owner yet: it will be the actor's own.
        (Some(_), None) => Ok(()),
        _ => Err(Denied::NotVisible),
    }
}

/// Decides whether `actor` may do `action` on `resource`.
pub fn authorize(actor: &Actor, action: Action, resource: &Resource<'_>) -> Result<(), Denied> {
    use Action::*;
    use Role::*;
    let role = actor.role;
    let refused = Err(Denied::Role { role });
    match (action, role) {
        // A company's first application for registration: the user has no exporter yet.
        (ApplyForRegistration, Exporter) if resource.exporter_id.is_none() => Ok(()),
        // The exporter's own records.
        (ApplyForRegistration | CreateApplication | EditApplication | MakeOutStatement, Exporter) => {
            own(actor, resource)
        }
        (ReadRegistration | ReadApplication | ReadCertificate, Exporter) => own(actor, resource),
        // The certifying body.
        (ReadRegistration | ReadApplication | ReadCertificate, Certifier | Supervisor | Customs | Auditor) => Ok(()),
        (
            DecideRegistration | RevokeRegistration | ExamineApplication | IssueCertificate | RevokeCertificate,
            Certifier,
        ) => Ok(()),
        (SecondSign, Supervisor) => match (resource.examiner_id, actor.user_id.as_str()) {
            (Some(examiner), me) if examiner == me => Err(Denied::SameOfficer),
            _ => Ok(()),
        },
        // A foreign authority sees the certificates bound for its country, and the public registry data.
        (ReadCertificate, ForeignAuthority) => match (actor.country.as_deref(), resource.importing_country) {
            (Some(mine), Some(theirs)) if mine == theirs => Ok(()),
            _ => Err(Denied::NotVisible),
        },
        (ReadRegistration, ForeignAuthority) => Ok(()),
        (ReadAudit, Supervisor | Auditor | Admin) => Ok(()),
        // Foreign authorities see certificates, never applications; exporters only their own (ReadApplication).
        (ReadQueue, Certifier | Supervisor | Customs | Auditor) => Ok(()),
        (ReadConfiguration, Certifier | Supervisor | Customs | Auditor | Admin) => Ok(()),
        (ManageUsers | RotateKeys, Admin) => Ok(()),
        _ => refused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: format!("{role}-1"),
            role,
            exporter_id: (role == Role::Exporter).then(|| "exp-1".to_string()),
            country: (role == Role::ForeignAuthority).then(|| "DE".to_string()),
        }
    }

    /// The whole matrix: for every action and role, on a record of exporter exp-1 bound for DE, examined by
    /// certifier-1. The expected table is written out so that any change to the policy shows here.
    #[test]
    fn matrix_of_every_action_and_role() {
        let resource =
            Resource { exporter_id: Some("exp-1"), importing_country: Some("DE"), examiner_id: Some("certifier-1") };
        let allowed: &[(Action, &[Role])] = &[
            (Action::ApplyForRegistration, &[Role::Exporter]),
            (
                Action::ReadRegistration,
                &[
                    Role::Exporter,
                    Role::Certifier,
                    Role::Supervisor,
                    Role::Customs,
                    Role::ForeignAuthority,
                    Role::Auditor,
                ],
            ),
            (Action::DecideRegistration, &[Role::Certifier]),
            (Action::RevokeRegistration, &[Role::Certifier]),
            (Action::CreateApplication, &[Role::Exporter]),
            (Action::EditApplication, &[Role::Exporter]),
            (
                Action::ReadApplication,
                &[Role::Exporter, Role::Certifier, Role::Supervisor, Role::Customs, Role::Auditor],
            ),
            (Action::ExamineApplication, &[Role::Certifier]),
            (Action::SecondSign, &[Role::Supervisor]),
            (Action::IssueCertificate, &[Role::Certifier]),
            (
                Action::ReadCertificate,
                &[
                    Role::Exporter,
                    Role::Certifier,
                    Role::Supervisor,
                    Role::Customs,
                    Role::ForeignAuthority,
                    Role::Auditor,
                ],
            ),
            (Action::RevokeCertificate, &[Role::Certifier]),
            (Action::MakeOutStatement, &[Role::Exporter]),
            (Action::ReadAudit, &[Role::Supervisor, Role::Auditor, Role::Admin]),
            (Action::ManageUsers, &[Role::Admin]),
            (Action::RotateKeys, &[Role::Admin]),
            (Action::ReadQueue, &[Role::Certifier, Role::Supervisor, Role::Customs, Role::Auditor]),
            (
                Action::ReadConfiguration,
                &[Role::Certifier, Role::Supervisor, Role::Customs, Role::Auditor, Role::Admin],
            ),
        ];
        assert_eq!(allowed.len(), Action::ALL.len());
        for &(action, roles) in allowed {
            for role in Role::ALL {
                let decision = authorize(&actor(role), action, &resource);
                assert_eq!(decision.is_ok(), roles.contains(&role), "{action:?} by {role}: {decision:?}");
            }
        }
    }

    #[test]
    fn exporters_see_only_their_own_records() {
        let other = Resource { exporter_id: Some("exp-2"), ..Resource::default() };
        for action in
            [Action::ReadApplication, Action::EditApplication, Action::ReadCertificate, Action::ReadRegistration]
        {
            assert_eq!(authorize(&actor(Role::Exporter), action, &other), Err(Denied::NotVisible), "{action:?}");
        }
    }

    #[test]
    fn an_exporter_user_without_a_company_may_apply_for_registration() {
        let mut newcomer = actor(Role::Exporter);
        newcomer.exporter_id = None;
        assert!(authorize(&newcomer, Action::ApplyForRegistration, &Resource::default()).is_ok());
        assert!(authorize(&newcomer, Action::CreateApplication, &Resource::default()).is_err());
    }

    #[test]
    fn foreign_authorities_see_only_their_country() {
        let elsewhere = Resource { exporter_id: Some("exp-1"), importing_country: Some("FR"), examiner_id: None };
        assert_eq!(
            authorize(&actor(Role::ForeignAuthority), Action::ReadCertificate, &elsewhere),
            Err(Denied::NotVisible)
        );
        assert!(authorize(&actor(Role::ForeignAuthority), Action::ReadApplication, &elsewhere).is_err());
    }

    #[test]
    fn the_examiner_cannot_give_the_second_signature() {
        let mut supervisor = actor(Role::Supervisor);
        supervisor.user_id = "officer-7".into();
        let examined_by_them = Resource { examiner_id: Some("officer-7"), ..Resource::default() };
        assert_eq!(authorize(&supervisor, Action::SecondSign, &examined_by_them), Err(Denied::SameOfficer));
        let examined_by_other = Resource { examiner_id: Some("officer-8"), ..Resource::default() };
        assert!(authorize(&supervisor, Action::SecondSign, &examined_by_other).is_ok());
    }

    #[test]
    fn customs_reads_but_never_issues_or_decides() {
        let customs = actor(Role::Customs);
        let resource = Resource::default();
        assert!(authorize(&customs, Action::ReadCertificate, &resource).is_ok());
        for action in [
            Action::IssueCertificate,
            Action::RevokeCertificate,
            Action::ExamineApplication,
            Action::DecideRegistration,
        ] {
            assert!(matches!(authorize(&customs, action, &resource), Err(Denied::Role { .. })), "{action:?}");
        }
    }
}
