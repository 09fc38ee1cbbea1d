//! GitHub's API, as far as PAT Guard needs it: which request asks what a token is, and what
//! the answer means. Pure: the shell (`browser::http`) does the fetching.

pub mod expiry;
mod interpret;
mod report;
pub mod scopes;
mod settings;

pub use expiry::Expiry;
pub use interpret::{
    add_inspection_warnings, failure, interpret, offline_report, Answer, Context, Failure,
};
pub use report::{RateLimit, Report, Sso, User, Verdict, Warning, WarningCode};
pub use settings::{encode_query, new_token_url, Settings};

use crate::token::Endpoint;

/// Path of the endpoint that tells what a token is.
pub fn endpoint_path(endpoint: Endpoint) -> &'static str {
    match endpoint {
        Endpoint::User => "/user",
        Endpoint::InstallationRepositories => "/installation/repositories?per_page=1",
    }
}

/// The time a validation may take before it is given up.
pub const TIMEOUT_MS: u32 = 10_000;

/// What `POST /credentials/revoke` said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RevokeOutcome {
    /// 202: GitHub accepted the token for revocation and e-mails its owner.
    Revoked,
    /// 422: GitHub rejected the request (not a token it knows, or too many requests).
    Rejected,
    /// 404: the server has no such endpoint (an Enterprise Server may not offer it).
    NotOffered,
    /// Anything else, or no answer.
    Unknown,
}

impl RevokeOutcome {
    /// `status`: the HTTP status, or `None` when no answer came.
    pub fn from_status(status: Option<u16>) -> Self {
        match status {
            Some(202) => RevokeOutcome::Revoked,
            Some(422) => RevokeOutcome::Rejected,
            Some(404) => RevokeOutcome::NotOffered,
            _ => RevokeOutcome::Unknown,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            RevokeOutcome::Revoked => "revoked",
            RevokeOutcome::Rejected => "rejected",
            RevokeOutcome::NotOffered => "not-offered",
            RevokeOutcome::Unknown => "unknown",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            RevokeOutcome::Revoked => "GitHub accepted the token for revocation. Its owner gets an e-mail; it stops working within minutes.",
            RevokeOutcome::Rejected => "GitHub rejected the revocation: it does not know this token, or too many revocations were asked for. Revoke it in the token's settings instead.",
            RevokeOutcome::NotOffered => "This server does not offer revocation through its API: delete the token in its token settings.",
            RevokeOutcome::Unknown => "The revocation's outcome is unknown: no clear answer came. Check the token's settings on GitHub.",
        }
    }
}

/// The body of a revocation request: `{"credentials":["<token>"]}`, wiped when dropped. A
/// recognised token holds no character JSON must escape; anything else is refused.
pub fn revoke_body(token: &str) -> Option<zeroize::Zeroizing<String>> {
    let plain = token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    plain.then(|| crate::token::join_secret(&[r#"{"credentials":[""#, token, r#""]}"#]))
}

/// Kinds `POST /credentials/revoke` accepts (docs/github-api.md).
pub fn can_revoke(kind: crate::token::Kind) -> bool {
    use crate::token::Kind;
    matches!(
        kind,
        Kind::Classic | Kind::FineGrained | Kind::Oauth | Kind::UserToServer | Kind::Refresh
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::Kind;

    #[test]
    fn revoke_outcomes_follow_the_status() {
        assert_eq!(
            RevokeOutcome::from_status(Some(202)),
            RevokeOutcome::Revoked
        );
        assert_eq!(
            RevokeOutcome::from_status(Some(422)),
            RevokeOutcome::Rejected
        );
        assert_eq!(
            RevokeOutcome::from_status(Some(404)),
            RevokeOutcome::NotOffered
        );
        for status in [Some(200), Some(403), Some(500), None] {
            assert_eq!(RevokeOutcome::from_status(status), RevokeOutcome::Unknown);
        }
        assert_eq!(
            serde_json::to_string(&RevokeOutcome::Revoked).unwrap(),
            format!("\"{}\"", RevokeOutcome::Revoked.code())
        );
    }

    #[test]
    fn the_revocation_body_names_only_the_token() {
        let body = revoke_body("ghp_Ab1_x.y-z").unwrap();
        assert_eq!(body.as_str(), r#"{"credentials":["ghp_Ab1_x.y-z"]}"#);
        let parsed: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            parsed,
            serde_json::json!({ "credentials": ["ghp_Ab1_x.y-z"] })
        );
        // Nothing that would need escaping is ever put into JSON by hand.
        for odd in ["ghp_x\"y", "a\\b", "a\nb", "ü"] {
            assert!(revoke_body(odd).is_none(), "{odd}");
        }
    }

    #[test]
    fn revocable_kinds_are_the_documented_ones() {
        let revocable: Vec<Kind> = Kind::ALL.into_iter().filter(|k| can_revoke(*k)).collect();
        assert_eq!(
            revocable,
            [
                Kind::Classic,
                Kind::FineGrained,
                Kind::Oauth,
                Kind::UserToServer,
                Kind::Refresh
            ]
        );
    }

    #[test]
    fn each_kind_asks_its_endpoint() {
        assert_eq!(endpoint_path(Endpoint::User), "/user");
        assert!(endpoint_path(Endpoint::InstallationRepositories)
            .starts_with("/installation/repositories"));
    }
}
