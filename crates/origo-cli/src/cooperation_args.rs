//! `origo serve`'s settings of administrative cooperation: the reply period of verification requests (per scheme),
//! the reminder period and the failed verifications that propose revoking an exporter's REX registration. Kept as
//! settings because the legal periods are not confirmed (DOMAIN.md section 5 gives six months for the EU GSP as
//! unconfirmed).

use std::collections::BTreeMap;

use origo_service::cooperation::CooperationConfig;

/// The schemes a reply period can be set for (the service's names).
pub const SCHEMES: [&str; 4] = ["eu-gsp", "uk-dcts", "cis-fta", "non-preferential"];

/// The flags.
#[derive(clap::Args, Debug, Clone)]
pub struct CooperationArgs {
    /// Months to reply to a verification request: `6` for every scheme, or with per-scheme periods after it,
    /// `6,cis-fta=3,uk-dcts=10` (schemes: eu-gsp, uk-dcts, cis-fta, non-preferential).
    #[arg(long, env = "ORIGO_VERIFICATION_REPLY_MONTHS", default_value = "6", value_name = "MONTHS[,SCHEME=MONTHS]",
        value_parser = reply_months)]
    pub verification_reply_months: ReplyMonths,
    /// A reminder is raised when a request's deadline is this many days away or fewer.
    #[arg(long, env = "ORIGO_VERIFICATION_REMINDER_DAYS", default_value_t = 30, value_name = "DAYS",
        value_parser = clap::value_parser!(u32).range(1..=365))]
    pub verification_reminder_days: u32,
    /// "Not confirmed" replies about one exporter that propose revoking its REX registration.
    #[arg(long, env = "ORIGO_FAILURES_FOR_REX_PROPOSAL", default_value_t = 2, value_name = "COUNT",
        value_parser = clap::value_parser!(u32).range(1..=100))]
    pub failures_for_rex_proposal: u32,
}

/// Reply periods: the default and those of named schemes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyMonths {
    pub default: u32,
    pub per_scheme: BTreeMap<String, u32>,
}

fn months(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if (1..=60).contains(&n) => Ok(n),
        _ => Err(format!("`{text}` is not a number of months from 1 to 60")),
    }
}

/// Reads `6` or `6,cis-fta=3,uk-dcts=10`.
pub fn reply_months(text: &str) -> Result<ReplyMonths, String> {
    let mut parts = text.split(',');
    let default = months(parts.next().unwrap_or_default())?;
    let mut per_scheme = BTreeMap::new();
    for part in parts {
        let (scheme, value) = part.split_once('=').ok_or_else(|| format!("`{part}` is not SCHEME=MONTHS"))?;
        let scheme = scheme.trim();
        if !SCHEMES.contains(&scheme) {
            return Err(format!("`{scheme}` is not a scheme ({})", SCHEMES.join(", ")));
        }
        per_scheme.insert(scheme.to_owned(), months(value)?);
    }
    Ok(ReplyMonths { default, per_scheme })
}

impl CooperationArgs {
    /// The service's settings.
    pub fn config(&self) -> CooperationConfig {
        CooperationConfig {
            reply_months: self.verification_reply_months.per_scheme.clone(),
            default_reply_months: self.verification_reply_months.default,
            reminder_days: self.verification_reminder_days,
            failures_for_rex_proposal: self.failures_for_rex_proposal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_periods_are_a_default_and_named_schemes() {
        assert_eq!(reply_months("6").unwrap(), ReplyMonths { default: 6, per_scheme: BTreeMap::new() });
        let read = reply_months("6,cis-fta=3, uk-dcts=10").unwrap();
        assert_eq!(read.default, 6);
        assert_eq!(read.per_scheme.get("cis-fta"), Some(&3));
        assert_eq!(read.per_scheme.get("uk-dcts"), Some(&10));
        for bad in ["", "0", "61", "six", "6,mars=3", "6,cis-fta", "6,cis-fta=0"] {
            assert!(reply_months(bad).is_err(), "{bad}");
        }
    }
}
