//! Which language a request gets: `?lang=` (which the page layer then remembers in the `origo_lang` cookie), else
//! the cookie, else the browser's `Accept-Language`, else Uzbek.

use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;

use super::Lang;
use crate::extract::cookie;

/// The cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "origo_lang";

/// The value of `lang` in a query string, when it names one of the languages.
pub fn from_query(query: Option<&str>) -> Option<Lang> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(name, _)| name == "lang")
        .and_then(|(_, value)| Lang::parse(&value))
}

/// The best of the languages for an `Accept-Language` header: the highest weight wins, the earlier on a tie;
/// `uz-Latn-UZ` counts as `uz` (the primary subtag decides), `*` and weight 0 count for nothing.
pub fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(Lang, u16)> = None;
    for range in header.split(',') {
        let mut parts = range.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let weight = parts
            .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
            .map(quality)
            .next()
            .unwrap_or(1000);
        let primary = tag.split('-').next().unwrap_or("");
        let Some(lang) = Lang::parse(primary) else { continue };
        if weight > 0 && best.is_none_or(|(_, w)| weight > w) {
            best = Some((lang, weight));
        }
    }
    best.map(|(lang, _)| lang)
}

/// An RFC 9110 weight (`0` to `1` with up to three decimals) in thousandths; malformed is 0.
fn quality(text: &str) -> u16 {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return 0;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().unwrap_or(0);
    match whole {
        "1" if thousandths == 0 => 1000,
        "0" => thousandths,
        _ => 0,
    }
}

/// The language of a request, and whether `?lang=` chose it (then the cookie is set).
pub fn negotiate(query: Option<&str>, headers: &HeaderMap) -> (Lang, bool) {
    if let Some(lang) = from_query(query) {
        return (lang, true);
    }
    let remembered = cookie(headers, LANG_COOKIE).and_then(Lang::parse);
    let accepted = || headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(from_accept_language);
    (remembered.or_else(accepted).unwrap_or(Lang::Uz), false)
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;
    use axum::http::header::COOKIE;

    use super::*;

    #[test]
    fn accept_language_weights_decide() {
        assert_eq!(from_accept_language("ru-RU,ru;q=0.9,en-US;q=0.8"), Some(Lang::Ru));
        assert_eq!(from_accept_language("de-DE, en;q=0.5, ru;q=0.7"), Some(Lang::Ru));
        assert_eq!(from_accept_language("uz-Latn-UZ"), Some(Lang::Uz));
        assert_eq!(from_accept_language("en;q=0, ru;q=0.001"), Some(Lang::Ru));
        assert_eq!(from_accept_language("de, fr;q=0.9, *;q=0.1"), None);
        assert_eq!(from_accept_language("en;q=2, ru;q=0.5"), Some(Lang::Ru), "a weight above 1 is malformed");
        assert_eq!(from_accept_language(""), None);
    }

    #[test]
    fn the_query_wins_then_the_cookie_then_the_header_then_uzbek() {
        let mut headers = HeaderMap::new();
        assert_eq!(negotiate(None, &headers), (Lang::Uz, false));
        headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("en-GB,en;q=0.9"));
        assert_eq!(negotiate(None, &headers), (Lang::En, false));
        headers.insert(COOKIE, HeaderValue::from_static("origo_lang=ru"));
        assert_eq!(negotiate(Some("x=1"), &headers), (Lang::Ru, false));
        assert_eq!(negotiate(Some("number=1&lang=uz"), &headers), (Lang::Uz, true));
        assert_eq!(negotiate(Some("lang=xx"), &headers), (Lang::Ru, false), "an unknown language is ignored");
    }
}
