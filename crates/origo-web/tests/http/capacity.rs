//! Declared production capacity and exchange rates over HTTP: the API's field-named errors
//! (`capacity[0].hs`, a trader's lines refused, a duplicate rate), and the pages in Russian: the exporter's
//! capacity form, the certifier's registration view, the administrator's rates page with a CSV that writes
//! nothing when one row is wrong.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Credentials, both_backends};
use crate::pages_client::{Page, get, post_form, session};
use crate::world::{World, furniture, world};

fn russian(who: &Credentials) -> Vec<(&'static str, String)> {
    vec![session(who), ("origo_lang", "ru".to_owned())]
}

async fn post(w: &World, who: &Credentials, uri: &str, fields: &[(&str, &str)]) -> Page {
    let csrf = get(&w.router, "/home", &russian(who), &[]).await.csrf_field().expect("a form token");
    let mut form = vec![("csrf_token", csrf.as_str())];
    form.extend_from_slice(fields);
    post_form(&w.router, uri, &russian(who), &form).await
}

/// The exporter's registration id and current data and version.
async fn own_registration(w: &World) -> (String, Value, i64) {
    let me = w.call(Method::GET, "/api/v1/session", &w.exporter, None).await;
    let id = me.json["exporter_id"].as_str().unwrap().to_owned();
    let read = w.call(Method::GET, &format!("/api/v1/registrations/{id}"), &w.exporter, None).await;
    (id, read.json["data"].clone(), read.json["version"].as_i64().unwrap())
}

async fn modify(w: &World, capacity: Value, activity: &str) -> (StatusCode, Value) {
    let (id, mut data, version) = own_registration(w).await;
    data["capacity"] = capacity;
    data["activity"] = json!(activity);
    let body = json!({"expected_version": version, "data": data, "reason": "capacity"});
    let answer = w.call(Method::PUT, &format!("/api/v1/registrations/{id}"), &w.exporter, Some(body)).await;
    (answer.status, answer.json)
}

async fn capacity_over_the_api_names_the_wrong_line(store: origo_store::Store) {
    let w = world(store).await;
    let (status, body) = modify(
        &w,
        json!([{"hs": "940360", "quantity": "500", "unit": "kg"},
                                           {"hs": "9403", "quantity": "10", "unit": "kg"}]),
        "production",
    )
    .await;
    assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("capacity[1].hs")));
    let (status, body) = modify(&w, json!([{"hs": "940360", "quantity": "-1", "unit": "kg"}]), "production").await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("capacity[0].quantity"))
    );
    let (status, body) = modify(&w, json!([{"hs": "940360", "quantity": "10", "unit": "kg"}]), "trading").await;
    assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("capacity")));
    assert!(body["error"]["message"].as_str().unwrap().contains("trader"), "{body}");
    let (status, body) =
        modify(&w, json!([{"hs": "940360", "quantity": "1200.5", "unit": "KGM", "note": "two shifts"}]), "production")
            .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["data"]["capacity"],
        json!([{"hs": "940360", "quantity": "1200.5", "unit": "kg", "note": "two shifts"}])
    );
}

async fn rates_over_the_api(store: origo_store::Store) {
    let w = world(store).await;
    let rate = |currency: &str, date: &str, rate: &str| json!({"currency": currency, "date": date, "rate": rate, "source": "CBU"});
    let added =
        w.call(Method::POST, "/api/v1/exchange-rates", &w.admin, Some(rate("EUR", "2026-01-05", "1.085"))).await;
    assert_eq!(added.status, StatusCode::CREATED, "{:?}", added.json);
    assert_eq!((added.json["rate"].as_str(), added.json["date"].as_str()), (Some("1.085"), Some("2026-01-05")));
    for (body, code, field) in [
        (rate("EUR", "2026-01-05", "1.1"), "duplicate_exchange_rate", "date"),
        (rate("EURO", "2026-01-05", "1.1"), "validation_failed", "currency"),
        (rate("USD", "2026-01-05", "1"), "validation_failed", "currency"),
        (rate("GBP", "2026-13-05", "1.3"), "validation_failed", "date"),
        (rate("GBP", "2026-01-05", "0"), "validation_failed", "rate"),
    ] {
        let refused = w.call(Method::POST, "/api/v1/exchange-rates", &w.admin, Some(body)).await;
        assert_eq!(
            (refused.code(), refused.json["error"]["field"].as_str()),
            (code, Some(field)),
            "{:?}",
            refused.json
        );
    }
    let listed = w.call(Method::GET, "/api/v1/exchange-rates?currency=eur", &w.auditor, None).await;
    assert_eq!(listed.json["configured_currency"], "USD");
    assert_eq!(listed.json["items"].as_array().unwrap().len(), 1);
}

