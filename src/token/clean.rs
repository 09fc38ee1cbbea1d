//! Clean-ups: what people paste around a token, taken off one layer at a time, each step
//! recorded so the user is told exactly what was changed. Extraction steps (from a URL, an
//! assignment or JSON) apply only when what they extract starts like a GitHub token: PAT
//! Guard never guesses which part of an unknown string was meant.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::find::strip_prefix_ignore_case;
use super::kind::{format_ignoring_case, is_legacy};
use crate::json;

/// One change made to the pasted text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum Cleanup {
    /// Spaces, tabs or line breaks around the token.
    TrimmedWhitespace,
    /// Zero-width characters, byte-order marks, soft hyphens, non-breaking spaces.
    RemovedInvisible {
        count: usize,
    },
    /// The token was broken over several lines.
    JoinedLines {
        count: usize,
    },
    RemovedQuotes,
    RemovedAuthorizationHeader,
    RemovedBearer,
    RemovedTokenScheme,
    /// `NAME=value`, `export NAME=value`, `NAME: value`.
    FromAssignment {
        name: String,
    },
    /// `{"token": "…"}`.
    FromJsonField {
        name: String,
    },
    /// `https://user:TOKEN@host/…` or `https://TOKEN@host/…`.
    FromUrlUserInfo,
    /// `https://host/…?access_token=TOKEN`.
    FromUrlQuery {
        name: String,
    },
    /// The same token was pasted more than once.
    RemovedDuplicate,
}

impl Cleanup {
    /// The stable code, as serialized in the `code` tag.
    pub fn code(&self) -> &'static str {
        match self {
            Cleanup::TrimmedWhitespace => "trimmed-whitespace",
            Cleanup::RemovedInvisible { .. } => "removed-invisible",
            Cleanup::JoinedLines { .. } => "joined-lines",
            Cleanup::RemovedQuotes => "removed-quotes",
            Cleanup::RemovedAuthorizationHeader => "removed-authorization-header",
            Cleanup::RemovedBearer => "removed-bearer",
            Cleanup::RemovedTokenScheme => "removed-token-scheme",
            Cleanup::FromAssignment { .. } => "from-assignment",
            Cleanup::FromJsonField { .. } => "from-json-field",
            Cleanup::FromUrlUserInfo => "from-url-user-info",
            Cleanup::FromUrlQuery { .. } => "from-url-query",
            Cleanup::RemovedDuplicate => "removed-duplicate",
        }
    }

    /// The change in words, for the user.
    pub fn describe(&self) -> String {
        match self {
            Cleanup::TrimmedWhitespace => "removed spaces and line breaks around the token".into(),
            Cleanup::RemovedInvisible { count: 1 } => {
                "removed an invisible character (zero-width or non-breaking space)".into()
            }
            Cleanup::RemovedInvisible { count } => {
                format!("removed {count} invisible characters (zero-width or non-breaking spaces)")
            }
            Cleanup::JoinedLines { count: 1 } => "removed a line break inside the token".into(),
            Cleanup::JoinedLines { count } => {
                format!("removed {count} line breaks inside the token")
            }
            Cleanup::RemovedQuotes => "removed the quotes around the token".into(),
            Cleanup::RemovedAuthorizationHeader => {
                "removed the “Authorization:” header name".into()
            }
            Cleanup::RemovedBearer => "removed the “Bearer” prefix".into(),
            Cleanup::RemovedTokenScheme => "removed the “token” prefix".into(),
            Cleanup::FromAssignment { name } => format!("took the value out of “{name}=…”"),
            Cleanup::FromJsonField { name } => {
                format!("took the token out of the JSON field “{name}”")
            }
            Cleanup::FromUrlUserInfo => "took the token out of a URL".into(),
            Cleanup::FromUrlQuery { name } => {
                format!("took the token out of the URL’s “{name}” parameter")
            }
            Cleanup::RemovedDuplicate => "the token was pasted twice; kept one copy".into(),
        }
    }
}

