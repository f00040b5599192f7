//! Writing decimals into the trace without the formatting machinery: the engine writes a value and a weight for
//! every material, and `Decimal`'s `Display` was the largest single cost of a determination.

use rust_decimal::Decimal;

/// Appends `value` as `Display` would (`-12.50`, `3000`, `0.005`).
pub fn write_decimal(out: &mut String, value: Decimal) {
    let mantissa = value.mantissa();
    let scale = value.scale();
    let digits = mantissa.unsigned_abs();
    if mantissa < 0 {
        out.push('-');
    }
    let mut buffer = itoa::Buffer::new();
    if scale == 0 {
        out.push_str(buffer.format(digits));
        return;
    }
    let divisor = 10u128.pow(scale);
    out.push_str(buffer.format(digits / divisor));
    out.push('.');
    let fraction = buffer.format(digits % divisor);
    for _ in fraction.len()..scale as usize {
        out.push('0');
    }
    out.push_str(fraction);
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    #[test]
    fn writes_what_display_writes() {
        for text in ["0", "3000", "-12.50", "0.005", "1234567.0001", "-0.1", "79228162514264337593543950335", "100.00"]
        {
            let value = Decimal::from_str(text).unwrap();
            let mut out = String::new();
            write_decimal(&mut out, value);
            assert_eq!(out, value.to_string(), "{text}");
        }
    }
}
