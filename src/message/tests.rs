use serde_json::json;

use super::*;
use crate::page::{
    Candidate, PageAssessment, PageFacts, PageKind, SaveState, Source, MAX_CANDIDATE_LEN,
    MAX_ROW_LEN, MAX_TEXT_LEN as MAX_PAGE_TEXT_LEN, MAX_URL_LEN,
};
use crate::token::{HandedSecret, SecretString};

fn parse<T: Wire>(value: serde_json::Value) -> Result<T, String> {
    from_wire(value).map_err(|e| e.to_string())
}

fn wire<T: Wire>(message: T) -> serde_json::Value {
    to_wire(&message).unwrap()
}

#[test]
fn wire_format_is_a_type_tagged_object() {
    assert_eq!(wire(PopupRequest::Ping {}), json!({"type": "ping"}));
    assert_eq!(
        wire(PopupReply::Pong {
            version: "1.2.3".into()
        }),
        json!({"type": "pong", "version": "1.2.3"})
    );
    let assessment = wire(ContentReply::PageAssessment(PageAssessment {
        page: PageKind::TokenShown,
        banner: true,
        ..PageAssessment::default()
    }));
    assert_eq!(assessment["type"], "page-assessment");
    assert_eq!(assessment["page"], "token-shown");
    assert_eq!(assessment["banner"], true);
    let change = SaveStateChange {
        fingerprint: "ab".into(),
        state: SaveState::Copied,
        banner_address: Some("banner.html#state=copied".into()),
    };
    let expected = json!({
        "type": "save-state-changed", "fingerprint": "ab", "state": "copied",
        "bannerAddress": "banner.html#state=copied"
    });
    assert_eq!(
        wire(ContentReply::SaveStateChanged(change.clone())),
        expected
    );
    assert_eq!(wire(TabCommand::SaveStateChanged(change)), expected);
}

#[test]
fn accepts_what_the_content_script_sends() {
    let message: ContentRequest = parse(json!({
        "type": "page-facts",
        "url": "https://github.com/settings/tokens",
        "tokenElement": true,
        "candidates": [{"value": "x", "source": "copy-button", "row": "Expires on"}]
    }))
    .unwrap();
    assert_eq!(
        message,
        ContentRequest::PageFacts(PageFacts {
            url: "https://github.com/settings/tokens".into(),
            token_element: true,
            candidates: vec![Candidate {
                value: SecretString::new("x".into()),
                source: Source::CopyButton,
                row: Some(SecretString::new("Expires on".into())),
            }],
            text: None,
            left_unsaved: None,
            colors: None,
        })
    );
    assert_eq!(
        parse::<TabReply>(json!({"type": "shown-token", "value": "x"})).unwrap(),
        TabReply::ShownToken {
            value: SecretString::new("x".into())
        }
    );
}

#[test]
fn a_message_decodes_only_on_its_own_channel() {
    let facts = json!({"type": "page-facts", "url": "https://github.com/", "tokenElement": true});
    let acknowledged = json!({"type": "token-acknowledged", "fingerprint": "00ff"});
    let ping = json!({"type": "ping"});
    assert!(parse::<ContentRequest>(facts.clone()).is_ok());
    assert!(parse::<PopupRequest>(facts.clone()).is_err());
    assert!(parse::<BannerRequest>(facts).is_err());
    assert!(parse::<BannerRequest>(acknowledged.clone()).is_ok());
    assert!(parse::<ContentRequest>(acknowledged.clone()).is_err());
    assert!(parse::<PopupRequest>(acknowledged).is_err());
    assert!(parse::<PopupRequest>(ping.clone()).is_ok());
    assert!(parse::<ContentRequest>(ping.clone()).is_err());
    assert!(parse::<BannerRequest>(ping).is_err());
    // The same name on two channels means what each channel says: the popup names the tab,
    // the reminder cannot (it checks its own).
    assert!(parse::<PopupRequest>(json!({"type": "check-shown-token", "tabId": 3})).is_ok());
    assert!(parse::<PopupRequest>(json!({"type": "check-shown-token"})).is_err());
    assert!(parse::<BannerRequest>(json!({"type": "check-shown-token"})).is_ok());
    assert!(parse::<BannerRequest>(json!({"type": "check-shown-token", "tabId": 3})).is_err());
    // Replies are not requests.
    for reply in [
        json!({"type": "pong", "version": "1"}),
        json!({"type": "ack"}),
        json!({"type": "refused", "reason": "x"}),
        json!({"type": "shown-token", "value": "x"}),
    ] {
        assert!(parse::<PopupRequest>(reply.clone()).is_err(), "{reply}");
        assert!(parse::<ContentRequest>(reply.clone()).is_err(), "{reply}");
        assert!(parse::<BannerRequest>(reply.clone()).is_err(), "{reply}");
    }
}

