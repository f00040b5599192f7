//! The background job of `origo serve`: every hour, the administrative-cooperation deadline sweep raises the
//! reminders and escalations that are due (`Service::sweep_cooperation_deadlines`). Several servers on one
//! database may all run it: each alert is raised once, in SQL. A failed sweep is logged and tried again at the
//! next tick; it never stops the server.

use std::time::Duration;

use origo_service::Service;
use tokio::task::JoinHandle;

/// How often the sweep runs.
pub const EVERY: Duration = Duration::from_secs(60 * 60);

/// The running sweep; dropping it stops it.
pub struct Sweep(JoinHandle<()>);

impl Drop for Sweep {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Starts the sweep: once now, then every `every`.
pub fn start(service: Service, every: Duration) -> Sweep {
    Sweep(tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        // After a pause (a suspended machine), one sweep catches up: raising is idempotent.
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            ticks.tick().await;
            match service.sweep_cooperation_deadlines(service.clock().now()).await {
                Ok(report) if report.reminders.is_empty() && report.escalations.is_empty() => {}
                Ok(report) => tracing::info!(
                    reminders = ?report.reminders,
                    escalations = ?report.escalations,
                    "verification request deadlines: reminders and escalations raised"
                ),
                Err(error) => tracing::warn!(%error, "the verification deadline sweep failed; it runs again later"),
            }
        }
    }))
}
