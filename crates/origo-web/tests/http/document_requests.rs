//! Documents asked of the exporter during a verification, over the API and the pages: the certifier records the
//! step with what is asked, a due date and a site-visit report; the exporter sees a notice on its dashboard and
//! the ask (never the foreign request), answers with a file and a note through the page (a bad file is shown again
//! naming it), once; the certifier reads the answer and downloads the files on the request page; the foreign
//! authority sees none of it. Also the public statement check showing a statement answered "not confirmed" in
//! three languages, and the matrix rows of these routes.

use axum::http::{Method, StatusCode};
use base64::Engine;
use serde_json::{Value, json};

use crate::common::{Answer, Credentials, both_backends};
use crate::pages_client::post_documents;
use crate::pages_client::{get, session};
use crate::world::{World, approved_application, statement_application, world};

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A certificate issued for DE to `w.exporter`, and a verification request on it by DE: (number, request id).
async fn request_on_certificate(w: &World) -> (String, String) {
    let id = approved_application(w).await;
    let issued = w.call(Method::POST, &format!("/api/v1/applications/{id}/certificate"), &w.certifier, None).await;
    assert_eq!(issued.status, StatusCode::CREATED, "{:?}", issued.json);
    let number = issued.json["number"].as_str().unwrap().to_owned();
    let filing = json!({
        "certificate_number": number,
        "reason_kind": "originating_status",
        "reasons": "CONFIDENTIAL: the importer names a trader in a third country.",
        "documents": [{"file_name": "secret.pdf", "media_type": "application/pdf", "content_base64": b64(b"%PDF-1.7 secret")}]
    });
    let filed = w.call(Method::POST, "/api/v1/verification-requests", &w.foreign_de, Some(filing)).await;
    assert_eq!(filed.status, StatusCode::CREATED, "{:?}", filed.json);
    (number, filed.json["id"].as_str().unwrap().to_owned())
}

async fn ask(w: &World, request: &str) -> Answer {
    let step = json!({
        "kind": "documents_requested_from_exporter",
        "description": "Internal: compare with the importer's declaration.",
        "asked": "Purchase invoices of the fabric used in March 2026",
        "due_date": "2026-05-20",
        "documents": [{"file_name": "letter.txt", "media_type": "text/plain", "content_base64": b64(b"Please send the invoices.")}]
    });
    w.call(Method::POST, &format!("/api/v1/verification-requests/{request}/steps"), &w.certifier, Some(step)).await
}

