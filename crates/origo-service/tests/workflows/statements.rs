//! Statements on origin and origin declarations made out by the exporter: the text with the REX number or under
//! the EUR 6 000 rule, the criterion from the stored determinations, the registered hash and the public check,
//! and everything that must be refused without writing.

use origo_service::Caller;
use origo_service::intake::{ItemDraft, MaterialDraft};
use origo_service::statements::{StatementError, StatementLookup, StatementRequest};
use origo_store::applications::ProofKind;
use origo_store::statements::StatementKind;
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use time::macros::date;
use uuid::Uuid;

use crate::common::{T0, TestDb, conformance};
use crate::world::{World, furniture, furniture_as, unregistered, world};

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn at_tashkent() -> StatementRequest {
    StatementRequest { place: "Tashkent".into(), ..StatementRequest::default() }
}

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

async fn audit_seq(db: &TestDb) -> i64 {
    origo_store::audit::head(&mut db.store.conn().await.unwrap()).await.unwrap().seq
}

/// A submitted application of `kind` by `who` (items determined on submission); returns its id.
async fn submitted(w: &World, who: &Caller, draft: origo_service::intake::ApplicationDraft) -> Uuid {
    let application = w.service.create_application(who, draft).await.unwrap();
    w.service.submit_application(who, application.id).await.unwrap();
    application.id
}

async fn a_registered_exporter_gets_its_rex_number_and_the_criterion(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let id = submitted(&w, &w.exporter, furniture_as(ProofKind::StatementOnOrigin)).await;
    let before = audit_seq(&db).await;
    let made = s.make_out_statement(&w.exporter, id, at_tashkent()).await.unwrap();
    assert!(made.created);
    assert_eq!(audit_seq(&db).await, before + 1, "the registration is audited in its transaction");
    let statement = made.statement;
    assert_eq!(
        statement.text,
        "The exporter of the products covered by this document (Number of Registered Exporter UZREX301234567) \
         declares that, except where otherwise clearly indicated, these products are of Uzbekistan preferential \
         origin according to rules of origin of the Generalised System of Preferences of the European Union and that \
         the origin criterion met is W 94.03"
    );
    assert_eq!(statement.text_hash, sha256(&statement.text));
    assert_eq!(statement.kind, StatementKind::StatementOnOrigin);
    assert_eq!(statement.rex_number.as_deref(), Some("UZREX301234567"));
    assert_eq!(statement.criterion.as_deref(), Some("W 94.03"));
    assert_eq!(statement.made_out_on, T0.date());
    assert_eq!(statement.application_id, Some(id));
    assert_eq!(statement.place.as_deref(), Some("Tashkent"));

    // The same request again returns the registered statement; another text for the same application is refused.
    let again = s.make_out_statement(&w.exporter, id, at_tashkent()).await.unwrap();
    assert_eq!((again.created, again.statement.id), (false, statement.id));
    let other = StatementRequest { document_reference: Some("Invoice 8".into()), ..at_tashkent() };
    let refused = s.make_out_statement(&w.exporter, id, other).await.unwrap_err();
    assert!(matches!(refused, StatementError::AlreadyMadeOut { made_out_on } if made_out_on == T0.date()), "{refused}");
    assert_eq!(audit_seq(&db).await, before + 1, "neither wrote anything");

    // The check finds the exact text, as pasted with other line endings, and by hash in either case.
    let public = s.check_statement(StatementLookup::Text(&statement.text)).await.unwrap();
    assert_eq!(public.rex_number.as_deref(), Some("UZREX301234567"));
    assert_eq!(public.criterion.as_deref(), Some("W 94.03"));
    assert_eq!(public.made_out_on, T0.date());
    assert_eq!(public.exporter_name.as_deref(), Some("Furniture 301234567 LLC"), "the exporter consented");
    let pasted = format!("{}  \r\n", statement.text);
    assert_eq!(s.check_statement(StatementLookup::Text(&pasted)).await.unwrap(), public);
    let upper = statement.text_hash.to_ascii_uppercase();
    assert_eq!(s.check_statement(StatementLookup::Sha256(&upper)).await.unwrap(), public);
    // One character changed (the heading) is another text: unknown.
    let forged = statement.text.replace("W 94.03", "W 94.01");
    assert!(matches!(s.check_statement(StatementLookup::Text(&forged)).await, Err(StatementError::NotFound)));
    assert!(matches!(
        s.check_statement(StatementLookup::Sha256(&sha256(&forged))).await,
        Err(StatementError::NotFound)
    ));
    assert!(matches!(
        s.check_statement(StatementLookup::Sha256("abc")).await,
        Err(StatementError::Invalid { field, .. }) if field == "sha256"
    ));
    assert!(matches!(
        s.check_statement(StatementLookup::Text(" \r\n ")).await,
        Err(StatementError::Invalid { field, .. }) if field == "text"
    ));

    // A registered exporter is not held to EUR 6 000.
    let big = submitted(&w, &w.exporter, furniture_as(ProofKind::StatementOnOrigin)).await;
    let request = StatementRequest {
        originating_value_eur: Some(dec("48250.00")),
        document_reference: Some("Invoice INV-9 of 2026-04-30".into()),
        ..at_tashkent()
    };
    let made = s.make_out_statement(&w.exporter, big, request).await.unwrap();
    assert!(made.statement.text.starts_with("Commercial document: Invoice INV-9 of 2026-04-30\nThe exporter"));
    assert_eq!(made.statement.consignment_value_eur, Some(dec("48250.00")));
}

