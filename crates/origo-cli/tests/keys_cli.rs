//! The key-encryption key on the command line: `origo keys init-kek` writes a 0600 file and never overwrites one;
//! the demo and `keys rotate` on SQLite seal the signing keys under a KEK beside the database; a wrong KEK stops
//! the start naming the key; PostgreSQL without a KEK is refused unless plain keys are allowed.

use std::path::Path;
use std::process::{Command, Output};

fn origo(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_origo"));
    command
        .current_dir(dir)
        .env_remove("ORIGO_DATABASE_URL")
        .env_remove("ORIGO_KEY_ENCRYPTION_KEY_FILE")
        .env_remove("ORIGO_ALLOW_PLAINTEXT_KEYS")
        .env("RUST_LOG", "warn");
    command
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// `(key_id, private_key_encrypted, private_key_pem)` of every stored key, read behind the store's back.
fn stored_keys(url: &str) -> Vec<(String, i64, String)> {
    use sqlx::{Connection, Row};
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
        let rows =
            sqlx::query("SELECT key_id, private_key_encrypted, private_key_pem FROM signing_keys ORDER BY key_id")
                .fetch_all(&mut conn)
                .await
                .unwrap();
        conn.close().await.unwrap();
        rows.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect()
    })
}

#[test]
fn init_kek_writes_an_owner_only_file_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let made = origo(dir.path()).args(["keys", "init-kek", "origo.kek"]).output().unwrap();
    assert!(made.status.success(), "{}", text(&made));
    let path = dir.path().join("origo.kek");
    let content = std::fs::read_to_string(&path).unwrap();
    assert_eq!(content.len(), 45, "44 base64 characters of 32 bytes and a newline: {content:?}");
    assert!(content.trim_end().ends_with('=') && content.ends_with('\n'), "{content:?}");
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);

    let again = origo(dir.path()).args(["keys", "init-kek", "origo.kek"]).output().unwrap();
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    assert!(text(&again).contains("already exists"), "{}", text(&again));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), content, "the file is untouched");

    let other = origo(dir.path()).args(["keys", "init-kek", "other.kek"]).output().unwrap();
    assert!(other.status.success(), "{}", text(&other));
    assert_ne!(std::fs::read_to_string(dir.path().join("other.kek")).unwrap(), content);
}

#[test]
fn the_demo_database_file_holds_no_plain_private_key() {
    let dir = tempfile::tempdir().unwrap();
    let filled = origo(dir.path()).args(["demo", "--no-serve"]).output().unwrap();
    assert!(filled.status.success(), "{}", text(&filled));
    let kek = dir.path().join("origo-demo.db.kek");
    assert!(kek.exists(), "a KEK file beside the database");
    #[cfg(unix)]
    assert_eq!(mode(&kek), 0o600);
    for suffix in ["", "-wal"] {
        if let Ok(bytes) = std::fs::read(dir.path().join(format!("origo-demo.db{suffix}"))) {
            assert!(!bytes.windows(11).any(|w| w == b"PRIVATE KEY"), "a PEM in origo-demo.db{suffix}");
        }
    }
    let url = format!("sqlite://{}", dir.path().join("origo-demo.db").display());
    let keys = stored_keys(&url);
    assert!(!keys.is_empty());
    for (key_id, encrypted, stored) in keys {
        assert_eq!(encrypted, 1, "{key_id}");
        assert!(stored.starts_with("origo-sealed-key/1:"), "{key_id}: {stored:.30}");
    }
}

#[test]
fn keys_rotate_seals_with_the_kek_and_a_wrong_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("origo.db").display());
    let made = origo(dir.path()).args(["keys", "init-kek", "right.kek"]).output().unwrap();
    assert!(made.status.success(), "{}", text(&made));
    let rotated = origo(dir.path())
        .args(["keys", "rotate", "--database-url", &url])
        .env("ORIGO_KEY_ENCRYPTION_KEY_FILE", "right.kek")
        .output()
        .unwrap();
    assert!(rotated.status.success(), "{}", text(&rotated));
    assert!(!dir.path().join("origo.db.kek").exists(), "the KEK given is used, none is made beside the database");
    let keys = stored_keys(&url);
    assert_eq!(keys.len(), 2, "the first key and the rotated one");
    assert!(keys.iter().all(|(_, encrypted, stored)| *encrypted == 1 && stored.starts_with("origo-sealed-key/1:")));

    origo(dir.path()).args(["keys", "init-kek", "wrong.kek"]).output().unwrap();
    for wrong in [vec!["--key-encryption-key-file", "wrong.kek"], vec![]] {
        let refused = origo(dir.path()).args(["keys", "rotate", "--database-url", &url]).args(&wrong).output().unwrap();
        assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
        assert!(text(&refused).contains(&keys[0].0), "names the key: {}", text(&refused));
        assert!(text(&refused).contains("key-encryption key"), "{}", text(&refused));
    }
    assert_eq!(stored_keys(&url).len(), 2, "a refused start makes no key");

    let unreadable = dir.path().join("bad.kek");
    std::fs::write(&unreadable, "not a key\n").unwrap();
    let refused = origo(dir.path())
        .args(["keys", "rotate", "--database-url", &url, "--key-encryption-key-file", "bad.kek"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused).contains("bad.kek") && text(&refused).contains("not base64"), "{}", text(&refused));
}

#[test]
fn postgres_without_a_kek_is_refused_before_connecting() {
    let dir = tempfile::tempdir().unwrap();
    // Port 1 on loopback: nothing listens, so getting past the refusal would be a connection error instead, and
    // the refusal comes before any connection is tried.
    let url = "postgres://origo:secret@127.0.0.1:1/origo";
    for command in [vec!["serve", "--listen", "127.0.0.1:0"], vec!["keys", "rotate"]] {
        let refused = origo(dir.path()).args(&command).args(["--database-url", url]).output().unwrap();
        assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
        let out = text(&refused);
        assert!(out.contains("--allow-plaintext-keys") && out.contains("init-kek"), "{out}");
        assert!(!out.contains("secret"), "the password is not printed: {out}");
    }
    // With --allow-plaintext-keys the start goes on to connect (the unit tests of keys_cmd cover that choice;
    // here it would wait for the pool's connection timeout).
}
