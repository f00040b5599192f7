//! The pages in a real browser against the real server: headless Chromium (Debian's `chromium` and
//! `chromium-driver`) and `origo serve` on a fresh SQLite database filled by `origo demo --no-serve`.
//!
//! One walk through the roles: an exporter signs in, self-assesses a product and reads the rule's explanation,
//! fills the application wizard and submits; the certifier finds it in the queue, approves it and issues the
//! certificate; the QR code's link `/verify?number=N&code=C` shows it valid; the certifier revokes it and the
//! same link shows it revoked; the language switch turns the page Russian, then Uzbek, and the choice is
//! remembered; an exporter opening an officer's page gets the 403 page; then administrative cooperation
//! (`cooperation.rs`): the German authority files a verification request, the certifier replies "not confirmed",
//! and the certificate's public page shows it revoked. A PNG of each step is written to
//! `target/browser-artefacts/` (or `$CARGO_TARGET_DIR/browser-artefacts/`).
//!
//! Without chromium and chromedriver the test is skipped with a notice, except on CI (`CI=true`), where it fails.

mod cooperation;
mod driver;
#[path = "../support/server.rs"]
mod server;

use std::process::Command;

use driver::{Browser, Driver, Tools, artefacts_dir};
use server::Server;

/// The demo users' password (`origo demo` prints it).
const PASSWORD: &str = "origo-demo-2026";
/// A registered exporter of the demo: Fargʻona Tekstil, cotton T-shirts.
const EXPORTER: &str = "fergana.textile";
const CERTIFIER: &str = "certifier";

/// A text of the pages' catalogue in `lang`, as the server shows it.
fn catalogue(lang: &str, key: &str) -> String {
    let text = match lang {
        "en" => include_str!("../../../origo-web/i18n/en.txt"),
        "ru" => include_str!("../../../origo-web/i18n/ru.txt"),
        "uz" => include_str!("../../../origo-web/i18n/uz.txt"),
        other => panic!("no catalogue {other}"),
    };
    text.lines()
        .filter_map(|line| line.split_once(" = "))
        .find(|(k, _)| k.trim() == key)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_else(|| panic!("{key} is not in {lang}.txt"))
}

