//! `origo verify FILE [--keys K] [--status S]`: checks a signed certificate, a signed disclosure, a QR text or an
//! OpenAttestation document offline, and says what was verified.
//!
//! Exit codes (other tools rely on them): 0 valid; 1 invalid (tampered, unknown key, key not valid at the signing
//! date, revoked, replaced), with the reason; 2 unreadable input (the document, the key set or the status list
//! cannot be read). FILE `-` reads standard input. The verdict goes to standard output.

use std::io::Read as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use origo_documents::openattestation::OaVersion;
use origo_documents::signing::SignedDocument;
use origo_documents::verify::{Failure, IssuerCheck, StatusCheck, Verified, VerifiedKind};
use origo_documents::{KeySet, StatusList, verify};
use serde_json::Value;

const VALID: u8 = 0;
const INVALID: u8 = 1;
const UNREADABLE: u8 = 2;

/// Runs the check and prints the verdict; `Err` only when the verdict cannot be printed.
pub fn run(file: &Path, keys: Option<&Path>, status: Option<&Path>) -> anyhow::Result<ExitCode> {
    let (code, lines) = verdict(file, keys, status);
    let mut out = std::io::stdout().lock();
    for line in lines {
        use std::io::Write as _;
        writeln!(out, "{line}").context("writing the verdict")?;
    }
    Ok(ExitCode::from(code))
}

/// The exit code and the lines to print. Separate from printing so that tests can read it.
fn verdict(file: &Path, keys: Option<&Path>, status: Option<&Path>) -> (u8, Vec<String>) {
    let unreadable = |what: String| (UNREADABLE, vec![format!("UNREADABLE: {what}")]);
    let bytes = match read(file) {
        Ok(bytes) => bytes,
        Err(e) => return unreadable(format!("{}: {e}", file.display())),
    };
    let mut notes = Vec::new();
    let key_set = match keys {
        None => {
            notes.push("  keys: none given (--keys): Origo signatures cannot be checked".to_owned());
            KeySet::empty()
        }
        Some(path) => {
            match read(path).map_err(|e| e.to_string()).and_then(|b| KeySet::from_json(&b).map_err(|e| e.to_string())) {
                Ok(set) => set,
                Err(e) => return unreadable(format!("key set {}: {e}", path.display())),
            }
        }
    };
    let status_list = match status.map(|path| load_status(path, &key_set).map_err(|e| (path, e))).transpose() {
        Ok(loaded) => loaded.map(|(list, note)| {
            notes.extend(note);
            list
        }),
        Err((path, e)) => return unreadable(format!("status list {}: {e}", path.display())),
    };

    match verify(&bytes, &key_set, status_list.as_ref()) {
        Ok(verified) => {
            let mut lines = describe(&verified, &key_set);
            if matches!(verified.kind, VerifiedKind::OpenAttestation(_)) {
                // OpenAttestation needs no Origo keys; the note about missing ones would only confuse.
                notes.retain(|n| !n.starts_with("  keys:"));
            }
            lines.extend(notes);
            (VALID, lines)
        }
        Err(error) => {
            let (code, label) = match error.failure() {
                Failure::Unreadable => (UNREADABLE, "UNREADABLE"),
                Failure::Tampered => (INVALID, "INVALID (tampered)"),
                Failure::UnknownKey => (INVALID, "INVALID (unknown key)"),
                Failure::KeyNotValidOnSigningDate => (INVALID, "INVALID (key not valid at the signing date)"),
                Failure::Revoked => (INVALID, "INVALID (revoked)"),
                Failure::Replaced => (INVALID, "INVALID (replaced)"),
            };
            let mut lines = vec![format!("{label}: {error}")];
            lines.extend(notes);
            (code, lines)
        }
    }
}

fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(path)
    }
}

