//! The dashboards' figures over known data: applications submitted and certificates issued, revoked and replaced
//! per month (with the range's bounds exact to the microsecond), the top HS codes by items and by value per
//! currency (replacements not counted twice), the risk distribution by band and route (latest assessments only).

use origo_store::applications::{self, ApplicationState, NewApplication, ProofKind};
use origo_store::certificates::{self, Certificate};
use origo_store::goods::{self, NewGoodsItem};
use origo_store::risk_assessments::{self, NewRiskAssessment, RiskRoute};
use origo_store::statistics::{self, IssuedByKind, Month, MonthRange};
use origo_store::{Actor, Store, sequences};
use rust_decimal::Decimal;
use time::OffsetDateTime;
use time::macros::datetime;
use uuid::Uuid;

use crate::common::{TestDb, conformance};
use crate::fixtures::{self, ISSUER};

fn at(when: OffsetDateTime) -> Actor {
    Actor::system(when)
}

fn month(text: &str) -> Month {
    Month::parse(text).unwrap()
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// An application created and submitted at `submitted`, with goods items of (HS code, value, currency).
async fn submitted(
    store: &Store,
    exporter_id: Uuid,
    kind: ProofKind,
    submitted: OffsetDateTime,
    items: &[(&str, Option<&str>, &str)],
) -> Uuid {
    let mut tx = store.begin().await.unwrap();
    let new = NewApplication {
        exporter_id,
        issuer_code: ISSUER.into(),
        kind,
        consignment: serde_json::json!({"importing_country": "DE"}),
    };
    let application = applications::create(&mut tx, &at(submitted), &new).await.unwrap();
    for (n, (hs_code, value, currency)) in items.iter().enumerate() {
        let item = NewGoodsItem {
            application_id: application.id,
            line_no: i64::try_from(n).unwrap() + 1,
            hs_code: (*hs_code).into(),
            description: "goods".into(),
            quantity: Decimal::ONE,
            unit: "PCE".into(),
            invoice_value: value.map(dec),
            currency: Some((*currency).into()),
            ..NewGoodsItem::default()
        };
        goods::add(&mut tx, &at(submitted), &item).await.unwrap();
    }
    let (draft, to) = (ApplicationState::Draft, ApplicationState::Submitted);
    applications::transition(&mut tx, &at(submitted), application.id, draft, to, None).await.unwrap();
    tx.commit().await.unwrap();
    application.id
}

/// A certificate of `kind` for `application`, issued at `issued` (replacing `replaces` when given, which is then
/// marked replaced at the same instant).
async fn certificate(
    store: &Store,
    exporter_id: Uuid,
    application: Uuid,
    kind: ProofKind,
    issued: OffsetDateTime,
    replaces: Option<Uuid>,
) -> Certificate {
    let mut tx = store.begin().await.unwrap();
    let sequence = sequences::allocate(&mut tx, ISSUER, issued.year()).await.unwrap();
    let number = format!("UZ-{}-{sequence:06}", issued.year());
    let mut new = fixtures::new_certificate(exporter_id, &number, i64::from(issued.year()), sequence);
    new.kind = kind;
    new.application_id = Some(application);
    new.replaces_id = replaces;
    let certificate = certificates::issue(&mut tx, &at(issued), &new).await.unwrap();
    if let Some(old) = replaces {
        certificates::replace(&mut tx, &at(issued), old, certificate.id, "consignee corrected").await.unwrap();
    }
    tx.commit().await.unwrap();
    certificate
}

async fn assess(store: &Store, application: Uuid, when: OffsetDateTime, score: &str, route: RiskRoute, random: bool) {
    let mut tx = store.begin().await.unwrap();
    let new = NewRiskAssessment {
        application_id: application,
        score: dec(score),
        route,
        randomly_selected: random,
        findings: Vec::new(),
        config_fingerprint: "f".repeat(64),
    };
    risk_assessments::record(&mut tx, &at(when), &new).await.unwrap();
    tx.commit().await.unwrap();
}

async fn applications_and_certificates_are_counted_per_month_within_exact_bounds(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await.id;
    let store = &db.store;
    let np = ProofKind::NonPreferential;
    // The range is March to May 2026: the first and the last microsecond of it count, their neighbours do not.
    let before = submitted(store, exporter, np, datetime!(2026-02-28 23:59:59.999999 UTC), &[]).await;
    let first = submitted(store, exporter, np, datetime!(2026-03-01 00:00 UTC), &[]).await;
    let march = submitted(store, exporter, ProofKind::Ct1, datetime!(2026-03-15 10:00 UTC), &[]).await;
    submitted(store, exporter, np, datetime!(2026-05-31 23:59:59.999999 UTC), &[]).await;
    submitted(store, exporter, np, datetime!(2026-06-01 00:00 UTC), &[]).await;
    // A draft is never submitted.
    let mut tx = store.begin().await.unwrap();
    let draft = NewApplication {
        exporter_id: exporter,
        issuer_code: ISSUER.into(),
        kind: np,
        consignment: serde_json::json!({}),
    };
    applications::create(&mut tx, &at(datetime!(2026-04-02 09:00 UTC)), &draft).await.unwrap();
    tx.commit().await.unwrap();

    certificate(store, exporter, before, np, datetime!(2026-02-28 12:00 UTC), None).await;
    let replaced = certificate(store, exporter, first, np, datetime!(2026-03-02 12:00 UTC), None).await;
    let revoked = certificate(store, exporter, march, ProofKind::Ct1, datetime!(2026-03-20 12:00 UTC), None).await;
    certificate(store, exporter, first, np, datetime!(2026-05-05 12:00 UTC), Some(replaced.id)).await;
    let mut tx = store.begin().await.unwrap();
    certificates::revoke(&mut tx, &at(datetime!(2026-05-06 08:00 UTC)), revoked.id, "not originating").await.unwrap();
    tx.commit().await.unwrap();

    let range = MonthRange::new(month("2026-03"), month("2026-05")).unwrap();
    let mut conn = store.conn().await.unwrap();
    let per_month: Vec<(String, u64)> = statistics::applications_submitted(&mut conn, range)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.month.to_string(), m.submitted))
        .collect();
    assert_eq!(per_month, [("2026-03".to_owned(), 2), ("2026-04".to_owned(), 0), ("2026-05".to_owned(), 1)]);

    let issued = statistics::certificates_issued(&mut conn, range).await.unwrap();
    let issued: Vec<(String, IssuedByKind)> = issued.into_iter().map(|m| (m.month.to_string(), m.issued)).collect();
    assert_eq!(
        issued,
        [
            ("2026-03".to_owned(), IssuedByKind { non_preferential: 1, ct1: 1, ct_uz: 0 }),
            ("2026-04".to_owned(), IssuedByKind::default()),
            // The replacement is a certificate issued.
            ("2026-05".to_owned(), IssuedByKind { non_preferential: 1, ct1: 0, ct_uz: 0 }),
        ]
    );
    let changes = statistics::status_changes(&mut conn, range).await.unwrap();
    let changes: Vec<(String, u64, u64)> =
        changes.into_iter().map(|m| (m.month.to_string(), m.revoked, m.replaced)).collect();
    assert_eq!(changes, [("2026-03".into(), 0, 0), ("2026-04".into(), 0, 0), ("2026-05".into(), 1, 1)]);

    // A range of one month before anything happened is all zeros, never missing months.
    let empty = MonthRange::new(month("2025-01"), month("2025-01")).unwrap();
    let none = statistics::applications_submitted(&mut conn, empty).await.unwrap();
    assert_eq!((none.len(), none[0].submitted), (1, 0));
}

