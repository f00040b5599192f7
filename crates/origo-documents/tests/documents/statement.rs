//! Statement texts (snapshots written out in full) and the EUR 6 000 rule at its boundary.

use origo_documents::certificate::{OriginCriterion, RexNumber};
use origo_documents::statement::{
    Cumulation, DctsDeclaration, Eligibility, GspStatement, OriginIndication, Replacement, StatementError,
    ThresholdError, dcts_declaration, exporter_eligibility, gsp_statement, sha256_hex,
};
use rust_decimal::Decimal;

use crate::common::date;

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn rex(text: &str) -> RexNumber {
    text.parse().unwrap()
}

fn criterion(text: &str) -> OriginIndication {
    OriginIndication::Criterion(text.parse().unwrap())
}

fn statement(indications: Vec<OriginIndication>) -> GspStatement {
    GspStatement {
        rex: Some(rex("UZREX301234567")),
        country_of_origin: "Uzbekistan".into(),
        items: indications.into_iter().zip(1..).map(|(i, n)| (n, i)).collect(),
        originating_value_eur: dec("48250.00"),
        replacement: None,
    }
}

const HEAD: &str = "The exporter of the products covered by this document (Number of Registered Exporter UZREX301234567) \
                    declares that, except where otherwise clearly indicated, these products are of Uzbekistan \
                    preferential origin according to rules of origin of the Generalised System of Preferences of the \
                    European Union and that the origin criterion met is ";

#[test]
fn gsp_statement_for_each_criterion_and_cumulation() {
    let cases = [
        (criterion("P"), "P"),
        (criterion("W 61.09"), "W 61.09"),
        (OriginIndication::Cumulation(Cumulation::Eu), "EU cumulation"),
        (OriginIndication::Cumulation(Cumulation::Norway), "Norway cumulation"),
        (OriginIndication::Cumulation(Cumulation::Switzerland), "Switzerland cumulation"),
        (OriginIndication::Cumulation(Cumulation::Turkey), "Turkey cumulation"),
        (OriginIndication::Cumulation(Cumulation::Regional), "regional cumulation"),
        (
            OriginIndication::Cumulation(Cumulation::Extended { country: "Viet Nam".into() }),
            "extended cumulation with Viet Nam",
        ),
    ];
    for (indication, ending) in cases {
        let made = gsp_statement(&statement(vec![indication])).unwrap();
        assert_eq!(made.text, format!("{HEAD}{ending}"));
        assert_eq!(made.sha256, sha256_hex(&made.text));
    }
}

#[test]
fn the_registered_hash_is_sha256_of_the_exact_text() {
    // Computed independently (Python hashlib) over the UTF-8 text.
    let made = gsp_statement(&statement(vec![criterion("W 61.09")])).unwrap();
    assert_eq!(made.sha256, "d53020388c43c98e89f5e150229338a5de37a55b0e698f93c71dae5e2b029916");
}

#[test]
fn items_with_different_criteria_are_listed_by_item() {
    let made = gsp_statement(&statement(vec![
        criterion("W 61.09"),
        criterion("P"),
        criterion("W 61.09"),
        OriginIndication::Cumulation(Cumulation::Eu),
    ]))
    .unwrap();
    assert_eq!(made.text, format!("{HEAD}W 61.09 (items 1, 3); P (item 2); EU cumulation (item 4)"));
}

#[test]
fn an_unregistered_exporter_within_eur_6000() {
    let mut s = statement(vec![criterion("P")]);
    s.rex = None;
    s.originating_value_eur = dec("6000.00");
    assert_eq!(
        gsp_statement(&s).unwrap().text,
        "The exporter of the products covered by this document (Number of Registered Exporter: not registered, \
         originating products not exceeding EUR 6 000) declares that, except where otherwise clearly indicated, these \
         products are of Uzbekistan preferential origin according to rules of origin of the Generalised System of \
         Preferences of the European Union and that the origin criterion met is P"
    );
    s.originating_value_eur = dec("6000.01");
    assert_eq!(
        gsp_statement(&s).unwrap_err(),
        StatementError::Threshold(ThresholdError::RegistrationRequired { value: dec("6000.01"), limit: dec("6000") })
    );
}

