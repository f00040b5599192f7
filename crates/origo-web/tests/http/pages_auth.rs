//! Signing in and out on the pages, the CSRF check of page forms, and who may open which page: an anonymous
//! visitor is sent to the login page, a role without the right gets the translated 403 page.

use axum::http::{Method, StatusCode};

use crate::common::{Credentials, both_backends};
use crate::pages_client::{Page, get, post_form, session};
use crate::world::{PASSWORD, world};

/// The login form as an English-speaking anonymous browser gets it: its cookies and the form's token.
async fn login_form(router: &axum::Router) -> (Vec<(&'static str, String)>, String) {
    let page = get(router, "/login", &[("origo_lang", "en".to_owned())], &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    let cookie = page.cookie("origo_csrf").expect("an anonymous CSRF cookie");
    let token = page.csrf_field().expect("a CSRF field");
    assert_eq!(cookie, token, "signed double submit: the field repeats the cookie");
    (vec![("origo_lang", "en".to_owned()), ("origo_csrf", cookie)], token)
}

fn assert_no_session(page: &Page) {
    assert!(page.set_cookie("origo_session").is_none(), "no session was started: {:?}", page.headers);
}

async fn a_wrong_password_shows_a_translated_error_and_starts_no_session(store: origo_store::Store) {
    let w = world(store).await;
    let (cookies, token) = login_form(&w.router).await;
    let form = [("csrf_token", token.as_str()), ("username", "certifier"), ("password", "not the password")];
    let page = post_form(&w.router, "/login", &cookies, &form).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains("Wrong username or password."), "{}", page.body);
    assert!(page.body.contains("aria-describedby=\"login-error\""), "the error is tied to the inputs");
    assert!(page.body.contains("value=\"certifier\""), "the username is kept");
    assert_no_session(&page);
    let mut russian = cookies.clone();
    russian[0].1 = "ru".to_owned();
    let page = post_form(&w.router, "/login", &russian, &form).await;
    assert!(page.body.contains("Неверное имя пользователя или пароль."), "{}", page.body);
    // Empty fields get an error each, tied to its input.
    let empty = post_form(&w.router, "/login", &cookies, &[("csrf_token", token.as_str())]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("aria-describedby=\"username-error\"") && empty.body.contains("Enter your password."));
    assert_no_session(&empty);
}

async fn a_login_without_a_valid_csrf_token_is_refused(store: origo_store::Store) {
    let w = world(store).await;
    let (cookies, token) = login_form(&w.router).await;
    let credentials = [("username", "certifier"), ("password", PASSWORD)];
    // No token at all; a token without its cookie (a cross-site form); a cookie and field made up together.
    let missing = post_form(&w.router, "/login", &cookies, &credentials).await;
    let no_cookie = post_form(
        &w.router,
        "/login",
        &[("origo_lang", "en".to_owned())],
        &[("csrf_token", token.as_str()), credentials[0], credentials[1]],
    )
    .await;
    let forged = "AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let planted = post_form(
        &w.router,
        "/login",
        &[("origo_csrf", forged.to_owned())],
        &[("csrf_token", forged), credentials[0], credentials[1]],
    )
    .await;
    for page in [&missing, &no_cookie, &planted] {
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{}", page.body);
        assert_no_session(page);
    }
    assert!(missing.body.contains("The form has expired"), "{}", missing.body);
    assert!(planted.body.contains("Shakl muddati tugagan"), "Uzbek by default: {}", planted.body);
    // The same request with its token signs in.
    let form = [("csrf_token", token.as_str()), credentials[0], credentials[1]];
    let ok = post_form(&w.router, "/login", &cookies, &form).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
}

