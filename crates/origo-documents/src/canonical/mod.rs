//! RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes that get hashed and signed.
//!
//! Written here rather than taken from a crate because the workspace turns on serde_json's `arbitrary_precision`:
//! a `Number` then keeps its digits as written (serde_json only normalises the exponent to `e+N`/`e-N`) and
//! serialises through a private map, which serialiser-based JCS crates emit as an object instead of a number.
//! Working on the `Value` tree directly avoids that.
//!
//! Two number policies:
//! - [`to_vec`] is RFC 8785 to the letter: a number is read as an IEEE-754 double and written the ECMAScript way,
//!   so `333333333.33333329` becomes `333333333.3333333`.
//! - [`to_vec_exact`] is what signatures and hashes use: it refuses a number whose canonical form would denote a
//!   different decimal than its text (precision beyond a double, or an underflow to zero). Otherwise two documents
//!   with different numbers could share one signature. `4.50`, `1E30` and `0.1` pass (the canonical `4.5`,
//!   `1e+30`, `0.1` are the same decimals); `9007199254740993` does not. Money and quantities belong in decimal
//!   strings anyway; this guard catches the ones that slip through as numbers.

mod number;

pub use number::{es6_number_string, number_text};

use serde_json::Value;

/// Why a value has no canonical form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CanonicalError {
    /// The number is not finite as a double (`1e400`); JSON text can hold it with `arbitrary_precision`, JCS cannot.
    #[error("number `{text}` at `{path}` is not a finite IEEE-754 double")]
    NonFinite {
        /// JSON Pointer of the number.
        path: String,
        /// The number as written.
        text: String,
    },
    /// The number would change value when written canonically; write it as a decimal string instead.
    #[error(
        "number `{text}` at `{path}` is not exact as a double (canonical form `{canonical}`): use a decimal string"
    )]
    InexactNumber {
        /// JSON Pointer of the number.
        path: String,
        /// The number as written.
        text: String,
        /// What RFC 8785 would write for it.
        canonical: String,
    },
}

impl CanonicalError {
    // Errors are raised at the leaf and gain their path while unwinding, so the happy path builds no strings.
    fn under(mut self, segment: &str) -> CanonicalError {
        let escaped = segment.replace('~', "~0").replace('/', "~1");
        match &mut self {
            CanonicalError::NonFinite { path, .. } | CanonicalError::InexactNumber { path, .. } => {
                *path = format!("/{escaped}{path}");
            }
        }
        self
    }
}

/// How numbers are treated; see the module documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Numbers {
    Ieee,
    Exact,
}

/// RFC 8785 canonical bytes of `value`, numbers as IEEE-754 doubles.
pub fn to_vec(value: &Value) -> Result<Vec<u8>, CanonicalError> {
    let mut out = Vec::new();
    write_value(&mut out, value, Numbers::Ieee)?;
    Ok(out)
}

/// RFC 8785 canonical bytes of `value`, refusing numbers that the canonical form would change. Used for everything
/// that is signed or hashed.
pub fn to_vec_exact(value: &Value) -> Result<Vec<u8>, CanonicalError> {
    let mut out = Vec::new();
    write_value(&mut out, value, Numbers::Exact)?;
    Ok(out)
}

/// [`to_vec_exact`] as a string (canonical JSON is always UTF-8).
pub fn to_string_exact(value: &Value) -> Result<String, CanonicalError> {
    let bytes = to_vec_exact(value)?;
    Ok(String::from_utf8(bytes).expect("canonical JSON is built from str and ASCII only"))
}

fn write_value(out: &mut Vec<u8>, value: &Value, numbers: Numbers) -> Result<(), CanonicalError> {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => out.extend_from_slice(number_text(n, numbers == Numbers::Exact)?.as_bytes()),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(out, item, numbers).map_err(|e| e.under(&i.to_string()))?;
            }
            out.push(b']');
        }
        Value::Object(map) => {
            // RFC 8785 3.2.3: members sorted by the UTF-16 code units of their names. serde_json's map orders by
            // UTF-8 bytes, which differs for names mixing astral characters with U+E000..U+FFFF, so sort here.
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            out.push(b'{');
            for (i, (name, member)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(out, name);
                out.push(b':');
                write_value(out, member, numbers).map_err(|e| e.under(name))?;
            }
            out.push(b'}');
        }
    }
    Ok(())
}

/// A JSON string the RFC 8785 (and ECMAScript `JSON.stringify`) way: only `"`, `\` and C0 controls are escaped,
/// with the two-character forms where they exist and lowercase `\u00xx` otherwise; everything else is literal UTF-8.
pub(crate) fn write_string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\u{08}' => out.extend_from_slice(b"\\b"),
            '\u{0c}' => out.extend_from_slice(b"\\f"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            c if u32::from(c) < 0x20 => out.extend_from_slice(format!("\\u{:04x}", u32::from(c)).as_bytes()),
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'"');
}