async fn origin_declarations_follow_the_uk_dcts_text(db: TestDb) {
    let w = world(db.store.clone()).await;
    let id = submitted(&w, &w.exporter, furniture_as(ProofKind::OriginDeclaration)).await;
    let view = w.service.application(&w.exporter, id).await.unwrap();
    assert!(view.items[0].determination.as_ref().unwrap().rule_pack_version.starts_with("uk-dcts:"));
    let request = StatementRequest { date: Some(date!(2026 - 04 - 30)), ..at_tashkent() };
    let statement = w.service.make_out_statement(&w.exporter, id, request).await.unwrap().statement;
    assert_eq!(statement.kind, StatementKind::OriginDeclaration);
    assert_eq!(
        statement.text,
        "The exporter of the products covered by this document (customs identification No UZREX301234567) declares \
         that, except where otherwise clearly indicated, these products are of Uzbekistan preferential origin in \
         accordance with the rules of origin of the Developing Countries Trading Scheme of the UK and that the origin \
         criterion met is W 94.03.\nTashkent, 2026-04-30\nFurniture 301234567 LLC"
    );
    assert_eq!(statement.made_out_on, date!(2026 - 04 - 30));

    // EU materials claimed originating: the cumulation indication takes the criterion's place (EU GSP).
    let mut draft = furniture_as(ProofKind::StatementOnOrigin);
    draft.items[0].materials[0].origin_country = Some("DE".into());
    draft.items[0].materials[0].originating = Some(true);
    let eu = submitted(&w, &w.exporter, draft).await;
    let statement = w.service.make_out_statement(&w.exporter, eu, at_tashkent()).await.unwrap().statement;
    assert!(statement.text.ends_with("the origin criterion met is EU cumulation"), "{}", statement.text);
    assert_eq!(statement.criterion.as_deref(), Some("EU cumulation"));

    // A replacement statement exists only for the EU GSP; a date after today is refused.
    let id2 = submitted(&w, &w.exporter, furniture_as(ProofKind::OriginDeclaration)).await;
    let tomorrow = StatementRequest { date: Some(date!(2026 - 05 - 02)), ..at_tashkent() };
    assert!(matches!(
        w.service.make_out_statement(&w.exporter, id2, tomorrow).await,
        Err(StatementError::Invalid { field, .. }) if field == "date"
    ));
}

