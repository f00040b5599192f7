//! Users, sessions and API tokens.

use origo_store::api_tokens::{self, NewApiToken};
use origo_store::users::{self, NewUser};
use origo_store::{ConflictKind, Role, StoreError, audit, sessions};
use time::Duration;

use crate::common::{T0, TestDb, conformance, system};
use crate::fixtures;

async fn users_are_created_found_and_changed(db: TestDb) {
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let alice = fixtures::user(&db.store, "alice", Role::Exporter, Some(exporter.id)).await;
    let bob = fixtures::user(&db.store, "bob", Role::ForeignAuthority, None).await;
    assert_eq!(alice.exporter_id, Some(exporter.id));
    assert_eq!(bob.country.as_deref(), Some("DE"));

    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(users::get(&mut conn, alice.id).await.unwrap(), alice);
    assert_eq!(users::find_by_username(&mut conn, "bob").await.unwrap(), Some(bob.clone()));
    assert_eq!(users::find_by_username(&mut conn, "carol").await.unwrap(), None);
    let all = users::list(&mut conn, None, 10).await.unwrap();
    assert_eq!(all.iter().map(|u| u.username.as_str()).collect::<Vec<_>>(), ["alice", "bob"]);
    assert_eq!(users::list(&mut conn, Some(alice.id), 10).await.unwrap(), vec![bob.clone()]);
    drop(conn);

    let mut tx = db.store.begin().await.unwrap();
    let changed = users::set_password_hash(&mut tx, &system(), alice.id, "$argon2id$new").await.unwrap();
    let disabled = users::set_disabled(&mut tx, &system(), bob.id, true).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(changed.password_hash, "$argon2id$new");
    assert!(disabled.disabled);

    let mut conn = db.store.conn().await.unwrap();
    let trail = audit::for_entity(&mut conn, "user", &alice.id.to_string()).await.unwrap();
    let actions: Vec<_> = trail.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["user.created", "user.password_changed"]);
    assert_eq!(trail[1].before_hash, trail[0].after_hash, "each change starts from the state the last one left");
}

async fn a_taken_username_is_a_conflict(db: TestDb) {
    fixtures::user(&db.store, "alice", Role::Certifier, None).await;
    let mut tx = db.store.begin().await.unwrap();
    let new = NewUser {
        username: "alice".into(),
        display_name: "Another Alice".into(),
        role: Role::Auditor,
        password_hash: "x".into(),
        exporter_id: None,
        country: None,
    };
    let error = users::create(&mut tx, &system(), &new).await.unwrap_err();
    assert!(error.is_unique("users_username_key"), "{error:?}");
}

async fn scoped_roles_are_checked_by_the_schema(db: TestDb) {
    let exporter = fixtures::exporter(&db.store, "301234567").await;
    let mut tx = db.store.begin().await.unwrap();
    let customs_with_exporter = NewUser {
        username: "customs".into(),
        display_name: "Customs".into(),
        role: Role::Customs,
        password_hash: "x".into(),
        exporter_id: Some(exporter.id),
        country: None,
    };
    let error = users::create(&mut tx, &system(), &customs_with_exporter).await.unwrap_err();
    let expected = "users_exporter_scope_check".to_owned();
    assert_eq!(error, StoreError::Conflict { kind: ConflictKind::Check, constraint: expected });
}

async fn sessions_are_found_by_token_hash_until_they_end(db: TestDb) {
    let user = fixtures::user(&db.store, "alice", Role::Certifier, None).await;
    let mut tx = db.store.begin().await.unwrap();
    let session = sessions::create(&mut tx, user.id, "hash-1", T0, T0 + Duration::hours(8)).await.unwrap();
    sessions::create(&mut tx, user.id, "hash-2", T0, T0 + Duration::hours(1)).await.unwrap();
    tx.commit().await.unwrap();

    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(sessions::find_active(&mut conn, "hash-1", T0).await.unwrap(), Some(session.clone()));
    assert_eq!(sessions::find_active(&mut conn, "hash-2", T0 + Duration::hours(2)).await.unwrap(), None, "expired");
    assert_eq!(sessions::find_active(&mut conn, "nope", T0).await.unwrap(), None);
    drop(conn);

    let mut tx = db.store.begin().await.unwrap();
    sessions::revoke(&mut tx, session.id, T0 + Duration::minutes(5)).await.unwrap();
    assert_eq!(sessions::revoke(&mut tx, session.id, T0).await, Err(StoreError::NotFound { entity: "session" }));
    assert_eq!(sessions::revoke_all_for_user(&mut tx, user.id, T0).await.unwrap(), 1);
    assert_eq!(sessions::purge(&mut tx, T0 + Duration::days(1)).await.unwrap(), 2);
    tx.commit().await.unwrap();
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(sessions::find_active(&mut conn, "hash-1", T0).await.unwrap(), None);

    let mut tx = db.store.begin().await.unwrap();
    sessions::create(&mut tx, user.id, "same", T0, T0 + Duration::hours(1)).await.unwrap();
    let error = sessions::create(&mut tx, user.id, "same", T0, T0 + Duration::hours(1)).await.unwrap_err();
    assert!(error.is_unique("sessions_token_hash_key"), "{error:?}");
}

