//! User management: an administrator lists, creates, disables and re-enables users and resets their passwords;
//! every signed-in person changes their own password given the current one. Disabling a user ends their sessions
//! and API tokens in the same transaction, so that nothing they hold works a moment longer. Every change is
//! audited by the store.

use origo_store::users::User;
use origo_store::{StoreError, api_tokens, exporters, sessions, users};
use uuid::Uuid;

use crate::access::Caller;
use crate::auth::{AuthError, LoginSession, NewUser, hash_password, password_matches};
use crate::policy::{Action, Denied, Resource};
use crate::roles::Role;
use crate::service::Service;

/// The shortest password accepted (characters).
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The longest password accepted: hashing is slow on purpose, so a huge one would be a cheap way to load the server.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// A user an administrator creates.
#[derive(Debug, Clone)]
pub struct UserDraft {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
    /// Required for a foreign authority (ISO alpha-2); refused for every other role.
    pub country: Option<String>,
    /// For an exporter user, when its company is already registered; refused for every other role.
    pub exporter_id: Option<Uuid>,
}

/// Why a user-management request failed.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error(transparent)]
    Denied(#[from] Denied),
    /// A field is wrong; `field` is its name in the request.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("the username is taken")]
    UsernameTaken,
    /// An administrator disabling their own account would lock themselves out.
    #[error("an administrator cannot disable their own account")]
    SelfDisable,
    /// The current password given for a change is wrong.
    #[error("current_password: the current password is wrong")]
    WrongPassword,
    #[error("user not found")]
    NotFound,
    #[error("password hashing failed")]
    Hashing,
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for UserError {
    fn from(error: StoreError) -> UserError {
        match error {
            StoreError::NotFound { .. } => UserError::NotFound,
            e => UserError::Store(e),
        }
    }
}

impl From<AuthError> for UserError {
    fn from(error: AuthError) -> UserError {
        match error {
            AuthError::Denied(denied) => UserError::Denied(denied),
            AuthError::UsernameTaken => UserError::UsernameTaken,
            AuthError::Store(store) => store.into(),
            AuthError::InvalidUser(message) => UserError::Invalid { field: "user".into(), message },
            AuthError::InvalidCredentials | AuthError::Unauthenticated | AuthError::LockedOut { .. } => {
                UserError::WrongPassword
            }
            AuthError::Hashing => UserError::Hashing,
        }
    }
}

fn invalid(field: &str, message: impl Into<String>) -> UserError {
    UserError::Invalid { field: field.to_owned(), message: message.into() }
}

/// A password long enough, and not so long that hashing it is a burden.
pub fn check_password(password: &str, field: &str) -> Result<(), UserError> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        return Err(invalid(field, format!("must have at least {MIN_PASSWORD_CHARS} characters")));
    }
    if length > MAX_PASSWORD_CHARS {
        return Err(invalid(field, format!("must have at most {MAX_PASSWORD_CHARS} characters")));
    }
    Ok(())
}

/// Checks a draft whole, field by field, before anything is written (also the public sign-up's check).
pub(crate) fn validate(draft: &UserDraft) -> Result<(), UserError> {
    let username = &draft.username;
    // Bytes, as the store's create checks: 64 ASCII characters, fewer of other scripts.
    if username.is_empty() || username.len() > 64 {
        return Err(invalid("username", "must have 1 to 64 bytes in UTF-8"));
    }
    // People type it at sign-in: no spaces or control characters to get wrong.
    if username.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid("username", "must not contain spaces or control characters"));
    }
    if draft.display_name.trim().is_empty() || draft.display_name.chars().count() > 200 {
        return Err(invalid("display_name", "must have 1 to 200 characters"));
    }
    check_password(&draft.password, "password")?;
    match (&draft.country, draft.role) {
        (None, Role::ForeignAuthority) => return Err(invalid("country", "a foreign authority needs its country")),
        (Some(country), Role::ForeignAuthority) if !origo_rules::countries::is_iso_alpha2(country) => {
            return Err(invalid("country", "not an ISO alpha-2 country"));
        }
        (Some(_), role) if role != Role::ForeignAuthority => {
            return Err(invalid("country", "only a foreign authority user has a country"));
        }
        _ => {}
    }
    if draft.exporter_id.is_some() && draft.role != Role::Exporter {
        return Err(invalid("exporter_id", "only an exporter user acts for an exporter"));
    }
    Ok(())
}

