//! The token engine: recognise, clean up, check and redact every GitHub token format,
//! offline. Pure: plain values in, plain values out, no I/O (docs/token-formats.md).
//!
//! - [`inspect`] tells what one pasted string is, what was cleaned off it, what is wrong with
//!   it and whether asking GitHub about it makes sense;
//! - [`find_tokens`] finds every token in a page's text;
//! - [`Token`] holds a token as a secret: redacted when printed, zeroed when dropped.

mod check;
mod clean;
mod find;
mod kind;
mod problem;
mod secret;

pub use check::{classic_check, fine_grained_check};
pub use clean::Cleanup;
pub use find::{find_tokens, Found};
pub use kind::Kind;
pub use problem::{Problem, ProblemCode, Severity};
pub use secret::{join_secret, redact, SecretString, Token};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use check::{classic_check_ok, fine_grained_check_ok};
use find::is_fine_grained_shape;
use kind::{
    format_ignoring_case, format_of, is_base62, is_installation_jwt, is_legacy, Format, Layout,
    FINE_GRAINED_LEN, SHORT_LEN,
};
use problem::length_difference;

/// Raw input above this size is refused before any work is done.
pub const MAX_INPUT_BYTES: usize = 64 * 1024;

/// Whether the characters and length fit the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    Valid,
    Invalid,
    /// Nothing to judge: not a GitHub token.
    NotApplicable,
}

/// What the check value says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckValue {
    Valid,
    Mismatch,
    /// The format has no check value (legacy, new installation form) or the shape is wrong.
    None,
    /// The format may have one, but its algorithm is not confirmed (old installation form).
    NotJudged,
}

/// Which GitHub endpoint tells what a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Endpoint {
    /// `GET /user`
    User,
    /// `GET /installation/repositories`, for installation tokens.
    InstallationRepositories,
}

/// Everything PAT Guard can tell about a pasted string without the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// The cleaned candidate, as a secret. `None` when there is nothing, or when the input
    /// was too large or is a private key (which PAT Guard does not keep).
    pub token: Option<Token>,
    pub kind: Kind,
    pub cleanups: Vec<Cleanup>,
    pub shape: Shape,
    pub check: CheckValue,
    pub problems: Vec<Problem>,
    /// Where to ask GitHub about it, or `None` when a request must not be made (a malformed
    /// token would only count towards GitHub's failed-login lockout).
    pub endpoint: Option<Endpoint>,
}

impl Inspection {
    fn nothing(kind: Kind, problem: Problem) -> Self {
        Inspection {
            token: None,
            kind,
            cleanups: Vec::new(),
            shape: Shape::NotApplicable,
            check: CheckValue::None,
            problems: vec![problem],
            endpoint: None,
        }
    }

    /// Whether asking GitHub makes sense.
    pub fn can_call_api(&self) -> bool {
        self.endpoint.is_some()
    }

    pub fn has(&self, code: ProblemCode) -> bool {
        self.problems.iter().any(|problem| problem.code == code)
    }

    /// The most serious problem's severity, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.problems.iter().map(|problem| problem.severity).max()
    }
}