async fn api_tokens_carry_scopes_and_can_be_revoked_once(db: TestDb) {
    let user = fixtures::user(&db.store, "bot", Role::ForeignAuthority, None).await;
    let mut tx = db.store.begin().await.unwrap();
    let new = NewApiToken {
        user_id: user.id,
        name: "bulk verification".into(),
        token_hash: "token-hash".into(),
        scopes: vec!["certificates:verify".into(), "certificates:read".into()],
        expires_at: Some(T0 + Duration::days(90)),
    };
    let token = api_tokens::create(&mut tx, &system(), &new).await.unwrap();
    api_tokens::touch(&mut tx, token.id, T0 + Duration::minutes(1)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(token.scopes, ["certificates:verify", "certificates:read"]);

    let mut conn = db.store.conn().await.unwrap();
    let found = api_tokens::find_active(&mut conn, "token-hash", T0).await.unwrap().unwrap();
    assert_eq!(found.last_used_at, Some(T0 + Duration::minutes(1)));
    assert_eq!(api_tokens::find_active(&mut conn, "token-hash", T0 + Duration::days(91)).await.unwrap(), None);
    assert_eq!(api_tokens::list_for_user(&mut conn, user.id).await.unwrap().len(), 1);
    drop(conn);

    let mut tx = db.store.begin().await.unwrap();
    let revoked = api_tokens::revoke(&mut tx, &system(), token.id).await.unwrap();
    assert!(revoked.revoked_at.is_some());
    let again = api_tokens::revoke(&mut tx, &system(), token.id).await.unwrap_err();
    assert!(matches!(again, StoreError::Conflict { kind: ConflictKind::Stale, .. }), "{again:?}");
    tx.commit().await.unwrap();
    let mut conn = db.store.conn().await.unwrap();
    assert_eq!(api_tokens::find_active(&mut conn, "token-hash", T0).await.unwrap(), None);
}

async fn an_exporter_user_is_linked_to_its_exporter_and_audited(db: TestDb) {
    let store = &db.store;
    let user = fixtures::user(store, "newco", Role::Exporter, None).await;
    let exporter = fixtures::exporter(store, "777").await;
    let mut tx = store.begin().await.unwrap();
    let linked = users::set_exporter(&mut tx, &system(), user.id, exporter.id).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(linked.exporter_id, Some(exporter.id));
    let mut conn = store.conn().await.unwrap();
    let trail = origo_store::audit::for_entity(&mut conn, "user", &user.id.to_string()).await.unwrap();
    assert!(trail.iter().any(|r| r.action == "user.exporter_linked"));
}

async fn a_users_tokens_are_revoked_together_each_audited(db: TestDb) {
    let user = fixtures::user(&db.store, "bot", Role::Customs, None).await;
    let other = fixtures::user(&db.store, "other", Role::Customs, None).await;
    let mut tx = db.store.begin().await.unwrap();
    let mut tokens = Vec::new();
    for (owner, hash) in [(user.id, "h-1"), (user.id, "h-2"), (user.id, "h-3"), (other.id, "h-4")] {
        let new = NewApiToken {
            user_id: owner,
            name: hash.into(),
            token_hash: hash.into(),
            scopes: vec!["read".into()],
            expires_at: None,
        };
        tokens.push(api_tokens::create(&mut tx, &system(), &new).await.unwrap());
    }
    api_tokens::revoke(&mut tx, &system(), tokens[0].id).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.begin().await.unwrap();
    let revoked = api_tokens::revoke_all_for_user(&mut tx, &system(), user.id).await.unwrap();
    tx.commit().await.unwrap();
    let ids: Vec<_> = revoked.iter().map(|t| t.id).collect();
    assert_eq!(ids, [tokens[1].id, tokens[2].id], "the ones still in force");
    let mut conn = db.store.conn().await.unwrap();
    for hash in ["h-1", "h-2", "h-3"] {
        assert_eq!(api_tokens::find_active(&mut conn, hash, T0).await.unwrap(), None, "{hash}");
    }
    assert!(api_tokens::find_active(&mut conn, "h-4", T0).await.unwrap().is_some(), "another user's token stays");
    for token in &tokens[1..3] {
        let trail = audit::for_entity(&mut conn, "api_token", &token.id.to_string()).await.unwrap();
        let actions: Vec<_> = trail.iter().map(|r| r.action.as_str()).collect();
        assert_eq!(actions, ["api_token.created", "api_token.revoked"]);
    }
}

conformance!(
    a_users_tokens_are_revoked_together_each_audited,
    an_exporter_user_is_linked_to_its_exporter_and_audited,
    users_are_created_found_and_changed,
    a_taken_username_is_a_conflict,
    scoped_roles_are_checked_by_the_schema,
    sessions_are_found_by_token_hash_until_they_end,
    api_tokens_carry_scopes_and_can_be_revoked_once,
);
