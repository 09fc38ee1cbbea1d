//! The one message type that crosses between PAT Guard's contexts (popup, banner, content
//! script, background).
//!
//! Every context serializes with serde-wasm-bindgen's JSON-compatible serializer, so a message
//! on the wire is a plain JSON object tagged by `type`, e.g. `{"type":"ping"}`. The receiver
//! rebuilds the enum with [`Message::from_json_value`]-style deserialization and then calls
//! [`Message::validate`]: unknown types, unknown fields and oversized strings are refused.

use serde::{Deserialize, Serialize};

use crate::page::{PageAssessment, PageFacts, MAX_SHOWN_TEXT_LEN, MAX_URL_LEN};
use crate::token::Kind;

/// Longest free-text field any message may carry.
pub const MAX_TEXT_LEN: usize = 512;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
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
    /// Background → sender: done, nothing to report.
    Ack {},
    /// Background → sender: the message was refused; `reason` is safe to show.
    Refused { reason: String },
}

/// Why a message was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProtocolError {
    /// Not one of the known message shapes.
    Malformed(String),
    /// A field is longer than the protocol allows.
    TooLong { field: &'static str, max: usize },
}

impl std::fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProtocolError::Malformed(why) => write!(f, "malformed message: {why}"),
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
        fn limit(field: &'static str, value: &str, max: usize) -> Result<(), ProtocolError> {
            if value.len() > max {
                Err(ProtocolError::TooLong { field, max })
            } else {
                Ok(())
            }
        }
        match self {
            Message::PageFacts(facts) => {
                limit("url", &facts.url, MAX_URL_LEN)?;
                match &facts.shown_text {
                    Some(text) if text.len() > MAX_SHOWN_TEXT_LEN => Err(ProtocolError::TooLong {
                        field: "shownText",
                        max: MAX_SHOWN_TEXT_LEN,
                    }),
                    _ => Ok(()),
                }
            }
            Message::Pong { version } => limit("version", version, MAX_TEXT_LEN),
            Message::Refused { reason } => limit("reason", reason, MAX_TEXT_LEN),
            Message::Ping {}
            | Message::PageAssessment(_)
            | Message::BannerDismissed {}
            | Message::UnmountBanner {}
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

/// The kind the content script passes to the banner in its URL (`banner.html?kind=classic`):
/// the only thing the banner learns about the token.
pub fn banner_kind(query: &str) -> Option<Kind> {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("kind="))
        .and_then(Kind::from_code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::PageKind;
    use serde_json::json;

    fn parse(value: serde_json::Value) -> Result<Message, String> {
        let message: Message = serde_json::from_value(value).map_err(|e| e.to_string())?;
        message.validate().map_err(|e| e.to_string())?;
        Ok(message)
    }

    #[test]
    fn the_banner_reads_only_a_known_kind_from_its_query() {
        assert_eq!(banner_kind("?kind=classic"), Some(Kind::Classic));
        assert_eq!(
            banner_kind("?x=1&kind=fine-grained"),
            Some(Kind::FineGrained)
        );
        assert_eq!(banner_kind("?kind=not-a-token"), Some(Kind::NotAToken));
        for query in [
            "",
            "?",
            "?kind=",
            "?kind=<b>",
            "?kind=ghp_abc",
            "?kinds=classic",
        ] {
            assert_eq!(banner_kind(query), None, "{query}");
        }
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
        assert_eq!(
            serde_json::to_value(Message::PageAssessment(PageAssessment {
                page: PageKind::TokenShown,
                banner: true,
                kind: None,
            }))
            .unwrap(),
            json!({"type": "page-assessment", "page": "token-shown", "banner": true, "kind": null})
        );
    }

    #[test]
    fn accepts_what_the_content_script_sends() {
        let message = parse(json!({
            "type": "page-facts",
            "url": "https://github.com/settings/tokens",
            "tokenElement": true,
            "copyNotice": false
        }))
        .unwrap();
        assert_eq!(
            message,
            Message::PageFacts(PageFacts {
                url: "https://github.com/settings/tokens".into(),
                token_element: true,
                copy_notice: false,
                shown_text: None,
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
            json!({"type": "page-facts", "url": 7, "tokenElement": true, "copyNotice": true}),
            json!({"type": "page-facts", "url": "x", "tokenElement": true, "copyNotice": true, "token": "x"}),
        ] {
            assert!(parse(bad.clone()).is_err(), "{bad}");
        }
    }

    #[test]
    fn refuses_oversized_fields_without_echoing_them() {
        let long = "https://github.com/".to_owned() + &"a".repeat(MAX_URL_LEN);
        let error = parse(json!({
            "type": "page-facts", "url": long, "tokenElement": false, "copyNotice": false
        }))
        .unwrap_err();
        assert!(error.contains("`url`"), "{error}");
        assert!(!error.contains("aaaa"), "{error}");
    }
}