async fn an_unregistered_exporter_is_held_to_eur_6000(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let newcomer = unregistered(s, "newcomer", "305555555").await;
    let id = submitted(&w, &newcomer, furniture_as(ProofKind::StatementOnOrigin)).await;
    let before = audit_seq(&db).await;

    let missing = s.make_out_statement(&newcomer, id, at_tashkent()).await.unwrap_err();
    assert!(matches!(&missing, StatementError::Invalid { field, .. } if field == "originating_value_eur"), "{missing}");
    let over = StatementRequest { originating_value_eur: Some(dec("6000.01")), ..at_tashkent() };
    let refused = s.make_out_statement(&newcomer, id, over).await.unwrap_err();
    assert!(
        matches!(refused, StatementError::RegistrationRequired { value, .. } if value == dec("6000.01")),
        "{refused}"
    );
    let negative = StatementRequest { originating_value_eur: Some(dec("-1")), ..at_tashkent() };
    assert!(matches!(
        s.make_out_statement(&newcomer, id, negative).await,
        Err(StatementError::Invalid { field, .. }) if field == "originating_value_eur"
    ));
    assert_eq!(audit_seq(&db).await, before, "nothing was registered");
    assert!(s.statements(&newcomer, None, 10).await.unwrap().is_empty());

    let at_limit = StatementRequest { originating_value_eur: Some(dec("6000.00")), ..at_tashkent() };
    let statement = s.make_out_statement(&newcomer, id, at_limit).await.unwrap().statement;
    assert!(
        statement
            .text
            .contains("(Number of Registered Exporter: not registered, originating products not exceeding EUR 6 000)"),
        "{}",
        statement.text
    );
    assert_eq!(statement.rex_number, None);
    assert_eq!(statement.consignment_value_eur, Some(dec("6000.00")));
    let public = s.check_statement(StatementLookup::Text(&statement.text)).await.unwrap();
    assert_eq!(public.exporter_name, None, "no consent to publication");

    // An exporter whose REX number is revoked is unregistered from that day on, but not before it. Its text
    // without a REX number is the newcomer's word for word: it needs the commercial document to be told apart.
    let other = w.other_exporter.exporter_id().unwrap();
    s.revoke_registration(&w.certifier, other, date!(2026 - 04 - 15), "ceased exporting").await.unwrap();
    let before_revocation = submitted(&w, &w.other_exporter, furniture_as(ProofKind::StatementOnOrigin)).await;
    let early = StatementRequest { date: Some(date!(2026 - 04 - 14)), ..at_tashkent() };
    let early = s.make_out_statement(&w.other_exporter, before_revocation, early).await.unwrap().statement;
    assert_eq!(early.rex_number.as_deref(), Some("UZREX309999999"));
    let after = submitted(&w, &w.other_exporter, furniture_as(ProofKind::StatementOnOrigin)).await;
    let small = StatementRequest { originating_value_eur: Some(dec("1200")), ..at_tashkent() };
    let duplicate = s.make_out_statement(&w.other_exporter, after, small.clone()).await.unwrap_err();
    assert!(matches!(duplicate, StatementError::DuplicateText), "{duplicate}");
    let distinct = StatementRequest { document_reference: Some("Invoice 55".into()), ..small };
    let made = s.make_out_statement(&w.other_exporter, after, distinct).await.unwrap().statement;
    assert_eq!(made.rex_number, None);
    assert_ne!(made.text_hash, statement.text_hash);
}

async fn only_submitted_statement_applications_with_originating_items(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let mut draft = furniture_as(ProofKind::StatementOnOrigin);
    let parts = ItemDraft {
        hs_code: "940360".into(),
        description: "Cabinets assembled from imported parts".into(),
        quantity: Decimal::from(5),
        unit: "PCE".into(),
        ex_works_price: Some(Decimal::from(1000)),
        processes: Some(vec!["assembly".into()]),
        materials: vec![MaterialDraft {
            hs_code: Some("940391".into()),
            description: Some("parts of furniture".into()),
            origin_country: Some("CN".into()),
            value: Some(Decimal::from(800)),
            ..MaterialDraft::default()
        }],
        ..ItemDraft::default()
    };
    draft.items.push(parts);
    let mixed = s.create_application(&w.exporter, draft).await.unwrap();
    assert!(matches!(
        s.make_out_statement(&w.exporter, mixed.id, at_tashkent()).await,
        Err(StatementError::WrongState(_))
    ));
    s.submit_application(&w.exporter, mixed.id).await.unwrap();
    let before = audit_seq(&db).await;
    let refused = s.make_out_statement(&w.exporter, mixed.id, at_tashkent()).await.unwrap_err();
    assert!(matches!(&refused, StatementError::NotOriginating { line: 2, outcome } if outcome == "not_originating"));
    assert!(refused.to_string().contains("item 2"), "{refused}");
    assert_eq!(audit_seq(&db).await, before, "nothing was registered");

    // A certificate application is not for a statement; another exporter's application is not found; officers
    // do not make out statements.
    let certificate = submitted(&w, &w.exporter, furniture()).await;
    let own = submitted(&w, &w.exporter, furniture_as(ProofKind::StatementOnOrigin)).await;
    let before = audit_seq(&db).await;
    assert!(matches!(
        s.make_out_statement(&w.exporter, certificate, at_tashkent()).await,
        Err(StatementError::IssuedByBody(ProofKind::NonPreferential))
    ));
    assert!(matches!(s.make_out_statement(&w.other_exporter, own, at_tashkent()).await, Err(StatementError::NotFound)));
    assert!(matches!(
        s.make_out_statement(&w.other_exporter, Uuid::now_v7(), at_tashkent()).await,
        Err(StatementError::NotFound)
    ));
    assert!(matches!(s.make_out_statement(&w.certifier, own, at_tashkent()).await, Err(StatementError::Denied(_))));
    let blank = StatementRequest { place: "  ".into(), ..StatementRequest::default() };
    assert!(matches!(
        s.make_out_statement(&w.exporter, own, blank).await,
        Err(StatementError::Invalid { field, .. }) if field == "place"
    ));
    assert_eq!(audit_seq(&db).await, before, "nothing was written");
}

