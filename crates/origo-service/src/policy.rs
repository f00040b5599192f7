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
    /// A certificate's security code (printed on its PDF): the exporter it was issued to and the certifying body
    /// that issued it. The code opens the public check, so the roles that only read (customs, auditor, foreign
    /// authority) see the certificate but not the code.
    ReadSecurityCode,
    /// Post-clearance control: open a control case, record findings with documents, close it (customs only).
    ConductControl,
    /// Read control cases with their findings and documents.
    ReadControlCase,
    /// Propose revoking a certificate or a REX registration, from a control case (customs).
    ProposeRevocation,
    /// Read revocation proposals.
    ReadProposals,
    /// Accept or reject a revocation proposal (the certifying body: separation of functions).
    DecideProposal,
    /// Record the use of a certificate at import (the authority of the importing country).
    RecordUtilisation,
    /// Read the uses recorded of a certificate.
    ReadUtilisation,
    /// Read the flags raised for officers (over-use, double use, revoked supplier declarations).
    ReadFlags,
    /// Resolve a flag with a note.
    ResolveFlag,
    /// Revoke a supplier declaration found wrong, with reasons.
    RevokeSupplierDeclaration,
    /// Administrative cooperation: a foreign authority files a verification request about a certificate bound
    /// for its country or a registered statement.
    FileVerificationRequest,
    /// A verification request with its documents and reply: a foreign authority its own country's (the request's
    /// country is passed as `Resource::importing_country`), the certifying body, customs and auditors every one.
    ReadVerificationRequest,
    /// The certifying body's investigation of a request (steps, reminders): not the requesting authority's until
    /// the signed reply reports it.
    ReadInvestigation,
    /// Recording investigation steps.
    InvestigateVerificationRequest,
    /// The signed reply (and, when not confirmed, the revocation it brings).
    AnswerVerificationRequest,
    /// Files of investigation steps and the exporter's answers to documents asked of it: the certifying body and
    /// auditors (not the requesting authority, nor customs, who read the steps but not the exporter's papers).
    ReadInvestigationDocuments,
    /// Documents the certifying body asks of an exporter (what is asked, by when, the answer): the exporter its
    /// own, the certifying body and auditors every one. Never the foreign authority's request itself.
    ReadDocumentRequest,
    /// The exporter sends the documents asked of it, with a note.
    AnswerDocumentRequest,
    /// Requests, replies in time, outcomes and turnaround per partner country.
    ReadCooperationStatistics,
    /// An application's risk assessment (score, route, findings): officers and the read-only roles, never the
    /// exporter, who must not learn the indicators it could steer around.
    ReadRiskAssessment,
    /// The dashboard's aggregate figures: applications and certificates per month, the risk distribution, the
    /// top HS codes. Counts and totals that name no exporter: every officer role and the administrator, never an
    /// exporter or a foreign authority (whose dashboard shows its own country's verification figures only).
    ReadStatistics,
    /// The reference exchange rates the risk engine converts values with: every officer role and the
    /// administrator read them.
    ReadExchangeRates,
    /// Adding exchange rates, one or a file (the administrator).
    ManageExchangeRates,
}

