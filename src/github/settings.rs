//! The user's settings (never a token): which API to ask and which scopes their integration
//! needs; and the links PAT Guard builds from them.

use serde::{Deserialize, Serialize};

use super::scopes::parse_scope_list;

pub const DEFAULT_API_BASE: &str = "https://api.github.com";

/// What PAT Guard keeps in extension storage. Tokens are never part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise Server.
    pub api_base: String,
    /// Scopes the user's integration needs, e.g. `["repo"]`.
    pub required_scopes: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            api_base: DEFAULT_API_BASE.to_owned(),
            required_scopes: Vec::new(),
        }
    }
}

impl Settings {
    /// Settings read back from storage, with anything unusable replaced by the default.
    pub fn sanitized(mut self) -> Self {
        if api_base(&self.api_base).is_none() {
            self.api_base = DEFAULT_API_BASE.to_owned();
        }
        self.required_scopes = parse_scope_list(&self.required_scopes.join(","));
        self.required_scopes.truncate(32);
        self
    }

    /// The API base without a trailing slash.
    pub fn api(&self) -> &str {
        api_base(&self.api_base).unwrap_or(DEFAULT_API_BASE)
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
    fn enterprise_server_follows_from_the_api_base() {
        let settings = Settings {
            api_base: "https://ghe.example.com/api/v3/".into(),
            ..Settings::default()
        }
        .sanitized();
        assert_eq!(
            settings.endpoint_url("/user"),
            "https://ghe.example.com/api/v3/user"
        );
        assert_eq!(settings.web_base(), "https://ghe.example.com");
    }

    #[test]
    fn unusable_settings_fall_back() {
        for base in [
            "http://api.github.com",
            "https://user@evil.example",
            "https://a?b",
            "",
            "https://",
        ] {
            let settings = Settings {
                api_base: base.into(),
                ..Settings::default()
            }
            .sanitized();
            assert_eq!(settings.api(), DEFAULT_API_BASE, "{base}");
        }
        let settings = Settings {
            required_scopes: vec!["repo, gist".into(), "repo".into(), "".into()],
            ..Settings::default()
        }
        .sanitized();
        assert_eq!(settings.required_scopes, ["repo", "gist"]);
        let parsed: Settings = serde_json::from_str(r#"{"requiredScopes":["repo"]}"#).unwrap();
        assert_eq!(parsed.api_base, DEFAULT_API_BASE);
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
