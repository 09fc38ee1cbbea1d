//! The leak guard's rules: which strings a content script reported from a text field are
//! secrets that must not be posted (GitHub tokens whose check value is right, and private-key
//! blocks), and on which pages a secret belongs in a field (where the guard stays quiet).
//! Pure: the content script gathers, the background decides with these.

use serde::{Deserialize, Serialize};

use crate::hosts::{locate_url, Host};
use crate::page::utf16_offset;
use crate::token::{find_text, find_tokens, redact};

/// The most candidate strings one message may carry, and the longest one.
pub const MAX_LEAK_CANDIDATES: usize = 16;
pub const MAX_LEAK_CANDIDATE_LEN: usize = 16 * 1024;

/// A secret found in a reported string, by UTF-16 offsets (as JavaScript slices strings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Leak {
    /// Index of the candidate string it was found in.
    pub candidate: usize,
    pub start: usize,
    pub end: usize,
    /// `classic`, `fine-grained`… as the popup names kinds, or `private-key`.
    pub kind: String,
    /// `ghp_…Ab3d`: enough to recognise it, never enough to use it.
    pub redacted: String,
    /// The same place by byte offsets, for the background to fingerprint it.
    #[serde(skip)]
    pub bytes: (usize, usize),
}

const KEY_BEGIN: &str = "-----BEGIN ";
const KEY_END: &str = "-----END ";
const KEY_TAIL: &str = "PRIVATE KEY-----";

/// Every secret in `candidates`, in order. Tokens count only when their check value is right
/// (a mistyped one is no secret, and an example in a README is rarely valid); legacy 40-hex
/// tokens are never looked for (they look like commit hashes).
pub fn find_leaks(candidates: &[&str]) -> Vec<Leak> {
    let mut leaks = Vec::new();
    for (index, text) in candidates.iter().enumerate() {
        for found in find_tokens(text) {
            let value = text.get(found.start..found.end).unwrap_or_default();
            leaks.push(Leak {
                candidate: index,
                start: utf16_offset(text, found.start),
                end: utf16_offset(text, found.end),
                kind: found.kind.code().to_owned(),
                redacted: redact(value, found.kind),
                bytes: (found.start, found.end),
            });
        }
        let mut from = 0;
        while let Some((start, end)) = private_key(text, from) {
            leaks.push(Leak {
                candidate: index,
                start: utf16_offset(text, start),
                end: utf16_offset(text, end),
                kind: "private-key".to_owned(),
                redacted: "-----BEGIN … PRIVATE KEY-----".to_owned(),
                bytes: (start, end),
            });
            from = end;
        }
    }
    leaks
}

/// The next `-----BEGIN … PRIVATE KEY-----` … `-----END … PRIVATE KEY-----` block at or after
/// byte `from`, by byte offsets.
fn private_key(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = text.get(from..)?;
    let mut search = 0;
    loop {
        let begin = search + find_text(rest.get(search..)?, KEY_BEGIN)?;
        let line = rest.get(begin..)?.split('\n').next()?;
        let line_end = begin + line.len();
        if line.trim_end().ends_with(KEY_TAIL) {
            let end_marker = line_end + find_text(rest.get(line_end..)?, KEY_END)?;
            let close = end_marker + find_text(rest.get(end_marker..)?, KEY_TAIL)? + KEY_TAIL.len();
            return Some((from + begin, from + close));
        }
        search = begin + KEY_BEGIN.len();
    }
}

/// The path of a page the leak guard watches: on a `known` host (github.com and the usable
/// Enterprise hosts) or on gist.github.com; `None` anywhere else.
pub fn watched_path<'u>(url: &'u str, known: &[Host]) -> Option<&'u str> {
    let gist = Host::gist();
    locate_url(url, known)
        .or_else(|| locate_url(url, std::slice::from_ref(&gist)))
        .map(|(_, path)| path)
        .filter(|path| guards_path(path))
}

/// The host whose API checks a secret posted on the page at `url`: the page's own, and
/// github.com's for a gist.
pub fn api_host_for(url: &str, known: &[Host]) -> Option<Host> {
    match locate_url(url, known) {
        Some((host, _)) => Some(host.clone()),
        None => locate_url(url, &[Host::gist()]).map(|_| Host::github_com()),
    }
}

