//! User management over HTTP: an administrator creates, lists, reads, disables and re-enables users and resets
//! passwords, never seeing a password hash; a disabled user's cookie and token are refused on the next request;
//! an administrator cannot disable themselves; a signed-in person changes their own password with the current
//! one and gets a new session cookie.

use axum::http::{Method, StatusCode, header};
use serde_json::{Value, json};

use crate::common::{Credentials, both_backends};
use crate::world::{PASSWORD, World, login, world};

fn new_user(username: &str, role: &str) -> Value {
    json!({"username": username, "display_name": "Nodira K.", "role": role, "password": "long enough pass"})
}

async fn id_of(w: &World, who: &Credentials) -> String {
    let me = w.call(Method::GET, "/api/v1/session", who, None).await;
    me.json["user_id"].as_str().unwrap().to_owned()
}

fn has_key(value: &Value, wanted: &str) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(k, v)| k == wanted || has_key(v, wanted)),
        Value::Array(items) => items.iter().any(|v| has_key(v, wanted)),
        _ => false,
    }
}

async fn an_admin_manages_users(store: origo_store::Store) {
    let w = world(store).await;
    let created = w.call(Method::POST, "/api/v1/users", &w.admin, Some(new_user("nodira", "certifier"))).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.json);
    assert_eq!((created.json["role"].as_str(), created.json["disabled"].as_bool()), (Some("certifier"), Some(false)));
    assert!(!has_key(&created.json, "password_hash") && !has_key(&created.json, "password"));
    let id = created.json["id"].as_str().unwrap().to_owned();

    let one = w.call(Method::GET, &format!("/api/v1/users/{id}"), &w.admin, None).await;
    assert_eq!((one.status, one.json["username"].as_str()), (StatusCode::OK, Some("nodira")));
    let first = w.call(Method::GET, "/api/v1/users?limit=5", &w.admin, None).await;
    assert_eq!(first.json["items"].as_array().unwrap().len(), 5);
    assert!(!has_key(&first.json, "password_hash"));
    let cursor = first.json["next_cursor"].as_str().expect("a next page").to_owned();
    let rest = w.call(Method::GET, &format!("/api/v1/users?limit=200&cursor={cursor}"), &w.admin, None).await;
    let total = 5 + rest.json["items"].as_array().unwrap().len();
    assert_eq!(total, 10, "nine users of the world and nodira");
    assert!(rest.json["next_cursor"].is_null());

    let foreign = json!({"username": "kz", "display_name": "KZ customs", "role": "foreign_authority",
        "password": "long enough pass", "country": "KZ"});
    let created = w.call(Method::POST, "/api/v1/users", &w.admin, Some(foreign)).await;
    assert_eq!((created.status, created.json["country"].as_str()), (StatusCode::CREATED, Some("KZ")));
    let taken = w.call(Method::POST, "/api/v1/users", &w.admin, Some(new_user("nodira", "auditor"))).await;
    assert_eq!((taken.status, taken.code()), (StatusCode::CONFLICT, "username_taken"));

    let reset = json!({"password": "set by the admin"});
    let done = w.call(Method::POST, &format!("/api/v1/users/{id}/password"), &w.admin, Some(reset)).await;
    assert_eq!(done.status, StatusCode::NO_CONTENT, "{:?}", done.json);
    let signed_in = w
        .call(
            Method::POST,
            "/api/v1/session",
            &Credentials::Anonymous,
            Some(json!({"username": "nodira", "password": "set by the admin"})),
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::OK);
}

