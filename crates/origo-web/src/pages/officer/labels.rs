//! The catalogue keys of values chosen at run time on the officers' pages (states, outcomes, statuses, sort
//! orders, audit actions), one `match` each so that every key is a literal; the test below checks each table
//! against the three catalogues.

use origo_service::application::State;
use origo_store::certificates::CertificateStatus;
use origo_store::determinations::Outcome;
use origo_store::exporters::ExporterStatus;
use origo_store::queue::{QueueSort, QueueState};
use origo_store::supplier_declarations::DeclarationKind;

/// An application's workflow state.
pub fn state_key(state: State) -> &'static str {
    match state {
        State::Draft => "officer.state.draft",
        State::Submitted => "officer.state.submitted",
        State::InformationRequested => "officer.state.information_requested",
        State::AwaitingSecondSignature => "officer.state.awaiting_second_signature",
        State::Approved => "officer.state.approved",
        State::Refused => "officer.state.refused",
        State::Issued => "officer.state.issued",
    }
}

/// A choice of the queue's state filter.
pub fn queue_state_key(state: QueueState) -> &'static str {
    match state {
        QueueState::Submitted => "officer.state.submitted",
        QueueState::InformationRequested => "officer.state.information_requested",
        QueueState::AwaitingSecondSignature => "officer.state.awaiting_second_signature",
        QueueState::Approved => "officer.state.approved",
        QueueState::Refused => "officer.state.refused",
        QueueState::Issued => "officer.state.issued",
        QueueState::All => "officer.state.all",
    }
}

/// An order of the queue.
pub fn sort_key(sort: QueueSort) -> &'static str {
    match sort {
        QueueSort::SubmittedAsc => "officer.sort.submitted_asc",
        QueueSort::SubmittedDesc => "officer.sort.submitted_desc",
        QueueSort::ExporterAsc => "officer.sort.exporter_asc",
        QueueSort::ExporterDesc => "officer.sort.exporter_desc",
        QueueSort::UpdatedAsc => "officer.sort.updated_asc",
        QueueSort::UpdatedDesc => "officer.sort.updated_desc",
        QueueSort::ScoreAsc => "risk.sort.score_asc",
        QueueSort::ScoreDesc => "risk.sort.score_desc",
    }
}

/// The engine's outcome for an item.
pub fn outcome_key(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Originating => "officer.outcome.originating",
        Outcome::NotOriginating => "officer.outcome.not_originating",
        Outcome::Undetermined => "officer.outcome.undetermined",
    }
}

/// A registration's status.
pub fn registration_key(status: ExporterStatus) -> &'static str {
    match status {
        ExporterStatus::Applied => "officer.registration.applied",
        ExporterStatus::Registered => "officer.registration.registered",
        ExporterStatus::Refused => "officer.registration.refused",
        ExporterStatus::Revoked => "officer.registration.revoked",
    }
}

/// A certificate's status.
pub fn certificate_status_key(status: CertificateStatus) -> &'static str {
    match status {
        CertificateStatus::Valid => "officer.certificate.valid",
        CertificateStatus::Revoked => "officer.certificate.revoked",
        CertificateStatus::Replaced => "officer.certificate.replaced",
    }
}

/// A supplier declaration's kind.
pub fn declaration_kind_key(kind: DeclarationKind) -> &'static str {
    match kind {
        DeclarationKind::Single => "officer.declaration.single",
        DeclarationKind::LongTerm => "officer.declaration.long_term",
    }
}

/// What an audit record of an application says happened, in words; `None` for an action without words (shown
/// as its code).
pub fn application_action_key(action: &str) -> Option<&'static str> {
    Some(match action {
        "application.created" => "officer.history.created",
        "application.updated" => "officer.history.updated",
        "application.submitted" => "officer.history.submitted",
        "application.information_requested" => "officer.history.information_requested",
        "application.approved" => "officer.history.approved",
        "application.refused" => "officer.history.refused",
        "application.issued" => "officer.history.issued",
        "application.examiner_assigned" => "officer.history.examiner_assigned",
        "application.second_signed" => "officer.history.second_signed",
        "application.risk_flagged" => "officer.history.risk_flagged",
        "risk_assessment.recorded" => "risk.history.recorded",
        _ => return None,
    })
}

/// Yes, no, or not stated.
pub fn yes_no_key(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "officer.yes",
        Some(false) => "officer.no",
        None => "officer.not_stated",
    }
}

#[cfg(test)]
mod tests {
    use origo_service::roles::Role;

    use super::*;
    use crate::pages::i18n::{Lang, lookup};

    #[test]
    fn every_key_of_every_table_is_in_every_catalogue() {
        let states = [
            State::Draft,
            State::Submitted,
            State::InformationRequested,
            State::AwaitingSecondSignature,
            State::Approved,
            State::Refused,
            State::Issued,
        ];
        let mut keys: Vec<&str> = states.into_iter().map(state_key).collect();
        keys.extend(QueueState::ALL.iter().map(|s| queue_state_key(*s)));
        keys.extend(QueueSort::ALL.iter().map(|s| sort_key(*s)));
        keys.extend(Outcome::ALL.iter().map(|o| outcome_key(*o)));
        keys.extend(ExporterStatus::ALL.iter().map(|s| registration_key(*s)));
        keys.extend(CertificateStatus::ALL.iter().map(|s| certificate_status_key(*s)));
        keys.extend(DeclarationKind::ALL.iter().map(|k| declaration_kind_key(*k)));
        let actions = [
            "application.created",
            "application.updated",
            "application.submitted",
            "application.information_requested",
            "application.approved",
            "application.refused",
            "application.issued",
            "application.examiner_assigned",
            "application.second_signed",
            "application.risk_flagged",
            "risk_assessment.recorded",
        ];
        keys.extend(actions.iter().map(|a| application_action_key(a).expect(a)));
        keys.extend([Some(true), Some(false), None].map(yes_no_key));
        keys.extend(Role::ALL.map(crate::pages::nav::role_key));
        for key in keys {
            for lang in Lang::ALL {
                assert!(lookup(lang, key).is_some(), "{key} is missing from {}", lang.code());
            }
        }
        assert_eq!(application_action_key("application.archived"), None);
    }
}
