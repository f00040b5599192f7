//! The deadline sweep: a reminder for each unanswered request whose deadline is within the reminder period, an
//! escalation for each one past it; each raised once per request and audited (as the system). `origo serve`
//! runs it every hour; several servers may run it at once, since raising is idempotent in SQL
//! (`origo_store::cooperation::alerts::raise`). A request first swept after its deadline gets only the
//! escalation.

use origo_store::cooperation::alerts::{self, AlertKind};
use origo_store::{Actor, StoreError};
use time::{Duration, OffsetDateTime};

use crate::service::Service;

/// What one sweep raised: the references of the requests reminded and escalated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SweepReport {
    pub reminders: Vec<String>,
    pub escalations: Vec<String>,
}

impl Service {
    /// Raises the reminders and escalations due at `now`, in one transaction.
    pub async fn sweep_cooperation_deadlines(&self, now: OffsetDateTime) -> Result<SweepReport, StoreError> {
        let today = now.date();
        let remind_until = today + Duration::days(i64::from(self.config.cooperation.reminder_days));
        let actor = Actor::system(now);
        let mut report = SweepReport::default();
        let mut tx = self.store.begin().await?;
        for (kind, raised) in
            [(AlertKind::Escalation, &mut report.escalations), (AlertKind::Reminder, &mut report.reminders)]
        {
            for request in alerts::due(&mut tx, kind, today, remind_until).await? {
                if alerts::raise(&mut tx, &actor, request.id, kind).await?.is_some() {
                    raised.push(request.reference);
                }
            }
        }
        tx.commit().await?;
        Ok(report)
    }
}
