//! Catalogue keys for the values these pages show: case and proposal statuses, proposal targets, flag kinds.
//! Literal keys, chosen by `match`, so that the catalogue test finds them.

use origo_store::control_cases::CaseStatus;
use origo_store::flags::FlagKind;
use origo_store::proposals::{ProposalStatus, TargetKind};

pub fn case_status_key(status: CaseStatus) -> &'static str {
    match status {
        CaseStatus::Open => "control.case.status.open",
        CaseStatus::Closed => "control.case.status.closed",
    }
}

pub fn proposal_status_key(status: ProposalStatus) -> &'static str {
    match status {
        ProposalStatus::Proposed => "control.proposal.status.proposed",
        ProposalStatus::Accepted => "control.proposal.status.accepted",
        ProposalStatus::Rejected => "control.proposal.status.rejected",
    }
}

pub fn target_key(target: TargetKind) -> &'static str {
    match target {
        TargetKind::Certificate => "control.proposal.target.certificate",
        TargetKind::RexRegistration => "control.proposal.target.rex_registration",
    }
}

pub fn flag_kind_key(kind: FlagKind) -> &'static str {
    match kind {
        FlagKind::OverUse => "control.flag.kind.over_use",
        FlagKind::DoubleCountryUse => "control.flag.kind.double_country_use",
        FlagKind::SupplierDeclarationRevoked => "control.flag.kind.supplier_declaration_revoked",
    }
}

#[cfg(test)]
mod tests {
    use origo_store::control_cases::CaseStatus;
    use origo_store::flags::FlagKind;
    use origo_store::proposals::{ProposalStatus, TargetKind};

    use super::*;
    use crate::pages::i18n::{Lang, lookup};

    /// The keys chosen at run time exist in every language (the catalogue test finds only literal calls).
    #[test]
    fn every_label_is_in_every_catalogue() {
        let mut keys: Vec<&str> = CaseStatus::ALL.iter().map(|s| case_status_key(*s)).collect();
        keys.extend(ProposalStatus::ALL.iter().map(|s| proposal_status_key(*s)));
        keys.extend(TargetKind::ALL.iter().map(|t| target_key(*t)));
        keys.extend(FlagKind::ALL.iter().map(|k| flag_kind_key(*k)));
        for key in keys {
            for lang in Lang::ALL {
                assert!(lookup(lang, key).is_some(), "{key} is missing from {}", lang.code());
            }
        }
    }
}
