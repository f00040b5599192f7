//! The pages of the certifying body and the read-only roles, as a browser uses them: forms with their CSRF token,
//! answers that redirect or show the form again with its errors, and the service's refusals as pages.

use axum::http::{Method, StatusCode};
use origo_service::roles::Role;
use serde_json::{Value, json};

use crate::common::{Credentials, both_backends};
use crate::pages_client::{Page, get, post_form, session};
use crate::world::{PASSWORD, World, approved_application, furniture, world};

/// The cookies of `who` reading English.
fn english(who: &Credentials) -> Vec<(&'static str, String)> {
    vec![session(who), ("origo_lang", "en".to_owned())]
}

/// `who`'s CSRF token (bound to the session, the same on every page).
async fn token(w: &World, who: &Credentials) -> String {
    get(&w.router, "/home", &english(who), &[]).await.csrf_field().expect("a form token on /home")
}

/// Creates an application from `body` and submits it over the API; returns its id.
async fn submitted(w: &World, who: &Credentials, body: Value) -> String {
    let created = w.call(Method::POST, "/api/v1/applications", who, Some(body)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.json);
    let id = created.json["id"].as_str().unwrap().to_owned();
    let done = w.call(Method::POST, &format!("/api/v1/applications/{id}/submit"), who, None).await;
    assert_eq!(done.status, StatusCode::OK, "{:?}", done.json);
    id
}

/// The application's state as the API tells it.
async fn state_of(w: &World, id: &str) -> String {
    let read = w.call(Method::GET, &format!("/api/v1/applications/{id}"), &w.certifier, None).await;
    read.json["application"]["state"].as_str().unwrap_or_default().to_owned()
}

async fn post(w: &World, who: &Credentials, uri: &str, fields: &[(&str, &str)]) -> Page {
    let csrf = token(w, who).await;
    let mut form = vec![("csrf_token", csrf.as_str())];
    form.extend_from_slice(fields);
    post_form(&w.router, uri, &english(who), &form).await
}

/// The short reference the pages show for an application: the last eight hex digits of its id.
fn reference(id: &str) -> String {
    id.replace('-', "")[24..].to_ascii_uppercase()
}

async fn a_certifier_approves_through_the_form_and_issues(store: origo_store::Store) {
    let w = world(store).await;
    let id = submitted(&w, &w.exporter, furniture()).await;
    let queue = get(&w.router, "/officer/queue", &english(&w.certifier), &[]).await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains(&reference(&id)) && queue.body.contains("Furniture 301234567 LLC"), "{}", queue.body);
    let detail = get(&w.router, &format!("/officer/applications/{id}"), &english(&w.certifier), &[]).await;
    assert_eq!(detail.status, StatusCode::OK);
    for part in [
        "How the engine decided, rule by rule",
        "Originating",
        "lang=\"en\"",
        "sawn wood",
        &format!("action=\"/officer/applications/{id}/examination\""),
    ] {
        assert!(detail.body.contains(part), "{part} missing from the dossier: {}", detail.body);
    }
    let approved =
        post(&w, &w.certifier, &format!("/officer/applications/{id}/examination"), &[("decision", "approve")]).await;
    assert_eq!(
        (approved.status, approved.location()),
        (StatusCode::SEE_OTHER, &*format!("/officer/applications/{id}?done=approved"))
    );
    assert_eq!(state_of(&w, &id).await, "approved");
    let after = get(&w.router, approved.location(), &english(&w.certifier), &[]).await;
    assert!(after.body.contains("The application is approved.") && after.body.contains("Issue the certificate"));
    let issued = post(
        &w,
        &w.certifier,
        &format!("/officer/applications/{id}/certificate"),
        &[("idempotency_key", "form-key-1")],
    )
    .await;
    assert_eq!(issued.status, StatusCode::CREATED, "{}", issued.body);
    assert!(issued.body.contains("Hand this code to the exporter now."), "{}", issued.body);
    let code_at = issued.body.find("class=\"security-code\" translate=\"no\">").expect("the code") + 37;
    let code = &issued.body[code_at..code_at + 10];
    let number_at = issued.body.find("Certificate issued: ").expect("the number") + 20;
    let number = issued.body[number_at..].split('<').next().unwrap().trim().to_owned();
    let check = w
        .call(Method::GET, &format!("/api/v1/public/certificates/{number}?code={code}"), &Credentials::Anonymous, None)
        .await;
    assert_eq!(check.status, StatusCode::OK, "the code shown checks the certificate: {number} {code}");
    assert_eq!(state_of(&w, &id).await, "issued");
    // The same form sent again answers with the same certificate, without the code.
    let again = post(
        &w,
        &w.certifier,
        &format!("/officer/applications/{id}/certificate"),
        &[("idempotency_key", "form-key-1")],
    )
    .await;
    assert!(again.body.contains(&number) && !again.body.contains(code), "{}", again.body);
    let dossier = get(&w.router, &format!("/officer/applications/{id}"), &english(&w.certifier), &[]).await;
    assert!(dossier.body.contains(&number) && dossier.body.contains("Certificate issued"), "history and link");
}

