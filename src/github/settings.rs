//! The user's settings (never a token): which scopes their integration needs; and the API
//! and links PAT Guard builds.
//!
//! Where a token is sent is never read from storage: a content script can write
//! `storage.local`, and a page that reached one must not be able to redirect a token. The
//! destination is decided here, by the extension: `api.github.com`.

use serde::{Deserialize, Serialize};

use super::scopes::parse_scope_list;

pub const DEFAULT_API_BASE: &str = "https://api.github.com";

/// What PAT Guard keeps in extension storage. Tokens are never part of it, and neither is
/// where tokens go (an old `apiBase` key is ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Scopes the user's integration needs, e.g. `["repo"]`.
    pub required_scopes: Vec<String>,
}

impl Settings {
    /// Settings read back from storage, with anything unusable dropped.
    pub fn sanitized(mut self) -> Self {
        self.required_scopes = parse_scope_list(&self.required_scopes.join(","));
        self.required_scopes.truncate(32);
        self
    }

    /// The API base without a trailing slash: decided by the extension, never by storage.
    pub fn api(&self) -> &str {
        DEFAULT_API_BASE
    }

    /// The web host that goes with the API: `https://github.com` for api.github.com,
    /// `https://HOST` for `https://HOST/api/v3`.
    pub fn web_base(&self) -> String {
        let api = self.api();
        if api == DEFAULT_API_BASE {
            "https://github.com".to_owned()
        } else {
            api.trim_end_matches("/api/v3").to_owned()
        }
    }

    pub fn endpoint_url(&self, path: &str) -> String {
        format!("{}{path}", self.api())
    }

    /// A link to GitHub's form for a new classic token with exactly `scopes`.
    pub fn new_token_url(&self, scopes: &[String], description: &str) -> String {
        format!(
            "{}/settings/tokens/new?scopes={}&description={}",
            self.web_base(),
            encode_query(&scopes.join(",")),
            encode_query(description)
        )
    }
}

/// A usable API base: `https://` and a host, no user info, query or fragment.
pub fn api_base(text: &str) -> Option<&str> {
    let text = text.trim().trim_end_matches('/');
    let rest = text.strip_prefix("https://")?;
    let host = rest.split('/').next()?;
    let ok = !host.is_empty()
        && !rest.contains(['?', '#', '@', ' '])
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'));
    ok.then_some(text)
}

/// Percent-encode a query component (RFC 3986 unreserved characters stay; `,` and `:` too,
/// as GitHub writes them in its own scope links).
pub fn encode_query(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b',' | b':') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_github_com() {
        let settings = Settings::default();
        assert_eq!(
            settings.endpoint_url("/user"),
            "https://api.github.com/user"
        );
        assert_eq!(settings.web_base(), "https://github.com");
    }

    #[test]
    fn a_stored_destination_is_never_used() {
        // What a content script could have written into storage.local.
        let parsed: Settings = serde_json::from_str(
            r#"{"apiBase":"https://evil.example","requiredScopes":["repo, gist","repo",""]}"#,
        )
        .unwrap();
        let settings = parsed.sanitized();
        assert_eq!(
            settings.endpoint_url("/user"),
            "https://api.github.com/user"
        );
        assert_eq!(settings.web_base(), "https://github.com");
        assert_eq!(settings.required_scopes, ["repo", "gist"]);
        assert!(!serde_json::to_string(&settings).unwrap().contains("evil"));
    }

    #[test]
    fn api_bases_are_validated() {
        assert_eq!(
            api_base("https://ghe.example.com/api/v3/"),
            Some("https://ghe.example.com/api/v3")
        );
        for base in [
            "http://api.github.com",
            "https://user@evil.example",
            "https://a?b",
            "",
            "https://",
        ] {
            assert_eq!(api_base(base), None, "{base}");
        }
    }

    #[test]
    fn new_token_links_carry_scopes_and_description() {
        let url = Settings::default()
            .new_token_url(&["repo".into(), "admin:org".into()], "CI for octocat");
        assert_eq!(
            url,
            "https://github.com/settings/tokens/new?scopes=repo,admin:org&description=CI%20for%20octocat"
        );
        assert_eq!(encode_query("a&b=c/ü"), "a%26b%3Dc%2F%C3%BC");
    }
}
