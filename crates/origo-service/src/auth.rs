//! Authentication: users with argon2 password hashes, login sessions with expiry, and scoped API tokens. Only
//! SHA-256 hashes of session and API tokens are stored, so a copy of the database lets nobody in.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use origo_store::{StoreError, api_tokens, sessions, users};
use rand::Rng;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::access::{Caller, Scope};
use crate::policy::{Action, Denied, Resource};
use crate::roles::Role;
use crate::service::Service;

/// Prefix of API tokens, so that a leaked one is recognisable (secret scanners).
const TOKEN_PREFIX: &str = "origo_";

/// A user to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
    pub exporter_id: Option<Uuid>,
    pub country: Option<String>,
}

/// Why authentication or user management failed.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Unknown user, wrong password or disabled user: one answer for all three.
    #[error("wrong username or password")]
    InvalidCredentials,
    /// No valid session or token.
    #[error("not signed in, or the session has ended")]
    Unauthenticated,
    /// Too many failed sign-ins for this username or from this address (`crate::login_throttle`).
    #[error("too many failed sign-ins: try again after {until}")]
    LockedOut {
        /// When sign-ins are taken again.
        until: OffsetDateTime,
        /// Seconds from now until then.
        wait_seconds: u64,
    },
    #[error("invalid user: {0}")]
    InvalidUser(String),
    #[error("the username is taken")]
    UsernameTaken,
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("password hashing failed")]
    Hashing,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A new session: the token goes to the client once (as a cookie), its hash to the database.
#[derive(Debug, Clone)]
pub struct LoginSession {
    pub token: String,
    pub expires_at: OffsetDateTime,
    pub caller: Caller,
}

/// A new API token: shown once.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub token: String,
    pub record: api_tokens::ApiToken,
}

/// SHA-256 hex of a secret token.
pub fn token_hash(token: &str) -> String {
    crate::hex(&Sha256::digest(token.as_bytes()))
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    crate::hex(&bytes)
}

/// Hashes a password with argon2id (off the async threads: it is slow on purpose).
pub async fn hash_password(password: String) -> Result<String, AuthError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default().hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(|_| AuthError::Hashing)
    })
    .await
    .map_err(|_| AuthError::Hashing)?
}

pub(crate) async fn password_matches(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || Argon2::default().verify_password(password.as_bytes(), hash.as_str()).is_ok())
        .await
        .unwrap_or(false)
}

/// A hash of no one's password, checked when the user does not exist, so that timing does not tell.
fn dummy_hash() -> String {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY
        .get_or_init(|| {
            Argon2::default()
                .hash_password_with_salt(b"no one's password", b"origo-dummy-salt")
                .map(|h| h.to_string())
                .unwrap_or_default()
        })
        .clone()
}

fn caller_of(user: &users::User, scopes: Option<Vec<Scope>>) -> Caller {
    let mut caller = Caller::session(user.id, user.role, user.exporter_id, user.country.clone());
    caller.scopes = scopes;
    caller
}

impl Service {
    /// Creates a user (admin only).
    pub async fn create_user(&self, caller: &Caller, new: NewUser) -> Result<users::User, AuthError> {
        caller.may(Action::ManageUsers, &Resource::default())?;
        self.create_user_as(&caller.audit_actor(self.clock.now()), new).await
    }

    /// Creates a user as `actor` (the system for the first admin and demo data).
    pub async fn create_user_as(&self, actor: &origo_store::Actor, new: NewUser) -> Result<users::User, AuthError> {
        if new.username.trim().is_empty() || new.username.len() > 64 {
            return Err(AuthError::InvalidUser("username must have 1 to 64 characters".into()));
        }
        if new.password.chars().count() < 8 {
            return Err(AuthError::InvalidUser("password must have at least 8 characters".into()));
        }
        if new.role == Role::ForeignAuthority && new.country.is_none() {
            return Err(AuthError::InvalidUser("a foreign authority needs its country".into()));
        }
        if new.exporter_id.is_some() && new.role != Role::Exporter {
            return Err(AuthError::InvalidUser("only an exporter user acts for an exporter".into()));
        }
        let password_hash = hash_password(new.password).await?;
        let row = users::NewUser {
            username: new.username,
            display_name: new.display_name,
            role: new.role,
            password_hash,
            exporter_id: new.exporter_id,
            country: new.country,
        };
        let mut tx = self.store.begin().await?;
        let user = match users::create(&mut tx, actor, &row).await {
            Err(e) if e.is_unique("users_username_key") => return Err(AuthError::UsernameTaken),
            other => other?,
        };
        tx.commit().await?;
        Ok(user)
    }

