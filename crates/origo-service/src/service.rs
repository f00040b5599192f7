//! [`Service`]: the store, the origin engine, the documents layer and the configuration, in one cheap-to-clone
//! handle. It holds no state of its own besides these and a cache of what never changes (certificates' public
//! views): several servers on one database work together.

use std::collections::BTreeMap;
use std::sync::Arc;

use origo_rules::engine::Engine;
use origo_rules::pack::RulePack;
use origo_store::{Store, StoreError, issuers};
use sha2::{Digest, Sha256};
use time::Duration;

use crate::clock::Clock;
use crate::public_views::{self, PublicViews};
use crate::rex::RexFormat;

/// Settings of the certifying body this service runs for.
#[derive(Debug, Clone)]
pub struct Config {
    /// The issuing body's code in the store (`UZCCI`).
    pub issuer_code: String,
    /// Its name, printed on certificates.
    pub issuer_name: String,
    /// Its country (ISO alpha-2): the first part of certificate numbers.
    pub country: String,
    /// Where certificates are certified (`Tashkent`).
    pub place: String,
    /// The national REX number format.
    pub rex_format: RexFormat,
    /// How long a login session lasts.
    pub session_ttl: Duration,
    /// The largest evidence file accepted.
    pub max_evidence_bytes: usize,
    /// The key-encryption key that seals the private signing keys in the database; `None` keeps them in plain.
    /// Its `Debug` shows only its id.
    pub key_encryption_key: Option<crate::keys::KeyEncryptionKey>,
    /// Where people reach the pages (`https://origo.example.uz`, no trailing slash): the certificate PDF's
    /// verification link is `{public_url}/verify?number=N&code=C`.
    pub public_url: String,
    /// Administrative cooperation: reply periods per scheme, reminders, when failed verifications propose a REX
    /// revocation.
    pub cooperation: crate::cooperation::CooperationConfig,
    /// Risk-based examination: the engine's weights, thresholds, random share and seed (docs/RISK.md).
    pub risk: crate::risk::RiskSettings,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            issuer_code: "UZCCI".to_owned(),
            issuer_name: "Chamber of Commerce and Industry of Uzbekistan".to_owned(),
            country: "UZ".to_owned(),
            place: "Tashkent".to_owned(),
            rex_format: RexFormat::default(),
            session_ttl: Duration::hours(12),
            max_evidence_bytes: 10 * 1024 * 1024,
            key_encryption_key: None,
            public_url: "http://127.0.0.1:8080".to_owned(),
            cooperation: crate::cooperation::CooperationConfig::default(),
            risk: crate::risk::RiskSettings::default(),
        }
    }
}

/// The service: every workflow is a method on it (in the workflow modules).
#[derive(Clone, Debug)]
pub struct Service {
    pub(crate) store: Store,
    pub(crate) engine: Arc<Engine>,
    /// `scheme:sha256-prefix` of each shipped pack, stored with every determination.
    pub(crate) pack_versions: Arc<BTreeMap<String, String>>,
    pub(crate) config: Arc<Config>,
    pub(crate) clock: Clock,
    /// Certificates' public views, which never change (`crate::public_views`); not state that servers must share.
    pub(crate) public_views: Arc<PublicViews>,
}

/// Why the service cannot start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("a shipped rule pack does not compile: {0}")]
    Packs(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Keys(#[from] crate::keys::KeyError),
}

impl Service {
    /// The service over `store`: compiles the shipped packs, makes sure the issuing body and a signing key exist,
    /// and that the stored private keys are protected as the configuration says (`keys::protect_signing_keys`).
    pub async fn start(store: Store, config: Config, clock: Clock) -> Result<Service, StartError> {
        let mut packs = Vec::new();
        let mut versions = BTreeMap::new();
        for text in origo_rules::bundled::ALL {
            let pack = RulePack::from_json(text).map_err(|e| StartError::Packs(e.to_string()))?;
            let digest = crate::hex(&Sha256::digest(text.as_bytes()));
            versions.insert(pack.scheme.clone(), format!("{}:{}", pack.scheme, &digest[..16]));
            packs.push(pack);
        }
        let service = Service {
            store,
            engine: Arc::new(Engine::new(packs)),
            pack_versions: Arc::new(versions),
            config: Arc::new(config),
            clock,
            public_views: Arc::new(PublicViews::new(public_views::DEFAULT_CAPACITY)),
        };
        service.ensure_issuer().await?;
        service.protect_signing_keys().await?;
        service.ensure_signing_key().await?;
        Ok(service)
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The clock.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The origin engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Creates the issuing body on first start. Another server doing the same at once is not an error.
    async fn ensure_issuer(&self) -> Result<(), StoreError> {
        let mut conn = self.store.conn().await?;
        if issuers::get(&mut conn, &self.config.issuer_code).await.is_ok() {
            return Ok(());
        }
        drop(conn);
        let mut tx = self.store.begin().await?;
        let new = issuers::NewIssuer {
            code: self.config.issuer_code.clone(),
            name: self.config.issuer_name.clone(),
            country: self.config.country.clone(),
        };
        let actor = origo_store::Actor::system(self.clock.now());
        match issuers::create(&mut tx, &actor, &new).await {
            Ok(_) => tx.commit().await,
            Err(e) if e.is_unique("issuers_pkey") => Ok(()),
            Err(e) => Err(e),
        }
    }
}
