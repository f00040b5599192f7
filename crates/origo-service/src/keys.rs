//! Signing keys: generated on first start, rotated on demand with validity periods, published as a key set with
//! the audit head hash. Old keys stay in the set, so certificates signed with them keep verifying.
//!
//! The private key is kept as PKCS#8 PEM in the database. With a key-encryption key in the configuration
//! ([`kek`]) it is sealed ([`sealing`], `private_key_encrypted = 1`): new keys are stored sealed, and at start-up
//! the plain ones are sealed in place and every sealed one must open, or the service does not start. Without a
//! KEK keys are stored in plain, and a sealed key in the database stops the start.

pub mod kek;
pub mod sealing;

use origo_documents::signing::{KeyId, KeySet, Signer};
use origo_store::{StoreError, audit, signing_keys};

pub use kek::{KekError, KeyEncryptionKey};
pub use sealing::OpenError;

use crate::access::Caller;
use crate::clock::doc_date;
use crate::policy::{Action, Denied, Resource};
use crate::service::Service;

/// Why a key operation failed.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The issuing body has no key valid today (cannot happen after start-up unless keys were retired by hand).
    #[error("the issuing body has no signing key valid today")]
    NoActiveKey,
    /// A stored key cannot be read.
    #[error("stored signing key `{0}` is unreadable")]
    Unreadable(String),
    /// A stored private key is not the one of the key's published public key (the row was edited).
    #[error("stored signing key `{0}` does not match its published public key")]
    Mismatch(String),
    /// A key is stored encrypted and the service has no key-encryption key.
    #[error("signing key `{0}` is stored encrypted: a key-encryption key is needed to use it")]
    KekRequired(String),
    /// A sealed key does not open with the configured key-encryption key.
    #[error("signing key `{key_id}` cannot be decrypted with the configured key-encryption key: {reason}")]
    Undecryptable { key_id: String, reason: OpenError },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Service {
    /// At start-up, before any key is used: with a KEK, every stored private key of the issuing body must open
    /// (else the start stops, naming the key) and the plain ones are sealed in place, in one audited transaction,
    /// so an existing database is upgraded; without one, a sealed key stops the start.
    pub(crate) async fn protect_signing_keys(&self) -> Result<(), KeyError> {
        let mut conn = self.store.conn().await?;
        let keys = signing_keys::list_for_issuer(&mut conn, &self.config.issuer_code).await?;
        drop(conn);
        let Some(kek) = &self.config.key_encryption_key else {
            return match keys.iter().find(|key| key.private_key_encrypted) {
                Some(key) => Err(KeyError::KekRequired(key.key_id.clone())),
                None => Ok(()),
            };
        };
        let mut plain = Vec::new();
        for key in keys.iter().filter(|key| key.private_key_pem.is_some()) {
            self.signer_of(key)?;
            if !key.private_key_encrypted {
                plain.push(key.key_id.as_str());
            }
        }
        if plain.is_empty() {
            return Ok(());
        }
        let actor = origo_store::Actor::system(self.clock.now());
        let mut tx = self.store.begin().await?;
        for key_id in plain {
            // Read again inside the transaction: another server may have sealed it meanwhile.
            let key = signing_keys::get(&mut tx, key_id).await?;
            let (false, Some(pem)) = (key.private_key_encrypted, key.private_key_pem.as_deref()) else { continue };
            let sealed = sealing::seal(kek, &key.issuer_code, &key.key_id, pem.as_bytes(), &mut rand::rng());
            signing_keys::seal_private_key(&mut tx, &actor, key_id, &sealed).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Makes sure the issuing body has a key valid today (first start).
    pub(crate) async fn ensure_signing_key(&self) -> Result<(), KeyError> {
        let mut conn = self.store.conn().await?;
        if signing_keys::active(&mut conn, &self.config.issuer_code, self.clock.today()).await?.is_some() {
            return Ok(());
        }
        drop(conn);
        let mut tx = self.store.begin().await?;
        // Checked again inside the write transaction: another server may have made one meanwhile.
        if signing_keys::active(&mut tx, &self.config.issuer_code, self.clock.today()).await?.is_none() {
            let actor = origo_store::Actor::system(self.clock.now());
            self.add_key(&mut tx, &actor).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn add_key(
        &self,
        tx: &mut origo_store::Tx,
        actor: &origo_store::Actor,
    ) -> Result<signing_keys::SigningKey, KeyError> {
        let today = self.clock.today();
        // A time-ordered id: the store picks the greatest id among keys valid today, so a key made by a rotation
        // wins over the one it replaces even on the same day.
        let text = format!("{}-{}", self.config.issuer_code.to_ascii_lowercase(), uuid::Uuid::now_v7().simple());
        let key_id: KeyId = text.parse().map_err(|_| KeyError::Unreadable(text.clone()))?;
        let signer = Signer::generate(key_id, &mut rand::rng());
        let pem = signer.to_pkcs8_pem().map_err(|_| KeyError::Unreadable(text.clone()))?;
        let issuer_code = &self.config.issuer_code;
        let (stored, encrypted) = match &self.config.key_encryption_key {
            Some(kek) => (sealing::seal(kek, issuer_code, &text, pem.as_bytes(), &mut rand::rng()), true),
            None => (pem.to_string(), false),
        };
        let new = signing_keys::NewSigningKey {
            key_id: text,
            issuer_code: issuer_code.clone(),
            public_key: signer.public_key(),
            private_key_pem: Some(stored),
            private_key_encrypted: encrypted,
            not_before: today,
            not_after: None,
        };
        Ok(signing_keys::add(tx, actor, &new).await?)
    }

    /// Rotates the issuing body's key: a new key valid from today, and the old ones end today (a certificate
    /// signed today with either still verifies).
    pub async fn rotate_keys(&self, caller: &Caller) -> Result<signing_keys::SigningKey, KeyError> {
        caller.may(Action::RotateKeys, &Resource::default())?;
        self.rotate_keys_as(&caller.audit_actor(self.clock.now())).await
    }

    /// Rotation by the system itself (`origo keys rotate` on the server's machine).
    pub async fn rotate_keys_as(&self, actor: &origo_store::Actor) -> Result<signing_keys::SigningKey, KeyError> {
        let today = self.clock.today();
        let mut tx = self.store.begin().await?;
        for key in signing_keys::list_for_issuer(&mut tx, &self.config.issuer_code).await? {
            if key.not_after.is_none() {
                signing_keys::retire(&mut tx, actor, &key.key_id, today).await?;
            }
        }
        let key = self.add_key(&mut tx, actor).await?;
        tx.commit().await?;
        Ok(key)
    }

    /// The signer for today: the newest key valid today.
    pub(crate) async fn current_signer(&self, db: &mut impl origo_store::Db) -> Result<Signer, KeyError> {
        let key = signing_keys::active(db, &self.config.issuer_code, self.clock.today())
            .await?
            .ok_or(KeyError::NoActiveKey)?;
        self.signer_of(&key)
    }

    /// The signer of a stored key: opened with the KEK when sealed, and checked against the published public key.
    pub(crate) fn signer_of(&self, key: &signing_keys::SigningKey) -> Result<Signer, KeyError> {
        let unreadable = || KeyError::Unreadable(key.key_id.clone());
        let key_id: KeyId = key.key_id.parse().map_err(|_| unreadable())?;
        let stored = key.private_key_pem.as_deref().ok_or_else(unreadable)?;
        let signer = if key.private_key_encrypted {
            let kek =
                self.config.key_encryption_key.as_ref().ok_or_else(|| KeyError::KekRequired(key.key_id.clone()))?;
            let pem = sealing::open(kek, &key.issuer_code, &key.key_id, stored)
                .map_err(|reason| KeyError::Undecryptable { key_id: key.key_id.clone(), reason })?;
            let pem = std::str::from_utf8(&pem).map_err(|_| unreadable())?;
            Signer::from_pkcs8_pem(key_id, pem)
        } else {
            Signer::from_pkcs8_pem(key_id, stored)
        }
        .map_err(|_| unreadable())?;
        if signer.public_key() != key.public_key {
            return Err(KeyError::Mismatch(key.key_id.clone()));
        }
        Ok(signer)
    }

    /// The published key set: every key with its validity period, and the audit trail's head hash.
    pub async fn key_set(&self) -> Result<KeySet, KeyError> {
        let mut snapshot = self.store.snapshot().await?;
        let keys = signing_keys::list_for_issuer(&mut snapshot, &self.config.issuer_code).await?;
        let head = audit::head(&mut snapshot).await?;
        snapshot.finish().await?;
        let mut published = Vec::new();
        for key in keys {
            let key_id: KeyId = key.key_id.parse().map_err(|_| KeyError::Unreadable(key.key_id.clone()))?;
            published.push(origo_documents::signing::PublishedKey {
                key_id,
                algorithm: origo_documents::signing::Algorithm::Ed25519,
                public_key: key.public_key,
                not_before: doc_date(key.not_before),
                not_after: key.not_after.map(doc_date),
            });
        }
        let mut set =
            KeySet::new(self.config.issuer_code.clone(), published).map_err(|e| KeyError::Unreadable(e.to_string()))?;
        set.audit_head = Some(head.hash);
        Ok(set)
    }
}