async fn a_refusal_without_reasons_shows_the_field_error_and_changes_nothing(store: origo_store::Store) {
    let w = world(store).await;
    let id = submitted(&w, &w.exporter, furniture()).await;
    let before = w.audit_seq().await;
    let uri = format!("/officer/applications/{id}/examination");
    let refused = post(&w, &w.certifier, &uri, &[("decision", "refuse"), ("reasons", "   ")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"reasons-error\"") && refused.body.contains("Write the reasons."));
    assert!(
        refused.body.contains("aria-describedby=\"reasons-hint reasons-error\" aria-invalid=\"true\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"refuse\" checked"), "the choice is kept");
    let undecided = post(&w, &w.certifier, &uri, &[("reasons", "why")]).await;
    assert_eq!(undecided.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(undecided.body.contains("Choose a decision.") && undecided.body.contains(">why</textarea>"));
    assert_eq!(w.audit_seq().await, before, "nothing was written");
    assert_eq!(state_of(&w, &id).await, "submitted");
    // With reasons it goes through, and the exporter's view carries them.
    let done = post(&w, &w.certifier, &uri, &[("decision", "refuse"), ("reasons", "Invoice INV-7 is missing.")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(state_of(&w, &id).await, "refused");
    let page = get(&w.router, done.location(), &english(&w.certifier), &[]).await;
    assert!(page.body.contains("Invoice INV-7 is missing.") && page.body.contains("Refused"), "{}", page.body);
}

async fn the_four_eyes_rule_is_said_plainly_and_a_supervisor_countersigns(store: origo_store::Store) {
    let w = world(store).await;
    let id = submitted(&w, &w.exporter, furniture()).await;
    let flagged = post(&w, &w.certifier, &format!("/officer/applications/{id}/risk"), &[("high_risk", "1")]).await;
    assert_eq!(flagged.location(), format!("/officer/applications/{id}?done=risk_flagged"));
    post(&w, &w.certifier, &format!("/officer/applications/{id}/examination"), &[("decision", "approve")]).await;
    let waiting = get(&w.router, &format!("/officer/applications/{id}"), &english(&w.supervisor), &[]).await;
    assert!(waiting.body.contains("Approved, waiting for the second signature"), "{}", waiting.body);
    assert!(waiting.body.contains("Give the second signature"));
    let sign_uri = format!("/officer/applications/{id}/second-signature");
    // The examining certifier cannot sign a second time: the role is refused.
    let by_examiner = post(&w, &w.certifier, &sign_uri, &[]).await;
    assert_eq!(by_examiner.status, StatusCode::FORBIDDEN);
    assert!(by_examiner.body.contains("Not allowed"), "{}", by_examiner.body);
    // A supervisor who examined it (recorded behind the pages' back) meets the four-eyes rule, said in words.
    let me = w.call(Method::GET, "/api/v1/session", &w.supervisor, None).await;
    let supervisor_id: uuid::Uuid = me.json["user_id"].as_str().unwrap().parse().unwrap();
    let certifier_id: uuid::Uuid = w.call(Method::GET, "/api/v1/session", &w.certifier, None).await.json["user_id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let app: uuid::Uuid = id.parse().unwrap();
    let set_examiner = async |examiner| {
        let mut tx = w.store.begin().await.unwrap();
        let actor = origo_store::Actor::system(crate::common::T0);
        origo_store::applications::set_examiner(&mut tx, &actor, app, examiner).await.unwrap();
        tx.commit().await.unwrap();
    };
    set_examiner(supervisor_id).await;
    let own = get(&w.router, &format!("/officer/applications/{id}"), &english(&w.supervisor), &[]).await;
    assert!(own.body.contains("Four-eyes rule.") && !own.body.contains("Give the second signature"), "{}", own.body);
    let refused = post(&w, &w.supervisor, &sign_uri, &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("cannot also give its second signature (four-eyes rule)"), "{}", refused.body);
    assert_eq!(state_of(&w, &id).await, "awaiting_second_signature");
    let read = w.call(Method::GET, &format!("/api/v1/applications/{id}"), &w.certifier, None).await;
    assert!(read.json["application"]["second_signer_id"].is_null(), "no second signature was recorded");
    set_examiner(certifier_id).await;
    let signed = post(&w, &w.supervisor, &sign_uri, &[]).await;
    assert_eq!(
        (signed.status, signed.location()),
        (StatusCode::SEE_OTHER, &*format!("/officer/applications/{id}?done=second_signed"))
    );
    let ready = get(&w.router, &format!("/officer/applications/{id}"), &english(&w.certifier), &[]).await;
    assert!(ready.body.contains("Approved, ready to issue") && ready.body.contains("Issue the certificate"));
}

/// Furniture bound for France instead of Germany.
fn to_france() -> Value {
    let mut body = furniture();
    body["consignment"] = json!({
        "importing_country": "FR",
        "consignee": {"name": "Meubles SA", "address": "2 rue du Port, Marseille", "country": "FR"}
    });
    body
}

async fn issue(w: &World, id: &str) -> (String, String) {
    let issued = w.call(Method::POST, &format!("/api/v1/applications/{id}/certificate"), &w.certifier, None).await;
    assert_eq!(issued.status, StatusCode::CREATED, "{:?}", issued.json);
    (issued.json["certificate_id"].as_str().unwrap().to_owned(), issued.json["number"].as_str().unwrap().to_owned())
}

async fn a_foreign_authority_sees_only_its_countrys_certificates(store: origo_store::Store) {
    let w = world(store).await;
    let german = approved_application(&w).await;
    let (de_id, de_number) = issue(&w, &german).await;
    let french = submitted(&w, &w.exporter, to_france()).await;
    w.call(
        Method::POST,
        &format!("/api/v1/applications/{french}/examination"),
        &w.certifier,
        Some(json!({"decision": "approve"})),
    )
    .await;
    let (fr_id, fr_number) = issue(&w, &french).await;
    let list = get(&w.router, "/officer/certificates", &english(&w.foreign_de), &[]).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(&de_number) && !list.body.contains(&fr_number), "{}", list.body);
    let own = get(&w.router, &format!("/officer/certificates/{de_id}"), &english(&w.foreign_de), &[]).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains(&de_number) && !own.body.contains("Revoke the certificate"), "read only");
    assert!(!own.body.contains("/officer/applications/"), "no link to the commercial file");
    let other = get(&w.router, &format!("/officer/certificates/{fr_id}"), &english(&w.foreign_de), &[]).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND, "another country's certificate is not found");
    assert!(!other.body.contains(&fr_number));
    let french_list = get(&w.router, "/officer/certificates", &english(&w.foreign_fr), &[]).await;
    assert!(french_list.body.contains(&fr_number) && !french_list.body.contains(&de_number));
    // Officers see both, and can search by number.
    let all = get(&w.router, &format!("/officer/certificates?q={fr_number}"), &english(&w.customs), &[]).await;
    assert!(all.body.contains(&fr_number) && !all.body.contains(&de_number), "{}", all.body);
    // A certifier revokes one with reasons; without them the field says so.
    let uri = format!("/officer/certificates/{de_id}/revocation");
    let empty = post(&w, &w.certifier, &uri, &[("reasons", "")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("id=\"revoke-reasons-error\""));
    let revoked = post(&w, &w.certifier, &uri, &[("reasons", "Issued in error")]).await;
    assert_eq!(revoked.location(), format!("/officer/certificates/{de_id}?done=revoked"));
    let shown = get(&w.router, revoked.location(), &english(&w.foreign_de), &[]).await;
    assert!(shown.body.contains("Revoked") && shown.body.contains("Issued in error"), "{}", shown.body);
}

async fn customs_sees_no_decision_and_a_forged_post_is_refused(store: origo_store::Store) {
    let w = world(store).await;
    let id = submitted(&w, &w.exporter, furniture()).await;
    let queue = get(&w.router, "/officer/queue", &english(&w.customs), &[]).await;
    assert!(queue.status == StatusCode::OK && queue.body.contains(&reference(&id)));
    let detail = get(&w.router, &format!("/officer/applications/{id}"), &english(&w.customs), &[]).await;
    assert_eq!(detail.status, StatusCode::OK);
    for form in ["/examination\"", "/risk\"", "/second-signature\"", "/certificate\""] {
        assert!(!detail.body.contains(form), "customs is offered {form}");
    }
    let before = w.audit_seq().await;
    let forged =
        post(&w, &w.customs, &format!("/officer/applications/{id}/examination"), &[("decision", "approve")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(forged.body.contains("Not allowed"), "{}", forged.body);
    let risk = post(&w, &w.customs, &format!("/officer/applications/{id}/risk"), &[("high_risk", "1")]).await;
    assert_eq!(risk.status, StatusCode::FORBIDDEN);
    assert_eq!((w.audit_seq().await, state_of(&w, &id).await), (before, "submitted".to_owned()));
    // Without the token, the page layer refuses before any handler.
    let tokenless = post_form(
        &w.router,
        &format!("/officer/applications/{id}/examination"),
        &english(&w.certifier),
        &[("decision", "approve")],
    )
    .await;
    assert_eq!(tokenless.status, StatusCode::FORBIDDEN);
    assert_eq!(state_of(&w, &id).await, "submitted");
}

async fn evidence_downloads_as_an_attachment_of_its_type(store: origo_store::Store) {
    let w = world(store).await;
    let created = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    let id = created.json["id"].as_str().unwrap().to_owned();
    let pdf =
        json!({"file_name": "invoice \"7\".pdf", "media_type": "application/pdf", "content_base64": "JVBERi0xLjc="});
    let file = w.call(Method::POST, &format!("/api/v1/applications/{id}/evidence"), &w.exporter, Some(pdf)).await;
    assert_eq!(file.status, StatusCode::CREATED, "{:?}", file.json);
    let file_id = file.json["id"].as_str().unwrap().to_owned();
    w.call(Method::POST, &format!("/api/v1/applications/{id}/submit"), &w.exporter, None).await;
    let dossier = get(&w.router, &format!("/officer/applications/{id}"), &english(&w.auditor), &[]).await;
    let href = format!("/officer/applications/{id}/evidence/{file_id}");
    assert!(dossier.body.contains(&href), "{}", dossier.body);
    let download = get(&w.router, &href, &english(&w.auditor), &[]).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.header("content-type"), "application/pdf");
    assert!(download.header("content-disposition").starts_with("attachment; filename=\"invoice _7_.pdf\""));
    assert_eq!(download.header("x-content-type-options"), "nosniff");
    assert_eq!(download.body, "%PDF-1.7");
    // The file under another application is not found; a foreign authority reads no application at all.
    let other = submitted(&w, &w.exporter, furniture()).await;
    let elsewhere =
        get(&w.router, &format!("/officer/applications/{other}/evidence/{file_id}"), &english(&w.auditor), &[]).await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    let foreign = get(&w.router, &href, &english(&w.foreign_de), &[]).await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    let malformed =
        get(&w.router, &format!("/officer/applications/{id}/evidence/nope"), &english(&w.auditor), &[]).await;
    assert_eq!(malformed.status, StatusCode::NOT_FOUND);
}

async fn the_queue_filters_searches_and_sorts(store: origo_store::Store) {
    let w = world(store).await;
    let first = submitted(&w, &w.exporter, furniture()).await;
    let second = submitted(&w, &w.other_exporter, to_france()).await;
    let draft = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    let draft = draft.json["id"].as_str().unwrap().to_owned();
    post(&w, &w.certifier, &format!("/officer/applications/{second}/risk"), &[("high_risk", "1")]).await;
    let queue =
        async |query: &str| get(&w.router, &format!("/officer/queue{query}"), &english(&w.supervisor), &[]).await;
    let default = queue("").await;
    assert!(default.body.contains("Applications found: 2") && !default.body.contains(&reference(&draft)), "no drafts");
    let (a, b) = (default.body.find(&reference(&first)).unwrap(), default.body.find(&reference(&second)).unwrap());
    assert!(a < b, "oldest submission first");
    let newest = queue("?sort=-submitted").await;
    assert!(newest.body.find(&reference(&second)).unwrap() < newest.body.find(&reference(&first)).unwrap());
    let by_tin = queue("?q=309999").await;
    assert!(
        by_tin.body.contains("Applications found: 1") && by_tin.body.contains(&reference(&second)),
        "{}",
        by_tin.body
    );
    let by_hs = queue("?q=9403.60").await;
    assert!(by_hs.body.contains("Applications found: 2"));
    let by_reference = queue(&format!("?q={}", reference(&first).to_lowercase())).await;
    assert!(by_reference.body.contains("Applications found: 1") && by_reference.body.contains(&reference(&first)));
    let risky = queue("?risk=high").await;
    assert!(risky.body.contains("Applications found: 1") && risky.body.contains("High risk"));
    let nothing = queue("?q=%25_%25").await;
    assert!(nothing.body.contains("Applications found: 0") && nothing.body.contains("No application matches"));
    let refused = queue("?state=refused").await;
    assert!(refused.body.contains("Applications found: 0"));
    assert_eq!(queue("?state=draft").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(queue("?page=0").await.status, StatusCode::BAD_REQUEST);
    let russian = get(&w.router, "/officer/queue?lang=ru", &[session(&w.certifier)], &[]).await;
    assert!(russian.body.contains("Очередь заявок") && russian.body.contains("Заявок: 2"), "{}", russian.body);
}

async fn the_registry_decides_with_reasons_and_revokes(store: origo_store::Store) {
    let w = world(store).await;
    crate::world::create_user(&w.service, "newcomer", Role::Exporter, None).await;
    let newcomer = crate::world::login(&w.router, "newcomer").await;
    let applied =
        w.call(Method::POST, "/api/v1/registrations", &newcomer, Some(crate::world::registration("305555555"))).await;
    assert_eq!(applied.status, StatusCode::CREATED, "{:?}", applied.json);
    let id = applied.json["id"].as_str().unwrap().to_owned();
    let pending = get(&w.router, "/officer/registry", &english(&w.certifier), &[]).await;
    assert!(pending.body.contains("Furniture 305555555 LLC") && !pending.body.contains("Furniture 301234567 LLC"));
    let uri = format!("/officer/registry/{id}/decision");
    let no_reasons = post(&w, &w.certifier, &uri, &[("decision", "refuse")]).await;
    assert_eq!(no_reasons.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reasons.body.contains("id=\"reasons-error\""));
    let bad_date = post(&w, &w.certifier, &uri, &[("decision", "register"), ("valid_from", "1 May")]).await;
    assert!(bad_date.status == StatusCode::UNPROCESSABLE_ENTITY && bad_date.body.contains("id=\"valid_from-error\""));
    let registered = post(&w, &w.certifier, &uri, &[("decision", "register"), ("valid_from", "2026-05-01")]).await;
    assert_eq!(registered.location(), format!("/officer/registry/{id}?done=registered"));
    let page = get(&w.router, registered.location(), &english(&w.certifier), &[]).await;
    assert!(page.body.contains("UZREX") || page.body.contains("REX number"), "{}", page.body);
    assert!(page.body.contains("Revoke the registration"));
    let revoke = format!("/officer/registry/{id}/revocation");
    let no_grounds = post(&w, &w.certifier, &revoke, &[("revoked_on", "2026-05-02"), ("grounds", "")]).await;
    assert!(no_grounds.status == StatusCode::UNPROCESSABLE_ENTITY && no_grounds.body.contains("id=\"grounds-error\""));
    let by_customs = post(&w, &w.customs, &revoke, &[("revoked_on", "2026-05-02"), ("grounds", "Fraud")]).await;
    assert_eq!(by_customs.status, StatusCode::FORBIDDEN);
    let revoked = post(&w, &w.certifier, &revoke, &[("revoked_on", "2026-05-02"), ("grounds", "Fraud")]).await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    let read = w.call(Method::GET, &format!("/api/v1/registrations/{id}"), &w.certifier, None).await;
    assert_eq!(read.json["status"], "revoked");
}

async fn an_admin_creates_a_user_and_rotates_the_keys(store: origo_store::Store) {
    let w = world(store).await;
    let short = post(
        &w,
        &w.admin,
        "/admin/users",
        &[("username", "inspector"), ("display_name", "I. Inspector"), ("role", "auditor"), ("password", "short")],
    )
    .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        short.body.contains("id=\"password-error\"") && short.body.contains("value=\"inspector\""),
        "{}",
        short.body
    );
    let foreign = post(
        &w,
        &w.admin,
        "/admin/users",
        &[("username", "inspector"), ("display_name", "I"), ("role", "foreign_authority"), ("password", PASSWORD)],
    )
    .await;
    assert!(foreign.status == StatusCode::UNPROCESSABLE_ENTITY && foreign.body.contains("id=\"country-error\""));
    let created = post(
        &w,
        &w.admin,
        "/admin/users",
        &[("username", "inspector"), ("display_name", "I. Inspector"), ("role", "auditor"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert!(created.location().starts_with("/admin/users/") && created.location().ends_with("?done=created"));
    let page = get(&w.router, created.location(), &english(&w.admin), &[]).await;
    assert!(page.body.contains("The user is created.") && page.body.contains("Auditor"), "{}", page.body);
    let session = w.service.login("inspector", PASSWORD).await.expect("the new user signs in");
    assert_eq!(session.caller.role(), Role::Auditor);
    let taken = post(
        &w,
        &w.admin,
        "/admin/users",
        &[("username", "inspector"), ("display_name", "Other"), ("role", "customs"), ("password", PASSWORD)],
    )
    .await;
    assert!(taken.body.contains("This username is taken."));
    // A non-admin's forged creation is refused.
    let forged = post(
        &w,
        &w.certifier,
        "/admin/users",
        &[("username", "x"), ("display_name", "X"), ("role", "admin"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // Keys: the rotation needs its confirmation.
    let keys = get(&w.router, "/admin/keys", &english(&w.admin), &[]).await;
    assert_eq!(keys.body.matches("Signs today").count(), 1);
    let unconfirmed = post(&w, &w.admin, "/admin/keys/rotation", &[]).await;
    assert!(
        unconfirmed.status == StatusCode::UNPROCESSABLE_ENTITY && unconfirmed.body.contains("id=\"confirm-error\"")
    );
    let officer = get(&w.router, "/admin/keys", &english(&w.certifier), &[]).await;
    assert!(officer.status == StatusCode::OK && !officer.body.contains("/admin/keys/rotation"), "officers read only");
    assert_eq!(
        post(&w, &w.certifier, "/admin/keys/rotation", &[("confirm", "yes")]).await.status,
        StatusCode::FORBIDDEN
    );
    let rotated = post(&w, &w.admin, "/admin/keys/rotation", &[("confirm", "yes")]).await;
    assert_eq!(rotated.location(), "/admin/keys?done=rotated");
    let after = get(&w.router, rotated.location(), &english(&w.admin), &[]).await;
    assert!(after.body.contains("The keys are rotated"));
    assert_eq!((after.body.matches("Signs today").count(), after.body.matches("Verifies only").count()), (1, 1));
    assert_eq!(w.service.key_set().await.unwrap().keys.len(), 2);
    // The rule packs in force, with the version stored with determinations.
    let rules = get(&w.router, "/admin/rules", &english(&w.auditor), &[]).await;
    assert!(rules.body.contains("non-preferential:") && rules.body.contains("eu-gsp"), "{}", rules.body);
}

async fn the_audit_page_shows_the_trail_intact_and_filters_it(store: origo_store::Store) {
    let w = world(store).await;
    let id = submitted(&w, &w.exporter, furniture()).await;
    let page = get(&w.router, "/officer/audit", &english(&w.auditor), &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("The audit trail is intact") && page.body.contains("application.submitted"));
    let only =
        get(&w.router, &format!("/officer/audit?entity_type=application&entity_id={id}"), &english(&w.supervisor), &[])
            .await;
    assert!(only.body.contains("application.created") && !only.body.contains("user.created"), "{}", only.body);
    let by_action = get(&w.router, "/officer/audit?action=user.", &english(&w.admin), &[]).await;
    assert!(by_action.body.contains("user.created") && !by_action.body.contains("application.created"));
    assert_eq!(
        get(&w.router, "/officer/audit?before=x", &english(&w.auditor), &[]).await.status,
        StatusCode::BAD_REQUEST
    );
    // The home page leads each role to its pages.
    let home = get(&w.router, "/home", &english(&w.certifier), &[]).await;
    for href in ["/officer/queue", "/officer/registry", "/officer/certificates", "/admin/rules", "/admin/keys"] {
        assert!(home.body.contains(&format!("href=\"{href}\"")), "{href}");
    }
    assert!(!home.body.contains("href=\"/officer/audit\"") && !home.body.contains("href=\"/admin/users\""));
    let admin = get(&w.router, "/home", &english(&w.admin), &[]).await;
    assert!(admin.body.contains("href=\"/admin/users\"") && !admin.body.contains("href=\"/officer/queue\""));
}

both_backends!(
    a_certifier_approves_through_the_form_and_issues,
    a_refusal_without_reasons_shows_the_field_error_and_changes_nothing,
    the_four_eyes_rule_is_said_plainly_and_a_supervisor_countersigns,
    a_foreign_authority_sees_only_its_countrys_certificates,
    customs_sees_no_decision_and_a_forged_post_is_refused,
    evidence_downloads_as_an_attachment_of_its_type,
    the_queue_filters_searches_and_sorts,
    the_registry_decides_with_reasons_and_revokes,
    an_admin_creates_a_user_and_rotates_the_keys,
    the_audit_page_shows_the_trail_intact_and_filters_it,
);
