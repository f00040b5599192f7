//! Serde for types whose wire form is their `Display` text and that parse with `FromStr`.
//!
//! Identifiers (certificate numbers, REX numbers, HS codes, criteria, key ids) travel as strings and are checked
//! on the way in, so a document that deserialises is already well formed.

/// Implements `Serialize` through `Display` and `Deserialize` through `FromStr` for the listed types.
macro_rules! serde_as_text {
    ($($ty:ty),+ $(,)?) => {$(
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    )+};
}

pub(crate) use serde_as_text;

/// A unit type that is written as one fixed string and reads only that string: the `format` tag of a wire
/// document (`"origo-keys/1"`). Reading another tag fails, so a file of the wrong kind or a future version is
/// refused at the door instead of half-understood.
macro_rules! format_tag {
    ($(#[$doc:meta])* $name:ident = $tag:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name;

        impl $name {
            /// The tag's text.
            pub const TAG: &'static str = $tag;
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($tag)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                if text == $tag {
                    Ok($name)
                } else {
                    Err(serde::de::Error::custom(format!("format `{text}` is not `{}`", $tag)))
                }
            }
        }
    };
}

pub(crate) use format_tag;

/// `Decimal` as a decimal string, refusing JSON numbers: amounts must not pass through a binary float.
/// (rust_decimal's own `serde::str` needs a feature that would also reach the other crates of the workspace.)
pub(crate) mod decimal {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).map_err(serde::de::Error::custom)
    }

    /// Plain decimal notation only: an optional `-`, digits, optionally `.` and digits. No exponent, no `+`, no
    /// spaces, so the text read is the text kept.
    pub fn parse(text: &str) -> Result<Decimal, String> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
        let plain = !int.is_empty()
            && !frac.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b.is_ascii_digit());
        if !plain {
            return Err(format!("`{text}` is not a decimal string like \"1250.50\""));
        }
        text.parse::<Decimal>().map_err(|e| format!("`{text}`: {e}"))
    }
}

/// `Option<Decimal>` as an optional decimal string.
pub(crate) mod opt_decimal {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => serializer.collect_str(d),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            Some(text) => super::decimal::parse(&text).map(Some).map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}