#[test]
fn refuses_unknown_shapes() {
    for bad in [
        json!(null),
        json!("page-facts"),
        json!({}),
        json!({"type": "launch-missiles"}),
        json!({"type": "token-copied", "fingerprint": "ab", "extra": 1}),
        json!({"type": "page-facts", "url": "https://github.com/"}),
        json!({"type": "page-facts", "url": 7, "tokenElement": true}),
        json!({"type": "page-facts", "url": "x", "tokenElement": true, "token": "x"}),
        json!({"type": "page-facts", "url": "x", "tokenElement": true, "candidates": [{"value": "x", "source": "hidden-input"}]}),
        json!({"type": "page-facts", "url": "x", "tokenElement": true, "candidates": [{"value": "x"}]}),
    ] {
        assert!(parse::<ContentRequest>(bad.clone()).is_err(), "{bad}");
    }
}

#[test]
fn page_text_is_measured_as_javascript_measures_it() {
    // Two UTF-8 bytes but one UTF-16 unit each: what the content script cut to the limit
    // must pass whole (a byte count refused such pages, and so missed the token).
    let facts = |text: String, row: String| {
        json!({
            "type": "page-facts", "url": "https://github.com/settings/tokens",
            "tokenElement": false, "text": text,
            "candidates": [{"value": "é".repeat(MAX_CANDIDATE_LEN), "source": "field", "row": row}]
        })
    };
    assert!(parse::<ContentRequest>(facts(
        "é".repeat(MAX_PAGE_TEXT_LEN),
        "€".repeat(MAX_ROW_LEN)
    ))
    .is_ok());
    let error = parse::<ContentRequest>(facts("é".repeat(MAX_PAGE_TEXT_LEN + 1), String::new()))
        .unwrap_err();
    assert!(error.contains("`text`") && !error.contains("éé"), "{error}");
    // An astral character is two units, as in JavaScript.
    assert!(
        parse::<ContentRequest>(facts("😀".repeat(MAX_PAGE_TEXT_LEN / 2 + 1), String::new()))
            .is_err()
    );
}

#[test]
fn only_an_object_tagged_by_a_string_type_is_a_message() {
    assert_eq!(
        parse::<PopupRequest>(json!({"type": "ping"})),
        Ok(PopupRequest::Ping {})
    );
    for malformed in [
        json!(["ping"]),
        json!("ping"),
        json!({"ping": {}}),
        json!({"type": 5}),
        json!({"type": "ping", "extra": 1}),
        json!({"type": "pong"}),
        json!({"type": "__proto__"}),
        json!({"type": "check-shown-token", "tabId": "1"}),
    ] {
        assert!(
            parse::<PopupRequest>(malformed.clone()).is_err(),
            "{malformed}"
        );
    }
}

#[test]
fn refuses_oversized_fields_without_echoing_them() {
    let long = "https://github.com/".to_owned() + &"a".repeat(MAX_URL_LEN);
    let error = parse::<ContentRequest>(json!({
        "type": "page-facts", "url": long, "tokenElement": false
    }))
    .unwrap_err();
    assert!(error.contains("`url`"), "{error}");
    assert!(!error.contains("aaaa"), "{error}");
    let long_print = json!({"type": "token-acknowledged", "fingerprint": "a".repeat(65)});
    assert!(parse::<BannerRequest>(long_print).is_err());
}

#[test]
fn a_token_to_check_is_the_token_and_a_host_name_and_nothing_else() {
    let handed = json!({
        "type": "token-to-check", "token": "ghp_x", "host": "github.acme.test", "allHeaders": true
    });
    let expected = TokenToCheck {
        token: HandedSecret(SecretString::new("ghp_x".into())),
        host: "github.acme.test".into(),
        all_headers: true,
    };
    match parse::<PopupReply>(handed.clone()).unwrap() {
        PopupReply::TokenToCheck(handed) => assert_eq!(handed, expected),
        other => panic!("{other:?}"),
    }
    match parse::<BannerReply>(handed.clone()).unwrap() {
        BannerReply::TokenToCheck(handed) => assert_eq!(handed, expected),
        other => panic!("{other:?}"),
    }
    // The same shape back on the wire.
    assert_eq!(wire(BannerReply::TokenToCheck(expected.clone())), handed);
    assert_eq!(wire(PopupReply::TokenToCheck(expected)), handed);
    // No other field, none missing, no host longer than DNS allows, no token longer than a page candidate.
    let mut extra = handed.clone();
    extra["url"] = json!("https://github.com/settings/tokens");
    let long_host = json!({"type": "token-to-check", "token": "ghp_x", "host": "a".repeat(254), "allHeaders": true});
    let long_token = json!({"type": "token-to-check", "token": "a".repeat(MAX_CANDIDATE_LEN + 1), "host": "github.com", "allHeaders": true});
    let mut missing = handed.clone();
    missing.as_object_mut().unwrap().remove("allHeaders");
    for refused in [extra, missing, long_host, long_token] {
        assert!(parse::<PopupReply>(refused.clone()).is_err(), "{refused}");
        assert!(parse::<BannerReply>(refused.clone()).is_err(), "{refused}");
    }
}
