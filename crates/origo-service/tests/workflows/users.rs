//! User management: only an administrator manages users; bad fields are named; disabling ends the user's
//! sessions and API tokens at once (and re-enabling does not revive them); an administrator cannot disable
//! themselves; password changes need the current password and end the old sessions; every change is audited.

use origo_service::Scope;
use origo_service::auth::AuthError;
use origo_service::policy::Denied;
use origo_service::roles::Role;
use origo_service::users::{UserDraft, UserError};

use crate::common::{TestDb, conformance};
use crate::world::{PASSWORD, world};

fn draft(username: &str, role: Role) -> UserDraft {
    UserDraft {
        username: username.into(),
        display_name: format!("{username} in full"),
        role,
        password: PASSWORD.into(),
        country: None,
        exporter_id: None,
    }
}

fn field(error: UserError) -> String {
    match error {
        UserError::Invalid { field, .. } => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

async fn only_an_admin_creates_users_and_each_bad_field_is_named(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let refused = s.add_user(&w.certifier, draft("k", Role::Certifier)).await.unwrap_err();
    assert!(matches!(refused, UserError::Denied(Denied::Role { .. })), "{refused:?}");
    let short = UserDraft { password: "seven77".into(), ..draft("k", Role::Certifier) };
    assert_eq!(field(s.add_user(&w.admin, short).await.unwrap_err()), "password");
    assert_eq!(field(s.add_user(&w.admin, draft("fa", Role::ForeignAuthority)).await.unwrap_err()), "country");
    let bad_country = UserDraft { country: Some("XX".into()), ..draft("fa", Role::ForeignAuthority) };
    assert_eq!(field(s.add_user(&w.admin, bad_country).await.unwrap_err()), "country");
    let no_such_exporter = UserDraft { exporter_id: Some(uuid::Uuid::now_v7()), ..draft("e", Role::Exporter) };
    assert_eq!(field(s.add_user(&w.admin, no_such_exporter).await.unwrap_err()), "exporter_id");
    let taken = s.add_user(&w.admin, draft("certifier", Role::Certifier)).await.unwrap_err();
    assert!(matches!(taken, UserError::UsernameTaken), "{taken:?}");

    let foreign = UserDraft { country: Some("KZ".into()), ..draft("fa_kz", Role::ForeignAuthority) };
    let created = s.add_user(&w.admin, foreign).await.unwrap();
    assert_eq!((created.role, created.country.as_deref()), (Role::ForeignAuthority, Some("KZ")));
    let exporter_id = w.exporter.exporter_id().unwrap();
    let colleague = UserDraft { exporter_id: Some(exporter_id), ..draft("colleague", Role::Exporter) };
    s.add_user(&w.admin, colleague).await.unwrap();
    let signed_in = s.login("colleague", PASSWORD).await.unwrap().caller;
    assert_eq!(signed_in.exporter_id(), Some(exporter_id), "acts for the exporter at once");
    assert_eq!(s.user(&w.admin, created.id).await.unwrap().username, "fa_kz");
    assert!(matches!(s.user(&w.auditor, created.id).await, Err(UserError::Denied(_))));

    let mut conn = db.store.conn().await.unwrap();
    let trail = origo_store::audit::for_entity(&mut conn, "user", &created.id.to_string()).await.unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(
        (trail[0].action.as_str(), trail[0].actor_id.clone()),
        ("user.created", Some(w.admin.user_id.to_string()))
    );
}

async fn users_are_listed_a_page_at_a_time(db: TestDb) {
    let w = world(db.store.clone()).await;
    let first = w.service.users(&w.admin, None, 4).await.unwrap();
    assert_eq!(first.len(), 4);
    let rest = w.service.users(&w.admin, Some(first[3].id), 100).await.unwrap();
    assert_eq!(first.len() + rest.len(), 10, "the world's ten users");
    assert!(rest.iter().all(|u| u.id > first[3].id));
    assert!(matches!(w.service.users(&w.supervisor, None, 4).await, Err(UserError::Denied(_))));
}

async fn disabling_ends_sessions_and_tokens_at_once(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let session = s.login("customs", PASSWORD).await.unwrap();
    let token = s.create_api_token(&session.caller, "ci", &[Scope::Read], None).await.unwrap();
    assert!(s.authenticate_token(&token.token).await.is_ok());
    let user = s.set_user_disabled(&w.admin, w.customs.user_id, true).await.unwrap();
    assert!(user.disabled);
    assert!(matches!(s.authenticate_session(&session.token).await, Err(AuthError::Unauthenticated)));
    assert!(matches!(s.authenticate_token(&token.token).await, Err(AuthError::Unauthenticated)));
    assert!(matches!(s.login("customs", PASSWORD).await, Err(AuthError::InvalidCredentials)));

    // Enabled again: a new sign-in works, what was ended stays ended.
    assert!(!s.set_user_disabled(&w.admin, w.customs.user_id, false).await.unwrap().disabled);
    assert!(s.login("customs", PASSWORD).await.is_ok());
    assert!(s.authenticate_session(&session.token).await.is_err());
    assert!(s.authenticate_token(&token.token).await.is_err());

    let mut conn = db.store.conn().await.unwrap();
    let trail = origo_store::audit::for_entity(&mut conn, "user", &w.customs.user_id.to_string()).await.unwrap();
    let actions: Vec<_> = trail.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["user.created", "user.disabled", "user.enabled"]);
    let token_trail = origo_store::audit::for_entity(&mut conn, "api_token", &token.record.id.to_string()).await;
    assert!(token_trail.unwrap().iter().any(|r| r.action == "api_token.revoked"));
}

async fn an_admin_cannot_disable_themselves(db: TestDb) {
    let w = world(db.store.clone()).await;
    let refused = w.service.set_user_disabled(&w.admin, w.admin.user_id, true).await.unwrap_err();
    assert!(matches!(refused, UserError::SelfDisable), "{refused:?}");
    assert!(!w.service.user(&w.admin, w.admin.user_id).await.unwrap().disabled);
    let refused = w.service.set_user_disabled(&w.certifier, w.customs.user_id, true).await.unwrap_err();
    assert!(matches!(refused, UserError::Denied(_)), "{refused:?}");
    let unknown = w.service.set_user_disabled(&w.admin, uuid::Uuid::now_v7(), true).await.unwrap_err();
    assert!(matches!(unknown, UserError::NotFound), "{unknown:?}");
}

async fn changing_a_password_needs_the_current_one(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let old = s.login("auditor", PASSWORD).await.unwrap();
    let wrong = s.change_own_password(&old.caller, "not my password", "a new passphrase".into()).await.unwrap_err();
    assert!(matches!(wrong, UserError::WrongPassword), "{wrong:?}");
    let short = s.change_own_password(&old.caller, PASSWORD, "short".into()).await.unwrap_err();
    assert_eq!(field(short), "new_password");
    let same = s.change_own_password(&old.caller, PASSWORD, PASSWORD.into()).await.unwrap_err();
    assert_eq!(field(same), "new_password");
    assert!(s.login("auditor", PASSWORD).await.is_ok(), "nothing changed yet");

    let fresh = s.change_own_password(&old.caller, PASSWORD, "a new passphrase".into()).await.unwrap();
    assert!(s.authenticate_session(&old.token).await.is_err(), "the old sessions end");
    assert_eq!(s.authenticate_session(&fresh.token).await.unwrap().user_id, w.auditor.user_id);
    assert!(matches!(s.login("auditor", PASSWORD).await, Err(AuthError::InvalidCredentials)));
    assert!(s.login("auditor", "a new passphrase").await.is_ok());

    // A token may not change its user's password.
    let token = s.create_api_token(&fresh.caller, "ci", &[Scope::Write], None).await.unwrap();
    let machine = s.authenticate_token(&token.token).await.unwrap();
    let refused = s.change_own_password(&machine, "a new passphrase", "another passphrase".into()).await;
    assert!(matches!(refused, Err(UserError::Denied(_))), "{refused:?}");

    // An administrator's reset: the user's sessions end, the new password works.
    let session = s.login("auditor", "a new passphrase").await.unwrap();
    assert_eq!(field(s.reset_password(&w.admin, w.auditor.user_id, "short".into()).await.unwrap_err()), "password");
    assert!(s.reset_password(&w.certifier, w.auditor.user_id, "reset by admin".into()).await.is_err());
    s.reset_password(&w.admin, w.auditor.user_id, "reset by admin".into()).await.unwrap();
    assert!(s.authenticate_session(&session.token).await.is_err());
    assert!(s.login("auditor", "reset by admin").await.is_ok());

    let mut conn = db.store.conn().await.unwrap();
    let trail = origo_store::audit::for_entity(&mut conn, "user", &w.auditor.user_id.to_string()).await.unwrap();
    let changes: Vec<_> = trail.iter().filter(|r| r.action == "user.password_changed").collect();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0].actor_id, Some(w.auditor.user_id.to_string()));
    assert_eq!(changes[1].actor_id, Some(w.admin.user_id.to_string()));
}

conformance!(
    only_an_admin_creates_users_and_each_bad_field_is_named,
    users_are_listed_a_page_at_a_time,
    disabling_ends_sessions_and_tokens_at_once,
    an_admin_cannot_disable_themselves,
    changing_a_password_needs_the_current_one,
);