async fn bad_users_are_refused_naming_the_field(store: origo_store::Store) {
    let w = world(store).await;
    let seq = w.audit_seq().await;
    let short = json!({"username": "a", "display_name": "A", "role": "customs", "password": "short"});
    let no_country = json!({"username": "b", "display_name": "B", "role": "foreign_authority",
        "password": "long enough pass"});
    let bad_country = json!({"username": "c", "display_name": "C", "role": "foreign_authority",
        "password": "long enough pass", "country": "ZZ"});
    let not_exporter = json!({"username": "d", "display_name": "D", "role": "customs",
        "password": "long enough pass", "exporter_id": uuid::Uuid::now_v7()});
    for (body, field) in
        [(short, "password"), (no_country, "country"), (bad_country, "country"), (not_exporter, "exporter_id")]
    {
        let answer = w.call(Method::POST, "/api/v1/users", &w.admin, Some(body.clone())).await;
        assert_eq!((answer.status, answer.code()), (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"), "{body}");
        assert_eq!(answer.json["error"]["field"], field, "{body}: {:?}", answer.json);
    }
    let bad_role = w.call(Method::POST, "/api/v1/users", &w.admin, Some(new_user("e", "root"))).await;
    assert_eq!((bad_role.status, bad_role.code()), (StatusCode::BAD_REQUEST, "invalid_request"));
    let by_officer = w.call(Method::POST, "/api/v1/users", &w.certifier, Some(new_user("f", "certifier"))).await;
    assert_eq!((by_officer.status, by_officer.code()), (StatusCode::FORBIDDEN, "forbidden"));
    let bad_patch = w
        .call(
            Method::PATCH,
            &format!("/api/v1/users/{}", id_of(&w, &w.customs).await),
            &w.admin,
            Some(json!({"disabled": "yes"})),
        )
        .await;
    assert_eq!((bad_patch.status, bad_patch.code()), (StatusCode::BAD_REQUEST, "invalid_request"));
    let unknown = w.call(Method::GET, &format!("/api/v1/users/{}", uuid::Uuid::now_v7()), &w.admin, None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(w.audit_seq().await, seq, "nothing written");
}

async fn a_disabled_users_cookie_and_token_stop_working_at_once(store: origo_store::Store) {
    let w = world(store).await;
    let token =
        w.call(Method::POST, "/api/v1/tokens", &w.customs, Some(json!({"name": "ci", "scopes": ["read"]}))).await;
    let token = Credentials::Bearer(token.json["token"].as_str().unwrap().to_owned());
    assert_eq!(w.call(Method::GET, "/api/v1/applications", &token, None).await.status, StatusCode::OK);
    let customs_id = id_of(&w, &w.customs).await;
    let uri = format!("/api/v1/users/{customs_id}");
    let disabled = w.call(Method::PATCH, &uri, &w.admin, Some(json!({"disabled": true}))).await;
    assert_eq!((disabled.status, disabled.json["disabled"].as_bool()), (StatusCode::OK, Some(true)));
    for who in [&w.customs, &token] {
        let next = w.call(Method::GET, "/api/v1/applications", who, None).await;
        assert_eq!((next.status, next.code()), (StatusCode::UNAUTHORIZED, "unauthenticated"));
    }
    let enabled = w.call(Method::PATCH, &uri, &w.admin, Some(json!({"disabled": false}))).await;
    assert_eq!(enabled.json["disabled"], false);
    let still = w.call(Method::GET, "/api/v1/session", &w.customs, None).await;
    assert_eq!(still.status, StatusCode::UNAUTHORIZED, "a session ended by disabling stays ended");
    assert_eq!(
        w.call(Method::GET, "/api/v1/session", &login(&w.router, "customs").await, None).await.status,
        StatusCode::OK
    );

    // An administrator cannot disable themselves.
    let admin_id = id_of(&w, &w.admin).await;
    let own =
        w.call(Method::PATCH, &format!("/api/v1/users/{admin_id}"), &w.admin, Some(json!({"disabled": true}))).await;
    assert_eq!((own.status, own.code()), (StatusCode::FORBIDDEN, "forbidden"), "{:?}", own.json);
    assert_eq!(w.call(Method::GET, "/api/v1/session", &w.admin, None).await.status, StatusCode::OK);
}

async fn a_person_changes_their_own_password(store: origo_store::Store) {
    let w = world(store).await;
    let uri = "/api/v1/session/password";
    let wrong = json!({"current_password": "not the password", "new_password": "a brand new one"});
    let answer = w.call(Method::POST, uri, &w.supervisor, Some(wrong)).await;
    assert_eq!((answer.status, answer.code()), (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"));
    assert_eq!(answer.json["error"]["field"], "current_password");
    let short = json!({"current_password": PASSWORD, "new_password": "short"});
    let answer = w.call(Method::POST, uri, &w.supervisor, Some(short)).await;
    assert_eq!(
        (answer.status, answer.json["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("new_password"))
    );

    let good = json!({"current_password": PASSWORD, "new_password": "a brand new one"});
    let changed = w.call(Method::POST, uri, &w.supervisor, Some(good)).await;
    assert_eq!(changed.status, StatusCode::OK, "{:?}", changed.json);
    assert_eq!(changed.json["user"]["role"], "supervisor");
    let cookie = changed.headers.get(header::SET_COOKIE).expect("a new session cookie").to_str().unwrap();
    let token = cookie.split(';').next().unwrap().strip_prefix("origo_session=").unwrap().to_owned();
    let old = w.call(Method::GET, "/api/v1/session", &w.supervisor, None).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED, "the old session ended");
    let new = w.call(Method::GET, "/api/v1/session", &Credentials::Cookie(token), None).await;
    assert_eq!(new.status, StatusCode::OK);
    let with_old = json!({"username": "supervisor", "password": PASSWORD});
    let refused = w.call(Method::POST, "/api/v1/session", &Credentials::Anonymous, Some(with_old)).await;
    assert_eq!(refused.code(), "invalid_credentials");
    let anonymous = w
        .call(Method::POST, uri, &Credentials::Anonymous, Some(json!({"current_password": "a", "new_password": "b"})))
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

both_backends!(
    an_admin_manages_users,
    bad_users_are_refused_naming_the_field,
    a_disabled_users_cookie_and_token_stop_working_at_once,
    a_person_changes_their_own_password,
);
