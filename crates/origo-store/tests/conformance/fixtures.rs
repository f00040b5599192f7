//! Builders for the rows tests need, each committed in a transaction of its own.

use origo_store::applications::{self, Application, NewApplication, ProofKind};
use origo_store::certificates::{self, Certificate, NewCertificate};
use origo_store::exporters::{self, Activity, Exporter, ExporterData};
use origo_store::issuers::{self, Issuer, NewIssuer};
use origo_store::signing_keys::{self, NewSigningKey, SigningKey};
use origo_store::users::{self, NewUser, User};
use origo_store::{Role, Store, Tx, sequences};
use time::macros::date;
use uuid::Uuid;

use crate::common::system;

pub const ISSUER: &str = "UZX";
pub const KEY_ID: &str = "uzx-2026-1";

pub async fn issuer(store: &Store) -> Issuer {
    let mut tx = store.begin().await.unwrap();
    let new = NewIssuer { code: ISSUER.into(), name: "Uzbekexpertiza".into(), country: "UZ".into() };
    let issuer = issuers::create(&mut tx, &system(), &new).await.unwrap();
    tx.commit().await.unwrap();
    issuer
}

pub fn exporter_data(tin: &str) -> ExporterData {
    ExporterData {
        name: format!("Textile {tin} LLC"),
        address: "12 Navoi street, Tashkent".into(),
        country: "UZ".into(),
        tin: tin.into(),
        eori: None,
        contact_person: Some("D. Karimova".into()),
        email: Some("export@example.uz".into()),
        phone: None,
        activity: Activity::Production,
        goods_description: "Cotton T-shirts".into(),
        hs_headings: vec!["6109".into()],
        undertakings_accepted: true,
        consent_to_publication: true,
        capacity: Vec::new(),
    }
}

/// A registered exporter with REX number `UZREX<tin>`.
pub async fn exporter(store: &Store, tin: &str) -> Exporter {
    let mut tx = store.begin().await.unwrap();
    let applied = exporters::apply(&mut tx, &system(), &exporter_data(tin)).await.unwrap();
    let rex = format!("UZREX{tin}");
    let registered =
        exporters::register(&mut tx, &system(), applied.id, &rex, date!(2026 - 01 - 01), "complete").await.unwrap();
    tx.commit().await.unwrap();
    registered
}

pub async fn user(store: &Store, username: &str, role: Role, exporter_id: Option<Uuid>) -> User {
    let mut tx = store.begin().await.unwrap();
    let new = NewUser {
        username: username.into(),
        display_name: username.to_uppercase(),
        role,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        exporter_id,
        country: (role == Role::ForeignAuthority).then(|| "DE".into()),
    };
    let user = users::create(&mut tx, &system(), &new).await.unwrap();
    tx.commit().await.unwrap();
    user
}

pub async fn signing_key(store: &Store) -> SigningKey {
    let mut tx = store.begin().await.unwrap();
    let new = NewSigningKey {
        key_id: KEY_ID.into(),
        issuer_code: ISSUER.into(),
        public_key: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo".into(),
        private_key_pem: Some(
            "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n".into(),
        ),
        private_key_encrypted: false,
        not_before: date!(2026 - 01 - 01),
        not_after: None,
    };
    let key = signing_keys::add(&mut tx, &system(), &new).await.unwrap();
    tx.commit().await.unwrap();
    key
}

pub async fn application(store: &Store, exporter_id: Uuid) -> Application {
    let mut tx = store.begin().await.unwrap();
    let new = NewApplication {
        exporter_id,
        issuer_code: ISSUER.into(),
        kind: ProofKind::NonPreferential,
        // Parsed, not `json!`: the macro would read 1234.50 as an f64 and lose the trailing zero.
        consignment: serde_json::from_str(
            r#"{"consignee": "Berlin Textil GmbH", "importing_country": "DE", "value": 1234.50}"#,
        )
        .unwrap(),
    };
    let application = applications::create(&mut tx, &system(), &new).await.unwrap();
    tx.commit().await.unwrap();
    application
}

/// Issuer, signing key and a registered exporter: what issuing needs.
pub async fn issuing_body(store: &Store) -> Exporter {
    issuer(store).await;
    signing_key(store).await;
    exporter(store, "301234567").await
}

/// Allocates the next number and stores a certificate with it, in `tx`.
pub async fn issue_in(tx: &mut Tx, exporter_id: Uuid, year: i32) -> Certificate {
    let sequence = sequences::allocate(tx, ISSUER, year).await.unwrap();
    let number = format!("UZ-{year}-{sequence:06}");
    certificates::issue(tx, &system(), &new_certificate(exporter_id, &number, i64::from(year), sequence)).await.unwrap()
}

pub fn new_certificate(exporter_id: Uuid, number: &str, year: i64, sequence: i64) -> NewCertificate {
    NewCertificate {
        issuer_code: ISSUER.into(),
        number: number.into(),
        year,
        sequence,
        kind: ProofKind::NonPreferential,
        application_id: None,
        exporter_id,
        security_code_hash: format!("code-hash-{number}"),
        security_code_sealed: None,
        document: format!(r#"{{"document":{{"number":"{number}","amount":1.50}},"signature":{{}}}}"#),
        key_id: KEY_ID.into(),
        replaces_id: None,
    }
}