async fn signing_in_goes_to_a_local_next_page_only(store: origo_store::Store) {
    let w = world(store).await;
    let (cookies, token) = login_form(&w.router).await;
    let sign_in = async |next: &str| {
        let form = [("csrf_token", token.as_str()), ("username", "certifier"), ("password", PASSWORD), ("next", next)];
        post_form(&w.router, "/login", &cookies, &form).await
    };
    let evil = sign_in("https://evil.example/home").await;
    assert_eq!((evil.status, evil.location()), (StatusCode::SEE_OTHER, "/home"), "the role's start page instead");
    let session_cookie = evil.set_cookie("origo_session").expect("a session");
    for part in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(session_cookie.contains(part), "{part} missing from {session_cookie}");
    }
    for other in ["//evil.example", "/\\evil.example", "javascript:alert(1)"] {
        assert_eq!(sign_in(other).await.location(), "/home", "{other}");
    }
    let local = sign_in("/verify?number=UZ-2026-000001").await;
    assert_eq!(local.location(), "/verify?number=UZ-2026-000001");
    // The page session is an API session too.
    let token = evil.cookie("origo_session").unwrap();
    let me = w.call(Method::GET, "/api/v1/session", &Credentials::Cookie(token.clone()), None).await;
    assert_eq!((me.status, me.json["role"].as_str()), (StatusCode::OK, Some("certifier")));
    // A signed-in visitor who opens the login page goes straight on.
    let again = get(&w.router, "/login?next=/rex", &[("origo_session", token)], &[]).await;
    assert_eq!((again.status, again.location()), (StatusCode::SEE_OTHER, "/rex"));
}

