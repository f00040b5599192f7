//! The administrative-cooperation loop in the browser: the German customs authority (`foreign.de`) files a
//! verification request, with a document, about a valid demo certificate bound for Germany; the certifier opens
//! it from the list, records a site visit and replies "not confirmed" with findings; the certificate's public
//! page (`/verify?number=N&code=C`) then shows it revoked, and the authority reads the reply and its signed JSON.

use crate::driver::Browser;

const FOREIGN_AUTHORITY: &str = "foreign.de";

/// The number and security code of the demo certificate whose verification was confirmed (still valid, bound
/// for Germany), as `origo demo` printed them.
fn confirmed_certificate(demo_output: &str) -> (String, String) {
    let line = demo_output
        .lines()
        .find(|line| line.contains("verification answered: confirmed"))
        .unwrap_or_else(|| panic!("no confirmed verification in the demo's summary:\n{demo_output}"));
    let mut words = line.split_whitespace();
    let (number, code) = (words.next().unwrap().to_owned(), words.next().unwrap().to_owned());
    assert!(number.starts_with("UZ-") && code.len() == 10, "{line}");
    (number, code)
}

/// The walk; `demo_output` is what `origo demo` printed, `dir` a directory for the document to upload.
pub async fn walk(browser: &mut Browser, demo_output: &str, dir: &std::path::Path, password: &str) {
    let (number, code) = confirmed_certificate(demo_output);
    browser.goto("/?lang=en").await;
    browser.wait("html[lang='en']").await;

    // The foreign authority files the request, with a document.
    browser.sign_in(FOREIGN_AUTHORITY, password).await;
    browser.goto("/cooperation/requests").await;
    browser.wait("table").await;
    browser.shot("foreign-authority-requests").await;
    browser.click("a[href='/cooperation/requests/new']").await;
    browser.fill("certificate_number", &number).await;
    browser.choose("reason_kind", "originating_status").await;
    browser.fill("reasons", "The importer's records name a trader in a third country as the seller.").await;
    let document = dir.join("purchase-invoice.pdf");
    std::fs::write(&document, b"%PDF-1.7\n% the importer's purchase invoice\n").unwrap();
    // A file input takes the file's path as typed keys (and cannot be cleared first).
    let input = browser.wait("#documents").await;
    input.send_keys(&document.display().to_string()).await.expect("the file is chosen");
    browser.shot("foreign-authority-files").await;
    browser.click("form[action='/cooperation/requests'] button[type='submit']").await;
    browser.wait(".notice-good").await;
    let location = browser.location().await;
    let page = location.strip_suffix("?done=filed").unwrap_or_else(|| panic!("filed to {location}")).to_owned();
    let heading = browser.text("h1").await;
    let reference = heading.split_whitespace().last().unwrap_or_default().to_owned();
    assert!(reference.starts_with("VR-"), "{heading}");
    assert!(browser.text("main").await.contains("purchase-invoice.pdf"), "the document is listed");
    browser.shot("foreign-authority-filed").await;
    browser.sign_out().await;

    // The certifier opens it from the list, records a site visit and replies "not confirmed".
    browser.sign_in(crate::CERTIFIER, password).await;
    browser.goto("/cooperation/requests").await;
    browser.shot("certifier-requests").await;
    browser.click(&format!("a[href='{page}']")).await;
    browser.choose("kind", "site_visit").await;
    browser.fill("description", "Visited the workshop: no woodworking machines, tables stored in their packing.").await;
    browser.click(&format!("form[action='{page}/steps'] button[type='submit']")).await;
    browser.wait(".notice-good").await;
    assert!(browser.location().await.ends_with("done=step"), "{}", browser.location().await);
    browser.choose("outcome", "not_confirmed").await;
    browser.fill("findings", "The exporter bought the tables ready-made from a trader; origin is not shown.").await;
    browser.shot("certifier-replies").await;
    browser.click(&format!("form[action='{page}/reply'] button[type='submit']")).await;
    browser.wait(".answer-revoked").await;
    assert!(browser.location().await.ends_with("done=replied"), "{}", browser.location().await);
    browser.shot("certifier-replied").await;

    // The public page of the certificate shows it revoked.
    browser.goto(&format!("/verify?number={number}&code={code}")).await;
    let status = browser.text(".answer-revoked .status-badge").await;
    assert!(status.starts_with("Revoked on"), "{status}");
    assert!(browser.text(".answer-revoked").await.contains(&reference), "the reason names the request");
    browser.shot("verify-revoked-after-verification").await;
    browser.sign_out().await;

    // The authority reads the reply and can take its signed JSON.
    browser.sign_in(FOREIGN_AUTHORITY, password).await;
    browser.goto(&page).await;
    browser.wait(".answer-revoked").await;
    let download = browser.attr(&format!("a[href='{page}/reply.json']"), "href").await;
    assert!(download.ends_with("/reply.json"), "{download}");
    browser.shot("foreign-authority-reads-reply").await;
    browser.sign_out().await;
}
