//! Failed sign-ins are throttled: five for one username within 15 minutes lock it for 15 minutes (429 with
//! `Retry-After` in the API, the form again with the wait on the page), twenty from one client address lock the
//! address; a lockout is audited; a successful sign-in forgets the username's failures. The counts live in the
//! database, so a second server on it sees them.

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::http::{Method, StatusCode, header};
use serde_json::json;
use time::Duration;

use crate::common::{Answer, Credentials, T0, both_backends, request, send};
use crate::pages_client::{get, post_form};
use crate::world::{PASSWORD, World, world};

/// `POST /api/v1/session` from `from` (the connection's address, as `origo serve` gives it), or without one.
async fn sign_in(w: &World, username: &str, password: &str, from: Option<&str>) -> Answer {
    let body = json!({"username": username, "password": password});
    let mut login = request(Method::POST, "/api/v1/session", &Credentials::Anonymous, Some(&body));
    if let Some(address) = from {
        let address: SocketAddr = format!("{address}:40000").parse().unwrap();
        login.extensions_mut().insert(ConnectInfo(address));
    }
    send(&w.router, login).await
}

async fn lockouts(w: &World, subject: &str) -> usize {
    let uri = format!("/api/v1/audit?entity_type=login&entity_id={subject}");
    let found = w.call(Method::GET, &uri, &w.auditor, None).await;
    assert_eq!(found.status, StatusCode::OK, "{:?}", found.json);
    found.json["items"].as_array().unwrap().iter().filter(|r| r["action"] == "login.locked").count()
}

async fn five_wrong_passwords_lock_the_username_for_fifteen_minutes(store: origo_store::Store) {
    let w = world(store).await;
    for attempt in 1..=4 {
        let wrong = sign_in(&w, "certifier", "not the password", None).await;
        assert_eq!((wrong.status, wrong.code()), (StatusCode::UNAUTHORIZED, "invalid_credentials"), "{attempt}");
    }
    // The fifth locks, and says so.
    let fifth = sign_in(&w, "Certifier", "still not it", None).await;
    assert_eq!((fifth.status, fifth.code()), (StatusCode::TOO_MANY_REQUESTS, "rate_limited"), "{:?}", fifth.json);
    assert_eq!(fifth.headers[header::RETRY_AFTER], "900");
    // Even the right password is refused while locked, without being checked.
    let right = sign_in(&w, "certifier", PASSWORD, None).await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(lockouts(&w, "user:certifier").await, 1, "the lockout is in the audit trail");
    // Another username is not affected.
    assert_eq!(sign_in(&w, "supervisor", PASSWORD, None).await.status, StatusCode::OK);

    w.service.clock().set(T0 + Duration::minutes(14));
    let later = sign_in(&w, "certifier", PASSWORD, None).await;
    assert_eq!(later.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(later.headers[header::RETRY_AFTER], "60");
    w.service.clock().set(T0 + Duration::minutes(15) + Duration::seconds(1));
    assert_eq!(sign_in(&w, "certifier", PASSWORD, None).await.status, StatusCode::OK);
}

async fn a_successful_sign_in_forgets_the_failures(store: origo_store::Store) {
    let w = world(store).await;
    for _ in 0..4 {
        assert_eq!(sign_in(&w, "auditor", "typo", None).await.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(sign_in(&w, "auditor", PASSWORD, None).await.status, StatusCode::OK);
    for _ in 0..4 {
        assert_eq!(sign_in(&w, "auditor", "typo", None).await.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(sign_in(&w, "auditor", PASSWORD, None).await.status, StatusCode::OK, "nine failures, never five");
    assert_eq!(lockouts(&w, "user:auditor").await, 0);
    // Failures older than the window do not count either.
    for _ in 0..4 {
        sign_in(&w, "auditor", "typo", None).await;
    }
    w.service.clock().set(T0 + Duration::minutes(16));
    assert_eq!(sign_in(&w, "auditor", "typo", None).await.status, StatusCode::UNAUTHORIZED);
}

async fn twenty_failures_from_one_address_lock_the_address(store: origo_store::Store) {
    let w = world(store).await;
    let from = Some("203.0.113.7");
    // Four guesses at each of five usernames (none reaches its own limit), two of them unknown.
    for name in ["certifier", "supervisor", "customs", "nobody", "nobody_else"] {
        for _ in 0..4 {
            let answer = sign_in(&w, name, "guess", from).await;
            if answer.status == StatusCode::TOO_MANY_REQUESTS {
                assert_eq!(name, "nobody_else", "only the twentieth failure locks");
            } else {
                assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
            }
        }
    }
    assert_eq!(lockouts(&w, "address:203.0.113.7").await, 1);
    // The address is locked for everyone; the same user from elsewhere signs in.
    assert_eq!(sign_in(&w, "auditor", PASSWORD, from).await.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(sign_in(&w, "auditor", PASSWORD, Some("198.51.100.2")).await.status, StatusCode::OK);
    assert_eq!(sign_in(&w, "auditor", PASSWORD, None).await.status, StatusCode::OK);
}

async fn a_second_server_on_the_database_sees_the_lockout(store: origo_store::Store) {
    let w = world(store.clone()).await;
    for _ in 0..5 {
        sign_in(&w, "admin", "wrong", None).await;
    }
    let other = origo_service::Service::start(store, origo_service::Config::default(), w.service.clock().clone());
    let other = origo_web::router(other.await.unwrap(), origo_web::WebSettings::default());
    let body = json!({"username": "admin", "password": PASSWORD});
    let answer = send(&other, request(Method::POST, "/api/v1/session", &Credentials::Anonymous, Some(&body))).await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
}

async fn the_login_page_says_how_long_to_wait(store: origo_store::Store) {
    let w = world(store).await;
    let form_page = get(&w.router, "/login", &[("origo_lang", "en".to_owned())], &[]).await;
    let token = form_page.csrf_field().unwrap();
    let cookies = [("origo_lang", "en".to_owned()), ("origo_csrf", form_page.cookie("origo_csrf").unwrap())];
    let form = [("csrf_token", token.as_str()), ("username", "customs"), ("password", "wrong password")];
    for _ in 0..4 {
        assert_eq!(post_form(&w.router, "/login", &cookies, &form).await.status, StatusCode::UNAUTHORIZED);
    }
    let locked = post_form(&w.router, "/login", &cookies, &form).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(locked.header("retry-after"), "900");
    assert!(
        locked.body.contains("Too many failed sign-ins for this username or from this address."),
        "{}",
        locked.body
    );
    assert!(locked.body.contains("Try again in 15 min."), "{}", locked.body);
    assert!(locked.set_cookie("origo_session").is_none());
    let right = [("csrf_token", token.as_str()), ("username", "customs"), ("password", PASSWORD)];
    let refused = post_form(&w.router, "/login", &[("origo_lang", "ru".to_owned()), cookies[1].clone()], &right).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.body.contains("Слишком много неудачных попыток входа"), "{}", refused.body);
}

both_backends!(
    five_wrong_passwords_lock_the_username_for_fifteen_minutes,
    a_successful_sign_in_forgets_the_failures,
    twenty_failures_from_one_address_lock_the_address,
    a_second_server_on_the_database_sees_the_lockout,
    the_login_page_says_how_long_to_wait,
);
