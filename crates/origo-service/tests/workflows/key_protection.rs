//! The private signing keys at rest: sealed under the key-encryption key (KEK) when one is configured, an existing
//! plain database sealed at start-up, and a start refused (naming the key) when the KEK is wrong or missing.

use origo_documents::verify::verify;
use origo_service::keys::{KeyEncryptionKey, KeyError, OpenError};
use origo_service::{Clock, Config, Service, StartError};
use origo_store::signing_keys::{self, SigningKey};
use origo_store::{Store, audit};

use crate::common::{T0, TestDb, conformance};
use crate::flows::issue_one;
use crate::world::{World, world_with};

fn with_kek(kek: &KeyEncryptionKey) -> Config {
    Config { key_encryption_key: Some(kek.clone()), ..Config::default() }
}

async fn start(store: &Store, config: Config) -> Result<Service, StartError> {
    Service::start(store.clone(), config, Clock::fixed(T0)).await
}

async fn stored_keys(store: &Store) -> Vec<SigningKey> {
    let mut conn = store.conn().await.unwrap();
    signing_keys::list_for_issuer(&mut conn, &Config::default().issuer_code).await.unwrap()
}

fn assert_sealed(key: &SigningKey) {
    let stored = key.private_key_pem.as_deref().expect("a private key");
    assert!(key.private_key_encrypted, "{} is flagged plain", key.key_id);
    assert!(stored.starts_with("origo-sealed-key/1:xchacha20poly1305:"), "{} is stored as {stored:.40}", key.key_id);
    assert!(!stored.contains("PRIVATE KEY"), "{} is stored as a PEM", key.key_id);
}

async fn issue_and_verify(w: &World) -> String {
    let issued = issue_one(w, false).await;
    let keys = w.service.key_set().await.unwrap();
    verify(&serde_json::to_vec(&issued.document).unwrap(), &keys, None).expect("the certificate verifies");
    issued.document["signature"]["key_id"].as_str().unwrap().to_owned()
}

async fn audit_head(store: &Store) -> i64 {
    audit::head(&mut store.conn().await.unwrap()).await.unwrap().seq
}

async fn with_a_kek_keys_are_stored_sealed_and_certificates_verify(db: TestDb) {
    let kek = KeyEncryptionKey::generate(&mut rand::rng());
    let w = world_with(db.store.clone(), with_kek(&kek)).await;
    let keys = stored_keys(&db.store).await;
    assert_eq!(keys.len(), 1);
    assert_sealed(&keys[0]);
    assert_eq!(issue_and_verify(&w).await, keys[0].key_id);

    let rotated = w.service.rotate_keys(&w.admin).await.unwrap();
    assert_sealed(&rotated);
    assert_eq!(issue_and_verify(&w).await, rotated.key_id);
    assert!(stored_keys(&db.store).await.iter().all(|key| key.private_key_encrypted));
}

async fn a_plain_database_is_sealed_at_start(db: TestDb) {
    let plain = start(&db.store, Config::default()).await.unwrap();
    drop(plain);
    let before = stored_keys(&db.store).await;
    assert!(before[0].private_key_pem.as_deref().unwrap().starts_with("-----BEGIN PRIVATE KEY-----"));
    assert!(!before[0].private_key_encrypted);

    let kek = KeyEncryptionKey::generate(&mut rand::rng());
    let w = world_with(db.store.clone(), with_kek(&kek)).await;
    let after = stored_keys(&db.store).await;
    assert_eq!(after.len(), 1, "the key is sealed in place, not replaced");
    assert_eq!((&after[0].key_id, &after[0].public_key), (&before[0].key_id, &before[0].public_key));
    assert_sealed(&after[0]);
    let mut conn = db.store.conn().await.unwrap();
    let trail = audit::for_entity(&mut conn, "signing_key", &after[0].key_id).await.unwrap();
    drop(conn);
    assert_eq!(
        trail.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(),
        ["signing_key.added", "signing_key.sealed"]
    );
    assert_eq!(issue_and_verify(&w).await, before[0].key_id);

    // A second start finds nothing to seal and writes nothing.
    let head = audit_head(&db.store).await;
    start(&db.store, with_kek(&kek)).await.unwrap();
    assert_eq!(audit_head(&db.store).await, head);
    assert!(audit::verify(&db.store).await.unwrap().first_bad.is_none(), "the audit trail is intact");
}

async fn a_wrong_or_missing_kek_stops_the_start_naming_the_key(db: TestDb) {
    let kek = KeyEncryptionKey::generate(&mut rand::rng());
    let service = start(&db.store, with_kek(&kek)).await.unwrap();
    let first = stored_keys(&db.store).await.remove(0);
    let head = audit_head(&db.store).await;

    let other = KeyEncryptionKey::generate(&mut rand::rng());
    let error = start(&db.store, with_kek(&other)).await.unwrap_err();
    assert!(
        matches!(&error, StartError::Keys(KeyError::Undecryptable { key_id, reason: OpenError::OtherKek { .. } })
            if *key_id == first.key_id),
        "{error:?}"
    );
    assert!(error.to_string().contains(&first.key_id), "{error}");

    let error = start(&db.store, Config::default()).await.unwrap_err();
    assert!(matches!(&error, StartError::Keys(KeyError::KekRequired(id)) if *id == first.key_id), "{error:?}");
    assert!(error.to_string().contains("key-encryption key is needed"), "{error}");
    assert_eq!(audit_head(&db.store).await, head, "a refused start writes nothing");

    // A sealed key copied onto another key's row does not open: the ciphertext is bound to its key id.
    let actor = origo_store::Actor::system(T0);
    let second = service.rotate_keys_as(&actor).await.unwrap();
    db.tamper(&format!(
        "UPDATE signing_keys SET private_key_pem = '{}' WHERE key_id = '{}'",
        first.private_key_pem.as_deref().unwrap(),
        second.key_id
    ))
    .await;
    let error = start(&db.store, with_kek(&kek)).await.unwrap_err();
    assert!(
        matches!(&error, StartError::Keys(KeyError::Undecryptable { key_id, reason: OpenError::Rejected })
            if *key_id == second.key_id),
        "{error:?}"
    );
}

conformance!(
    with_a_kek_keys_are_stored_sealed_and_certificates_verify,
    a_plain_database_is_sealed_at_start,
    a_wrong_or_missing_kek_stops_the_start_naming_the_key,
);