async fn the_pages_in_russian(store: origo_store::Store) {
    let w = world(store).await;
    // The exporter declares its capacity on its registration page.
    let page = get(&w.router, "/exporter/registration?lang=ru", &russian(&w.exporter), &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    for label in ["Заявленная годовая производственная мощность", "Субпозиция ТН ВЭД", "Килограммов в год"]
    {
        assert!(page.body.contains(label), "{label} missing: {}", page.body);
    }
    let (_, _, version) = own_registration(&w).await;
    let version = version.to_string();
    let wrong = post(
        &w,
        &w.exporter,
        "/exporter/registration/capacity",
        &[
            ("version", &version),
            ("capacity_rows", "2"),
            ("capacity_hs_0", "940360"),
            ("capacity_quantity_0", "1000"),
            ("capacity_hs_1", "12345"),
            ("capacity_quantity_1", "10"),
        ],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Укажите существующую шестизначную субпозицию ТН ВЭД"), "{}", wrong.body);
    let saved = post(
        &w,
        &w.exporter,
        "/exporter/registration/capacity",
        &[
            ("version", &version),
            ("capacity_rows", "3"),
            ("capacity_hs_0", "940360"),
            ("capacity_quantity_0", "1 000,5"),
            ("capacity_note_0", "две смены"),
        ],
    )
    .await;
    assert_eq!((saved.status, saved.location()), (StatusCode::SEE_OTHER, "/exporter/registration?capacity=saved"));
    let (id, data, _) = own_registration(&w).await;
    assert_eq!(data["capacity"], json!([{"hs": "940360", "quantity": "1000.5", "unit": "kg", "note": "две смены"}]));
    // The certifier sees it on the registration.
    let view = get(&w.router, &format!("/officer/registry/{id}?lang=ru"), &russian(&w.certifier), &[]).await;
    assert_eq!(view.status, StatusCode::OK);
    assert!(view.body.contains("Заявленная годовая производственная мощность") && view.body.contains("940360"));
    assert!(view.body.contains("две смены"), "{}", view.body);
    // And in the dossier's risk section, for the application's subheading.
    let created = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    let application = created.json["id"].as_str().unwrap().to_owned();
    let submitted =
        w.call(Method::POST, &format!("/api/v1/applications/{application}/submit"), &w.exporter, None).await;
    assert_eq!(submitted.status, StatusCode::OK, "{:?}", submitted.json);
    let dossier = get(&w.router, &format!("/officer/applications/{application}"), &russian(&w.certifier), &[]).await;
    let risk = &dossier.body[dossier.body.find("id=\"risk-heading\"").expect("a risk section")..];
    assert!(risk.contains("Заявленная годовая производственная мощность") && risk.contains("две смены"), "{risk}");

    // The administrator's rates page: a file with one bad row writes nothing.
    let page = get(&w.router, "/admin/exchange-rates?lang=ru", &russian(&w.admin), &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    for label in ["Справочные курсы валют", "Загрузить курсы", "Добавить курс"]
    {
        assert!(page.body.contains(label), "{label} missing: {}", page.body);
    }
    let csv = "currency,date,rate\nEUR,2026-01-05,1.085\nUZS,2026-01-05,abc\n";
    let refused = post(&w, &w.admin, "/admin/exchange-rates/upload", &[("csv", csv), ("source", "ЦБ")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Ничего не записано") && refused.body.contains("Строка 2"), "{}", refused.body);
    let listed = w.call(Method::GET, "/api/v1/exchange-rates", &w.admin, None).await;
    assert_eq!(listed.json["items"].as_array().unwrap().len(), 0, "nothing was written");
    let csv = "currency,date,rate\nEUR,2026-01-05,1.085\nUZS,2026-01-05,0.0000790\n";
    let uploaded = post(&w, &w.admin, "/admin/exchange-rates/upload", &[("csv", csv), ("source", "ЦБ")]).await;
    assert_eq!((uploaded.status, uploaded.location()), (StatusCode::SEE_OTHER, "/admin/exchange-rates?done=uploaded"));
    let added = post(
        &w,
        &w.admin,
        "/admin/exchange-rates",
        &[("currency", "gbp"), ("date", "2026-01-05"), ("rate", "1,30"), ("source", "ЦБ")],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let after = get(&w.router, "/admin/exchange-rates?done=added", &russian(&w.admin), &[]).await;
    assert!(after.body.contains("Курс записан.") && after.body.contains("GBP") && after.body.contains("UZS"));
    // Officers read the list without the forms; an exporter may not.
    let read = get(&w.router, "/admin/exchange-rates", &russian(&w.certifier), &[]).await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(!read.body.contains("Загрузить курсы"));
    let not = post(
        &w,
        &w.certifier,
        "/admin/exchange-rates",
        &[("currency", "KZT"), ("date", "2026-01-05"), ("rate", "0.002"), ("source", "x")],
    )
    .await;
    assert_eq!(not.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&w.router, "/admin/exchange-rates", &russian(&w.exporter), &[]).await.status, StatusCode::FORBIDDEN);
}

both_backends!(capacity_over_the_api_names_the_wrong_line, rates_over_the_api, the_pages_in_russian);