async fn the_exporter_answers_what_the_certifier_asks(store: origo_store::Store) {
    let w = world(store).await;
    let (number, request) = request_on_certificate(&w).await;

    // Bad asks name their field and write nothing.
    let before = w.audit_seq().await;
    let uri = format!("/api/v1/verification-requests/{request}/steps");
    let visit_with_ask =
        json!({"kind": "site_visit", "description": "Visit", "asked": "Invoices", "due_date": "2026-05-20"});
    let no_due = json!({"kind": "documents_requested_from_exporter", "description": "Ask", "asked": "Invoices"});
    let early = json!({"kind": "documents_requested_from_exporter", "description": "Ask", "asked": "Invoices",
        "due_date": "2026-04-01"});
    let fake = json!({"kind": "site_visit", "description": "Visit",
        "documents": [{"file_name": "report.pdf", "media_type": "application/pdf", "content_base64": b64(b"MZ")}]});
    for (body, code, field) in [
        (visit_with_ask, "validation_failed", "asked"),
        (no_due, "validation_failed", "due_date"),
        (early, "validation_failed", "due_date"),
        (fake, "unsupported_file_type", "documents"),
    ] {
        let refused = w.call(Method::POST, &uri, &w.certifier, Some(body)).await;
        assert_eq!(
            (refused.code(), refused.json["error"]["field"].as_str()),
            (code, Some(field)),
            "{:?}",
            refused.json
        );
    }
    assert_eq!(w.audit_seq().await, before, "nothing written");

    let recorded = ask(&w, &request).await;
    assert_eq!(recorded.status, StatusCode::CREATED, "{:?}", recorded.json);
    assert_eq!(recorded.json["documents"][0]["file_name"], "letter.txt");
    let asked = &recorded.json["document_request"];
    assert_eq!((asked["status"].as_str(), asked["due_date"].as_str()), (Some("pending"), Some("2026-05-20")));
    let ask_id = asked["id"].as_str().unwrap().to_owned();

    // The exporter's list shows what is asked and about which certificate, nothing of the foreign request.
    let mine = w.call(Method::GET, "/api/v1/document-requests", &w.exporter, None).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.json[0]["subject"]["certificate_number"], number.as_str());
    assert_eq!(mine.json[0]["asked"], "Purchase invoices of the fabric used in March 2026");
    let text = mine.json.to_string();
    for secret in ["CONFIDENTIAL", "secret.pdf", "VR-2026", "DE", "Internal"] {
        assert!(!text.contains(secret), "the exporter must not read {secret}: {text}");
    }
    let other = w.call(Method::GET, "/api/v1/document-requests", &w.other_exporter, None).await;
    assert_eq!(other.json, json!([]));
    let theirs = w.call(Method::GET, &format!("/api/v1/document-requests/{ask_id}"), &w.other_exporter, None).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);

    // The dashboard's notice and the page.
    let cookies = vec![session(&w.exporter), ("origo_lang", "en".to_owned())];
    let dashboard = get(&w.router, "/exporter", &cookies, &[]).await;
    assert!(
        dashboard.body.contains(&format!("The certifying body asks for documents about certificate {number} by")),
        "{}",
        dashboard.body
    );
    let page = get(&w.router, "/exporter/document-requests", &cookies, &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Purchase invoices of the fabric"));
    assert!(!page.body.contains("CONFIDENTIAL") && !page.body.contains("Internal"));
    let csrf = page.csrf_field().unwrap();

    // A wrong file is refused naming it, and nothing is sent.
    let answer_uri = format!("/exporter/document-requests/{ask_id}/answer");
    let fields = [("csrf_token", csrf.as_str()), ("note", "Invoices attached")];
    let refused =
        post_documents(&w.router, &answer_uri, &cookies, &fields, &[("tool.pdf", "application/pdf", b"MZ")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("tool.pdf: only PDF"), "{}", refused.body);
    assert!(refused.body.contains("Invoices attached"), "the note is kept");
    let still = w.call(Method::GET, &format!("/api/v1/document-requests/{ask_id}"), &w.exporter, None).await;
    assert_eq!(still.json["status"], "pending");

    let invoice: &[u8] = b"%PDF-1.7 invoice 17";
    let sent =
        post_documents(&w.router, &answer_uri, &cookies, &fields, &[("invoice.pdf", "application/pdf", invoice)]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let answered = w.call(Method::GET, &format!("/api/v1/document-requests/{ask_id}"), &w.exporter, None).await;
    assert_eq!(
        (answered.json["status"].as_str(), answered.json["note"].as_str()),
        (Some("answered"), Some("Invoices attached"))
    );
    let again = json!({"note": "again", "documents": [{"file_name": "b.txt", "media_type": "text/plain", "content_base64": b64(b"b")}]});
    let twice =
        w.call(Method::POST, &format!("/api/v1/document-requests/{ask_id}/answer"), &w.exporter, Some(again)).await;
    assert_eq!((twice.status, twice.code()), (StatusCode::CONFLICT, "invalid_state"));

    // The certifier reads the answer and downloads the files; the foreign authority and customs do not.
    let detail = w.call(Method::GET, &format!("/api/v1/verification-requests/{request}"), &w.certifier, None).await;
    let asks = &detail.json["document_requests"];
    assert_eq!(asks[0]["status"], "answered");
    let file_id = asks[0]["documents"][0]["id"].as_str().unwrap().to_owned();
    let step_file = detail.json["step_documents"][0]["id"].as_str().unwrap().to_owned();
    for (file, bytes) in [(&file_id, invoice), (&step_file, &b"Please send the invoices."[..])] {
        let uri = format!("/api/v1/verification-requests/{request}/documents/{file}");
        let download = w.call(Method::GET, &uri, &w.certifier, None).await;
        assert_eq!((download.status, download.bytes.as_slice()), (StatusCode::OK, bytes));
        let foreign = w.call(Method::GET, &uri, &w.foreign_de, None).await;
        assert_eq!(foreign.status, StatusCode::NOT_FOUND, "the exporter's papers are not the authority's");
    }
    let foreign = w.call(Method::GET, &format!("/api/v1/verification-requests/{request}"), &w.foreign_de, None).await;
    assert_eq!((&foreign.json["document_requests"], &foreign.json["step_documents"]), (&Value::Null, &Value::Null));
    let customs = w.call(Method::GET, &format!("/api/v1/verification-requests/{request}"), &w.customs, None).await;
    assert_eq!(customs.json["document_requests"], Value::Null);

    let officer = vec![session(&w.certifier), ("origo_lang", "en".to_owned())];
    let page = get(&w.router, &format!("/cooperation/requests/{request}"), &officer, &[]).await;
    assert!(page.body.contains("Documents asked of the exporter") && page.body.contains("invoice.pdf"));
    assert!(page.body.contains("letter.txt") && page.body.contains("Invoices attached"));
    let dashboard = get(&w.router, "/exporter", &cookies, &[]).await;
    assert!(!dashboard.body.contains("The certifying body asks for documents"), "answered: no notice");
}

async fn a_statement_not_confirmed_shows_as_not_confirmed(store: origo_store::Store) {
    let w = world(store).await;
    let id = statement_application(&w, &w.exporter).await;
    let body = json!({"place": "Tashkent", "document_reference": "Invoice INV-9 of 2026-04-28"});
    let made = w.call(Method::POST, &format!("/api/v1/applications/{id}/statement"), &w.exporter, Some(body)).await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.json);
    let hash = made.json["text_hash"].as_str().unwrap().to_owned();
    let text = made.json["text"].as_str().unwrap().to_owned();
    let query = form_urlencoded::Serializer::new(String::new()).append_pair("text", &text).finish();
    let by_text = format!("/verify/statement?{query}");

    let en = vec![("origo_lang", "en".to_owned())];
    let page = get(&w.router, &by_text, &en, &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("answer-valid") && page.body.contains("Registered"), "{}", page.body);

    let filing = json!({"statement_hash": hash, "reason_kind": "authenticity", "reasons": "Doubt"});
    let filed = w.call(Method::POST, "/api/v1/verification-requests", &w.foreign_de, Some(filing)).await;
    let request = filed.json["id"].as_str().unwrap();
    let reply = json!({"outcome": "not_confirmed", "findings": "No production records."});
    let replied = w
        .call(Method::POST, &format!("/api/v1/verification-requests/{request}/reply"), &w.certifier, Some(reply))
        .await;
    assert_eq!(replied.status, StatusCode::OK, "{:?}", replied.json);
    let api = w.call(Method::GET, &format!("/api/v1/public/statements/{hash}"), &Credentials::Anonymous, None).await;
    assert_eq!(api.json["not_confirmed_on"], "2026-05-01");

    for (lang, heading, meaning) in [
        ("en", "Not confirmed on", "not valid proof of origin"),
        ("ru", "Не подтверждено", "не является действительным доказательством"),
        ("uz", "tasdiqlanmadi", "haqiqiy kelib chiqish dalili emas"),
    ] {
        let cookies = vec![("origo_lang", lang.to_owned())];
        let page = get(&w.router, &by_text, &cookies, &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{lang}");
        assert!(page.body.contains("answer-revoked"), "{lang}: shown as not valid");
        assert!(page.body.contains(heading) && page.body.contains(meaning), "{lang}: {}", page.body);
        let by_hash = get(&w.router, &format!("/verify/statement?hash={hash}"), &cookies, &[]).await;
        assert!(by_hash.body.contains(heading), "{lang}: by hash");
    }
    let unknown = get(&w.router, "/verify/statement?text=not+a+statement", &en, &[]).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

/// The rows of the endpoint x role matrix for these routes.
pub async fn matrix_rows(w: &World) -> Vec<(Method, String, Option<Value>, &'static str)> {
    let (_, request) = request_on_certificate(w).await;
    let recorded = ask(w, &request).await;
    let ask_id = recorded.json["document_request"]["id"].as_str().unwrap().to_owned();
    let answer = json!({"note": "Invoices", "documents": [{"file_name": "i.pdf", "media_type": "application/pdf",
        "content_base64": b64(b"%PDF-1.7 i")}]});
    let answered = w
        .call(Method::POST, &format!("/api/v1/document-requests/{ask_id}/answer"), &w.exporter, Some(answer.clone()))
        .await;
    let file = answered.json["documents"][0]["id"].as_str().unwrap().to_owned();
    let base = format!("/api/v1/document-requests/{ask_id}");
    vec![
        (Method::GET, "/api/v1/document-requests".into(), None, "UAAFFFFFFF"),
        (Method::GET, base.clone(), None, "UANAAFFFAF"),
        (Method::GET, format!("{base}/documents/{file}"), None, "UANAAFFFAF"),
        (Method::POST, format!("{base}/answer"), Some(answer), "UANFFFFFFF"),
    ]
}

both_backends!(the_exporter_answers_what_the_certifier_asks, a_statement_not_confirmed_shows_as_not_confirmed);