async fn signing_out_needs_the_session_token_and_ends_the_session(store: origo_store::Store) {
    let w = world(store).await;
    let cookies = vec![session(&w.customs), ("origo_lang", "en".to_owned())];
    let home = get(&w.router, "/home", &cookies, &[]).await;
    let token = home.csrf_field().expect("the sign-out form has a token");
    let refused = post_form(&w.router, "/logout", &cookies, &[("csrf_token", "wrong")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let still = w.call(Method::GET, "/api/v1/session", &w.customs, None).await;
    assert_eq!(still.status, StatusCode::OK, "a refused sign-out ends nothing");
    // Another user's token does not sign this one out.
    let other = get(&w.router, "/home", &[session(&w.auditor)], &[]).await.csrf_field().unwrap();
    assert_ne!(other, token);
    assert_eq!(
        post_form(&w.router, "/logout", &cookies, &[("csrf_token", &other)]).await.status,
        StatusCode::FORBIDDEN
    );
    let out = post_form(&w.router, "/logout", &cookies, &[("csrf_token", &token)]).await;
    assert_eq!((out.status, out.location()), (StatusCode::SEE_OTHER, "/"));
    assert!(out.set_cookie("origo_session").unwrap().contains("Max-Age=0"));
    let gone = w.call(Method::GET, "/api/v1/session", &w.customs, None).await;
    assert_eq!(gone.status, StatusCode::UNAUTHORIZED);
    let after = get(&w.router, "/home", &cookies, &[]).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER, "the ended session is anonymous");
}

async fn the_home_page_shows_the_name_and_role(store: origo_store::Store) {
    let w = world(store).await;
    let page = get(&w.router, "/home", &[session(&w.certifier), ("origo_lang", "en".to_owned())], &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("<dd>certifier</dd>") && page.body.contains("<dd>Certifying officer</dd>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("action=\"/logout\""), "a sign-out form");
    assert!(!page.body.contains("href=\"/audit/check\""), "no link to a page the role cannot use");
    let auditor = get(&w.router, "/home", &[session(&w.auditor), ("origo_lang", "uz".to_owned())], &[]).await;
    assert!(auditor.body.contains("href=\"/officer/audit\"") && auditor.body.contains("Auditor"), "{}", auditor.body);
}

/// Every page with every kind of visitor: the status and, for redirects, where to.
async fn page_access_by_role(store: origo_store::Store) {
    let w = world(store).await;
    let anonymous = Credentials::Anonymous;
    let visitors = [
        ("anonymous", &anonymous),
        ("exporter", &w.exporter),
        ("certifier", &w.certifier),
        ("supervisor", &w.supervisor),
        ("customs", &w.customs),
        ("foreign_de", &w.foreign_de),
        ("auditor", &w.auditor),
        ("admin", &w.admin),
    ];
    // 2 = 200, R = 303 to the login page, S = 303 onwards (already signed in), F = 403 page.
    let rows: &[(&str, &str)] = &[
        ("/", "22222222"),
        ("/verify", "22222222"),
        ("/rex", "22222222"),
        ("/login", "2SSSSSSS"),
        ("/home", "R2222222"),
        ("/audit/check", "RFF2FF22"),
        // The officers' pages: the service decides (an exporter's registry and certificate lists are its own).
        ("/officer/queue", "RF222F2F"),
        ("/officer/registry", "R222222F"),
        ("/officer/certificates", "R222222F"),
        ("/officer/audit", "RFF2FF22"),
        ("/admin/users", "RFFFFFF2"),
        ("/admin/keys", "RF222F22"),
        ("/admin/rules", "RF222F22"),
        ("/control/cases", "RF222F2F"),
        ("/control/proposals", "RF222F2F"),
        ("/control/flags", "RF222F2F"),
        ("/control/supplier-declarations", "RF222F2F"),
        ("/control/utilisation", "RF22222F"),
        ("/cooperation/requests", "RF22222F"),
        ("/cooperation/requests/new", "RFFFF2FF"),
        ("/cooperation/statistics", "RF222F2F"),
        // The service gives each role the parts it may read; a foreign authority its own country's figures.
        ("/dashboard", "RF222222"),
    ];
    for &(uri, expected) in rows {
        for ((name, who), want) in visitors.iter().zip(expected.chars()) {
            let cookies: Vec<_> = match who {
                Credentials::Anonymous => vec![("origo_lang", "en".to_owned())],
                who => vec![session(who), ("origo_lang", "en".to_owned())],
            };
            let page = get(&w.router, uri, &cookies, &[]).await;
            let what = format!("{uri} as {name}");
            match want {
                '2' => assert_eq!(page.status, StatusCode::OK, "{what}"),
                'R' => {
                    assert_eq!(page.status, StatusCode::SEE_OTHER, "{what}");
                    let next: String = form_urlencoded::byte_serialize(uri.as_bytes()).collect();
                    assert_eq!(page.location(), format!("/login?next={next}"), "{what}");
                }
                'S' => assert_eq!((page.status, page.location()), (StatusCode::SEE_OTHER, "/home"), "{what}"),
                'F' => {
                    assert_eq!(page.status, StatusCode::FORBIDDEN, "{what}");
                    assert!(page.body.contains("Not allowed") && page.body.contains("<html lang=\"en\">"), "{what}");
                }
                other => panic!("no expectation {other}"),
            }
        }
    }
    let audit = get(&w.router, "/audit/check", &[session(&w.auditor), ("origo_lang", "en".to_owned())], &[]).await;
    assert!(audit.body.contains("The audit trail is intact"), "{}", audit.body);
    // The query of a protected page survives the detour through the login page.
    let deep = get(&w.router, "/home?tab=x", &[], &[]).await;
    assert_eq!(deep.location(), "/login?next=%2Fhome%3Ftab%3Dx");
    let login = get(&w.router, deep.location(), &[], &[]).await;
    assert!(login.body.contains("name=\"next\" value=\"/home?tab=x\""), "{}", login.body);
}

both_backends!(
    a_wrong_password_shows_a_translated_error_and_starts_no_session,
    a_login_without_a_valid_csrf_token_is_refused,
    signing_in_goes_to_a_local_next_page_only,
    signing_out_needs_the_session_token_and_ends_the_session,
    the_home_page_shows_the_name_and_role,
    page_access_by_role,
);
