//! The signing keys on the command line: `origo keys rotate`, `origo keys init-kek`, and the key-encryption key
//! (KEK) that every subcommand starting the service takes (`serve`, `demo`, `keys rotate`).
//!
//! Which KEK a start uses: the file of `--key-encryption-key-file` / `ORIGO_KEY_ENCRYPTION_KEY_FILE` when given;
//! otherwise, on a SQLite file, the file beside it (`<database>.kek`, made with mode 0600 on first use), so that
//! the database file never holds a private key in plain by default; on an in-memory SQLite database none (nothing
//! is at rest); on PostgreSQL none only with `--allow-plaintext-keys`, and otherwise the start is refused.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use origo_service::StartError;
use origo_service::keys::kek::Zeroizing;
use origo_service::keys::{KeyEncryptionKey, KeyError};

use crate::server_cmd::{DatabaseArgs, open_store, redact, runtime, start_service};

/// The key-encryption key flags.
#[derive(clap::Args, Debug, Clone)]
pub struct KeyArgs {
    /// A file holding the key-encryption key that seals the private signing keys in the database (make one with
    /// `origo keys init-kek PATH`). Without it, a SQLite database uses `<database file>.kek`, made on first use.
    #[arg(long, env = "ORIGO_KEY_ENCRYPTION_KEY_FILE", value_name = "PATH")]
    pub key_encryption_key_file: Option<PathBuf>,
    /// On PostgreSQL without a key-encryption key, store the private signing keys in plain instead of refusing to
    /// start.
    #[arg(long, env = "ORIGO_ALLOW_PLAINTEXT_KEYS")]
    pub allow_plaintext_keys: bool,
}

/// `origo keys rotate`.
#[derive(clap::Args, Debug)]
pub struct RotateArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(flatten)]
    pub keys: KeyArgs,
}

/// `origo keys init-kek`.
#[derive(clap::Args, Debug)]
pub struct InitKekArgs {
    /// The file to create; an existing file is never overwritten.
    pub path: PathBuf,
}

/// `origo keys rotate`: a new signing key valid from today; the old ones stay published.
pub fn rotate(args: RotateArgs) -> anyhow::Result<ExitCode> {
    let url = &args.database.database_url;
    runtime()?.block_on(async {
        let kek = key_encryption_key(url, &args.keys)?;
        let store = open_store(url).await?;
        let service = start_service(store.clone(), kek).await?;
        let actor = origo_store::Actor::system(service.clock().now());
        let key = service.rotate_keys_as(&actor).await.context("cannot rotate the signing key")?;
        store.close().await;
        println!("new signing key {} valid from {}", key.key_id, key.not_before);
        Ok(ExitCode::SUCCESS)
    })
}

/// `origo keys init-kek PATH`: 32 random bytes, base64, in a new file only its owner can read.
pub fn init_kek(args: &InitKekArgs) -> anyhow::Result<ExitCode> {
    let kek = create_kek_file(&args.path)?;
    println!("wrote a new key-encryption key (id {}) to {}", kek.id(), args.path.display());
    println!("Keep a copy apart from the database's backups: without it the signing keys cannot be used.");
    Ok(ExitCode::SUCCESS)
}

/// The KEK a start on the database at `url` uses (module docs).
pub fn key_encryption_key(url: &str, args: &KeyArgs) -> anyhow::Result<Option<KeyEncryptionKey>> {
    if let Some(path) = &args.key_encryption_key_file {
        return read_kek_file(path).map(Some);
    }
    match sqlite_file(url) {
        Some(Some(database)) => {
            let mut name = database.into_os_string();
            name.push(".kek");
            let path = PathBuf::from(name);
            if path.exists() {
                return read_kek_file(&path).map(Some);
            }
            let kek = create_kek_file(&path)?;
            tracing::warn!(
                file = %path.display(),
                "created a key-encryption key beside the database; keep it (apart from the database's backups): \
                 without it the signing keys cannot be used"
            );
            Ok(Some(kek))
        }
        Some(None) => Ok(None),
        None if args.allow_plaintext_keys => {
            tracing::warn!("the private signing keys are stored in plain in the database (--allow-plaintext-keys)");
            Ok(None)
        }
        None => bail!(
            "refusing to store the private signing keys in plain in {}: give a key-encryption key with \
             --key-encryption-key-file PATH or ORIGO_KEY_ENCRYPTION_KEY_FILE (make one with `origo keys init-kek \
             PATH`), or pass --allow-plaintext-keys to store them in plain",
            redact(url)
        ),
    }
}

