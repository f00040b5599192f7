//! `origo serve` flags that only show on a running server: `--public-rate-limit`.

mod support;

use std::process::Command;

use support::server::Server;

/// Status codes of `count` public checks of an unknown certificate from one address.
async fn public_checks(server: &Server, count: usize) -> Vec<u16> {
    let client = reqwest::Client::new();
    let url = format!("http://{}/api/v1/public/certificates/UZ-2026-000001?code=ABCDEFGHJK", server.address);
    let mut statuses = Vec::with_capacity(count);
    for _ in 0..count {
        statuses.push(client.get(&url).send().await.expect("an answer").status().as_u16());
    }
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_rate_limit_is_set_by_flag_and_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("origo.db").display());

    // A burst of 2 at 0.01 per second: the third check in a row is refused.
    let mut limited = Server::start(&url, dir.path(), &["--public-rate-limit", "0.01,2"]);
    assert_eq!(public_checks(&limited, 3).await, [404, 404, 429], "{}", limited.log());
    limited.kill();

    // The default (5 per second, 30 at once) refuses a fast run of 40.
    let mut default = Server::start(&url, dir.path(), &[]);
    let statuses = public_checks(&default, 40).await;
    assert!(statuses.contains(&429), "{statuses:?}");
    default.kill();

    let mut off = Server::start(&url, dir.path(), &["--public-rate-limit", "off"]);
    let statuses = public_checks(&off, 100).await;
    assert!(statuses.iter().all(|s| *s == 404), "{statuses:?}");
    off.kill();
}

#[test]
fn a_bad_rate_limit_is_refused_with_the_expected_form() {
    for bad in ["0", "fast", "5,0"] {
        let output = Command::new(env!("CARGO_BIN_EXE_origo"))
            .args(["serve", "--listen", "127.0.0.1:0", "--public-rate-limit", bad])
            .env_remove("ORIGO_DATABASE_URL")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("--public-rate-limit") && stderr.contains("PER_SECOND[,BURST]"), "{stderr}");
    }
}
