//! Page rules: which GitHub page a tab shows, and what PAT Guard should do there.
//!
//! Pure functions over plain values. The content script only gathers facts (the URL and a
//! few yes/no observations about the DOM); every decision is made here.

mod url;

pub use url::{github_path, is_github_url};

use serde::{Deserialize, Serialize};

use crate::token::{inspect, Kind, SecretString};

/// Which of GitHub's token pages a tab shows. The serialized names are the
/// `data-page` values of the popup's test contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    /// Not a token page (or not GitHub at all).
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

/// What the content script observed on a github.com page. Observations only, no decisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageFacts {
    /// `location.href` of the page.
    pub url: String,
    /// The page has GitHub's element for a newly generated secret, `#new-oauth-token`.
    pub token_element: bool,
    /// The page says "Make sure to copy your ... now".
    pub copy_notice: bool,
    /// The text of the element GitHub shows the new secret in, if there is one. It reaches
    /// the background only to be classified, and is dropped (and wiped) right after.
    #[serde(default)]
    pub shown_text: Option<SecretString>,
}

/// The longest shown text the content script may report.
pub const MAX_SHOWN_TEXT_LEN: usize = 4096;

/// What the background decided about a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageAssessment {
    pub page: PageKind,
    /// Mount the in-page reminder.
    pub banner: bool,
    /// What the token engine says the shown secret is, when there is one to classify.
    #[serde(default)]
    pub kind: Option<Kind>,
}

/// The kind of token page a github.com path names, before looking at what is on screen.
///
/// GitHub shows a new classic token on `/settings/tokens` (the form posts there), a new
/// fine-grained token on `/settings/personal-access-tokens` or its detail page, and a new
/// OAuth client secret on `/settings/applications/<id>`.
pub fn page_for_path(path: &str) -> PageKind {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|segment| !segment.is_empty())
        .collect();
    match segments.as_slice() {
        ["settings", "tokens"] | ["settings", "personal-access-tokens"] => PageKind::TokenList,
        ["settings", "tokens", "new"]
        | ["settings", "tokens", _, "regenerate"]
        | ["settings", "personal-access-tokens", "new"] => PageKind::TokenNew,
        _ => PageKind::None,
    }
}

/// Whether a path can show a freshly generated secret at all.
fn may_show_new_secret(path: &str) -> bool {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|segment| !segment.is_empty())
        .collect();
    matches!(
        segments.as_slice(),
        ["settings", "tokens", ..]
            | ["settings", "personal-access-tokens", ..]
            | ["settings", "applications", _]
            | ["organizations", _, "settings", "applications", _]
    )
}

/// Decide what a page is and whether to remind the user to save a token shown on it.
pub fn assess(facts: &PageFacts) -> PageAssessment {
    let Some(path) = github_path(&facts.url) else {
        return PageAssessment {
            page: PageKind::None,
            banner: false,
            kind: None,
        };
    };
    let shown = may_show_new_secret(path) && (facts.token_element || facts.copy_notice);
    if shown {
        PageAssessment {
            page: PageKind::TokenShown,
            banner: true,
            kind: facts
                .shown_text
                .as_ref()
                .map(|text| inspect(text.expose()).kind),
        }
    } else {
        PageAssessment {
            page: page_for_path(path),
            banner: false,
            kind: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(url: &str, token_element: bool, copy_notice: bool) -> PageFacts {
        PageFacts {
            url: url.to_owned(),
            token_element,
            copy_notice,
            shown_text: None,
        }
    }

    #[test]
    fn the_shown_secret_is_classified_by_the_token_engine() {
        let mut page = facts("https://github.com/settings/tokens", true, true);
        page.shown_text = Some(SecretString::new(" ghp_short ".into()));
        assert_eq!(assess(&page).kind, Some(Kind::Classic));
        page.shown_text = Some(SecretString::new("not a token".into()));
        assert_eq!(assess(&page).kind, Some(Kind::NotAToken));
        page.shown_text = None;
        assert_eq!(assess(&page).kind, None);
    }

    #[test]
    fn every_page_rule_lies_under_a_settings_path() {
        // content.js reports only pages whose path contains `/settings/`; no rule may need more.
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
            assert!(path.contains("/settings/"), "{path}");
        }
        for path in [
            "/",
            "/octocat",
            "/settings",
            "/explore",
            "/octocat/repo/settings",
        ] {
            assert_eq!(page_for_path(path), PageKind::None, "{path}");
            assert!(!may_show_new_secret(path), "{path}");
        }
    }

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
    fn a_token_on_screen_on_a_token_page_gets_the_banner() {
        for url in [
            "https://github.com/settings/tokens",
            "https://github.com/settings/tokens/123/regenerate",
            "https://github.com/settings/personal-access-tokens/42",
            "https://github.com/settings/applications/7",
            "https://github.com/organizations/acme/settings/applications/7",
        ] {
            for (element, notice) in [(true, false), (false, true), (true, true)] {
                let verdict = assess(&facts(url, element, notice));
                assert_eq!(verdict.page, PageKind::TokenShown, "{url}");
                assert!(verdict.banner, "{url}");
            }
        }
    }

    #[test]
    fn no_banner_without_a_token_or_off_the_token_pages() {
        let quiet = [
            facts("https://github.com/settings/tokens", false, false),
            facts("https://github.com/settings/tokens/new", false, false),
            facts("https://github.com/octocat/hello", true, true),
            facts("https://github.com/settings/profile", true, true),
            facts("https://gist.github.com/settings/tokens", true, true),
            facts("http://github.com/settings/tokens", true, true),
            facts("not a url", true, true),
        ];
        for page in quiet {
            assert!(!assess(&page).banner, "{page:?}");
        }
        assert_eq!(
            assess(&facts(
                "https://github.com/settings/tokens/new",
                false,
                false
            ))
            .page,
            PageKind::TokenNew
        );
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