async fn top_hs_codes_count_each_applications_goods_once_and_sum_values_per_currency(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await.id;
    let store = &db.store;
    let np = ProofKind::NonPreferential;
    let april = datetime!(2026-04-10 09:00 UTC);
    let tables = [("940360", Some("1000.10"), "EUR"), ("940360", Some("0.90"), "EUR"), ("610910", Some("50"), "USD")];
    let a = submitted(store, exporter, np, april, &tables).await;
    let b = submitted(store, exporter, np, april, &[("610910", Some("700.25"), "USD"), ("080620", None, "USD")]).await;
    let c = submitted(store, exporter, np, april, &[("740811", Some("20000"), "EUR")]).await;
    // Not issued: not counted.
    submitted(store, exporter, np, april, &[("940360", Some("5"), "EUR")]).await;
    // Issued before the range: not counted.
    let old = submitted(store, exporter, np, datetime!(2026-01-10 09:00 UTC), &[("100630", Some("9"), "EUR")]).await;
    certificate(store, exporter, old, np, datetime!(2026-01-11 09:00 UTC), None).await;

    let first = certificate(store, exporter, a, np, datetime!(2026-04-11 09:00 UTC), None).await;
    // Replaced: the replacement certifies the same goods and is not counted again.
    certificate(store, exporter, a, np, datetime!(2026-04-12 09:00 UTC), Some(first.id)).await;
    certificate(store, exporter, b, np, datetime!(2026-04-13 09:00 UTC), None).await;
    let revoked = certificate(store, exporter, c, np, datetime!(2026-04-14 09:00 UTC), None).await;
    let mut tx = store.begin().await.unwrap();
    certificates::revoke(&mut tx, &at(datetime!(2026-04-20 09:00 UTC)), revoked.id, "wrong").await.unwrap();
    tx.commit().await.unwrap();

    let range = MonthRange::new(month("2026-02"), month("2026-04")).unwrap();
    let mut conn = store.conn().await.unwrap();
    let top = statistics::top_hs_codes(&mut conn, range, 10).await.unwrap();
    assert_eq!(top.items, 6);
    let by_items: Vec<(&str, u64, u64)> =
        top.by_items.iter().map(|h| (h.hs_code.as_str(), h.items, h.certificates)).collect();
    // Ties in the order of the codes.
    assert_eq!(by_items, [("610910", 2, 2), ("940360", 2, 1), ("080620", 1, 1), ("740811", 1, 1)]);
    let currencies: Vec<(&str, u64, Decimal)> =
        top.by_value.iter().map(|c| (c.currency.as_str(), c.items, c.total)).collect();
    // Three EUR items and two USD items have a value (the raisins have none); exact sums, never mixed.
    assert_eq!(currencies, [("EUR", 3, dec("21001.00")), ("USD", 2, dec("750.25"))]);
    let eur: Vec<(&str, Decimal)> = top.by_value[0].top.iter().map(|h| (h.hs_code.as_str(), h.value)).collect();
    assert_eq!(eur, [("740811", dec("20000")), ("940360", dec("1001.00"))]);
    assert_eq!(top.by_value[0].top[1].value.to_string(), "1001.00", "the scale is kept");

    let limited = statistics::top_hs_codes(&mut conn, range, 1).await.unwrap();
    assert_eq!(limited.by_items.len(), 1);
    assert_eq!(limited.items, 6, "the total counts every item, not only the top ones");
    assert_eq!(limited.by_value[0].top.len(), 1);
    assert_eq!(limited.by_value[0].total, dec("21001.00"));
}

