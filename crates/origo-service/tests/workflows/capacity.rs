//! Declared production capacity and exchange rates end to end: capacity lines validated with the wrong line
//! named and kept in the registration's history; the capacity indicator firing at submission once the year's
//! quantities pass the declared capacity; values converted with the rate on or before the invoice's date (none
//! before: silent, with a note); the unit-value indicator firing for an item in EUR against a history in USD;
//! rates added by the administrator only, a CSV file with one bad row writing nothing.

use origo_service::audit_read::AuditQuery;
use origo_service::auth::NewUser;
use origo_service::examination::Examination;
use origo_service::exchange_rates::{ExchangeRateError, RateInput};
use origo_service::intake::ApplicationDraft;
use origo_service::registry::RegistryError;
use origo_service::risk::RiskSettings;
use origo_service::roles::Role;
use origo_service::{Caller, Config};
use origo_store::exporters::{Activity, CapacityLine};
use origo_store::risk_assessments::RiskAssessment;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::common::{TestDb, conformance, system};
use crate::world::{PASSWORD, World, exporter_data, furniture, world_with};

/// No random selection, new exporters not scored: only what is tested speaks.
const QUIET: &str = r#"{"random_selection": {"share": 0}, "new_exporter": {"weight": 0}}"#;

async fn quiet_world(db: &TestDb, risk: &str) -> World {
    let config = Config { risk: RiskSettings::from_json(risk).unwrap(), ..Config::default() };
    world_with(db.store.clone(), config).await
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn line(hs: &str, quantity: &str, unit: &str) -> CapacityLine {
    CapacityLine { hs: hs.into(), quantity: d(quantity), unit: unit.into(), note: None }
}

/// 20 pieces of furniture, 400 kg net, invoiced `value` in `currency` on 2026-04-28.
fn furniture_in(currency: &str, value: &str) -> ApplicationDraft {
    let mut draft = furniture();
    draft.items[0].currency = Some(currency.into());
    draft.items[0].invoice_value = Some(d(value));
    draft.items[0].ex_works_price = Some(d(value));
    draft
}

fn rate(currency: &str, date: &str, rate: &str) -> RateInput {
    RateInput { currency: currency.into(), date: date.into(), rate: rate.into(), source: "test".into() }
}

async fn declare(w: &World, lines: Vec<CapacityLine>) {
    let id = w.exporter.exporter_id().unwrap();
    let current = w.service.registration(&w.exporter, id).await.unwrap();
    let mut data = current.data.clone();
    data.capacity = lines;
    w.service.modify_registration(&w.exporter, id, current.version, data, Some("capacity")).await.unwrap();
}

/// A signed-in user of a company that has not applied yet.
async fn applicant(w: &World, name: &str) -> Caller {
    let new = NewUser {
        username: name.into(),
        display_name: name.into(),
        role: Role::Exporter,
        password: PASSWORD.into(),
        exporter_id: None,
        country: None,
    };
    w.service.create_user_as(&system(), new).await.unwrap();
    w.service.login(name, PASSWORD).await.unwrap().caller
}

async fn submitted(w: &World, exporter: &Caller, draft: ApplicationDraft) -> Uuid {
    let application = w.service.create_application(exporter, draft).await.unwrap();
    w.service.submit_application(exporter, application.id).await.unwrap();
    application.id
}

/// Submitted, approved and issued: an earlier export of the history.
async fn issued(w: &World, draft: ApplicationDraft) {
    let id = submitted(w, &w.exporter, draft).await;
    w.service.examine_application(&w.certifier, id, Examination::Approve).await.unwrap();
    w.service.issue_certificate(&w.certifier, id, None).await.unwrap();
}

async fn latest(w: &World, id: Uuid) -> RiskAssessment {
    w.service.risk_report(&w.certifier, id).await.unwrap().expect("assessed at submission").latest
}

fn finding<'a>(assessment: &'a RiskAssessment, indicator: &str) -> Option<&'a str> {
    assessment.findings.iter().find(|f| f.indicator == indicator).map(|f| f.reason.as_str())
}

