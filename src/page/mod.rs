//! Page rules: which GitHub page a tab shows, and what PAT Guard should do there.
//!
//! Pure functions over plain values. The content script only gathers facts (the URL, a few
//! yes/no observations and the strings where GitHub puts a new secret); every decision is
//! made here.

mod url;

pub use url::{github_path, is_github_url};

use serde::{Deserialize, Serialize};

use zeroize::Zeroizing;

use crate::token::{find_tokens, Kind, SecretString};

/// Which of GitHub's token pages a tab shows. The serialized names are the
/// `data-page` values of the popup's test contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    /// Not a token page (or not GitHub at all).
    #[default]
    None,
    /// A list of tokens: classic or fine-grained.
    TokenList,
    /// The form that creates (or regenerates) a token.
    TokenNew,
    /// A freshly generated token is on screen, shown once.
    TokenShown,
}

/// The largest URL the content script may report; longer ones are refused as malformed.
pub const MAX_URL_LEN: usize = 2048;
/// The most candidate strings, and the longest one, the content script may report.
pub const MAX_CANDIDATES: usize = 16;
pub const MAX_CANDIDATE_LEN: usize = 4096;
/// The longest page text the content script may report for the fallback scan.
pub const MAX_TEXT_LEN: usize = 256 * 1024;

/// What the content script observed on a github.com token page. Observations only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageFacts {
    /// `location.href` of the page.
    pub url: String,
    /// The page has GitHub's element for a newly generated secret, `#new-oauth-token`.
    pub token_element: bool,
    /// The page says "Make sure to copy your ... now".
    pub copy_notice: bool,
    /// Where GitHub's markup puts a new secret, in order: the text of `#new-oauth-token`,
    /// then the `value` of each `clipboard-copy[value]` and `input[value]` in the main
    /// content. They reach the background only to be classified, and are wiped after.
    #[serde(default)]
    pub candidates: Vec<SecretString>,
    /// The main content's text, for the fallback scan.
    #[serde(default)]
    pub text: Option<SecretString>,
    /// The user left a page with an unsaved token of this kind by a history navigation.
    #[serde(default)]
    pub left_unsaved: Option<Kind>,
}

/// What the shown secret is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretKind {
    /// A GitHub token (the kind says which).
    Token,
    /// An OAuth app's new client secret (40 hex characters), shown once like a token.
    ClientSecret,
}

/// How the reminder and the popup name a shown secret: "personal access token (classic)",
/// "client secret", or plain "token" when the kind is not known.
pub fn secret_label(secret: Option<SecretKind>, kind: Option<Kind>) -> &'static str {
    match (secret, kind) {
        (Some(SecretKind::ClientSecret), _) => "client secret",
        (_, Some(kind)) if kind != Kind::NotAToken => kind.label(),
        _ => "token",
    }
}

/// Whether the user has saved the token shown (as far as PAT Guard can tell). The names are
/// the banner's `data-state` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SaveState {
    #[default]
    Unsaved,
    Copied,
    Acknowledged,
}

impl SaveState {
    pub fn code(self) -> &'static str {
        match self {
            SaveState::Unsaved => "unsaved",
            SaveState::Copied => "copied",
            SaveState::Acknowledged => "acknowledged",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            SaveState::Unsaved,
            SaveState::Copied,
            SaveState::Acknowledged,
        ]
        .into_iter()
        .find(|state| state.code() == code)
    }

    /// The state after the user copied the token: acknowledging outranks copying.
    pub fn copied(self) -> Self {
        match self {
            SaveState::Acknowledged => SaveState::Acknowledged,
            _ => SaveState::Copied,
        }
    }

    pub fn is_saved(self) -> bool {
        self != SaveState::Unsaved
    }
}

/// Where the token is among the facts, so the content script can tell when it is copied:
/// `candidate` is an index into `candidates`, or `None` for the page text; `start..end` are
/// UTF-16 offsets (JavaScript's string indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenAt {
    pub candidate: Option<usize>,
    pub start: usize,
    pub end: usize,
}

/// A token that was left unsaved, and where to make a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lost {
    pub kind: Kind,
    pub regenerate_path: String,
}

/// What the background decided about a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageAssessment {
    pub page: PageKind,
    /// Mount the in-page reminder.
    pub banner: bool,
    /// Arm the warning before leaving.
    pub guard: bool,
    pub kind: Option<Kind>,
    pub secret: Option<SecretKind>,
    pub state: Option<SaveState>,
    /// An opaque, keyed fingerprint of the shown secret (never the secret).
    pub fingerprint: Option<String>,
    pub token_at: Option<TokenAt>,
    /// "Expires on …" as the page says it.
    pub expires: Option<String>,
    /// A token left unsaved by a history navigation.
    pub lost: Option<Lost>,
}

