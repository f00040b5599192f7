//! The public pages: the certificate check at `/verify` (valid, revoked, not found alike for a wrong code and an
//! unknown number, escaped input, the rate limit page), the REX lookup, the language switch and its cookie, the
//! security headers, the static files and the 404 pages.

use axum::http::{Method, StatusCode};
use origo_web::{RateSettings, WebSettings};
use serde_json::json;

use crate::common::{Credentials, both_backends};
use crate::pages_client::{Page, get};
use crate::world::{World, approved_application, world, world_with};

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'";

/// Issues a certificate for a new approved application: (certificate id, number, security code).
async fn issued(w: &World) -> (String, String, String) {
    let id = approved_application(w).await;
    let issued = w.call(Method::POST, &format!("/api/v1/applications/{id}/certificate"), &w.certifier, None).await;
    assert_eq!(issued.status, StatusCode::CREATED, "{:?}", issued.json);
    let text = |field: &str| issued.json[field].as_str().unwrap().to_owned();
    (text("certificate_id"), text("number"), text("security_code"))
}

fn english() -> Vec<(&'static str, String)> {
    vec![("origo_lang", "en".to_owned())]
}

fn verify_uri(number: &str, code: &str) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("number", number)
        .append_pair("code", code)
        .finish();
    format!("/verify?{query}")
}

async fn the_verify_page_shows_a_valid_certificate_without_prices(store: origo_store::Store) {
    let w = world(store).await;
    let (_, number, code) = issued(&w).await;
    let page = get(&w.router, &verify_uri(&number, &code), &english(), &[]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<html lang=\"en\">"));
    for shown in [
        "Valid",
        number.as_str(),
        "Chamber of Commerce and Industry of Uzbekistan",
        "Wooden furniture",
        "940360",
        "DE",
        "1 May 2026",
        "What a valid result means",
        "/.well-known/origo-keys.json",
    ] {
        assert!(page.body.contains(shown), "{shown:?} missing from the page");
    }
    for hidden in ["INV-7", "1000.00", "1,000.00", "EUR", "sawn wood"] {
        assert!(!page.body.contains(hidden), "{hidden:?} must not be public");
    }
    // The same answer in Uzbek, with the date as Uzbek writes it.
    let uzbek = get(&w.router, &format!("{}&lang=uz", verify_uri(&number, &code)), &[], &[]).await;
    assert!(uzbek.body.contains("Haqiqiy") && uzbek.body.contains("2026-yil 1-may"), "{}", uzbek.body);
}

async fn a_wrong_code_and_an_unknown_number_get_the_same_page(store: origo_store::Store) {
    let w = world(store).await;
    let (_, number, _) = issued(&w).await;
    let unknown = "UZ-2026-999999";
    let wrong_code = get(&w.router, &verify_uri(&number, "WRONG-CODE1"), &english(), &[]).await;
    let no_such = get(&w.router, &verify_uri(unknown, "WRONG-CODE1"), &english(), &[]).await;
    assert_eq!(wrong_code.status, StatusCode::NOT_FOUND);
    assert_eq!(no_such.status, StatusCode::NOT_FOUND);
    assert!(wrong_code.body.contains("No certificate found"), "{}", wrong_code.body);
    // The pages differ only in the number echoed into the form and the language links.
    assert_eq!(wrong_code.body.replace(&number, "N"), no_such.body.replace(unknown, "N"));
    assert!(!wrong_code.body.contains("Valid"), "nothing about the real certificate");
}

