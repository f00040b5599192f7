//! The administrative-cooperation pages through the router, as a browser uses them: the foreign authority files
//! a request with a document (multipart), the certifier finds it in the list, records a step, is shown a wrong
//! reply again with the error at the field, replies "not confirmed"; the reply's signed JSON downloads and
//! verifies, the public check shows the certificate revoked; overdue requests are marked; another country's
//! authority gets the 404 page; the statistics page counts per country.

use axum::http::{Method, StatusCode};
use origo_documents::signing::{KeySet, SignedDocument};
use serde_json::Value;
use time::macros::datetime;

use crate::common::{Credentials, both_backends};
use crate::pages_client::{File, get, post_documents, post_form, session};
use crate::world::{World, approved_application, login, world};

fn english(who: &Credentials) -> Vec<(&'static str, String)> {
    vec![session(who), ("origo_lang", "en".to_owned())]
}

/// Issues a certificate for DE over the API; its number and security code.
async fn issued(w: &World) -> (String, String) {
    let id = approved_application(w).await;
    let issued = w.call(Method::POST, &format!("/api/v1/applications/{id}/certificate"), &w.certifier, None).await;
    (issued.json["number"].as_str().unwrap().to_owned(), issued.json["security_code"].as_str().unwrap().to_owned())
}

/// The foreign authority files a request on `number` through the form; the request's page.
async fn file(w: &World, number: &str) -> String {
    let cookies = english(&w.foreign_de);
    let form = get(&w.router, &format!("/cooperation/requests/new?number={number}"), &cookies, &[]).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains(&format!("value=\"{number}\"")), "the number is filled in");
    let token = form.csrf_field().unwrap();
    let fields = [
        ("csrf_token", token.as_str()),
        ("certificate_number", number),
        ("statement_hash", ""),
        ("reason_kind", "originating_status"),
        ("reasons", "The importer bought the tables from a trader in a third country."),
    ];
    let files: [File; 1] = [("invoice.pdf", "application/pdf", b"%PDF-1.7 trader invoice")];
    let filed = post_documents(&w.router, "/cooperation/requests", &cookies, &fields, &files).await;
    assert_eq!(filed.status, StatusCode::SEE_OTHER, "{}", filed.body);
    let location = filed.location().to_owned();
    assert!(location.ends_with("?done=filed"), "{location}");
    location.trim_end_matches("?done=filed").to_owned()
}

async fn the_cooperation_loop_in_the_pages(store: origo_store::Store) {
    let w = world(store).await;
    let (number, code) = issued(&w).await;
    let page = file(&w, &number).await;

    // The authority's page: reference, deadline, the document; no investigation.
    let germany = english(&w.foreign_de);
    let filed = get(&w.router, &format!("{page}?done=filed"), &germany, &[]).await;
    assert_eq!(filed.status, StatusCode::OK);
    for text in ["VR-2026-000001", "1 November 2026", "invoice.pdf", "The request was filed", "Open"] {
        assert!(filed.body.contains(text), "{text} missing: {}", filed.body);
    }
    assert!(!filed.body.contains("Record an investigation step"), "no forms for the authority");
    let document = filed.body.split("href=\"").find(|h| h.contains("/documents/")).unwrap();
    let document = &document[..document.find('"').unwrap()];
    let downloaded = get(&w.router, document, &germany, &[]).await;
    assert_eq!((downloaded.status, downloaded.body.as_str()), (StatusCode::OK, "%PDF-1.7 trader invoice"));
    assert!(downloaded.header("content-disposition").starts_with("attachment"));

    // France: the 404 page, for the request and its document.
    let france = english(&w.foreign_fr);
    assert_eq!(get(&w.router, &page, &france, &[]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&w.router, document, &france, &[]).await.status, StatusCode::NOT_FOUND);
    let list = get(&w.router, "/cooperation/requests", &france, &[]).await;
    assert!(!list.body.contains("VR-2026-000001") && list.body.contains("No verification requests."));

    // The certifier: in the list, a step recorded.
    let officer = english(&w.certifier);
    let list = get(&w.router, "/cooperation/requests", &officer, &[]).await;
    assert!(list.body.contains("VR-2026-000001") && list.body.contains("Due in 184 days"), "{}", list.body);
    let detail = get(&w.router, &page, &officer, &[]).await;
    let token = detail.csrf_field().unwrap();
    let step = [
        ("csrf_token", token.as_str()),
        ("kind", "site_visit"),
        ("date", "2026-05-01"),
        ("description", "Visited the workshop: no woodworking machines."),
    ];
    let stepped = post_form(&w.router, &format!("{page}/steps"), &officer, &step).await;
    assert_eq!((stepped.status, stepped.location()), (StatusCode::SEE_OTHER, format!("{page}?done=step").as_str()));

    // A reply without findings comes back with the error at the field; nothing is answered.
    let empty = [("csrf_token", token.as_str()), ("outcome", "not_confirmed"), ("findings", " ")];
    let refused = post_form(&w.router, &format!("{page}/reply"), &officer, &empty).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"findings-error\"") && refused.body.contains("Write the findings."));
    assert!(refused.body.contains("<option value=\"not_confirmed\" selected>"), "the choice is kept");
    let no_outcome = [("csrf_token", token.as_str()), ("outcome", ""), ("findings", "x")];
    let refused = post_form(&w.router, &format!("{page}/reply"), &officer, &no_outcome).await;
    assert!(refused.status == StatusCode::UNPROCESSABLE_ENTITY && refused.body.contains("Choose the outcome."));

    let reply = [
        ("csrf_token", token.as_str()),
        ("outcome", "not_confirmed"),
        ("findings", "The tables were bought ready-made from a trader."),
    ];
    let replied = post_form(&w.router, &format!("{page}/reply"), &officer, &reply).await;
    assert_eq!(replied.status, StatusCode::SEE_OTHER, "{}", replied.body);
    let answered = get(&w.router, replied.location(), &germany, &[]).await;
    for text in ["Not confirmed", "answered within the deadline", "bought ready-made", "reply.json"] {
        assert!(answered.body.contains(text), "{text} missing: {}", answered.body);
    }

    // The signed reply downloads and verifies against the published keys.
    let json = get(&w.router, &format!("{page}/reply.json"), &germany, &[]).await;
    assert_eq!(json.status, StatusCode::OK);
    assert!(json.header("content-disposition").contains("VR-2026-000001-reply.json"));
    let keys = w.call(Method::GET, "/.well-known/origo-keys.json", &Credentials::Anonymous, None).await;
    let signed = SignedDocument::from_json(json.body.as_bytes()).unwrap();
    signed.verify(&KeySet::from_json(&keys.bytes).unwrap()).expect("the downloaded reply verifies");
    assert_eq!(signed.document["outcome"], Value::from("not_confirmed"));

    // The public check shows the certificate revoked.
    let verify = get(&w.router, &format!("/verify?number={number}&code={code}"), &germany, &[]).await;
    assert!(verify.body.contains("answer-revoked"), "{}", verify.body);
}

