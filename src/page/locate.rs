//! Finding the one fresh secret among what the content script saw (docs/github-pages.md).
//!
//! By structure first: a recognised token in GitHub's own elements for a new secret, then in
//! a copy button or a visible field; a client secret (40 hex characters) only in a holder's
//! text on an app's settings page. Then the safety net: a checksum-valid token in another
//! `value` attribute or in the page text, but only where the page itself says a new secret is
//! shown (GitHub's notice or markers): a page that merely quotes a token gets no reminder.

use zeroize::Zeroizing;

use super::assessment::{SecretKind, TokenAt};
use super::expiry::{page_expiry, row_expiry};
use super::facts::{utf16_offset, PageFacts, Source};
use super::paths::is_app_settings;
use super::phrase::contains_phrase;
use crate::token::{find_tokens, Kind};

/// GitHub's notices beside a new secret ("Make sure to copy your personal access token now.
/// You won’t be able to see it again!", and the fine-grained and client-secret wordings).
const NOTICES: [&str; 3] = [
    "make sure to copy your",
    "won't be able to see it again",
    "not be able to see this again",
];

/// Whether the page says that a new secret is shown.
pub fn says_new_secret(facts: &PageFacts) -> bool {
    facts.token_element
        || facts.text.as_ref().is_some_and(|text| {
            NOTICES
                .iter()
                .any(|notice| contains_phrase(text.expose(), notice))
        })
}

/// A secret located among the facts.
pub struct Located {
    pub value: Zeroizing<String>,
    pub kind: Kind,
    pub secret: SecretKind,
    pub at: TokenAt,
    /// The expiry its row (or, failing that, the whole page, if unambiguous) states.
    pub expires: Option<String>,
}

fn client_secret_in(text: &str) -> Option<(usize, usize)> {
    let trimmed = text.trim();
    let is_hex = trimmed.len() == 40 && trimmed.bytes().all(|b| b.is_ascii_hexdigit());
    let start = text.len() - text.trim_start().len();
    is_hex.then_some((start, start + 40))
}

/// Find the new secret (see the module's rules).
pub fn locate(facts: &PageFacts, path: &str) -> Option<Located> {
    let fresh = says_new_secret(facts);
    let on_app_settings = is_app_settings(path);
    // By source, then in document order (a pass per source: a sort would cost the modules
    // that assess pages a general sorting routine for at most 64 candidates).
    let order = Source::IN_TRUST_ORDER.into_iter().flat_map(|source| {
        (0..facts.candidates.len()).filter(move |&index| facts.candidates[index].source == source)
    });
    for index in order {
        let candidate = &facts.candidates[index];
        if !candidate.source.is_structural() && !fresh {
            continue;
        }
        let text = candidate.value.expose();
        let found = find_tokens(text)
            .into_iter()
            .next()
            .map(|found| (found.start, found.end, found.kind, SecretKind::Token))
            .or_else(|| {
                (candidate.source.is_holder() && on_app_settings)
                    .then(|| client_secret_in(text))
                    .flatten()
                    .map(|(start, end)| (start, end, Kind::NotAToken, SecretKind::ClientSecret))
            });
        if let Some((start, end, kind, secret)) = found {
            // A row that says nothing yet ("Loading expiration ...") is not read from
            // the rest of the page: another row's date would be wrong.
            let expires = match &candidate.row {
                Some(row) => row_expiry(row.expose()),
                None => facts.text.as_ref().and_then(|t| page_expiry(t.expose())),
            };
            return Some(Located {
                value: Zeroizing::new(text.get(start..end)?.to_owned()),
                kind,
                secret,
                at: TokenAt {
                    candidate: Some(index),
                    start: utf16_offset(text, start),
                    end: utf16_offset(text, end),
                },
                expires,
            });
        }
    }
    if !fresh {
        return None;
    }
    let text = facts.text.as_ref()?.expose();
    let found = find_tokens(text).into_iter().next()?;
    Some(Located {
        value: Zeroizing::new(text.get(found.start..found.end)?.to_owned()),
        kind: found.kind,
        secret: SecretKind::Token,
        at: TokenAt {
            candidate: None,
            start: utf16_offset(text, found.start),
            end: utf16_offset(text, found.end),
        },
        expires: page_expiry(text),
    })
}