async fn capacity_lines_are_validated_with_the_line_named(db: TestDb) {
    let w = quiet_world(&db, QUIET).await;
    let s = &w.service;
    let id = w.exporter.exporter_id().unwrap();
    let current = s.registration(&w.exporter, id).await.unwrap();
    let exporter = &w.exporter;
    let current = &current;
    let wrong = move |lines: Vec<CapacityLine>, activity: Activity| {
        let mut data = current.data.clone();
        data.capacity = lines;
        data.activity = activity;
        async move {
            match s.modify_registration(exporter, id, current.version, data, None).await {
                Err(RegistryError::InvalidCapacity { field, .. }) => field,
                other => panic!("expected a capacity error, got {other:?}"),
            }
        }
    };
    let good = line("940360", "1000", "kg");
    let production = Activity::Production;
    assert_eq!(wrong(vec![good.clone(), line("9403", "10", "kg")], production).await, "capacity[1].hs");
    assert_eq!(wrong(vec![line("999999", "10", "kg")], production).await, "capacity[0].hs");
    assert_eq!(wrong(vec![line("94036O", "10", "kg")], production).await, "capacity[0].hs");
    assert_eq!(wrong(vec![good.clone(), line("940360", "5", "kg")], production).await, "capacity[1].hs");
    assert_eq!(wrong(vec![line("940360", "0", "kg")], production).await, "capacity[0].quantity");
    assert_eq!(wrong(vec![good.clone(), line("940161", "-3", "kg")], production).await, "capacity[1].quantity");
    assert_eq!(wrong(vec![line("940360", "10", "PCE")], production).await, "capacity[0].unit");
    // A trader declares none.
    assert_eq!(wrong(vec![good.clone()], Activity::Trading).await, "capacity");
    // Nothing was written: the registration is still at its version.
    assert_eq!(s.registration(&w.exporter, id).await.unwrap().version, current.version);

    // A good line, tidied (unit written kg), kept in the registration's history; the application too.
    declare(&w, vec![line(" 940360 ", "1200.50", "KGM")]).await;
    let after = s.registration(&w.exporter, id).await.unwrap();
    assert_eq!(after.data.capacity, vec![line("940360", "1200.5", "kg")]);
    let history = s.registration_history(&w.certifier, id).await.unwrap();
    let last = history.last().unwrap();
    assert_eq!((last.change.as_str(), last.data.capacity.len()), ("modified", 1));
    assert!(history[0].data.capacity.is_empty());
    // At application too: a producer's lines are kept, a trader's refused.
    let producer = applicant(&w, "capacityco").await;
    let mut data = exporter_data("309000001", false);
    data.capacity = vec![line("940360", "10", "kg")];
    assert_eq!(s.apply_for_registration(&producer, data).await.unwrap().data.capacity.len(), 1);
    let trading = applicant(&w, "tradeco").await;
    let mut data = exporter_data("309000002", false);
    data.activity = Activity::Trading;
    data.capacity = vec![line("940360", "10", "kg")];
    let refused = s.apply_for_registration(&trading, data).await.unwrap_err();
    assert!(matches!(refused, RegistryError::InvalidCapacity { ref field, .. } if field == "capacity"), "{refused:?}");
}

