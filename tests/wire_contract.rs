//! content.js cannot import Rust, so it writes the wire contract again: the message types it
//! sends and handles, and the fields of what it reports. This test holds it to the Rust
//! definitions (Refined GitHub's meta-tests hold its features to their rules the same way).

use pat_guard::message::{
    to_wire, ContentReply, ContentRequest, LeakFinding, Refusal, SaveStateChange, TabCommand,
    TabReply, Wire,
};
use pat_guard::page::{Candidate, PageAssessment, PageFacts, SaveState, Source, TokenAt};
use pat_guard::token::{Kind, SecretString};

const CONTENT: &str = include_str!("../extension/content.js");

/// Every quoted string that follows `marker` in `source`.
fn quoted_after<'a>(source: &'a str, marker: &str) -> Vec<&'a str> {
    source
        .match_indices(marker)
        .filter_map(|(at, _)| {
            let rest = &source[at + marker.len()..];
            rest.find('\'').map(|end| &rest[..end])
        })
        .collect()
}

/// The `type` of every message content.js may send, answer or handle, from the Rust types of
/// its channels (content script → background and background → content script).
fn message_types() -> Vec<String> {
    let change = || SaveStateChange {
        fingerprint: "f".into(),
        state: SaveState::Copied,
        banner_address: None,
    };
    let mut all: Vec<serde_json::Value> = Vec::new();
    let mut add = |value: serde_json::Value| all.push(value);
    add(json(ContentRequest::PageFacts(PageFacts {
        url: "u".into(),
        token_element: false,
        candidates: vec![],
        text: None,
        left_unsaved: None,
        colors: None,
    })));
    add(json(ContentRequest::TokenCopied {
        fingerprint: "f".into(),
    }));
    add(json(
        ContentReply::PageAssessment(PageAssessment::default()),
    ));
    add(json(ContentReply::SaveStateChanged(change())));
    add(json(TabCommand::UnmountBanner {}));
    add(json(TabCommand::ConfirmBannerVisible { key: None }));
    add(json(ContentRequest::LeakCandidates {
        url: "u".into(),
        candidates: vec![],
    }));
    add(json(ContentReply::LeaksFound { leaks: vec![] }));
    add(json(TabCommand::LeakDecided {
        key: "k".into(),
        keep: false,
    }));
    add(json(TabCommand::ShareLeak { key: "k".into() }));
    add(json(TabCommand::ResizeBanner {
        height: 1,
        key: None,
    }));
    add(json(TabCommand::SaveStateChanged(change())));
    add(json(TabCommand::ShareShownToken {
        fingerprint: "f".into(),
    }));
    add(json(TabReply::Ack {}));
    add(json(TabReply::ShownToken {
        value: SecretString::new("x".into()),
    }));
    add(json(Refusal::new("r")));
    all.iter()
        .map(|message| message["type"].as_str().unwrap().to_owned())
        .collect()
}

fn json(message: impl Wire) -> serde_json::Value {
    to_wire(&message).unwrap()
}

#[test]
fn every_message_type_content_js_names_exists() {
    let known = message_types();
    let mut used: Vec<&str> = Vec::new();
    for marker in ["type: '", "case '", "?.type === '", "?.type !== '"] {
        used.extend(quoted_after(CONTENT, marker));
    }
    // Not message types: an input's type attribute and a keyboard event's type.
    used.retain(|name| !["hidden", "keydown"].contains(name));
    assert!(used.len() >= 10, "{used:?}");
    for name in used {
        assert!(
            known.iter().any(|k| k == name),
            "content.js uses the unknown message type {name:?}"
        );
    }
}

#[test]
fn the_leak_guard_fields_content_js_reads_are_the_rust_ones() {
    let finding = serde_json::to_value(LeakFinding {
        candidate: 0,
        start: 0,
        end: 1,
        kind: "classic".into(),
        key: "k".into(),
        kept: false,
        warning_address: "a".into(),
    })
    .unwrap();
    for key in finding.as_object().unwrap().keys() {
        assert!(
            CONTENT.contains(&format!("leak.{key}")),
            "content.js never reads {key} of a leak"
        );
    }
    assert!(CONTENT.contains("reply?.leaks") || CONTENT.contains("reply.leaks"));
}

#[test]
fn the_fields_content_js_reads_and_writes_are_the_rust_ones() {
    // What content.js reports: every key it writes must be a field PageFacts accepts (it
    // refuses unknown ones), and the other way round.
    let facts = json(ContentRequest::PageFacts(PageFacts {
        url: "u".into(),
        token_element: true,
        candidates: vec![Candidate {
            value: SecretString::new("v".into()),
            source: Source::Field,
            row: Some(SecretString::new("r".into())),
        }],
        text: Some(SecretString::new("t".into())),
        left_unsaved: Some(Kind::Classic),
        colors: None,
    }));
    let mut keys: Vec<String> = facts.as_object().unwrap().keys().cloned().collect();
    keys.extend(facts["candidates"][0].as_object().unwrap().keys().cloned());
    for key in keys.iter().filter(|key| *key != "type") {
        assert!(
            CONTENT.contains(key.as_str()),
            "content.js never writes {key}"
        );
    }
    // What it reads of an assessment.
    let assessment = serde_json::to_value(PageAssessment {
        token_at: Some(TokenAt {
            candidate: Some(0),
            start: 0,
            end: 1,
        }),
        ..PageAssessment::default()
    })
    .unwrap();
    for key in [
        "tokenAt",
        "bannerAddress",
        "fingerprint",
        "expires",
        "banner",
        "guard",
        "lost",
        "kind",
        "state",
        "page",
    ] {
        assert!(assessment.get(key).is_some(), "PageAssessment has no {key}");
        assert!(
            ["assessment.", "assessment?.", "reply."]
                .iter()
                .any(|owner| CONTENT.contains(&format!("{owner}{key}"))),
            "content.js never reads {key}"
        );
    }
    // What it reads of a save state change, as an answer and as a command.
    let change = serde_json::to_value(SaveStateChange {
        fingerprint: "f".into(),
        state: SaveState::Copied,
        banner_address: Some("banner.html?".into()),
    })
    .unwrap();
    for key in ["fingerprint", "state", "bannerAddress"] {
        assert!(change.get(key).is_some(), "SaveStateChange has no {key}");
        assert!(
            CONTENT.contains(&format!("message.{key}"))
                && CONTENT.contains(&format!("reply.{key}")),
            "content.js does not read {key} of both"
        );
    }
    for key in ["candidate", "start", "end"] {
        assert!(assessment["tokenAt"].get(key).is_some());
        assert!(
            CONTENT.contains(&format!("at.{key}")),
            "content.js never reads tokenAt.{key}"
        );
    }
}
