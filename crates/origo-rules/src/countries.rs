//! ISO 3166-1 alpha-2 country codes: validation, names, and a compact set for the pack's country lists.

use std::str::FromStr;

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code (upper case).
pub fn is_iso_alpha2(code: &str) -> bool {
    // Kosovo (XK) is user-assigned, but customs administrations and the UK schemes use it.
    code == "XK"
        || (code.len() == 2
            && code.bytes().all(|b| b.is_ascii_uppercase())
            && celes::Country::from_alpha2(code).is_ok())
}

/// The English short name of a country, for the trace.
pub fn name(code: &str) -> Option<String> {
    celes::Country::from_str(code).ok().map(|c| c.long_name.to_string())
}

/// A set of two-letter codes as a bitset of the 676 possible codes: the engine asks it for every material, and
/// hashing strings was measurable.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CountrySet {
    bits: [u64; 11],
    len: usize,
}

fn slot(code: &str) -> Option<usize> {
    match code.as_bytes() {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => Some(usize::from(a - b'A') * 26 + usize::from(b - b'A')),
        _ => None,
    }
}

impl CountrySet {
    /// Adds a code; anything but two upper-case letters is ignored (validated elsewhere).
    pub fn insert(&mut self, code: &str) {
        if let Some(i) = slot(code)
            && self.bits[i / 64] & (1 << (i % 64)) == 0
        {
            self.bits[i / 64] |= 1 << (i % 64);
            self.len += 1;
        }
    }

    pub fn contains(&self, code: &str) -> bool {
        slot(code).is_some_and(|i| self.bits[i / 64] & (1 << (i % 64)) != 0)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl<S: AsRef<str>> FromIterator<S> for CountrySet {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> CountrySet {
        let mut set = CountrySet::default();
        for code in iter {
            set.insert(code.as_ref());
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert!(is_iso_alpha2("UZ"));
        assert!(is_iso_alpha2("CN"));
        assert!(is_iso_alpha2("XK"));
        assert!(!is_iso_alpha2("uz"));
        assert!(!is_iso_alpha2("ZZ"));
        assert!(!is_iso_alpha2("UZB"));
    }

    #[test]
    fn country_set_membership() {
        let set: CountrySet = ["UZ", "AA", "ZZ", "UZ", "de"].into_iter().collect();
        assert_eq!(set.len(), 3);
        assert!(set.contains("UZ") && set.contains("AA") && set.contains("ZZ"));
        assert!(!set.contains("DE") && !set.contains("de") && !set.contains("U"));
    }
}