#[test]
fn replacement_statements() {
    let replacement = Replacement {
        original_date: date("2026-02-10"),
        reconsignor: "Baltic Distribution SIA, 3 Brivibas iela, Riga, Latvia".into(),
        original_exporter: "Chirchiq Textile Mill LLC, 12 Amir Temur St, Chirchiq, Uzbekistan".into(),
        original_exporter_rex: rex("UZREX301234567"),
    };
    let tail = "declares that, except where otherwise clearly indicated, these products are of Uzbekistan preferential \
                origin according to rules of origin of the Generalised System of Preferences of the European Union and \
                that the origin criterion met is W 61.09";

    let mut registered = statement(vec![criterion("W 61.09")]);
    registered.rex = Some(rex("LVREX40003123456"));
    registered.replacement = Some(replacement.clone());
    assert_eq!(
        gsp_statement(&registered).unwrap().text,
        format!(
            "Replacement statement\nDate of the original statement: 2026-02-10\nThe exporter of the products covered \
             by this document (Number of Registered Exporter LVREX40003123456, Baltic Distribution SIA, 3 Brivibas \
             iela, Riga, Latvia) {tail}"
        )
    );

    let mut unregistered = registered.clone();
    unregistered.rex = None;
    unregistered.originating_value_eur = dec("5200");
    assert_eq!(
        gsp_statement(&unregistered).unwrap().text,
        format!(
            "Replacement statement\nDate of the original statement: 2026-02-10\nThe exporter of the products covered \
             by this document (Baltic Distribution SIA, 3 Brivibas iela, Riga, Latvia acting on the basis of the \
             statement on origin made out by Chirchiq Textile Mill LLC, 12 Amir Temur St, Chirchiq, Uzbekistan \
             registered under the following number UZREX301234567) {tail}"
        )
    );
    unregistered.originating_value_eur = dec("6000.01");
    assert!(gsp_statement(&unregistered).is_err());
}

#[test]
fn dcts_origin_declarations() {
    let declaration = DctsDeclaration {
        customs_id: Some("UZ301234567".into()),
        country_of_origin: "Uzbekistan".into(),
        items: vec![(1, OriginCriterion::WhollyObtained)],
        place: "Tashkent".into(),
        date: date("2026-03-12"),
        exporter_name: "Chirchiq Textile Mill LLC".into(),
    };
    let body = |id: &str, criterion: &str| {
        format!(
            "The exporter of the products covered by this document (customs identification No {id}) declares that, \
             except where otherwise clearly indicated, these products are of Uzbekistan preferential origin in \
             accordance with the rules of origin of the Developing Countries Trading Scheme of the UK and that the \
             origin criterion met is {criterion}.\nTashkent, 2026-03-12\nChirchiq Textile Mill LLC"
        )
    };
    assert_eq!(dcts_declaration(&declaration).unwrap().text, body("UZ301234567", "P"));

    let mut worked = declaration.clone();
    worked.items = vec![(1, "W 52.05".parse().unwrap())];
    assert_eq!(dcts_declaration(&worked).unwrap().text, body("UZ301234567", "W 52.05"));

    let mut mixed = declaration.clone();
    mixed.customs_id = None;
    mixed.items = vec![(1, "W 52.05".parse().unwrap()), (2, OriginCriterion::WhollyObtained)];
    assert_eq!(dcts_declaration(&mixed).unwrap().text, body("not allocated", "W 52.05 (item 1); P (item 2)"));

    let mut empty = declaration.clone();
    empty.items.clear();
    assert_eq!(dcts_declaration(&empty).unwrap_err(), StatementError::NoItems);
}

#[test]
fn the_eur_6000_boundary() {
    let registered = rex("UZREX301234567");
    assert_eq!(exporter_eligibility(dec("6000.00"), None), Ok(Eligibility::UnregisteredWithinLimit));
    assert_eq!(exporter_eligibility(dec("6000"), None), Ok(Eligibility::UnregisteredWithinLimit));
    assert_eq!(exporter_eligibility(dec("0"), None), Ok(Eligibility::UnregisteredWithinLimit));
    assert_eq!(exporter_eligibility(dec("5999.999999"), None), Ok(Eligibility::UnregisteredWithinLimit));
    assert_eq!(
        exporter_eligibility(dec("6000.01"), None),
        Err(ThresholdError::RegistrationRequired { value: dec("6000.01"), limit: dec("6000") })
    );
    assert!(exporter_eligibility(dec("6000.0000001"), None).is_err());
    assert_eq!(exporter_eligibility(dec("6000.01"), Some(&registered)), Ok(Eligibility::Registered));
    assert_eq!(exporter_eligibility(dec("2500000"), Some(&registered)), Ok(Eligibility::Registered));
    assert_eq!(exporter_eligibility(dec("-1"), None), Err(ThresholdError::NegativeValue(dec("-1"))));
    assert_eq!(exporter_eligibility(dec("-0.00"), None), Ok(Eligibility::UnregisteredWithinLimit));
}

#[test]
fn the_commercial_document_is_the_first_line_and_changes_the_hash() {
    let plain = gsp_statement(&statement(vec![criterion("W 61.09")])).unwrap();
    let on_invoice = origo_documents::statement::on_document(plain.clone(), "Invoice INV-7 of 2026-04-28");
    assert_eq!(on_invoice.text, format!("Commercial document: Invoice INV-7 of 2026-04-28\n{HEAD}W 61.09"));
    assert_eq!(on_invoice.sha256, sha256_hex(&on_invoice.text));
    assert_ne!(on_invoice.sha256, plain.sha256);
}
