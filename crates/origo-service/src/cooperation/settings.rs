//! The settings of administrative cooperation. The reply period is data, not law written into code: DOMAIN.md
//! gives six months for the EU GSP as unconfirmed, so every scheme defaults to it until configured otherwise.

use std::collections::BTreeMap;

/// Reply periods, reminders and the REX-revocation threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CooperationConfig {
    /// Months to reply, per scheme (`eu-gsp`, `uk-dcts`, `cis-fta`, `non-preferential`); a scheme not listed gets
    /// [`CooperationConfig::default_reply_months`].
    pub reply_months: BTreeMap<String, u32>,
    /// Months to reply under a scheme not in `reply_months` (6).
    pub default_reply_months: u32,
    /// A reminder is raised when the deadline is this many days away or fewer (30).
    pub reminder_days: u32,
    /// Failed verifications ("not confirmed" replies) of one exporter that propose revoking its REX registration
    /// (2).
    pub failures_for_rex_proposal: u32,
}

impl Default for CooperationConfig {
    fn default() -> CooperationConfig {
        CooperationConfig {
            reply_months: BTreeMap::new(),
            default_reply_months: 6,
            reminder_days: 30,
            failures_for_rex_proposal: 2,
        }
    }
}

impl CooperationConfig {
    /// The reply period of `scheme`, in months.
    pub fn reply_months(&self, scheme: &str) -> u32 {
        self.reply_months.get(scheme).copied().unwrap_or(self.default_reply_months)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scheme_without_its_own_period_gets_the_default() {
        let mut config = CooperationConfig::default();
        assert_eq!(config.reply_months("eu-gsp"), 6);
        config.reply_months.insert("cis-fta".into(), 3);
        assert_eq!(config.reply_months("cis-fta"), 3);
        assert_eq!(config.reply_months("eu-gsp"), 6);
    }
}