async fn the_risk_distribution_counts_latest_assessments_by_band_and_route(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await.id;
    let store = &db.store;
    let np = ProofKind::NonPreferential;
    let may = datetime!(2026-05-03 09:00 UTC);
    let mut ids = Vec::new();
    for _ in 0..6 {
        ids.push(submitted(store, exporter, np, may, &[]).await);
    }
    use RiskRoute::{AutomaticApproval as Auto, DocumentaryCheck as Check, Inspection};
    assess(store, ids[0], may, "0.00", Auto, false).await;
    assess(store, ids[1], may, "0.09", Inspection, true).await;
    assess(store, ids[2], may, "0.45", Check, false).await;
    assess(store, ids[3], may, "1.00", Inspection, false).await;
    // Assessed again on resubmission: only the latest counts.
    assess(store, ids[4], datetime!(2026-05-01 08:00 UTC), "0.95", Inspection, false).await;
    assess(store, ids[4], datetime!(2026-05-20 08:00 UTC), "0.30", Check, false).await;
    // Assessed after the range.
    assess(store, ids[5], datetime!(2026-06-01 00:00 UTC), "0.50", Check, false).await;

    let range = MonthRange::year_to(month("2026-05"));
    let mut conn = store.conn().await.unwrap();
    let risk = statistics::risk_distribution(&mut conn, range).await.unwrap();
    assert_eq!(risk.assessed, 5);
    assert_eq!(risk.bands, [2, 0, 0, 1, 1, 0, 0, 0, 0, 1]);
    let routes: Vec<(RiskRoute, u64, u64)> =
        risk.routes.iter().map(|r| (r.route, r.applications, r.randomly_selected)).collect();
    assert_eq!(routes, [(Auto, 1, 0), (Check, 2, 0), (Inspection, 2, 1)]);

    let nothing = statistics::risk_distribution(&mut conn, MonthRange::year_to(month("2025-05"))).await.unwrap();
    assert_eq!((nothing.assessed, nothing.bands, nothing.routes.len()), (0, [0; 10], 3));
}

/// The (currency, items, total) of each currency and the (code, value) of its top subheadings.
type Values = Vec<(String, u64, String, Vec<(String, String)>)>;

