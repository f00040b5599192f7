//! The exporter's pages through the router, as a browser uses them (forms with their CSRF tokens, multipart
//! uploads, downloads): sign-up to a submitted application, the self-assessment on real cases, CSV rows with
//! errors (in pages_exporter_assess.rs), other exporters' records, the signed JSON and the buyer's copy, statements on origin, and every page in
//! the three languages.

use axum::Router;
use axum::http::{Method, StatusCode};
use origo_documents::disclosure::SignedDisclosure;
use origo_service::registry::RegistrationDecision;
use serde_json::{Value, json};

use crate::common::{Credentials, T0, both_backends};
use crate::pages_client::{Page, Part, get, post_form, post_multipart, session};
use crate::pages_exporter_assess::{assess, case_file, case_form};
use crate::world::{World, approved_application, furniture, statement_application, world};

/// A session's cookies, in English.
pub(crate) fn english(who: &Credentials) -> Vec<(&'static str, String)> {
    vec![session(who), ("origo_lang", "en".to_owned())]
}

/// The CSRF token of a signed-in visitor (any page's forms carry it).
pub(crate) async fn token_of(router: &Router, cookies: &[(&str, String)]) -> String {
    let page = get(router, "/exporter/assess", cookies, &[]).await;
    page.csrf_field().expect("a CSRF field on the self-assessment form")
}

