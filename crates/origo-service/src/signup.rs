//! The public sign-up of an exporter: anyone may create an exporter account for themselves, without a company
//! (the company comes with its application for registration). The account is created and signed in in one
//! audited transaction, so the new exporter goes straight on to the registration form.

use origo_store::users;

use crate::auth::{LoginSession, hash_password};
use crate::roles::Role;
use crate::service::Service;
use crate::users::{UserDraft, UserError, validate};

/// What a visitor gives to sign up.
#[derive(Debug, Clone)]
pub struct SignUp {
    pub username: String,
    pub display_name: String,
    pub password: String,
}

impl Service {
    /// Creates an exporter user with no company and starts its session. Every field is checked as an
    /// administrator's new user is (`username`, `display_name`, `password` named when wrong); a taken username is
    /// [`UserError::UsernameTaken`] and nothing is written.
    pub async fn sign_up(&self, request: SignUp) -> Result<LoginSession, UserError> {
        let draft = UserDraft {
            username: request.username,
            display_name: request.display_name.trim().to_owned(),
            role: Role::Exporter,
            password: request.password,
            country: None,
            exporter_id: None,
        };
        validate(&draft)?;
        let password_hash = hash_password(draft.password).await?;
        let row = users::NewUser {
            username: draft.username,
            display_name: draft.display_name,
            role: Role::Exporter,
            password_hash,
            exporter_id: None,
            country: None,
        };
        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
        // No user exists yet to act: the system creates the account on the visitor's behalf (the audit record
        // carries the new user's row).
        let user = match users::create(&mut tx, &origo_store::Actor::system(now), &row).await {
            Err(e) if e.is_unique("users_username_key") => return Err(UserError::UsernameTaken),
            other => other?,
        };
        let session = self.start_session(&mut tx, &user, now).await?;
        tx.commit().await?;
        Ok(session)
    }
}
