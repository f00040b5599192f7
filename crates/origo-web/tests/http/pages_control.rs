//! The post-clearance control pages as a browser uses them: customs opens a case, records a finding with a
//! document and proposes a revocation; the certifier decides on the proposals page (reasons required); the
//! importing authority records utilisation and the officers see and resolve the flags; a certifier revokes a
//! supplier declaration. Forms carry their CSRF token; a wrong field comes back with its error (422).

use axum::http::{Method, StatusCode};
use origo_store::supplier_declarations::{DeclarationKind, NewSupplierDeclaration};
use serde_json::Value;
use uuid::Uuid;

use crate::common::{Credentials, both_backends};
use crate::pages_client::{Page, Part, get, post_form, session};
use crate::world::{PASSWORD, World, approved_application, world};

fn english(who: &Credentials) -> Vec<(&'static str, String)> {
    vec![session(who), ("origo_lang", "en".to_owned())]
}

async fn token(w: &World, who: &Credentials) -> String {
    get(&w.router, "/home", &english(who), &[]).await.csrf_field().expect("a form token on /home")
}

async fn post(w: &World, who: &Credentials, uri: &str, fields: &[(&str, &str)]) -> Page {
    let csrf = token(w, who).await;
    let mut form = vec![("csrf_token", csrf.as_str())];
    form.extend_from_slice(fields);
    post_form(&w.router, uri, &english(who), &form).await
}

/// A multipart form with text fields and one file, as a browser sends it.
async fn post_multipart(
    w: &World,
    who: &Credentials,
    uri: &str,
    fields: &[(&str, &str)],
    file: (&str, &str, &[u8]),
) -> Page {
    let csrf = token(w, who).await;
    let mut parts = vec![Part::Field("csrf_token", csrf.as_str())];
    parts.extend(fields.iter().map(|&(name, value)| Part::Field(name, value)));
    let (file_name, media_type, bytes) = file;
    parts.push(Part::File { name: "file", file_name, media_type, bytes });
    crate::pages_client::post_multipart(&w.router, uri, &english(who), &parts).await
}

async fn issued(w: &World) -> Value {
    let id = approved_application(w).await;
    let issued = w.call(Method::POST, &format!("/api/v1/applications/{id}/certificate"), &w.certifier, None).await;
    assert_eq!(issued.status, StatusCode::CREATED, "{:?}", issued.json);
    issued.json
}

