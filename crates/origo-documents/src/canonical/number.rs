//! Numbers the ECMAScript way (RFC 8785 3.2.2.3 refers to `Number.prototype.toString`), and the exactness check.

use serde_json::Number;

use super::CanonicalError;

/// The canonical text of a JSON number. With `exact`, refuses a number whose canonical form denotes another decimal.
///
/// Works from the number's text: with `arbitrary_precision` that is the text as written, so `1e400` or
/// `0.10000000000000000001` are seen for what they are instead of being rounded silently.
pub fn number_text(n: &Number, exact: bool) -> Result<String, CanonicalError> {
    let text = n.to_string();
    let double: f64 =
        text.parse().map_err(|_| CanonicalError::NonFinite { path: String::new(), text: text.clone() })?;
    let canonical = es6_number_string(double)
        .ok_or_else(|| CanonicalError::NonFinite { path: String::new(), text: text.clone() })?;
    if exact && decimal_key(&text) != decimal_key(&canonical) {
        return Err(CanonicalError::InexactNumber { path: String::new(), text, canonical });
    }
    Ok(canonical)
}

/// ECMAScript `Number.prototype.toString()` of a double (ECMA-262 Number::toString, radix 10); `None` for NaN and
/// the infinities, which JSON cannot carry.
pub fn es6_number_string(value: f64) -> Option<String> {
    if !value.is_finite() {
        return None;
    }
    if value == 0.0 {
        // Both zeros print as "0".
        return Some("0".to_owned());
    }
    // ECMAScript wants the fewest digits k that round-trip and, among k-digit candidates that round-trip, the one
    // closest to the value, ties to the even digit. Rust's `{:e}` gives the fewest digits but may break a tie the
    // other way (0x43143ff3c1cb0959 is ...206.25 exactly: Rust writes ...206.3, ECMAScript ...206.2). Rust's
    // fixed-precision formatting is exact with ties to even, so redo the k digits that way and keep them when they
    // still round-trip.
    let shortest = format!("{:e}", value.abs());
    let k = shortest.split_once('e').expect("`{:e}` always writes an exponent").0.replace('.', "").len();
    let nearest = format!("{:.*e}", k - 1, value.abs());
    let scientific = if nearest.parse::<f64>() == Ok(value.abs()) { nearest } else { shortest };
    let (mantissa, exponent) = scientific.split_once('e').expect("`{:e}` always writes an exponent");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let digits = match digits.trim_end_matches('0') {
        "" => "0".to_owned(),
        trimmed => trimmed.to_owned(),
    };
    let k = digits.len() as i64;
    // ECMAScript's n: the value is 0.d1d2...dk x 10^n.
    let n = exponent.parse::<i64>().expect("`{:e}` writes a decimal exponent") + 1;

    let mut out = String::new();
    if value < 0.0 {
        out.push('-');
    }
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if n > 0 { '+' } else { '-' });
        out.push_str(&(n - 1).abs().to_string());
    }
    Some(out)
}

/// The decimal a JSON number text denotes, as (negative, significant digits, power of ten of the last digit), with
/// leading and trailing zeros removed so that equal decimals give equal keys. Zero is `(false, "", 0)` whatever its
/// sign. `None` when the exponent does not fit (such a number is not finite or not exact as a double anyway).
fn decimal_key(text: &str) -> Option<(bool, String, i64)> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.strip_prefix('+').unwrap_or(e).parse::<i64>().ok()?),
        None => (unsigned, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: String = int_part.chars().chain(frac_part.chars()).collect();
    let mut power = exponent.checked_sub(i64::try_from(frac_part.len()).ok()?)?;
    let trimmed_start = all.trim_start_matches('0');
    let significant = trimmed_start.trim_end_matches('0');
    if significant.is_empty() {
        return Some((false, String::new(), 0));
    }
    power = power.checked_add(i64::try_from(trimmed_start.len() - significant.len()).ok()?)?;
    Some((negative, significant.to_owned(), power))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_keys_compare_values_not_spellings() {
        assert_eq!(decimal_key("4.50"), decimal_key("4.5"));
        assert_eq!(decimal_key("1E30"), decimal_key("1e+30"));
        assert_eq!(decimal_key("2e-3"), decimal_key("0.002"));
        assert_eq!(decimal_key("-0"), decimal_key("0.000"));
        assert_eq!(decimal_key("100"), Some((false, "1".to_owned(), 2)));
        assert_ne!(decimal_key("333333333.33333329"), decimal_key("333333333.3333333"));
        assert_ne!(decimal_key("-1"), decimal_key("1"));
        assert_eq!(decimal_key("1e99999999999999999999"), None);
    }
}