async fn a_revoked_certificate_shows_revoked_with_date_and_reason(store: origo_store::Store) {
    let w = world(store).await;
    let (id, number, code) = issued(&w).await;
    let reasons = json!({"reasons": "invoice was forged"});
    let revoked =
        w.call(Method::POST, &format!("/api/v1/certificates/{id}/revocation"), &w.certifier, Some(reasons)).await;
    assert_eq!(revoked.status, StatusCode::OK, "{:?}", revoked.json);
    let page = get(&w.router, &verify_uri(&number, &code), &english(), &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Revoked on 1 May 2026"), "{}", page.body);
    assert!(page.body.contains("invoice was forged"));
    assert!(!page.body.contains("<span class=\"status-badge\">Valid"));
    let russian = get(&w.router, &verify_uri(&number, &code), &[("origo_lang", "ru".to_owned())], &[]).await;
    assert!(russian.body.contains("Отозван 1 мая 2026\u{a0}г."), "{}", russian.body);
}

async fn a_replaced_certificate_links_to_its_replacement(store: origo_store::Store) {
    let w = world(store).await;
    let (id, number, code) = issued(&w).await;
    let replace = json!({"reasons": "consignee corrected", "consignee": {"name": "Neue Möbel GmbH"}});
    let replaced =
        w.call(Method::POST, &format!("/api/v1/certificates/{id}/replacement"), &w.certifier, Some(replace)).await;
    assert_eq!(replaced.status, StatusCode::CREATED, "{:?}", replaced.json);
    let new_number = replaced.json["number"].as_str().unwrap_or_else(|| panic!("{:?}", replaced.json)).to_owned();
    let page = get(&w.router, &verify_uri(&number, &code), &english(), &[]).await;
    assert!(page.body.contains("Replaced on 1 May 2026"), "{}", page.body);
    assert!(page.body.contains(&format!("<a href=\"/verify?number={new_number}\">{new_number}</a>")), "{}", page.body);
}

async fn input_is_escaped_in_the_page(store: origo_store::Store) {
    let w = world(store).await;
    let attack = "<script>alert(1)</script>\"'";
    let page = get(&w.router, &verify_uri(attack, "x"), &english(), &[]).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("<script>alert"), "the number reached the page unescaped");
    assert!(!page.body.contains("value=\"<"), "{}", page.body);
    assert!(page.body.contains("&#60;script&#62;alert(1)&#60;/script&#62;&#34;&#39;"), "{}", page.body);
    let rex = get(&w.router, "/rex?number=%3Cimg%20src%3Dx%3E", &english(), &[]).await;
    assert!(!rex.body.contains("<img src=x>") && rex.body.contains("&#60;img src=x&#62;"), "{}", rex.body);
}