/// Inspect raw pasted input.
pub fn inspect(raw: &str) -> Inspection {
    if raw.len() > MAX_INPUT_BYTES {
        return Inspection::nothing(
            Kind::NotAToken,
            Problem::blocking(
                ProblemCode::TooLarge,
                format!(
                    "That is {} KiB of text; a token is at most a few hundred characters. Paste only the token.",
                    raw.len() / 1024
                ),
            ),
        );
    }
    if raw.contains("-----BEGIN") && raw.contains("PRIVATE KEY-----") {
        return Inspection::nothing(
            Kind::NotAToken,
            Problem::blocking(
                ProblemCode::SshPrivateKey,
                "This is a private key, not a GitHub token. Never paste it anywhere: \
                 GitHub tokens start with ghp_ or github_pat_.",
            ),
        );
    }
    let (text, mut cleanups) = clean::clean(raw);
    if text.is_empty() {
        return Inspection::nothing(
            Kind::NotAToken,
            Problem::blocking(ProblemCode::Empty, "Paste a token to check it."),
        );
    }

    // Each word is cleaned on its own too: `GH_TOKEN=ghp_… # CI` holds a token in its first
    // word that only shows once that word's own layer is off (and may then split again).
    let mut words: Vec<(Zeroizing<String>, Vec<Cleanup>)> = Vec::new();
    for word in split_words(&text) {
        clean_word(word, Vec::new(), &mut words);
    }
    let token_like: Vec<usize> = (0..words.len())
        .filter(|&i| looks_like_github_token(&words[i].0))
        .collect();
    let mut problems = Vec::new();
    let chosen = match token_like.as_slice() {
        [] => return not_a_token(&text, cleanups),
        [only] => {
            if *only > 0 {
                problems.push(Problem::blocking(
                    ProblemCode::LeadingText,
                    "There is other text before the token. Paste only the token.",
                ));
            }
            if *only + 1 < words.len() {
                problems.push(Problem::blocking(
                    ProblemCode::TrailingText,
                    "The token is followed by other text. Paste only the token.",
                ));
            }
            *only
        }
        [first, rest @ ..] => {
            let all_same = rest.iter().all(|&i| words[i].0 == words[*first].0);
            if all_same {
                cleanups.push(Cleanup::RemovedDuplicate);
                if words.len() > token_like.len() {
                    problems.push(Problem::blocking(
                        ProblemCode::TrailingText,
                        "Besides the token there is other text. Paste only the token.",
                    ));
                }
            } else {
                problems.push(Problem::blocking(
                    ProblemCode::MultipleTokens,
                    format!(
                        "This holds {} different tokens. Check them one at a time.",
                        token_like.len()
                    ),
                ));
            }
            *first
        }
    };
    let (candidate, more) = words.into_iter().nth(chosen).unwrap_or_default();
    for cleanup in more {
        if !cleanups.contains(&cleanup) {
            cleanups.push(cleanup);
        }
    }
    let verdict = classify(&candidate);
    problems.extend(verdict.problems);
    let blocked = problems.iter().any(|p| p.severity == Severity::Blocking);
    let endpoint = match verdict.kind {
        _ if blocked => None,
        Kind::Refresh | Kind::NotAToken => None,
        Kind::Installation => Some(Endpoint::InstallationRepositories),
        _ => Some(Endpoint::User),
    };
    Inspection {
        token: Some(Token::new(candidate, verdict.kind)),
        kind: verdict.kind,
        cleanups,
        shape: verdict.shape,
        check: verdict.check,
        problems,
        endpoint,
    }
}

/// Clean one word; if that reveals several words, clean each of those in turn. Every round
/// strictly shortens the text, so this ends.
fn clean_word(word: &str, before: Vec<Cleanup>, out: &mut Vec<(Zeroizing<String>, Vec<Cleanup>)>) {
    let (cleaned, steps) = clean::clean(word);
    let mut steps_so_far = before;
    steps_so_far.extend(steps);
    let pieces = split_words(&cleaned);
    match pieces.as_slice() {
        [only] if *only == cleaned.as_str() => out.push((cleaned, steps_so_far)),
        _ => {
            for piece in pieces {
                clean_word(piece, steps_so_far.clone(), out);
            }
        }
    }
}

/// Split on whitespace, and split a word where a second token prefix starts inside it
/// (a token pasted twice without a space). Token bodies are base62, so a prefix such as
/// `ghp_` cannot occur inside a real one.
fn split_words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    for word in text.split_whitespace() {
        let mut rest = word;
        while let Some(cut) = next_prefix_inside(rest) {
            words.push(&rest[..cut]);
            rest = &rest[cut..];
        }
        words.push(rest);
    }
    words
}

fn next_prefix_inside(word: &str) -> Option<usize> {
    let first = format_ignoring_case(word)?;
    if first.layout == Layout::Installation {
        return None; // the JWT form may contain anything base64url
    }
    (first.prefix.len()..word.len())
        .filter(|&i| word.is_char_boundary(i))
        .find(|&i| {
            kind::FORMATS
                .iter()
                .any(|format| word[i..].starts_with(format.prefix))
        })
}

fn looks_like_github_token(word: &str) -> bool {
    format_ignoring_case(word).is_some() || is_legacy(word)
}

/// The verdict on one word that looks like a GitHub token.
struct Verdict {
    kind: Kind,
    shape: Shape,
    check: CheckValue,
    problems: Vec<Problem>,
}

impl Verdict {
    fn valid(kind: Kind, check: CheckValue) -> Self {
        Verdict {
            kind,
            shape: Shape::Valid,
            check,
            problems: Vec::new(),
        }
    }

    fn invalid(kind: Kind, problem: Problem) -> Self {
        Verdict {
            kind,
            shape: Shape::Invalid,
            check: CheckValue::None,
            problems: vec![problem],
        }
    }

