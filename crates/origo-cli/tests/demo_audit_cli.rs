//! `origo demo`'s audit trail: `origo audit verify` passes on the demo database, and the administrative
//! cooperation's records never go back in time in chain order (verification requests received months ago keep
//! their business dates in the rows and are audited at the instant they were entered); and the demo has documents
//! asked of exporters, one answered with its file and one pending, and a site-visit report on a step.

use std::process::Command;

use sqlx::{Connection, Row};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demos_audit_trail_verifies_and_is_in_time_order() {
    let dir = tempfile::tempdir().unwrap();
    let filled = Command::new(env!("CARGO_BIN_EXE_origo"))
        .args(["demo", "--no-serve"])
        .current_dir(dir.path())
        .env_remove("ORIGO_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(filled.status.success(), "{}", String::from_utf8_lossy(&filled.stderr));
    let url = format!("sqlite://{}", dir.path().join("origo-demo.db").display());

    let verified = Command::new(env!("CARGO_BIN_EXE_origo"))
        .args(["audit", "verify", "--database-url", &url])
        .env_remove("ORIGO_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    let out = format!("{}{}", String::from_utf8_lossy(&verified.stdout), String::from_utf8_lossy(&verified.stderr));
    assert_eq!(verified.status.code(), Some(0), "audit verify: {out}");

    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
    // The administrative cooperation's records (requests, steps, files, asks, answers, alerts, replies). Other
    // parts of the demo (signing keys valid from the past, the history) are still audited at backdated instants.
    let sql = "SELECT seq, at, action FROM audit_log WHERE action LIKE 'verification%' \
               OR action LIKE 'exporter_document_request%' OR action LIKE 'exporter.verification%' ORDER BY seq";
    let rows = sqlx::query(sql).fetch_all(&mut conn).await.unwrap();
    assert!(rows.len() > 20, "the cooperation's records: {}", rows.len());
    // RFC 3339 UTC text of fixed width: text order is time order.
    let mut previous: Option<(i64, String, String)> = None;
    for row in &rows {
        let (seq, at, action): (i64, String, String) = (row.get("seq"), row.get("at"), row.get("action"));
        if let Some((before_seq, before_at, before_action)) = &previous {
            assert!(
                *before_at <= at,
                "record {seq} ({action}, {at}) is earlier than record {before_seq} ({before_action}, {before_at})"
            );
        }
        previous = Some((seq, at, action));
    }
    let asks = sqlx::query("SELECT status FROM exporter_document_requests ORDER BY status")
        .fetch_all(&mut conn)
        .await
        .unwrap()
        .iter()
        .map(|row| row.get::<String, _>("status"))
        .collect::<Vec<_>>();
    assert_eq!(asks, ["answered", "pending"]);
    let files: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM exporter_answer_documents").fetch_one(&mut conn).await.unwrap().get("n");
    let reports: i64 = sqlx::query("SELECT COUNT(*) AS n FROM verification_step_documents")
        .fetch_one(&mut conn)
        .await
        .unwrap()
        .get("n");
    assert_eq!((files, reports), (1, 1));
    conn.close().await.unwrap();
}
