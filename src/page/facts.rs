//! What the content script observes on a token page: observations only, every decision is
//! made from them in Rust. Lengths are in UTF-16 code units, JavaScript's string length, so
//! that both sides cut and count alike (a cut by the content script always passes here).

use serde::{Deserialize, Serialize};

use super::theme::PageColors;
use crate::token::{Kind, SecretString};

/// The largest URL the content script may report; longer ones are refused as malformed.
pub const MAX_URL_LEN: usize = 2048;
/// The most candidate strings the content script reports. Only strings that hold a GitHub
/// token prefix count (and the holders' text), so ordinary page content (hidden form fields,
/// hundreds of rows) cannot use them up.
pub const MAX_CANDIDATES: usize = 64;
/// The longest candidate; the content script skips longer ones.
pub const MAX_CANDIDATE_LEN: usize = 4096;
/// The longest row text reported with a candidate.
pub const MAX_ROW_LEN: usize = 2048;
/// The longest page text the content script reports for the fallback scan.
pub const MAX_TEXT_LEN: usize = 256 * 1024;

/// Where GitHub's markup put a candidate string, in the order PAT Guard trusts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The text of one of GitHub's elements for a new secret (`#new-oauth-token`,
    /// `#new-access-token`), whatever its tag.
    HolderText,
    /// The `value` attribute of such an element.
    HolderValue,
    /// The `value` of a `<clipboard-copy>` button: GitHub offers to copy it.
    CopyButton,
    /// The `value` of a visible form field (never a hidden input).
    Field,
    /// Any other element's `value` attribute: the safety net, like the text scan.
    Value,
}

impl Source {
    /// Every source, most trusted first (the order of the variants).
    pub const IN_TRUST_ORDER: [Source; 5] = [
        Source::HolderText,
        Source::HolderValue,
        Source::CopyButton,
        Source::Field,
        Source::Value,
    ];

    /// The stable code, as serialized.
    pub fn code(self) -> &'static str {
        match self {
            Source::HolderText => "holder-text",
            Source::HolderValue => "holder-value",
            Source::CopyButton => "copy-button",
            Source::Field => "field",
            Source::Value => "value",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "holder-text" => Some(Source::HolderText),
            "holder-value" => Some(Source::HolderValue),
            "copy-button" => Some(Source::CopyButton),
            "field" => Some(Source::Field),
            "value" => Some(Source::Value),
            _ => None,
        }
    }

    /// A secret found here is fresh by itself; elsewhere the page must also say so.
    pub fn is_structural(self) -> bool {
        self != Source::Value
    }

    /// One of GitHub's own elements for a new secret.
    pub fn is_holder(self) -> bool {
        matches!(self, Source::HolderText | Source::HolderValue)
    }
}

/// A string where GitHub may have put the new secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Candidate {
    pub value: SecretString,
    pub source: Source,
    /// The text of the row (list item, table row, `.new-token`) the element sits in, where
    /// the token's expiry is written.
    #[serde(default)]
    pub row: Option<SecretString>,
}

/// What the content script observed on a github.com page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageFacts {
    /// `location.href` of the page.
    pub url: String,
    /// The page has one of GitHub's markers of a new secret: `#new-oauth-token`,
    /// `#new-access-token` or a `.new-token` row.
    pub token_element: bool,
    /// Holders first, then copy buttons, fields and other values; each string reaches the
    /// background only to be classified, and is wiped after.
    #[serde(default)]
    pub candidates: Vec<Candidate>,
    /// The main content's text, for the notice and the fallback scan.
    #[serde(default)]
    pub text: Option<SecretString>,
    /// The user left a page with an unsaved token of this kind by a history navigation.
    #[serde(default)]
    pub left_unsaved: Option<Kind>,
    /// GitHub's colour settings, for the reminder's theme.
    #[serde(default)]
    pub colors: Option<PageColors>,
}

/// A string's length in UTF-16 code units (JavaScript's `length`).
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The length in UTF-16 code units of `text`'s first `byte` bytes (a character boundary;
/// past the end, the whole text): where a byte offset is in JavaScript's counting. Counted on
/// the bytes (one unit per character, two for a four-byte one), so no slicing can panic.
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    let bytes = text.as_bytes();
    bytes[..byte.min(bytes.len())]
        .iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// Whether a string fits `max` UTF-16 code units, cheaply when its bytes already do (every
/// UTF-16 unit takes at least one UTF-8 byte).
pub fn fits_utf16(text: &str, max: usize) -> bool {
    text.len() <= max || utf16_len(text) <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_counted_as_javascript_counts_them() {
        assert_eq!(utf16_len(""), 0);
        assert_eq!(utf16_len("a"), 1);
        assert_eq!(utf16_len("é"), 1);
        assert_eq!(utf16_len("€uro"), 4);
        assert_eq!(utf16_len("😀"), 2);
        // 3 bytes each in UTF-8, 1 unit each in JavaScript: fits where bytes would not.
        let text = "€".repeat(10);
        assert!(fits_utf16(&text, 10));
        assert!(!fits_utf16(&text, 9));
    }

    #[test]
    fn byte_offsets_become_javascript_offsets() {
        for text in [
            "",
            "ghp_abc",
            "é€😀x",
            "a😀b\u{10FFFF}",
            "\u{7FF}\u{800}\u{FFFF}\u{10000}",
        ] {
            for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
                assert_eq!(
                    utf16_offset(text, byte),
                    utf16_len(&text[..byte]),
                    "{text:?} {byte}"
                );
            }
            assert_eq!(utf16_offset(text, text.len() + 5), utf16_len(text));
        }
    }

    #[test]
    fn sources_are_ordered_by_trust() {
        assert!(Source::HolderText < Source::CopyButton);
        assert!(Source::CopyButton < Source::Field);
        assert!(Source::Field < Source::Value);
        assert!(Source::HolderValue.is_holder() && !Source::CopyButton.is_holder());
        assert!(!Source::Value.is_structural());
        // The list locate walks is every source, in that order.
        let all = Source::IN_TRUST_ORDER;
        assert!(all.windows(2).all(|pair| pair[0] < pair[1]));
        for source in all {
            // A new variant stops this from compiling (and then the count below from
            // holding) until it is in the list.
            match source {
                Source::HolderText
                | Source::HolderValue
                | Source::CopyButton
                | Source::Field
                | Source::Value => {}
            }
        }
        assert_eq!(all.len(), 5);
    }
}
