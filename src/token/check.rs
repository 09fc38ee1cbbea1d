//! Check values (docs/token-formats.md): the last characters of a token that are computed from the
//! rest, so a mistyped token can be told apart from a real one without asking GitHub.

use crc::{Crc, Table, CRC_32_ISO_HDLC};
use sha2::{Digest, Sha256};

/// CRC-32 (IEEE, as zlib) with one 1 KiB table. A token body is 30 bytes, so the 16 KiB
/// slicing-by-16 tables of faster implementations only cost size in each module that checks.
const CRC32: Crc<u32, Table<1>> = Crc::<u32, Table<1>>::new(&CRC_32_ISO_HDLC);

/// Base62 digits in GitHub's order: digits, then upper case, then lower case.
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Length of the classic check value.
pub const CLASSIC_CHECK_LEN: usize = 6;

/// The classic check value of a body: CRC-32 (IEEE) as an unsigned number in base62,
/// left-padded with `0` to six characters.
pub fn classic_check(body: &[u8]) -> [u8; CLASSIC_CHECK_LEN] {
    let mut rest = u64::from(CRC32.checksum(body));
    let mut out = [b'0'; CLASSIC_CHECK_LEN];
    for digit in out.iter_mut().rev() {
        *digit = BASE62[(rest % 62) as usize];
        rest /= 62;
    }
    out
}

/// Whether a classic-layout token (`ghX_` + body + 6 check characters) carries the right
/// check value. The caller has already checked the prefix and the length.
pub fn classic_check_ok(token: &[u8]) -> bool {
    const PREFIX: usize = 4;
    if token.len() < PREFIX + CLASSIC_CHECK_LEN {
        return false;
    }
    let (rest, check) = token.split_at(token.len() - CLASSIC_CHECK_LEN);
    classic_check(&rest[PREFIX..]) == check
}

/// Where the fine-grained check value sits: chars 77..85 of a 93-character token.
pub const FINE_GRAINED_SIGNED: usize = 77;
pub const FINE_GRAINED_CHECK_LEN: usize = 8;

/// The (undocumented) fine-grained check value: RFC 4648 base32 of SHA-256 of the first 77
/// characters, prefix included, first 8 characters.
pub fn fine_grained_check(signed: &[u8]) -> [u8; FINE_GRAINED_CHECK_LEN] {
    let digest = Sha256::digest(signed);
    // Five bytes are exactly eight base32 characters: 40 bits, five at a time, first bits
    // first (RFC 4648 section 6; no padding is needed for a whole group).
    const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let bits = digest[..5]
        .iter()
        .fold(0u64, |bits, &byte| bits << 8 | u64::from(byte));
    let mut out = [0u8; FINE_GRAINED_CHECK_LEN];
    for (index, char) in out.iter_mut().enumerate() {
        *char = BASE32[(bits >> (35 - 5 * index) & 31) as usize];
    }
    out
}

/// Whether a 93-character fine-grained token carries the expected check value.
pub fn fine_grained_check_ok(token: &[u8]) -> bool {
    let end = FINE_GRAINED_SIGNED + FINE_GRAINED_CHECK_LEN;
    token.len() >= end
        && fine_grained_check(&token[..FINE_GRAINED_SIGNED]) == token[FINE_GRAINED_SIGNED..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_known_answers_from_public_scanner_suites() {
        assert_eq!(&classic_check(b"M7H4jxUDDWHP4kZ6A4dxlQYsQIWJuq"), b"11T4V4");
        // The leading-zero case that broke one public implementation.
        assert_eq!(&classic_check(b"abcdefgh12345678903ZZZZZZZZZZZ"), b"0p5S0Y");
    }

    #[test]
    fn crc32_agrees_with_zlibs_as_computed_by_crc32fast() {
        let mut body = Vec::new();
        for length in 0..=200u32 {
            assert_eq!(
                CRC32.checksum(&body),
                crc32fast::hash(&body),
                "length {length}"
            );
            body.push((length.wrapping_mul(167) % 251) as u8);
        }
        assert_eq!(CRC32.checksum(b"123456789"), 0xCBF4_3926); // the catalogue's check value
    }

    #[test]
    fn base32_agrees_with_the_data_encoding_crate() {
        let mut signed = Vec::new();
        for length in 0..=120u32 {
            let digest = Sha256::digest(&signed);
            let expected = data_encoding::BASE32.encode(&digest[..5]);
            assert_eq!(
                &fine_grained_check(&signed),
                expected.as_bytes(),
                "length {length}"
            );
            signed.push((length.wrapping_mul(89) % 256) as u8);
        }
    }

    #[test]
    fn classic_check_covers_the_whole_u32_range() {
        // 62^6 > 2^32, so six digits always suffice; u32::MAX must not wrap.
        let mut rest = u64::from(u32::MAX);
        let mut digits = 0;
        while rest > 0 {
            rest /= 62;
            digits += 1;
        }
        assert!(digits <= CLASSIC_CHECK_LEN);
    }

    #[test]
    fn fine_grained_known_answer_from_a_public_revoked_token() {
        // Public and already revoked (docs/token-formats.md): the one token literal the project keeps.
        let token = b"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";
        assert_eq!(token.len(), 93);
        assert_eq!(&fine_grained_check(&token[..77]), b"E2PRUI7C");
        assert!(fine_grained_check_ok(token));
    }

    #[test]
    fn short_inputs_fail_instead_of_panicking() {
        assert!(!classic_check_ok(b""));
        assert!(!classic_check_ok(b"ghp_12345"));
        assert!(!fine_grained_check_ok(b"github_pat_"));
    }
}
