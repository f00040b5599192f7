//! Throttling password sign-ins against guessing: failures are counted per username and per client address in
//! the database (`origo_store::login_throttle`), so several servers on one database count together. Too many in a
//! window lock that username, or that address, out for a while: every sign-in is then refused before the password
//! is looked at, with the time it ends. A lockout is audited (`login.locked`); a successful sign-in forgets the
//! username's failures (not the address's: one account of one's own must not reset the count of guesses at
//! others').
//!
//! The address limit is higher than the username's: many people may sign in from behind one address (an office,
//! a proxy). A sign-in without a known address (the command line, tests without connection info) is counted per
//! username only: one shared "unknown" address would let anyone lock everyone out.

use std::net::IpAddr;

use origo_store::login_throttle;
use time::{Duration, OffsetDateTime};

use crate::auth::{AuthError, LoginSession};
use crate::service::Service;

/// Failed sign-ins of one username within [`WINDOW`] that lock it.
pub const USER_LIMIT: i64 = 5;
/// Failed sign-ins from one client address within [`WINDOW`] that lock it.
pub const ADDRESS_LIMIT: i64 = 20;
/// The window failures are counted in.
pub const WINDOW: Duration = Duration::minutes(15);
/// How long a lockout lasts.
pub const LOCKOUT: Duration = Duration::minutes(15);

/// The subject a username's failures are counted under: case and surrounding blanks do not make another one.
fn user_subject(username: &str) -> String {
    format!("user:{}", username.trim().to_lowercase())
}

fn address_subject(address: IpAddr) -> String {
    format!("address:{address}")
}

fn subjects(username: &str, address: Option<IpAddr>) -> Vec<String> {
    let mut subjects = vec![user_subject(username)];
    subjects.extend(address.map(address_subject));
    subjects
}

fn locked_out(until: OffsetDateTime, now: OffsetDateTime) -> AuthError {
    let wait_seconds = u64::try_from((until - now).whole_seconds()).unwrap_or(0).max(1);
    AuthError::LockedOut { until, wait_seconds }
}

impl Service {
    /// Signs in from `address` (when known): refused with [`AuthError::LockedOut`] while the username or the
    /// address is locked out, else as [`Service::login`]; a wrong password is counted, and the failure that
    /// reaches a limit locks (and is answered `LockedOut` already).
    pub async fn login_from(
        &self,
        username: &str,
        password: &str,
        address: Option<IpAddr>,
    ) -> Result<LoginSession, AuthError> {
        let now = self.clock.now();
        let subjects = subjects(username, address);
        let mut conn = self.store.conn().await?;
        let locked = login_throttle::locked_until(&mut conn, &subjects, now).await?;
        drop(conn);
        if let Some(until) = locked {
            return Err(locked_out(until, now));
        }
        match self.user_with_password(username, password).await {
            Ok(user) => {
                let mut tx = self.store.begin().await?;
                login_throttle::clear(&mut tx, &subjects[0]).await?;
                let session = self.start_session(&mut tx, &user, now).await?;
                tx.commit().await?;
                Ok(session)
            }
            Err(AuthError::InvalidCredentials) => match self.count_failure(&subjects, now).await? {
                Some(until) => Err(locked_out(until, now)),
                None => Err(AuthError::InvalidCredentials),
            },
            Err(other) => Err(other),
        }
    }

    /// Records a failure for each subject and locks those that reached their limit; returns the end of the
    /// lockout this failure caused, if any.
    async fn count_failure(
        &self,
        subjects: &[String],
        now: OffsetDateTime,
    ) -> Result<Option<OffsetDateTime>, AuthError> {
        let until = now + LOCKOUT;
        let actor = origo_store::Actor::system(now);
        let mut locked = None;
        let mut tx = self.store.begin().await?;
        login_throttle::prune(&mut tx, now - WINDOW).await?;
        for subject in subjects {
            let limit = if subject.starts_with("user:") { USER_LIMIT } else { ADDRESS_LIMIT };
            let failures = login_throttle::record_failure(&mut tx, subject, now, now - WINDOW).await?;
            if failures >= limit {
                let reason = format!(
                    "{failures} failed sign-ins within {} minutes; sign-in refused for {} minutes",
                    WINDOW.whole_minutes(),
                    LOCKOUT.whole_minutes()
                );
                login_throttle::lock(&mut tx, &actor, subject, until, &reason).await?;
                locked = Some(until);
            }
        }
        tx.commit().await?;
        Ok(locked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_username_is_one_subject_whatever_its_case() {
        assert_eq!(user_subject(" Certifier "), user_subject("certifier"));
        let address: IpAddr = "203.0.113.7".parse().unwrap();
        assert_eq!(subjects("a", Some(address)), ["user:a", "address:203.0.113.7"]);
        assert_eq!(subjects("a", None), ["user:a"]);
    }
}