fn values(top: &statistics::TopHsCodes) -> Values {
    top.by_value
        .iter()
        .map(|c| {
            let codes = c.top.iter().map(|h| (h.hs_code.clone(), h.value.to_string())).collect();
            (c.currency.clone(), c.items, c.total.to_string(), codes)
        })
        .collect()
}

async fn hs_values_are_exact_decimal_sums_across_items_certificates_and_months(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await.id;
    let store = &db.store;
    let np = ProofKind::NonPreferential;
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point.
    let march = datetime!(2026-03-10 09:00 UTC);
    let a =
        submitted(store, exporter, np, march, &[("940360", Some("0.1"), "EUR"), ("940360", Some("0.2"), "EUR")]).await;
    certificate(store, exporter, a, np, march, None).await;
    // Thirty items of 12 345 678 901 234.57 on two certificates in two months: 370 370 367 037 037.10, past the
    // 15 to 17 significant digits of a double; with cents that a float sum would lose.
    let big = [("740811", Some("12345678901234.57"), "USD"); 15];
    let b = submitted(store, exporter, np, march, &big).await;
    certificate(store, exporter, b, np, march, None).await;
    let april = datetime!(2026-04-30 23:59:59.999999 UTC);
    let mut more = big.to_vec();
    more.push(("740811", Some("0.01"), "USD"));
    let c = submitted(store, exporter, np, april, &more).await;
    certificate(store, exporter, c, np, april, None).await;

    let range = MonthRange::new(month("2026-03"), month("2026-04")).unwrap();
    let mut conn = store.conn().await.unwrap();
    let top = statistics::top_hs_codes(&mut conn, range, 10).await.unwrap();
    assert_eq!(top.items, 33);
    let usd =
        ("USD".to_owned(), 31, "370370367037037.11".to_owned(), vec![("740811".into(), "370370367037037.11".into())]);
    let eur = ("EUR".to_owned(), 2, "0.3".to_owned(), vec![("940360".into(), "0.3".into())]);
    assert_eq!(values(&top), [usd, eur]);
    // April alone: its own certificate only.
    let april_only =
        statistics::top_hs_codes(&mut conn, MonthRange::new(month("2026-04"), month("2026-04")).unwrap(), 10)
            .await
            .unwrap();
    assert_eq!(values(&april_only)[0].2, "185185183518518.56");
}

async fn the_monthly_totals_of_earlier_certificates_are_filled_once_by_migrating(db: TestDb) {
    let exporter = fixtures::issuing_body(&db.store).await.id;
    let store = &db.store;
    let np = ProofKind::NonPreferential;
    let may = datetime!(2026-05-02 09:00 UTC);
    let goods = [("940360", Some("1000.10"), "EUR"), ("940360", Some("0.90"), "EUR"), ("610910", None, "USD")];
    let a = submitted(store, exporter, np, may, &goods).await;
    let first = certificate(store, exporter, a, np, may, None).await;
    certificate(store, exporter, a, np, datetime!(2026-06-02 09:00 UTC), Some(first.id)).await;
    let b = submitted(store, exporter, np, may, &[("940360", Some("0.2"), "EUR")]).await;
    certificate(store, exporter, b, np, datetime!(2026-06-03 09:00 UTC), None).await;
    let range = MonthRange::new(month("2026-05"), month("2026-06")).unwrap();
    let read = || async {
        let mut conn = store.conn().await.unwrap();
        statistics::top_hs_codes(&mut conn, range, 10).await.unwrap()
    };
    let kept = read().await;
    assert_eq!(values(&kept), [("EUR".to_owned(), 3, "1001.20".to_owned(), vec![("940360".into(), "1001.20".into())])]);

    // A database from before migration 0016: its certificates are in no monthly total yet.
    db.tamper("DELETE FROM certified_hs_items").await;
    db.tamper("DELETE FROM certified_hs_values").await;
    db.tamper("INSERT INTO statistics_backfill (step) VALUES ('certified_goods')").await;
    assert_eq!(read().await.items, 0);
    store.migrate().await.unwrap();
    assert_eq!(read().await, kept, "filled from the certificates as issuance would have");
    store.migrate().await.unwrap();
    assert_eq!(read().await, kept, "once: migrating again adds nothing");
}

conformance!(
    applications_and_certificates_are_counted_per_month_within_exact_bounds,
    top_hs_codes_count_each_applications_goods_once_and_sum_values_per_currency,
    the_risk_distribution_counts_latest_assessments_by_band_and_route,
    hs_values_are_exact_decimal_sums_across_items_certificates_and_months,
    the_monthly_totals_of_earlier_certificates_are_filled_once_by_migrating,
);