async fn overdue_requests_are_marked_and_counted(store: origo_store::Store) {
    let w = world(store).await;
    let (number, _) = issued(&w).await;
    file(&w, &number).await;
    // Twenty days before the deadline: due soon; two days after it: overdue. (Sessions last 12 hours: the
    // certifier signs in again on the day.)
    w.service.clock().set(datetime!(2026-10-12 09:00 UTC));
    let certifier = login(&w.router, "certifier").await;
    let officer = english(&certifier);
    let soon = get(&w.router, "/cooperation/requests", &officer, &[]).await;
    assert!(soon.body.contains("class=\"row-warn\"") && soon.body.contains("Due in 20 days"), "{}", soon.body);
    w.service.clock().set(datetime!(2026-11-03 09:00 UTC));
    let certifier = login(&w.router, "certifier").await;
    let officer = english(&certifier);
    let late = get(&w.router, "/cooperation/requests", &officer, &[]).await;
    assert!(late.body.contains("class=\"row-bad\"") && late.body.contains("Overdue by 2 days"), "{}", late.body);
    let stats = get(&w.router, "/cooperation/statistics", &officer, &[]).await;
    assert_eq!(stats.status, StatusCode::OK);
    let row = &stats.body[stats.body.find("<th scope=\"row\">DE</th>").expect("a row for DE")..];
    let cells: Vec<&str> =
        row.split("<td class=\"num\">").skip(1).take(6).map(|c| &c[..c.find('<').unwrap()]).collect();
    // Requests, answered, in time, open, overdue, confirmed.
    assert_eq!(cells, ["1", "0", "0", "1", "1", "0"]);
    assert!(stats.body.contains("None answered"));
    let russian = vec![session(&certifier), ("origo_lang", "ru".to_owned())];
    let late = get(&w.router, "/cooperation/requests", &russian, &[]).await;
    assert!(late.body.contains("Просрочено на 2 дн."), "{}", late.body);
}

async fn a_wrong_filing_is_shown_again_with_the_error_at_the_field(store: origo_store::Store) {
    let w = world(store).await;
    let (number, _) = issued(&w).await;
    let cookies = english(&w.foreign_de);
    let token = get(&w.router, "/cooperation/requests/new", &cookies, &[]).await.csrf_field().unwrap();
    let cases: [(&str, &str, &[File], &str); 4] = [
        ("UZ-2026-999999", "Doubt", &[], "id=\"certificate_number-error\""),
        (&number, " ", &[], "id=\"reasons-error\""),
        (&number, "Doubt", &[("fake.pdf", "application/pdf", b"<html>")], "id=\"documents-error\""),
        ("", "Doubt", &[], "id=\"certificate_number-error\""),
    ];
    for (certificate, reasons, files, error) in cases {
        let fields = [
            ("csrf_token", token.as_str()),
            ("certificate_number", certificate),
            ("reason_kind", "authenticity"),
            ("reasons", reasons),
        ];
        let page = post_documents(&w.router, "/cooperation/requests", &cookies, &fields, files).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{certificate} {reasons}: {}", page.body);
        assert!(page.body.contains(error), "{error} missing: {}", page.body);
        assert!(page.body.contains("<option value=\"authenticity\" selected>"), "the reason is kept");
    }
    let list = w.call(Method::GET, "/api/v1/verification-requests", &w.certifier, None).await;
    assert_eq!(list.json["items"].as_array().map(Vec::len), Some(0), "nothing was filed");
    // A certifier may not file: the 403 page for the form and the post.
    let officer = english(&w.certifier);
    assert_eq!(get(&w.router, "/cooperation/requests/new", &officer, &[]).await.status, StatusCode::FORBIDDEN);
}

both_backends!(
    the_cooperation_loop_in_the_pages,
    overdue_requests_are_marked_and_counted,
    a_wrong_filing_is_shown_again_with_the_error_at_the_field,
);