/// The kind of token page a github.com path names, before looking at what is on screen.
///
/// GitHub shows a new classic token on `/settings/tokens` (the form posts there), a new
/// fine-grained token on `/settings/personal-access-tokens` or its detail page, and a new
/// OAuth client secret on `/settings/applications/<id>`.
pub fn page_for_path(path: &str) -> PageKind {
    match segments(path).as_slice() {
        ["settings", "tokens"] | ["settings", "personal-access-tokens"] => PageKind::TokenList,
        ["settings", "tokens", "new"]
        | ["settings", "tokens", _, "regenerate"]
        | ["settings", "personal-access-tokens", "new"] => PageKind::TokenNew,
        _ => PageKind::None,
    }
}

/// Whether a path can show a freshly generated secret at all.
fn may_show_new_secret(path: &str) -> bool {
    let segments = segments(path);
    matches!(
        segments.as_slice(),
        ["settings", "tokens", ..] | ["settings", "personal-access-tokens", ..]
    ) || is_applications(&segments)
}

/// A path's non-empty segments: `/settings/tokens/` is `["settings", "tokens"]`.
fn segments(path: &str) -> Vec<&str> {
    path.split('/')
        .filter(|segment| !segment.is_empty())
        .collect()
}

/// An OAuth app's settings page, where GitHub shows a new client secret once.
fn is_applications(segments: &[&str]) -> bool {
    matches!(
        segments,
        ["settings", "applications", _] | ["organizations", _, "settings", "applications", _]
    )
}