/// Clean pasted text: returns the cleaned text and every change made, in order.
///
/// Every pass strictly shortens the text, so the loop ends; passes that people stack (quotes
/// and spaces, header names) take off all their layers at once, so even hostile input costs
/// few passes.
pub fn clean(raw: &str) -> (Zeroizing<String>, Vec<Cleanup>) {
    let mut text = Zeroizing::new(raw.to_owned());
    let mut cleanups: Vec<Cleanup> = Vec::new();
    while let Some((next, cleanup)) = PASSES.iter().find_map(|pass| pass(&text)) {
        debug_assert!(
            next.len() < text.len(),
            "{cleanup:?} did not shorten the text"
        );
        text = next;
        if let (
            Some(Cleanup::RemovedInvisible { count }),
            Cleanup::RemovedInvisible { count: more },
        ) = (cleanups.last_mut(), &cleanup)
        {
            *count += more; // count repeated steps of one kind as one step
        } else if !cleanups.contains(&cleanup) {
            cleanups.push(cleanup);
        }
    }
    (text, cleanups)
}

type Pass = fn(&str) -> Option<(Zeroizing<String>, Cleanup)>;

const PASSES: [Pass; 9] = [
    remove_invisible,
    trim,
    strip_quotes,
    strip_authorization,
    strip_scheme,
    from_url,
    from_json,
    from_assignment,
    join_lines,
];

fn owned(text: &str) -> Zeroizing<String> {
    Zeroizing::new(text.to_owned())
}

/// Whether text starts like a GitHub token: a known prefix in any case, or legacy hex.
fn looks_like_token(text: &str) -> bool {
    let text = text.trim_matches(|c: char| {
        c.is_whitespace() || QUOTES.iter().any(|&(open, close)| c == open || c == close)
    });
    format_ignoring_case(text).is_some() || is_legacy(text)
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
    )
}

fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{0085}')
}

/// Zero-width characters go; odd spaces become spaces and odd line separators line breaks,
/// so that trimming and word splitting treat them as what they look like.
fn remove_invisible(text: &str) -> Option<(Zeroizing<String>, Cleanup)> {
    let count = text
        .chars()
        .filter(|&c| is_invisible(c) || is_odd_space(c) || is_line_separator(c))
        .count();
    if count == 0 {
        return None;
    }
    let mut out = Zeroizing::new(String::with_capacity(text.len()));
    for c in text.chars() {
        if is_invisible(c) {
            continue;
        }
        out.push(if is_odd_space(c) {
            ' '
        } else if is_line_separator(c) {
            '\n'
        } else {
            c
        });
    }
    Some((out, Cleanup::RemovedInvisible { count }))
}

fn trim(text: &str) -> Option<(Zeroizing<String>, Cleanup)> {
    let trimmed = text.trim();
    (trimmed.len() != text.len()).then(|| (owned(trimmed), Cleanup::TrimmedWhitespace))
}

const QUOTES: [(char, char); 6] = [
    ('"', '"'),
    ('\'', '\''),
    ('`', '`'),
    ('\u{201C}', '\u{201D}'),
    ('\u{2018}', '\u{2019}'),
    ('\u{00AB}', '\u{00BB}'),
];

/// Quotes around the text, as many layers as there are, with any spaces between layers.
fn strip_quotes(text: &str) -> Option<(Zeroizing<String>, Cleanup)> {
    let mut inner = text;
    loop {
        let mut chars = inner.chars();
        let (Some(first), Some(last)) = (chars.next(), chars.next_back()) else {
            break;
        };
        if !QUOTES
            .iter()
            .any(|&(open, close)| first == open && last == close)
        {
            break;
        }
        inner = inner[first.len_utf8()..inner.len() - last.len_utf8()].trim();
    }
    (inner.len() != text.len()).then(|| (owned(inner), Cleanup::RemovedQuotes))
}

