//! A small world for HTTP tests: the router over a fresh database, one signed-in user per role (logged in over
//! HTTP, so each holds a real session cookie), and a registered exporter.

use axum::Router;
use axum::http::{Method, StatusCode, header};
use origo_service::auth::NewUser;
use origo_service::registry::RegistrationDecision;
use origo_service::roles::Role;
use origo_service::{Clock, Config, Service};
use origo_store::Store;
use origo_web::WebSettings;
use serde_json::{Value, json};

use crate::common::{Answer, Credentials, T0, request, send};

pub const PASSWORD: &str = "correct horse battery";

pub struct World {
    pub router: Router,
    pub service: Service,
    pub store: Store,
    pub exporter: Credentials,
    pub other_exporter: Credentials,
    pub certifier: Credentials,
    pub supervisor: Credentials,
    pub customs: Credentials,
    pub foreign_de: Credentials,
    pub foreign_fr: Credentials,
    pub auditor: Credentials,
    pub admin: Credentials,
}

impl World {
    /// Sends a JSON request (or none) as `who`.
    pub async fn call(&self, method: Method, uri: &str, who: &Credentials, body: Option<Value>) -> Answer {
        send(&self.router, request(method, uri, who, body.as_ref())).await
    }

    /// The audit trail's head sequence number.
    pub async fn audit_seq(&self) -> i64 {
        let mut conn = self.store.conn().await.unwrap();
        origo_store::audit::head(&mut conn).await.unwrap().seq
    }
}

/// Signs in over HTTP and returns the session cookie.
pub async fn login(router: &Router, username: &str) -> Credentials {
    let body = json!({"username": username, "password": PASSWORD});
    let answer = send(router, request(Method::POST, "/api/v1/session", &Credentials::Anonymous, Some(&body))).await;
    assert_eq!(answer.status, StatusCode::OK, "login {username}: {:?}", answer.json);
    let cookie = answer.headers.get(header::SET_COOKIE).expect("a session cookie").to_str().unwrap().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let token = cookie.split(';').next().unwrap().strip_prefix("origo_session=").unwrap();
    Credentials::Cookie(token.to_owned())
}

pub async fn create_user(service: &Service, name: &str, role: Role, country: Option<&str>) {
    let new = NewUser {
        username: name.into(),
        display_name: name.into(),
        role,
        password: PASSWORD.into(),
        exporter_id: None,
        country: country.map(str::to_owned),
    };
    service.create_user_as(&origo_store::Actor::system(T0), new).await.unwrap();
}

pub fn registration(tin: &str) -> Value {
    json!({
        "name": format!("Furniture {tin} LLC"),
        "address": "12 Navoi street, Tashkent",
        "country": "UZ",
        "tin": tin,
        "activity": "production",
        "goods_description": "Wooden furniture",
        "hs_headings": ["9403"],
        "undertakings_accepted": true,
        "consent_to_publication": true
    })
}

/// A registered exporter, set up through the service.
async fn registered(service: &Service, router: &Router, name: &str, tin: &str) -> Credentials {
    create_user(service, name, Role::Exporter, None).await;
    let applicant = service.login(name, PASSWORD).await.unwrap().caller;
    let data = serde_json::from_value::<origo_web::api::registry::RegistrationData>(registration(tin)).unwrap();
    let applied = service.apply_for_registration(&applicant, data.into()).await.unwrap();
    let certifier = service.login("certifier", PASSWORD).await.unwrap().caller;
    let decision = RegistrationDecision::Register { valid_from: T0.date(), reasons: "complete".into() };
    service.decide_registration(&certifier, applied.id, decision).await.unwrap();
    login(router, name).await
}

pub async fn world(store: Store) -> World {
    world_with(store, WebSettings::default()).await
}

pub async fn world_with(store: Store, settings: WebSettings) -> World {
    world_with_config(store, settings, Config::default()).await
}

/// [`world_with`] with the service's configuration (a key-encryption key, a public URL ...).
pub async fn world_with_config(store: Store, settings: WebSettings, config: Config) -> World {
    let service = Service::start(store.clone(), config, Clock::fixed(T0)).await.unwrap();
    let router = origo_web::router(service.clone(), settings);
    for (name, role, country) in [
        ("certifier", Role::Certifier, None),
        ("supervisor", Role::Supervisor, None),
        ("customs", Role::Customs, None),
        ("foreign_de", Role::ForeignAuthority, Some("DE")),
        ("foreign_fr", Role::ForeignAuthority, Some("FR")),
        ("auditor", Role::Auditor, None),
        ("admin", Role::Admin, None),
    ] {
        create_user(&service, name, role, country).await;
    }
    World {
        exporter: registered(&service, &router, "exporter", "301234567").await,
        other_exporter: registered(&service, &router, "other", "309999999").await,
        certifier: login(&router, "certifier").await,
        supervisor: login(&router, "supervisor").await,
        customs: login(&router, "customs").await,
        foreign_de: login(&router, "foreign_de").await,
        foreign_fr: login(&router, "foreign_fr").await,
        auditor: login(&router, "auditor").await,
        admin: login(&router, "admin").await,
        router,
        service,
        store,
    }
}

/// Wooden furniture from Chinese sawn wood, bound for Germany: originating under the non-preferential pack.
pub fn furniture() -> Value {
    json!({
        "kind": "non_preferential",
        "consignment": {
            "importing_country": "DE",
            "consignee": {"name": "Möbel GmbH", "address": "1 Hafenstraße, Hamburg", "country": "DE"}
        },
        "items": [{
            "hs_code": "940360",
            "description": "Wooden furniture",
            "quantity": 20,
            "unit": "PCE",
            "gross_weight_kg": "410",
            "net_weight_kg": 400,
            "invoice_number": "INV-7",
            "invoice_date": "2026-04-28",
            "invoice_value": "1000.00",
            "currency": "EUR",
            "ex_works_price": 1000,
            "processes": ["cutting", "planing", "assembly", "painting"],
            "materials": [{"hs_code": "440799", "description": "sawn wood", "origin_country": "CN", "value": 400}]
        }]
    })
}

/// Creates, submits and approves an application over HTTP; returns its id.
pub async fn approved_application(w: &World) -> String {
    let created = w.call(Method::POST, "/api/v1/applications", &w.exporter, Some(furniture())).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.json);
    let id = created.json["id"].as_str().unwrap().to_owned();
    let submitted = w.call(Method::POST, &format!("/api/v1/applications/{id}/submit"), &w.exporter, None).await;
    assert_eq!(submitted.status, StatusCode::OK, "{:?}", submitted.json);
    let approve = json!({"decision": "approve"});
    let approved =
        w.call(Method::POST, &format!("/api/v1/applications/{id}/examination"), &w.certifier, Some(approve)).await;
    assert_eq!(approved.status, StatusCode::OK, "{:?}", approved.json);
    id
}

/// The furniture of [`furniture`] applied for as an EU GSP statement on origin, created and submitted over HTTP
/// by `who` (so origin is determined); returns its id.
pub async fn statement_application(w: &World, who: &Credentials) -> String {
    let mut body = furniture();
    body["kind"] = json!("statement_on_origin");
    let created = w.call(Method::POST, "/api/v1/applications", who, Some(body)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.json);
    let id = created.json["id"].as_str().unwrap().to_owned();
    let submitted = w.call(Method::POST, &format!("/api/v1/applications/{id}/submit"), who, None).await;
    assert_eq!(submitted.status, StatusCode::OK, "{:?}", submitted.json);
    id
}
