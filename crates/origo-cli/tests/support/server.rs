//! `origo serve` as a child process for the tests that need a real server.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// `origo serve` as a child process on a port of its choosing, its log kept for failure messages.
pub struct Server {
    child: Child,
    pub address: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serves `url`; `extra` flags are added to `origo serve`.
    pub fn start(url: &str, dir: &std::path::Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_origo"))
            .args(["serve", "--listen", "127.0.0.1:0", "--database-url", url])
            .args(extra)
            .current_dir(dir)
            .env_remove("ORIGO_DATABASE_URL")
            // PostgreSQL without a key-encryption key is refused otherwise (SQLite uses the file beside it).
            .env("ORIGO_ALLOW_PLAINTEXT_KEYS", "true")
            .env("RUST_LOG", "info,sqlx=warn")
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start origo serve");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let kept = log.clone();
        // Reads the log to its end (a full pipe would block the server), and passes on the address.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(address) = listening_address(&line) {
                    let _ = tx.send(address);
                }
                kept.lock().unwrap().push(line);
            }
        });
        let address = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(address) => address,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("origo serve did not say where it listens:\n{}", log.lock().unwrap().join("\n"));
            }
        };
        Server { child, address, log }
    }

    /// SIGKILL: no shutdown handler runs, nothing is flushed.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The address in `... origo is serving the API under /api/v1 address=127.0.0.1:PORT`.
fn listening_address(line: &str) -> Option<SocketAddr> {
    if !line.contains("origo is serving") {
        return None;
    }
    let rest = &line[line.find("address=")? + "address=".len()..];
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':')).unwrap_or(rest.len());
    rest[..end].parse().ok()
}
