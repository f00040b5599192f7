//! `/dashboard` through the router, over a known history made month by month with a moving clock: three
//! applications submitted in May, June and July 2026, two certificates issued (one later revoked), one
//! verification request from Germany answered in time and one from France still open, risk assessments in two
//! bands. The tables under the charts show exactly those figures; Russian titles with `?lang=ru`; the parts each
//! role may read (a foreign authority its own country only, an exporter 403); a malformed month named at its
//! field with 422.

use axum::http::{Method, StatusCode};
use origo_store::Actor;
use origo_store::risk_assessments::{self, NewRiskAssessment, RiskRoute};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::macros::datetime;

use crate::common::{Credentials, both_backends};
use crate::pages_client::{Page, get, session};
use crate::world::{World, furniture, login, world};

/// Moves the clock and signs the users in again (sessions do not outlive a jump of weeks).
async fn at(w: &World, when: OffsetDateTime) -> Users {
    w.service.clock().set(when);
    Users {
        exporter: login(&w.router, "exporter").await,
        certifier: login(&w.router, "certifier").await,
        foreign_de: login(&w.router, "foreign_de").await,
        foreign_fr: login(&w.router, "foreign_fr").await,
    }
}

struct Users {
    exporter: Credentials,
    certifier: Credentials,
    foreign_de: Credentials,
    foreign_fr: Credentials,
}

/// Creates and submits `body` as the exporter; returns the application's id.
async fn submitted(w: &World, u: &Users, body: Value) -> String {
    let created = w.call(Method::POST, "/api/v1/applications", &u.exporter, Some(body)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.json);
    let id = created.json["id"].as_str().unwrap().to_owned();
    let answer = w.call(Method::POST, &format!("/api/v1/applications/{id}/submit"), &u.exporter, None).await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.json);
    id
}

/// Approves and issues; returns the certificate's (id, number).
async fn issued(w: &World, u: &Users, id: &str) -> (String, String) {
    let approve = json!({"decision": "approve"});
    let uri = format!("/api/v1/applications/{id}/examination");
    let approved = w.call(Method::POST, &uri, &u.certifier, Some(approve)).await;
    assert_eq!(approved.status, StatusCode::OK, "{:?}", approved.json);
    let issued = w.call(Method::POST, &format!("/api/v1/applications/{id}/certificate"), &u.certifier, None).await;
    assert_eq!(issued.status, StatusCode::CREATED, "{:?}", issued.json);
    (issued.json["certificate_id"].as_str().unwrap().to_owned(), issued.json["number"].as_str().unwrap().to_owned())
}

async fn file(w: &World, who: &Credentials, number: &str) -> String {
    let filing = json!({
        "certificate_number": number,
        "reason_kind": "originating_status",
        "reasons": "The goods were declared at import as made in a third country."
    });
    let filed = w.call(Method::POST, "/api/v1/verification-requests", who, Some(filing)).await;
    assert_eq!(filed.status, StatusCode::CREATED, "{:?}", filed.json);
    filed.json["id"].as_str().unwrap().to_owned()
}

/// The application's latest risk assessment, recorded at the clock's time.
async fn assessed(w: &World, id: &str, score: &str, route: RiskRoute) {
    let mut tx = w.store.begin().await.unwrap();
    let new = NewRiskAssessment {
        application_id: id.parse().unwrap(),
        score: score.parse().unwrap(),
        route,
        randomly_selected: false,
        findings: Vec::new(),
        config_fingerprint: "0".repeat(64),
    };
    risk_assessments::record(&mut tx, &Actor::system(w.service.clock().now()), &new).await.unwrap();
    tx.commit().await.unwrap();
}