impl Action {
    pub const ALL: [Action; 42] = [
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
        Action::ReadSecurityCode,
        Action::ConductControl,
        Action::ReadControlCase,
        Action::ProposeRevocation,
        Action::ReadProposals,
        Action::DecideProposal,
        Action::RecordUtilisation,
        Action::ReadUtilisation,
        Action::ReadFlags,
        Action::ResolveFlag,
        Action::RevokeSupplierDeclaration,
        Action::FileVerificationRequest,
        Action::ReadVerificationRequest,
        Action::ReadInvestigation,
        Action::InvestigateVerificationRequest,
        Action::AnswerVerificationRequest,
        Action::ReadInvestigationDocuments,
        Action::ReadDocumentRequest,
        Action::AnswerDocumentRequest,
        Action::ReadCooperationStatistics,
        Action::ReadRiskAssessment,
        Action::ReadStatistics,
        Action::ReadExchangeRates,
        Action::ManageExchangeRates,
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
        (ReadRegistration | ReadApplication | ReadCertificate | ReadSecurityCode, Exporter) => own(actor, resource),
        // The certifying body.
        (ReadRegistration | ReadApplication | ReadCertificate, Certifier | Supervisor | Customs | Auditor) => Ok(()),
        (ReadSecurityCode, Certifier | Supervisor) => Ok(()),
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
        // Post-clearance control: customs investigates and proposes, the certifying body decides (it alone revokes).
        (ConductControl | ProposeRevocation, Customs) => Ok(()),
        (ReadControlCase | ReadProposals, Certifier | Supervisor | Customs | Auditor) => Ok(()),
        (DecideProposal | ResolveFlag, Certifier | Supervisor) => Ok(()),
        (RevokeSupplierDeclaration, Certifier) => Ok(()),
        (ReadFlags, Certifier | Supervisor | Customs | Auditor) => Ok(()),
        // Utilisation is recorded by the importing country's authority, on certificates bound for its country.
        (RecordUtilisation | ReadUtilisation, ForeignAuthority) => {
            match (actor.country.as_deref(), resource.importing_country) {
                (Some(mine), Some(theirs)) if mine == theirs => Ok(()),
                _ => Err(Denied::NotVisible),
            }
        }
        (ReadUtilisation, Certifier | Supervisor | Customs | Auditor) => Ok(()),
        // Administrative cooperation: the importing country's authority asks, the certifying body investigates
        // and answers; customs and auditors read (customs uses the outcomes in post-clearance control and risk
        // profiles, but never investigates or answers: that is the certifying body's, which made out the proof).
        (FileVerificationRequest, ForeignAuthority) => Ok(()),
        (ReadVerificationRequest, ForeignAuthority) => match (actor.country.as_deref(), resource.importing_country) {
            (Some(mine), Some(theirs)) if mine == theirs => Ok(()),
            _ => Err(Denied::NotVisible),
        },
        (
            ReadVerificationRequest | ReadInvestigation | ReadCooperationStatistics,
            Certifier | Supervisor | Customs | Auditor,
        ) => Ok(()),
        (InvestigateVerificationRequest | AnswerVerificationRequest, Certifier) => Ok(()),
        // What the certifier asks of the exporter reaches the exporter; the exporter's papers stay with the
        // certifying body (and auditors) unless the certifier reports on them in the reply.
        (ReadDocumentRequest | AnswerDocumentRequest, Exporter) => own(actor, resource),
        (ReadInvestigationDocuments | ReadDocumentRequest, Certifier | Supervisor | Auditor) => Ok(()),
        // Risk assessments: the certifying body decides with them, customs keeps risk profiles, auditors read every
        // decision; the exporter is never told its indicators.
        (ReadRiskAssessment, Certifier | Supervisor | Customs | Auditor) => Ok(()),
        (ReadStatistics, Certifier | Supervisor | Customs | Auditor | Admin) => Ok(()),
        // Exchange rates: reference data the administrator keeps; the officers see what the risk engine used.
        (ReadExchangeRates, Certifier | Supervisor | Customs | Auditor | Admin) => Ok(()),
        (ManageExchangeRates, Admin) => Ok(()),
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
            (Action::ReadSecurityCode, &[Role::Exporter, Role::Certifier, Role::Supervisor]),
            (Action::ConductControl, &[Role::Customs]),
            (Action::ReadControlCase, &[Role::Certifier, Role::Supervisor, Role::Customs, Role::Auditor]),
            (Action::ProposeRevocation, &[Role::Customs]),
            (Action::ReadProposals, &[Role::Certifier, Role::Supervisor, Role::Customs, Role::Auditor]),
            (Action::DecideProposal, &[Role::Certifier, Role::Supervisor]),
            (Action::RecordUtilisation, &[Role::ForeignAuthority]),
            (
                Action::ReadUtilisation,
                &[Role::Certifier, Role::Supervisor, Role::Customs, Role::ForeignAuthority, Role::Auditor],
            ),
            (Action::ReadFlags, &[Role::Certifier, Role::Supervisor, Role::Customs, Role::Auditor]),
            (Action::ResolveFlag, &[Role::Certifier, Role::Supervisor]),
            (Action::RevokeSupplierDeclaration, &[Role::Certifier]),
            (Action::FileVerificationRequest, &[Role::ForeignAuthority]),
            (
                Action::ReadVerificationRequest,
                &[Role::Certifier, Role::Supervisor, Role::Customs, Role::ForeignAuthority, Role::Auditor],
            ),
            (Action::ReadInvestigation, &[Role::Certifier, Role::Supervisor, Role::Customs, Role::Auditor]),
            (Action::InvestigateVerificationRequest, &[Role::Certifier]),
            (Action::AnswerVerificationRequest, &[Role::Certifier]),
            (Action::ReadInvestigationDocuments, &[Role::Certifier, Role::Supervisor, Role::Auditor]),
            (Action::ReadDocumentRequest, &[Role::Exporter, Role::Certifier, Role::Supervisor, Role::Auditor]),
            (Action::AnswerDocumentRequest, &[Role::Exporter]),
            (Action::ReadCooperationStatistics, &[Role::Certifier, Role::Supervisor, Role::Customs, Role::Auditor]),
            (Action::ReadRiskAssessment, &[Role::Certifier, Role::Supervisor, Role::Customs, Role::Auditor]),
            (Action::ReadStatistics, &[Role::Certifier, Role::Supervisor, Role::Customs, Role::Auditor, Role::Admin]),
            (
                Action::ReadExchangeRates,
                &[Role::Certifier, Role::Supervisor, Role::Customs, Role::Auditor, Role::Admin],
            ),
            (Action::ManageExchangeRates, &[Role::Admin]),
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
        for action in [
            Action::ReadApplication,
            Action::EditApplication,
            Action::ReadCertificate,
            Action::ReadRegistration,
            Action::ReadSecurityCode,
        ] {
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

    #[test]
    fn customs_proposes_but_only_the_certifying_body_decides() {
        let resource = Resource::default();
        assert!(authorize(&actor(Role::Customs), Action::ProposeRevocation, &resource).is_ok());
        for action in [Action::DecideProposal, Action::RevokeSupplierDeclaration, Action::ResolveFlag] {
            assert!(
                matches!(authorize(&actor(Role::Customs), action, &resource), Err(Denied::Role { .. })),
                "{action:?}"
            );
        }
        for role in [Role::Certifier, Role::Supervisor] {
            assert!(authorize(&actor(role), Action::DecideProposal, &resource).is_ok(), "{role}");
            assert!(authorize(&actor(role), Action::ConductControl, &resource).is_err(), "{role}");
        }
    }

    #[test]
    fn utilisation_is_recorded_only_by_the_importing_country() {
        let bound_for_de = Resource { importing_country: Some("DE"), ..Resource::default() };
        let bound_for_fr = Resource { importing_country: Some("FR"), ..Resource::default() };
        let de = actor(Role::ForeignAuthority);
        assert!(authorize(&de, Action::RecordUtilisation, &bound_for_de).is_ok());
        assert_eq!(authorize(&de, Action::RecordUtilisation, &bound_for_fr), Err(Denied::NotVisible));
        assert_eq!(authorize(&de, Action::ReadUtilisation, &bound_for_fr), Err(Denied::NotVisible));
        assert!(authorize(&actor(Role::Customs), Action::RecordUtilisation, &bound_for_de).is_err());
    }

    #[test]
    fn a_foreign_authority_reads_only_its_own_countrys_verification_requests() {
        let authority = actor(Role::ForeignAuthority);
        let own = Resource { importing_country: Some("DE"), ..Resource::default() };
        let other = Resource { importing_country: Some("FR"), ..Resource::default() };
        assert!(authorize(&authority, Action::ReadVerificationRequest, &own).is_ok());
        assert_eq!(authorize(&authority, Action::ReadVerificationRequest, &other), Err(Denied::NotVisible));
        assert_eq!(
            authorize(&authority, Action::ReadVerificationRequest, &Resource::default()),
            Err(Denied::NotVisible)
        );
        for action in [
            Action::ReadInvestigation,
            Action::InvestigateVerificationRequest,
            Action::AnswerVerificationRequest,
            Action::ReadCooperationStatistics,
        ] {
            assert!(matches!(authorize(&authority, action, &own), Err(Denied::Role { .. })), "{action:?}");
        }
    }

    #[test]
    fn customs_reads_verification_requests_but_never_investigates_or_answers() {
        let customs = actor(Role::Customs);
        let request = Resource { importing_country: Some("DE"), ..Resource::default() };
        assert!(authorize(&customs, Action::ReadVerificationRequest, &request).is_ok());
        for action in
            [Action::FileVerificationRequest, Action::InvestigateVerificationRequest, Action::AnswerVerificationRequest]
        {
            assert!(matches!(authorize(&customs, action, &request), Err(Denied::Role { .. })), "{action:?}");
        }
    }
}