/// Whether the leak guard watches the fields of the page at `path`: not where a secret
/// belongs (Actions, Codespaces and Dependabot secrets of a repository, an organisation or an
/// environment; the token and app settings pages, where PAT Guard's reminder works).
pub fn guards_path(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let secrets = segments.windows(2).any(|pair| {
        matches!(
            pair,
            ["settings", "secrets"] | ["codespaces", "secrets"] | ["settings", "environments"]
        )
    }) || segments.contains(&"secrets") && segments.contains(&"settings");
    !secrets && !crate::page::passes_gate(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A checksum-valid classic token made at run time (never a real one).
    fn classic_seeded(seed: u8) -> String {
        let random: String = (0..30u8)
            .map(|i| (b'a' + (i.wrapping_mul(7).wrapping_add(seed)) % 26) as char)
            .collect();
        let check = crate::token::classic_check(random.as_bytes());
        format!("ghp_{random}{}", std::str::from_utf8(&check).unwrap())
    }

    fn classic() -> String {
        classic_seeded(7)
    }

    #[test]
    fn a_valid_token_is_found_with_its_place_and_redacted() {
        let token = classic();
        let text = format!("curl -H 'Authorization: token {token}' https://api.github.com");
        let leaks = find_leaks(&[text.as_str()]);
        assert_eq!(leaks.len(), 1);
        let leak = &leaks[0];
        assert_eq!(leak.kind, "classic");
        assert_eq!(&text[leak.start..leak.end], token);
        assert!(
            leak.redacted.starts_with("ghp_…")
                && leak.redacted.ends_with(&token[token.len() - 4..])
        );
        assert!(!leak.redacted.contains(&token[4..12]));
    }

    #[test]
    fn a_mistyped_token_is_no_leak() {
        let mut token = classic();
        token.replace_range(10..11, if &token[10..11] == "A" { "B" } else { "A" });
        assert_eq!(find_leaks(&[token.as_str()]), vec![]);
        assert_eq!(find_leaks(&["ghp_ is a prefix people talk about"]), vec![]);
    }

    #[test]
    fn two_tokens_and_a_key_in_two_candidates_offsets_in_utf16() {
        let (a, b) = (classic(), classic_seeded(8));
        let first = format!("é {a} and {b}");
        let key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
        let second = format!("my key:\n{key}\nthanks");
        let leaks = find_leaks(&[first.as_str(), second.as_str()]);
        let kinds: Vec<&str> = leaks.iter().map(|l| l.kind.as_str()).collect();
        assert_eq!(kinds, ["classic", "classic", "private-key"]);
        let utf16: Vec<u16> = first.encode_utf16().collect();
        let slice = |s: &[u16], l: &Leak| String::from_utf16(&s[l.start..l.end]).unwrap();
        assert_eq!(slice(&utf16, &leaks[0]), a);
        assert_eq!(slice(&utf16, &leaks[1]), b);
        let utf16: Vec<u16> = second.encode_utf16().collect();
        assert_eq!(
            (leaks[2].candidate, slice(&utf16, &leaks[2])),
            (1, key.to_owned())
        );
        // A BEGIN line that is no private key, or a key without its end, is nothing.
        assert_eq!(
            find_leaks(&["-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----"]),
            vec![]
        );
        assert_eq!(
            find_leaks(&["-----BEGIN RSA PRIVATE KEY-----\nabc"]),
            vec![]
        );
    }

    #[test]
    fn secrets_pages_and_token_pages_are_left_alone() {
        for path in [
            "/octo/repo/settings/secrets/actions/new",
            "/octo/repo/settings/secrets/codespaces/new",
            "/octo/repo/settings/secrets/dependabot",
            "/organizations/acme/settings/secrets/actions/new",
            "/octo/repo/settings/environments/123/edit",
            "/settings/codespaces/secrets/new",
            "/settings/tokens/new",
            "/settings/personal-access-tokens/new",
            "/settings/apps/acme-ci",
        ] {
            assert!(!guards_path(path), "{path}");
        }
        for path in [
            "/octo/repo/issues/new",
            "/octo/repo/issues/12",
            "/octo/repo/pull/3",
            "/octo/repo/discussions/new",
            "/octo/repo/edit/main/README.md",
            "/octo/repo/wiki/Home/_edit",
            "/octo/repo/releases/new",
            "/",
        ] {
            assert!(guards_path(path), "{path}");
        }
    }

    #[test]
    fn gists_are_watched_with_github_com_and_nothing_else() {
        let known = [Host::github_com()];
        assert_eq!(watched_path("https://gist.github.com/", &known), Some("/"));
        assert_eq!(
            watched_path("https://github.com/o/r/issues/new", &known),
            Some("/o/r/issues/new")
        );
        assert_eq!(
            watched_path(
                "https://github.com/o/r/settings/secrets/actions/new",
                &known
            ),
            None
        );
        assert_eq!(
            watched_path("https://evil.test/o/r/issues/new", &known),
            None
        );
    }

    #[test]
    fn a_posted_secret_is_checked_with_the_pages_host_and_a_gists_with_github_com() {
        let known = [Host::github_com()];
        assert_eq!(
            api_host_for("https://gist.github.com/x", &known),
            Some(Host::github_com())
        );
        assert_eq!(api_host_for("https://evil.test/x", &known), None);
    }
}
