//! Headless Chromium for the page tests: Debian's `chromium` driven through `chromedriver` (WebDriver over plain
//! HTTP on loopback) with fantoccini, a fresh profile per run, and a PNG of the page at each step.
//!
//! chromedriver runs in a process group of its own, so that the browser it starts goes with it when the test
//! ends early (a failed assertion): dropping [`Driver`] kills that group.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// How long a page may take to show what a step waits for.
const PATIENCE: Duration = Duration::from_secs(15);

/// The two programs, from `ORIGO_CHROMEDRIVER` / `ORIGO_CHROMIUM` or the `PATH`.
pub struct Tools {
    pub chromedriver: PathBuf,
    pub chromium: PathBuf,
}

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |name| dir.join(name))).find(|p| p.is_file())
}

impl Tools {
    /// `None` (after a notice) when a program is missing outside CI; a panic when it is missing on CI.
    pub fn find() -> Option<Tools> {
        let from = |var: &str, names: &[&str]| std::env::var_os(var).map(PathBuf::from).or_else(|| on_path(names));
        let chromedriver = from("ORIGO_CHROMEDRIVER", &["chromedriver"]);
        let chromium = from("ORIGO_CHROMIUM", &["chromium", "chromium-browser", "google-chrome"]);
        match (chromedriver, chromium) {
            (Some(chromedriver), Some(chromium)) => Some(Tools { chromedriver, chromium }),
            _ => {
                assert!(
                    std::env::var("CI").as_deref() != Ok("true"),
                    "chromium or chromedriver is missing: CI must install chromium and chromium-driver (.ci/run does)"
                );
                // Past the test harness's capture (which hides what a passing test prints), so the skip is seen.
                use std::io::Write;
                let notice = "SKIPPED: the browser test needs chromium and chromedriver \
                              (apt-get install chromium chromium-driver)";
                let _ = writeln!(std::io::stderr(), "{notice}");
                None
            }
        }
    }
}

/// A free port on loopback (released before chromedriver takes it: a lost race makes the start fail loudly).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A running chromedriver.
pub struct Driver {
    child: Child,
    pub url: String,
}

