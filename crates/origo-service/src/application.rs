//! The life of an application for a certificate: its states, the events that move it, and the four-eyes rule
//! (a high-risk approval needs a supervisor's second signature before anything is issued).

use serde::{Deserialize, Serialize};

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Being filled in by the exporter.
    Draft,
    /// Waiting for examination; origin has been determined for every item.
    Submitted,
    /// The certifier asked the exporter for more information.
    InformationRequested,
    /// Approved by the examiner; high risk, so a supervisor must sign too.
    AwaitingSecondSignature,
    /// Approved (and countersigned where needed): a certificate may be issued.
    Approved,
    Refused,
    /// The certificate has been issued.
    Issued,
}

/// What happens to an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Submit,
    RequestInformation { reasons: String },
    Approve { high_risk: bool },
    SecondSign,
    Refuse { reasons: String },
    Issue,
}

impl Event {
    pub fn name(&self) -> &'static str {
        match self {
            Event::Submit => "submit",
            Event::RequestInformation { .. } => "request_information",
            Event::Approve { .. } => "approve",
            Event::SecondSign => "second_sign",
            Event::Refuse { .. } => "refuse",
            Event::Issue => "issue",
        }
    }
}

/// Why an event cannot happen now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("an application that is {from:?} cannot {event}")]
    NotNow { from: State, event: &'static str },
    #[error("{event} needs reasons")]
    ReasonsRequired { event: &'static str },
}

impl State {
    /// The state after `event`, or why it cannot happen.
    pub fn next(self, event: &Event) -> Result<State, TransitionError> {
        use State::*;
        let not_now = Err(TransitionError::NotNow { from: self, event: event.name() });
        if let Event::RequestInformation { reasons } | Event::Refuse { reasons } = event
            && reasons.trim().is_empty()
        {
            return Err(TransitionError::ReasonsRequired { event: event.name() });
        }
        match (self, event) {
            (Draft | InformationRequested, Event::Submit) => Ok(Submitted),
            (Submitted, Event::RequestInformation { .. }) => Ok(InformationRequested),
            (Submitted, Event::Approve { high_risk: true }) => Ok(AwaitingSecondSignature),
            (Submitted, Event::Approve { high_risk: false }) => Ok(Approved),
            (AwaitingSecondSignature, Event::SecondSign) => Ok(Approved),
            (Submitted | AwaitingSecondSignature, Event::Refuse { .. }) => Ok(Refused),
            (Approved, Event::Issue) => Ok(Issued),
            _ => not_now,
        }
    }

    /// Whether the exporter may still change the application.
    pub fn editable(self) -> bool {
        matches!(self, State::Draft | State::InformationRequested)
    }
}

#[cfg(test)]
mod tests {
    use super::State::*;
    use super::*;

    fn reasons() -> String {
        "invoice missing".to_string()
    }

    #[test]
    fn low_risk_path_to_issue() {
        let state = Draft.next(&Event::Submit).unwrap();
        let state = state.next(&Event::Approve { high_risk: false }).unwrap();
        assert_eq!(state, Approved);
        assert_eq!(state.next(&Event::Issue), Ok(Issued));
    }

    #[test]
    fn high_risk_needs_the_second_signature_before_issue() {
        let state = Submitted.next(&Event::Approve { high_risk: true }).unwrap();
        assert_eq!(state, AwaitingSecondSignature);
        assert!(matches!(state.next(&Event::Issue), Err(TransitionError::NotNow { .. })));
        assert_eq!(state.next(&Event::SecondSign), Ok(Approved));
        assert_eq!(state.next(&Event::Refuse { reasons: reasons() }), Ok(Refused));
    }

    #[test]
    fn information_requests_go_back_to_the_exporter() {
        let state = Submitted.next(&Event::RequestInformation { reasons: reasons() }).unwrap();
        assert!(state.editable());
        assert_eq!(state.next(&Event::Submit), Ok(Submitted));
        assert!(!Submitted.editable());
    }

    #[test]
    fn refusals_and_requests_need_reasons() {
        for event in [Event::Refuse { reasons: " ".into() }, Event::RequestInformation { reasons: String::new() }] {
            assert!(matches!(Submitted.next(&event), Err(TransitionError::ReasonsRequired { .. })));
        }
    }

    #[test]
    fn final_states_accept_nothing() {
        let events = [
            Event::Submit,
            Event::RequestInformation { reasons: reasons() },
            Event::Approve { high_risk: false },
            Event::SecondSign,
            Event::Refuse { reasons: reasons() },
            Event::Issue,
        ];
        for state in [Refused, Issued] {
            for event in &events {
                assert!(state.next(event).is_err(), "{state:?} {event:?}");
            }
        }
        assert!(Draft.next(&Event::Issue).is_err());
        assert!(Approved.next(&Event::SecondSign).is_err());
    }
}
