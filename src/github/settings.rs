//! The user's settings (never a token): which scopes their integration needs; and the API
//! and links PAT Guard builds.
//!
//! Where a token is sent is never read from these settings: a content script can write
//! `storage.local`, and a page that reached one must not be able to redirect a token. The
//! destination is a [`Host`] the user chose in the popup among github.com and the hosts
//! whose permissions they granted (`hosts`).

use serde::{Deserialize, Serialize};

use super::scopes::parse_scope_list;
use crate::encoding::push_percent_escaped;
use crate::hosts::Host;

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
}

/// A link to `host`'s form for a new classic token with exactly `scopes`.
pub fn new_token_url(host: &Host, scopes: &[String], description: &str) -> String {
    format!(
        "{}/settings/tokens/new?scopes={}&description={}",
        host.web_origin(),
        encode_query(&scopes.join(",")),
        encode_query(description)
    )
}

/// Percent-encode a query component (RFC 3986 unreserved characters stay; `,` and `:` too,
/// as GitHub writes them in its own scope links).
pub fn encode_query(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b',' | b':') {
            out.push(byte as char);
        } else {
            push_percent_escaped(&mut out, byte);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_destination_is_never_used() {
        // What a content script could have written into storage.local.
        let parsed: Settings = serde_json::from_str(
            r#"{"apiBase":"https://evil.example","requiredScopes":["repo, gist","repo",""]}"#,
        )
        .unwrap();
        let settings = parsed.sanitized();
        assert_eq!(settings.required_scopes, ["repo", "gist"]);
        assert!(!serde_json::to_string(&settings).unwrap().contains("evil"));
    }

    #[test]
    fn new_token_links_carry_scopes_and_description() {
        let url = new_token_url(
            &Host::github_com(),
            &["repo".into(), "admin:org".into()],
            "CI for octocat",
        );
        assert_eq!(
            url,
            "https://github.com/settings/tokens/new?scopes=repo,admin:org&description=CI%20for%20octocat"
        );
        let server = crate::hosts::parse_host("github.example.com").unwrap();
        assert!(new_token_url(&server, &["repo".into()], "x")
            .starts_with("https://github.example.com/settings/tokens/new?scopes=repo&"));
        assert_eq!(encode_query("a&b=c/ü"), "a%26b%3Dc%2F%C3%BC");
    }

    /// Storage is written and read by hand (`message::write`, `message::read`) as serde
    /// would: what serde wrote reads back, an old
    /// `apiBase` is passed over, and anything malformed is no settings at all.
    #[test]
    fn stored_settings_read_back_as_written() {
        use crate::message::read_record;
        use serde_json::json;
        let settings = Settings {
            required_scopes: vec!["repo".into(), "read:org".into()],
        };
        let written = serde_json::to_value(&settings).unwrap();
        assert_eq!(crate::message::write_wire(&settings), written);
        assert_eq!(read_record::<Settings, _>(&written), Some(settings.clone()));
        let old = json!({"requiredScopes": ["repo", "read:org"], "apiBase": "https://evil.test"});
        assert_eq!(read_record::<Settings, _>(&old), Some(settings));
        assert_eq!(
            read_record::<Settings, _>(&json!({})),
            Some(Settings::default())
        );
        assert_eq!(
            read_record::<Settings, _>(&json!({"requiredScopes": "repo"})),
            None
        );
        assert_eq!(
            read_record::<Vec<String>, _>(&json!(["github.acme.test"])),
            Some(vec!["github.acme.test".to_owned()])
        );
        assert_eq!(read_record::<Vec<String>, _>(&json!(["a", 1])), None);
    }
}
