//! [`inspect`]: what one pasted string is, what was cleaned off it, what is wrong with it, and
//! whether asking GitHub about it makes sense.

use zeroize::Zeroizing;

use super::check::{classic_check_ok, fine_grained_check_ok};
use super::find::{find_text, is_fine_grained_shape};
use super::kind::{
    format_ignoring_case, format_of, is_base62, is_installation_jwt, is_legacy, Format, Layout,
    FINE_GRAINED_LEN, FINE_GRAINED_SEPARATOR, SHORT_LEN,
};
use super::problem::length_difference;

use super::other::not_a_token;
use super::{
    clean, CheckValue, Cleanup, Endpoint, Inspection, Kind, Problem, ProblemCode, Severity, Shape,
    Token, MAX_INPUT_BYTES,
};

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
    if let Some(verdict) = clean_token(raw) {
        // Its only allocation: the token's own wiped copy (`inspect_owned` needs none).
        return finish(
            Zeroizing::new(raw.to_owned()),
            verdict,
            Vec::new(),
            Vec::new(),
        );
    }
    if find_text(raw, "-----BEGIN").is_some() && find_text(raw, "PRIVATE KEY-----").is_some() {
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
    finish(candidate, verdict, cleanups, problems)
}

/// [`inspect`], taking the input instead of borrowing it. A clean, valid token (as GitHub's
/// copy button gives it) becomes the inspection's token as it is: that path allocates
/// nothing (tests/no_allocation.rs counts). Anything else is inspected as by [`inspect`] and
/// the input is wiped as it is dropped.
pub fn inspect_owned(raw: Zeroizing<String>) -> Inspection {
    match clean_token(&raw) {
        Some(verdict) => finish(raw, verdict, Vec::new(), Vec::new()),
        None => inspect(&raw),
    }
}

/// What GitHub's copy button puts on the clipboard: one token, nothing around it. No clean-up
/// pass can change it (no spaces, quotes, header names, URLs, JSON or assignments: only
/// `[A-Za-z0-9_]` after an exact prefix) and it is one word, so it is classified at once.
/// `None` for anything else, which takes the full path (tests/token_properties.rs holds the
/// two paths to the same answers).
fn clean_token(raw: &str) -> Option<Classification> {
    let clean = raw.len() <= MAX_INPUT_BYTES
        && super::kind::format_of(raw).is_some()
        && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && next_prefix_inside(raw).is_none();
    clean.then(|| classify(raw))
}

/// The inspection of the chosen word, with what cleaning and choosing found.
fn finish(
    candidate: Zeroizing<String>,
    verdict: Classification,
    cleanups: Vec<Cleanup>,
    mut problems: Vec<Problem>,
) -> Inspection {
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
/// `ghp_` cannot occur inside a real one, except ending at a fine-grained token's separator.
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
    // A fine-grained token's own separator can complete a prefix (`…gho_…` where its first
    // part ends in `gho`): that `_` starts no second token.
    let own_separator = (first.layout == Layout::FineGrained).then_some(FINE_GRAINED_SEPARATOR);
    // Every prefix starts with `g` (a test in kind.rs holds them to it): only those places
    // are looked at, found at memory speed.
    let start = first.prefix.len();
    memchr::memchr_iter(b'g', &word.as_bytes()[start..])
        .map(|at| start + at)
        .find(|&i| {
            super::kind::FORMATS.iter().any(|format| {
                word[i..].starts_with(format.prefix)
                    && own_separator != Some(i + format.prefix.len() - 1)
            })
        })
}

fn looks_like_github_token(word: &str) -> bool {
    format_ignoring_case(word).is_some() || is_legacy(word)
}

/// The verdict on one word that looks like a GitHub token.
struct Classification {
    kind: Kind,
    shape: Shape,
    check: CheckValue,
    problems: Vec<Problem>,
}

impl Classification {
    fn valid(kind: Kind, check: CheckValue) -> Self {
        Classification {
            kind,
            shape: Shape::Valid,
            check,
            problems: Vec::new(),
        }
    }

    fn invalid(kind: Kind, problem: Problem) -> Self {
        Classification {
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

fn classify(word: &str) -> Classification {
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
    Classification::valid(Kind::Legacy, CheckValue::None).with(Problem::new(
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

fn classify_prefixed(word: &str, format: &Format) -> Classification {
    let kind = format.kind;
    let verdict = match format.layout {
        Layout::Crc { len } => {
            if let Some(problem) = bad_characters(word, format.prefix.len()) {
                Classification::invalid(kind, problem)
            } else if word.len() != len {
                Classification::invalid(kind, wrong_length(word, len, kind))
            } else if classic_check_ok(word.as_bytes()) {
                Classification::valid(kind, CheckValue::Valid)
            } else {
                Classification::valid(kind, CheckValue::Mismatch)
                    .with(mismatch(kind, Severity::Blocking))
            }
        }
        Layout::FineGrained => {
            let body_ok = word[11..]
                .char_indices()
                .all(|(i, c)| c.is_ascii_alphanumeric() || (c == '_' && i + 11 == 33));
            if !body_ok {
                bad_characters(&word.replacen('_', "a", 3), 11)
                    .map(|problem| Classification::invalid(kind, problem))
                    .unwrap_or_else(|| {
                        Classification::invalid(
                            kind,
                            Problem::blocking(
                                ProblemCode::BadStructure,
                                "A fine-grained token has one underscore after github_pat_, at character 34; this one's is elsewhere.",
                            ),
                        )
                    })
            } else if word.len() != FINE_GRAINED_LEN {
                Classification::invalid(kind, wrong_length(word, FINE_GRAINED_LEN, kind))
            } else if !is_fine_grained_shape(word.as_bytes()) {
                Classification::invalid(
                    kind,
                    Problem::blocking(
                        ProblemCode::BadStructure,
                        "A fine-grained token has an underscore at character 34; this one does not.",
                    ),
                )
            } else if fine_grained_check_ok(word.as_bytes()) {
                Classification::valid(kind, CheckValue::Valid)
            } else {
                Classification::valid(kind, CheckValue::Mismatch)
                    .with(mismatch(kind, Severity::Warning))
            }
        }
        Layout::Installation => {
            if is_installation_jwt(word) {
                Classification::valid(kind, CheckValue::None)
            } else if word.len() == SHORT_LEN && word[4..].bytes().all(is_base62) {
                Classification::valid(kind, CheckValue::NotJudged)
            } else if word[4..].bytes().all(is_base62) {
                Classification::invalid(kind, wrong_length(word, SHORT_LEN, kind))
            } else {
                Classification::invalid(
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