fn strip_authorization(text: &str) -> Option<(Zeroizing<String>, Cleanup)> {
    let mut rest = text;
    while let Some(after) = strip_prefix_ignore_case(rest, "authorization")
        .and_then(|after| after.trim_start_matches([' ', '\t']).strip_prefix(':'))
    {
        rest = after.trim_start();
    }
    (rest.len() != text.len()).then(|| (owned(rest), Cleanup::RemovedAuthorizationHeader))
}

fn strip_scheme(text: &str) -> Option<(Zeroizing<String>, Cleanup)> {
    for (scheme, cleanup) in [
        ("bearer", Cleanup::RemovedBearer),
        ("token", Cleanup::RemovedTokenScheme),
    ] {
        if let Some(rest) = strip_prefix_ignore_case(text, scheme) {
            if rest.starts_with([' ', '\t']) && looks_like_token(rest) {
                return Some((owned(rest.trim_start()), cleanup));
            }
        }
    }
    None
}

/// A token in a URL's user info or in its `access_token` query parameter.
fn from_url(text: &str) -> Option<(Zeroizing<String>, Cleanup)> {
    let rest = ["https://", "http://", "git+https://"]
        .iter()
        .find_map(|scheme| strip_prefix_ignore_case(text, scheme))?;
    if rest.contains(char::is_whitespace) {
        return None;
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    if let Some((user_info, _host)) = authority.rsplit_once('@') {
        let (user, password) = user_info.split_once(':').unwrap_or((user_info, ""));
        if let Some(token) = [password, user]
            .into_iter()
            .find(|part| looks_like_token(part))
        {
            return Some((owned(token), Cleanup::FromUrlUserInfo));
        }
    }
    let query = rest.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or("");
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        (matches!(name, "access_token" | "token") && looks_like_token(value)).then(|| {
            (
                owned(value),
                Cleanup::FromUrlQuery {
                    name: name.to_owned(),
                },
            )
        })
    })
}

/// A name safe to repeat back to the user: an identifier of modest length.
/// A field or variable name that may be shown back: short, plain, and not itself a secret
/// (`{"ghp_…": "ghp_…"}` must not show the key in clear).
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && !looks_like_token(name)
        && !["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]
            .iter()
            .any(|prefix| name.to_ascii_lowercase().contains(prefix))
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        && !name.as_bytes()[0].is_ascii_digit()
}

/// `{"token": "ghp_…"}`: a JSON object with exactly one field that holds a token.
fn from_json(text: &str) -> Option<(Zeroizing<String>, Cleanup)> {
    if !(text.starts_with('{') && text.ends_with('}')) {
        return None;
    }
    let mut found = None;
    let mut count = 0;
    for (name, value) in json::string_members(json::parse(text)?)? {
        if looks_like_token(&value) {
            count += 1;
            let name = if is_plain_name(&name) && !name.contains(value.as_str()) {
                name
            } else {
                "(unnamed)".to_owned()
            };
            found = Some((owned(&value), Cleanup::FromJsonField { name }));
        }
    }
    if count == 1 {
        found
    } else {
        None
    }
}

/// `GITHUB_TOKEN=ghp_…`, `export GH_TOKEN="ghp_…"`, `$env:GH_TOKEN = "ghp_…"`, `token: ghp_…`.
fn from_assignment(text: &str) -> Option<(Zeroizing<String>, Cleanup)> {
    if text.contains('\n') {
        return None;
    }
    let rest = ["export ", "set ", "$env:"]
        .iter()
        .find_map(|keyword| strip_prefix_ignore_case(text, keyword))
        .map(str::trim_start)
        .unwrap_or(text);
    let split = rest.find(['=', ':'])?;
    let name = rest[..split].trim_end();
    let value = rest[split + 1..].trim_start();
    (is_plain_name(name) && !looks_like_token(name) && looks_like_token(value)).then(|| {
        // A name that holds the value itself (`<40 hex>x=<40 hex>`) is never shown back.
        let name = if name.contains(value.trim_matches(['"', '\''])) {
            "(unnamed)"
        } else {
            name
        };
        (
            owned(value),
            Cleanup::FromAssignment {
                name: name.to_owned(),
            },
        )
    })
}