impl Service {
    /// Users in creation order, `limit` after `after` (admin only).
    pub async fn users(&self, caller: &Caller, after: Option<Uuid>, limit: u32) -> Result<Vec<User>, UserError> {
        caller.may(Action::ManageUsers, &Resource::default())?;
        let mut conn = self.store.conn().await?;
        Ok(users::list(&mut conn, after, limit).await?)
    }

    /// One user (admin only).
    pub async fn user(&self, caller: &Caller, id: Uuid) -> Result<User, UserError> {
        caller.may(Action::ManageUsers, &Resource::default())?;
        let mut conn = self.store.conn().await?;
        Ok(users::get(&mut conn, id).await?)
    }

    /// The caller's own account (name and role for the pages' header). Every signed-in person may read their own
    /// record, so no policy action guards it; the password hash stays in the returned row and is never shown.
    pub async fn own_account(&self, caller: &Caller) -> Result<User, UserError> {
        let mut conn = self.store.conn().await?;
        Ok(users::get(&mut conn, caller.user_id).await?)
    }

    /// An administrator creates a user, every field checked and named when wrong.
    pub async fn add_user(&self, caller: &Caller, draft: UserDraft) -> Result<User, UserError> {
        caller.may(Action::ManageUsers, &Resource::default())?;
        validate(&draft)?;
        if let Some(exporter_id) = draft.exporter_id {
            let mut conn = self.store.conn().await?;
            match exporters::get(&mut conn, exporter_id).await {
                Ok(_) => {}
                Err(StoreError::NotFound { .. }) => return Err(invalid("exporter_id", "no such exporter")),
                Err(e) => return Err(e.into()),
            }
        }
        let new = NewUser {
            username: draft.username,
            display_name: draft.display_name.trim().to_owned(),
            role: draft.role,
            password: draft.password,
            exporter_id: draft.exporter_id,
            country: draft.country,
        };
        Ok(self.create_user_as(&caller.audit_actor(self.clock.now()), new).await?)
    }

    /// An administrator disables (or re-enables) a user. Disabling ends the user's sessions and revokes their API
    /// tokens in the same transaction; re-enabling does not bring them back.
    pub async fn set_user_disabled(&self, caller: &Caller, id: Uuid, disabled: bool) -> Result<User, UserError> {
        caller.may(Action::ManageUsers, &Resource::default())?;
        if disabled && id == caller.user_id {
            return Err(UserError::SelfDisable);
        }
        let now = self.clock.now();
        let actor = caller.audit_actor(now);
        let mut tx = self.store.begin().await?;
        let current = users::get(&mut tx, id).await?;
        let user = if current.disabled == disabled {
            current
        } else {
            users::set_disabled(&mut tx, &actor, id, disabled).await?
        };
        if disabled {
            sessions::revoke_all_for_user(&mut tx, id, now).await?;
            api_tokens::revoke_all_for_user(&mut tx, &actor, id).await?;
        }
        tx.commit().await?;
        Ok(user)
    }

    /// An administrator sets a new password for a user; the user's sessions end (whoever held them must sign in
    /// with the new password).
    pub async fn reset_password(&self, caller: &Caller, id: Uuid, password: String) -> Result<User, UserError> {
        caller.may(Action::ManageUsers, &Resource::default())?;
        check_password(&password, "password")?;
        let hash = hash_password(password).await?;
        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
        let user = users::set_password_hash(&mut tx, &caller.audit_actor(now), id, &hash).await?;
        sessions::revoke_all_for_user(&mut tx, id, now).await?;
        tx.commit().await?;
        Ok(user)
    }

