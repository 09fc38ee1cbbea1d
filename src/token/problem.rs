//! What can be wrong with a pasted token, each with a stable code and a message a user can
//! act on. Messages never contain the token, nor any part of the input beyond its length.

use serde::{Deserialize, Serialize};

/// Stable problem codes (serialized in kebab case; the UI and tests key on them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemCode {
    Empty,
    TooLarge,
    WrongLength,
    BadCharacters,
    BadStructure,
    ChecksumMismatch,
    UppercasePrefix,
    MultipleTokens,
    LeadingText,
    TrailingText,
    RefreshToken,
    InstallationToken,
    LegacyFormat,
    SshPrivateKey,
    SshPublicKey,
    GitlabToken,
    NpmToken,
    AwsAccessKey,
    SlackToken,
    OpenaiKey,
    Jwt,
    UrlWithoutToken,
    Password,
    Unrecognised,
}

impl ProblemCode {
    pub fn code(self) -> &'static str {
        match self {
            ProblemCode::Empty => "empty",
            ProblemCode::TooLarge => "too-large",
            ProblemCode::WrongLength => "wrong-length",
            ProblemCode::BadCharacters => "bad-characters",
            ProblemCode::BadStructure => "bad-structure",
            ProblemCode::ChecksumMismatch => "checksum-mismatch",
            ProblemCode::UppercasePrefix => "uppercase-prefix",
            ProblemCode::MultipleTokens => "multiple-tokens",
            ProblemCode::LeadingText => "leading-text",
            ProblemCode::TrailingText => "trailing-text",
            ProblemCode::RefreshToken => "refresh-token",
            ProblemCode::InstallationToken => "installation-token",
            ProblemCode::LegacyFormat => "legacy-format",
            ProblemCode::SshPrivateKey => "ssh-private-key",
            ProblemCode::SshPublicKey => "ssh-public-key",
            ProblemCode::GitlabToken => "gitlab-token",
            ProblemCode::NpmToken => "npm-token",
            ProblemCode::AwsAccessKey => "aws-access-key",
            ProblemCode::SlackToken => "slack-token",
            ProblemCode::OpenaiKey => "openai-key",
            ProblemCode::Jwt => "jwt",
            ProblemCode::UrlWithoutToken => "url-without-token",
            ProblemCode::Password => "password",
            ProblemCode::Unrecognised => "unrecognised",
        }
    }
}

/// How much a problem matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth knowing; changes nothing.
    Note,
    /// A soft signal: the token may still work.
    Warning,
    /// The input cannot be a working token as it stands; do not send it to GitHub.
    Blocking,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub code: ProblemCode,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    pub fn new(code: ProblemCode, severity: Severity, message: impl Into<String>) -> Self {
        Problem {
            code,
            severity,
            message: message.into(),
        }
    }

    pub fn blocking(code: ProblemCode, message: impl Into<String>) -> Self {
        Problem::new(code, Severity::Blocking, message)
    }
}

/// "one character is missing", "3 characters too many", in words.
pub fn length_difference(actual: usize, expected: usize) -> String {
    match actual.cmp(&expected) {
        std::cmp::Ordering::Less if expected - actual == 1 => {
            "one character is missing (often the first or last one, when selecting by hand)"
                .to_owned()
        }
        std::cmp::Ordering::Less => format!("{} characters are missing", expected - actual),
        std::cmp::Ordering::Greater if actual - expected == 1 => {
            "it has one character too many".to_owned()
        }
        std::cmp::Ordering::Greater => format!("it has {} characters too many", actual - expected),
        std::cmp::Ordering::Equal => "its length is right".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_serialized_names() {
        use ProblemCode::*;
        for code in [
            Empty,
            TooLarge,
            WrongLength,
            BadCharacters,
            BadStructure,
            ChecksumMismatch,
            UppercasePrefix,
            MultipleTokens,
            LeadingText,
            TrailingText,
            RefreshToken,
            InstallationToken,
            LegacyFormat,
            SshPrivateKey,
            SshPublicKey,
            GitlabToken,
            NpmToken,
            AwsAccessKey,
            SlackToken,
            OpenaiKey,
            Jwt,
            UrlWithoutToken,
            Password,
            Unrecognised,
        ] {
            assert_eq!(
                serde_json::to_string(&code).unwrap(),
                format!("\"{}\"", code.code())
            );
        }
    }

    #[test]
    fn length_differences_in_words() {
        assert!(length_difference(39, 40).starts_with("one character is missing"));
        assert_eq!(length_difference(37, 40), "3 characters are missing");
        assert_eq!(length_difference(41, 40), "it has one character too many");
        assert_eq!(length_difference(45, 40), "it has 5 characters too many");
    }
}
