//! The one message type that crosses between PAT Guard's contexts (popup, banner, content
//! script, background).
//!
//! Every context serializes with serde-wasm-bindgen's JSON-compatible serializer, so a message
//! on the wire is a plain JSON object tagged by `type`, e.g. `{"type":"ping"}`. The receiver
//! rebuilds the enum with [`Message::from_json_value`]-style deserialization and then calls
//! [`Message::validate`]: unknown types, unknown fields and oversized strings are refused.

use serde::{Deserialize, Serialize};

use crate::github::Report;
use crate::page::{
    fits_utf16, PageAssessment, PageFacts, PageKind, SaveState, SecretKind, MAX_CANDIDATES,
    MAX_CANDIDATE_LEN, MAX_ROW_LEN, MAX_TEXT_LEN as MAX_PAGE_TEXT_LEN, MAX_URL_LEN,
};
use crate::token::SecretString;

/// The longest free text (a version, a refusal's reason) a message may carry.
pub const MAX_REASON_LEN: usize = 512;

mod banner_url;

pub use banner_url::{banner_key, banner_live, banner_params, BannerLive, BannerParams};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Message {
    /// Any extension context → background: are you there, and which version?
    Ping {},
    /// Background → sender of `Ping`.
    Pong { version: String },
    /// Content script → background: what it saw on a github.com page.
    PageFacts(PageFacts),
    /// Background → content script: what the page is and whether to show the banner.
    PageAssessment(PageAssessment),
    /// Banner → background: the user closed the banner.
    BannerDismissed {},
    /// Background → content script of the banner's tab: remove the banner.
    UnmountBanner {},
    /// Background → content script of the banner's tab, before acting on a click in the
    /// banner: is the reminder really visible (on screen, not covered, not faded)? The answer
    /// is `Ack` or `Refused` with the reason.
    ConfirmBannerVisible {},
    /// Banner → background, then background → content script: make the banner frame this
    /// tall (CSS pixels), to fit a verdict card.
    ResizeBanner { height: u32 },
    /// Content script → background: the user copied the shown token.
    TokenCopied { fingerprint: String },
    /// Banner → background: the user says the token is saved.
    TokenAcknowledged { fingerprint: String },
    /// Background → content script: what the user did with a token now.
    SaveStateChanged {
        fingerprint: String,
        state: SaveState,
    },
    /// Banner (its own tab) or popup (`tab_id`) → background: check the token shown in a tab.
    CheckShownToken {
        #[serde(default)]
        tab_id: Option<i32>,
    },
    /// Background → content script: hand over the shown token, for one check.
    ShareShownToken { fingerprint: String },
    /// Content script → background, as the answer to `ShareShownToken`.
    ShownToken { value: SecretString },
    /// Background → banner or popup: what the check found.
    CheckResult { report: Box<Report> },
    /// Popup → background: what does this tab show?
    PageStatusRequest { tab_id: i32, url: String },
    /// Background → popup.
    PageStatus {
        page: PageKind,
        #[serde(default)]
        state: Option<SaveState>,
        #[serde(default)]
        kind: Option<crate::token::Kind>,
        #[serde(default)]
        secret: Option<SecretKind>,
    },
    /// Background → sender: done, nothing to report.
    Ack {},
    /// Background → sender: the message was refused; `reason` is safe to show.
    Refused { reason: String },
}

/// Why a message was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProtocolError {
    /// Not one of the known message shapes. What was wrong is not kept: the decoder's own
    /// words quote the input (an unknown `type` could be a token).
    Malformed,
    /// A field is longer than the protocol allows.
    TooLong { field: &'static str, max: usize },
}

impl std::fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProtocolError::Malformed => {
                write!(
                    f,
                    "malformed message: not one of PAT Guard's message shapes"
                )
            }
            ProtocolError::TooLong { field, max } => {
                write!(f, "message field `{field}` is longer than {max} characters")
            }
        }
    }
}

impl std::error::Error for ProtocolError {}

impl Message {
    /// Check the limits that serde's shape check does not cover.
    pub fn validate(&self) -> Result<(), ProtocolError> {
        // In UTF-16 code units, as the JavaScript side counts and cuts.
        fn limit(field: &'static str, value: &str, max: usize) -> Result<(), ProtocolError> {
            if !fits_utf16(value, max) {
                Err(ProtocolError::TooLong { field, max })
            } else {
                Ok(())
            }
        }
        match self {
            Message::PageFacts(facts) => {
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
                match &facts.text {
                    Some(text) => limit("text", text.expose(), MAX_PAGE_TEXT_LEN),
                    None => Ok(()),
                }
            }
            Message::PageStatusRequest { url, .. } => limit("url", url, MAX_URL_LEN),
            Message::TokenCopied { fingerprint }
            | Message::TokenAcknowledged { fingerprint }
            | Message::ShareShownToken { fingerprint }
            | Message::SaveStateChanged { fingerprint, .. } => {
                limit("fingerprint", fingerprint, 64)
            }
            Message::ShownToken { value } => limit("value", value.expose(), MAX_CANDIDATE_LEN),
            Message::Pong { version } => limit("version", version, MAX_REASON_LEN),
            Message::Refused { reason } => limit("reason", reason, MAX_REASON_LEN),
            Message::Ping {}
            | Message::PageAssessment(_)
            | Message::BannerDismissed {}
            | Message::UnmountBanner {}
            | Message::ConfirmBannerVisible {}
            | Message::ResizeBanner { .. }
            | Message::CheckShownToken { .. }
            | Message::CheckResult { .. }
            | Message::PageStatus { .. }
            | Message::Ack {} => Ok(()),
        }
    }