fn assert_page_headers(page: &Page, what: &str) {
    assert_eq!(page.header("content-security-policy"), CSP, "{what}");
    assert_eq!(page.header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(page.header("referrer-policy"), "same-origin", "{what}");
}

async fn every_page_carries_the_security_headers_and_no_inline_code(store: origo_store::Store) {
    let w = world(store).await;
    for uri in ["/", "/verify", "/rex", "/login", "/no-such-page", "/verify?number=A&code=B"] {
        let page = get(&w.router, uri, &[], &[]).await;
        assert_page_headers(&page, uri);
        assert_eq!(page.header("cache-control"), "no-store", "{uri}");
        assert!(page.header("content-type").starts_with("text/html"), "{uri}");
        assert!(
            !page.body.contains("<script>") && !page.body.contains("<style") && !page.body.contains("style="),
            "{uri}"
        );
        assert!(!page.body.contains("http://") && !page.body.contains("https://"), "{uri}: no other host");
        let origo_csrf = page.set_cookie("origo_csrf").unwrap_or_else(|| panic!("{uri}: an anonymous token"));
        assert!(origo_csrf.contains("HttpOnly") && origo_csrf.contains("SameSite=Strict"), "{origo_csrf}");
    }
    let home = get(&w.router, "/home", &[crate::pages_client::session(&w.exporter)], &[]).await;
    assert_page_headers(&home, "/home");
    assert!(home.set_cookie("origo_csrf").is_none(), "a signed-in visitor's token is bound to the session");
}

async fn static_files_have_hashed_names_and_long_cache(store: origo_store::Store) {
    let w = world(store).await;
    let index = get(&w.router, "/", &[], &[]).await;
    let mut files = Vec::new();
    for marker in ["href=\"/assets/", "src=\"/assets/"] {
        for (at, _) in index.body.match_indices(marker) {
            let start = at + marker.len() - "/assets/".len();
            files.push(index.body[start..start + index.body[start..].find('"').unwrap()].to_owned());
        }
    }
    assert_eq!(files.len(), 2, "{files:?}");
    for file in &files {
        let asset = get(&w.router, file, &[], &[]).await;
        assert_eq!(asset.status, StatusCode::OK, "{file}");
        assert_eq!(asset.header("cache-control"), "public, max-age=31536000, immutable", "{file}");
        assert_page_headers(&asset, file);
        let expected = if file.ends_with(".css") { "text/css" } else { "text/javascript" };
        assert!(asset.header("content-type").starts_with(expected), "{file}");
        assert!(asset.header("content-encoding").is_empty(), "{file}: not compressed unless asked");
        // Browsers that accept gzip get the kept compressed copy; the pages themselves stay uncompressed (BREACH).
        let packed = get(&w.router, file, &[], &[("accept-encoding", "gzip, deflate, br")]).await;
        assert_eq!((packed.status, packed.header("content-encoding")), (StatusCode::OK, "gzip"), "{file}");
        let vary: Vec<&str> = packed.headers.get_all("vary").iter().map(|v| v.to_str().unwrap()).collect();
        assert!(vary.contains(&"accept-encoding"), "{file}: {vary:?}");
        assert_eq!(packed.body, asset.body, "{file}: the same file once unpacked");
        let refused = get(&w.router, file, &[], &[("accept-encoding", "gzip;q=0, br")]).await;
        assert!(refused.header("content-encoding").is_empty(), "{file}");
    }
    let page = get(&w.router, "/", &[], &[("accept-encoding", "gzip")]).await;
    assert!(page.header("content-encoding").is_empty() && page.body.contains("<html"));
    let stale = get(&w.router, "/assets/origo.0000000000.css", &[], &[]).await;
    assert_eq!(stale.status, StatusCode::NOT_FOUND);
}

async fn the_language_switch_sets_a_cookie_that_is_remembered(store: origo_store::Store) {
    let w = world(store).await;
    let default = get(&w.router, "/verify", &[], &[]).await;
    assert!(default.body.contains("<html lang=\"uz\">") && default.body.contains("Sertifikatni tekshirish"));
    assert!(default.set_cookie("origo_lang").is_none());
    let browser = get(&w.router, "/verify", &[], &[("accept-language", "en-GB,en;q=0.9,ru;q=0.8")]).await;
    assert!(browser.body.contains("<html lang=\"en\">"), "Accept-Language is followed");

    let switched = get(&w.router, "/verify?lang=ru", &[], &[("accept-language", "en")]).await;
    assert!(switched.body.contains("<html lang=\"ru\">") && switched.body.contains("Проверка сертификата"));
    let cookie = switched.set_cookie("origo_lang").expect("the choice is remembered");
    for part in ["origo_lang=ru", "Path=/", "Max-Age=31536000", "HttpOnly", "SameSite=Lax"] {
        assert!(cookie.contains(part), "{part} missing from {cookie}");
    }
    // The next request carries the cookie and no `lang`: still Russian, over the browser's English.
    let remembered =
        get(&w.router, "/rex", &[("origo_lang", switched.cookie("origo_lang").unwrap())], &[("accept-language", "en")])
            .await;
    assert!(remembered.body.contains("<html lang=\"ru\">") && remembered.body.contains("Поиск номера REX"));
    assert!(remembered.set_cookie("origo_lang").is_none());
    // The switcher links keep the page's query.
    let links = get(&w.router, "/verify?number=UZ-2026-000001&code=X&lang=en", &[], &[]).await;
    assert!(links.body.contains("href=\"/verify?number=UZ-2026-000001&#38;code=X&#38;lang=uz\""), "{}", links.body);
    let unknown = get(&w.router, "/verify?lang=de", &[("origo_lang", "en".to_owned())], &[]).await;
    assert!(unknown.body.contains("<html lang=\"en\">") && unknown.set_cookie("origo_lang").is_none());
}

async fn too_many_checks_get_the_translated_rate_limit_page(store: origo_store::Store) {
    let settings = WebSettings { public_rate: RateSettings { burst: 2, per_second: 0.01 }, ..WebSettings::default() };
    let w = world_with(store, settings).await;
    // Opening the form without a number and code costs nothing.
    for _ in 0..5 {
        assert_eq!(get(&w.router, "/verify", &english(), &[]).await.status, StatusCode::OK);
    }
    let uri = verify_uri("UZ-2026-000001", "ABCDEFGHJK");
    for _ in 0..2 {
        assert_eq!(get(&w.router, &uri, &english(), &[]).await.status, StatusCode::NOT_FOUND);
    }
    let limited = get(&w.router, &uri, &english(), &[]).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    let seconds: u64 = limited.header("retry-after").parse().expect("Retry-After in seconds");
    assert!((1..=100).contains(&seconds), "{seconds}");
    assert!(limited.body.contains(&format!("Try again in {seconds} s.")), "{}", limited.body);
    assert_page_headers(&limited, "429");
    let uzbek = get(&w.router, &uri, &[("origo_lang", "uz".to_owned())], &[]).await;
    assert!(uzbek.body.contains("Tekshiruvlar juda koʻp"), "{}", uzbek.body);
    // The API's public check shares the limit.
    let api =
        w.call(Method::GET, "/api/v1/public/certificates/UZ-2026-000001?code=X", &Credentials::Anonymous, None).await;
    assert_eq!(api.status, StatusCode::TOO_MANY_REQUESTS);
}

async fn the_rex_lookup_shows_a_registration(store: origo_store::Store) {
    let w = world(store).await;
    let me = w.call(Method::GET, "/api/v1/session", &w.exporter, None).await;
    let id = me.json["exporter_id"].as_str().unwrap().to_owned();
    let registration = w.call(Method::GET, &format!("/api/v1/registrations/{id}"), &w.exporter, None).await;
    let rex = registration.json["rex_number"].as_str().unwrap().to_owned();
    let page = get(&w.router, &format!("/rex?number={rex}"), &english(), &[]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for shown in ["Registered", rex.as_str(), "Furniture 301234567 LLC", "12 Navoi street, Tashkent", "1 May 2026"] {
        assert!(page.body.contains(shown), "{shown:?} missing: {}", page.body);
    }
    let missing = get(&w.router, "/rex?number=UZREX000000000", &english(), &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("No registration found"));
    let form = get(&w.router, "/rex", &english(), &[]).await;
    assert!(form.body.contains("<label for=\"rex-number\">REX number</label>"), "{}", form.body);
}

async fn unknown_paths_get_a_page_and_unknown_api_paths_json(store: origo_store::Store) {
    let w = world(store).await;
    let page = get(&w.router, "/no/such/page", &english(), &[]).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Page not found"), "{}", page.body);
    let api = w.call(Method::GET, "/api/v1/no-such-route", &Credentials::Anonymous, None).await;
    assert_eq!((api.status, api.code()), (StatusCode::NOT_FOUND, "not_found"));
    assert!(api.headers.get("content-security-policy").is_none(), "the API's answers are unchanged");
    let bad = get(&w.router, "/verify?number=%FF%FE", &english(), &[]).await;
    assert!(bad.status.is_client_error(), "{}", bad.status);
}

both_backends!(
    the_verify_page_shows_a_valid_certificate_without_prices,
    a_wrong_code_and_an_unknown_number_get_the_same_page,
    a_revoked_certificate_shows_revoked_with_date_and_reason,
    a_replaced_certificate_links_to_its_replacement,
    input_is_escaped_in_the_page,
    every_page_carries_the_security_headers_and_no_inline_code,
    static_files_have_hashed_names_and_long_cache,
    the_language_switch_sets_a_cookie_that_is_remembered,
    too_many_checks_get_the_translated_rate_limit_page,
    the_rex_lookup_shows_a_registration,
    unknown_paths_get_a_page_and_unknown_api_paths_json,
);