async fn the_capacity_indicator_fires_at_submission(db: TestDb) {
    let w = quiet_world(&db, QUIET).await;
    let s = &w.service;
    s.add_exchange_rate(&w.admin, &rate("EUR", "2026-01-01", "1.10")).await.unwrap();
    declare(&w, vec![line("940360", "1000", "kg")]).await;
    // 400 kg, then 800 kg: within the capacity.
    issued(&w, furniture()).await;
    let within = submitted(&w, &w.exporter, furniture()).await;
    assert_eq!(finding(&latest(&w, within).await, "capacity"), None);
    s.examine_application(&w.certifier, within, Examination::Approve).await.unwrap();
    s.issue_certificate(&w.certifier, within, None).await.unwrap();
    // 1200 kg with this one: above.
    let above = submitted(&w, &w.exporter, furniture()).await;
    let assessment = latest(&w, above).await;
    let name = &s.registration(&w.exporter, w.exporter.exporter_id().unwrap()).await.unwrap().data.name;
    assert_eq!(
        finding(&assessment, "capacity"),
        Some(
            format!(
                "Exporter {name} exported 1200 kg of 940360 in the 12 months to this export (this one 400 kg), above \
                 the declared annual capacity of 1000 kg"
            )
            .as_str()
        )
    );
    assert_eq!(assessment.score, d("0.30"));
    // Another subheading's capacity does not count.
    declare(&w, vec![line("940161", "10", "kg")]).await;
    let elsewhere = submitted(&w, &w.exporter, furniture()).await;
    assert_eq!(finding(&latest(&w, elsewhere).await, "capacity"), None);
}

async fn without_a_rate_on_or_before_the_invoice_values_stay_out_and_the_assessment_says_so(db: TestDb) {
    let w = quiet_world(&db, QUIET).await;
    let s = &w.service;
    declare(&w, vec![line("940360", "100", "kg")]).await;
    // A rate from the day after the invoice (2026-04-28) is not used.
    s.add_exchange_rate(&w.admin, &rate("EUR", "2026-04-29", "1.10")).await.unwrap();
    let id = submitted(&w, &w.exporter, furniture()).await;
    let assessment = latest(&w, id).await;
    assert_eq!(finding(&assessment, "capacity"), None, "400 kg in EUR cannot be compared: silent");
    let note = assessment.findings.iter().find(|f| f.indicator == "unit_value").expect("the note");
    assert_eq!(
        (note.reason.as_str(), note.points),
        ("Value in EUR could not be compared: no exchange rate", Decimal::ZERO)
    );
    assert_eq!(assessment.score, d("0.00"), "the note changes nothing");
    // With a rate on the invoice's day, the item is compared: 400 kg above 100 kg.
    s.add_exchange_rate(&w.admin, &rate("EUR", "2026-04-28", "1.09")).await.unwrap();
    let id = submitted(&w, &w.exporter, furniture()).await;
    let assessment = latest(&w, id).await;
    assert!(finding(&assessment, "capacity").is_some(), "{:?}", assessment.findings);
    assert_eq!(finding(&assessment, "unit_value"), None);
}

async fn the_unit_value_indicator_fires_for_an_item_in_eur_against_a_history_in_usd(db: TestDb) {
    let risk = r#"{"random_selection": {"share": 0}, "new_exporter": {"weight": 0},
                   "unit_value": {"min_exporter_history": 3, "min_hs_history": 1000}}"#;
    let w = quiet_world(&db, risk).await;
    let s = &w.service;
    // Three exports at 1000 USD for 400 kg: 2.50 USD/kg.
    for _ in 0..3 {
        issued(&w, furniture_in("USD", "1000")).await;
    }
    // 1000 EUR without a rate: silent (the note says why).
    let id = submitted(&w, &w.exporter, furniture_in("EUR", "1000")).await;
    let assessment = latest(&w, id).await;
    assert_eq!(finding(&assessment, "unit_value"), Some("Value in EUR could not be compared: no exchange rate"));
    // At 1.10 USD per EUR, 1000 EUR is 1100 USD, 2.75 USD/kg: within 25% of 2.50, silent.
    s.add_exchange_rate(&w.admin, &rate("EUR", "2026-03-01", "1.10")).await.unwrap();
    let id = submitted(&w, &w.exporter, furniture_in("EUR", "1000")).await;
    assert_eq!(finding(&latest(&w, id).await, "unit_value"), None);
    // 3000 EUR is 3300 USD, 8.25 USD/kg: far from the history in USD.
    let id = submitted(&w, &w.exporter, furniture_in("EUR", "3000")).await;
    let assessment = latest(&w, id).await;
    let reason = finding(&assessment, "unit_value").expect("the unit-value indicator fires");
    assert!(reason.contains("8.25") && reason.contains("2.5"), "{reason}");
    assert_eq!(assessment.score, d("0.30"));
}

