//! Failed password sign-ins and the lockouts they cause, kept in the database so that every server on one
//! database counts the same failures. A subject is what is counted: `user:<username>` or `address:<client IP>`
//! (the service decides the limits). Failures are bookkeeping, like sessions, and are not audited; a lockout is
//! (`login.locked`), since it changes who may sign in.

use serde::Serialize;
use time::OffsetDateTime;

use crate::actor::Actor;
use crate::audit::AuditEvent;
use crate::codec::{RowExt, new_id, ts};
use crate::error::StoreError;
use crate::tx::{Db, Sealed, Tx};

/// A subject locked out of signing in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Lockout {
    /// `user:<username>` or `address:<client IP>`.
    pub subject: String,
    /// Sign-ins are refused until then.
    #[serde(with = "time::serde::rfc3339")]
    pub locked_until: OffsetDateTime,
}

/// The latest end of a lockout in force at `now` among `subjects`, or `None` when none is locked.
pub async fn locked_until(
    db: &mut impl Db,
    subjects: &[String],
    now: OffsetDateTime,
) -> Result<Option<OffsetDateTime>, StoreError> {
    let mut latest: Option<OffsetDateTime> = None;
    for subject in subjects {
        let row = sqlx::query("SELECT locked_until FROM login_lockouts WHERE subject = $1 AND locked_until > $2")
            .bind(subject)
            .bind(ts(now))
            .fetch_optional(db.conn())
            .await?;
        if let Some(row) = row {
            let until = row.ts("locked_until")?;
            latest = Some(latest.map_or(until, |l| l.max(until)));
        }
    }
    Ok(latest)
}

/// Records a failed sign-in of `subject` at `now`; returns the subject's failures since `since` (this one
/// included).
pub async fn record_failure(
    tx: &mut Tx,
    subject: &str,
    now: OffsetDateTime,
    since: OffsetDateTime,
) -> Result<i64, StoreError> {
    sqlx::query("INSERT INTO login_failures (id, subject, at) VALUES ($1, $2, $3)")
        .bind(new_id().to_string())
        .bind(subject)
        .bind(ts(now))
        .execute(tx.conn())
        .await?;
    let row = sqlx::query("SELECT COUNT(*) AS failures FROM login_failures WHERE subject = $1 AND at > $2")
        .bind(subject)
        .bind(ts(since))
        .fetch_one(tx.conn())
        .await?;
    row.int("failures")
}

/// Locks `subject` out until `until` (its counted failures are spent on it), audited as `login.locked` with
/// `reason`.
pub async fn lock(
    tx: &mut Tx,
    actor: &Actor,
    subject: &str,
    until: OffsetDateTime,
    reason: &str,
) -> Result<Lockout, StoreError> {
    sqlx::query(
        "INSERT INTO login_lockouts (subject, locked_until) VALUES ($1, $2) \
         ON CONFLICT (subject) DO UPDATE SET locked_until = excluded.locked_until",
    )
    .bind(subject)
    .bind(ts(until))
    .execute(tx.conn())
    .await?;
    sqlx::query("DELETE FROM login_failures WHERE subject = $1").bind(subject).execute(tx.conn()).await?;
    let lockout = Lockout { subject: subject.to_owned(), locked_until: until };
    tx.audit(actor, AuditEvent::new("login.locked", "login", subject).after(&lockout).reason(Some(reason)));
    Ok(lockout)
}

/// Forgets the failures of `subject` (a successful sign-in).
pub async fn clear(tx: &mut Tx, subject: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM login_failures WHERE subject = $1").bind(subject).execute(tx.conn()).await?;
    Ok(())
}

/// Drops failures recorded before `before` and lockouts that ended before it: they no longer count.
pub async fn prune(tx: &mut Tx, before: OffsetDateTime) -> Result<(), StoreError> {
    let before = ts(before);
    sqlx::query("DELETE FROM login_failures WHERE at < $1").bind(&before).execute(tx.conn()).await?;
    sqlx::query("DELETE FROM login_lockouts WHERE locked_until < $1").bind(&before).execute(tx.conn()).await?;
    Ok(())
}

/// The lockouts in force at `now`, the latest ending first (for the administrators' view and tests).
pub async fn lockouts(db: &mut impl Db, now: OffsetDateTime) -> Result<Vec<Lockout>, StoreError> {
    let rows = sqlx::query(
        "SELECT subject, locked_until FROM login_lockouts WHERE locked_until > $1 ORDER BY locked_until DESC, subject",
    )
    .bind(ts(now))
    .fetch_all(db.conn())
    .await?;
    rows.iter()
        .map(|row| Ok(Lockout { subject: row.text("subject")?, locked_until: row.ts("locked_until")? }))
        .collect()
}
