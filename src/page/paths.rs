//! Which of GitHub's pages a path names (docs/github-pages.md lists each, with its source).

use serde::{Deserialize, Serialize};

use crate::token::{find_text, Kind};

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

impl PageKind {
    pub const ALL: [PageKind; 4] = [
        PageKind::None,
        PageKind::TokenList,
        PageKind::TokenNew,
        PageKind::TokenShown,
    ];

    /// The stable code, as serialized (and as the popup's `data-page`).
    pub fn code(self) -> &'static str {
        match self {
            PageKind::None => "none",
            PageKind::TokenList => "token-list",
            PageKind::TokenNew => "token-new",
            PageKind::TokenShown => "token-shown",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "none" => Some(PageKind::None),
            "token-list" => Some(PageKind::TokenList),
            "token-new" => Some(PageKind::TokenNew),
            "token-shown" => Some(PageKind::TokenShown),
            _ => None,
        }
    }
}

/// A path's non-empty segments: `/settings/tokens/` is `["settings", "tokens"]`.
fn segments(path: &str) -> Vec<&str> {
    path.split('/')
        .filter(|segment| !segment.is_empty())
        .collect()
}

/// The kind of token page a github.com path names, before looking at what is on screen.
pub fn page_for_path(path: &str) -> PageKind {
    match segments(path).as_slice() {
        ["settings", "tokens"] | ["settings", "personal-access-tokens"] => PageKind::TokenList,
        ["settings", "tokens", "new"]
        | ["settings", "tokens", _, "regenerate"]
        | ["settings", "personal-access-tokens", "new"] => PageKind::TokenNew,
        _ => PageKind::None,
    }
}

/// Whether a path can show a freshly generated secret at all: the classic and fine-grained
/// token pages (list, new, detail, regenerate), and the settings of an OAuth app or a GitHub
/// App, personal or an organisation's, where GitHub shows a new client secret once.
pub fn may_show_new_secret(path: &str) -> bool {
    let segments = segments(path);
    matches!(
        segments.as_slice(),
        ["settings", "tokens", ..] | ["settings", "personal-access-tokens", ..]
    ) || is_app_settings_segments(&segments)
}

fn is_app_settings_segments(segments: &[&str]) -> bool {
    matches!(
        segments,
        ["settings", "applications" | "apps", _, ..]
            | [
                "organizations",
                _,
                "settings",
                "applications" | "apps",
                _,
                ..
            ]
    )
}

/// The settings of an OAuth app or a GitHub App, the only pages with a client secret.
pub fn is_app_settings(path: &str) -> bool {
    is_app_settings_segments(&segments(path))
}

/// Where to make a new token of a kind that was lost.
pub fn regenerate_path(kind: Kind) -> &'static str {
    let path = new_token_path(kind);
    path.strip_suffix("/new").unwrap_or(path)
}

/// Where GitHub makes a new token of this kind (a fine-grained one for fine-grained tokens,
/// else a classic one).
pub fn new_token_path(kind: Kind) -> &'static str {
    match kind {
        Kind::FineGrained => "/settings/personal-access-tokens/new",
        _ => "/settings/tokens/new",
    }
}

/// The content script reports only paths that start with one of these (or an organisation's
/// app settings, [`ORGANIZATION_GATE`]): a cheap gate, so that other pages cost no message.
/// Every page rule above lies inside it; `tests/page_rules.rs` holds content.js to the list.
pub const CONTENT_GATE: [&str; 4] = [
    "/settings/tokens",
    "/settings/personal-access-tokens",
    "/settings/applications/",
    "/settings/apps/",
];

/// Under `/organizations/<org>`, the app settings pages pass the gate too.
pub const ORGANIZATION_GATE: [&str; 2] = ["/settings/applications/", "/settings/apps/"];

/// Whether the content script's gate lets a path through (the Rust twin of its check).
pub fn passes_gate(path: &str) -> bool {
    CONTENT_GATE.iter().any(|prefix| path.starts_with(prefix))
        || (path.starts_with("/organizations/")
            && ORGANIZATION_GATE
                .iter()
                .any(|part| find_text(path, part).is_some()))
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
            "/settings/tokens/1",
            "/settings/tokens/1/regenerate",
            "/settings/personal-access-tokens",
            "/settings/personal-access-tokens/new",
            "/settings/personal-access-tokens/9",
            "/settings/applications/7",
            "/organizations/acme/settings/applications/7",
            "/settings/apps/acme-ci",
            "/organizations/acme/settings/apps/acme-ci",
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
            "/settings/apps",
            "/explore",
            "/octocat/repo/settings",
            "/octocat/repo/settings/secrets/actions",
        ] {
            assert_eq!(page_for_path(path), PageKind::None, "{path}");
            assert!(!may_show_new_secret(path), "{path}");
            assert!(!passes_gate(path), "{path}");
        }
    }

    #[test]
    fn app_settings_are_personal_or_an_organisations() {
        for path in [
            "/settings/applications/1",
            "/settings/apps/acme-ci",
            "/organizations/acme/settings/applications/1",
            "/organizations/acme/settings/apps/acme-ci",
        ] {
            assert!(is_app_settings(path), "{path}");
        }
        for path in [
            "/settings/applications",
            "/settings/apps",
            "/settings/tokens/1",
            "/acme/settings/apps/x",
            "/organizations/acme/settings/profile",
        ] {
            assert!(!is_app_settings(path), "{path}");
        }
    }

    #[test]
    fn page_kinds_serialize_to_the_test_contract_names() {
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
    }
}
