//! Byte encodings used on the wire: unpadded base64url for keys, salts and signatures, lowercase hex for hashes.
//!
//! Decoding is strict (no padding, no stray trailing bits, exact lengths) so that each byte string has exactly one
//! text form; a signature that decodes from two spellings would let a copy differ from the original unnoticed.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Unpadded base64url text of `bytes`.
pub fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The bytes of unpadded base64url text; `None` for anything else (padding, `+/`, whitespace, trailing bits).
pub fn from_b64url(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

/// Exactly `N` bytes from unpadded base64url text.
pub fn from_b64url_array<const N: usize>(text: &str) -> Option<[u8; N]> {
    from_b64url(text)?.try_into().ok()
}

/// Lowercase hex text of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Exactly `N` bytes from hex text (either case, no prefix).
pub fn from_hex_array<const N: usize>(text: &str) -> Option<[u8; N]> {
    let bytes = text.as_bytes();
    if bytes.len() != 2 * N {
        return None;
    }
    let nibble = |c: u8| char::from(c).to_digit(16).map(|d| d as u8);
    let mut out = [0u8; N];
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        out[i] = nibble(pair[0])? << 4 | nibble(pair[1])?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_variants() {
        let bytes = [0xfbu8, 0xff, 0x00, 0x10];
        assert_eq!(b64url(&bytes), "-_8AEA");
        assert_eq!(from_b64url("-_8AEA").unwrap(), bytes);
        assert!(from_b64url("-_8AEA==").is_none());
        assert!(from_b64url("+/8AEA").is_none());
        // "-_8AEB" has a non-zero trailing bit: another spelling of the same bytes must not decode.
        assert!(from_b64url("-_8AEB").is_none());
        assert_eq!(hex(&bytes), "fbff0010");
        assert_eq!(from_hex_array::<4>("FBff0010"), Some(bytes));
        assert_eq!(from_hex_array::<4>("fbff001"), None);
        assert_eq!(from_hex_array::<4>("fbff001g"), None);
    }
}
