//! What else a pasted string may be, when it is no GitHub token: named so the user learns
//! where it belongs. A table, like `FORMATS` and `SCOPES`: the first row that matches wins.

use zeroize::Zeroizing;

use super::{CheckValue, Cleanup, Inspection, Kind, Problem, ProblemCode, Shape, Token};

/// One kind of secret (or text) that is not a GitHub token. `is` sees the first word and the
/// whole text.
struct Other {
    code: ProblemCode,
    message: &'static str,
    is: fn(first: &str, text: &str) -> bool,
}

fn any_prefix(word: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|prefix| word.starts_with(prefix))
}

const OTHERS: [Other; 10] = [
    Other {
        code: ProblemCode::SshPublicKey,
        message: "This is an SSH public key. It belongs in GitHub's SSH keys settings, not in a token field.",
        is: |_, text| any_prefix(text, &["ssh-rsa ", "ssh-ed25519 ", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-"]),
    },
    Other {
        code: ProblemCode::GitlabToken,
        message: "This is a GitLab token, not a GitHub one.",
        is: |first, _| any_prefix(first, &["glpat-", "gldt-", "glptt-"]),
    },
    Other {
        code: ProblemCode::NpmToken,
        message: "This is an npm access token, not a GitHub one.",
        is: |first, _| first.starts_with("npm_"),
    },
    Other {
        code: ProblemCode::AwsAccessKey,
        message: "This is an AWS access key ID, not a GitHub token.",
        is: |first, _| {
            any_prefix(first, &["AKIA", "ASIA"])
                && first.len() == 20
                && first.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        },
    },
    Other {
        code: ProblemCode::SlackToken,
        message: "This is a Slack token, not a GitHub one.",
        is: |first, _| any_prefix(first, &["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-"]),
    },
    Other {
        code: ProblemCode::OpenaiKey,
        message: "This looks like an OpenAI API key, not a GitHub token.",
        is: |first, _| first.starts_with("sk-") && first.len() > 20,
    },
    Other {
        code: ProblemCode::Jwt,
        message: "This is a JSON Web Token, not a GitHub token. (A GitHub App's own JWT is exchanged for \
                  an installation token, which starts with ghs_.)",
        is: |first, _| first.starts_with("eyJ") && first.matches('.').count() == 2,
    },
    Other {
        code: ProblemCode::UrlWithoutToken,
        message: "This is a URL without a GitHub token in it.",
        is: |first, _| any_prefix(first, &["http://", "https://"]),
    },
    Other {
        code: ProblemCode::Password,
        message: "This looks like a password or another service's secret, not a GitHub token. \
                  GitHub tokens start with ghp_ (classic) or github_pat_ (fine-grained).",
        is: |first, text| !text.contains(char::is_whitespace) && (6..=128).contains(&first.chars().count()),
    },
    Other {
        code: ProblemCode::Unrecognised,
        message: "This is not a GitHub token. GitHub tokens start with ghp_ (classic) or github_pat_ \
                  (fine-grained).",
        is: |_, _| true,
    },
];

/// Name what a non-GitHub string probably is.
pub(super) fn not_a_token(text: &str, cleanups: Vec<Cleanup>) -> Inspection {
    let first = text.split_whitespace().next().unwrap_or("");
    let other = OTHERS
        .iter()
        .find(|other| (other.is)(first, text))
        .unwrap_or(&OTHERS[OTHERS.len() - 1]);
    Inspection {
        token: Some(Token::new(Zeroizing::new(text.to_owned()), Kind::NotAToken)),
        kind: Kind::NotAToken,
        cleanups,
        shape: Shape::NotApplicable,
        check: CheckValue::None,
        problems: vec![Problem::blocking(other.code, other.message)],
        endpoint: None,
    }
}
