//! ISO 3166-1 alpha-2 country codes, for validating exporting countries and material origins.

use std::str::FromStr;

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code (upper case).
pub fn is_iso_alpha2(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) && celes::Country::from_alpha2(code).is_ok()
        || (code == "XK") // Kosovo: user-assigned, used by customs administrations and in the UK schemes
}

/// The English short name of a country, for the trace.
pub fn name(code: &str) -> Option<String> {
    celes::Country::from_str(code).ok().map(|c| c.long_name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert!(is_iso_alpha2("UZ"));
        assert!(is_iso_alpha2("CN"));
        assert!(!is_iso_alpha2("uz"));
        assert!(!is_iso_alpha2("ZZ"));
        assert!(!is_iso_alpha2("UZB"));
    }
}
