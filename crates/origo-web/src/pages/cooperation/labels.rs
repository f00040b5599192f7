//! Catalogue keys for the values these pages show: request statuses, reason kinds, outcomes, step and alert
//! kinds. Literal keys, chosen by `match`, so that the catalogue test finds them.

use origo_store::cooperation::alerts::AlertKind;
use origo_store::cooperation::steps::StepKind;
use origo_store::cooperation::{ReasonKind, ReplyOutcome, RequestStatus};

pub fn status_key(status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Open => "cooperation.status.open",
        RequestStatus::Investigating => "cooperation.status.investigating",
        RequestStatus::Answered => "cooperation.status.answered",
    }
}

pub fn reason_key(kind: ReasonKind) -> &'static str {
    match kind {
        ReasonKind::Random => "cooperation.reason.random",
        ReasonKind::Authenticity => "cooperation.reason.authenticity",
        ReasonKind::OriginatingStatus => "cooperation.reason.originating_status",
        ReasonKind::OtherRequirements => "cooperation.reason.other_requirements",
    }
}

pub fn outcome_key(outcome: ReplyOutcome) -> &'static str {
    match outcome {
        ReplyOutcome::Confirmed => "cooperation.outcome.confirmed",
        ReplyOutcome::NotConfirmed => "cooperation.outcome.not_confirmed",
        ReplyOutcome::Undetermined => "cooperation.outcome.undetermined",
    }
}

pub fn step_key(kind: StepKind) -> &'static str {
    match kind {
        StepKind::DocumentsRequestedFromExporter => "cooperation.step.documents_requested_from_exporter",
        StepKind::ExporterDocumentsReceived => "cooperation.step.exporter_documents_received",
        StepKind::SiteVisit => "cooperation.step.site_visit",
    }
}

pub fn alert_key(kind: AlertKind) -> &'static str {
    match kind {
        AlertKind::Reminder => "cooperation.alert.reminder",
        AlertKind::Escalation => "cooperation.alert.escalation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::i18n::{Lang, lookup};

    /// The keys chosen at run time exist in every language (the catalogue test finds only literal calls).
    #[test]
    fn every_label_is_in_every_catalogue() {
        let mut keys: Vec<&str> = RequestStatus::ALL.iter().map(|s| status_key(*s)).collect();
        keys.extend(ReasonKind::ALL.iter().map(|k| reason_key(*k)));
        keys.extend(ReplyOutcome::ALL.iter().map(|o| outcome_key(*o)));
        keys.extend(StepKind::ALL.iter().map(|k| step_key(*k)));
        keys.extend(AlertKind::ALL.iter().map(|k| alert_key(*k)));
        for key in keys {
            for lang in Lang::ALL {
                assert!(lookup(lang, key).is_some(), "{key} is missing from {}", lang.code());
            }
        }
    }
}