/// May to July 2026, as the module's documentation says (the JSON API's tests read the same history).
pub(crate) async fn history(w: &World) {
    let u = at(w, datetime!(2026-05-10 10:00 UTC)).await;
    let a = submitted(w, &u, furniture()).await;
    assessed(w, &a, "0.12", RiskRoute::AutomaticApproval).await;
    let (_, a_number) = issued(w, &u, &a).await;

    let u = at(w, datetime!(2026-06-15 10:00 UTC)).await;
    let mut for_france = furniture();
    for_france["consignment"] = json!({"importing_country": "FR", "consignee": {"name": "Meubles SA", "address": "1 rue de Lyon, Paris", "country": "FR"}});
    let b = submitted(w, &u, for_france).await;
    assessed(w, &b, "0.47", RiskRoute::DocumentaryCheck).await;
    let (b_id, b_number) = issued(w, &u, &b).await;
    let request = file(w, &u.foreign_de, &a_number).await;

    let u = at(w, datetime!(2026-06-25 10:00 UTC)).await;
    let reply = json!({"outcome": "confirmed", "findings": "The workshop makes the tables from sawn wood."});
    let replied = w
        .call(Method::POST, &format!("/api/v1/verification-requests/{request}/reply"), &u.certifier, Some(reply))
        .await;
    assert_eq!(replied.status, StatusCode::OK, "{:?}", replied.json);

    let u = at(w, datetime!(2026-07-01 10:00 UTC)).await;
    file(w, &u.foreign_fr, &b_number).await;
    let c = submitted(w, &u, furniture()).await;
    assessed(w, &c, "0.15", RiskRoute::AutomaticApproval).await;
    let revoke = json!({"reasons": "The goods never left Uzbekistan."});
    let revoked =
        w.call(Method::POST, &format!("/api/v1/certificates/{b_id}/revocation"), &u.certifier, Some(revoke)).await;
    assert_eq!(revoked.status, StatusCode::OK, "{:?}", revoked.json);
}

async fn dashboard(w: &World, who: &Credentials, query: &str) -> Page {
    let cookies = [session(who), ("origo_lang", "en".to_owned())];
    get(&w.router, &format!("/dashboard{query}"), &cookies, &[]).await
}

/// The HTML of the chart block `id` (from its `<figure>` to the next).
fn block<'a>(page: &'a Page, id: &str) -> &'a str {
    let start = page.body.find(&format!("<figure class=\"chart-block\" id=\"{id}\">")).unwrap_or_else(|| {
        panic!("no block {id}: {}", page.body);
    });
    let rest = &page.body[start..];
    &rest[..rest.find("</figure>").unwrap()]
}

/// The cells of the table row headed `head` in `html`.
fn cells(html: &str, head: &str) -> Vec<String> {
    let start = html.find(&format!("<th scope=\"row\">{head}</th>")).unwrap_or_else(|| panic!("no row {head}: {html}"));
    let row = &html[start..start + html[start..].find("</tr>").unwrap()];
    row.split("<td class=\"num\">").skip(1).map(|cell| cell[..cell.find("</td>").unwrap()].to_owned()).collect()
}

