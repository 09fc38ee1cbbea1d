//! Finding tokens in a page's text: every string that passes its check value, or its exact
//! shape where the format has no check value. One pass, no backtracking: each byte is looked
//! at a bounded number of times whatever the input.
//!
//! Legacy 40-hex tokens are not looked for: on GitHub's pages they are indistinguishable from
//! the commit hashes that fill them.

use serde::{Deserialize, Serialize};

use super::check::{classic_check_ok, fine_grained_check_ok};
use super::kind::{
    is_base62, is_installation_jwt, Kind, Layout, FINE_GRAINED_LEN, FINE_GRAINED_SEPARATOR,
    FORMATS, SHORT_LEN,
};

/// A token found in text, by byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

fn is_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

fn is_jwt_char(byte: u8) -> bool {
    is_word(byte) || byte == b'.' || byte == b'-'
}

/// Where `needle` first occurs in `text` (a byte offset). The searches PAT Guard makes are
/// for a few short words in bounded text: a scan for the needle's first byte, then a
/// comparison, is quick enough for them and far smaller in each wasm module than the
/// two-way searcher behind `str::find(&str)`. An empty needle is found nowhere.
pub fn find_text(text: &str, needle: &str) -> Option<usize> {
    let (bytes, needle) = (text.as_bytes(), needle.as_bytes());
    let (&first, _) = needle.split_first()?;
    let mut at = 0;
    while let Some(offset) = memchr::memchr(first, &bytes[at..]) {
        let start = at + offset;
        if bytes[start..].starts_with(needle) {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

/// `text` split around the first `needle`: what comes before it and after it.
pub fn split_text<'t>(text: &'t str, needle: &str) -> Option<(&'t str, &'t str)> {
    let at = find_text(text, needle)?;
    Some((text.get(..at)?, text.get(at + needle.len()..)?))
}

/// `text` after `prefix`, when it starts with it in any ASCII case.
pub fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    let rest = text.get(prefix.len()..)?;
    head.eq_ignore_ascii_case(prefix).then_some(rest)
}

/// Every token in `text`, in order.
pub fn find_tokens(text: &str) -> Vec<Found> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    // End of the last `[A-Za-z0-9_.-]` run measured for a `ghs_` candidate: every candidate
    // inside that run shares its end, so no byte is measured twice.
    let mut jwt_run_end = 0;
    while let Some(offset) = memchr::memchr(b'g', &bytes[at..]) {
        let start = at + offset;
        at = start + 1;
        if start > 0 && is_word(bytes[start - 1]) {
            continue; // not at the start of a word
        }
        let Some(format) = FORMATS
            .iter()
            .find(|format| bytes[start..].starts_with(format.prefix.as_bytes()))
        else {
            continue;
        };
        let word_end = bytes[start..]
            .iter()
            .position(|&b| !is_word(b))
            .map_or(bytes.len(), |n| start + n);
        let word = &bytes[start..word_end];
        let valid_word = match format.layout {
            Layout::Crc { len } => {
                word.len() == len
                    && word[format.prefix.len()..].iter().all(|&b| is_base62(b))
                    && classic_check_ok(word)
            }
            Layout::FineGrained => is_fine_grained_shape(word) && fine_grained_check_ok(word),
            Layout::Installation => {
                word.len() == SHORT_LEN
                    && word[4..].iter().all(|&b| is_base62(b))
                    && !bytes.get(word_end).is_some_and(|&b| b == b'.' || b == b'-')
            }
        };
        if valid_word {
            found.push(Found {
                start,
                end: word_end,
                kind: format.kind,
            });
            at = word_end;
            continue;
        }
        if format.layout == Layout::Installation {
            if jwt_run_end <= start {
                jwt_run_end = bytes[start..]
                    .iter()
                    .position(|&b| !is_jwt_char(b))
                    .map_or(bytes.len(), |n| start + n);
            }
            // A sentence may end right after the token.
            let run = text.get(start..jwt_run_end).unwrap_or_default();
            let candidate = run.trim_end_matches(['.', '-']);
            let end = start + candidate.len();
            if is_installation_jwt(candidate) {
                found.push(Found {
                    start,
                    end,
                    kind: Kind::Installation,
                });
                at = end;
                continue;
            }
        }
        // Nothing starts inside this word: a token needs a non-word character before it.
        at = word_end;
    }
    found
}

/// `github_pat_` + 22 + `_` + 59, all `[A-Za-z0-9]` but the two underscores.
pub fn is_fine_grained_shape(word: &[u8]) -> bool {
    word.len() == FINE_GRAINED_LEN
        && word.starts_with(b"github_pat_")
        && word[FINE_GRAINED_SEPARATOR] == b'_'
        && word[11..FINE_GRAINED_SEPARATOR]
            .iter()
            .all(|&b| is_base62(b))
        && word[FINE_GRAINED_SEPARATOR + 1..]
            .iter()
            .all(|&b| is_base62(b))
}