/// The furniture of `world::furniture` as the wizard's form fields.
fn furniture_form(token: &str) -> Vec<(&'static str, String)> {
    [
        ("csrf_token", token),
        ("kind", "non_preferential"),
        ("importing_country", "de"),
        ("consignee_name", "Möbel GmbH"),
        ("consignee_address", "1 Hafenstraße, Hamburg"),
        ("consignee_country", "DE"),
        ("transport", "By road"),
        ("invoice_number", "INV-7"),
        ("invoice_date", "2026-04-28"),
        ("currency", "EUR"),
        ("items", "1"),
        ("i0_hs", "9403.60"),
        ("i0_description", "Wooden furniture"),
        ("i0_quantity", "20"),
        ("i0_unit", "PCE"),
        ("i0_gross_weight", "410"),
        ("i0_net_weight", "400"),
        ("i0_value", "1 000,00"),
        ("i0_ex_works_price", "1000"),
        ("i0_processes", "cutting, planing, assembly, painting"),
        ("i0_wholly_obtained", ""),
        ("i0_rows", "2"),
        ("i0_m0_hs", "440799"),
        ("i0_m0_description", "sawn wood"),
        ("i0_m0_country", "CN"),
        ("i0_m0_value", "400"),
        ("i0_m0_weight", ""),
        ("i0_m0_originating", "no"),
        ("action", "save"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

fn pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The id in a `Location: /exporter/applications/<id>`.
fn application_id(page: &Page) -> String {
    let location = page.location();
    location.strip_prefix("/exporter/applications/").unwrap_or_else(|| panic!("{location}: {}", page.body)).to_owned()
}

async fn signing_up_registering_and_applying_through_the_forms(store: origo_store::Store) {
    let w = world(store).await;
    let form = get(&w.router, "/signup", &[("origo_lang", "en".to_owned())], &[]).await;
    assert_eq!(form.status, StatusCode::OK);
    let cookies = vec![("origo_lang", "en".to_owned()), ("origo_csrf", form.cookie("origo_csrf").unwrap())];
    let token = form.csrf_field().unwrap();
    let mut sign_up = vec![
        ("csrf_token", token.as_str()),
        ("username", "newcomer"),
        ("display_name", "Dilnoza Karimova"),
        ("password", "a long password"),
        ("password_confirm", "another password"),
    ];
    let mismatch = post_form(&w.router, "/signup", &cookies, &sign_up).await;
    assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        mismatch.body.contains("The two passwords differ.")
            && mismatch.body.contains("aria-describedby=\"password_confirm-error\"")
    );
    assert!(mismatch.set_cookie("origo_session").is_none());
    sign_up[4].1 = "a long password";
    let taken = [("username", "exporter")];
    let refused =
        post_form(&w.router, "/signup", &cookies, &[sign_up[0], taken[0], sign_up[2], sign_up[3], sign_up[4]]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(refused.body.contains("This username is taken."));
    let signed_up = post_form(&w.router, "/signup", &cookies, &sign_up).await;
    assert_eq!(
        (signed_up.status, signed_up.location()),
        (StatusCode::SEE_OTHER, "/exporter/registration"),
        "{}",
        signed_up.body
    );
    let me = Credentials::Cookie(signed_up.cookie("origo_session").expect("signed in at once"));
    let mine = english(&me);

    // The registration form, refused without the undertakings, then filed.
    let form = get(&w.router, "/exporter/registration", &mine, &[]).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Apply for registration"), "{}", form.body);
    let token = form.csrf_field().unwrap();
    let mut data = vec![
        ("csrf_token", token.as_str()),
        ("name", "Silk Road Textiles LLC"),
        ("address", "5 Amir Temur avenue, Tashkent"),
        ("country", "uz"),
        ("tin", "305 555 777"),
        ("activity", "production"),
        ("goods_description", "Wooden furniture"),
        ("hs_headings", "9403, 4418"),
        ("consent_to_publication", "yes"),
    ];
    let without = post_form(&w.router, "/exporter/registration", &mine, &data).await;
    assert_eq!(without.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(without.body.contains("The undertakings must be accepted to apply."));
    assert!(without.body.contains("value=\"Silk Road Textiles LLC\""), "the form keeps its values");
    data.push(("undertakings_accepted", "yes"));
    let filed = post_form(&w.router, "/exporter/registration", &mine, &data).await;
    assert_eq!((filed.status, filed.location()), (StatusCode::SEE_OTHER, "/exporter/registration"), "{}", filed.body);
    let status = get(&w.router, "/exporter/registration", &mine, &[]).await;
    assert!(status.body.contains("Applied, being examined"), "{}", status.body);

    // The certifier registers the company: the page shows the REX number.
    let certifier = w.service.login("certifier", crate::world::PASSWORD).await.unwrap().caller;
    let pending = w.service.registrations(&certifier, None, None, 10).await.unwrap();
    let applied = pending.iter().find(|e| e.data.tin == "305 555 777").expect("the application is filed");
    let decision = RegistrationDecision::Register { valid_from: T0.date(), reasons: "complete".into() };
    w.service.decide_registration(&certifier, applied.id, decision).await.unwrap();
    let registered = get(&w.router, "/exporter/registration", &mine, &[]).await;
    assert!(
        registered.body.contains("Registered") && registered.body.contains("UZREX305555777"),
        "{}",
        registered.body
    );
    let dashboard = get(&w.router, "/exporter", &mine, &[]).await;
    assert!(dashboard.body.contains("UZREX305555777") && dashboard.body.contains("No applications yet."));

    // The wizard: a row added without script, then saved as a draft with a bad row refused first.
    let token = get(&w.router, "/exporter/applications/new", &mine, &[]).await.csrf_field().unwrap();
    let mut fields = furniture_form(&token);
    fields.retain(|(k, _)| *k != "action");
    fields.push(("action", "add_row:i0_".to_owned()));
    let grown = post_form(&w.router, "/exporter/applications/new", &mine, &pairs(&fields)).await;
    assert_eq!(grown.status, StatusCode::OK);
    assert!(grown.body.contains("name=\"i0_m2_hs\""), "a third row was added");
    assert!(grown.body.contains("value=\"sawn wood\""), "the rows typed are kept");
    let mut bad = furniture_form(&token);
    bad.iter_mut().find(|(k, _)| *k == "i0_m0_value").unwrap().1 = "four hundred".into();
    let refused = post_form(&w.router, "/exporter/applications/new", &mine, &pairs(&bad)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"i0_m0_value-error\">not a number"), "{}", refused.body);
    let saved = post_form(&w.router, "/exporter/applications/new", &mine, &pairs(&furniture_form(&token))).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let id = application_id(&saved);
    let draft = get(&w.router, &format!("/exporter/applications/{id}"), &mine, &[]).await;
    assert_eq!(draft.status, StatusCode::OK);
    assert!(draft.body.contains("Draft") && draft.body.contains("Möbel GmbH"), "{}", draft.body);

    // Evidence: a file whose content is not its type is refused next to the field; a real PDF is listed.
    let token = draft.csrf_field().unwrap();
    let evidence = format!("/exporter/applications/{id}/evidence");
    let fake = [
        Part::Field("csrf_token", &token),
        Part::File { name: "file", file_name: "invoice.pdf", media_type: "application/pdf", bytes: b"not a pdf" },
    ];
    let wrong = post_multipart(&w.router, &evidence, &mine, &fake).await;
    assert_eq!(wrong.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{}", wrong.body);
    assert!(wrong.body.contains("id=\"file-error\""), "{}", wrong.body);
    let pdf = [
        Part::Field("csrf_token", &token),
        Part::File {
            name: "file",
            file_name: "invoice.pdf",
            media_type: "application/pdf",
            bytes: b"%PDF-1.7 invoice",
        },
    ];
    let uploaded = post_multipart(&w.router, &evidence, &mine, &pdf).await;
    assert_eq!(uploaded.status, StatusCode::SEE_OTHER, "{}", uploaded.body);

    // Submitted: origin is determined and explained on the page, the history says so.
    let submitted =
        post_form(&w.router, &format!("/exporter/applications/{id}/submit"), &mine, &[("csrf_token", &token)]).await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER, "{}", submitted.body);
    let page = get(&w.router, &format!("/exporter/applications/{id}"), &mine, &[]).await;
    assert!(page.body.contains("Submitted") && page.body.contains("Originating, criterion"), "{}", page.body);
    assert!(page.body.contains("invoice.pdf") && !page.body.contains("Edit the application"));
    let answer = w.call(Method::GET, &format!("/api/v1/applications/{id}"), &me, None).await;
    assert_eq!(answer.json["application"]["state"], "submitted", "{:?}", answer.json);
    assert_eq!(answer.json["items"][0]["materials"][0]["value"], "400", "{:?}", answer.json);
}

async fn a_request_for_information_is_answered_by_editing_and_submitting_again(store: origo_store::Store) {
    let w = world(store).await;
    let created = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    let id = created.json["id"].as_str().unwrap().to_owned();
    let submitted = w.call(Method::POST, &format!("/api/v1/applications/{id}/submit"), &w.exporter, None).await;
    assert_eq!(submitted.status, StatusCode::OK);
    let question = json!({"decision": "request_information", "reasons": "Name the supplier of the sawn wood."});
    let asked =
        w.call(Method::POST, &format!("/api/v1/applications/{id}/examination"), &w.certifier, Some(question)).await;
    assert_eq!(asked.status, StatusCode::OK, "{:?}", asked.json);
    let cookies = english(&w.exporter);
    let page = get(&w.router, &format!("/exporter/applications/{id}"), &cookies, &[]).await;
    assert!(page.body.contains("Information requested") && page.body.contains("What the certifier asked"));
    assert!(page.body.contains("Name the supplier of the sawn wood."), "{}", page.body);
    let dashboard = get(&w.router, "/exporter", &cookies, &[]).await;
    assert!(
        dashboard.body.contains("Answer the certifier&#39;s questions")
            || dashboard.body.contains("Answer the certifier")
    );
    let edit = get(&w.router, &format!("/exporter/applications/{id}/edit"), &cookies, &[]).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.body.contains("value=\"440799\"") && edit.body.contains("value=\"Möbel GmbH\""), "{}", edit.body);
    let token = edit.csrf_field().unwrap();
    let mut fields = furniture_form(&token);
    fields.iter_mut().find(|(k, _)| *k == "i0_m0_description").unwrap().1 = "sawn oak, supplier Shandong Timber".into();
    let saved = post_form(&w.router, &format!("/exporter/applications/{id}/edit"), &cookies, &pairs(&fields)).await;
    assert_eq!(
        (saved.status, saved.location()),
        (StatusCode::SEE_OTHER, format!("/exporter/applications/{id}").as_str())
    );
    let again =
        post_form(&w.router, &format!("/exporter/applications/{id}/submit"), &cookies, &[("csrf_token", &token)]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    let page = get(&w.router, &format!("/exporter/applications/{id}"), &cookies, &[]).await;
    assert!(page.body.contains("<span class=\"status-badge\">Submitted</span>"), "{}", page.body);
    let history = &page.body[page.body.find("<h2>History</h2>").unwrap()..];
    let order: Vec<usize> =
        ["<td>Created</td>", "<td>Submitted</td>", "<td>Information requested</td>", "<td>Changed</td>"]
            .iter()
            .map(|event| history.find(event).unwrap_or_else(|| panic!("{event}: {history}")))
            .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "in order: {order:?}");
    assert_eq!(history.matches("<td>Submitted</td>").count(), 2);
    let stored = w.call(Method::GET, &format!("/api/v1/applications/{id}"), &w.exporter, None).await;
    assert_eq!(stored.json["items"][0]["materials"][0]["description"], "sawn oak, supplier Shandong Timber");
    // Once submitted, it can no longer be edited.
    let late = post_form(&w.router, &format!("/exporter/applications/{id}/edit"), &cookies, &pairs(&fields)).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(late.body.contains("This application can no longer be changed."));
}

async fn an_exporter_cannot_open_another_exporters_records(store: origo_store::Store) {
    let w = world(store).await;
    let id = statement_application(&w, &w.other_exporter).await;
    let cookies = english(&w.exporter);
    for uri in [
        format!("/exporter/applications/{id}"),
        format!("/exporter/applications/{id}/edit"),
        format!("/exporter/applications/{id}/statement"),
        "/exporter/applications/not-an-id".to_owned(),
    ] {
        let page = get(&w.router, &uri, &cookies, &[]).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(page.body.contains("<html lang=\"en\">"), "the translated 404 page");
    }
    let token = token_of(&w.router, &cookies).await;
    let submit =
        post_form(&w.router, &format!("/exporter/applications/{id}/submit"), &cookies, &[("csrf_token", &token)]).await;
    assert_eq!(submit.status, StatusCode::NOT_FOUND);
    let statement = [("csrf_token", token.as_str()), ("place", "Tashkent"), ("date", "2026-05-01")];
    let made = post_form(&w.router, &format!("/exporter/applications/{id}/statement"), &cookies, &statement).await;
    assert_eq!(made.status, StatusCode::NOT_FOUND);
    // Its owner sees it.
    let own = get(&w.router, &format!("/exporter/applications/{id}"), &english(&w.other_exporter), &[]).await;
    assert_eq!(own.status, StatusCode::OK);
}

async fn issued(w: &World) -> (String, String) {
    let application = approved_application(w).await;
    let issued =
        w.call(Method::POST, &format!("/api/v1/applications/{application}/certificate"), &w.certifier, None).await;
    assert_eq!(issued.status, StatusCode::CREATED, "{:?}", issued.json);
    (issued.json["certificate_id"].as_str().unwrap().to_owned(), issued.json["number"].as_str().unwrap().to_owned())
}

async fn the_signed_json_and_the_buyers_copy_verify(store: origo_store::Store) {
    let w = world(store).await;
    let (id, number) = issued(&w).await;
    let cookies = english(&w.exporter);
    let page = get(&w.router, &format!("/exporter/certificates/{id}"), &cookies, &[]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(&number) && page.body.contains("Valid") && page.body.contains("signed.json"));
    assert!(!page.body.contains(".pdf"), "no PDF link yet");
    let dashboard = get(&w.router, "/exporter", &cookies, &[]).await;
    assert!(dashboard.body.contains(&format!("href=\"/exporter/certificates/{id}\"")), "{}", dashboard.body);
    let keys = w.service.key_set().await.unwrap();

    let download = get(&w.router, &format!("/exporter/certificates/{id}/signed.json"), &cookies, &[]).await;
    assert_eq!(download.status, StatusCode::OK);
    assert!(download.header("content-disposition").contains(&format!("attachment; filename=\"{number}.json\"")));
    let verified =
        origo_documents::verify::verify(download.body.as_bytes(), &keys, None).expect("the download verifies");
    assert!(format!("{verified:?}").contains(&number));
    let mut tampered: Value = serde_json::from_str(&download.body).unwrap();
    tampered["document"]["items"][0]["description"] = json!("Steel furniture");
    assert!(origo_documents::verify::verify(tampered.to_string().as_bytes(), &keys, None).is_err(), "a change fails");

    let token = page.csrf_field().unwrap();
    let form = [("csrf_token", token.as_str()), ("hide", "prices"), ("hide", "invoices")];
    let copy = post_form(&w.router, &format!("/exporter/certificates/{id}/buyer-copy"), &cookies, &form).await;
    assert_eq!(copy.status, StatusCode::OK, "{}", copy.body);
    assert!(copy.header("content-disposition").contains("buyer-copy.json"));
    let disclosure = SignedDisclosure::from_json(copy.body.as_bytes()).expect("a disclosure document");
    let shown = disclosure.verify(&keys).expect("the buyer's copy verifies");
    let item = &shown.document["items"][0];
    assert!(item.get("value").is_none() && item.get("invoice").is_none(), "hidden: {item}");
    assert_eq!(item["description"], "Wooden furniture");
    assert!(shown.hidden >= 3, "value amount, currency, invoice number and date are hidden: {}", shown.hidden);
    assert!(!copy.body.contains("INV-7") && !copy.body.contains("1000.00"), "the hidden values are not in the file");
    let mut forged = disclosure.clone();
    forged.leaves.iter_mut().find(|l| l.value == json!("Wooden furniture")).unwrap().value = json!("Steel furniture");
    assert!(forged.verify(&keys).is_err(), "a changed field fails");

    // Another exporter gets nothing.
    let theirs = english(&w.other_exporter);
    for uri in [format!("/exporter/certificates/{id}"), format!("/exporter/certificates/{id}/signed.json")] {
        assert_eq!(get(&w.router, &uri, &theirs, &[]).await.status, StatusCode::NOT_FOUND, "{uri}");
    }
}

async fn the_statement_text_carries_the_rex_number(store: origo_store::Store) {
    let w = world(store).await;
    let id = statement_application(&w, &w.exporter).await;
    let cookies = english(&w.exporter);
    let uri = format!("/exporter/applications/{id}/statement");
    let form = get(&w.router, &uri, &cookies, &[]).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("value=\"Tashkent\"") && form.body.contains("value=\"2026-05-01\""), "defaults");
    let token = form.csrf_field().unwrap();
    let future = [("csrf_token", token.as_str()), ("place", "Tashkent"), ("date", "2026-06-01")];
    let refused = post_form(&w.router, &uri, &cookies, &future).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"date-error\">The date must be today or earlier."), "{}", refused.body);
    let fields = [
        ("csrf_token", token.as_str()),
        ("place", "Tashkent"),
        ("date", "2026-05-01"),
        ("document_reference", "Invoice INV-7 of 2026-04-28"),
    ];
    let made = post_form(&w.router, &uri, &cookies, &fields).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let start = made.body.find("id=\"statement-text\"").expect("the text block");
    let text_area = &made.body[start..made.body[start..].find("</textarea>").unwrap() + start];
    assert!(text_area.contains("UZREX301234567") && text_area.contains("Invoice INV-7 of 2026-04-28"), "{text_area}");
    let listed = w.call(Method::GET, "/api/v1/statements", &w.exporter, None).await;
    let hash = listed.json["items"][0]["text_hash"].as_str().unwrap().to_owned();
    assert!(made.body.contains(&hash), "the SHA-256 is shown");
    // Shown again on a later visit, and listed on the dashboard.
    assert!(get(&w.router, &uri, &cookies, &[]).await.body.contains("UZREX301234567"));
    assert!(get(&w.router, "/exporter", &cookies, &[]).await.body.contains(&hash));
}

