//! RFC 8785 examples and properties of the canonical form.

use origo_documents::canonical::{CanonicalError, es6_number_string, to_string_exact, to_vec, to_vec_exact};
use proptest::prelude::*;
use serde_json::{Value, json};

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn rfc8785_section_3_2_2_example() {
    let input = parse(
        r#"{
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }"#,
    );
    let expected = r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#;
    assert_eq!(String::from_utf8(to_vec(&input).unwrap()).unwrap(), expected);
    // Section 3.2.4 prints the UTF-8 bytes: the euro sign is literal (e2 82 ac), U+000F is written \u000f.
    let bytes = to_vec(&input).unwrap();
    let euro = [0x22, 0xe2, 0x82, 0xac, 0x24, 0x5c, 0x75, 0x30, 0x30, 0x30, 0x66];
    assert!(bytes.windows(euro.len()).any(|w| w == euro));
}

#[test]
fn rfc8785_section_3_2_3_sorting_by_utf16_code_units() {
    let input = parse(
        r#"{
          "\u20ac": "Euro Sign",
          "\r": "Carriage Return",
          "\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\ud83d\ude00": "Emoji: Grinning Face",
          "\u0080": "Control",
          "\u00f6": "Latin Small Letter O With Diaeresis"
        }"#,
    );
    let expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\"\u{f6}\":\"Latin Small Letter O With \
                    Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\"\u{1f600}\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew \
                    Letter Dalet With Dagesh\"}";
    assert_eq!(String::from_utf8(to_vec(&input).unwrap()).unwrap(), expected);
}

#[test]
fn rfc8785_appendix_b_numbers() {
    let table = [
        (0x0000000000000000u64, "0"),
        (0x8000000000000000, "0"),
        (0x0000000000000001, "5e-324"),
        (0x8000000000000001, "-5e-324"),
        (0x7fefffffffffffff, "1.7976931348623157e+308"),
        (0xffefffffffffffff, "-1.7976931348623157e+308"),
        (0x4340000000000000, "9007199254740992"),
        (0xc340000000000000, "-9007199254740992"),
        (0x4430000000000000, "295147905179352830000"),
        (0x44b52d02c7e14af5, "9.999999999999997e+22"),
        (0x44b52d02c7e14af6, "1e+23"),
        (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
        (0x444b1ae4d6e2ef4e, "999999999999999700000"),
        (0x444b1ae4d6e2ef4f, "999999999999999900000"),
        (0x444b1ae4d6e2ef50, "1e+21"),
        (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
        (0x3eb0c6f7a0b5ed8d, "0.000001"),
        (0x41b3de4355555553, "333333333.3333332"),
        (0x41b3de4355555554, "333333333.33333325"),
        (0x41b3de4355555555, "333333333.3333333"),
        (0x41b3de4355555556, "333333333.3333334"),
        (0x41b3de4355555557, "333333333.33333343"),
        (0xbecbf647612f3696, "-0.0000033333333333333333"),
        (0x43143ff3c1cb0959, "1424953923781206.2"),
    ];
    for (bits, expected) in table {
        assert_eq!(es6_number_string(f64::from_bits(bits)).as_deref(), Some(expected), "{bits:016x}");
    }
    for bits in [0x7fffffffffffffffu64, 0x7ff0000000000000, 0xfff0000000000000] {
        assert_eq!(es6_number_string(f64::from_bits(bits)), None, "{bits:016x}");
    }
}

#[test]
fn numbers_keep_their_text_until_canonicalised() {
    // With arbitrary_precision the digits survive parsing (serde_json only normalises the exponent's spelling);
    // canonical output rewrites them the ECMAScript way.
    let value = parse(r#"[1.0, -0, 1e2, 0.1, 100, 1E-7, 12345678901234567890]"#);
    assert_eq!(value.to_string(), "[1.0,-0,1e+2,0.1,100,1e-7,12345678901234567890]");
    assert_eq!(String::from_utf8(to_vec(&value).unwrap()).unwrap(), "[1,0,100,0.1,100,1e-7,12345678901234567000]");
}

#[test]
fn exact_policy_refuses_numbers_a_double_would_change() {
    assert_eq!(
        to_string_exact(&parse("[4.50, 1E30, 2e-3, 0.1, 9007199254740992]")).unwrap(),
        "[4.5,1e+30,0.002,0.1,9007199254740992]"
    );
    for (text, canonical) in [
        ("333333333.33333329", "333333333.3333333"),
        ("9007199254740993", "9007199254740992"),
        ("12345678901234567890", "12345678901234567000"),
        ("1e-400", "0"),
        ("0.10000000000000000001", "0.1"),
    ] {
        let err = to_vec_exact(&parse(&format!(r#"{{"a": [{text}]}}"#))).unwrap_err();
        assert_eq!(
            err,
            CanonicalError::InexactNumber { path: "/a/0".into(), text: text.into(), canonical: canonical.into() }
        );
    }
}

#[test]
fn non_finite_numbers_are_refused() {
    let value = parse(r#"{"x": {"y~/z": 1e400}}"#);
    let expected = CanonicalError::NonFinite { path: "/x/y~0~1z".into(), text: "1e+400".into() };
    assert_eq!(to_vec(&value).unwrap_err(), expected);
    assert_eq!(to_vec_exact(&value).unwrap_err(), expected);
}

#[test]
fn strings_escape_only_what_jcs_escapes() {
    let value = json!("\u{7f}\u{2028}\u{1f}\t\u{8}\u{c}é/<");
    assert_eq!(String::from_utf8(to_vec(&value).unwrap()).unwrap(), "\"\u{7f}\u{2028}\\u001f\\t\\b\\fé/<\"");
}

/// Arbitrary JSON without numbers that a double would change (integers in the safe range, short decimals).
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-(1i64 << 53)..(1i64 << 53)).prop_map(Value::from),
        (-1_000_000i64..1_000_000, 0u32..4)
            .prop_map(|(n, scale)| parse(&rust_decimal::Decimal::new(n, scale).to_string())),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("\\PC{0,6}", inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn canonical_form_is_a_fixed_point_and_parses_back(value in json_value()) {
        let once = to_vec_exact(&value).unwrap();
        let reparsed: Value = serde_json::from_slice(&once).unwrap();
        prop_assert_eq!(to_vec_exact(&reparsed).unwrap(), once.clone());
        prop_assert_eq!(to_vec(&value).unwrap(), once);
    }

    #[test]
    fn es6_numbers_round_trip(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        let text = es6_number_string(x).unwrap();
        let back: f64 = text.parse().unwrap();
        prop_assert!(back == x, "{} -> {} -> {}", x, text, back);
    }
}