async fn rates_are_the_administrators_and_a_bad_file_writes_nothing(db: TestDb) {
    let w = quiet_world(&db, QUIET).await;
    let s = &w.service;
    for officer in [&w.certifier, &w.supervisor, &w.customs, &w.auditor, &w.exporter] {
        assert!(matches!(
            s.add_exchange_rate(officer, &rate("EUR", "2026-01-01", "1.1")).await,
            Err(ExchangeRateError::Denied(_))
        ));
    }
    assert!(matches!(s.exchange_rates(&w.exporter, None).await, Err(ExchangeRateError::Denied(_))));
    let added = s.add_exchange_rate(&w.admin, &rate("EUR", "2026-01-01", "1.10")).await.unwrap();
    assert!(matches!(
        s.add_exchange_rate(&w.admin, &rate("EUR", "2026-01-01", "1.20")).await,
        Err(ExchangeRateError::Duplicate { .. })
    ));
    match s.add_exchange_rate(&w.admin, &rate("EUR", "2026-01-02", "0")).await {
        Err(ExchangeRateError::Invalid(wrong)) => assert_eq!(wrong.field, "rate"),
        other => panic!("{other:?}"),
    }
    let trail = s
        .audit_records(
            &w.admin,
            &AuditQuery { after: 0, limit: 10, entity: Some(("exchange_rate".into(), added.id.to_string())) },
        )
        .await
        .unwrap();
    assert_eq!(trail.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(), ["exchange_rate.added"]);

    // One bad row (an unknown currency) and one already recorded: nothing of the file is written.
    let file =
        "currency,date,rate\nUZS,2026-01-01,0.000079\nXYZ,2026-01-01,1\nEUR,2026-01-01,1.10\nGBP,2026-01-01,1.3\n";
    match s.import_exchange_rates(&w.admin, file, "CBU").await {
        Err(ExchangeRateError::Rows(rows)) => {
            assert_eq!(rows.iter().map(|r| (r.row, r.field)).collect::<Vec<_>>(), [(2, "currency")]);
        }
        other => panic!("{other:?}"),
    }
    let file = "currency,date,rate\nUZS,2026-01-01,0.000079\nEUR,2026-01-01,1.10\n";
    match s.import_exchange_rates(&w.admin, file, "CBU").await {
        Err(ExchangeRateError::Rows(rows)) => {
            assert_eq!(rows.iter().map(|r| (r.row, r.field)).collect::<Vec<_>>(), [(2, "date")]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.exchange_rates(&w.certifier, None).await.unwrap().len(), 1, "nothing of either file was written");
    let file = "currency,date,rate\nUZS,2026-01-01,0.000079\nGBP,2026-01-01,1.3\n";
    assert_eq!(s.import_exchange_rates(&w.admin, file, "CBU").await.unwrap().len(), 2);
    let listed = s.exchange_rates(&w.auditor, Some("gbp")).await.unwrap();
    assert_eq!((listed.len(), listed[0].rate), (1, d("1.3")));
}

conformance!(
    capacity_lines_are_validated_with_the_line_named,
    the_capacity_indicator_fires_at_submission,
    without_a_rate_on_or_before_the_invoice_values_stay_out_and_the_assessment_says_so,
    the_unit_value_indicator_fires_for_an_item_in_eur_against_a_history_in_usd,
    rates_are_the_administrators_and_a_bad_file_writes_nothing,
);
