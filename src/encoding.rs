//! Bytes as text, written by hand (a `format!` per byte is slower and costs size): lower-case
//! hex, and percent-encoding's `%XX` escape (RFC 3986 §2.1: two upper-case hex digits).

const LOWER: &[u8; 16] = b"0123456789abcdef";
const UPPER: &[u8; 16] = b"0123456789ABCDEF";

fn push_byte(out: &mut String, byte: u8, digits: &[u8; 16]) {
    out.push(char::from(digits[usize::from(byte >> 4)]));
    out.push(char::from(digits[usize::from(byte & 15)]));
}

/// Bytes as lower-case hex, two digits each.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        push_byte(&mut out, byte, LOWER);
    }
    out
}

/// `byte` percent-escaped (`%2F`), onto `out`.
pub fn push_percent_escaped(out: &mut String, byte: u8) {
    out.push('%');
    push_byte(out, byte, UPPER);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_two_lower_case_digits_a_byte() {
        assert_eq!(hex(&[]), "");
        assert_eq!(hex(&[0, 9, 10, 15, 16, 171, 255]), "00090a0f10abff");
    }

    #[test]
    fn a_percent_escape_is_two_upper_case_digits() {
        let mut out = String::new();
        for byte in [0, 0x2f, 0xab, 0xff] {
            push_percent_escaped(&mut out, byte);
        }
        assert_eq!(out, "%00%2F%AB%FF");
    }
}