/// A secret located among the facts.
pub struct Located {
    pub value: Zeroizing<String>,
    pub kind: Kind,
    pub secret: SecretKind,
    pub at: TokenAt,
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Find the new secret: by structure first (a checksum-valid token, or exact shape where
/// there is no check value, in GitHub's own elements; a client secret on an OAuth app's
/// page), then by scanning the page text (checksum-valid tokens only).
pub fn locate(facts: &PageFacts, path: &str) -> Option<Located> {
    let structural = facts.token_element || facts.copy_notice;
    for (index, candidate) in facts.candidates.iter().enumerate() {
        let text = candidate.expose();
        if let Some(found) = find_tokens(text).into_iter().next() {
            return Some(Located {
                value: Zeroizing::new(text[found.start..found.end].to_owned()),
                kind: found.kind,
                secret: SecretKind::Token,
                at: TokenAt {
                    candidate: Some(index),
                    start: utf16_len(&text[..found.start]),
                    end: utf16_len(&text[..found.end]),
                },
            });
        }
        let trimmed = text.trim();
        let is_client_secret =
            trimmed.len() == 40 && trimmed.bytes().all(|b| b.is_ascii_hexdigit());
        if structural && index == 0 && is_client_secret && is_applications(&segments(path)) {
            let start = utf16_len(&text[..text.len() - text.trim_start().len()]);
            return Some(Located {
                value: Zeroizing::new(trimmed.to_owned()),
                kind: Kind::NotAToken,
                secret: SecretKind::ClientSecret,
                at: TokenAt {
                    candidate: Some(index),
                    start,
                    end: start + 40,
                },
            });
        }
    }
    let text = facts.text.as_ref()?.expose();
    let found = find_tokens(text).into_iter().next()?;
    Some(Located {
        value: Zeroizing::new(text[found.start..found.end].to_owned()),
        kind: found.kind,
        secret: SecretKind::Token,
        at: TokenAt {
            candidate: None,
            start: utf16_len(&text[..found.start]),
            end: utf16_len(&text[..found.end]),
        },
    })
}

/// "Expires on Tue, Dec 1 2026", as the fine-grained page words it.
fn expires_text(facts: &PageFacts) -> Option<String> {
    let text = facts.text.as_ref()?.expose();
    let start = text.find("Expires on ")?;
    let rest = &text[start..];
    let end = rest.find(['\n', '.']).unwrap_or(rest.len());
    let line: String = rest[..end].chars().take(64).collect();
    Some(line.trim().to_owned()).filter(|line| line.len() > "Expires on ".len())
}

/// Where to make a new token of a kind that was lost.
pub fn regenerate_path(kind: Kind) -> &'static str {
    match kind {
        Kind::FineGrained => "/settings/personal-access-tokens",
        _ => "/settings/tokens",
    }
}

/// Decide what a page is and what to do there. `remember` gives the keyed fingerprint of a
/// secret and what the user already did with it.
pub fn assess(facts: &PageFacts, remember: impl Fn(&str) -> (String, SaveState)) -> PageAssessment {
    let Some(path) = github_path(&facts.url) else {
        return PageAssessment::default();
    };
    let lost = facts.left_unsaved.map(|kind| Lost {
        kind,
        regenerate_path: regenerate_path(kind).to_owned(),
    });
    let located = may_show_new_secret(path)
        .then(|| locate(facts, path))
        .flatten();
    let Some(located) = located else {
        return PageAssessment {
            page: page_for_path(path),
            lost,
            ..PageAssessment::default()
        };
    };
    let (fingerprint, state) = remember(&located.value);
    PageAssessment {
        page: PageKind::TokenShown,
        banner: state == SaveState::Unsaved,
        guard: state == SaveState::Unsaved,
        kind: Some(located.kind),
        secret: Some(located.secret),
        state: Some(state),
        fingerprint: Some(fingerprint),
        token_at: Some(located.at),
        expires: expires_text(facts),
        lost,
    }
}

/// The content script reports only paths that start with one of these (or an organization's
/// application settings): a cheap gate, so that other pages cost no message. Every page rule
/// above lies inside it; `tests/page_rules.rs` holds content.js to the same list.
pub const CONTENT_GATE: [&str; 3] = [
    "/settings/tokens",
    "/settings/personal-access-tokens",
    "/settings/applications/",
];

/// Whether the content script's gate lets a path through (the Rust twin of its check).
pub fn passes_gate(path: &str) -> bool {
    CONTENT_GATE.iter().any(|prefix| path.starts_with(prefix))
        || (path.starts_with("/organizations/") && path.contains("/settings/applications/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_token_pages_by_path() {
        let cases = [
            ("/settings/tokens", PageKind::TokenList),
            ("/settings/tokens/", PageKind::TokenList),
            ("/settings/personal-access-tokens", PageKind::TokenList),
            ("/settings/tokens/new", PageKind::TokenNew),
            ("/settings/tokens/123/regenerate", PageKind::TokenNew),
            ("/settings/personal-access-tokens/new", PageKind::TokenNew),
            ("/settings/profile", PageKind::None),
            ("/", PageKind::None),
            ("/octocat/settings/tokens", PageKind::None),
            ("/settings/tokens/new/extra", PageKind::None),
        ];
        for (path, expected) in cases {
            assert_eq!(page_for_path(path), expected, "{path}");
        }
    }

    #[test]
    fn every_page_rule_lies_inside_the_content_gate() {
        for path in [
            "/settings/tokens",
            "/settings/tokens/new",
            "/settings/tokens/1/regenerate",
            "/settings/personal-access-tokens",
            "/settings/personal-access-tokens/new",
            "/settings/personal-access-tokens/9",
            "/settings/applications/7",
            "/organizations/acme/settings/applications/7",
        ] {
            assert!(
                page_for_path(path) != PageKind::None || may_show_new_secret(path),
                "{path}"
            );
            assert!(passes_gate(path), "{path}");
        }
        for path in [
            "/",
            "/octocat",
            "/settings",
            "/settings/profile",
            "/explore",
            "/octocat/repo/settings",
        ] {
            assert_eq!(page_for_path(path), PageKind::None, "{path}");
            assert!(!may_show_new_secret(path), "{path}");
            assert!(!passes_gate(path), "{path}");
        }
    }

    #[test]
    fn page_kinds_and_states_serialize_to_the_test_contract_names() {
        let names: Vec<String> = [
            PageKind::None,
            PageKind::TokenList,
            PageKind::TokenNew,
            PageKind::TokenShown,
        ]
        .iter()
        .map(|kind| serde_json::to_string(kind).unwrap())
        .collect();
        assert_eq!(
            names,
            [
                r#""none""#,
                r#""token-list""#,
                r#""token-new""#,
                r#""token-shown""#
            ]
        );
        for state in [
            SaveState::Unsaved,
            SaveState::Copied,
            SaveState::Acknowledged,
        ] {
            assert_eq!(
                serde_json::to_string(&state).unwrap(),
                format!("\"{}\"", state.code())
            );
            assert_eq!(SaveState::from_code(state.code()), Some(state));
        }
    }

    #[test]
    fn secrets_are_named_by_kind() {
        assert_eq!(
            secret_label(Some(SecretKind::ClientSecret), Some(Kind::NotAToken)),
            "client secret"
        );
        assert_eq!(
            secret_label(Some(SecretKind::Token), Some(Kind::Classic)),
            Kind::Classic.label()
        );
        assert_eq!(secret_label(None, Some(Kind::NotAToken)), "token");
        assert_eq!(secret_label(None, None), "token");
    }

    #[test]
    fn acknowledging_outranks_copying() {
        assert_eq!(SaveState::Unsaved.copied(), SaveState::Copied);
        assert_eq!(SaveState::Copied.copied(), SaveState::Copied);
        assert_eq!(SaveState::Acknowledged.copied(), SaveState::Acknowledged);
    }
}
