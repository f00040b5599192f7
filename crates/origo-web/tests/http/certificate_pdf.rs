//! The certificate's PDF: in the API (`GET /api/v1/certificates/{id}/pdf`) and from the exporter's and the
//! officers' certificate pages, with its number, security code and verification link as text (read back with
//! poppler's `pdftotext`); who may download it; a replayed issuance answering the security code again; and a
//! certificate whose code was not kept.

use std::process::Command;

use axum::http::{Method, StatusCode, header};
use origo_service::Config;
use origo_service::keys::KeyEncryptionKey;
use origo_web::WebSettings;
use serde_json::json;

use crate::common::{Answer, Credentials, both_backends, request, send};
use crate::pages_client::{get, session};
use crate::world::{World, approved_application, world, world_with_config};

const PUBLIC_URL: &str = "https://origo.example.uz";

/// A world whose service seals security codes (it has a KEK) and is reached at [`PUBLIC_URL`].
async fn sealing_world(store: origo_store::Store) -> World {
    let config = Config {
        key_encryption_key: Some(KeyEncryptionKey::random()),
        public_url: PUBLIC_URL.into(),
        ..Config::default()
    };
    world_with_config(store, WebSettings::default(), config).await
}

/// Issues a certificate over the API: (id, number, security code).
async fn issued(w: &World) -> (String, String, String) {
    let application = approved_application(w).await;
    let answer =
        w.call(Method::POST, &format!("/api/v1/applications/{application}/certificate"), &w.certifier, None).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{:?}", answer.json);
    let field = |name: &str| answer.json[name].as_str().unwrap().to_owned();
    (field("certificate_id"), field("number"), field("security_code"))
}