    /// Checks a password and starts a session, throttled per username (no client address: the command line and
    /// tests; the web passes the address to [`Service::login_from`]).
    pub async fn login(&self, username: &str, password: &str) -> Result<LoginSession, AuthError> {
        self.login_from(username, password, None).await
    }

    /// The enabled user whose password this is; one answer for an unknown user, a wrong password and a disabled
    /// user, after the same work (a dummy hash is checked for an unknown user, so timing does not tell).
    pub(crate) async fn user_with_password(&self, username: &str, password: &str) -> Result<users::User, AuthError> {
        let mut conn = self.store.conn().await?;
        let user = users::find_by_username(&mut conn, username).await?;
        drop(conn);
        let hash = match &user {
            Some(u) => u.password_hash.clone(),
            None => tokio::task::spawn_blocking(dummy_hash).await.unwrap_or_default(),
        };
        let matches = password_matches(password.to_owned(), hash).await;
        match user {
            Some(user) if matches && !user.disabled => Ok(user),
            _ => Err(AuthError::InvalidCredentials),
        }
    }

    /// Starts a session for `user` inside `tx` (sign-in, and a password change that ends the others).
    pub(crate) async fn start_session(
        &self,
        tx: &mut origo_store::Tx,
        user: &users::User,
        now: OffsetDateTime,
    ) -> Result<LoginSession, StoreError> {
        let token = random_token();
        let expires_at = now + self.config.session_ttl;
        sessions::create(tx, user.id, &token_hash(&token), now, expires_at).await?;
        Ok(LoginSession { token, expires_at, caller: caller_of(user, None) })
    }

    /// The caller behind a session token.
    pub async fn authenticate_session(&self, token: &str) -> Result<Caller, AuthError> {
        let mut conn = self.store.conn().await?;
        let session = sessions::find_active(&mut conn, &token_hash(token), self.clock.now())
            .await?
            .ok_or(AuthError::Unauthenticated)?;
        let user = users::get(&mut conn, session.user_id).await?;
        if user.disabled {
            return Err(AuthError::Unauthenticated);
        }
        Ok(caller_of(&user, None))
    }

    /// Ends the session of `token` (nothing happens for an unknown one).
    pub async fn logout(&self, token: &str) -> Result<(), AuthError> {
        let now = self.clock.now();
        let mut conn = self.store.conn().await?;
        let Some(session) = sessions::find_active(&mut conn, &token_hash(token), now).await? else {
            return Ok(());
        };
        drop(conn);
        let mut tx = self.store.begin().await?;
        sessions::revoke(&mut tx, session.id, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Creates an API token for the caller itself, with `scopes`, shown once.
    pub async fn create_api_token(
        &self,
        caller: &Caller,
        name: &str,
        scopes: &[Scope],
        expires_at: Option<OffsetDateTime>,
    ) -> Result<IssuedToken, AuthError> {
        // A token never has more rights than the caller creating it.
        if caller.scopes.is_some() {
            return Err(Denied::Role { role: caller.role() }.into());
        }
        if scopes.is_empty() || name.trim().is_empty() {
            return Err(AuthError::InvalidUser("a token needs a name and at least one scope".into()));
        }
        let token = format!("{TOKEN_PREFIX}{}", random_token());
        let new = api_tokens::NewApiToken {
            user_id: caller.user_id,
            name: name.to_owned(),
            token_hash: token_hash(&token),
            scopes: scopes.iter().map(|s| s.as_str().to_owned()).collect(),
            expires_at,
        };
        let mut tx = self.store.begin().await?;
        let record = api_tokens::create(&mut tx, &caller.audit_actor(self.clock.now()), &new).await?;
        tx.commit().await?;
        Ok(IssuedToken { token, record })
    }

    /// The caller behind an API token.
    pub async fn authenticate_token(&self, token: &str) -> Result<Caller, AuthError> {
        if !token.starts_with(TOKEN_PREFIX) {
            return Err(AuthError::Unauthenticated);
        }
        let mut conn = self.store.conn().await?;
        let record = api_tokens::find_active(&mut conn, &token_hash(token), self.clock.now())
            .await?
            .ok_or(AuthError::Unauthenticated)?;
        let user = users::get(&mut conn, record.user_id).await?;
        if user.disabled {
            return Err(AuthError::Unauthenticated);
        }
        let scopes = record.scopes.iter().filter_map(|s| Scope::parse(s)).collect();
        Ok(caller_of(&user, Some(scopes)))
    }
}