impl Driver {
    pub async fn start(program: &Path) -> Driver {
        use std::os::unix::process::CommandExt;
        let port = free_port();
        let child = Command::new(program)
            .args([format!("--port={port}"), "--allowed-ips=127.0.0.1".into()])
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        let driver = Driver { child, url: format!("http://127.0.0.1:{port}") };
        let started = Instant::now();
        loop {
            let status = reqwest::get(format!("{}/status", driver.url)).await;
            if let Ok(answer) = status
                && let Ok(body) = answer.json::<serde_json::Value>().await
                && body["value"]["ready"] == true
            {
                return driver;
            }
            assert!(started.elapsed() < PATIENCE, "chromedriver did not get ready on port {port}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole group: chromedriver and the browser it started.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

/// Where the screenshots go: `$CARGO_TARGET_DIR/browser-artefacts`, else `browser-artefacts` in the target folder
/// the `origo` binary was built in.
pub fn artefacts_dir() -> PathBuf {
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let binary = Path::new(env!("CARGO_BIN_EXE_origo"));
            binary.ancestors().nth(2).expect("the target folder").to_path_buf()
        }
    };
    target.join("browser-artefacts")
}

/// A browser session on one Origo server, numbering its screenshots.
pub struct Browser {
    pub client: Client,
    base: String,
    artefacts: PathBuf,
    shots: usize,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// A headless Chromium with a fresh profile, asking for English pages first.
    pub async fn open(driver: &Driver, chromium: &Path, base: String, artefacts: PathBuf) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,1000",
            "--lang=en-GB",
        ]
        .into_iter()
        .map(str::to_owned)
        .chain([format!("--user-data-dir={}", profile.path().display())])
        .collect::<Vec<_>>();
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": args,
                "prefs": {"intl.accept_languages": "en-GB,en"},
            },
        });
        let serde_json::Value::Object(capabilities) = capabilities else { unreachable!() };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&driver.url)
            .await
            .unwrap_or_else(|e| panic!("no browser session from chromedriver: {e}"));
        std::fs::create_dir_all(&artefacts).unwrap();
        Browser { client, base, artefacts, shots: 0, _profile: profile }
    }

    /// Saves the page as `NN-name.png`.
    pub async fn shot(&mut self, name: &str) {
        self.shots += 1;
        let png = self.client.screenshot().await.expect("a screenshot");
        std::fs::write(self.artefacts.join(format!("{:02}-{name}.png", self.shots)), png).unwrap();
    }

    /// Keeps the page as `failed.png` and `failed.html` beside the steps, and says where: the text to stop the test
    /// with.
    pub async fn failure(&self, message: &str) -> String {
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(self.artefacts.join("failed.png"), png);
        }
        let source = self.client.source().await.unwrap_or_default();
        let _ = std::fs::write(self.artefacts.join("failed.html"), &source);
        let url = self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        format!("{message}\n  at {url} (page kept in {})", self.artefacts.join("failed.html").display())
    }

    /// Opens `path` on the server.
    pub async fn goto(&self, path: &str) {
        if let Err(e) = self.client.goto(&format!("{}{path}", self.base)).await {
            panic!("{}", self.failure(&format!("cannot open {path}: {e}")).await);
        }
    }

    /// The path and query of the page shown.
    pub async fn location(&self) -> String {
        let url = self.client.current_url().await.expect("the current address");
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// The element `css` selects, once the page shows it.
    pub async fn wait(&self, css: &str) -> Element {
        match self.client.wait().at_most(PATIENCE).for_element(Locator::Css(css)).await {
            Ok(element) => element,
            Err(e) => panic!("{}", self.failure(&format!("nothing matches `{css}`: {e}")).await),
        }
    }

    /// Whether the page has an element matching `css` now.
    pub async fn has(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// The visible text of `css`.
    pub async fn text(&self, css: &str) -> String {
        self.wait(css).await.text().await.expect("the element's text")
    }

    /// An attribute of `css`.
    pub async fn attr(&self, css: &str, name: &str) -> String {
        self.wait(css).await.attr(name).await.expect("the attribute").unwrap_or_default()
    }

    /// Types `value` into the field with this id (cleared first).
    pub async fn fill(&self, id: &str, value: &str) {
        let field = self.wait(&format!("#{id}")).await;
        field.clear().await.expect("a field that can be cleared");
        if let Err(e) = field.send_keys(value).await {
            panic!("{}", self.failure(&format!("cannot type into #{id}: {e}")).await);
        }
    }

    /// Picks the option with this value in the select with this id.
    pub async fn choose(&self, id: &str, value: &str) {
        if let Err(e) = self.wait(&format!("#{id}")).await.select_by_value(value).await {
            panic!("{}", self.failure(&format!("#{id} has no option {value}: {e}")).await);
        }
    }

    /// Clicks `css` (a link, a radio button, a form's button).
    pub async fn click(&self, css: &str) {
        if let Err(e) = self.wait(css).await.click().await {
            panic!("{}", self.failure(&format!("cannot click `{css}`: {e}")).await);
        }
    }

    /// Signs in through the login form, and waits for the page that names the user.
    pub async fn sign_in(&self, username: &str, password: &str) {
        self.goto("/login").await;
        self.fill("username", username).await;
        self.fill("password", password).await;
        self.click("form[action='/login'] button[type='submit']").await;
        self.wait(".account .who").await;
    }

    /// Signs out with the header's button.
    pub async fn sign_out(&self) {
        self.click("form[action='/logout'] button[type='submit']").await;
        self.wait(".account a[href='/login']").await;
    }

    /// The value of the cookie `name`, for a request outside the browser.
    pub async fn cookie(&self, name: &str) -> String {
        self.client.get_named_cookie(name).await.expect("the cookie").value().to_owned()
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}