/// The text of a PDF as `pdftotext` reads it, white space squeezed; `None` (after a notice) without poppler.
fn pdf_text(bytes: &[u8]) -> Option<String> {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "pdftotext is missing: CI must install poppler-utils");
        eprintln!("SKIPPED: poppler-utils (pdftotext) is not installed");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("certificate.pdf");
    std::fs::write(&path, bytes).unwrap();
    let output = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output().unwrap();
    assert!(output.status.success(), "pdftotext: {}", String::from_utf8_lossy(&output.stderr));
    Some(String::from_utf8(output.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A PDF download: 200, `application/pdf`, an attachment named after the number, `%PDF` bytes.
fn assert_pdf(answer: &Answer, number: &str) {
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.json);
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(answer.headers[header::CONTENT_DISPOSITION], format!("attachment; filename=\"{number}.pdf\"").as_str());
    assert!(answer.bytes.starts_with(b"%PDF"), "{:?}", &answer.bytes[..answer.bytes.len().min(16)]);
}

async fn the_owner_downloads_the_pdf_with_its_number_code_and_link(store: origo_store::Store) {
    let w = sealing_world(store).await;
    let (id, number, code) = issued(&w).await;
    let answer = w.call(Method::GET, &format!("/api/v1/certificates/{id}/pdf?lang=ru"), &w.exporter, None).await;
    assert_pdf(&answer, &number);
    if let Some(text) = pdf_text(&answer.bytes) {
        assert!(text.contains(&number), "{text}");
        assert!(text.contains(&code), "the security code is printed: {text}");
        assert!(text.contains("Сертификат о происхождении товара"), "Russian labels: {text}");
        let link = format!("{PUBLIC_URL}/verify?number={number}&code={code}");
        assert!(text.replace(' ', "").contains(&link), "{link} in {text}");
    }
    // The certifying body downloads it too; English alone in English.
    for who in [&w.certifier, &w.supervisor] {
        let answer = w.call(Method::GET, &format!("/api/v1/certificates/{id}/pdf?lang=en"), who, None).await;
        assert_pdf(&answer, &number);
        if let Some(text) = pdf_text(&answer.bytes) {
            assert!(text.contains("Certificate of origin") && !text.contains("Сертификат"), "{text}");
        }
    }
    // Uzbek without `lang`.
    let answer = w.call(Method::GET, &format!("/api/v1/certificates/{id}/pdf"), &w.exporter, None).await;
    assert_pdf(&answer, &number);
    if let Some(text) = pdf_text(&answer.bytes) {
        assert!(text.contains("Tovarning kelib chiqishi toʻgʻrisidagi sertifikat"), "{text}");
    }
}

async fn only_the_owner_and_the_certifying_body_get_the_pdf(store: origo_store::Store) {
    let w = sealing_world(store).await;
    let (id, _, _) = issued(&w).await;
    let uri = format!("/api/v1/certificates/{id}/pdf");
    let anonymous = w.call(Method::GET, &uri, &Credentials::Anonymous, None).await;
    assert_eq!((anonymous.status, anonymous.code()), (StatusCode::UNAUTHORIZED, "unauthenticated"));
    let other = w.call(Method::GET, &uri, &w.other_exporter, None).await;
    assert_eq!((other.status, other.code()), (StatusCode::NOT_FOUND, "not_found"));
    // They see the certificate, not its security code.
    for who in [&w.customs, &w.auditor, &w.foreign_de] {
        let refused = w.call(Method::GET, &uri, who, None).await;
        assert_eq!((refused.status, refused.code()), (StatusCode::FORBIDDEN, "forbidden"), "{:?}", refused.json);
    }
    // An ERP with a read-only token of the exporter fetches it too: the PDF only reads.
    let token = w.call(Method::POST, "/api/v1/tokens", &w.exporter, Some(json!({"name": "erp", "scopes": ["read"]})));
    let token = Credentials::Bearer(token.await.json["token"].as_str().unwrap().to_owned());
    assert_eq!(w.call(Method::GET, &uri, &token, None).await.status, StatusCode::OK);
    let bad = w.call(Method::GET, &format!("{uri}?lang=fr"), &w.exporter, None).await;
    assert_eq!(
        (bad.status, bad.code(), bad.json["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, "invalid_parameter", Some("lang"))
    );
    let unknown = format!("/api/v1/certificates/{}/pdf", uuid::Uuid::now_v7());
    assert_eq!(w.call(Method::GET, &unknown, &w.exporter, None).await.status, StatusCode::NOT_FOUND);
}

async fn the_pages_link_and_serve_the_pdf_in_their_language(store: origo_store::Store) {
    let w = sealing_world(store).await;
    let (id, number, code) = issued(&w).await;
    let page_uri = format!("/exporter/certificates/{id}?lang=en");
    let exporter_page = get(&w.router, &page_uri, &[session(&w.exporter)], &[]).await;
    assert_eq!(exporter_page.status, StatusCode::OK);
    let href = format!("/exporter/certificates/{id}/certificate.pdf");
    assert!(exporter_page.body.contains(&format!("href=\"{href}\"")), "{}", exporter_page.body);

    let pdf = send(&w.router, request(Method::GET, &format!("{href}?lang=en"), &w.exporter, None)).await;
    assert_pdf(&pdf, &number);
    if let Some(text) = pdf_text(&pdf.bytes) {
        assert!(text.contains(&code) && text.contains("Certificate of origin"), "{text}");
    }
    let other = send(&w.router, request(Method::GET, &href, &w.other_exporter, None)).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let anonymous = send(&w.router, request(Method::GET, &href, &Credentials::Anonymous, None)).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.headers[header::LOCATION].to_str().unwrap().starts_with("/login?next="));

    let officer_href = format!("/officer/certificates/{id}/certificate.pdf");
    let officer_page = get(&w.router, &format!("/officer/certificates/{id}"), &[session(&w.certifier)], &[]).await;
    assert!(officer_page.body.contains(&format!("href=\"{officer_href}\"")), "{}", officer_page.body);
    let pdf = send(&w.router, request(Method::GET, &format!("{officer_href}?lang=ru"), &w.certifier, None)).await;
    assert_pdf(&pdf, &number);
    // Customs reads the certificate's page, without the link; the download itself is refused.
    let customs_page = get(&w.router, &format!("/officer/certificates/{id}"), &[session(&w.customs)], &[]).await;
    assert_eq!(customs_page.status, StatusCode::OK);
    assert!(!customs_page.body.contains("certificate.pdf"), "{}", customs_page.body);
    let refused = send(&w.router, request(Method::GET, &officer_href, &w.customs, None)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

async fn a_revoked_certificates_pdf_says_so(store: origo_store::Store) {
    let w = sealing_world(store).await;
    let (id, number, _) = issued(&w).await;
    let reasons = json!({"reasons": "goods returned"});
    let revoke_uri = format!("/api/v1/certificates/{id}/revocation");
    assert_eq!(w.call(Method::POST, &revoke_uri, &w.certifier, Some(reasons)).await.status, StatusCode::OK);
    let answer = w.call(Method::GET, &format!("/api/v1/certificates/{id}/pdf?lang=ru"), &w.exporter, None).await;
    assert_pdf(&answer, &number);
    if let Some(text) = pdf_text(&answer.bytes) {
        assert!(text.contains("ОТОЗВАН") && text.contains("REVOKED"), "{text}");
    }
}

async fn a_replayed_issuance_answers_the_security_code_again(store: origo_store::Store) {
    let w = sealing_world(store).await;
    let application = approved_application(&w).await;
    let uri = format!("/api/v1/applications/{application}/certificate");
    let mut first = request(Method::POST, &uri, &w.certifier, None);
    first.headers_mut().insert("idempotency-key", "issue-once".parse().unwrap());
    let first = send(&w.router, first).await;
    assert_eq!(first.status, StatusCode::CREATED, "{:?}", first.json);
    let mut again = request(Method::POST, &uri, &w.certifier, None);
    again.headers_mut().insert("idempotency-key", "issue-once".parse().unwrap());
    let again = send(&w.router, again).await;
    assert_eq!(again.status, StatusCode::CREATED, "{:?}", again.json);
    assert_eq!(again.json["certificate_id"], first.json["certificate_id"]);
    assert!(first.json["security_code"].is_string());
    assert_eq!(again.json["security_code"], first.json["security_code"]);
}

async fn a_certificate_without_a_kept_code_has_no_pdf(store: origo_store::Store) {
    // No key-encryption key: nothing can be sealed, so the code is not kept (as for certificates issued before
    // codes were kept).
    let w = world(store).await;
    let (id, number, _) = issued(&w).await;
    let answer = w.call(Method::GET, &format!("/api/v1/certificates/{id}/pdf"), &w.exporter, None).await;
    assert_eq!((answer.status, answer.code()), (StatusCode::CONFLICT, "pdf_unavailable"), "{:?}", answer.json);
    assert!(answer.json["error"]["message"].as_str().unwrap().contains(&number), "{:?}", answer.json);
    let page = get(&w.router, &format!("/exporter/certificates/{id}?lang=en"), &[session(&w.exporter)], &[]).await;
    assert!(!page.body.contains("certificate.pdf"), "{}", page.body);
    assert!(page.body.contains("was issued before security codes were kept"), "{}", page.body);
}

both_backends!(
    the_owner_downloads_the_pdf_with_its_number_code_and_link,
    only_the_owner_and_the_certifying_body_get_the_pdf,
    the_pages_link_and_serve_the_pdf_in_their_language,
    a_revoked_certificates_pdf_says_so,
    a_replayed_issuance_answers_the_security_code_again,
    a_certificate_without_a_kept_code_has_no_pdf,
);
