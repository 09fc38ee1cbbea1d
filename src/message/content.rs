//! Content script → background. (The content script is plain JavaScript: these types are what
//! the background accepts from it and answers; `tests/wire_contract.rs` holds `content.js` to
//! them.)

use serde::{Deserialize, Serialize};

use super::tab::SaveStateChange;
use super::wire::{limit, wire_enum, ProtocolError, Request, Wire, MAX_FINGERPRINT_LEN};
use crate::leak::{MAX_LEAK_CANDIDATES, MAX_LEAK_CANDIDATE_LEN};
use crate::page::{
    PageAssessment, PageFacts, MAX_CANDIDATES, MAX_CANDIDATE_LEN, MAX_ROW_LEN,
    MAX_TEXT_LEN as MAX_PAGE_TEXT_LEN, MAX_THEME_NAME_LEN, MAX_URL_LEN,
};
use crate::token::SecretString;

wire_enum! {
    pub enum ContentRequest {
        /// What it saw on a github.com page.
        PageFacts(PageFacts),
        /// The user copied the shown token.
        TokenCopied { fingerprint: String },
        /// Strings that start like a secret, pasted, dropped or about to be submitted in a
        /// text field of the page at `url` (only those strings, never the whole field).
        LeakCandidates { url: String, candidates: Vec<SecretString> },
    }
}

wire_enum! {
    pub enum ContentReply {
        /// What the page is and what to do there (answers `PageFacts`).
        PageAssessment(PageAssessment),
        /// What the user did with the token now (answers `TokenCopied`).
        SaveStateChanged(SaveStateChange),
        /// The secrets among the candidates (answers `LeakCandidates`).
        LeaksFound { leaks: Vec<LeakFinding> },
    }
}

/// A secret in a candidate string, with what the content script needs to warn about it: its
/// place, the address of its warning frame (whose fragment holds the frame's key), and
/// whether the user already chose to keep it this session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LeakFinding {
    pub candidate: usize,
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub key: String,
    pub kept: bool,
    pub warning_address: String,
}

impl Wire for ContentRequest {
    fn validate(&self) -> Result<(), ProtocolError> {
        match self {
            ContentRequest::PageFacts(facts) => {
                limit("url", &facts.url, MAX_URL_LEN)?;
                if facts.candidates.len() > MAX_CANDIDATES {
                    return Err(ProtocolError::TooLong {
                        field: "candidates",
                        max: MAX_CANDIDATES,
                    });
                }
                for candidate in &facts.candidates {
                    limit("candidates", candidate.value.expose(), MAX_CANDIDATE_LEN)?;
                    if let Some(row) = &candidate.row {
                        limit("row", row.expose(), MAX_ROW_LEN)?;
                    }
                }
                if let Some(colors) = &facts.colors {
                    for name in [&colors.mode, &colors.light_theme, &colors.dark_theme]
                        .into_iter()
                        .flatten()
                    {
                        limit("colors", name, MAX_THEME_NAME_LEN)?;
                    }
                }
                match &facts.text {
                    Some(text) => limit("text", text.expose(), MAX_PAGE_TEXT_LEN),
                    None => Ok(()),
                }
            }
            ContentRequest::TokenCopied { fingerprint } => {
                limit("fingerprint", fingerprint, MAX_FINGERPRINT_LEN)
            }
            ContentRequest::LeakCandidates { url, candidates } => {
                limit("url", url, MAX_URL_LEN)?;
                if candidates.len() > MAX_LEAK_CANDIDATES {
                    return Err(ProtocolError::TooLong {
                        field: "candidates",
                        max: MAX_LEAK_CANDIDATES,
                    });
                }
                for candidate in candidates {
                    limit("candidates", candidate.expose(), MAX_LEAK_CANDIDATE_LEN)?;
                }
                Ok(())
            }
        }
    }
}

impl Wire for ContentReply {
    fn validate(&self) -> Result<(), ProtocolError> {
        match self {
            ContentReply::PageAssessment(_) => Ok(()),
            ContentReply::SaveStateChanged(change) => change.validate(),
            ContentReply::LeaksFound { leaks } => {
                for leak in leaks {
                    limit(
                        "warningAddress",
                        &leak.warning_address,
                        super::MAX_ADDRESS_LEN,
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl Request for ContentRequest {
    type Reply = ContentReply;
}
