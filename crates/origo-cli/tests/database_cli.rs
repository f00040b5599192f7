//! The database subcommands on a temp SQLite file: `migrate`, `audit verify`, `keys rotate`, and `demo`'s refusal
//! to overwrite an existing database.

use std::process::{Command, Output};

fn origo(dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_origo"));
    command.current_dir(dir).env_remove("ORIGO_DATABASE_URL").env("RUST_LOG", "warn");
    command
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn migrate_then_audit_verify_and_key_rotation_on_a_temp_database() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("origo.db").display());
    let migrated = origo(dir.path()).args(["migrate", "--database-url", &url]).output().unwrap();
    assert!(migrated.status.success(), "{}", text(&migrated));
    assert!(text(&migrated).contains("schema version"), "{}", text(&migrated));

    let verified = origo(dir.path()).args(["audit", "verify", "--database-url", &url]).output().unwrap();
    assert_eq!(verified.status.code(), Some(0), "{}", text(&verified));
    assert!(text(&verified).contains("intact"), "{}", text(&verified));

    // The variable works like the flag.
    let rotated = origo(dir.path()).args(["keys", "rotate"]).env("ORIGO_DATABASE_URL", &url).output().unwrap();
    assert!(rotated.status.success(), "{}", text(&rotated));
    assert!(text(&rotated).contains("new signing key"), "{}", text(&rotated));
    let verified = origo(dir.path()).args(["audit", "verify"]).env("ORIGO_DATABASE_URL", &url).output().unwrap();
    assert_eq!(verified.status.code(), Some(0), "{}", text(&verified));

    // An edited record is named, with exit 1.
    tamper(&url, "UPDATE audit_log SET reason = 'edited' WHERE seq = 2");
    let broken = origo(dir.path()).args(["audit", "verify", "--database-url", &url]).output().unwrap();
    assert_eq!(broken.status.code(), Some(1), "{}", text(&broken));
    assert!(text(&broken).contains("audit record 2"), "{}", text(&broken));
}

/// Runs raw SQL as an intruder with database access would.
fn tamper(url: &str, sql: &str) {
    use sqlx::{Connection, Executor};
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
        conn.execute(sqlx::AssertSqlSafe(sql.to_owned())).await.unwrap();
        conn.close().await.unwrap();
    });
}

#[test]
fn demo_fills_a_fresh_database_and_never_overwrites_one() {
    let dir = tempfile::tempdir().unwrap();
    let filled = origo(dir.path()).args(["demo", "--no-serve"]).output().unwrap();
    assert!(filled.status.success(), "{}", text(&filled));
    let out = text(&filled);
    assert!(out.contains("certifier") && out.contains("/api/v1/public/certificates/UZ-"), "{out}");
    assert!(dir.path().join("origo-demo.db").exists());

    let again = origo(dir.path()).args(["demo", "--no-serve"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).contains("--force"), "{}", text(&again));

    let url = "sqlite://origo-demo.db";
    let verified = origo(dir.path()).args(["audit", "verify", "--database-url", url]).output().unwrap();
    assert_eq!(verified.status.code(), Some(0), "{}", text(&verified));
    let forced = origo(dir.path()).args(["demo", "--no-serve", "--force"]).output().unwrap();
    assert!(forced.status.success(), "{}", text(&forced));
}