async fn the_dashboard_shows_the_figures_of_a_known_history(store: origo_store::Store) {
    let w = world(store).await;
    history(&w).await;
    let supervisor = login(&w.router, "supervisor").await;
    let page = dashboard(&w, &supervisor, "?from=2026-05&to=2026-07").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Period: May 2026 – July 2026"), "{}", page.body);
    // The same figures as JSON, for the period shown (`api_dashboard` checks what the API answers).
    let download =
        "href=\"/api/v1/statistics/dashboard?from=2026-05&amp;to=2026-07\" download=\"dashboard-2026-05-2026-07.json\"";
    assert!(page.body.contains(download), "{}", page.body);

    let applications = block(&page, "chart-applications");
    for month in ["May 2026", "June 2026", "July 2026"] {
        assert_eq!(cells(applications, month), ["1"], "{month}");
    }
    assert!(
        applications.contains("<desc id=\"chart-applications-desc\">May 2026: 1; June 2026: 1; July 2026: 1</desc>")
    );
    let certificates = block(&page, "chart-certificates");
    // General form, CT-1, CT-UZ, total.
    assert_eq!(cells(certificates, "May 2026"), ["1", "0", "0", "1"]);
    assert_eq!(cells(certificates, "June 2026"), ["1", "0", "0", "1"]);
    assert_eq!(cells(certificates, "July 2026"), ["0", "0", "0", "0"]);
    let changes = block(&page, "chart-status-changes");
    assert_eq!(cells(changes, "July 2026"), ["1", "0", "1"]);
    assert_eq!(cells(changes, "June 2026"), ["0", "0", "0"]);

    let bands = block(&page, "chart-risk-bands");
    assert_eq!(cells(bands, "Score 0.1–0.2"), ["2"]);
    assert_eq!(cells(bands, "Score 0.4–0.5"), ["1"]);
    assert_eq!(cells(bands, "Score 0.9–1.0"), ["0"]);
    assert!(bands.contains("Applications assessed in the period: 3"), "{bands}");
    let routes = block(&page, "chart-risk-routes");
    assert_eq!(cells(routes, "Automatic approval"), ["2", "0", "2"]);
    assert_eq!(cells(routes, "Documentary check"), ["1", "0", "1"]);

    let partners = block(&page, "chart-partners");
    // Requests, answered, in time, share, unanswered, overdue, median.
    assert_eq!(cells(partners, "DE"), ["1", "1", "1", "100%", "0", "0", "10 days"]);
    assert_eq!(cells(partners, "FR"), ["1", "0", "0", "—", "1", "0", "—"]);
    assert_eq!(cells(block(&page, "chart-turnaround"), "DE"), ["10 days"]);

    let hs = block(&page, "chart-hs-items");
    // One item on each of the two certificates; the revoked one was issued and counts.
    assert_eq!(cells(hs, "9403.60"), ["2", "2"]);
    assert!(hs.contains("Goods items on the certificates issued in the period: 2"), "{hs}");
    let value = block(&page, "chart-hs-value-1");
    assert!(value.contains("Top HS codes by invoiced value, EUR"), "{value}");
    assert_eq!(cells(value, "9403.60"), ["2,000.00", "2"]);

    // Only May: the later months' figures are not there.
    let may = dashboard(&w, &supervisor, "?from=2026-05&to=2026-05").await;
    assert_eq!(cells(block(&may, "chart-certificates"), "May 2026"), ["1", "0", "0", "1"]);
    assert!(!block(&may, "chart-certificates").contains("June 2026"));
    assert!(block(&may, "chart-status-changes").contains("No data for this period."));
    // The default period is the twelve months up to the clock's month (July 2026).
    let default = dashboard(&w, &supervisor, "").await;
    assert!(default.body.contains("Period: August 2025 – July 2026"), "{}", default.body);
    assert!(default.body.contains("name=\"from\" type=\"month\" value=\"2025-08\""), "{}", default.body);
}

async fn each_role_sees_the_parts_it_may_read(store: origo_store::Store) {
    let w = world(store).await;
    history(&w).await;
    let query = "?from=2026-05&to=2026-07";
    let parts = ["chart-applications", "chart-certificates", "chart-risk-bands", "chart-partners", "chart-hs-items"];
    // Which parts each role sees: the aggregate figures (all but partners) and the partners' figures.
    for (name, aggregate, partners) in [
        ("certifier", true, true),
        ("supervisor", true, true),
        ("customs", true, true),
        ("auditor", true, true),
        ("admin", true, false),
        ("foreign_de", false, true),
    ] {
        let who = login(&w.router, name).await;
        let page = dashboard(&w, &who, query).await;
        assert_eq!(page.status, StatusCode::OK, "{name}");
        for part in parts {
            let expected = if part == "chart-partners" { partners } else { aggregate };
            assert_eq!(page.body.contains(&format!("id=\"{part}\"")), expected, "{name} sees {part}");
        }
    }
    // A foreign authority sees its own country's requests only.
    let de = dashboard(&w, &login(&w.router, "foreign_de").await, query).await;
    assert_eq!(cells(block(&de, "chart-partners"), "DE")[0], "1");
    assert!(!block(&de, "chart-partners").contains(">FR<"), "{}", de.body);
    assert!(!de.body.contains("9403.60"), "no trade figures for a foreign authority");
    // An exporter is refused.
    let exporter = login(&w.router, "exporter").await;
    let refused = dashboard(&w, &exporter, query).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("Not allowed"), "{}", refused.body);
    // Not signed in: to the login page.
    let anonymous = get(&w.router, "/dashboard", &[], &[]).await;
    assert_eq!((anonymous.status, anonymous.location()), (StatusCode::SEE_OTHER, "/login?next=%2Fdashboard"));
}