/// Catalogue keys shown as text: a missing translation shows its key (`exporter.assess.title`).
fn untranslated(body: &str) -> Vec<&str> {
    body.match_indices("exporter.")
        .map(|(at, _)| {
            &body[at..body[at..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
                .map_or(body.len(), |end| at + end)]
        })
        .filter(|key| {
            key.len() > "exporter.".len() && key["exporter.".len()..].starts_with(|c: char| c.is_ascii_lowercase())
        })
        .collect()
}

/// Element ids used twice in a page (labels and aria-describedby would point at the wrong one).
fn duplicate_ids(body: &str) -> Vec<&str> {
    let mut seen = std::collections::BTreeSet::new();
    let mut twice = Vec::new();
    for (at, _) in body.match_indices(" id=\"") {
        let rest = &body[at + 5..];
        let id = &rest[..rest.find('"').unwrap()];
        if !seen.insert(id) {
            twice.push(id);
        }
    }
    twice
}

/// Every exporter page in each language: no text is missing (a missing key shows as the key itself).
async fn every_exporter_page_is_translated(store: origo_store::Store) {
    let w = world(store).await;
    let (certificate, _) = issued(&w).await;
    let statement = statement_application(&w, &w.exporter).await;
    let draft = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    let draft = draft.json["id"].as_str().unwrap().to_owned();
    let pages = [
        "/exporter".to_owned(),
        "/exporter/registration".to_owned(),
        "/exporter/assess".to_owned(),
        "/exporter/applications/new".to_owned(),
        format!("/exporter/applications/{draft}"),
        format!("/exporter/applications/{draft}/edit"),
        format!("/exporter/applications/{statement}"),
        format!("/exporter/applications/{statement}/statement"),
        format!("/exporter/certificates/{certificate}"),
    ];
    for lang in ["uz", "ru", "en"] {
        let cookies = vec![session(&w.exporter), ("origo_lang", lang.to_owned())];
        let anonymous = get(&w.router, "/signup", &[("origo_lang", lang.to_owned())], &[]).await;
        assert_eq!(anonymous.status, StatusCode::OK);
        assert_eq!(untranslated(&anonymous.body), Vec::<&str>::new(), "{lang} /signup");
        for uri in &pages {
            let page = get(&w.router, uri, &cookies, &[]).await;
            assert_eq!(page.status, StatusCode::OK, "{lang} {uri}: {}", page.body);
            assert!(page.body.contains(&format!("<html lang=\"{lang}\">")), "{lang} {uri}");
            assert_eq!(untranslated(&page.body), Vec::<&str>::new(), "{lang} {uri}");
            assert_eq!(duplicate_ids(&page.body), Vec::<&str>::new(), "{lang} {uri}");
        }
    }
    // The self-assessment with a result, in each language.
    let token = token_of(&w.router, &english(&w.exporter)).await;
    for lang in ["uz", "ru", "en"] {
        let cookies = vec![session(&w.exporter), ("origo_lang", lang.to_owned())];
        let page =
            assess(&w, &cookies, &case_form(&token, &case_file("eu-gsp-plastic-boxes-processes-not-given"))).await;
        assert_eq!(page.status, StatusCode::OK, "{lang}");
        assert!(page.body.contains("outcome-undetermined"), "{lang}: {}", page.body);
        assert_eq!(untranslated(&page.body), Vec::<&str>::new(), "{lang}");
        assert_eq!(duplicate_ids(&page.body), Vec::<&str>::new(), "{lang}");
    }
}

/// Who may open the exporter's pages: exporters; anonymous visitors are sent to sign in; officers' roles get the
/// 403 page where the page is the exporter's own (dashboard, registration, new application).
async fn exporter_page_access_by_role(store: origo_store::Store) {
    let w = world(store).await;
    let visitors = [
        ("anonymous", Credentials::Anonymous),
        ("exporter", w.exporter.clone()),
        ("certifier", w.certifier.clone()),
        ("customs", w.customs.clone()),
        ("foreign_de", w.foreign_de.clone()),
        ("admin", w.admin.clone()),
    ];
    // 2 = 200, R = 303 to the login page, S = 303 onwards (signed in), F = 403 page.
    let rows = [
        ("/signup", "2SSSSS"),
        ("/exporter", "R2FFFF"),
        ("/exporter/registration", "R2FFFF"),
        ("/exporter/applications/new", "R2FFFF"),
        ("/exporter/assess", "R22222"),
    ];
    for (uri, expected) in rows {
        for ((name, who), want) in visitors.iter().zip(expected.chars()) {
            let cookies = match who {
                Credentials::Anonymous => vec![("origo_lang", "en".to_owned())],
                who => english(who),
            };
            let page = get(&w.router, uri, &cookies, &[]).await;
            let what = format!("{uri} as {name}");
            match want {
                '2' => assert_eq!(page.status, StatusCode::OK, "{what}"),
                'R' => assert!(
                    page.status == StatusCode::SEE_OTHER && page.location().starts_with("/login?next="),
                    "{what}"
                ),
                'S' => assert_eq!((page.status, page.location()), (StatusCode::SEE_OTHER, "/home"), "{what}"),
                'F' => assert_eq!(page.status, StatusCode::FORBIDDEN, "{what}"),
                other => panic!("no expectation {other}"),
            }
        }
    }
    // The header offers exporters their pages, and anonymous visitors the sign-up.
    let home = get(&w.router, "/home", &english(&w.exporter), &[]).await;
    assert!(home.body.contains("href=\"/exporter\"") && home.body.contains("href=\"/exporter/assess\""));
    let start = get(&w.router, "/", &[("origo_lang", "en".to_owned())], &[]).await;
    assert!(start.body.contains("href=\"/signup\""));
}

both_backends!(
    signing_up_registering_and_applying_through_the_forms,
    a_request_for_information_is_answered_by_editing_and_submitting_again,
    an_exporter_cannot_open_another_exporters_records,
    the_signed_json_and_the_buyers_copy_verify,
    the_statement_text_carries_the_rex_number,
    every_exporter_page_is_translated,
    exporter_page_access_by_role,
);