    fn with(mut self, problem: Problem) -> Self {
        self.problems.push(problem);
        self
    }
}

fn classify(word: &str) -> Verdict {
    if let Some(format) = format_of(word) {
        return classify_prefixed(word, format);
    }
    if let Some(format) = format_ignoring_case(word) {
        let lowered = format!("{}{}", format.prefix, &word[format.prefix.len()..]);
        let mut verdict = classify_prefixed(&lowered, format);
        let rest_ok = verdict.problems.is_empty() && verdict.check != CheckValue::Mismatch;
        verdict.problems.insert(
            0,
            Problem::blocking(
                ProblemCode::UppercasePrefix,
                if rest_ok {
                    format!(
                        "The prefix should be lower case: {}. The rest checks out, so only the prefix's case changed.",
                        format.prefix
                    )
                } else {
                    format!(
                        "The prefix should be lower case: {}. If the whole token was changed to upper case, copy it again from where you saved it.",
                        format.prefix
                    )
                },
            ),
        );
        return verdict;
    }
    // `looks_like_github_token` let only prefixed words and legacy hex through.
    Verdict::valid(Kind::Legacy, CheckValue::None).with(Problem::new(
        ProblemCode::LegacyFormat,
        Severity::Warning,
        "This is an old-style token (40 hex characters, from before 2021) or a commit hash. \
         GitHub now issues prefixed tokens with a check value; consider replacing it.",
    ))
}

fn bad_characters(word: &str, from: usize) -> Option<Problem> {
    let position = word
        .char_indices()
        .skip_while(|&(i, _)| i < from)
        .position(|(_, c)| !c.is_ascii_alphanumeric())?;
    Some(Problem::blocking(
        ProblemCode::BadCharacters,
        format!(
            "Character {} is not a letter or digit; GitHub tokens contain only A–Z, a–z and 0–9 after the prefix.",
            word[..from].chars().count() + position + 1
        ),
    ))
}

fn wrong_length(word: &str, expected: usize, kind: Kind) -> Problem {
    let actual = word.chars().count();
    Problem::blocking(
        ProblemCode::WrongLength,
        format!(
            "It has {actual} characters, but a {} has {expected}: {}.",
            kind.label(),
            length_difference(actual, expected)
        ),
    )
}

fn mismatch(kind: Kind, severity: Severity) -> Problem {
    let message = if severity == Severity::Blocking {
        format!(
            "This {} fails its check value: at least one character is mistyped. Copy it again rather than typing it.",
            kind.label()
        )
    } else {
        "This fine-grained token fails its (undocumented) check value, so it looks mistyped. \
         It may still work: check it with GitHub to be sure."
            .to_owned()
    };
    Problem::new(ProblemCode::ChecksumMismatch, severity, message)
}

fn classify_prefixed(word: &str, format: &Format) -> Verdict {
    let kind = format.kind;
    let verdict = match format.layout {
        Layout::Crc { len } => {
            if let Some(problem) = bad_characters(word, format.prefix.len()) {
                Verdict::invalid(kind, problem)
            } else if word.len() != len {
                Verdict::invalid(kind, wrong_length(word, len, kind))
            } else if classic_check_ok(word.as_bytes()) {
                Verdict::valid(kind, CheckValue::Valid)
            } else {
                Verdict::valid(kind, CheckValue::Mismatch).with(mismatch(kind, Severity::Blocking))
            }
        }
        Layout::FineGrained => {
            let body_ok = word[11..]
                .char_indices()
                .all(|(i, c)| c.is_ascii_alphanumeric() || (c == '_' && i + 11 == 33));
            if !body_ok {
                bad_characters(&word.replacen('_', "a", 3), 11)
                    .map(|problem| Verdict::invalid(kind, problem))
                    .unwrap_or_else(|| {
                        Verdict::invalid(
                            kind,
                            Problem::blocking(
                                ProblemCode::BadStructure,
                                "A fine-grained token has one underscore after github_pat_, at character 34; this one's is elsewhere.",
                            ),
                        )
                    })
            } else if word.len() != FINE_GRAINED_LEN {
                Verdict::invalid(kind, wrong_length(word, FINE_GRAINED_LEN, kind))
            } else if !is_fine_grained_shape(word.as_bytes()) {
                Verdict::invalid(
                    kind,
                    Problem::blocking(
                        ProblemCode::BadStructure,
                        "A fine-grained token has an underscore at character 34; this one does not.",
                    ),
                )
            } else if fine_grained_check_ok(word.as_bytes()) {
                Verdict::valid(kind, CheckValue::Valid)
            } else {
                Verdict::valid(kind, CheckValue::Mismatch).with(mismatch(kind, Severity::Warning))
            }
        }
        Layout::Installation => {
            if is_installation_jwt(word) {
                Verdict::valid(kind, CheckValue::None)
            } else if word.len() == SHORT_LEN && word[4..].bytes().all(is_base62) {
                Verdict::valid(kind, CheckValue::NotJudged)
            } else if word[4..].bytes().all(is_base62) {
                Verdict::invalid(kind, wrong_length(word, SHORT_LEN, kind))
            } else {
                Verdict::invalid(
                    kind,
                    Problem::blocking(
                        ProblemCode::BadStructure,
                        "This is neither form of installation token: 40 letters and digits, or ghs_<app id>_<JWT>.",
                    ),
                )
            }
        }
    };
    match kind {
        Kind::Refresh => verdict.with(Problem::new(
            ProblemCode::RefreshToken,
            Severity::Note,
            "This is a GitHub App refresh token: it can only be exchanged for a new user access \
             token and cannot call the API itself, so PAT Guard does not send it to GitHub.",
        )),
        Kind::Installation => verdict.with(Problem::new(
            ProblemCode::InstallationToken,
            Severity::Note,
            "This is a GitHub App installation token: it expires within an hour and is checked \
             with GET /installation/repositories instead of /user.",
        )),
        _ => verdict,
    }
}

