//! CSRF tokens of the page forms. Every page request that is not GET or HEAD must carry the visitor's token, in the
//! form field [`FIELD`] (urlencoded or multipart body) or the header [`HEADER`] (htmx requests); the page layer
//! ([`super::context`]) checks it before any handler runs and answers a translated 403 page otherwise.
//!
//! - With a session cookie, the token is bound to the session: HMAC-SHA-256 keyed by the session's secret token
//!   (a synchronizer token that needs no server state and no shared secret between server processes).
//! - Without one (the login form), the token is a random nonce signed with the server's [`PageKey`], kept in the
//!   HttpOnly, SameSite=Strict cookie [`COOKIE`] and compared with the form field (signed double submit: a cookie
//!   planted by a sibling host does not verify).
//!
//! Templates include the hidden field with `{% include "partials/csrf.html" %}`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use rand::Rng;
use sha2::{Digest, Sha256};

/// The form field that carries the token.
pub const FIELD: &str = "csrf_token";
/// The header that may carry it instead (htmx: `hx-headers`).
pub const HEADER: &str = "x-csrf-token";
/// The cookie of an anonymous visitor's signed token.
pub const COOKIE: &str = "origo_csrf";

type HmacSha256 = Hmac<Sha256>;

/// The key that signs anonymous visitors' tokens. Random per process by default: servers behind one address
/// should be given the same one ([`PageKey::from_secret`]), or a login form served by one may be refused by another.
#[derive(Clone)]
pub struct PageKey([u8; 32]);

impl std::fmt::Debug for PageKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PageKey(..)")
    }
}

impl Default for PageKey {
    fn default() -> PageKey {
        PageKey::random()
    }
}

impl PageKey {
    /// A fresh random key.
    pub fn random() -> PageKey {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        PageKey(bytes)
    }

    /// A key derived from a secret the servers share (domain-separated, so the secret's other uses are not exposed).
    pub fn from_secret(secret: &[u8]) -> PageKey {
        let mut hash = Sha256::new();
        hash.update(b"origo-page-key/1\0");
        hash.update(secret);
        PageKey(hash.finalize().into())
    }

    fn mac(&self, nonce: &[u8]) -> [u8; 32] {
        keyed(&self.0, &[b"origo-csrf-anonymous/1\0", nonce])
    }
}

fn keyed(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC takes keys of any length: this cannot fail.
    let mut mac = <HmacSha256 as KeyInit>::new_from_slice(key).expect("HMAC accepts any key length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// The token of the forms of a visitor holding the session cookie `session`.
pub fn for_session(session: &str) -> String {
    URL_SAFE_NO_PAD.encode(keyed(session.as_bytes(), &[b"origo-csrf-session/1"]))
}

/// A new signed token for an anonymous visitor: `nonce.mac`.
pub fn new_anonymous(key: &PageKey) -> String {
    let mut nonce = [0u8; 16];
    rand::rng().fill_bytes(&mut nonce);
    format!("{}.{}", URL_SAFE_NO_PAD.encode(nonce), URL_SAFE_NO_PAD.encode(key.mac(&nonce)))
}

/// Whether an anonymous token was signed with `key`.
pub fn anonymous_is_signed(key: &PageKey, token: &str) -> bool {
    let Some((nonce, mac)) = token.split_once('.') else { return false };
    let (Ok(nonce), Ok(mac)) = (URL_SAFE_NO_PAD.decode(nonce), URL_SAFE_NO_PAD.decode(mac)) else { return false };
    nonce.len() == 16 && same(&key.mac(&nonce), &mac)
}

/// Constant-time equality (the length is not secret).
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The token a form submitted with `content_type` carries in `body`: the [`FIELD`] of an urlencoded body, or the
/// part named [`FIELD`] of a multipart one.
pub fn token_in_body(content_type: &str, body: &[u8]) -> Option<String> {
    let media = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match media.as_str() {
        "application/x-www-form-urlencoded" => {
            form_urlencoded::parse(body).find(|(name, _)| name == FIELD).map(|(_, value)| value.into_owned())
        }
        "multipart/form-data" => multipart_field(content_type, body),
        _ => None,
    }
}

/// The value of the multipart part named [`FIELD`]: just enough of RFC 7578 for a short text field.
fn multipart_field(content_type: &str, body: &[u8]) -> Option<String> {
    let boundary = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("boundary="))
        .next()
        .map(|b| b.trim_matches('"'))
        .filter(|b| !b.is_empty())?;
    let delimiter = format!("--{boundary}");
    let text = String::from_utf8_lossy(body);
    let wanted = format!("name=\"{FIELD}\"");
    for part in text.split(delimiter.as_str()) {
        let Some((headers, value)) = part.split_once("\r\n\r\n") else { continue };
        let disposition = headers.lines().find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"));
        if disposition.is_some_and(|d| d.split(';').any(|p| p.trim() == wanted)) {
            return Some(value.strip_suffix("\r\n").unwrap_or(value).to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymous_tokens_verify_only_with_their_key() {
        let key = PageKey::random();
        let token = new_anonymous(&key);
        assert!(anonymous_is_signed(&key, &token));
        assert!(!anonymous_is_signed(&PageKey::random(), &token));
        assert!(!anonymous_is_signed(&key, "AAAAAAAAAAAAAAAAAAAAAA.AAAA"));
        assert!(!anonymous_is_signed(&key, "garbage"));
        assert_ne!(new_anonymous(&key), token, "a new nonce each time");
        let shared = PageKey::from_secret(b"s");
        assert!(anonymous_is_signed(&PageKey::from_secret(b"s"), &new_anonymous(&shared)));
    }

    #[test]
    fn session_tokens_depend_on_the_session() {
        assert_eq!(for_session("abc"), for_session("abc"));
        assert_ne!(for_session("abc"), for_session("abd"));
    }

    #[test]
    fn the_token_is_found_in_urlencoded_and_multipart_bodies() {
        let form = "username=a&csrf_token=t%2Bx&password=b";
        assert_eq!(token_in_body("application/x-www-form-urlencoded", form.as_bytes()).as_deref(), Some("t+x"));
        let multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\
                         Content-Type: application/pdf\r\n\r\n%PDF-1.7 csrf_token\r\n--XyZ\r\n\
                         Content-Disposition: form-data; name=\"csrf_token\"\r\n\r\nTOKEN.1\r\n--XyZ--\r\n";
        let content_type = "multipart/form-data; boundary=XyZ";
        assert_eq!(token_in_body(content_type, multipart.as_bytes()).as_deref(), Some("TOKEN.1"));
        assert_eq!(token_in_body("application/json", b"{\"csrf_token\":\"x\"}"), None);
        assert_eq!(token_in_body("multipart/form-data", multipart.as_bytes()), None, "no boundary");
    }
}