    /// A refusal that names what went wrong without echoing the input.
    pub fn refused(error: &ProtocolError) -> Message {
        Message::Refused {
            reason: error.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Candidate, PageKind, Source};
    use serde_json::json;

    fn parse(value: serde_json::Value) -> Result<Message, String> {
        let message: Message = serde_json::from_value(value).map_err(|e| e.to_string())?;
        message.validate().map_err(|e| e.to_string())?;
        Ok(message)
    }

    #[test]
    fn wire_format_is_a_type_tagged_object() {
        assert_eq!(
            serde_json::to_value(Message::Ping {}).unwrap(),
            json!({"type": "ping"})
        );
        assert_eq!(
            serde_json::to_value(Message::Pong {
                version: "1.2.3".into()
            })
            .unwrap(),
            json!({"type": "pong", "version": "1.2.3"})
        );
        let assessment = serde_json::to_value(Message::PageAssessment(PageAssessment {
            page: PageKind::TokenShown,
            banner: true,
            ..PageAssessment::default()
        }))
        .unwrap();
        assert_eq!(assessment["type"], "page-assessment");
        assert_eq!(assessment["page"], "token-shown");
        assert_eq!(assessment["banner"], true);
        assert_eq!(
            serde_json::to_value(Message::SaveStateChanged {
                fingerprint: "ab".into(),
                state: SaveState::Copied
            })
            .unwrap(),
            json!({"type": "save-state-changed", "fingerprint": "ab", "state": "copied"})
        );
    }

    #[test]
    fn accepts_what_the_content_script_sends() {
        let message = parse(json!({
            "type": "page-facts",
            "url": "https://github.com/settings/tokens",
            "tokenElement": true,
            "candidates": [{"value": "x", "source": "copy-button", "row": "Expires on"}]
        }))
        .unwrap();
        assert_eq!(
            message,
            Message::PageFacts(PageFacts {
                url: "https://github.com/settings/tokens".into(),
                token_element: true,
                candidates: vec![Candidate {
                    value: SecretString::new("x".into()),
                    source: Source::CopyButton,
                    row: Some(SecretString::new("Expires on".into())),
                }],
                text: None,
                left_unsaved: None,
            })
        );
        assert_eq!(
            parse(json!({"type": "banner-dismissed"})).unwrap(),
            Message::BannerDismissed {}
        );
    }

    #[test]
    fn refuses_unknown_shapes() {
        for bad in [
            json!(null),
            json!("ping"),
            json!({}),
            json!({"type": "launch-missiles"}),
            json!({"type": "ping", "extra": 1}),
            json!({"type": "page-facts", "url": "https://github.com/"}),
            json!({"type": "page-facts", "url": 7, "tokenElement": true}),
            json!({"type": "page-facts", "url": "x", "tokenElement": true, "token": "x"}),
            json!({"type": "page-facts", "url": "x", "tokenElement": true, "candidates": [{"value": "x", "source": "hidden-input"}]}),
            json!({"type": "page-facts", "url": "x", "tokenElement": true, "candidates": [{"value": "x"}]}),
        ] {
            assert!(parse(bad.clone()).is_err(), "{bad}");
        }
    }

    #[test]
    fn page_text_is_measured_as_javascript_measures_it() {
        // Two UTF-8 bytes but one UTF-16 unit each: what the content script cut to the
        // limit must pass whole (a byte count refused such pages, and so missed the token).
        let facts = |text: String, row: String| {
            json!({
                "type": "page-facts", "url": "https://github.com/settings/tokens",
                "tokenElement": false, "text": text,
                "candidates": [{"value": "é".repeat(MAX_CANDIDATE_LEN), "source": "field", "row": row}]
            })
        };
        assert!(parse(facts(
            "é".repeat(MAX_PAGE_TEXT_LEN),
            "€".repeat(MAX_ROW_LEN)
        ))
        .is_ok());
        let error = parse(facts("é".repeat(MAX_PAGE_TEXT_LEN + 1), String::new())).unwrap_err();
        assert!(error.contains("`text`") && !error.contains("éé"), "{error}");
        // An astral character is two units, as in JavaScript.
        assert!(parse(facts("😀".repeat(MAX_PAGE_TEXT_LEN / 2 + 1), String::new())).is_err());
    }

    #[test]
    fn serde_alone_would_take_an_array_for_a_message() {
        // Why browser::from_js refuses anything but a plain object first (found by fuzzing).
        assert_eq!(
            serde_json::from_value::<Message>(json!(["ping"])).unwrap(),
            Message::Ping {}
        );
    }

    #[test]
    fn a_refusal_never_quotes_the_message() {
        let token_as_type = "ghp_0123456789abcdefghijklmnopqrstuvwxyz";
        let decoded: Result<Message, _> = serde_json::from_value(json!({ "type": token_as_type }));
        assert!(
            decoded.unwrap_err().to_string().contains(token_as_type),
            "serde quotes it"
        );
        let Message::Refused { reason } = Message::refused(&ProtocolError::Malformed) else {
            unreachable!()
        };
        assert_eq!(
            reason,
            "malformed message: not one of PAT Guard's message shapes"
        );
    }

    #[test]
    fn refuses_oversized_fields_without_echoing_them() {
        let long = "https://github.com/".to_owned() + &"a".repeat(MAX_URL_LEN);
        let error = parse(json!({
            "type": "page-facts", "url": long, "tokenElement": false
        }))
        .unwrap_err();
        assert!(error.contains("`url`"), "{error}");
        assert!(!error.contains("aaaa"), "{error}");
    }
}