/// What the start-up error means for the person at the command line.
pub fn hint(error: &StartError) -> &'static str {
    match error {
        StartError::Keys(KeyError::KekRequired(_)) => {
            " (give the key-encryption key that sealed the signing keys: --key-encryption-key-file PATH or \
             ORIGO_KEY_ENCRYPTION_KEY_FILE)"
        }
        StartError::Keys(KeyError::Undecryptable { .. }) => {
            " (the key-encryption key given is not the one that sealed the signing keys)"
        }
        _ => "",
    }
}

/// `Some(Some(file))` for a SQLite file, `Some(None)` for an in-memory SQLite database, `None` for another
/// backend.
fn sqlite_file(url: &str) -> Option<Option<PathBuf>> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let in_memory = path.is_empty() || path == ":memory:" || query.split('&').any(|pair| pair == "mode=memory");
    Some(if in_memory { None } else { Some(PathBuf::from(path)) })
}

fn read_kek_file(path: &Path) -> anyhow::Result<KeyEncryptionKey> {
    let text = Zeroizing::new(
        std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the key-encryption key file {}", path.display()))?,
    );
    let kek = KeyEncryptionKey::from_base64(&text).with_context(|| format!("{}", path.display()))?;
    warn_if_readable_by_others(path);
    Ok(kek)
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        tracing::warn!(
            file = %path.display(),
            mode = format!("{:o}", meta.permissions().mode() & 0o777),
            "the key-encryption key file can be read by other users; `chmod 600` it"
        );
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_path: &Path) {}

/// Makes a new KEK file (mode 0600), refusing an existing one; a failed write leaves no file behind.
fn create_kek_file(path: &Path) -> anyhow::Result<KeyEncryptionKey> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!("{} already exists: a key-encryption key file is never overwritten", path.display())
        }
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
    };
    let kek = KeyEncryptionKey::random();
    let text = kek.to_base64();
    let written = file.write_all(text.as_bytes()).and_then(|()| file.write_all(b"\n")).and_then(|()| file.sync_all());
    if let Err(e) = written {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(kek)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_are_told_apart() {
        let file = |p: &str| Some(Some(PathBuf::from(p)));
        assert_eq!(sqlite_file("sqlite://origo.db?mode=rwc"), file("origo.db"));
        assert_eq!(sqlite_file("sqlite:///var/lib/origo/origo.db"), file("/var/lib/origo/origo.db"));
        assert_eq!(sqlite_file("sqlite:data/origo.db"), file("data/origo.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), Some(None));
        assert_eq!(sqlite_file("sqlite://shared?mode=memory&cache=shared"), Some(None));
        assert_eq!(sqlite_file("postgres://origo@db/origo"), None);
    }

    #[test]
    fn postgres_without_a_kek_is_refused_unless_allowed() {
        let args = KeyArgs { key_encryption_key_file: None, allow_plaintext_keys: false };
        let error = key_encryption_key("postgres://origo:secret@db/origo", &args).unwrap_err().to_string();
        assert!(error.contains("--allow-plaintext-keys") && error.contains("--key-encryption-key-file"), "{error}");
        assert!(!error.contains("secret"), "{error}");
        let allowed = KeyArgs { allow_plaintext_keys: true, ..args };
        assert!(key_encryption_key("postgres://origo@db/origo", &allowed).unwrap().is_none());
    }
}