async fn the_dashboard_speaks_russian_and_uzbek(store: origo_store::Store) {
    let w = world(store).await;
    history(&w).await;
    let auditor = login(&w.router, "auditor").await;
    let ru = get(&w.router, "/dashboard?from=2026-05&to=2026-07&lang=ru", &[session(&auditor)], &[]).await;
    assert_eq!(ru.status, StatusCode::OK);
    for text in [
        "<h1>Показатели</h1>",
        "Поданные заявки по месяцам",
        "Выданные сертификаты по месяцам и видам",
        "Запросы о проверке по странам-партнёрам",
        "Период: май 2026 — июль 2026",
        "<html lang=\"ru\">",
    ] {
        assert!(ru.body.contains(text), "{text}: {}", ru.body);
    }
    // Numbers as Russian writes them: a decimal comma and a no-break space between groups.
    assert_eq!(cells(block(&ru, "chart-hs-value-1"), "9403.60")[0], "2\u{a0}000,00");
    assert_eq!(cells(block(&ru, "chart-risk-bands"), "Балл 0,1–0,2"), ["2"]);
    let uz = get(&w.router, "/dashboard?from=2026-05&to=2026-07&lang=uz", &[session(&auditor)], &[]).await;
    assert!(uz.body.contains("Oylar boʻyicha topshirilgan arizalar"), "{}", uz.body);
    assert!(uz.body.contains("Davr: 2026-yil may — 2026-yil iyul"), "{}", uz.body);
}

async fn a_malformed_month_is_named_at_its_field(store: origo_store::Store) {
    let w = world(store).await;
    let certifier = w.certifier.clone();
    for (query, field, message) in [
        ("?from=2026-13", "from", "Enter a month as YYYY-MM, for example 2026-03."),
        ("?from=march&to=2026-04", "from", "Enter a month as YYYY-MM, for example 2026-03."),
        ("?to=26-04", "to", "Enter a month as YYYY-MM, for example 2026-03."),
        ("?from=2026-05&to=2026-04", "from", "The first month must not be after the last."),
        ("?from=2020-01&to=2026-04", "from", "A period is at most 60 months."),
    ] {
        let page = dashboard(&w, &certifier, query).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert!(
            page.body.contains(&format!("<p class=\"field-error\" id=\"{field}-error\">{message}</p>")),
            "{query}: {}",
            page.body
        );
        assert!(page.body.contains(&format!("id=\"{field}\" name=\"{field}\" type=\"month\"")), "{query}");
        let other = if field == "from" { "to" } else { "from" };
        assert!(!page.body.contains(&format!("id=\"{other}-error\"")), "{query}: only {field} is wrong");
        assert!(!page.body.contains("<figure"), "{query}: no charts for a wrong period");
    }
    // What was typed is shown again, escaped.
    let page = dashboard(&w, &certifier, "?from=%3Cb%3E").await;
    assert!(page.body.contains("value=\"&#60;b&#62;\"") || page.body.contains("value=\"&lt;b&gt;\""), "{}", page.body);
    // The API's error table names the field too (the same service error; a query parameter, so 400).
    let error: origo_web::AppError = origo_service::dashboard::period(
        &origo_service::dashboard::PeriodQuery { from: Some("x".into()), to: None },
        w.service.clock().today(),
    )
    .unwrap_err()
    .into();
    assert_eq!((error.code, error.field.as_deref()), (origo_web::Code::InvalidParameter, Some("from")));
}

both_backends!(
    the_dashboard_shows_the_figures_of_a_known_history,
    each_role_sees_the_parts_it_may_read,
    the_dashboard_speaks_russian_and_uzbek,
    a_malformed_month_is_named_at_its_field,
);