/// A token broken over lines: the first line starts like a token, the others continue it
/// (no spaces, no new prefix), and the first line alone is too short to be whole.
fn join_lines(text: &str) -> Option<(Zeroizing<String>, Cleanup)> {
    if !text.contains(['\n', '\r']) {
        return None;
    }
    let lines: Vec<&str> = text
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let (first, rest) = lines.split_first()?;
    let format = format_ignoring_case(first)?;
    let continues = |line: &&str| {
        format_ignoring_case(line).is_none()
            && line
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
    };
    let whole_already = match format.layout {
        super::kind::Layout::Crc { len } => first.len() >= len,
        super::kind::Layout::FineGrained => first.len() >= super::kind::FINE_GRAINED_LEN,
        super::kind::Layout::Installation => {
            first.len() == super::kind::SHORT_LEN || super::kind::is_installation_jwt(first)
        }
    };
    if rest.is_empty()
        || whole_already
        || !rest.iter().all(continues)
        || first.contains(char::is_whitespace)
    {
        return None;
    }
    let joined: String = lines.concat();
    Some((
        Zeroizing::new(joined),
        Cleanup::JoinedLines {
            count: lines.len() - 1,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa000000"; // shape only, not checksum-valid

    fn cleaned(raw: &str) -> (String, Vec<Cleanup>) {
        let (text, cleanups) = clean(raw);
        (text.to_string(), cleanups)
    }

    #[test]
    fn each_layer_is_taken_off_and_named() {
        use Cleanup::*;
        let cases: Vec<(String, Vec<Cleanup>)> = vec![
            (format!("  {T}\n"), vec![TrimmedWhitespace]),
            (
                format!("\u{FEFF}{T}\u{200B}"),
                vec![RemovedInvisible { count: 2 }],
            ),
            (
                format!("\u{00A0}{T}"),
                vec![RemovedInvisible { count: 1 }, TrimmedWhitespace],
            ),
            (format!("\"{T}\""), vec![RemovedQuotes]),
            (format!("`{T}`"), vec![RemovedQuotes]),
            (format!("\u{201C}{T}\u{201D}"), vec![RemovedQuotes]),
            (format!("Bearer {T}"), vec![RemovedBearer]),
            (format!("token {T}"), vec![RemovedTokenScheme]),
            (
                format!("Authorization: Bearer {T}"),
                vec![RemovedAuthorizationHeader, RemovedBearer],
            ),
            (
                format!("authorization:token {T}"),
                vec![RemovedAuthorizationHeader, RemovedTokenScheme],
            ),
            (
                format!("GITHUB_TOKEN={T}"),
                vec![FromAssignment {
                    name: "GITHUB_TOKEN".into(),
                }],
            ),
            (
                format!("export GH_TOKEN=\"{T}\""),
                vec![
                    FromAssignment {
                        name: "GH_TOKEN".into(),
                    },
                    RemovedQuotes,
                ],
            ),
            (
                format!("token: {T}"),
                vec![FromAssignment {
                    name: "token".into(),
                }],
            ),
            (
                format!("{{\"token\": \"{T}\"}}"),
                vec![FromJsonField {
                    name: "token".into(),
                }],
            ),
            (
                format!("{{\"user\": \"me\", \"password\": \"{T}\"}}"),
                vec![FromJsonField {
                    name: "password".into(),
                }],
            ),
            (
                format!("https://x-access-token:{T}@github.com/o/r.git"),
                vec![FromUrlUserInfo],
            ),
            (
                format!("https://{T}@github.com/o/r.git"),
                vec![FromUrlUserInfo],
            ),
            (
                format!("https://{T}:x-oauth-basic@github.com/"),
                vec![FromUrlUserInfo],
            ),
            (
                format!("https://api.github.com/user?access_token={T}&x=1"),
                vec![FromUrlQuery {
                    name: "access_token".into(),
                }],
            ),
            (
                format!("{}\n{}", &T[..20], &T[20..]),
                vec![JoinedLines { count: 1 }],
            ),
            (
                format!("{}\r\n{}\r\n", &T[..20], &T[20..]),
                vec![TrimmedWhitespace, JoinedLines { count: 1 }],
            ),
        ];
        for (raw, expected) in cases {
            let (text, cleanups) = cleaned(&raw);
            assert_eq!(text, T, "{raw:?}");
            assert_eq!(cleanups, expected, "{raw:?}");
        }
    }

    #[test]
    fn the_sample_is_not_a_checksum_valid_token() {
        assert!(!crate::token::check::classic_check_ok(T.as_bytes()));
    }

    #[test]
    fn never_guesses_inside_strings_that_do_not_hold_a_token() {
        for raw in [
            "password=hunter2",
            "https://user:pass@example.com/",
            "{\"a\": \"b\"}",
            "Bearer something",
            "token: abc",
            "a\nb",
        ] {
            let (text, cleanups) = cleaned(raw);
            assert_eq!(text, raw);
            assert!(cleanups.is_empty(), "{raw:?}: {cleanups:?}");
        }
    }

    #[test]
    fn two_tokens_in_json_are_not_picked_from() {
        let raw = format!("{{\"a\": \"{T}\", \"b\": \"{T}\"}}");
        assert!(cleaned(&raw).1.is_empty());
    }

    #[test]
    fn a_complete_token_is_not_joined_with_the_next_line() {
        let raw = format!("{T}\nnotes");
        assert_eq!(cleaned(&raw).0, raw);
    }

    #[test]
    fn codes_match_the_serialized_tags() {
        for cleanup in [
            Cleanup::TrimmedWhitespace,
            Cleanup::RemovedInvisible { count: 2 },
            Cleanup::JoinedLines { count: 1 },
            Cleanup::RemovedQuotes,
            Cleanup::RemovedAuthorizationHeader,
            Cleanup::RemovedBearer,
            Cleanup::RemovedTokenScheme,
            Cleanup::FromAssignment { name: "A".into() },
            Cleanup::FromJsonField { name: "a".into() },
            Cleanup::FromUrlUserInfo,
            Cleanup::FromUrlQuery {
                name: "token".into(),
            },
            Cleanup::RemovedDuplicate,
        ] {
            let json = serde_json::to_value(&cleanup).unwrap();
            assert_eq!(json["code"], cleanup.code());
        }
    }

    #[test]
    fn a_name_that_holds_the_value_is_never_shown_back() {
        // Found by the `inspect` fuzz target: a legacy (prefix-less) token inside the name.
        let hex = "d".repeat(40);
        let (text, cleanups) = cleaned(&format!("h{hex}JnyK:{hex}"));
        assert_eq!(text, hex);
        assert_eq!(
            cleanups,
            [Cleanup::FromAssignment {
                name: "(unnamed)".into()
            }]
        );
        let (_, cleanups) = cleaned(&format!("{{\"x{hex}\": \"{hex}\"}}"));
        assert_eq!(
            cleanups,
            [Cleanup::FromJsonField {
                name: "(unnamed)".into()
            }]
        );
    }

    #[test]
    fn descriptions_are_plain_words() {
        assert_eq!(
            Cleanup::RemovedBearer.describe(),
            "removed the “Bearer” prefix"
        );
        assert_eq!(
            Cleanup::JoinedLines { count: 1 }.describe(),
            "removed a line break inside the token"
        );
        assert_eq!(
            Cleanup::FromUrlUserInfo.describe(),
            "took the token out of a URL"
        );
    }
}