async fn customs_controls_and_the_certifier_decides_on_the_pages(store: origo_store::Store) {
    let w = world(store).await;
    let certificate = issued(&w).await;
    let number = certificate["number"].as_str().unwrap();
    let id = certificate["certificate_id"].as_str().unwrap();

    let list = get(&w.router, "/control/cases", &english(&w.customs), &[]).await;
    assert!(list.body.contains("Open a control case"), "customs sees the form");
    let certifier_list = get(&w.router, "/control/cases", &english(&w.certifier), &[]).await;
    assert!(!certifier_list.body.contains("Open a control case"), "the certifying body does not open cases");

    let both = post(
        &w,
        &w.customs,
        "/control/cases",
        &[("certificate_number", number), ("rex_number", "UZREX301234567"), ("grounds", "g")],
    )
    .await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(both.body.contains("Give a certificate number or a REX number, not both."), "{}", both.body);
    let unknown =
        post(&w, &w.customs, "/control/cases", &[("certificate_number", "UZ-2026-999999"), ("grounds", "g")]).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("No certificate with this number was issued here."));
    assert!(unknown.body.contains("aria-invalid=\"true\""));
    let opened = post(
        &w,
        &w.customs,
        "/control/cases",
        &[("certificate_number", number), ("grounds", "prices far below market")],
    )
    .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    let case_page = opened.location().split('?').next().unwrap().to_owned();
    let case = get(&w.router, opened.location(), &english(&w.customs), &[]).await;
    assert!(case.body.contains("PCC-2026-000001") && case.body.contains("The case is open."), "{}", case.body);

    let fake = post_multipart(
        &w,
        &w.customs,
        &format!("{case_page}/findings"),
        &[("text", "stock")],
        ("x.pdf", "application/pdf", b"MZ"),
    )
    .await;
    assert_eq!(fake.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(fake.body.contains("Only PDF, PNG, JPEG, XML and text files"), "{}", fake.body);
    let finding = post_multipart(
        &w,
        &w.customs,
        &format!("{case_page}/findings"),
        &[("text", "warehouse holds no finished furniture")],
        ("stock.pdf", "application/pdf", b"%PDF-1.7 stock"),
    )
    .await;
    assert_eq!(finding.status, StatusCode::SEE_OTHER, "{}", finding.body);
    let case = get(&w.router, &case_page, &english(&w.customs), &[]).await;
    assert!(case.body.contains("warehouse holds no finished furniture") && case.body.contains("stock.pdf"));
    let href_at = case.body.find("/documents/").unwrap();
    let start = case.body[..href_at].rfind('"').unwrap() + 1;
    let end = href_at + case.body[href_at..].find('"').unwrap();
    let download = get(&w.router, &case.body[start..end], &english(&w.auditor), &[]).await;
    assert_eq!((download.status, download.body.as_str()), (StatusCode::OK, "%PDF-1.7 stock"));

    let proposed =
        post(&w, &w.customs, &format!("{case_page}/proposals"), &[("target", "certificate"), ("grounds", "")]).await;
    assert_eq!(proposed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let proposed = post(
        &w,
        &w.customs,
        &format!("{case_page}/proposals"),
        &[("target", "certificate"), ("grounds", "not made here")],
    )
    .await;
    assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", proposed.body);

    // Customs sees the proposal but no decision form; a forged decision is the 403 page.
    let proposals = get(&w.router, "/control/proposals", &english(&w.customs), &[]).await;
    assert!(proposals.body.contains("not made here") && !proposals.body.contains("Accept and revoke"));
    let proposal_id = {
        let list = w.call(Method::GET, "/api/v1/proposals", &w.certifier, None).await;
        list.json["items"][0]["id"].as_str().unwrap().to_owned()
    };
    let decision = format!("/control/proposals/{proposal_id}/decision");
    let forged = post(&w, &w.customs, &decision, &[("decision", "accept"), ("reasons", "r")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let proposals = get(&w.router, "/control/proposals", &english(&w.certifier), &[]).await;
    assert!(proposals.body.contains("Accept and revoke") && proposals.body.contains("control case PCC-2026-000001"));
    let no_reasons = post(&w, &w.certifier, &decision, &[("decision", "accept"), ("reasons", " ")]).await;
    assert_eq!(no_reasons.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reasons.body.contains("aria-invalid=\"true\""), "{}", no_reasons.body);
    let accepted =
        post(&w, &w.certifier, &decision, &[("decision", "accept"), ("reasons", "findings conclusive")]).await;
    assert_eq!((accepted.status, accepted.location()), (StatusCode::SEE_OTHER, "/control/proposals?done=accepted"));
    let read = w.call(Method::GET, &format!("/api/v1/certificates/{id}"), &w.certifier, None).await;
    assert_eq!(read.json["status"], "revoked");

    let closed = post(&w, &w.customs, &format!("{case_page}/close"), &[("conclusion", "certificate revoked")]).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    let case = get(&w.router, &case_page, &english(&w.customs), &[]).await;
    assert!(case.body.contains("The case is closed.") || case.body.contains("Closed"));
    assert!(!case.body.contains("Record a finding"), "a closed case takes no more findings");
}

async fn utilisation_and_flags_on_the_pages(store: origo_store::Store) {
    let w = world(store).await;
    let certificate = issued(&w).await;
    let number = certificate["number"].as_str().unwrap();
    let id = certificate["certificate_id"].as_str().unwrap();
    let code = certificate["security_code"].as_str().unwrap();

    let bad = post(
        &w,
        &w.foreign_de,
        "/control/utilisation",
        &[("number", number), ("item_no", "1"), ("quantity", "lots"), ("declaration_ref", "A-1")],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Give a quantity above zero"), "{}", bad.body);
    let recorded = post(
        &w,
        &w.foreign_de,
        "/control/utilisation",
        &[("number", number), ("item_no", "1"), ("quantity", "19,5"), ("declaration_ref", "ATLAS-1")],
    )
    .await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);
    assert!(recorded.location().starts_with(&format!("/control/certificates/{id}/utilisation?done=recorded&flags=0")));
    let page = format!("/control/certificates/{id}/utilisation");
    let over =
        post(&w, &w.foreign_de, &page, &[("item_no", "1"), ("quantity", "1"), ("declaration_ref", "ATLAS-2")]).await;
    assert_eq!(over.status, StatusCode::SEE_OTHER, "{}", over.body);
    let shown = get(&w.router, over.location(), &english(&w.foreign_de), &[]).await;
    assert!(shown.body.contains("The use is recorded; 1 flags raised."), "{}", shown.body);
    assert!(shown.body.contains("over-used") && shown.body.contains("ATLAS-2"));
    let duplicate =
        post(&w, &w.foreign_de, &page, &[("item_no", "1"), ("quantity", "1"), ("declaration_ref", "ATLAS-2")]).await;
    assert_eq!(duplicate.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(duplicate.body.contains("already recorded for this item"));

    // The French authority: the certificate is unknown to it without the code; with it, the use is recorded.
    let hidden = post(
        &w,
        &w.foreign_fr,
        "/control/utilisation",
        &[("number", number), ("item_no", "1"), ("quantity", "1"), ("declaration_ref", "F-1")],
    )
    .await;
    assert_eq!(hidden.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(hidden.body.contains("No certificate with this number that you may see."));
    assert_eq!(get(&w.router, &page, &english(&w.foreign_fr), &[]).await.status, StatusCode::NOT_FOUND);
    let with_code = post(
        &w,
        &w.foreign_fr,
        "/control/utilisation",
        &[("number", number), ("security_code", code), ("item_no", "1"), ("quantity", "1"), ("declaration_ref", "F-1")],
    )
    .await;
    assert_eq!(
        (with_code.status, with_code.location()),
        (StatusCode::SEE_OTHER, "/control/utilisation?done=recorded&flags=1")
    );

    // Officers: the flags, and a certifier resolves one (a note is required).
    let flags = get(&w.router, "/control/flags", &english(&w.supervisor), &[]).await;
    assert!(
        flags.body.contains("Used beyond the certified quantity") && flags.body.contains("Used in a second country")
    );
    let customs_flags = get(&w.router, "/control/flags", &english(&w.customs), &[]).await;
    assert!(!customs_flags.body.contains("Resolve the flag"), "customs reads flags only");
    let list = w.call(Method::GET, "/api/v1/flags", &w.certifier, None).await;
    let flag = list.json["items"][0]["id"].as_str().unwrap().to_owned();
    let resolution = format!("/control/flags/{flag}/resolution");
    let empty = post(&w, &w.certifier, &resolution, &[("resolution", "")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let resolved = post(&w, &w.certifier, &resolution, &[("resolution", "split consignment")]).await;
    assert_eq!((resolved.status, resolved.location()), (StatusCode::SEE_OTHER, "/control/flags?done=resolved"));
    let officer = get(&w.router, &page, &english(&w.certifier), &[]).await;
    assert!(officer.body.contains("F-1") && officer.body.contains("ATLAS-1"), "officers see every country's uses");
    let lookup = get(&w.router, &format!("/control/utilisation?number={number}"), &english(&w.auditor), &[]).await;
    assert_eq!((lookup.status, lookup.location()), (StatusCode::SEE_OTHER, page.as_str()));
}

async fn a_certifier_revokes_a_supplier_declaration_on_its_page(store: origo_store::Store) {
    let w = world(store).await;
    let exporter = w.service.login("exporter", PASSWORD).await.unwrap().caller;
    let new = NewSupplierDeclaration {
        exporter_id: Uuid::nil(),
        supplier_name: "Samarkand Timber".into(),
        supplier_country: "UZ".into(),
        kind: DeclarationKind::LongTerm,
        goods_description: "Sawn wood".into(),
        hs_code: None,
        originating: true,
        valid_from: None,
        valid_to: None,
        evidence_file_id: None,
    };
    let declaration = w.service.add_supplier_declaration(&exporter, new).await.unwrap();
    let list = get(&w.router, "/control/supplier-declarations", &english(&w.supervisor), &[]).await;
    assert!(list.body.contains("Samarkand Timber") && !list.body.contains("Revoke the declaration"));
    let uri = format!("/control/supplier-declarations/{}/revocation", declaration.id);
    let empty = post(&w, &w.certifier, &uri, &[("reasons", "")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let revoked = post(&w, &w.certifier, &uri, &[("reasons", "imports its wood")]).await;
    assert_eq!(
        (revoked.status, revoked.location()),
        (StatusCode::SEE_OTHER, "/control/supplier-declarations?flagged=0")
    );
    let list = get(&w.router, revoked.location(), &english(&w.certifier), &[]).await;
    assert!(
        list.body.contains("The declaration is revoked; 0 flags raised.") && list.body.contains("imports its wood")
    );
}

both_backends!(
    customs_controls_and_the_certifier_decides_on_the_pages,
    utilisation_and_flags_on_the_pages,
    a_certifier_revokes_a_supplier_declaration_on_its_page,
);
