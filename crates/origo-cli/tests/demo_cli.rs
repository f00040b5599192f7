//! `origo demo`'s content: applications in every workflow state, and the certificates it prints as valid, revoked
//! and replaced answer so on a real server, in the API and on the public verification page; the CT-UZ certificate's
//! PDF downloads for its exporter.

mod support;

use std::collections::BTreeSet;
use std::process::Command;

use support::server::Server;

/// The `/verify?number=..&code=..` address printed after `label`, as (number, code).
fn printed_check(out: &str, label: &str) -> (String, String) {
    let line = out.lines().find(|l| l.trim_start().starts_with(label)).unwrap_or_else(|| panic!("no {label}: {out}"));
    let query = &line[line.find("/verify?").unwrap_or_else(|| panic!("no link: {line}")) + "/verify?".len()..];
    let (number, code) = query.trim().split_once('&').unwrap();
    (number.strip_prefix("number=").unwrap().to_owned(), code.strip_prefix("code=").unwrap().to_owned())
}

/// The workflow states of the stored applications (the store keeps "awaiting second signature" as an approved,
/// high-risk application without a second signer).
async fn workflow_states(url: &str) -> BTreeSet<String> {
    use sqlx::{Connection, Row};
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let sql = "SELECT state, high_risk, CASE WHEN second_signer_id IS NULL THEN 0 ELSE 1 END AS signed \
               FROM applications";
    let rows = sqlx::query(sql).fetch_all(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    rows.iter()
        .map(|row| {
            let state: String = row.get("state");
            let high_risk: i64 = row.get("high_risk");
            let signed: i64 = row.get("signed");
            match state.as_str() {
                "approved" if high_risk == 1 && signed == 0 => "awaiting_second_signature".to_owned(),
                _ => state,
            }
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_has_every_state_and_its_printed_certificates_verify_as_printed() {
    let dir = tempfile::tempdir().unwrap();
    let filled = Command::new(env!("CARGO_BIN_EXE_origo"))
        .args(["demo", "--no-serve"])
        .current_dir(dir.path())
        .env_remove("ORIGO_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&filled.stdout).into_owned();
    assert!(filled.status.success(), "{out}{}", String::from_utf8_lossy(&filled.stderr));
    for login in ["certifier", "supervisor", "fergana.textile", "bukhara.fruit", "almalyk.copper", "navoi.fertiliser"] {
        assert!(out.contains(&format!("  {login} ")), "login {login} printed: {out}");
    }
    assert!(out.contains("CT-1") && out.contains("general form"), "{out}");

    let url = format!("sqlite://{}", dir.path().join("origo-demo.db").display());
    let states = workflow_states(&url).await;
    let every: BTreeSet<String> =
        ["draft", "submitted", "information_requested", "awaiting_second_signature", "approved", "refused", "issued"]
            .into_iter()
            .map(str::to_owned)
            .collect();
    assert_eq!(states, every);
    // Every route of the risk engine is in the queue, and a random selection (docs/RISK.md, "In the workflow").
    let (routes, random) = risk_routes(&url).await;
    assert_eq!(routes, BTreeSet::from(["automatic_approval", "documentary_check", "inspection"].map(str::to_owned)));
    assert!(random >= 1, "no application selected at random");

    let valid = printed_check(&out, "A valid certificate:");
    let revoked = printed_check(&out, "A revoked certificate:");
    let replaced = printed_check(&out, "A replaced certificate:");
    let server = Server::start("sqlite://origo-demo.db", dir.path(), &[]);
    let client = reqwest::Client::new();
    let base = format!("http://{}", server.address);
    let mut replacement = String::new();
    for ((number, code), status) in [(&valid, "valid"), (&revoked, "revoked"), (&replaced, "replaced")] {
        let answer =
            client.get(format!("{base}/api/v1/public/certificates/{number}?code={code}")).send().await.unwrap();
        assert_eq!(answer.status(), 200, "{number}: {}", server.log());
        let body: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(body["status"], status, "{number}: {body}");
        if status == "replaced" {
            replacement = body["replaced_by"].as_str().expect("replaced_by").to_owned();
        }
    }
    assert!(out.contains(&format!("replaces {}", replaced.0)), "the replacement is listed: {out}");
    assert!(out.contains(&replacement), "{replacement} printed: {out}");

    // The public page says it in words: the link a QR code opens.
    for ((number, code), words) in [(&valid, "Valid"), (&revoked, "Revoked on"), (&replaced, "Replaced on")] {
        let page = client
            .get(format!("{base}/verify?number={number}&code={code}&lang=en"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains(&format!("<span class=\"status-badge\">{words}")), "{number}: {words}\n{page}");
    }

    // Each statement printed is in the public register.
    let hashes: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.len() == 64 && w.bytes().all(|b| b.is_ascii_hexdigit()))
        .collect();
    assert_eq!(hashes.len(), 2, "{out}");
    for hash in hashes {
        let answer = client.get(format!("{base}/api/v1/public/statements/{hash}")).send().await.unwrap();
        assert_eq!(answer.status(), 200, "{hash}");
    }

    // The CT-UZ certificate is printed, and its exporter downloads its PDF (the code was kept sealed at issuance).
    let line = out.lines().find(|l| l.contains("CT-UZ,")).unwrap_or_else(|| panic!("a CT-UZ certificate: {out}"));
    let number = line.split_whitespace().next().unwrap().to_owned();
    let id = certificate_id(&url, &number).await;
    let login = serde_json::json!({"username": "tashkent.furniture", "password": "origo-demo-2026"}).to_string();
    let signed_in = client.post(format!("{base}/api/v1/session")).header("content-type", "application/json");
    let signed_in = signed_in.body(login).send().await.unwrap();
    assert_eq!(signed_in.status(), 200, "{}", server.log());
    let cookie = signed_in.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let pdf = client.get(format!("{base}/api/v1/certificates/{id}/pdf?lang=uz")).header("cookie", cookie);
    let pdf = pdf.send().await.unwrap();
    assert_eq!(pdf.status(), 200, "{}", server.log());
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
}

/// The routes of the applications' latest risk assessments, and how many were selected at random.
async fn risk_routes(url: &str) -> (BTreeSet<String>, i64) {
    use sqlx::{Connection, Row};
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let rows = sqlx::query("SELECT route, randomly_selected FROM risk_assessments WHERE latest = 1")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let routes = rows.iter().map(|row| row.get::<String, _>("route")).collect();
    (routes, rows.iter().map(|row| row.get::<i64, _>("randomly_selected")).sum())
}

/// The id of the certificate numbered `number`.
async fn certificate_id(url: &str, number: &str) -> String {
    use sqlx::{Connection, Row};
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let row = sqlx::query("SELECT id FROM certificates WHERE number = $1").bind(number).fetch_one(&mut conn).await;
    let id: String = row.unwrap().get("id");
    conn.close().await.unwrap();
    id
}
