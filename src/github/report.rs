//! What a check of a token found: the verdict, its cause in words, and every detail the card
//! shows. Pure data, serializable so that the background can hand it to the banner.

use serde::{Deserialize, Serialize};

use super::expiry::Expiry;
use super::scopes::ScopeInfo;
use crate::token::Kind;

/// The `data-verdict` values. Only a known authentication failure is `invalid`: a network
/// hiccup never makes a working token look dead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Valid,
    Invalid,
    Unknown,
    Malformed,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Invalid => "invalid",
            Verdict::Unknown => "unknown",
            Verdict::Malformed => "malformed",
        }
    }
}

/// Stable warning codes (`data-code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningCode {
    NoExpiration,
    ExpiresSoon,
    BroadScope,
    MissingScope,
    SsoRequired,
    SsoPartial,
    RateLimited,
    ChecksumMismatch,
    LegacyFormat,
    CannotCallApi,
    /// The browser hid GitHub's expiry header (no host access to the API).
    ExpiryHidden,
}

impl WarningCode {
    pub fn code(self) -> &'static str {
        match self {
            WarningCode::NoExpiration => "no-expiration",
            WarningCode::ExpiresSoon => "expires-soon",
            WarningCode::BroadScope => "broad-scope",
            WarningCode::MissingScope => "missing-scope",
            WarningCode::SsoRequired => "sso-required",
            WarningCode::SsoPartial => "sso-partial",
            WarningCode::RateLimited => "rate-limited",
            WarningCode::ChecksumMismatch => "checksum-mismatch",
            WarningCode::LegacyFormat => "legacy-format",
            WarningCode::CannotCallApi => "cannot-call-api",
            WarningCode::ExpiryHidden => "expiry-hidden",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub code: WarningCode,
    pub message: String,
}

/// Whose token it is (from `GET /user`). All strings come from the network: render as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub login: String,
    pub name: Option<String>,
    /// Only an `https://` URL is kept.
    pub avatar_url: Option<String>,
    pub html_url: Option<String>,
}

/// SAML single sign-on state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sso {
    None,
    /// The token must be authorized for an organization; the link lives one hour.
    Required {
        url: Option<String>,
    },
    /// Results silently miss these SAML-protected organizations.
    Partial {
        organizations: Vec<u64>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimit {
    pub limit: Option<u64>,
    pub remaining: Option<u64>,
    pub used: Option<u64>,
    /// Unix seconds.
    pub reset: Option<i64>,
    pub resource: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub verdict: Verdict,
    pub kind: Kind,
    /// One sentence: the verdict and its cause.
    pub summary: String,
    /// GitHub's own message, when it sent one (untrusted text, at most 300 characters).
    pub github_message: Option<String>,
    pub user: Option<User>,
    /// Repositories an installation token can reach.
    pub repositories: Option<u64>,
    /// `None`: the answer carried no scope list (fine-grained tokens have none).
    pub scopes: Option<Vec<ScopeInfo>>,
    pub expiry: Expiry,
    pub sso: Sso,
    pub rate: Option<RateLimit>,
    /// Seconds to wait before asking again, when rate limited.
    pub wait_seconds: Option<u64>,
    pub request_id: Option<String>,
    pub warnings: Vec<Warning>,
    /// Required scopes the token lacks, and a link to a token that has them.
    pub missing_scopes: Vec<String>,
    pub new_token_url: Option<String>,
    /// The web host whose API answered (`github.com`, or an Enterprise host).
    pub host: String,
}

impl Report {
    /// A report with nothing but a verdict and its summary.
    pub fn bare(verdict: Verdict, kind: Kind, summary: impl Into<String>) -> Self {
        Report {
            verdict,
            kind,
            summary: summary.into(),
            github_message: None,
            user: None,
            repositories: None,
            scopes: None,
            expiry: Expiry::Unknown,
            sso: Sso::None,
            rate: None,
            wait_seconds: None,
            request_id: None,
            warnings: Vec::new(),
            missing_scopes: Vec::new(),
            new_token_url: None,
            host: crate::hosts::GITHUB_COM.to_owned(),
        }
    }

    pub fn warn(&mut self, code: WarningCode, message: impl Into<String>) {
        if !self.warnings.iter().any(|warning| warning.code == code) {
            self.warnings.push(Warning {
                code,
                message: message.into(),
            });
        }
    }

    pub fn has_warning(&self, code: WarningCode) -> bool {
        self.warnings.iter().any(|warning| warning.code == code)
    }
}