/// A status list, plain or as a signed document; a signed one must verify with the key set, since a forged list
/// could hide a revocation. Returns a note when the list is unsigned.
fn load_status(path: &Path, keys: &KeySet) -> Result<(StatusList, Option<String>), String> {
    let bytes = read(path).map_err(|e| e.to_string())?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| format!("not JSON: {e}"))?;
    if value.get("document").is_some() && value.get("signature").is_some() {
        let signed: SignedDocument = serde_json::from_value(value).map_err(|e| e.to_string())?;
        signed.verify(keys).map_err(|e| format!("its signature does not verify: {e}"))?;
        let list = serde_json::from_value(signed.document).map_err(|e| format!("not an origo-status/1 list: {e}"))?;
        Ok((list, None))
    } else {
        let list = serde_json::from_value(value).map_err(|e| format!("not an origo-status/1 list: {e}"))?;
        Ok((list, Some("  note: the status list is not signed; it was taken as given".to_owned())))
    }
}

fn describe(verified: &Verified, keys: &KeySet) -> Vec<String> {
    let number = verified.number.as_ref().map(|n| format!(", certificate {n}")).unwrap_or_default();
    let mut lines = vec![match &verified.kind {
        VerifiedKind::SignedDocument => format!("VALID: Origo signed document{number}"),
        VerifiedKind::Disclosure { .. } => format!("VALID: Origo signed disclosure{number}"),
        VerifiedKind::QrPayload => format!("VALID: Origo QR payload{number}"),
        VerifiedKind::OpenAttestation(version) => {
            let version = match version {
                OaVersion::V2 => "v2",
                OaVersion::V3 => "v3",
            };
            format!("VALID: OpenAttestation {version} document (integrity only)")
        }
    }];
    lines.push(match &verified.kind {
        VerifiedKind::SignedDocument => "  integrity: every field is covered by the signature".to_owned(),
        VerifiedKind::Disclosure { hidden } => {
            format!("  integrity: the visible fields are covered by the signature; {hidden} field(s) hidden")
        }
        VerifiedKind::QrPayload => {
            "  integrity: the certificate core in the QR code is covered by the signature".to_owned()
        }
        VerifiedKind::OpenAttestation(_) => "  integrity: field hashes, target hash and Merkle proof intact".to_owned(),
    });
    match &verified.issuer {
        IssuerCheck::Signed { issuer, key_id, signed_on } => {
            let period = keys.get(key_id).map(|k| {
                let end = k.not_after.map_or_else(|| "no end date".to_owned(), |d| d.to_string());
                format!(" (key valid {} to {end})", k.not_before)
            });
            lines.push(format!("  signed by: {issuer}, key {key_id}, on {signed_on}{}", period.unwrap_or_default()));
        }
        IssuerCheck::NotCheckedOffline { claimed } => {
            lines.push("  issuer: NOT checked (needs the network: document store, DNS or DID)".to_owned());
            for issuer in claimed {
                let parts: Vec<&str> = [&issuer.name, &issuer.identity_proof, &issuer.anchor]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect();
                lines.push(format!("    claims: {}", parts.join("; ")));
            }
        }
    }
    lines.push(match &verified.status {
        StatusCheck::NoList => "  status: not checked (no --status list given)".to_owned(),
        StatusCheck::NotListed { list_issued_on } => {
            format!("  status: not revoked or replaced as of the status list of {list_issued_on}")
        }
        StatusCheck::NoNumber => "  status: not checked (no Origo certificate number visible to look up)".to_owned(),
    });
    lines.extend(summary(&verified.content));
    lines
}

