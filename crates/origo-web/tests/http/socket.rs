//! Once over a real socket: the server on port 0, a real HTTP client. The listener is bound before the server
//! task starts, so the first request cannot race it (no sleeps).

use origo_service::{Clock, Config, Service};
use origo_web::WebSettings;
use serde_json::{Value, json};

use crate::common::{T0, on_sqlite};
use crate::world::{PASSWORD, create_user};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_over_a_real_socket() {
    on_sqlite(|store| async move {
        let service = Service::start(store, Config::default(), Clock::fixed(T0)).await.unwrap();
        create_user(&service, "auditor", origo_service::roles::Role::Auditor, None).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let router = origo_web::router(service, WebSettings::default());
        let server = tokio::spawn(origo_web::serve(listener, router, async {
            let _ = stopped.await;
        }));

        let base = format!("http://{address}");
        let client = reqwest::Client::new();
        let health: Value = client.get(format!("{base}/api/v1/health")).send().await.unwrap().json().await.unwrap();
        assert_eq!(health["status"], "ok");
        let login = client
            .post(format!("{base}/api/v1/session"))
            .json(&json!({"username": "auditor", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(login.status(), 200);
        let cookie = login.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
        let me: Value = client
            .get(format!("{base}/api/v1/session"))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["role"], "auditor");
        let missing =
            client.get(format!("{base}/api/v1/public/certificates/UZ-2026-000001?code=X")).send().await.unwrap();
        assert_eq!(missing.status(), 404);

        stop.send(()).unwrap();
        server.await.unwrap().unwrap();
    })
    .await;
}