async fn statements_are_listed_to_their_exporter_and_the_officers(db: TestDb) {
    let w = world(db.store.clone()).await;
    let s = &w.service;
    let mut ids = Vec::new();
    for (who, reference) in [(&w.exporter, "A-1"), (&w.exporter, "A-2"), (&w.other_exporter, "B-1")] {
        let id = submitted(&w, who, furniture_as(ProofKind::StatementOnOrigin)).await;
        let request = StatementRequest { document_reference: Some(reference.into()), ..at_tashkent() };
        ids.push(s.make_out_statement(who, id, request).await.unwrap().statement.id);
    }
    let own = s.statements(&w.exporter, None, 10).await.unwrap();
    assert_eq!(own.iter().map(|st| st.id).collect::<Vec<_>>(), ids[..2]);
    assert_eq!(s.statements(&w.other_exporter, None, 10).await.unwrap().len(), 1);
    for officer in [&w.certifier, &w.supervisor, &w.customs, &w.auditor] {
        assert_eq!(s.statements(officer, None, 10).await.unwrap().len(), 3);
    }
    let first = s.statements(&w.certifier, None, 2).await.unwrap();
    let rest = s.statements(&w.certifier, Some(first[1].id), 2).await.unwrap();
    assert_eq!(rest.iter().map(|st| st.id).collect::<Vec<_>>(), vec![ids[2]]);
    for outsider in [&w.foreign_de, &w.admin] {
        assert!(matches!(s.statements(outsider, None, 10).await, Err(StatementError::Denied(_))));
    }
}

async fn concurrent_requests_register_one_statement(db: TestDb) {
    let w = world(db.store.clone()).await;
    let id = submitted(&w, &w.exporter, furniture_as(ProofKind::StatementOnOrigin)).await;
    let attempts = (0..4).map(|i| {
        let service = w.service.clone();
        let exporter = w.exporter.clone();
        let request = StatementRequest { document_reference: Some(format!("Invoice {i}")), ..at_tashkent() };
        tokio::spawn(async move { service.make_out_statement(&exporter, id, request).await })
    });
    let mut made = 0;
    for attempt in attempts.collect::<Vec<_>>() {
        match attempt.await.unwrap() {
            Ok(m) => {
                assert!(m.created);
                made += 1;
            }
            Err(StatementError::AlreadyMadeOut { .. }) => {}
            Err(other) => panic!("{other}"),
        }
    }
    assert_eq!(made, 1);
    assert_eq!(w.service.statements(&w.exporter, None, 10).await.unwrap().len(), 1);
}

conformance!(
    a_registered_exporter_gets_its_rex_number_and_the_criterion,
    origin_declarations_follow_the_uk_dcts_text,
    an_unregistered_exporter_is_held_to_eur_6000,
    only_submitted_statement_applications_with_originating_items,
    statements_are_listed_to_their_exporter_and_the_officers,
    concurrent_requests_register_one_statement,
);