/// A few lines about the content: kind, parties, goods. Reads both the certificate shape and the QR shape.
fn summary(content: &Value) -> Vec<String> {
    let text =
        |pointers: &[&str]| pointers.iter().find_map(|p| content.pointer(p).and_then(Value::as_str)).map(str::to_owned);
    let mut lines = Vec::new();
    if let Some(kind) = text(&["/kind", "/t"]) {
        lines.push(format!("  kind: {kind}"));
    }
    if let Some(exporter) = text(&["/exporter/name", "/e/n"]) {
        lines.push(format!("  exporter: {exporter}"));
    }
    if let Some(consignee) = text(&["/consignee/name", "/c/n"]) {
        lines.push(format!("  consignee: {consignee}"));
    }
    if let (Some(origin), Some(to)) = (text(&["/country_of_origin", "/o"]), text(&["/importing_country", "/m"])) {
        lines.push(format!("  origin {origin}, importing country {to}"));
    }
    let items = content.get("items").or_else(|| content.get("g")).and_then(Value::as_array);
    if let Some(items) = items {
        lines.push(format!("  goods: {} item(s)", items.len()));
        for item in items {
            let line = match item {
                Value::Array(parts) => parts.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" "),
                Value::Object(_) => {
                    let hs = item.get("hs_code").and_then(Value::as_str).unwrap_or("(hidden)");
                    let description = item.get("description").and_then(Value::as_str).unwrap_or("");
                    let criterion = item.get("origin_criterion").and_then(Value::as_str).unwrap_or("");
                    format!("{hs} {criterion} {description}").split_whitespace().collect::<Vec<_>>().join(" ")
                }
                _ => "(hidden)".to_owned(),
            };
            lines.push(format!("    {line}"));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use origo_documents::certificate::Certificate;
    use origo_documents::signing::{sign_certificate, sign_document};
    use origo_documents::status::{StatusChange, StatusEntry};
    use origo_documents::{Date, Signer};

    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn certificate() -> Certificate {
        serde_json::from_value(serde_json::json!({
            "kind": "ct1",
            "number": "UZ-2026-000123",
            "issuing_body": {"name": "Uzbekexpertiza", "country": "UZ"},
            "exporter": {"name": "Chirchiq Textile Mill LLC", "address": "Chirchiq", "country": "UZ"},
            "consignee": {"name": "Almaty Trade House LLP", "address": "Almaty", "country": "KZ"},
            "items": [{
                "item_number": 1, "marks": "CTM/1", "packages": {"count": 40, "kind": "cartons"},
                "description": "Men's T-shirts of cotton, knitted", "hs_code": "610910",
                "origin_criterion": "W 61.09", "quantity": {"value": "1200", "unit": "PCE"}
            }],
            "country_of_origin": "UZ",
            "importing_country": "KZ",
            "certification": {"place": "Tashkent", "date": "2026-03-14", "officer": "A. Yusupov"},
            "status": "valid"
        }))
        .unwrap()
    }

    struct Files {
        dir: tempfile::TempDir,
    }

    impl Files {
        fn new() -> Files {
            Files { dir: tempfile::tempdir().unwrap() }
        }

        fn write(&self, name: &str, bytes: &[u8]) -> std::path::PathBuf {
            let path = self.dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        }
    }

    fn issuer() -> (Signer, KeySet) {
        let signer = Signer::from_secret_bytes("uzx-2026-1".parse().unwrap(), &[7; 32]);
        let keys = KeySet::new("Uzbekexpertiza", vec![signer.published(date("2026-01-01"), Some(date("2026-12-31")))])
            .unwrap();
        (signer, keys)
    }

    #[test]
    fn valid_invalid_and_unreadable() {
        let files = Files::new();
        let (signer, keys) = issuer();
        let signed = sign_certificate(&certificate(), &signer, date("2026-03-14")).unwrap();
        let doc = files.write("cert.json", &serde_json::to_vec_pretty(&signed).unwrap());
        let key_file = files.write("keys.json", &serde_json::to_vec_pretty(&keys).unwrap());

        let (code, lines) = verdict(&doc, Some(&key_file), None);
        assert_eq!(code, VALID, "{lines:?}");
        assert_eq!(lines[0], "VALID: Origo signed document, certificate UZ-2026-000123");
        assert!(lines.iter().any(|l| l.contains("key uzx-2026-1, on 2026-03-14 (key valid 2026-01-01 to 2026-12-31)")));
        assert!(lines.iter().any(|l| l == "    610910 W 61.09 Men's T-shirts of cotton, knitted"));

        let tampered = String::from_utf8(std::fs::read(&doc).unwrap()).unwrap().replace("1200", "1300");
        let tampered = files.write("tampered.json", tampered.as_bytes());
        let (code, lines) = verdict(&tampered, Some(&key_file), None);
        assert_eq!(code, INVALID);
        assert!(lines[0].starts_with("INVALID (tampered): the signature does not match"), "{lines:?}");

        let (code, lines) = verdict(&doc, None, None);
        assert_eq!(code, INVALID);
        assert!(lines[0].starts_with("INVALID (unknown key)"), "{lines:?}");

        let late = sign_document(serde_json::json!({"note": 1}), &signer, date("2027-02-01")).unwrap();
        let late = files.write("late.json", &serde_json::to_vec(&late).unwrap());
        assert_eq!(verdict(&late, Some(&key_file), None).0, INVALID);

        assert_eq!(verdict(&files.write("junk.txt", b"hello"), Some(&key_file), None).0, UNREADABLE);
        assert_eq!(verdict(&files.dir.path().join("missing.json"), Some(&key_file), None).0, UNREADABLE);
        assert_eq!(verdict(&doc, Some(&files.write("bad-keys.json", b"{}")), None).0, UNREADABLE);
    }

    #[test]
    fn status_lists_plain_or_signed() {
        let files = Files::new();
        let (signer, keys) = issuer();
        let signed = sign_certificate(&certificate(), &signer, date("2026-03-14")).unwrap();
        let doc = files.write("cert.json", &serde_json::to_vec(&signed).unwrap());
        let key_file = files.write("keys.json", &serde_json::to_vec(&keys).unwrap());

        let mut list = StatusList::new("Uzbekexpertiza", date("2026-05-01"));
        let plain = files.write("status.json", &serde_json::to_vec(&list).unwrap());
        let (code, lines) = verdict(&doc, Some(&key_file), Some(&plain));
        assert_eq!(code, VALID);
        assert!(lines.iter().any(|l| l.contains("as of the status list of 2026-05-01")));
        assert!(lines.iter().any(|l| l.contains("not signed")));

        list.entries.push(StatusEntry {
            number: "UZ-2026-000123".parse().unwrap(),
            status: StatusChange::Revoked,
            date: date("2026-04-02"),
            reason: "origin not confirmed".into(),
            replaced_by: None,
        });
        let signed_list = sign_document(serde_json::to_value(&list).unwrap(), &signer, date("2026-05-01")).unwrap();
        let signed_list = files.write("status-signed.json", &serde_json::to_vec(&signed_list).unwrap());
        let (code, lines) = verdict(&doc, Some(&key_file), Some(&signed_list));
        assert_eq!(code, INVALID);
        assert_eq!(
            lines[0],
            "INVALID (revoked): certificate UZ-2026-000123 was revoked on 2026-04-02: origin not confirmed"
        );

        // A signed list that was altered (the revocation removed) is refused, not trusted.
        let mut forged: Value = serde_json::from_slice(&std::fs::read(&signed_list).unwrap()).unwrap();
        forged["document"]["entries"] = serde_json::json!([]);
        let forged = files.write("status-forged.json", &serde_json::to_vec(&forged).unwrap());
        assert_eq!(verdict(&doc, Some(&key_file), Some(&forged)).0, UNREADABLE);
    }

    #[test]
    fn openattestation_integrity_only() {
        let vector = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/openattestation/vectors/v2/obfuscated-wrapped.json");
        let (code, lines) = verdict(&vector, None, None);
        assert_eq!(code, VALID, "{lines:?}");
        assert_eq!(lines[0], "VALID: OpenAttestation v2 document (integrity only)");
        assert!(lines.iter().any(|l| l.starts_with("  issuer: NOT checked")));
        assert!(lines.iter().any(|l| l.contains("Demo Issuer; DNS-TXT demo-tradetrust.openattestation.com")));
    }
}