/// Name what a non-GitHub string probably is.
fn not_a_token(text: &str, cleanups: Vec<Cleanup>) -> Inspection {
    let first = text.split_whitespace().next().unwrap_or("");
    let single_word = !text.contains(char::is_whitespace);
    let starts = |prefix: &str| first.starts_with(prefix);
    let (code, message) = if [
        "ssh-rsa ",
        "ssh-ed25519 ",
        "ecdsa-sha2-",
        "sk-ssh-",
        "sk-ecdsa-",
    ]
    .iter()
    .any(|p| text.starts_with(p))
    {
        (
            ProblemCode::SshPublicKey,
            "This is an SSH public key. It belongs in GitHub's SSH keys settings, not in a token field.",
        )
    } else if starts("glpat-") || starts("gldt-") || starts("glptt-") {
        (
            ProblemCode::GitlabToken,
            "This is a GitLab token, not a GitHub one.",
        )
    } else if starts("npm_") {
        (
            ProblemCode::NpmToken,
            "This is an npm access token, not a GitHub one.",
        )
    } else if (starts("AKIA") || starts("ASIA"))
        && first.len() == 20
        && first
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        (
            ProblemCode::AwsAccessKey,
            "This is an AWS access key ID, not a GitHub token.",
        )
    } else if ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-"]
        .iter()
        .any(|p| starts(p))
    {
        (
            ProblemCode::SlackToken,
            "This is a Slack token, not a GitHub one.",
        )
    } else if starts("sk-") && first.len() > 20 {
        (
            ProblemCode::OpenaiKey,
            "This looks like an OpenAI API key, not a GitHub token.",
        )
    } else if starts("eyJ") && first.matches('.').count() == 2 {
        (
            ProblemCode::Jwt,
            "This is a JSON Web Token, not a GitHub token. (A GitHub App's own JWT is exchanged for \
             an installation token, which starts with ghs_.)",
        )
    } else if starts("http://") || starts("https://") {
        (
            ProblemCode::UrlWithoutToken,
            "This is a URL without a GitHub token in it.",
        )
    } else if single_word && (6..=128).contains(&first.chars().count()) {
        (
            ProblemCode::Password,
            "This looks like a password or another service's secret, not a GitHub token. \
             GitHub tokens start with ghp_ (classic) or github_pat_ (fine-grained).",
        )
    } else {
        (
            ProblemCode::Unrecognised,
            "This is not a GitHub token. GitHub tokens start with ghp_ (classic) or github_pat_ \
             (fine-grained).",
        )
    };
    Inspection {
        token: Some(Token::new(Zeroizing::new(text.to_owned()), Kind::NotAToken)),
        kind: Kind::NotAToken,
        cleanups,
        shape: Shape::NotApplicable,
        check: CheckValue::None,
        problems: vec![Problem::blocking(code, message)],
        endpoint: None,
    }
}