    /// A signed-in person changes their own password, given the current one. Every session of theirs ends,
    /// this one included, and a new session is started for the caller, so that a stolen session dies with the old
    /// password. Only a session may do this, not an API token.
    pub async fn change_own_password(
        &self,
        caller: &Caller,
        current: &str,
        new: String,
    ) -> Result<LoginSession, UserError> {
        if caller.scopes.is_some() {
            return Err(Denied::Role { role: caller.role() }.into());
        }
        check_password(&new, "new_password")?;
        if new == current {
            return Err(invalid("new_password", "must differ from the current password"));
        }
        let mut conn = self.store.conn().await?;
        let user = users::get(&mut conn, caller.user_id).await?;
        drop(conn);
        if !password_matches(current.to_owned(), user.password_hash.clone()).await {
            return Err(UserError::WrongPassword);
        }
        let hash = hash_password(new).await?;
        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
        let before = users::get(&mut tx, caller.user_id).await?;
        // Changed by someone else (an administrator's reset) while the current password was being checked.
        if before.password_hash != user.password_hash {
            return Err(UserError::WrongPassword);
        }
        users::set_password_hash(&mut tx, &caller.audit_actor(now), caller.user_id, &hash).await?;
        sessions::revoke_all_for_user(&mut tx, caller.user_id, now).await?;
        let session = self.start_session(&mut tx, &before, now).await?;
        tx.commit().await?;
        Ok(session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(role: Role) -> UserDraft {
        UserDraft {
            username: "officer.k".into(),
            display_name: "K. Officer".into(),
            role,
            password: "long enough".into(),
            country: None,
            exporter_id: None,
        }
    }

    fn field_of(result: Result<(), UserError>) -> String {
        match result {
            Err(UserError::Invalid { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn each_bad_field_is_named() {
        assert!(validate(&draft(Role::Certifier)).is_ok());
        let short = UserDraft { password: "short".into(), ..draft(Role::Certifier) };
        assert_eq!(field_of(validate(&short)), "password");
        let spaced = UserDraft { username: "a b".into(), ..draft(Role::Certifier) };
        assert_eq!(field_of(validate(&spaced)), "username");
        let nameless = UserDraft { display_name: " ".into(), ..draft(Role::Certifier) };
        assert_eq!(field_of(validate(&nameless)), "display_name");
        assert_eq!(field_of(validate(&draft(Role::ForeignAuthority))), "country");
        let lower = UserDraft { country: Some("de".into()), ..draft(Role::ForeignAuthority) };
        assert_eq!(field_of(validate(&lower)), "country");
        let unknown = UserDraft { country: Some("QQ".into()), ..draft(Role::ForeignAuthority) };
        assert_eq!(field_of(validate(&unknown)), "country");
        assert!(validate(&UserDraft { country: Some("DE".into()), ..draft(Role::ForeignAuthority) }).is_ok());
        let customs_country = UserDraft { country: Some("DE".into()), ..draft(Role::Customs) };
        assert_eq!(field_of(validate(&customs_country)), "country");
        let officer_exporter = UserDraft { exporter_id: Some(Uuid::nil()), ..draft(Role::Certifier) };
        assert_eq!(field_of(validate(&officer_exporter)), "exporter_id");
    }

    #[test]
    fn passwords_have_a_floor_and_a_ceiling() {
        assert!(check_password(&"x".repeat(MIN_PASSWORD_CHARS), "password").is_ok());
        assert!(check_password(&"x".repeat(MIN_PASSWORD_CHARS - 1), "password").is_err());
        assert!(check_password(&"x".repeat(MAX_PASSWORD_CHARS + 1), "password").is_err());
        // Characters, not bytes.
        assert!(check_password("ééééééé", "password").is_err());
    }
}