/// A fresh demo database in `dir`, served; with what `origo demo` printed (its certificates and their codes).
fn demo_server(dir: &std::path::Path) -> (Server, String) {
    let filled = Command::new(env!("CARGO_BIN_EXE_origo"))
        .args(["demo", "--no-serve"])
        .current_dir(dir)
        .env_remove("ORIGO_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(filled.status.success(), "{}", String::from_utf8_lossy(&filled.stderr));
    (Server::start("sqlite://origo-demo.db", dir, &[]), String::from_utf8_lossy(&filled.stdout).into_owned())
}

/// The exporter self-assesses cotton T-shirts under the EU GSP and sees the rule explained step by step.
async fn self_assessment(browser: &mut Browser) {
    browser.goto("/exporter/assess").await;
    browser.choose("scheme", "eu-gsp").await;
    browser.fill("hs", "610910").await;
    browser.fill("description", "Men's T-shirts of cotton, knitted").await;
    browser.fill("ex_works_price", "6000").await;
    browser.fill("processes", "spinning, knitting, dyeing, cutting, making_up").await;
    for (row, hs, what, country, value, originating) in
        [("m0", "520100", "Raw cotton", "UZ", "1800", "yes"), ("m1", "550810", "Sewing thread", "TR", "60", "no")]
    {
        browser.fill(&format!("{row}_hs"), hs).await;
        browser.fill(&format!("{row}_description"), what).await;
        browser.fill(&format!("{row}_country"), country).await;
        browser.fill(&format!("{row}_value"), value).await;
        browser.choose(&format!("{row}_originating"), originating).await;
    }
    browser.click(".form-actions button[value='assess']").await;
    browser.wait("#result .outcome-originating").await;
    let heading = browser.text("#result .outcome-heading").await;
    assert!(heading.contains("W 61.09"), "the criterion is named: {heading}");
    let rule = browser.text("#result .facts code").await;
    assert!(rule.contains("P(knitting)"), "the rule is shown: {rule}");
    let steps = browser.client.find_all(fantoccini::Locator::Css("#result ol.steps li")).await.unwrap();
    assert!(steps.len() >= 3, "the explanation goes step by step: {} steps", steps.len());
    browser.shot("exporter-self-assessment").await;
}

/// The exporter fills the wizard (a CT-1 to Russia), saves, and submits; the application's id.
async fn application(browser: &mut Browser) -> String {
    browser.goto("/exporter/applications/new").await;
    browser.click("#kind-ct1").await;
    for (id, value) in [
        ("importing_country", "RU"),
        ("consignee_name", "OOO Tekstil-Torg"),
        ("consignee_country", "RU"),
        ("consignee_address", "ul. Bolshaya Cherkizovskaya 24, 107553 Moscow"),
        ("transport", "Road, Fergana - Moscow"),
        ("invoice_number", "FT-2026-0500"),
        ("currency", "EUR"),
        ("i0_hs", "610910"),
        ("i0_description", "Men's T-shirts of cotton, knitted, crew neck"),
        ("i0_quantity", "3000"),
        ("i0_unit", "PCE"),
        ("i0_gross_weight", "630"),
        ("i0_net_weight", "600"),
        ("i0_value", "9600"),
        ("i0_ex_works_price", "9600"),
        ("i0_processes", "spinning, knitting, dyeing, cutting, making_up, packing"),
        ("i0_m0_hs", "520100"),
        ("i0_m0_description", "Raw cotton, ginned"),
        ("i0_m0_country", "UZ"),
        ("i0_m0_value", "2880"),
        ("i0_m1_hs", "550810"),
        ("i0_m1_description", "Polyester sewing thread"),
        ("i0_m1_country", "TR"),
        ("i0_m1_value", "120"),
    ] {
        browser.fill(id, value).await;
    }
    browser.choose("i0_m0_originating", "yes").await;
    browser.shot("exporter-wizard").await;
    browser.click(".form-actions button[value='save']").await;
    browser.wait(".answer.state-draft").await;
    let location = browser.location().await;
    let id = location.strip_prefix("/exporter/applications/").unwrap_or_else(|| panic!("saved to {location}"));
    let id = id.to_owned();
    browser.click(&format!("form[action='/exporter/applications/{id}/submit'] button")).await;
    browser.wait(".answer.state-submitted").await;
    browser.shot("exporter-submitted").await;
    id
}

/// The certifier finds the application in the queue, approves it and issues the certificate; its number,
/// security code and the officer's page of it.
async fn approve_and_issue(browser: &mut Browser, id: &str) -> (String, String, String) {
    let dossier = format!("/officer/applications/{id}");
    browser.goto("/officer/queue").await;
    browser.shot("certifier-queue").await;
    browser.click(&format!("a[href='{dossier}']")).await;
    browser.wait("#decision-approve").await;
    assert_eq!(browser.location().await, dossier);
    browser.click("#decision-approve").await;
    browser.click(&format!("form[action='{dossier}/examination'] button[type='submit']")).await;
    browser.wait(&format!("form[action='{dossier}/certificate'] button")).await;
    assert!(browser.location().await.ends_with("done=approved"), "{}", browser.location().await);
    browser.shot("certifier-approved").await;
    browser.click(&format!("form[action='{dossier}/certificate'] button")).await;
    let code = browser.text(".security-code").await;
    let heading = browser.text("h1").await;
    let number = heading.split_whitespace().last().unwrap_or_default().to_owned();
    assert!(number.starts_with("UZ-") && code.len() == 10, "issued {heading:?} with code {code:?}");
    let certificate = browser.attr("a[href^='/officer/certificates/']", "href").await;
    browser.shot("certifier-issued").await;
    (number, code, certificate)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_roles_walk_through_the_pages_in_a_real_browser() {
    let Some(tools) = Tools::find() else { return };
    let artefacts = artefacts_dir();
    let _ = std::fs::remove_dir_all(&artefacts);
    let dir = tempfile::tempdir().unwrap();
    let (server, demo_output) = demo_server(dir.path());
    let base = format!("http://{}", server.address);
    let driver = Driver::start(&tools.chromedriver).await;
    let mut browser = Browser::open(&driver, &tools.chromium, base.clone(), artefacts).await;

    // The exporter: self-assessment, then an application.
    browser.sign_in(EXPORTER, PASSWORD).await;
    self_assessment(&mut browser).await;
    let id = application(&mut browser).await;
    browser.sign_out().await;

    // The certifier approves and issues.
    browser.sign_in(CERTIFIER, PASSWORD).await;
    let (number, code, certificate) = approve_and_issue(&mut browser, &id).await;

    // The QR code's link: valid.
    let link = format!("/verify?number={number}&code={code}");
    browser.goto(&link).await;
    assert_eq!(browser.text(".answer-valid .status-badge").await, catalogue("en", "verify.status.valid"));
    assert!(browser.text(".answer-valid dl.facts").await.contains("Fargʻona Tekstil"), "the exporter is named");
    browser.shot("verify-valid").await;

    // Revoked by the certifier, and the same link says so.
    browser.goto(&certificate).await;
    browser.fill("revoke-reasons", "The consignment was cancelled by the buyer before shipment.").await;
    browser.click(&format!("form[action='{certificate}/revocation'] button")).await;
    browser.wait(".notice-good").await;
    browser.wait(".answer-revoked").await;
    assert!(browser.location().await.ends_with("done=revoked"), "{}", browser.location().await);
    browser.shot("certifier-revoked").await;
    browser.goto(&link).await;
    let status = browser.text(".answer-revoked .status-badge").await;
    assert!(status.starts_with("Revoked on"), "{status}");
    assert!(!browser.has(".answer-valid").await);
    browser.shot("verify-revoked").await;

    // The language switch keeps the page and its query, and the choice is remembered.
    for (lang, then) in [("ru", "/verify"), ("uz", "/")] {
        browser.click(&format!("nav.langs a[hreflang='{lang}']")).await;
        browser.wait(&format!("html[lang='{lang}']")).await;
        assert_eq!(browser.location().await, format!("{link}&lang={lang}"));
        assert_eq!(browser.text("h1").await, catalogue(lang, "verify.heading"));
        let revoked = catalogue(lang, "verify.status.revoked");
        let status = browser.text(".answer-revoked .status-badge").await;
        let fixed = revoked.split("{date}").find(|part| !part.trim().is_empty()).unwrap().trim();
        assert!(status.contains(fixed), "{lang}: {status} says {fixed}");
        browser.shot(&format!("verify-revoked-{lang}")).await;
        browser.goto(then).await;
        browser.wait(&format!("html[lang='{lang}']")).await;
        assert!(browser.has(&format!("nav.langs a[hreflang='{lang}'][aria-current='true']")).await);
        browser.goto(&link).await;
    }
    browser.sign_out().await;

    // An exporter is refused an officer's page: the 403 page, in the language chosen.
    browser.sign_in(EXPORTER, PASSWORD).await;
    browser.goto("/officer/queue").await;
    assert_eq!(browser.text("h1").await, catalogue("uz", "error.forbidden.title"));
    assert!(!browser.has("table").await, "no queue is shown");
    browser.shot("exporter-refused-officer-page").await;
    let session = browser.cookie("origo_session").await;
    let answer = reqwest::Client::new()
        .get(format!("{base}/officer/queue"))
        .header("Cookie", format!("origo_session={session}"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 403, "{}", server.log());
    browser.sign_out().await;

    // Administrative cooperation: a verification request, replied "not confirmed", revokes the certificate.
    cooperation::walk(&mut browser, &demo_output, dir.path(), PASSWORD).await;

    browser.close().await;
    drop(driver);
    drop(server);
}
