//! Test tokens, built at run time: no file holds a checksum-valid token (docs/token-formats.md).
//! The check values are computed here independently of the engine (crc32fast, sha2 and
//! data-encoding directly), so a test never checks a value the code under test produced.
#![allow(dead_code)]

use sha2::{Digest, Sha256};

pub const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A deterministic base62 string of `len` characters.
pub fn body(seed: u64, len: usize) -> String {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            BASE62[(state % 62) as usize] as char
        })
        .collect()
}

pub fn base62_check(random: &str) -> String {
    let mut n = u64::from(crc32fast::hash(random.as_bytes()));
    let mut digits = Vec::new();
    for _ in 0..6 {
        digits.push(BASE62[(n % 62) as usize]);
        n /= 62;
    }
    digits.reverse();
    String::from_utf8(digits).unwrap()
}

/// `prefix` (`ghp`, `gho`, `ghu`, `ghr`) + random + check value, from a given random part.
pub fn classic_from(prefix: &str, random: &str) -> String {
    format!("{prefix}_{random}{}", base62_check(random))
}

/// A checksum-valid classic-layout token: 40 characters, 80 for `ghr`.
pub fn classic(prefix: &str, seed: u64) -> String {
    let len = if prefix == "ghr" { 70 } else { 30 };
    classic_from(prefix, &body(seed, len))
}

/// A fine-grained token with the right check value, from its two random parts.
pub fn fine_grained_from(first: &str, second: &str) -> String {
    let head = format!("github_pat_{first}_{}", &second[..43]);
    assert_eq!(head.len(), 77);
    let digest = Sha256::digest(head.as_bytes());
    let check = data_encoding::BASE32.encode(&digest[..5]);
    format!("{head}{check}{}", &second[51..59])
}

pub fn fine_grained(seed: u64) -> String {
    fine_grained_from(&body(seed, 22), &body(seed + 1, 59))
}

/// A token with one character replaced by a different base62 character.
pub fn with_changed_char(token: &str, index: usize, step: usize) -> String {
    let mut bytes = token.as_bytes().to_vec();
    let at = BASE62.iter().position(|&b| b == bytes[index]).unwrap();
    bytes[index] = BASE62[(at + 1 + step % 61) % 62];
    String::from_utf8(bytes).unwrap()
}
